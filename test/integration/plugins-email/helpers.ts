// Shared set-up for the email plugin tests: Dovecot (plain, STARTTLS and IMAPS with a self-signed
// certificate), an SMTP sink that delivers into it, and the setup answers a person would type.
import { startMailServers as startServers, type MailServers } from '../email/helpers.js';
import type { Answer } from './plugin-rig.js';

// Building and appending test messages is the same as for the client tests.
export { appendMany, buildMail, type TestMail } from '../email/helpers.js';

export const ALICE = { user: 'alice', password: 'alice-imap-password-7c1e' };
export const BOB = { user: 'bob', password: 'bob-imap-password-2d9f' };

export type { MailServers };

/** The same servers as the client tests, with this suite's users. */
export const startMailServers = (): Promise<MailServers> => startServers([ALICE, BOB]);

export interface SetupChoice {
  user?: string;
  password?: string;
  /** plain (tls none), starttls on the plain port, or implicit TLS on the IMAPS port. */
  imap?: 'plain' | 'starttls' | 'implicit';
  /** The CA answer (generic provider); default "none". */
  ca?: string;
  /** Other ports than the servers' own (a proxy in front, or a closed port). */
  imapPort?: number;
  smtpPort?: number;
  /** The verdict answer; default "y". */
  verdict?: [RegExp, string];
}

/** The answers for the generic provider against the test servers, in the order setup asks. */
export function genericAnswers(servers: MailServers, choice: SetupChoice = {}): Answer[] {
  const user = choice.user ?? ALICE.user;
  const mode = choice.imap ?? 'plain';
  const port = choice.imapPort ?? (mode === 'implicit' ? servers.imap.imapsPort! : servers.imap.port);
  return [
    [/^Mail provider: 1 Outlook/, '5'],
    [/^User name/, user],
    [/^IMAP server/, '127.0.0.1'],
    [/^IMAP port/, String(port)],
    [/^IMAP TLS/, mode === 'plain' ? 'none' : mode],
    [/^SMTP server/, '127.0.0.1'],
    [/^SMTP port/, String(choice.smtpPort ?? servers.smtp.port)],
    [/^SMTP TLS/, 'none'],
    [/^CA certificate/, choice.ca ?? ''],
    [/^Your email address/, `${user}@example.com`],
    [/^Password or app password/, choice.password ?? ALICE.password],
    choice.verdict ?? [/^✓ Mail login works \(reading and sending\)\. Save these settings\?/, 'y'],
  ];
}

/** A PEM on one line, the way it arrives when pasted into a one-line prompt. */
export function oneLinePem(pem: string): string {
  return pem.trim().replace(/\n/g, ' ');
}

/** The uid of the message with `subject` in a list_messages / search result text. */
export function uidOf(listing: string, subject: string): number {
  const line = listing.split('\n').find((l) => l.includes(JSON.stringify(subject)));
  const uid = line && /uid (\d+)/.exec(line)?.[1];
  if (!uid) throw new Error(`no message ${JSON.stringify(subject)} in:\n${listing}`);
  return Number(uid);
}

/** Runs the setup a person would for `user` on plain loopback IMAP/SMTP. */
export async function setUpAccount(rig: { setup(name: string, answers: Answer[]): Promise<unknown> }, servers: MailServers, user = ALICE): Promise<void> {
  await rig.setup('email', genericAnswers(servers, { user: user.user, password: user.password }));
}
