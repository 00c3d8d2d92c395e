/**
 * The logic of `pyra memory …`, with its streams and environment passed in (app/commands/memory.ts wires
 * it to yargs; tests call it directly). Exit codes: 0 ok, 1 the operation failed or was refused (unsafe
 * or reserved name, missing file, conflict…), 2 usage error. Messages go to stderr, results to stdout.
 */
import { isUtf8 } from 'node:buffer';
import { chmodSync, lstatSync, rmdirSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { bootstrapHome, homePaths, pyraHome } from '../config/home.js';
import { UnsafePathError } from '../security/safe-path.js';
import { ensureFolders, MEMORY_FILE_MODE } from './atomic-write.js';
import { runEditor } from './editor.js';
import { MemoryError } from './errors.js';
import type { MemoryFolderNode } from './memory-catalog.js';
import { MemoryFiles } from './memory-files.js';
import { formatSize, formatTime } from './memory-format.js';
import { memoryLocation, resolveMemoryName } from './memory-names.js';
import { MemoryStore } from './memory-store.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface MemoryCliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export function processIO(): MemoryCliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** A name read from disk, safe to print: control characters shown as \xNN. */
export function displayName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function fail(io: MemoryCliIO, err: unknown): number {
  const known = err instanceof UnsafePathError || err instanceof MemoryError;
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`pyra memory: ${known ? message : `unexpected error: ${message}`}\n`);
  return EXIT_FAILURE;
}

function homeOf(io: MemoryCliIO): string {
  const home = pyraHome(io.env);
  bootstrapHome(home);
  return home;
}

/** File operations alone (no catalog or index), for commands that only read. */
function filesOf(io: MemoryCliIO): MemoryFiles {
  const home = homeOf(io);
  return new MemoryFiles(memoryLocation(homePaths(home).memory, home));
}

/** Opens the store (with search only when needed), runs `action`, closes it; errors become exit codes. */
async function withStore(io: MemoryCliIO, opts: { search: boolean }, action: (store: MemoryStore) => Promise<number>): Promise<number> {
  let store: MemoryStore | undefined;
  try {
    store = await MemoryStore.open({ home: homeOf(io), search: opts.search });
    return await action(store);
  } catch (err) {
    return fail(io, err);
  } finally {
    await store?.close();
  }
}

async function readStdin(io: MemoryCliIO): Promise<string> {
  if (io.stdin.isTTY) io.stderr.write('Type the text; end it with Ctrl-D.\n');
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const bytes = Buffer.concat(chunks);
  if (!isUtf8(bytes)) throw new MemoryError('The input is not UTF-8 text; nothing was written.');
  return bytes.toString('utf8');
}

function treeLines(folder: MemoryFolderNode, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  for (const child of folder.children) {
    if (child.type === 'folder') {
      out.push(`${indent}${displayName(child.base)}/  (${child.fileCount} file${child.fileCount === 1 ? '' : 's'}, ${formatSize(child.size)})`);
      treeLines(child, depth + 1, out);
    } else {
      const note = child.kind.previewable ? child.title : `${child.title} [${child.kind.reason}]`;
      out.push(`${indent}${displayName(child.base)}  ${formatSize(child.size)}  ${formatTime(child.mtimeMs)}  ${note}`);
    }
  }
}

export function runMemoryList(io: MemoryCliIO, opts: { json?: boolean } = {}): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    const tree = store.list();
    if (opts.json) {
      io.stdout.write(JSON.stringify(tree) + '\n');
      return EXIT_OK;
    }
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const lines = [`${plural(tree.fileCount, 'file')} in ${plural(tree.folderCount, 'folder')}, ${formatSize(tree.size)}`];
    treeLines(tree, 0, lines);
    io.stdout.write(lines.join('\n') + '\n');
    return EXIT_OK;
  });
}

export async function runMemoryShow(io: MemoryCliIO, name: string): Promise<number> {
  try {
    const doc = await filesOf(io).read(name);
    if (doc.text === null) throw new MemoryError(`${JSON.stringify(doc.name)} is not UTF-8 text; it is not shown.`);
    io.stdout.write(doc.text);
    return EXIT_OK;
  } catch (err) {
    return fail(io, err);
  }
}

export function runMemoryWrite(io: MemoryCliIO, name: string, opts: { append?: boolean } = {}): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    resolveMemoryName(memoryLocation(store.root, store.home), name, 'write'); // refuse before reading stdin
    const text = await readStdin(io);
    const result = opts.append ? await store.append(name, text) : await store.write(name, text);
    io.stdout.write(`${opts.append ? 'Appended to' : 'Wrote'} ${displayName(result.name)} (${formatSize(result.size)}).\n`);
    return EXIT_OK;
  });
}

