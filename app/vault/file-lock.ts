/**
 * A lock file held while one process rewrites the encrypted vault (read, change, write back), so two
 * Pyra processes (dashboard and a `pyra vault set`) cannot lose each other's change. The file holds
 * the owner's pid; a lock whose process is gone, or that is older than a minute, is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { VaultBusyError } from './errors.js';

const RETRY_MS = 25;
const STALE_AFTER_MS = 60_000;

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(path: string): boolean {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid)) return true;
    return Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS;
  } catch {
    return false; // vanished or unreadable between attempts: just try again
  }
}

function tryAcquire(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Runs `work` while holding the lock at `path`; waits up to `timeoutMs` for another holder. */
export async function withFileLock<T>(path: string, work: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (!tryAcquire(path)) {
    if (isStale(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new VaultBusyError(
        `Another Pyra process is changing the vault (lock ${path}). Try again; if no other Pyra runs, delete that file.`,
      );
    }
    await sleep(RETRY_MS);
  }
  try {
    return await work();
  } finally {
    rmSync(path, { force: true });
  }
}
