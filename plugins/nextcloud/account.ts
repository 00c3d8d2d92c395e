/**
 * The account as the tools see it: settings and app password read from the plugin's vault namespace
 * at call time (never kept), a discovery cache (URLs only) for the life of the plugin process, and
 * every client failure turned into a one-line tool error that says what to do next.
 */
import type { PluginSecrets, ToolContext } from '../../app/plugins/sdk.js';
import { DiscoveryCache, isDavError, type DavErrorKind, type NextcloudSettings } from './lib/index.js';
import { PluginToolError } from '../shared/tool-args.js';

/** plugin:nextcloud:settings holds the JSON below (no secret in it); plugin:nextcloud:app_password the password. */
export const SETTINGS_KEY = 'settings';
export const PASSWORD_KEY = 'app_password';

export interface StoredSettings extends NextcloudSettings {
  /** Set when setup found no files (WebDAV) service and the person chose to go without. */
  noFiles?: boolean;
}

/** Discovered CalDAV/CardDAV homes, so later calls skip the walk. */
export const discoveryCache = new DiscoveryCache();

const SETUP_HINT = 'Set it up: select nextcloud in the Plugins pane and press s, or run pyra plugin setup nextcloud';

/** A tool failure the model and the person can act on; its name becomes the first words of the error. */
export class NextcloudToolError extends PluginToolError {}

export function parseSettings(raw: string | null): StoredSettings | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as StoredSettings;
    return typeof value.serverUrl === 'string' && typeof value.user === 'string' ? value : null;
  } catch {
    return null;
  }
}

export async function readSettings(secrets: PluginSecrets): Promise<StoredSettings | null> {
  return parseSettings(await secrets.get(SETTINGS_KEY));
}

const LABELS: Record<DavErrorKind, string> = {
  authenticationFailed: 'login failed',
  forbidden: 'forbidden',
  serverUnreachable: 'server unreachable',
  timeout: 'timeout',
  notFound: 'not found',
  conflict: 'conflict',
  pathRefused: 'path refused',
  tooLarge: 'too large',
  discoveryFailed: 'no service',
  insecureRefused: 'refused',
  invalidArgument: 'invalid argument',
  protocol: 'server error',
};

const HINTS: Partial<Record<DavErrorKind, string>> = {
  authenticationFailed: `Check the user name and app password. ${SETUP_HINT}`,
  discoveryFailed: SETUP_HINT,
  insecureRefused: SETUP_HINT,
};

export function toToolError(error: unknown): unknown {
  if (!isDavError(error)) return error;
  const hint = HINTS[error.kind];
  return new NextcloudToolError(LABELS[error.kind], hint ? `${error.message} ${hint}` : error.message);
}

/** Runs `work` with the account, turning client errors into tool errors. */
export async function withAccount<T>(ctx: Pick<ToolContext, 'secrets'>, work: (settings: StoredSettings, password: string) => Promise<T>): Promise<T> {
  const settings = await readSettings(ctx.secrets);
  const password = await ctx.secrets.get(PASSWORD_KEY);
  if (!settings || !password) throw new NextcloudToolError('not set up', `The Nextcloud account is not set up yet. ${SETUP_HINT}`);
  try {
    return await work(settings, password);
  } catch (error) {
    throw toToolError(error);
  }
}

/** For the file tools: the account, unless setup chose to go without files. */
export function withFiles<T>(ctx: Pick<ToolContext, 'secrets'>, work: (settings: StoredSettings, password: string) => Promise<T>): Promise<T> {
  return withAccount(ctx, (settings, password) => {
    if (settings.noFiles) throw new NextcloudToolError('not set up', `No files (WebDAV) service is set up for this account. ${SETUP_HINT}`);
    return work(settings, password);
  });
}
