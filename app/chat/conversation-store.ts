import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ToolCall } from '../providers/types.js';

/**
 * Conversations as JSON lines, one file per conversation (`<id>.jsonl`, mode 600). The first line is
 * the header; every message is appended (and fsynced) as it completes, so a crash loses at most the
 * message being streamed. Renaming rewrites the header atomically; a torn last line is skipped.
 */

export type StoredRole = 'user' | 'assistant' | 'system' | 'error' | 'tool';

export interface StoredMessage {
  id: string;
  role: StoredRole;
  text: string;
  time: string;
  /** assistant replies: complete, or cut short */
  status?: 'complete' | 'cancelled' | 'error';
  toolCalls?: ToolCall[];
  toolCallId?: string;
  toolName?: string;
  /** tool results: what the model was sent */
  modelText?: string;
  usage?: { inputTokens: number; outputTokens: number };
}

export interface ConversationMeta {
  id: string;
  title: string;
  created: string;
  updated: string;
}

export interface LoadedConversation {
  meta: ConversationMeta;
  messages: StoredMessage[];
  /** lines that could not be read (a torn last line after a crash) */
  skipped: number;
}

const ID_RE = /^[0-9]{8}-[0-9]{6}-[a-z0-9]{6}$/;
const CURRENT_FILE = '.current';
const MAX_TITLE = 120;

export class ConversationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversationError';
  }
}

function newId(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}`;
  const time = `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${date}-${time}-${randomBytes(4).toString('hex').slice(0, 6)}`;
}

export function cleanTitle(title: string): string {
  // eslint-disable-next-line no-control-regex
  const t = title.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return Array.from(t).slice(0, MAX_TITLE).join('') || 'Untitled';
}

function appendDurably(file: string, line: string): void {
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, line);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readFirstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const nl = text.indexOf('\n');
    return nl === -1 ? text : text.slice(0, nl);
  } finally {
    closeSync(fd);
  }
}

function parseHeader(line: string, id: string, file: string): ConversationMeta {
  try {
    const h = JSON.parse(line) as { type?: string; title?: unknown; created?: unknown };
    if (h.type === 'meta' && typeof h.title === 'string' && typeof h.created === 'string') {
      return { id, title: h.title, created: h.created, updated: statSync(file).mtime.toISOString() };
    }
  } catch {
    // fall through
  }
  const st = statSync(file);
  return { id, title: 'Untitled (damaged header)', created: st.birthtime.toISOString(), updated: st.mtime.toISOString() };
}

export interface ConversationStore {
  dir: string;
  create(title?: string): ConversationMeta;
  list(): ConversationMeta[];
  load(id: string): LoadedConversation;
  append(id: string, message: Omit<StoredMessage, 'id' | 'time'> & Partial<Pick<StoredMessage, 'id' | 'time'>>): StoredMessage;
  rename(id: string, title: string): ConversationMeta;
  remove(id: string): void;
  /** by id, or by exact title (newest first), or by unique title prefix */
  find(nameOrId: string): ConversationMeta | undefined;
  current(): string | null;
  setCurrent(id: string | null): void;
}

export function openConversationStore(dir: string): ConversationStore {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileOf = (id: string) => {
    if (!ID_RE.test(id)) throw new ConversationError(`"${id}" is not a conversation id`);
    return join(dir, `${id}.jsonl`);
  };
  const mustExist = (id: string) => {
    const file = fileOf(id);
    if (!existsSync(file)) throw new ConversationError(`Conversation ${id} does not exist (it may have been deleted)`);
    return file;
  };
  let counter = 0;

  const store: ConversationStore = {
    dir,
    create(title = 'New conversation') {
      let id = newId();
      while (existsSync(join(dir, `${id}.jsonl`))) id = newId();
      const created = new Date().toISOString();
      const header = { type: 'meta', id, title: cleanTitle(title), created };
      writeFileSync(fileOf(id), JSON.stringify(header) + '\n', { mode: 0o600, flag: 'wx' });
      return { id, title: header.title, created, updated: created };
    },
    list() {
      const metas: ConversationMeta[] = [];
      for (const name of readdirSync(dir)) {
        if (!name.endsWith('.jsonl')) continue;
        const id = name.slice(0, -'.jsonl'.length);
        if (!ID_RE.test(id)) continue;
        const file = join(dir, name);
        metas.push(parseHeader(readFirstLine(file), id, file));
      }
      return metas.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : b.id.localeCompare(a.id)));
    },
    load(id) {
      const file = mustExist(id);
      const lines = readFileSync(file, 'utf8').split('\n');
      const meta = parseHeader(lines[0] ?? '', id, file);
      const messages: StoredMessage[] = [];
      let skipped = 0;
      for (const line of lines.slice(1)) {
        if (line.trim() === '') continue;
        try {
          const m = JSON.parse(line) as StoredMessage & { type?: string };
          if (m.type === 'message' && typeof m.text === 'string' && typeof m.role === 'string') {
            delete m.type;
            messages.push(m);
          } else skipped++;
        } catch {
          skipped++;
        }
      }
      return { meta, messages, skipped };
    },
    append(id, message) {
      const file = mustExist(id);
      const full: StoredMessage = { ...message, id: message.id ?? `m${Date.now().toString(36)}${(counter++).toString(36)}`, time: message.time ?? new Date().toISOString() };
      appendDurably(file, JSON.stringify({ type: 'message', ...full }) + '\n');
      return full;
    },
    rename(id, title) {
      const file = mustExist(id);
      const lines = readFileSync(file, 'utf8').split('\n');
      const meta = parseHeader(lines[0] ?? '', id, file);
      const header = { type: 'meta', id, title: cleanTitle(title), created: meta.created };
      lines[0] = JSON.stringify(header);
      const tmp = `${file}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, lines.join('\n'));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      return { ...meta, title: header.title };
    },
    remove(id) {
      unlinkSync(mustExist(id));
      if (store.current() === id) store.setCurrent(null);
    },
    find(nameOrId) {
      const all = store.list();
      return (
        all.find((m) => m.id === nameOrId) ??
        all.find((m) => m.title === nameOrId) ??
        (() => {
          const prefixed = all.filter((m) => m.title.toLowerCase().startsWith(nameOrId.toLowerCase()));
          return prefixed.length === 1 ? prefixed[0] : undefined;
        })()
      );
    },
    current() {
      const file = join(dir, CURRENT_FILE);
      if (!existsSync(file)) return null;
      const id = readFileSync(file, 'utf8').trim();
      return ID_RE.test(id) && existsSync(join(dir, `${id}.jsonl`)) ? id : null;
    },
    setCurrent(id) {
      const file = join(dir, CURRENT_FILE);
      if (id === null) {
        if (existsSync(file)) unlinkSync(file);
        return;
      }
      fileOf(id);
      writeFileSync(file, id, { mode: 0o600 });
    },
  };
  return store;
}
