/**
 * `logs/plugin_errors.log`: one line per event (load failures, crashes, floods) and the captured
 * stderr of plugins and MCP servers. Everything is redacted before it is written, control characters
 * are flattened, lines are cut, each process's stderr is capped, and the file is rotated once it
 * grows past a few MiB. Appends never follow a symlink.
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import { redact } from '../security/redact.js';

const MAX_LINE_CHARS = 1000;
const STDERR_CAP_BYTES = 64 * 1024;
const ROTATE_AT_BYTES = 4 * 1024 * 1024;
const TAIL_LINES = 20;

export interface StderrSink {
  write(chunk: Buffer): void;
  /** Logs a last line that had no newline. */
  flush(): void;
  /** The last line seen (redacted, short), logged or not. */
  lastLine(): string | undefined;
  /** The last few lines seen (redacted, short). */
  tail(): string[];
}

function flatten(text: string): string {
  const flat = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\n/g, ' ⏎ ');
  return flat.length > MAX_LINE_CHARS ? flat.slice(0, MAX_LINE_CHARS - 1) + '…' : flat;
}

export class PluginErrorLog {
  constructor(readonly path: string) {}

  /** One event about `source` (a plugin or MCP server name). */
  event(source: string, message: string): void {
    this.append(`${new Date().toISOString()} [${source}] ${flatten(redact(message))}\n`);
  }

  /** A sink for one process's stderr: whole lines are logged until the cap, then one note. */
  stderrSink(source: string): StderrSink {
    let logged = 0;
    let capped = false;
    let partial = '';
    const tail: string[] = [];
    const emit = (line: string) => {
      if (line.trim() === '') return;
      tail.push(flatten(redact(line.slice(0, 4000))).slice(0, 300));
      if (tail.length > TAIL_LINES) tail.shift();
      if (capped) return;
      logged += Buffer.byteLength(line);
      if (logged > STDERR_CAP_BYTES) {
        capped = true;
        this.event(source, `stderr: further output dropped (more than ${STDERR_CAP_BYTES / 1024} KiB)`);
        return;
      }
      this.event(source, `stderr: ${line}`);
    };
    return {
      write: (chunk) => {
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        if (partial.length > MAX_LINE_CHARS * 4) {
          lines.push(partial);
          partial = '';
        }
        for (const line of lines) emit(line);
      },
      flush: () => {
        emit(partial);
        partial = '';
      },
      lastLine: () => tail.at(-1),
      tail: () => [...tail],
    };
  }

  private append(text: string): void {
    try {
      this.rotateIfLarge();
      const fd = openSync(this.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
      try {
        if ((fstatSync(fd).mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
    } catch {
      // The log is a diagnostic aid: a missing logs folder must not take a plugin (or Pyra) down.
    }
  }

  private rotateIfLarge(): void {
    try {
      if (statSync(this.path).size > ROTATE_AT_BYTES) renameSync(this.path, this.path + '.1');
    } catch {
      /* no file yet */
    }
  }
}
