// The hostile-name corpus through every entry point of the memory store and of `pyra memory`: every name
// is refused by the safe-path check, and nothing is created or changed anywhere in the sandbox.
import { expect } from 'chai';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buildMemoryContext } from '../../../app/memory/context.js';
import {
  EXIT_FAILURE,
  runMemoryAppend,
  runMemoryEdit,
  runMemoryMove,
  runMemoryPin,
  runMemoryRemove,
  runMemoryShow,
  runMemoryUnpin,
  runMemoryWrite,
  type MemoryCliIO,
} from '../../../app/memory/memory-cli.js';
import { MemoryStore } from '../../../app/memory/memory-store.js';
import { UnsafePathError } from '../../../app/security/safe-path.js';
import { memoryHome, treeOf, type MemoryHome } from './helpers.js';

interface HostileEntry {
  category: string;
  name: string;
}

const corpus = (
  JSON.parse(readFileSync(new URL('../../fixtures/security/hostile-names.json', import.meta.url), 'utf8')) as { entries: HostileEntry[] }
).entries;

async function refusal(run: () => Promise<unknown>): Promise<UnsafePathError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof UnsafePathError) return err;
    throw err;
  }
  throw new Error('expected the name to be refused');
}

function cliIO(h: MemoryHome, stdinText = 'payload'): { io: MemoryCliIO; stderr: () => string } {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk) => (err += chunk.toString()));
  const io: MemoryCliIO = {
    stdin: Readable.from([Buffer.from(stdinText)]),
    stdout: new PassThrough(),
    stderr,
    env: { PYRA_HOME: h.home, EDITOR: join(h.sandbox, 'editor.sh') },
  };
  return { io, stderr: () => err };
}

describe('memory: hostile names', function () {
  this.timeout(120_000);
  let h: MemoryHome;
  let store: MemoryStore;
  let before: string[];

  beforeEach(async () => {
    h = memoryHome();
    // An editor that leaves a trace if it ever runs.
    writeFileSync(join(h.sandbox, 'editor.sh'), `#!/bin/sh\necho ran > "${join(h.sandbox, 'editor-ran')}"\n`);
    chmodSync(join(h.sandbox, 'editor.sh'), 0o700);
    store = await MemoryStore.open({ home: h.home });
    await store.write('notes/ok.md', '# OK\n');
    await store.pin('notes/ok.md');
    before = treeOf(h.sandbox);
  });
  afterEach(async () => {
    await store.close();
    h.cleanup();
  });

  it('covers the corpus', () => {
    expect(corpus.length).to.be.at.least(80);
  });

  it('refuses every name at every store entry point', async () => {
    for (const { name, category } of corpus) {
      const label = `${category}: ${JSON.stringify(name)}`;
      const calls: [string, () => Promise<unknown>][] = [
        ['read', () => store.read(name)],
        ['stat', () => store.stat(name)],
        ['write', () => store.write(name, 'x')],
        ['append', () => store.append(name, 'x')],
        ['rename from', () => store.rename(name, 'notes/new.md')],
        ['rename to', () => store.rename('notes/ok.md', name)],
        ['remove', () => store.remove(name, { recursive: true })],
        ['createFolder', () => store.createFolder(name)],
        ['pin', () => store.pin(name)],
        ['unpin', () => store.unpin(name)],
      ];
      for (const [entry, call] of calls) {
        const err = await refusal(call);
        expect(err.message, `${entry} ${label}`).to.match(/^Refused path/);
      }
    }
    expect(treeOf(h.sandbox)).to.deep.equal(before);
    expect(store.pinned()).to.deep.equal(['notes/ok.md']);
    expect(store.entries().map((e) => e.name)).to.deep.equal(['notes/ok.md']);
  });

  it('leaves hostile pinned names out of the prompt context', async () => {
    const ctx = await buildMemoryContext({ memory: store, userMessage: 'ok', budgetTokens: 4000, pinned: corpus.map((e) => e.name) });
    expect(ctx.files.map((f) => f.name)).to.deep.equal(['notes/ok.md']);
    expect(ctx.skipped.filter((s) => s.reason === 'missing')).to.have.length(new Set(corpus.map((e) => e.name)).size);
  });

  it('refuses every name in every `pyra memory` command with exit 1 and the safe-path message', async () => {
    for (const { name, category } of corpus) {
      const label = `${category}: ${JSON.stringify(name)}`;
      const runs: [string, (io: MemoryCliIO) => Promise<number>][] = [
        ['show', (io) => runMemoryShow(io, name)],
        ['write', (io) => runMemoryWrite(io, name)],
        ['append', (io) => runMemoryAppend(io, name)],
        ['rm', (io) => runMemoryRemove(io, name, { recursive: true })],
        ['mv from', (io) => runMemoryMove(io, name, 'notes/new.md')],
        ['mv to', (io) => runMemoryMove(io, 'notes/ok.md', name, { force: true })],
        ['edit', (io) => runMemoryEdit(io, name)],
        ['pin', (io) => runMemoryPin(io, name)],
        ['unpin', (io) => runMemoryUnpin(io, name)],
      ];
      for (const [command, run] of runs) {
        const { io, stderr } = cliIO(h);
        expect(await run(io), `${command} ${label}`).to.equal(EXIT_FAILURE);
        expect(stderr(), `${command} ${label}`).to.match(/^pyra memory: Refused path/);
      }
    }
    // MEMORY_INDEX.md is rewritten by each command's store (same content); nothing else may differ.
    expect(treeOf(h.sandbox)).to.deep.equal(before);
  });
});
