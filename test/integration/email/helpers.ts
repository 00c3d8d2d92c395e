// Shared set-up for the email client tests: one Dovecot (with TLS) and one SMTP sink per test file.
import MailComposer from 'nodemailer/lib/mail-composer';
import { ImapFlow } from 'imapflow';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../../helpers/servers/index.js';
import type { MailSettings } from '../../../plugins/email/lib/index.js';

export const ALICE = { user: 'alice', password: 'alice-secret' };
export const BOB = { user: 'bob', password: 'bob-secret' };

export interface MailServers {
  imap: DovecotServer;
  smtp: SmtpSink;
  stop(): Promise<void>;
}

export async function startMailServers(users: { user: string; password: string }[] = [ALICE, BOB]): Promise<MailServers> {
  const imap = await startDovecot({ users, tls: true });
  const smtp = await startSmtpSink({ deliverTo: imap });
  return {
    imap,
    smtp,
    stop: async () => {
      await smtp.stop();
      await imap.stop();
    },
  };
}

/** Plain IMAP and SMTP on loopback (tls "none"). */
export function plainSettings(servers: MailServers, user = ALICE.user): MailSettings {
  return {
    host: '127.0.0.1',
    port: servers.imap.port,
    tls: 'none',
    user,
    fromAddress: `${user}@example.com`,
    smtp: { host: '127.0.0.1', port: servers.smtp.port, tls: 'none' },
  };
}

export interface TestMail {
  from?: string;
  to?: string;
  subject: string;
  text?: string;
  html?: string;
  date?: string;
  messageId?: string;
  attachments?: Array<{ filename: string; content: string | Buffer; contentType?: string }>;
}

export async function buildMail(mail: TestMail): Promise<Buffer> {
  const node = new MailComposer({
    from: mail.from ?? 'Bob Example <bob@example.com>',
    to: mail.to ?? 'Alice <alice@example.com>',
    subject: mail.subject,
    ...(mail.text !== undefined ? { text: mail.text } : {}),
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    ...(mail.date ? { date: mail.date } : {}),
    ...(mail.messageId ? { messageId: mail.messageId } : {}),
    attachments: mail.attachments ?? [],
  }).compile();
  return node.build();
}

/** Many messages at once through IMAP APPEND on one connection (much faster than one LDA each). */
export async function appendMany(servers: MailServers, user: typeof ALICE, folder: string, mails: TestMail[], seen = false): Promise<void> {
  const client = new ImapFlow({ host: '127.0.0.1', port: servers.imap.port, secure: false, doSTARTTLS: false, auth: { user: user.user, pass: user.password }, logger: false });
  await client.connect();
  try {
    if (!(await client.list()).some((f) => f.path === folder)) await client.mailboxCreate(folder);
    for (const mail of mails) await client.append(folder, await buildMail(mail), seen ? ['\\Seen'] : []);
  } finally {
    await client.logout();
  }
}

export async function rejection(promise: Promise<unknown>): Promise<Error & { kind?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { kind?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
