/**
 * Turns a scanned file into its catalog entry (title, summary, preview kind) and, when asked, the text to
 * index. Names here come from the store's own directory walk or watcher, not from a caller, and the file
 * is opened with O_NOFOLLOW so a file swapped for a symlink after the walk is not followed.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFile, decodeText, MAX_PREVIEW_BYTES } from './file-kind.js';
import type { MemoryEntry } from './memory-catalog.js';
import { summarizeNote } from './note-summary.js';
import type { ScannedFile } from './tree-scan.js';

/** Enough of a file's head for its title and summary when the rest is not needed. */
const HEAD_BYTES = 16 * 1024;

export interface LoadedFile {
  entry: MemoryEntry;
  /** The full text when requested and the file is UTF-8 text of at most 1 MB; else null. */
  text: string | null;
}

function readUpTo(path: string, limit: number): { bytes: Buffer; stat: ScannedFile } | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return null; // gone, or a symlink now
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) return null;
    const want = Math.min(s.size, limit);
    const bytes = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, bytes, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: bytes.subarray(0, got), stat: { name: '', size: s.size, mtimeMs: s.mtimeMs, ino: s.ino } };
  } finally {
    closeSync(fd);
  }
}

/** Cuts a possibly split UTF-8 sequence off the end of a head read. */
function wholeChars(bytes: Buffer): Buffer {
  let end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > i) end -= i;
    break;
  }
  return bytes.subarray(0, end);
}

/**
 * Reads `name` below `root` and builds its entry; null when it vanished or is no longer a regular file.
 * With `wantText`, files up to 1 MB are read whole; otherwise only their head.
 */
export function loadFile(root: string, name: string, wantText: boolean): LoadedFile | null {
  const read = readUpTo(join(root, name), wantText ? MAX_PREVIEW_BYTES + 1 : HEAD_BYTES);
  if (!read) return null;
  const { bytes, stat } = read;
  const whole = bytes.length === stat.size;
  const decoded = decodeText(whole ? bytes : wholeChars(bytes));
  const kind = classifyFile(name, stat.size, decoded);
  const { title, summary } = summarizeNote(name, decoded);
  const entry: MemoryEntry = { name, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, title, summary, kind };
  return { entry, text: wantText && whole && stat.size <= MAX_PREVIEW_BYTES ? decoded : null };
}
