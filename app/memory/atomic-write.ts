/**
 * Crash-safe file writes for the memory folder. A reader (or a crash, or SIGKILL, at any moment) sees the
 * old file or the new one, never a mix: the bytes go to a temp file in the same folder (mode 600 from
 * creation), are fsynced, renamed over the target (atomic on POSIX within one file system), and the
 * folder is fsynced so the rename itself survives a power cut.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { TEMP_FILE_PREFIX } from './memory-names.js';

export const MEMORY_FILE_MODE = 0o600;
export const MEMORY_DIR_MODE = 0o700;

const TEMP_PATTERN = new RegExp(`^${TEMP_FILE_PREFIX.replace('.', '\\.')}(\\d+)-[0-9a-f]{8}$`);
/** A temp file this old is left over from a crash even when its pid has been reused. */
const STALE_TEMP_AGE_MS = 24 * 60 * 60 * 1000;

function tempPath(dir: string): string {
  // No part of the target's name: it could already be 255 bytes long.
  return join(dir, `${TEMP_FILE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a folder; the rename has happened all the same.
  } finally {
    await handle?.close();
  }
}

/** Writes `data` to `path` atomically (see above); the file ends up mode 600. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const temp = tempPath(dir);
  const handle = await open(temp, 'wx', MEMORY_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dir);
}

/**
 * Creates the missing folders from `root` (which must exist) down to `dir`, each mode 700, and fsyncs
 * the parent of each new one. Returns the folders it created, outermost first.
 */
export async function ensureFolders(root: string, dir: string): Promise<string[]> {
  const rel = relative(root, dir);
  if (rel === '') return [];
  const created: string[] = [];
  let current = root;
  for (const part of rel.split(sep)) {
    const next = join(current, part);
    try {
      await mkdir(next, { mode: MEMORY_DIR_MODE });
      created.push(next);
      await syncFolder(current);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (!(await stat(next)).isDirectory()) throw err;
    }
    current = next;
  }
  return created;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for a temp file of ours whose writer is gone (or that is too old to be anyone's). */
export function isStaleTemp(baseName: string, mtimeMs: number, now = Date.now()): boolean {
  const match = TEMP_PATTERN.exec(baseName);
  if (!match) return false;
  const pid = Number(match[1]);
  if (now - mtimeMs > STALE_TEMP_AGE_MS) return true;
  return pid !== process.pid && !processAlive(pid);
}
