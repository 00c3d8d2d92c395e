/**
 * MEMORY_INDEX.md: one line per memory file (path, title, summary, size, modification time), sorted by
 * path. Lines are cached per file, so after a change only that file's line is rebuilt; the file is then
 * rewritten atomically (skipped when its text did not change). A full rebuild happens only at start.
 */
import { writeFileAtomic } from './atomic-write.js';
import { compareNames, type MemoryEntry } from './memory-catalog.js';
import { formatSize, formatTime, inlineCode } from './memory-format.js';

const HEADER =
  '# Memory index\n\n' +
  'Every file in memory with its title, first line, size and modification time.\n' +
  'Pyra rewrites this file after each change: edits made here are lost.\n';

export function indexLine(entry: MemoryEntry): string {
  const parts = [inlineCode(entry.name), entry.title];
  if (entry.summary !== '') parts.push(entry.summary);
  parts.push(formatSize(entry.size), formatTime(entry.mtimeMs));
  return `- ${parts.join(' — ')}`;
}

export class IndexFile {
  private readonly lines = new Map<string, { line: string; size: number }>();
  private order: string[] | null = null;
  private written: string | null = null;

  constructor(readonly path: string) {}

  /** Replaces every line (start-up, reindex). */
  reset(entries: Iterable<MemoryEntry>): void {
    this.lines.clear();
    for (const entry of entries) this.lines.set(entry.name, { line: indexLine(entry), size: entry.size });
    this.order = null;
  }

  set(entry: MemoryEntry): void {
    if (!this.lines.has(entry.name)) this.order = null;
    this.lines.set(entry.name, { line: indexLine(entry), size: entry.size });
  }

  delete(name: string): void {
    if (this.lines.delete(name)) this.order = null;
  }

  render(): string {
    this.order ??= [...this.lines.keys()].sort(compareNames);
    let total = 0;
    const body: string[] = [];
    for (const name of this.order) {
      const { line, size } = this.lines.get(name)!;
      body.push(line);
      total += size;
    }
    const count = body.length === 1 ? '1 file' : `${body.length} files`;
    return `${HEADER}\n${count}, ${formatSize(total)}.\n${body.length > 0 ? '\n' + body.join('\n') + '\n' : ''}`;
  }

  /**
   * Writes the index when its text changed since this object last wrote it (or always, with `force`:
   * someone may have edited the file). Returns whether it wrote.
   */
  async write(opts: { force?: boolean } = {}): Promise<boolean> {
    const text = this.render();
    if (text === this.written && !opts.force) return false;
    await writeFileAtomic(this.path, text);
    this.written = text;
    return true;
  }
}
