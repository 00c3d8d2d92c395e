/**
 * Every failure of the Nextcloud/DAV client becomes a DavError: a kind to switch on and a one-line
 * message a person can act on. Messages never contain the password.
 */

export type DavErrorKind =
  | 'authenticationFailed' // 401: wrong user or app password
  | 'forbidden' // 403: logged in, but not allowed
  | 'serverUnreachable' // refused, DNS, connect timeout
  | 'timeout' // the server stopped answering
  | 'notFound' // the calendar, event, contact, file or folder is not there
  | 'conflict' // changed on the server since it was read (ETag), or already exists
  | 'pathRefused' // a file path that would leave the user's root
  | 'tooLarge' // over a size cap
  | 'discoveryFailed' // no CalDAV/CardDAV service found at the server URL
  | 'insecureRefused' // http:// to a host that is not on this machine
  | 'invalidArgument'
  | 'protocol'; // any other unexpected answer

export class DavError extends Error {
  override readonly name = 'DavError';
  constructor(
    readonly kind: DavErrorKind,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDavError(error: unknown, kind?: DavErrorKind): error is DavError {
  return error instanceof DavError && (kind === undefined || error.kind === kind);
}

/** A DavError for an HTTP answer that was not what the request needed. */
export function statusError(status: number, what: string, origin: string): DavError {
  switch (status) {
    case 401:
      return new DavError('authenticationFailed', `${origin} rejected the login: wrong user name or app password.`, status);
    case 403:
      return new DavError('forbidden', `${origin} does not allow this: ${what}.`, status);
    case 404:
    case 410:
      return new DavError('notFound', `Not found on ${origin}: ${what}.`, status);
    case 409:
      return new DavError('conflict', `${origin} refused ${what}: a parent folder is missing or the item conflicts.`, status);
    case 412:
      return new DavError('conflict', `${what} was changed on the server since it was read; read it again and retry.`, status);
    case 413:
    case 507:
      return new DavError('tooLarge', `${origin} refused ${what}: too large or no space left.`, status);
    default:
      return new DavError('protocol', `${origin} answered HTTP ${status} for ${what}.`, status);
  }
}

export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
