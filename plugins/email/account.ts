/**
 * The account as the tools see it: settings and password read from the plugin's vault namespace at
 * call time (never kept), one connection pool for the life of the plugin process, and every client
 * failure turned into a one-line tool error that says what to do next.
 */
import type { PluginSecrets, ToolContext } from '../../app/plugins/sdk.js';
import { ImapPool, isMailError, isLoopbackHost, type MailErrorKind, type MailSettings, type TlsMode } from './lib/index.js';
import { PluginToolError } from '../shared/tool-args.js';

/** plugin:email:settings holds the JSON below (no secret in it); plugin:email:password the password. */
export const SETTINGS_KEY = 'settings';
export const PASSWORD_KEY = 'password';

export interface StoredSettings extends MailSettings {
  /** The preset chosen in setup (outlook, gmail, fastmail, icloud, generic). */
  preset?: string;
}

/** Keeps logged-in IMAP connections between calls; reconnects after the server drops them. */
export const pool = new ImapPool({ idleCloseMs: 120_000 });

const SETUP_HINT = 'Set it up: select email in the Plugins pane and press s, or run pyra plugin setup email';

/** A tool failure the model and the person can act on; its name becomes the first words of the error. */
export class EmailToolError extends PluginToolError {}

const TLS_MODES: readonly TlsMode[] = ['implicit', 'starttls', 'none'];

function isEndpoint(value: unknown): boolean {
  const v = value as { host?: unknown; port?: unknown; tls?: unknown } | null;
  return typeof v?.host === 'string' && typeof v.port === 'number' && TLS_MODES.includes(v.tls as TlsMode);
}

/** The stored settings, or null when there are none or they are unusable. */
export function parseSettings(raw: string | null): StoredSettings | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as StoredSettings;
    if (!isEndpoint(value) || typeof value.user !== 'string') return null;
    if (value.smtp !== undefined && !isEndpoint(value.smtp)) return null;
    return value;
  } catch {
    return null;
  }
}

export async function readSettings(secrets: PluginSecrets): Promise<StoredSettings | null> {
  return parseSettings(await secrets.get(SETTINGS_KEY));
}

/** Settings and password, fresh from the vault for this one call. */
export async function loadAccount(secrets: PluginSecrets): Promise<{ settings: StoredSettings; password: string }> {
  const settings = await readSettings(secrets);
  const password = await secrets.get(PASSWORD_KEY);
  if (!settings || !password) throw new EmailToolError('not set up', `The email account is not set up yet. ${SETUP_HINT}`);
  return { settings, password };
}

const LABELS: Record<MailErrorKind, string> = {
  authenticationFailed: 'login failed',
  serverUnreachable: 'server unreachable',
  connectionDropped: 'connection dropped',
  tlsFailed: 'secure connection failed',
  timeout: 'timeout',
  mailboxMissing: 'folder missing',
  messageGone: 'message gone',
  insecureRefused: 'refused',
  invalidArgument: 'invalid argument',
  sendRejected: 'send rejected',
  protocol: 'server error',
};

const HINTS: Partial<Record<MailErrorKind, string>> = {
  authenticationFailed: `Check the user name and password. ${SETUP_HINT}`,
  tlsFailed: `Check the TLS mode and certificate. ${SETUP_HINT}`,
  mailboxMissing: 'email__list_folders shows the folders there are.',
  messageGone: 'List the folder again to get current uids.',
  insecureRefused: SETUP_HINT,
};

export function toToolError(error: unknown): unknown {
  if (!isMailError(error)) return error;
  const hint = HINTS[error.kind];
  return new EmailToolError(LABELS[error.kind], hint ? `${error.message} ${hint}` : error.message);
}

/** Runs `work` with the account, turning client errors into tool errors. */
export async function withAccount<T>(ctx: Pick<ToolContext, 'secrets'>, work: (settings: StoredSettings, password: string) => Promise<T>): Promise<T> {
  const { settings, password } = await loadAccount(ctx.secrets);
  try {
    return await work(settings, password);
  } catch (error) {
    throw toToolError(error);
  }
}

/** For messages: "imap.example.com:993 (TLS)". */
export function describeEndpoint(endpoint: { host: string; port: number; tls: TlsMode }): string {
  const how = endpoint.tls === 'implicit' ? 'TLS' : endpoint.tls === 'starttls' ? 'STARTTLS' : isLoopbackHost(endpoint.host) ? 'plain, this machine only' : 'plain';
  return `${endpoint.host}:${endpoint.port} (${how})`;
}
