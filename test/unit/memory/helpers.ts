// Shared set-up for the memory tests: a bootstrapped temporary PYRA_HOME and small file-system helpers.
import { mkdirSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bootstrapHome, homePaths } from '../../../app/config/home.js';
import type { MemoryChange, MemoryStore } from '../../../app/memory/memory-store.js';
import { makeTempHome } from '../../helpers/temp-home.js';

export interface MemoryHome {
  /** The temp folder holding the home (so escapes have somewhere observable to land). */
  sandbox: string;
  home: string;
  memory: string;
  cleanup: () => void;
}

export function memoryHome(): MemoryHome {
  const temp = makeTempHome('pyra-memory-');
  const sandbox = realpathSync(temp.home);
  const home = join(sandbox, 'home');
  bootstrapHome(home);
  return { sandbox, home, memory: homePaths(home).memory, cleanup: temp.cleanup };
}

/** Writes a file below `root` with plain fs (as another program would), creating folders. */
export function put(root: string, name: string, text: string | Buffer): void {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), text);
}

export const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Every path below `dir`, relative, sorted (symlinks not followed). */
export function treeOf(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const rel = prefix + entry.name;
      return entry.isDirectory() ? [rel + '/', ...treeOf(join(dir, entry.name), rel + '/')] : [rel];
    })
    .sort();
}

/** Collects the store's change events. */
export function recordChanges(store: MemoryStore): MemoryChange[] {
  const seen: MemoryChange[] = [];
  store.onChange((change) => seen.push(change));
  return seen;
}

/** Resolves when `predicate` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
