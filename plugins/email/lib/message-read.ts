/**
 * Reading one message: headers (parsed by mailparser from the header block only), the text body
 * (text/plain, else text/html turned into text by html-to-text), capped in size with a note, and the
 * attachment list from the body structure. Attachments are never downloaded. Everything returned
 * is untrusted data from the sender.
 */
import { convert } from 'html-to-text';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import { simpleParser, type AddressObject } from 'mailparser';
import { MailError } from './errors.js';
import { defaultImapPool, messageGone, withFolder, type ImapPool } from './imap-connection.js';
import { formatAddress, throwIfDropped } from './message-list.js';
import type { MailSettings } from './settings.js';

export interface ReadArgs {
  folder?: string;
  uid: number;
  /** Cap on the returned body text (default 20 000 characters, at most 200 000). */
  maxBodyChars?: number;
  /** Also set \Seen (reading does not, by default). */
  markRead?: boolean;
}

export interface AttachmentInfo {
  name: string;
  contentType: string;
  /** Decoded size in bytes, estimated from the encoded size the server reports. */
  size: number;
  /** IMAP body part number, e.g. "2" or "1.3". */
  part: string;
  inline: boolean;
}

export interface MessageDetail {
  folder: string;
  uid: number;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  subject: string;
  from: string[];
  to: string[];
  cc: string[];
  replyTo: string[];
  /** ISO date-time from the Date header. */
  date?: string;
  /** The Date header's own UTC offset ("+01:00"), so times in the text can be read in the sender's zone. */
  dateOffset?: string;
  unread: boolean;
  flagged: boolean;
  answered: boolean;
  size?: number;
  text: string;
  textSource: 'plain' | 'html' | 'none';
  truncated: boolean;
  /** Set when the body was cut or could not be shown. */
  note?: string;
  attachments: AttachmentInfo[];
}

const DEFAULT_MAX_CHARS = 20_000;
const MAX_HTML_BYTES = 2 * 1024 * 1024;

export async function readMessage(settings: MailSettings, password: string, args: ReadArgs, pool: ImapPool = defaultImapPool): Promise<MessageDetail> {
  const folder = args.folder ?? 'INBOX';
  const uid = checkUid(args.uid);
  const maxChars = args.maxBodyChars ?? DEFAULT_MAX_CHARS;
  if (!Number.isInteger(maxChars) || maxChars < 100 || maxChars > 200_000) {
    throw new MailError('invalidArgument', 'maxBodyChars must be a whole number from 100 to 200000.');
  }
  return pool.run(
    settings,
    password,
    (client) =>
      withFolder(client, folder, async () => {
        const detail = await loadMessage(client, folder, uid, maxChars);
        if (args.markRead && detail.unread) {
          if (!(await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true }))) throwIfDropped(client);
          detail.unread = false;
        }
        return detail;
      }),
    { retryOnDrop: !args.markRead, folder },
  );
}

export function checkUid(uid: unknown): number {
  if (typeof uid !== 'number' || !Number.isInteger(uid) || uid < 1) throw new MailError('invalidArgument', 'uid must be a positive whole number.');
  return uid;
}

