/**
 * Account settings for Nextcloud or any CalDAV/CardDAV/WebDAV server. The app password is never part
 * of them: every function takes it separately, at call time.
 */
import { DavError } from './errors.js';

export interface NextcloudSettings {
  /** The address people open in a browser, e.g. https://cloud.example.com or https://example.com/nextcloud. */
  serverUrl: string;
  user: string;
  /**
   * WebDAV root of the user's files. Default: Nextcloud's <serverUrl>/remote.php/dav/files/<user>/.
   * Set it for other WebDAV servers.
   */
  filesUrl?: string;
  /** Where CalDAV / CardDAV discovery starts (default: the server URL, via /.well-known/). */
  caldavUrl?: string;
  carddavUrl?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function parseUrl(value: string | undefined, label: string): URL | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DavError('invalidArgument', `${label} is not a URL: "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DavError('invalidArgument', `${label} must start with https://.`);
  if (url.username || url.password) throw new DavError('invalidArgument', `${label} must not contain a user name or password.`);
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new DavError('insecureRefused', `Refusing to send the password unencrypted to ${url.host}: use https:// (http:// is only for servers on this machine).`);
  }
  return url;
}

export interface CheckedSettings {
  server: URL;
  filesRoot: URL;
  caldav: URL;
  carddav: URL;
  /** The only origins the password may be sent to. */
  origins: Set<string>;
  timeoutMs: number;
  user: string;
}

const withSlash = (url: URL): URL => (url.pathname.endsWith('/') ? url : new URL(`${url.href}/`));

export function checkSettings(settings: NextcloudSettings): CheckedSettings {
  if (!settings || typeof settings.user !== 'string' || !settings.user.trim() || /[/\\]/.test(settings.user)) {
    throw new DavError('invalidArgument', 'The user name is missing or contains a slash.');
  }
  const server = withSlash(parseUrl(settings.serverUrl, 'serverUrl')!);
  const filesRoot = withSlash(parseUrl(settings.filesUrl, 'filesUrl') ?? new URL(`remote.php/dav/files/${encodeURIComponent(settings.user)}/`, server));
  const caldav = withSlash(parseUrl(settings.caldavUrl, 'caldavUrl') ?? server);
  const carddav = withSlash(parseUrl(settings.carddavUrl, 'carddavUrl') ?? server);
  const timeoutMs = settings.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new DavError('invalidArgument', 'timeoutMs must be at least 100.');
  return {
    server,
    filesRoot,
    caldav,
    carddav,
    origins: new Set([server.origin, filesRoot.origin, caldav.origin, carddav.origin]),
    timeoutMs,
    user: settings.user,
  };
}

export function requirePassword(password: string): void {
  if (typeof password !== 'string' || password.length === 0) throw new DavError('invalidArgument', 'No app password was given.');
}
