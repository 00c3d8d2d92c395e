/**
 * Listing and searching one folder a page at a time. The server searches (UIDs only); envelopes are
 * fetched for the page being returned and nothing else, so a folder of 100 000 messages costs one
 * SEARCH answer and `pageSize` envelopes. Newest (highest UID) first. The cursor is
 * "<UIDVALIDITY>:<lowest UID already shown>", so it stays right while new mail arrives.
 */
import type { FetchMessageObject, ImapFlow, MailboxObject, MessageAddressObject, MessageStructureObject, SearchObject } from 'imapflow';
import { MailError } from './errors.js';
import { defaultImapPool, withFolder, type ImapPool } from './imap-connection.js';
import type { MailSettings } from './settings.js';

export interface PageArgs {
  folder?: string;
  /** 1 to 100, default 20. */
  pageSize?: number;
  /** nextCursor from the previous page. */
  cursor?: string;
}

export interface ListArgs extends PageArgs {
  unreadOnly?: boolean;
  /** ISO date (or date-time): messages received on or after that day. */
  since?: string;
  /** Part of the sender's name or address. */
  from?: string;
}

export interface SearchArgs extends ListArgs {
  to?: string;
  subject?: string;
  body?: string;
  /** Anywhere in headers or body. */
  text?: string;
  before?: string;
  unseen?: boolean;
  flagged?: boolean;
}

export interface MessageSummary {
  uid: number;
  messageId?: string;
  subject: string;
  from: string[];
  to: string[];
  /** ISO date-time from the Date header (else the arrival time). */
  date?: string;
  unread: boolean;
  flagged: boolean;
  answered: boolean;
  size?: number;
  hasAttachments: boolean;
}

export interface MessagePage {
  folder: string;
  messages: MessageSummary[];
  /** How many matching messages are older than this page. */
  remaining: number;
  /** Pass back as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export async function listMessages(settings: MailSettings, password: string, args: ListArgs = {}, pool: ImapPool = defaultImapPool): Promise<MessagePage> {
  return searchMessages(settings, password, { folder: args.folder, pageSize: args.pageSize, cursor: args.cursor, unreadOnly: args.unreadOnly, since: args.since, from: args.from }, pool);
}

export async function searchMessages(settings: MailSettings, password: string, args: SearchArgs = {}, pool: ImapPool = defaultImapPool): Promise<MessagePage> {
  const folder = args.folder ?? 'INBOX';
  const criteria = searchCriteria(args);
  const pageSize = checkPageSize(args.pageSize);
  return pool.run(settings, password, (client) => withFolder(client, folder, () => fetchPage(client, folder, criteria, pageSize, args.cursor)), {
    retryOnDrop: true,
    folder,
  });
}

function checkPageSize(value: number | undefined): number {
  if (value === undefined) return 20;
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new MailError('invalidArgument', 'pageSize must be a whole number from 1 to 100.');
  return value;
}

function parseDate(value: string, label: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new MailError('invalidArgument', `${label} must be an ISO date such as 2026-11-25.`);
  }
  return date;
}

export function searchCriteria(args: SearchArgs): SearchObject {
  const query: SearchObject = {};
  if (args.unreadOnly || args.unseen) query.seen = false;
  if (args.flagged !== undefined) query.flagged = args.flagged;
  if (args.since) query.since = parseDate(args.since, 'since');
  if (args.before) query.before = parseDate(args.before, 'before');
  for (const key of ['from', 'to', 'subject', 'body', 'text'] as const) {
    const value = args[key];
    if (value !== undefined) {
      if (typeof value !== 'string' || !value.trim()) throw new MailError('invalidArgument', `${key} must be non-empty text.`);
      query[key] = value;
    }
  }
  return Object.keys(query).length ? query : { all: true };
}

function parseCursor(cursor: string, mailbox: MailboxObject): number {
  const match = /^(\d+):(\d+)$/.exec(cursor);
  if (!match) throw new MailError('invalidArgument', 'The cursor is not one this tool returned.');
  if (match[1] !== String(mailbox.uidValidity)) {
    throw new MailError('invalidArgument', `Folder "${mailbox.path}" was rebuilt on the server since that page; list it again from the start.`);
  }
  return Number(match[2]);
}

async function fetchPage(client: ImapFlow, folder: string, criteria: SearchObject, pageSize: number, cursor: string | undefined): Promise<MessagePage> {
  const mailbox = client.mailbox as MailboxObject;
  const before = cursor ? parseCursor(cursor, mailbox) : undefined;
  if (mailbox.exists === 0 || (before !== undefined && before <= 1)) return { folder, messages: [], remaining: 0 };
  const query: SearchObject = before !== undefined ? { ...criteria, uid: `1:${before - 1}` } : criteria;
  const found = await client.search(query, { uid: true });
  if (found === false || found === undefined) throwIfDropped(client);
  const uids = (found || []).sort((a, b) => a - b);
  const pageUids = uids.slice(-pageSize);
  const remaining = uids.length - pageUids.length;
  if (pageUids.length === 0) return { folder, messages: [], remaining: 0 };
  const fetched = await client.fetchAll(pageUids.join(','), { uid: true, flags: true, envelope: true, size: true, internalDate: true, bodyStructure: true }, { uid: true });
  const messages = fetched.map(toSummary).sort((a, b) => b.uid - a.uid);
  const result: MessagePage = { folder, messages, remaining };
  if (remaining > 0) result.nextCursor = `${mailbox.uidValidity}:${pageUids[0]}`;
  return result;
}

/** imapflow answers some failures with false; a dead connection must not look like "no results". */
export function throwIfDropped(client: ImapFlow): void {
  if (!client.usable) throw Object.assign(new Error('Connection closed'), { code: 'NoConnection' });
}

export function formatAddress(address: MessageAddressObject): string {
  if (!address.address) return address.name ?? '';
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function toIso(value: Date | string | undefined): string | undefined {
  if (!value) return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toSummary(message: FetchMessageObject): MessageSummary {
  const envelope = message.envelope ?? {};
  const flags = message.flags ?? new Set<string>();
  return {
    uid: message.uid,
    ...(envelope.messageId ? { messageId: envelope.messageId } : {}),
    subject: envelope.subject ?? '',
    from: (envelope.from ?? []).map(formatAddress),
    to: (envelope.to ?? []).map(formatAddress),
    date: toIso(envelope.date) ?? toIso(message.internalDate),
    unread: !flags.has('\\Seen'),
    flagged: flags.has('\\Flagged'),
    answered: flags.has('\\Answered'),
    size: message.size,
    hasAttachments: message.bodyStructure ? hasAttachment(message.bodyStructure) : false,
  };
}

function hasAttachment(node: MessageStructureObject): boolean {
  if (node.childNodes?.length) return node.childNodes.some(hasAttachment);
  return node.disposition === 'attachment' || Boolean(node.dispositionParameters?.filename);
}