export function runMemoryAppend(io: MemoryCliIO, name: string): Promise<number> {
  return runMemoryWrite(io, name, { append: true });
}

export function runMemoryRemove(io: MemoryCliIO, name: string, opts: { recursive?: boolean } = {}): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    const result = await store.remove(name, opts);
    io.stdout.write(`Deleted the ${result.type} ${displayName(result.name)}.\n`);
    return EXIT_OK;
  });
}

export function runMemoryMove(io: MemoryCliIO, from: string, to: string, opts: { force?: boolean } = {}): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    const result = await store.rename(from, to, { overwrite: opts.force });
    io.stdout.write(`Moved ${displayName(result.from)} to ${displayName(result.to)}.\n`);
    return EXIT_OK;
  });
}

export function runMemorySearch(io: MemoryCliIO, query: string, opts: { limit?: number; json?: boolean } = {}): Promise<number> {
  if (query.trim() === '') {
    io.stderr.write('pyra memory: the search query is empty.\n');
    return Promise.resolve(EXIT_USAGE);
  }
  return withStore(io, { search: true }, async (store) => {
    const hits = store.search(query, { limit: opts.limit });
    if (opts.json) io.stdout.write(JSON.stringify(hits) + '\n');
    else io.stdout.write(hits.map((h) => `${displayName(h.name)}:${h.line}: ${h.snippet}\n`).join(''));
    if (hits.length === 0 && !opts.json) io.stderr.write('pyra memory: no matches.\n');
    return hits.length > 0 ? EXIT_OK : EXIT_FAILURE;
  });
}

/**
 * Opens the file in $VISUAL/$EDITOR (the editor creates it when new; it is made private afterwards), then
 * rebuilds the index. Folders created for a new file are removed again when the editor saved nothing.
 */
export async function runMemoryEdit(io: MemoryCliIO, name: string): Promise<number> {
  try {
    const home = homeOf(io);
    const location = memoryLocation(homePaths(home).memory, home);
    const files = new MemoryFiles(location);
    const target = resolveMemoryName(location, name, 'write');
    if (lstatOrNull(target.path)?.isDirectory()) throw new MemoryError(`${JSON.stringify(target.name)} is a folder, not a file.`);
    const before = await files.stat(target.name).then((s) => s.version, () => null);
    const createdFolders = await ensureFolders(location.root, dirname(target.path));
    const outcome = runEditor(target.path, io.env);
    const saved = lstatOrNull(target.path);
    if (saved?.isFile()) chmodSync(target.path, MEMORY_FILE_MODE); // editors create files 644
    else removeEmptyFolders(createdFolders.reverse());
    await (await MemoryStore.open({ home, search: false })).close(); // opening rebuilds MEMORY_INDEX.md
    if (!outcome.ok) throw new MemoryError(`Editing ${JSON.stringify(target.name)} failed: ${outcome.message}.`);
    const after = await files.stat(target.name).then((s) => s.version, () => null);
    io.stdout.write(after === before ? `No changes to ${displayName(target.name)}.\n` : `Saved ${displayName(target.name)}.\n`);
    return EXIT_OK;
  } catch (err) {
    return fail(io, err);
  }
}

function removeEmptyFolders(deepestFirst: string[]): void {
  for (const folder of deepestFirst) {
    try {
      rmdirSync(folder);
    } catch {
      return; // not empty after all: keep it and its parents
    }
  }
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

export function runMemoryReindex(io: MemoryCliIO): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    const result = await store.reindex();
    io.stdout.write(`Indexed ${result.files} file${result.files === 1 ? '' : 's'} in ${Math.round(result.ms)} ms.\n`);
    return EXIT_OK;
  });
}

/** With a name: pins it. Without: lists the pins. */
export function runMemoryPin(io: MemoryCliIO, name?: string): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    if (name === undefined) {
      io.stdout.write(store.pinned().map((p) => displayName(p) + '\n').join(''));
      return EXIT_OK;
    }
    const pinned = await store.pin(name);
    io.stdout.write(`Pinned ${displayName(pinned)}.\n`);
    return EXIT_OK;
  });
}

export function runMemoryUnpin(io: MemoryCliIO, name: string): Promise<number> {
  return withStore(io, { search: false }, async (store) => {
    if (await store.unpin(name)) {
      io.stdout.write(`Unpinned ${displayName(name)}.\n`);
      return EXIT_OK;
    }
    io.stderr.write(`pyra memory: ${displayName(name)} is not pinned.\n`);
    return EXIT_FAILURE;
  });
}

