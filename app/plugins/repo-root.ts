/**
 * Where Pyra's own files are at run time. The code runs from `app/` (tsx, tests) or from the esbuild
 * bundle in `dist/` (and `dist/chunks/`), so paths are found by walking up from this module to
 * Pyra's package.json rather than by a fixed number of `..`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

function isPyraPackage(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'pyra';
  } catch {
    return false;
  }
}

export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isPyraPackage(dir)) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error("Cannot find Pyra's package.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The child-process runner: a plain .mjs asset, never bundled (it must run with reads limited to itself). */
export function runnerPath(): string {
  return join(repoRoot(), 'app', 'plugins', 'runner', 'plugin-runner.mjs');
}

/** The plugins shipped with Pyra (`pyra plugin install NAME`). */
export function bundledPluginsDir(): string {
  return join(repoRoot(), 'plugins');
}
