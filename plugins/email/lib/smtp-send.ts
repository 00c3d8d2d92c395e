/**
 * Sending over SMTP with nodemailer: one short-lived transport per call (the password is used for
 * that login only). Messages are built once (MailComposer) so the same bytes can be sent and, when
 * asked, appended to the Sent folder. Local files and URLs are never read into a message.
 */
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailError, toMailError } from './errors.js';
import { requirePassword, senderAddress, validateMailSettings, type MailSettings } from './settings.js';

export interface OutgoingAttachment {
  filename: string;
  /** Text, or base64 when `encoding` is 'base64'. */
  content: string;
  encoding?: 'utf8' | 'base64';
  contentType?: string;
}

export interface OutgoingMessage {
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: OutgoingAttachment[];
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The exact bytes that were sent (for saving to Sent). */
  raw: Buffer;
}

const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

function addressList(value: string | string[] | undefined, label: string): string[] {
  if (value === undefined) return [];
  const list = (Array.isArray(value) ? value : value.split(',')).map((a) => a.trim()).filter(Boolean);
  for (const entry of list) {
    const bare = /<([^>]+)>\s*$/.exec(entry)?.[1] ?? entry;
    if (!ADDRESS.test(bare)) throw new MailError('invalidArgument', `${label}: "${entry}" is not an email address.`, 'smtp');
  }
  return list;
}

function smtpContext(settings: MailSettings) {
  const smtp = settings.smtp!;
  return { service: 'smtp' as const, host: smtp.host, port: smtp.port, user: smtp.user ?? settings.user };
}

function transportFor(settings: MailSettings, password: string) {
  const smtp = settings.smtp!;
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    auth: { user: smtp.user ?? settings.user, pass: password },
    tls: { ...(settings.ca ? { ca: settings.ca } : {}), ...(/^[\d.]+$|:/.test(smtp.host) ? {} : { servername: smtp.host }) },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
}

/** Logs in to the SMTP server and quits (for the login test). */
export async function verifySmtp(settings: MailSettings, password: string): Promise<void> {
  validateMailSettings(settings, { smtp: true });
  requirePassword(password);
  const transport = transportFor(settings, password);
  try {
    await transport.verify();
  } catch (error) {
    throw toMailError(error, smtpContext(settings));
  } finally {
    transport.close();
  }
}

/** Builds the raw RFC 822 message (with Message-ID and Date) without sending it. */
export async function composeMessage(settings: MailSettings, message: OutgoingMessage): Promise<{ raw: Buffer; messageId: string; envelope: { from: string; to: string[] } }> {
  const from = senderAddress(settings);
  const to = addressList(message.to, 'To');
  const cc = addressList(message.cc, 'Cc');
  const bcc = addressList(message.bcc, 'Bcc');
  if (to.length + cc.length + bcc.length === 0) throw new MailError('invalidArgument', 'The message has no recipients.', 'smtp');
  if (typeof message.subject !== 'string' || typeof message.text !== 'string') {
    throw new MailError('invalidArgument', 'The message needs a subject and a text body.', 'smtp');
  }
  const node = new MailComposer({
    from,
    to,
    cc,
    bcc,
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references?.length ? { references: message.references } : {}),
    attachments: (message.attachments ?? []).map((a) => ({
      filename: a.filename,
      content: a.content,
      encoding: a.encoding ?? 'utf8',
      ...(a.contentType ? { contentType: a.contentType } : {}),
    })),
    disableFileAccess: true,
    disableUrlAccess: true,
  }).compile();
  node.keepBcc = false;
  const envelope = node.getEnvelope() as { from: string | false; to: string[] };
  const raw = await node.build();
  const messageId = node.messageId();
  return { raw, messageId, envelope: { from: envelope.from || from.address, to: envelope.to } };
}

export async function sendMessage(settings: MailSettings, password: string, message: OutgoingMessage): Promise<SendResult> {
  validateMailSettings(settings, { smtp: true });
  requirePassword(password);
  const { raw, messageId, envelope } = await composeMessage(settings, message);
  const transport = transportFor(settings, password);
  try {
    const info = await transport.sendMail({ envelope, raw });
    const asText = (list: unknown[] | undefined): string[] => (list ?? []).map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a)));
    return { messageId, accepted: asText(info.accepted), rejected: asText(info.rejected), raw };
  } catch (error) {
    throw toMailError(error, smtpContext(settings));
  } finally {
    transport.close();
  }
}
