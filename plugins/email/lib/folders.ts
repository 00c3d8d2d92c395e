/** Account-level calls: the login test and the folder list with unread counts. */
import type { ImapFlow, ListResponse } from 'imapflow';
import { MailError, isMailError, type MailErrorKind } from './errors.js';
import { connectImap, defaultImapPool, type ImapPool } from './imap-connection.js';
import type { MailSettings } from './settings.js';
import { verifySmtp } from './smtp-send.js';

export interface LoginCheck {
  ok: boolean;
  /** Set when ok is false. */
  kind?: MailErrorKind;
  message: string;
}

export interface LoginVerdict {
  ok: boolean;
  imap: LoginCheck;
  /** Present when the settings have an SMTP server. */
  smtp?: LoginCheck;
  /** One line for a person: what works, or the first thing to fix. */
  summary: string;
}

/** Logs in on a fresh connection (never a pooled one) and, if configured, checks SMTP too. */
export async function testLogin(settings: MailSettings, password: string): Promise<LoginVerdict> {
  const imap = await check(async () => {
    const client = await connectImap(settings, password);
    try {
      await client.noop();
    } finally {
      await client.logout().catch(() => client.close());
    }
    return `Logged in to ${settings.host} as ${settings.user}.`;
  });
  const smtp = settings.smtp
    ? await check(async () => {
        await verifySmtp(settings, password);
        return `SMTP ${settings.smtp!.host} accepted the login.`;
      })
    : undefined;
  const ok = imap.ok && (smtp?.ok ?? true);
  const summary = ok
    ? smtp
      ? 'Mail login works (reading and sending).'
      : 'Mail login works (reading; no SMTP server configured for sending).'
    : (!imap.ok ? imap.message : smtp!.message);
  return { ok, imap, smtp, summary };
}

async function check(work: () => Promise<string>): Promise<LoginCheck> {
  try {
    return { ok: true, message: await work() };
  } catch (error) {
    if (isMailError(error)) return { ok: false, kind: error.kind, message: error.message };
    throw error;
  }
}

export interface FolderInfo {
  path: string;
  name: string;
  /** \Sent, \Trash, \Junk, \Drafts, \Archive, \Inbox … when the server says so. */
  specialUse?: string;
  messages?: number;
  unread?: number;
  subscribed: boolean;
  /** False for containers that hold folders but no mail (\Noselect). */
  selectable: boolean;
}

export async function listFolders(settings: MailSettings, password: string, pool: ImapPool = defaultImapPool): Promise<FolderInfo[]> {
  return pool.run(settings, password, async (client) => (await client.list({ statusQuery: { messages: true, unseen: true } })).map(toFolderInfo), {
    retryOnDrop: true,
  });
}

function toFolderInfo(entry: ListResponse): FolderInfo {
  const selectable = !entry.flags.has('\\Noselect') && !entry.flags.has('\\NonExistent');
  return {
    path: entry.path,
    name: entry.name,
    ...(entry.specialUse ? { specialUse: entry.specialUse } : {}),
    ...(entry.status ? { messages: entry.status.messages, unread: entry.status.unseen } : {}),
    subscribed: entry.subscribed,
    selectable,
  };
}

/** Throws mailboxMissing unless `folder` exists (a cheap STATUS). */
export async function requireFolder(client: ImapFlow, folder: string): Promise<void> {
  try {
    const status = await client.status(folder, { messages: true });
    if (status) return;
  } catch (error) {
    if (!client.usable) throw error;
  }
  throw new MailError('mailboxMissing', `Folder "${folder}" does not exist.`, 'imap');
}
