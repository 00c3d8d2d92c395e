/**
 * Names inside the memory folder. Every name that comes from a user or a model goes through
 * `resolveMemoryName`, which is app/security's `resolveSafePath` plus the memory folder's own rules:
 * MEMORY_INDEX.md belongs to Pyra (readable, never written by callers), and hidden names (any component
 * starting with a dot: .pinned.json, temp files, other tools' folders such as .obsidian) are not memory.
 */
import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { resolveSafePath } from '../security/safe-path.js';
import { MemoryReservedNameError } from './errors.js';

export const INDEX_FILE_NAME = 'MEMORY_INDEX.md';
export const PINNED_FILE_NAME = '.pinned.json';
/** Temp files of atomic writes: `.pyra-tmp-<pid>-<8 hex>`, hidden so listings and watchers skip them. */
export const TEMP_FILE_PREFIX = '.pyra-tmp-';

export type NameUse = 'read' | 'write';

/** The memory folder and the home whose vault and config the safe-path check always refuses. */
export interface MemoryLocation {
  /** Real absolute path of `<home>/memory`. */
  readonly root: string;
  readonly home: string;
}

export function memoryLocation(memoryRoot: string, home: string): MemoryLocation {
  return { root: realpathSync.native(memoryRoot), home };
}

export function isHiddenName(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.'));
}

/** Entries that are Pyra's bookkeeping or hidden: never listed, indexed or searched. */
export function isExcludedName(name: string): boolean {
  return name === INDEX_FILE_NAME || isHiddenName(name);
}

/** The memory name (relative, `/`-separated) of an absolute path inside the root. */
export function toMemoryName(loc: MemoryLocation, absolute: string): string {
  const rel = relative(loc.root, absolute);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function checkReserved(name: string, shown: string, use: NameUse): void {
  if (isHiddenName(name)) throw new MemoryReservedNameError(shown, 'hidden names (starting with a dot) are not part of memory');
  if (use === 'write' && name === INDEX_FILE_NAME) {
    throw new MemoryReservedNameError(shown, 'Pyra regenerates the memory index itself');
  }
}

export interface ResolvedName {
  /** Real absolute path, as returned by resolveSafePath. */
  path: string;
  /** Canonical memory name of that path (symlinks inside the folder resolved). */
  name: string;
}

/**
 * Resolves a caller's name for `use`. Throws UnsafePathError for names the safe-path check refuses and
 * MemoryReservedNameError for Pyra's own and hidden names (checked on the spelled and resolved name,
 * so a symlink can't lead a write onto the index).
 */
export function resolveMemoryName(loc: MemoryLocation, name: string, use: NameUse): ResolvedName {
  const path = resolveSafePath(loc.root, name, { home: loc.home });
  const canonical = toMemoryName(loc, path);
  checkReserved(name.normalize('NFC'), name, use);
  checkReserved(canonical, name, use);
  return { path, name: canonical };
}
