/**
 * Sending new mail and replies, optionally keeping a copy in the Sent folder (many providers, e.g.
 * Gmail and Outlook, already file sent mail themselves, so that is off by default).
 */
import { MailError, isMailError } from './errors.js';
import { defaultImapPool, withFolder, type ImapPool } from './imap-connection.js';
import { changeFlag } from './message-actions.js';
import { checkUid, loadMessage, type MessageDetail } from './message-read.js';
import { senderAddress, type MailSettings } from './settings.js';
import { sendMessage, type OutgoingMessage, type SendResult } from './smtp-send.js';

export interface SendArgs extends OutgoingMessage {
  saveToSent?: boolean;
}

export interface SentInfo {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** Folder the copy went to, when saveToSent was asked and it worked. */
  savedTo?: string;
  /** Anything that did not work after the message was sent. */
  note?: string;
}

export async function send(settings: MailSettings, password: string, args: SendArgs, pool: ImapPool = defaultImapPool): Promise<SentInfo> {
  const result = await sendMessage(settings, password, args);
  return finish(settings, password, result, args.saveToSent ?? false, pool);
}

export interface ReplyArgs {
  folder?: string;
  uid: number;
  text: string;
  html?: string;
  /** Also to the original To/Cc recipients (except this account). */
  replyAll?: boolean;
  /** Quote the original text below the reply (default true). */
  quote?: boolean;
  saveToSent?: boolean;
}

export interface ReplyInfo extends SentInfo {
  to: string[];
  cc: string[];
  subject: string;
  inReplyTo?: string;
}

export async function reply(settings: MailSettings, password: string, args: ReplyArgs, pool: ImapPool = defaultImapPool): Promise<ReplyInfo> {
  const folder = args.folder ?? 'INBOX';
  const uid = checkUid(args.uid);
  if (typeof args.text !== 'string') throw new MailError('invalidArgument', 'The reply needs a text.');
  const original = await pool.run(settings, password, (client) => withFolder(client, folder, () => loadMessage(client, folder, uid, 10_000)), {
    retryOnDrop: true,
    folder,
  });
  const draft = replyDraft(original, senderAddress(settings).address, args);
  const result = await sendMessage(settings, password, draft);
  const info = await finish(settings, password, result, args.saveToSent ?? false, pool);
  try {
    await changeFlag(settings, password, { folder, uid }, '\\Answered', true, pool);
  } catch (error) {
    if (!isMailError(error)) throw error;
    info.note = [info.note, `Sent, but the original could not be marked as answered: ${error.message}`].filter(Boolean).join(' ');
  }
  return { ...info, to: asList(draft.to), cc: asList(draft.cc), subject: draft.subject, ...(draft.inReplyTo ? { inReplyTo: draft.inReplyTo } : {}) };
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const REPLY_PREFIX = /^\s*(re|aw|sv|antw|vs|r)\s*(\[\d+\])?\s*:/i;

/** The outgoing reply for `original`: recipients, "Re:" subject, threading headers, quote. */
export function replyDraft(original: MessageDetail, ownAddress: string, args: Pick<ReplyArgs, 'text' | 'html' | 'replyAll' | 'quote'>): OutgoingMessage {
  const bare = (entry: string): string => (/<([^>]+)>\s*$/.exec(entry)?.[1] ?? entry).toLowerCase();
  const own = ownAddress.toLowerCase();
  const primary = original.replyTo.length ? original.replyTo : original.from;
  if (primary.length === 0) throw new MailError('invalidArgument', 'The original message has no sender to reply to.');
  const seen = new Set<string>([own]);
  const unique = (list: string[]): string[] =>
    list.filter((entry) => {
      const key = bare(entry);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const to = unique(primary);
  const cc = args.replyAll ? unique([...original.to, ...original.cc]) : [];
  const subject = REPLY_PREFIX.test(original.subject) ? original.subject : `Re: ${original.subject}`.trim();
  const references = [...original.references, ...(original.messageId ? [original.messageId] : [])];
  const quoted = args.quote === false || !original.text ? '' : `\n\n${quoteHeader(original)}\n${original.text.split('\n').map((line) => `> ${line}`).join('\n')}`;
  return {
    to: to.length ? to : primary,
    ...(cc.length ? { cc } : {}),
    subject,
    text: `${args.text}${quoted}`,
    ...(args.html ? { html: args.html } : {}),
    ...(original.messageId ? { inReplyTo: original.messageId } : {}),
    ...(references.length ? { references } : {}),
  };
}

function quoteHeader(original: MessageDetail): string {
  const who = original.from[0] ?? 'the sender';
  return original.date ? `On ${original.date.slice(0, 16).replace('T', ' ')} UTC, ${who} wrote:` : `${who} wrote:`;
}

async function finish(settings: MailSettings, password: string, result: SendResult, saveToSent: boolean, pool: ImapPool): Promise<SentInfo> {
  const info: SentInfo = { messageId: result.messageId, accepted: result.accepted, rejected: result.rejected };
  if (!saveToSent) return info;
  try {
    info.savedTo = await appendToSent(settings, password, result.raw, pool);
  } catch (error) {
    if (!isMailError(error)) throw error;
    info.note = `Sent, but no copy was saved: ${error.message}`;
  }
  return info;
}

async function appendToSent(settings: MailSettings, password: string, raw: Buffer, pool: ImapPool): Promise<string> {
  return pool.run(settings, password, async (client) => {
    const folders = await client.list();
    const sent = folders.find((f) => f.specialUse === '\\Sent') ?? folders.find((f) => /^(sent|sent items|sent messages|gesendet)$/i.test(f.name));
    if (!sent) throw new MailError('mailboxMissing', 'The account has no Sent folder.', 'imap');
    const appended = await client.append(sent.path, raw, ['\\Seen']);
    if (!appended) {
      if (!client.usable) throw Object.assign(new Error('Connection closed'), { code: 'NoConnection' });
      throw new MailError('protocol', `The server refused to store the copy in "${sent.path}".`, 'imap');
    }
    return sent.path;
  });
}