/** Loads a message from the folder that is open on `client` (inside withFolder). */
export async function loadMessage(client: ImapFlow, folder: string, uid: number, maxChars: number): Promise<MessageDetail> {
  const fetched = await client.fetchOne(String(uid), { uid: true, flags: true, size: true, bodyStructure: true, headers: true }, { uid: true });
  if (!fetched) {
    throwIfDropped(client);
    throw messageGone(folder, uid);
  }
  const parsed = await simpleParser(fetched.headers ?? Buffer.alloc(0), { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const flags = fetched.flags ?? new Set<string>();
  const structure = fetched.bodyStructure;
  const body = structure ? await readBody(client, folder, uid, structure, maxChars) : { text: '', textSource: 'none' as const, truncated: false };
  const dateLine = parsed.headerLines.find((line) => line.key === 'date')?.line;
  const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
  return {
    folder,
    uid,
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}),
    references,
    subject: parsed.subject ?? '',
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    replyTo: addresses(parsed.replyTo),
    ...(parsed.date && !Number.isNaN(parsed.date.getTime()) ? { date: parsed.date.toISOString() } : {}),
    ...(dateLine ? offsetOf(dateLine) : {}),
    unread: !flags.has('\\Seen'),
    flagged: flags.has('\\Flagged'),
    answered: flags.has('\\Answered'),
    size: fetched.size,
    ...body,
    attachments: structure ? listAttachments(structure) : [],
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.flatMap((obj) => obj.value.flatMap((entry) => (entry.group ? entry.group : [entry]))).map((entry) => formatAddress({ name: entry.name || undefined, address: entry.address }));
}

function offsetOf(dateLine: string): { dateOffset?: string } {
  const match = /([+-])(\d{2})(\d{2})\s*(\(.*\))?\s*$/.exec(dateLine);
  if (match) return { dateOffset: `${match[1]}${match[2]}:${match[3]}` };
  return /\b(GMT|UT|UTC|Z)\s*$/i.test(dateLine) ? { dateOffset: '+00:00' } : {};
}

interface Leaf {
  part: string;
  node: MessageStructureObject;
}

/** Leaf parts in order; a non-multipart message is part "1". message/rfc822 counts as one leaf. */
function leaves(node: MessageStructureObject, fallbackPart = '1'): Leaf[] {
  if (node.type.startsWith('multipart/')) return (node.childNodes ?? []).flatMap((child) => leaves(child, child.part ?? fallbackPart));
  return [{ part: node.part ?? fallbackPart, node }];
}

function fileName(node: MessageStructureObject): string | undefined {
  return node.dispositionParameters?.filename ?? node.parameters?.name;
}

function isBodyText(node: MessageStructureObject): boolean {
  return (node.type === 'text/plain' || node.type === 'text/html') && node.disposition !== 'attachment' && !fileName(node);
}

export function listAttachments(structure: MessageStructureObject): AttachmentInfo[] {
  return leaves(structure)
    .filter(({ node }) => !isBodyText(node) && (fileName(node) || node.disposition === 'attachment' || node.type === 'message/rfc822' || !node.type.startsWith('text/')))
    .map(({ part, node }) => ({
      name: fileName(node) ?? (node.type === 'message/rfc822' ? `${node.envelope?.subject || 'message'}.eml` : `part-${part}`),
      contentType: node.type,
      size: estimateDecodedSize(node),
      part,
      inline: node.disposition === 'inline' || (!node.disposition && Boolean(node.id)),
    }));
}

function estimateDecodedSize(node: MessageStructureObject): number {
  const size = node.size ?? 0;
  return node.encoding?.toLowerCase() === 'base64' ? Math.floor((size * 3) / 4 * (76 / 78)) : size;
}

async function readBody(
  client: ImapFlow,
  folder: string,
  uid: number,
  structure: MessageStructureObject,
  maxChars: number,
): Promise<Pick<MessageDetail, 'text' | 'textSource' | 'truncated' | 'note'>> {
  const parts = leaves(structure).filter(({ node }) => isBodyText(node));
  const plain = parts.find(({ node }) => node.type === 'text/plain');
  const html = parts.find(({ node }) => node.type === 'text/html');
  const chosen = plain ?? html;
  if (!chosen) return { text: '', textSource: 'none', truncated: false, note: 'The message has no text part.' };
  // A UTF-8 character is at most four bytes; HTML is mostly markup, so it may be larger before conversion.
  const maxBytes = chosen === plain ? maxChars * 4 : Math.max(maxChars * 8, Math.min(MAX_HTML_BYTES, (chosen.node.size ?? 0) + 1));
  const downloaded = await client.download(String(uid), chosen.part, { uid: true, maxBytes });
  if (!downloaded.content) {
    throwIfDropped(client);
    throw messageGone(folder, uid);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of downloaded.content) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8').replace(/\r\n?/g, '\n');
  let cutByBytes = (chosen.node.size ?? 0) > maxBytes;
  let text = chosen === plain ? raw : htmlToText(raw);
  const fullLength = text.length;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    cutByBytes = true;
  }
  const result = { text, textSource: chosen === plain ? ('plain' as const) : ('html' as const), truncated: cutByBytes };
  if (!cutByBytes) return result;
  const total = chosen.node.size ? ` of a ${Math.ceil(chosen.node.size / 1024)} KB ${chosen.node.type} part` : '';
  return { ...result, note: `Body cut at ${text.length} characters${total} (${fullLength > maxChars ? 'the text goes on' : 'download capped'}).` };
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      { selector: 'style', format: 'skip' },
      { selector: 'script', format: 'skip' },
    ],
  }).trim();
}
