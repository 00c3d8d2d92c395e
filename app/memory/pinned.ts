/**
 * The pinned memory files (always offered to the model after the profile): `<home>/memory/.pinned.json`,
 * `{ "pinned": ["name", …] }`, mode 600, written atomically. Hidden, so it is never listed, indexed or
 * searched. A missing or damaged file reads as no pins; names that are not plain strings are dropped.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { PINNED_FILE_NAME } from './memory-names.js';

export const MAX_PINS = 100;

export function pinnedFilePath(memoryRoot: string): string {
  return join(memoryRoot, PINNED_FILE_NAME);
}

export async function readPins(memoryRoot: string): Promise<string[]> {
  let raw: string;
  try {
    raw = await readFile(pinnedFilePath(memoryRoot), 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = JSON.parse(raw) as { pinned?: unknown };
    if (!Array.isArray(parsed.pinned)) return [];
    const names = parsed.pinned.filter((n): n is string => typeof n === 'string' && n.length > 0);
    return [...new Set(names)].slice(0, MAX_PINS);
  } catch {
    return [];
  }
}

export async function writePins(memoryRoot: string, names: readonly string[]): Promise<void> {
  await writeFileAtomic(pinnedFilePath(memoryRoot), JSON.stringify({ pinned: [...new Set(names)] }, null, 2) + '\n');
}

/** The pins after `from` was renamed to `to` (a file, or a folder with everything below it). */
export function renamePins(pins: readonly string[], from: string, to: string): string[] {
  return pins.map((p) => (p === from ? to : p.startsWith(from + '/') ? to + p.slice(from.length) : p));
}

/** The pins after `name` (a file or folder) was deleted. */
export function removePins(pins: readonly string[], name: string): string[] {
  return pins.filter((p) => p !== name && !p.startsWith(name + '/'));
}
