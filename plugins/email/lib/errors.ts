/**
 * Every failure of the email client becomes a MailError: a kind the plugin layer can switch on and
 * a one-line message a person can act on. Messages never contain the password.
 */

export type MailErrorKind =
  | 'authenticationFailed' // wrong user name or password (or the provider wants an app password)
  | 'serverUnreachable' // refused, DNS, no route, connect timeout
  | 'connectionDropped' // the connection closed while a command was running
  | 'tlsFailed' // certificate not trusted, handshake failed, STARTTLS not offered
  | 'timeout' // the server stopped answering
  | 'mailboxMissing' // the folder does not exist
  | 'messageGone' // the UID is not (or no longer) in the folder
  | 'insecureRefused' // tls: 'none' to a host that is not on this machine
  | 'invalidArgument' // bad settings or arguments, caught before talking to a server
  | 'sendRejected' // the SMTP server refused the message or a recipient
  | 'protocol'; // anything else the server said no to

export type MailService = 'imap' | 'smtp';

export class MailError extends Error {
  override readonly name = 'MailError';
  constructor(
    readonly kind: MailErrorKind,
    message: string,
    readonly service?: MailService,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isMailError(error: unknown, kind?: MailErrorKind): error is MailError {
  return error instanceof MailError && (kind === undefined || error.kind === kind);
}

export interface ErrorContext {
  service: MailService;
  host: string;
  port: number;
  user?: string;
  folder?: string;
  uid?: number;
}

type LibraryError = Error & {
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseCode?: number;
  response?: unknown;
  responseText?: string;
  serverResponseCode?: string;
  command?: string;
};

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'EDNS']);
const DROPPED = new Set(['ECONNECTION', 'NoConnection', 'EConnectionClosed', 'ECONNRESET', 'EPIPE', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'StateLogout']);
const TIMEOUT = new Set(['ETIMEOUT', 'ETIMEDOUT', 'UPGRADE_TIMEOUT', 'LockTimeout']);
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|ETLS$)|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO|HOSTNAME/;

/** Maps an imapflow / nodemailer / socket error to a MailError (MailErrors pass through). */
export function toMailError(error: unknown, ctx: ErrorContext): MailError {
  if (error instanceof MailError) return error;
  const e = (error instanceof Error ? error : new Error(String(error))) as LibraryError;
  const code = effectiveCode(e);
  const where = `${ctx.service.toUpperCase()} server ${ctx.host}:${ctx.port}`;
  const make = (kind: MailErrorKind, message: string): MailError => new MailError(kind, message, ctx.service, { cause: e });

  if (e.authenticationFailed || code === 'EAUTH' || e.responseCode === 535) {
    return make('authenticationFailed', `${where} rejected the login for "${ctx.user ?? ''}": wrong user name or password (some providers need an app password).`);
  }
  const tlsLike = e.tlsFailed || TLS_CODES.test(code) || ((!code || code === 'ESOCKET') && /certificate|self[- ]signed|wrong version number|handshake/i.test(e.message));
  if (tlsLike) {
    return make('tlsFailed', `Secure connection to ${where} failed: ${oneLine(e.message)}.`);
  }
  if (e.mailboxMissing || (ctx.folder && /NONEXISTENT|doesn't exist|does not exist|Mailbox not found/i.test(`${e.serverResponseCode ?? ''} ${e.responseText ?? ''} ${responseText(e)}`))) {
    return make('mailboxMissing', `Folder "${ctx.folder ?? ''}" does not exist on ${ctx.host}.`);
  }
  if (UNREACHABLE.has(code)) {
    return make('serverUnreachable', `Cannot reach ${where} (${describeCode(code, e.message)}).`);
  }
  if (DROPPED.has(code)) {
    return make('connectionDropped', `The connection to ${where} dropped during the request; nothing is known to have completed. Try again.`);
  }
  if (TIMEOUT.has(code)) {
    return make('timeout', `${where} stopped answering (timed out).`);
  }
  if (ctx.service === 'smtp' && (e.responseCode ?? 0) >= 400) {
    return make('sendRejected', `${where} refused the message: ${oneLine(responseText(e) || e.message)}.`);
  }
  return make('protocol', `${where} reported an error: ${oneLine(e.responseText || responseText(e) || e.message)}.`);
}

/** nodemailer wraps socket errors as ESOCKET/ECONNECTION/EDNS; the Node code is in the message. */
function effectiveCode(e: LibraryError): string {
  const code = String(e.code ?? '');
  if (code === 'ESOCKET' || code === 'ECONNECTION' || code === 'EDNS') {
    const inner = /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE|ETIMEDOUT)\b/.exec(e.message)?.[1];
    if (inner) return inner;
    if (code === 'EDNS') return 'ENOTFOUND';
  }
  return code;
}

function responseText(e: LibraryError): string {
  return typeof e.response === 'string' ? e.response : '';
}

function describeCode(code: string, message: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused: is the server running and the port right?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return 'no answer in time';
    default:
      return oneLine(message) || code;
  }
}

/** First line of a library message, trimmed and capped, so errors stay one line. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
