/**
 * The one place HTTP happens: a fetch that adds Basic auth only for the account's own origins,
 * follows redirects itself (and only within those origins), applies a timeout, and turns network
 * failures into DavErrors. It is handed to tsdav as its `fetch`, so tsdav never sees the password.
 * A transport lives for one call; the password is held only by its closure.
 */
import { DavError, oneLine } from './errors.js';
import { checkSettings, requirePassword, type CheckedSettings, type NextcloudSettings } from './settings.js';

export interface DavTransport {
  fetch: typeof globalThis.fetch;
  settings: CheckedSettings;
  /** HTTP statuses seen during this call (tsdav hides some behind generic errors). */
  statuses: Set<number>;
  /** "cloud.example.com" — used in messages. */
  label: string;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is the server running and the address right?',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
  UND_ERR_CONNECT_TIMEOUT: 'no answer in time',
  UND_ERR_SOCKET: 'connection closed',
};

export function davTransport(settings: NextcloudSettings, password: string): DavTransport {
  const checked = checkSettings(settings);
  requirePassword(password);
  const authorization = `Basic ${Buffer.from(`${checked.user}:${password}`, 'utf8').toString('base64')}`;
  const statuses = new Set<number>();
  const label = checked.server.host;

  const request = async (url: URL, init: RequestInit): Promise<Response> => {
    if (!checked.origins.has(url.origin)) {
      throw new DavError('protocol', `Refusing to send the login to ${url.host}: it is not the configured server ${label}.`);
    }
    const headers = new Headers(init.headers);
    headers.set('authorization', authorization);
    const timeout = AbortSignal.timeout(checked.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, { ...init, headers, signal, redirect: 'manual' });
      statuses.add(response.status);
      return response;
    } catch (error) {
      throw networkError(error, label, timeout.aborted);
    }
  };

  const davFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url = new URL(input instanceof Request ? input.url : input.toString());
    const followRedirects = init.redirect !== 'manual';
    for (let hops = 0; ; hops++) {
      const response = await request(url, init);
      const location = response.headers.get('location');
      if (!followRedirects || response.status < 300 || response.status >= 400 || !location || hops >= 5) return response;
      await response.body?.cancel();
      url = new URL(location, url);
    }
  };

  return { fetch: davFetch as typeof globalThis.fetch, settings: checked, statuses, label };
}

function networkError(error: unknown, label: string, timedOut: boolean): DavError {
  if (error instanceof DavError) return error;
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (timedOut || e.name === 'TimeoutError') return new DavError('timeout', `${label} did not answer in time.`, undefined, { cause: e });
  const code = e.cause?.code ?? '';
  const reason = NETWORK_CODES[code] ?? oneLine(e.cause?.message ?? e.message);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') {
    return new DavError('serverUnreachable', `The connection to ${label} dropped (${reason}).`, undefined, { cause: e });
  }
  return new DavError('serverUnreachable', `Cannot reach ${label} (${reason}).`, undefined, { cause: e });
}

/** Reads a response body as text, refusing more than `maxBytes`. */
export async function readCapped(response: Response, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  const reader = response.body?.getReader();
  if (!reader) return { bytes: Buffer.alloc(0), truncated };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - total;
    if (value.byteLength > room) {
      chunks.push(Buffer.from(value.subarray(0, room)));
      total += room;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(Buffer.from(value));
    total += value.byteLength;
  }
  return { bytes: Buffer.concat(chunks), truncated };
}
