// Crash safety of memory writes: a child rewrites a file in a loop (large all-A / all-B contents) and is
// killed with SIGKILL at random moments, many times; the file must always be whole, old or new.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { writeFileAtomic } from '../../../app/memory/atomic-write.js';
import { MemoryStore } from '../../../app/memory/memory-store.js';
import { memoryHome, type MemoryHome } from '../../unit/memory/helpers.js';

const KILLS = 60;
const SIZE = 2 * 1024 * 1024;

/** A seeded PRNG, so a failing run can be repeated. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs the writer until it says it is ready, lets it write for `ms`, then SIGKILLs it. */
function runAndKill(script: string, target: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, target, String(SIZE)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.once('exit', () => resolve());
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
  });
}

function wholeness(path: string): 'A' | 'B' | string {
  const bytes = readFileSync(path);
  if (bytes.length !== SIZE) return `torn: ${bytes.length} bytes`;
  const first = bytes[0]!;
  if (first !== 0x41 && first !== 0x42) return `torn: starts with ${first}`;
  return bytes.every((b) => b === first) ? String.fromCharCode(first) : 'torn: mixed content';
}

describe('memory: atomic writes under SIGKILL', function () {
  this.timeout(180_000);
  let h: MemoryHome;
  let bundleDir: string;
  let script: string;

  before(() => {
    // Bundled once so each of the many children starts in tens of milliseconds (no TypeScript loader).
    bundleDir = mkdtempSync(join(tmpdir(), 'pyra-atomic-writer-'));
    script = join(bundleDir, 'writer.mjs');
    buildSync({
      entryPoints: [fileURLToPath(new URL('../../fixtures/memory/atomic-writer.ts', import.meta.url))],
      outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error',
    });
  });
  after(() => rmSync(bundleDir, { recursive: true, force: true }));
  beforeEach(() => (h = memoryHome()));
  afterEach(() => h.cleanup());

  it(`leaves the old or the new content after each of ${KILLS} kills, never a torn file`, async () => {
    const target = join(h.memory, 'big.md');
    // Kill delays scale with how long one write takes here, so kills land before, during and after writes.
    const started = performance.now();
    await writeFileAtomic(target, Buffer.alloc(SIZE, 'A'));
    const window = 3 * (performance.now() - started) + 10;
    const rand = prng(1234);
    const seen = new Set<string>();
    for (let i = 0; i < KILLS; i++) {
      await runAndKill(script, target, Math.floor(rand() * window));
      const state = wholeness(target);
      expect(state, `after kill ${i + 1}`).to.be.oneOf(['A', 'B']);
      expect(statSync(target).mode & 0o777, `mode after kill ${i + 1}`).to.equal(0o600);
      seen.add(state);
    }
    expect([...seen].sort(), 'the kills landed between writes of both contents').to.deep.equal(['A', 'B']);

    // Temp files of killed writers are hidden, and the next open removes them.
    const store = await MemoryStore.open({ home: h.home, search: false });
    expect(store.entries().map((e) => e.name)).to.deep.equal(['big.md']);
    await store.close();
    expect(readdirSync(h.memory).filter((n) => n.startsWith('.pyra-tmp-'))).to.deep.equal([]);
  });
});
