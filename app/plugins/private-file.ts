/** Writes a small file of the Pyra home atomically with mode 600 (a temp file renamed over it). */
import { chmodSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

export function writePrivateFile(path: string, text: string): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}
