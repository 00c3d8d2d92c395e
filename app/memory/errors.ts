/**
 * Typed failures of the memory store. Every one extends MemoryError so a caller can tell "the memory
 * operation was refused or failed" from a programming error; names refused by the safe-path check throw
 * app/security's UnsafePathError instead (re-exported here so callers need one import).
 */
export { UnsafePathError } from '../security/safe-path.js';

export class MemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The name does not exist (or is a folder where a file was expected, or the reverse). */
export class MemoryNotFoundError extends MemoryError {
  constructor(readonly memoryName: string, what: 'file' | 'folder' | 'entry' = 'file') {
    super(`No ${what} named ${JSON.stringify(memoryName)} in memory.`);
  }
}

/** The target of a create, rename or save-as already exists. */
export class MemoryExistsError extends MemoryError {
  constructor(readonly memoryName: string) {
    super(`${JSON.stringify(memoryName)} already exists in memory.`);
  }
}

/**
 * The file changed on disk since the caller read it: its content version is not the one the caller
 * expected (null means "absent": it was deleted, or it appeared when the caller expected a new file).
 * The editor then offers overwrite (write again without expectedVersion), reload, or save as a copy.
 */
export class MemoryConflictError extends MemoryError {
  constructor(
    readonly memoryName: string,
    readonly expectedVersion: string | null,
    readonly actualVersion: string | null,
  ) {
    super(
      actualVersion === null
        ? `${JSON.stringify(memoryName)} was deleted on disk since it was read.`
        : expectedVersion === null
          ? `${JSON.stringify(memoryName)} was created on disk meanwhile.`
          : `${JSON.stringify(memoryName)} changed on disk since it was read.`,
    );
  }
}

/** Names Pyra keeps for itself (MEMORY_INDEX.md, hidden dot-names such as .pinned.json and temp files). */
export class MemoryReservedNameError extends MemoryError {
  constructor(readonly memoryName: string, reason: string) {
    super(`${JSON.stringify(memoryName)} is reserved: ${reason}.`);
  }
}

/** The operation needs UTF-8 text (append, show) and the file is binary or not valid UTF-8. */
export class MemoryNotTextError extends MemoryError {
  constructor(readonly memoryName: string) {
    super(`${JSON.stringify(memoryName)} is not UTF-8 text.`);
  }
}

/** A folder still has entries and the caller did not ask for a recursive delete. */
export class MemoryFolderNotEmptyError extends MemoryError {
  constructor(readonly memoryName: string) {
    super(`The folder ${JSON.stringify(memoryName)} is not empty.`);
  }
}
