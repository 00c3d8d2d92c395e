/**
 * The user's markdown memory (`<home>/memory`): the public API for the dashboard, the chat and the CLI.
 *
 *     const memory = await MemoryStore.open({ home, watch: true, onProgress });  // full build, then watch
 *     memory.list();                                    // tree: folders and files, sizes, times, counts
 *     const off = memory.onChange((c) => …);            // { kind: added|changed|removed, name, type: file|folder, origin: pyra|external }
 *     const doc = await memory.read(name);              // text (null if not UTF-8), kind.previewable/reason, version
 *     await memory.write(name, text, { expectedVersion: doc.version });  // MemoryConflictError if it changed on disk
 *     await memory.append(name, text); await memory.rename(a, b); await memory.remove(name, { recursive });
 *     await memory.createFolder(name); await memory.pin(name); await memory.unpin(name); memory.pinned();
 *     memory.search(query, { limit, combineWith });    // ranked hits: name, title, line, snippet, highlights
 *     await buildMemoryContext({ memory, userMessage, budgetTokens });  // prompt block + files + findings
 *     await memory.close();
 *
 * Names are relative to the memory folder and always pass the safe-path check (UnsafePathError when
 * refused). MEMORY_INDEX.md is kept current by the store; hidden names (.pinned.json…) are not memory.
 */
export { MemoryStore } from './memory-store.js';
export type { ChangeListener, MemoryChange, OpenOptions, SearchHit } from './memory-store.js';
export type { MemoryDocument, MemoryStat, RemoveOptions, RenameOptions, WriteOptions, EntryType } from './memory-files.js';
export type { MemoryEntry, MemoryFileNode, MemoryFolderNode, MemoryNode } from './memory-catalog.js';
export type { SearchOptions } from './search-index.js';
export { MAX_PREVIEW_BYTES, type FileFormat, type FileKind, type NotPreviewableReason } from './file-kind.js';
export { INDEX_FILE_NAME, PINNED_FILE_NAME } from './memory-names.js';
export { formatSize, formatTime } from './memory-format.js';
export {
  buildMemoryContext,
  estimateTokens,
  PROFILE_NAME,
  type ContextFile,
  type ContextFindings,
  type ContextReason,
  type MemoryContext,
  type MemoryContextOptions,
} from './context.js';
export {
  MemoryConflictError,
  MemoryError,
  MemoryExistsError,
  MemoryFolderNotEmptyError,
  MemoryNotFoundError,
  MemoryNotTextError,
  MemoryReservedNameError,
  UnsafePathError,
} from './errors.js';
