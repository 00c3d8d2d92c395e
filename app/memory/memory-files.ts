/**
 * The file operations of the memory folder, on their own: no index, no search, no events (memory-store.ts
 * layers those on top). Every name goes through resolveMemoryName (the safe-path check); writes are
 * atomic (atomic-write.ts), files 600, folders 700, text UTF-8. Results carry canonical names.
 */
import { createHash } from 'node:crypto';
import { lstat, readFile, rename as renameEntry, rm, rmdir, stat as statEntry, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ensureFolders, syncFolder, writeFileAtomic } from './atomic-write.js';
import {
  MemoryConflictError,
  MemoryError,
  MemoryExistsError,
  MemoryFolderNotEmptyError,
  MemoryNotFoundError,
  MemoryNotTextError,
} from './errors.js';
import { classifyFile, decodeText, type FileKind } from './file-kind.js';
import { resolveMemoryName, type MemoryLocation } from './memory-names.js';

export interface MemoryStat {
  /** Canonical name, relative to the memory folder, `/`-separated. */
  name: string;
  size: number;
  mtimeMs: number;
  /** Content version: changes exactly when the bytes change (a hash), so a `touch` is not a conflict. */
  version: string;
  kind: FileKind;
}

export interface MemoryDocument extends MemoryStat {
  /** The content, or null when the file is not UTF-8 text. */
  text: string | null;
}

export interface WriteOptions {
  /**
   * Conflict check: the version the caller last saw (from read/stat/write), or null for "the file must
   * not exist yet". When the file on disk differs, MemoryConflictError is thrown and nothing is written.
   */
  expectedVersion?: string | null;
}

export interface RenameOptions {
  /** Replace an existing file at the target (never a folder). Default false. */
  overwrite?: boolean;
}

export interface RemoveOptions {
  /** Delete a folder with everything in it. Default false: only empty folders. */
  recursive?: boolean;
}

export type EntryType = 'file' | 'folder';

export function contentVersion(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 20);
}

const isMissing = (err: unknown) => ['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '');

async function readBytesOrNull(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if (isMissing(err)) return null;
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') return null;
    throw err;
  }
}

async function typeOf(path: string): Promise<EntryType | null> {
  try {
    const s = await lstat(path);
    return s.isDirectory() ? 'folder' : 'file';
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

export class MemoryFiles {
  constructor(readonly location: MemoryLocation) {}

  private async document(name: string, path: string, bytes: Buffer): Promise<MemoryDocument> {
    const info = await statEntry(path);
    const text = decodeText(bytes);
    return { name, size: bytes.length, mtimeMs: info.mtimeMs, version: contentVersion(bytes), kind: classifyFile(name, bytes.length, text), text };
  }

  /** Reads a file. MemoryNotFoundError when it is missing or a folder. */
  async read(name: string): Promise<MemoryDocument> {
    const target = resolveMemoryName(this.location, name, 'read');
    const bytes = await readBytesOrNull(target.path);
    if (bytes === null) throw new MemoryNotFoundError(target.name);
    return this.document(target.name, target.path, bytes);
  }

  /** Size, mtime and content version of a file (reads it to hash it). */
  async stat(name: string): Promise<MemoryStat> {
    const { text: _text, ...rest } = await this.read(name);
    return rest;
  }

  private async checkVersion(name: string, path: string, opts: WriteOptions): Promise<Buffer | null> {
    if ((await typeOf(path)) === 'folder') throw new MemoryError(`${JSON.stringify(name)} is a folder, not a file.`);
    const current = await readBytesOrNull(path);
    if (opts.expectedVersion === undefined) return current;
    const actual = current === null ? null : contentVersion(current);
    if (actual !== opts.expectedVersion) throw new MemoryConflictError(name, opts.expectedVersion, actual);
    return current;
  }

  private async put(name: string, path: string, bytes: Buffer): Promise<MemoryStat> {
    await ensureFolders(this.location.root, dirname(path));
    await writeFileAtomic(path, bytes);
    const { text: _text, ...rest } = await this.document(name, path, bytes);
    return rest;
  }

  /** Creates or replaces a file with `text` (UTF-8), atomically; creates missing folders. */
  async write(name: string, text: string, opts: WriteOptions = {}): Promise<MemoryStat> {
    const target = resolveMemoryName(this.location, name, 'write');
    await this.checkVersion(target.name, target.path, opts);
    return this.put(target.name, target.path, Buffer.from(text, 'utf8'));
  }

  /**
   * Adds `text` at the end of a text file (created when missing), atomically: the whole new content is
   * written like `write`. A newline is put between when the old content doesn't end with one.
   */
  async append(name: string, text: string, opts: WriteOptions = {}): Promise<MemoryStat> {
    const target = resolveMemoryName(this.location, name, 'write');
    const current = await this.checkVersion(target.name, target.path, opts);
    let old = '';
    if (current !== null) {
      const decoded = decodeText(current);
      if (decoded === null) throw new MemoryNotTextError(target.name);
      old = decoded;
    }
    const joined = old === '' || old.endsWith('\n') ? old + text : `${old}\n${text}`;
    return this.put(target.name, target.path, Buffer.from(joined, 'utf8'));
  }

  /** Moves a file or folder; creates the target's missing folders. */
  async rename(from: string, to: string, opts: RenameOptions = {}): Promise<{ from: string; to: string; type: EntryType }> {
    const source = resolveMemoryName(this.location, from, 'write');
    const target = resolveMemoryName(this.location, to, 'write');
    const type = await typeOf(source.path);
    if (type === null) throw new MemoryNotFoundError(source.name, 'entry');
    if (source.path === target.path) return { from: source.name, to: target.name, type };
    const existing = await typeOf(target.path);
    if (existing !== null && (!opts.overwrite || existing === 'folder' || type === 'folder')) throw new MemoryExistsError(target.name);
    if (type === 'folder' && target.path.startsWith(source.path + '/')) {
      throw new MemoryError(`Can't move the folder ${JSON.stringify(source.name)} into itself.`);
    }
    await ensureFolders(this.location.root, dirname(target.path));
    await renameEntry(source.path, target.path);
    await syncFolder(dirname(target.path));
    if (dirname(source.path) !== dirname(target.path)) await syncFolder(dirname(source.path));
    return { from: source.name, to: target.name, type };
  }

  /** Deletes a file, or a folder (empty unless `recursive`). */
  async remove(name: string, opts: RemoveOptions = {}): Promise<{ name: string; type: EntryType }> {
    const target = resolveMemoryName(this.location, name, 'write');
    const type = await typeOf(target.path);
    if (type === null) throw new MemoryNotFoundError(target.name, 'entry');
    if (type === 'file') {
      await unlink(target.path);
    } else if (opts.recursive) {
      await rm(target.path, { recursive: true });
    } else {
      try {
        await rmdir(target.path);
      } catch (err) {
        if (['ENOTEMPTY', 'EEXIST'].includes((err as NodeJS.ErrnoException).code ?? '')) throw new MemoryFolderNotEmptyError(target.name);
        throw err;
      }
    }
    await syncFolder(dirname(target.path));
    return { name: target.name, type };
  }

  /** Creates a folder (and missing parents), mode 700. Returns false when it already existed. */
  async createFolder(name: string): Promise<{ name: string; created: boolean }> {
    const target = resolveMemoryName(this.location, name, 'write');
    const existing = await typeOf(target.path);
    if (existing === 'file') throw new MemoryExistsError(target.name);
    if (existing === 'folder') return { name: target.name, created: false };
    await ensureFolders(this.location.root, target.path);
    return { name: target.name, created: true };
  }
}
