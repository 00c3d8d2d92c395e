/**
 * The account check: which of calendars, contacts and files answer for this user and app password,
 * and where (found by discovery, not assumed). Used by the plugin's setup to give a clear verdict.
 */
import { davTransport } from './dav-fetch.js';
import { defaultDiscoveryCache, forgetDiscovery, openDavClient, serviceOf, type DavKind, type DavService, type DiscoveryCache } from './discovery.js';
import { isDavError, statusError, type DavErrorKind } from './errors.js';
import type { NextcloudSettings } from './settings.js';

export interface ServiceCheck {
  ok: boolean;
  kind?: DavErrorKind;
  message: string;
}

export interface DiscoveryReport {
  ok: boolean;
  caldav: ServiceCheck & Partial<DavService>;
  carddav: ServiceCheck & Partial<DavService>;
  files: ServiceCheck & { url: string };
  summary: string;
}

/** Always walks discovery afresh (the cache is refreshed with what it finds). */
export async function discover(settings: NextcloudSettings, password: string, deps: { cache?: DiscoveryCache } = {}): Promise<DiscoveryReport> {
  const cache = deps.cache ?? defaultDiscoveryCache;
  const service = async (kind: DavKind): Promise<ServiceCheck & Partial<DavService>> => {
    const transport = davTransport(settings, password);
    forgetDiscovery(transport, kind, cache);
    try {
      const found = serviceOf(await openDavClient(transport, kind, cache));
      return { ok: true, message: `Found at ${found.homeUrl}.`, ...found };
    } catch (error) {
      if (!isDavError(error)) throw error;
      return { ok: false, kind: error.kind, message: error.message };
    }
  };
  const caldav = await service('caldav');
  const carddav = await service('carddav');
  const files = await checkFiles(settings, password);
  const ok = caldav.ok || carddav.ok || files.ok;
  const failures = [caldav, carddav, files].filter((c) => !c.ok);
  const auth = failures.find((f) => f.kind === 'authenticationFailed' || f.kind === 'serverUnreachable' || f.kind === 'insecureRefused');
  const summary = auth
    ? auth.message
    : `Calendars: ${caldav.ok ? 'yes' : 'no'}, contacts: ${carddav.ok ? 'yes' : 'no'}, files: ${files.ok ? 'yes' : 'no'}.`;
  return { ok: ok && !auth, caldav, carddav, files, summary };
}

async function checkFiles(settings: NextcloudSettings, password: string): Promise<ServiceCheck & { url: string }> {
  try {
    const transport = davTransport(settings, password);
    const url = transport.settings.filesRoot.href;
    const response = await transport.fetch(url, { method: 'PROPFIND', headers: { depth: '0', 'content-type': 'application/xml' }, body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>' });
    await response.body?.cancel();
    if (!response.ok) throw statusError(response.status, `the files root ${url}`, transport.label);
    return { ok: true, url, message: `Files at ${url}.` };
  } catch (error) {
    if (!isDavError(error)) throw error;
    return { ok: false, kind: error.kind, message: error.message, url: settings.filesUrl ?? '' };
  }
}
