/**
 * An SMTP sink on 127.0.0.1 (npm smtp-server): requires AUTH PLAIN/LOGIN over plain TCP (no
 * STARTTLS), records every message, and delivers each one into the Dovecot INBOX of every recipient
 * whose address names a Dovecot user (`alice` or `alice@any.domain`), so a sent message can be read
 * back over IMAP.
 */
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { DovecotServer, MailUser } from './dovecot.js';

export interface SinkMessage {
  authUser: string;
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
  /** Dovecot users the message was delivered to. */
  deliveredTo: string[];
}

export interface SmtpSink {
  host: '127.0.0.1';
  port: number;
  messages: SinkMessage[];
  /** Resolves with the first recorded message matching `predicate` (waits for it up to timeoutMs). */
  waitFor(predicate: (message: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  stop(): Promise<void>;
}

export interface SmtpSinkOptions {
  deliverTo: DovecotServer;
  /** Who may log in; defaults to the Dovecot users. */
  users?: MailUser[];
}

export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const users = options.users ?? options.deliverTo.users;
  const messages: SinkMessage[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = users.some((u) => u.user === auth.username && u.password === auth.password);
      if (ok) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Authentication failed'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const rcptTo = session.envelope.rcptTo.map((a: SMTPServerAddress) => a.address);
        const local = [...new Set(rcptTo.map((address) => address.split('@')[0]!))];
        const targets = local.filter((name) => options.deliverTo.users.some((u) => u.user === name));
        Promise.all(targets.map((user) => options.deliverTo.deliver(user, raw)))
          .then(() => {
            messages.push({
              authUser: String(session.user ?? ''),
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo,
              raw,
              deliveredTo: targets,
            });
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = messages.find(predicate);
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const wake = (): void => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error('SMTP sink: no matching message arrived in time'));
        }, timeoutMs);
        waiters.add(wake);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
