/**
 * Finding the user's CalDAV and CardDAV homes the standard way (RFC 6764 /.well-known/, then
 * current-user-principal, then calendar-home-set / addressbook-home-set), so Nextcloud and plain
 * servers such as Radicale both work without hard-coded paths. tsdav's DAVClient does the walking;
 * it gets our transport's fetch and no credentials. Discovered URLs (never secrets) are cached per
 * account so later calls skip the walk.
 */
import { DAVClient, type DAVAccount, type DAVResponse } from 'tsdav';
import { DavError, isDavError, statusError } from './errors.js';
import type { DavTransport } from './dav-fetch.js';

export type DavKind = 'caldav' | 'carddav';

export interface DavService {
  rootUrl: string;
  principalUrl: string;
  homeUrl: string;
}

export class DiscoveryCache {
  private readonly entries = new Map<string, DAVAccount>();
  get(key: string): DAVAccount | undefined {
    const found = this.entries.get(key);
    return found ? { ...found } : undefined;
  }
  set(key: string, account: DAVAccount): void {
    const { credentials: _dropped, ...urls } = account;
    this.entries.set(key, { ...urls });
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
  clear(): void {
    this.entries.clear();
  }
}

export const defaultDiscoveryCache = new DiscoveryCache();

/** What the calendar and contacts calls can be given: a discovery cache (default: the process-wide one). */
export interface DavDeps {
  cache?: DiscoveryCache;
}

const cacheKey = (transport: DavTransport, kind: DavKind): string =>
  JSON.stringify([kind, transport.settings.user, (kind === 'caldav' ? transport.settings.caldav : transport.settings.carddav).href]);

/** A DAVClient whose account (root, principal, home) is known: from the cache, or by logging in. */
export async function openDavClient(transport: DavTransport, kind: DavKind, cache: DiscoveryCache = defaultDiscoveryCache): Promise<DAVClient> {
  const start = kind === 'caldav' ? transport.settings.caldav : transport.settings.carddav;
  const client = new DAVClient({
    serverUrl: start.href,
    credentials: {},
    authMethod: 'Custom',
    authFunction: async () => ({}),
    defaultAccountType: kind,
    fetch: transport.fetch,
  });
  const key = cacheKey(transport, kind);
  const cached = cache.get(key);
  if (cached) {
    client.account = cached;
    client.authHeaders = {};
    return client;
  }
  try {
    await client.login();
  } catch (error) {
    throw discoveryError(error, transport, kind);
  }
  if (!client.account?.homeUrl) throw discoveryError(new Error('no home'), transport, kind);
  cache.set(key, client.account);
  return client;
}

/** Forget what was discovered (after a 404 on a cached home, for example). */
export function forgetDiscovery(transport: DavTransport, kind: DavKind, cache: DiscoveryCache = defaultDiscoveryCache): void {
  cache.delete(cacheKey(transport, kind));
}

function discoveryError(error: unknown, transport: DavTransport, kind: DavKind): DavError {
  if (isDavError(error)) return error;
  if (transport.statuses.has(401)) return statusError(401, 'login', transport.label);
  const service = kind === 'caldav' ? 'calendar (CalDAV)' : 'contacts (CardDAV)';
  return new DavError('discoveryFailed', `No ${service} service found for ${transport.settings.user} at ${transport.label}: check the server URL.`, undefined, {
    cause: error,
  });
}

export function serviceOf(client: DAVClient): DavService {
  const account = client.account!;
  return { rootUrl: account.rootUrl!, principalUrl: account.principalUrl!, homeUrl: account.homeUrl! };
}

/** Throws the matching DavError when tsdav handed back a failed request instead of a multistatus. */
export function checkResponses(responses: DAVResponse[], what: string, transport: DavTransport): DAVResponse[] {
  const failed = responses.length === 1 && !responses[0]!.ok && responses[0]!.status >= 300 && !responses[0]!.props ? responses[0] : undefined;
  if (failed) throw statusError(failed.status, what, transport.label);
  return responses;
}

/** A WebDAV property value as text (xml-js gives strings, numbers or {_cdata}). */
export function propText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object' && '_cdata' in (value as object)) return String((value as { _cdata: unknown })._cdata);
  if (typeof value === 'object' && '_text' in (value as object)) return String((value as { _text: unknown })._text);
  return undefined;
}
