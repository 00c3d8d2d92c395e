/** Small-file I/O for the vault folder: atomic writes of mode-600 files and tolerant JSON reads. */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const SECRET_FILE_MODE = 0o600;

/**
 * Writes `data` to `path` so that readers see either the old or the new file, never a mix: a temp
 * file in the same folder (mode 600 from creation), fsync, rename over the target, fsync the folder.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', SECRET_FILE_MODE);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(dirname(path));
}

function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a folder; the rename itself has already happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The file's bytes, or null when it does not exist. */
export function readFileIfExists(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export type JsonRead<T> = { state: 'missing' } | { state: 'corrupt' } | { state: 'ok'; value: T };

/** Reads a JSON file; `check` turns the parsed value into T or returns undefined when it is malformed. */
export function readJsonFile<T>(path: string, check: (value: unknown) => T | undefined): JsonRead<T> {
  const bytes = readFileIfExists(path);
  if (bytes === null) return { state: 'missing' };
  try {
    const value = check(JSON.parse(bytes.toString('utf8')));
    return value === undefined ? { state: 'corrupt' } : { state: 'ok', value };
  } catch {
    return { state: 'corrupt' };
  }
}

export function writeJsonFileAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n');
}
