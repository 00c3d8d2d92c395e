/**
 * Finding the plugin folders in `<home>/plugins/` and checking each before anything runs: a real
 * folder (not a symlink), with no symlinks inside (Node's permission model follows them out of the
 * granted folder), not too large, and a valid manifest.
 */
import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { homePaths } from '../config/home.js';
import { readManifest, type Manifest } from './manifest.js';
import { nameProblem } from './names.js';

export const MAX_PLUGIN_FILES = 5000;

export interface DiscoveredPlugin {
  /** The folder name (equal to the manifest name when valid). */
  name: string;
  dir: string;
  manifest?: Manifest;
  /** Why the plugin cannot run; set when manifest is not. */
  problem?: string;
}

/** The first problem with the folder's contents (a symlink, too many files), or null. */
export function folderProblem(dir: string, maxFiles = MAX_PLUGIN_FILES): string | null {
  let seen = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (++seen > maxFiles) return `the folder holds more than ${maxFiles} files`;
      const path = join(current, entry.name);
      if (entry.isSymbolicLink()) return `it contains a symbolic link (${relative(dir, path)}), which could lead outside its folder`;
      if (entry.isDirectory()) stack.push(path);
      else if (!entry.isFile()) return `it contains something that is not a file or folder (${relative(dir, path)})`;
    }
  }
  return null;
}

/** Checks one plugin folder (its path as found, not yet resolved). */
export function inspectPluginFolder(path: string, name: string): DiscoveredPlugin {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return { name, dir: path, problem: 'the plugin folder is a symbolic link' };
  if (!stat.isDirectory()) return { name, dir: path, problem: 'not a folder' };
  const dir = realpathSync.native(path);
  const badName = nameProblem(name, 'plugin folder');
  if (badName) return { name, dir, problem: badName };
  const problem = folderProblem(dir);
  if (problem) return { name, dir, problem };
  const result = readManifest(dir);
  return result.ok ? { name, dir, manifest: result.manifest } : { name, dir, problem: result.reason };
}

/** Every folder in `<home>/plugins/` except hidden ones, sorted by name. */
export function discoverPlugins(home: string): DiscoveredPlugin[] {
  const root = homePaths(home).plugins;
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink()))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      try {
        return inspectPluginFolder(join(root, name), name);
      } catch (err) {
        return { name, dir: join(root, name), problem: `cannot read the folder: ${(err as Error).message}` };
      }
    });
}
