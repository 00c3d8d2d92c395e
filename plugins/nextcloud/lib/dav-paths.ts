/**
 * Paths and URLs that come from the user or the model. File paths are relative to the user's files
 * root and may never leave it: "..", ".", absolute paths, drive letters, URLs, backslashes, control
 * characters, and the same tricks percent-encoded or in full-width Unicode are refused. DAV URLs
 * (calendars, events, contacts) must point inside the discovered home.
 */
import { DavError } from './errors.js';

const MAX_PATH = 4096;

function refuse(input: string, why: string): DavError {
  const shown = input.length > 80 ? `${input.slice(0, 79)}…` : input;
  return new DavError('pathRefused', `Refusing the path "${shown.replace(/[\u0000-\u001f\u007f]/g, '?')}": ${why}. Use a path inside your files, such as Documents/notes.txt.`);
}

/** The path's segments, checked. An empty list is the root itself (only when allowRoot). */
export function splitFilePath(input: unknown, options: { allowRoot?: boolean } = {}): string[] {
  if (typeof input !== 'string') throw new DavError('invalidArgument', 'path must be text.');
  if (input.length > MAX_PATH) throw refuse(input, 'it is too long');
  if (/[\u0000-\u001f\u007f]/.test(input)) throw refuse(input, 'it contains control characters');
  // Every reading a server might apply must be harmless: as given, NFKC-normalised, and percent-decoded.
  const readings = new Set<string>([input, input.normalize('NFKC')]);
  for (const reading of [...readings]) {
    let decoded = reading;
    for (let i = 0; i < 3; i++) {
      let next: string;
      try {
        next = decodeURIComponent(decoded);
      } catch {
        break;
      }
      if (next === decoded) break;
      decoded = next;
      readings.add(decoded.normalize('NFKC'));
      readings.add(decoded);
    }
  }
  for (const reading of readings) {
    if (reading.includes('\\')) throw refuse(input, 'backslashes are not allowed');
    if (/[\u0000-\u001f\u007f]/.test(reading)) throw refuse(input, 'it contains encoded control characters');
    if (/^\s*[/~]/.test(reading)) throw refuse(input, 'absolute paths are not allowed');
    if (/^\s*[a-z]:|^[a-z][a-z0-9+.-]*:\/\//i.test(reading)) throw refuse(input, 'drive letters and URLs are not allowed');
    if (reading.split('/').some((segment) => segment.trim() === '..' || segment.trim() === '.')) throw refuse(input, '"." and ".." are not allowed');
  }
  const segments = input.split('/').filter((segment) => segment !== '');
  if (segments.length === 0 && !options.allowRoot) throw refuse(input, 'it names no file or folder');
  return segments;
}

/** The URL of `segments` under `root` (each segment percent-encoded as a literal name). */
export function urlInRoot(root: URL, segments: string[], folder = false): URL {
  const url = new URL(segments.map(encodeURIComponent).join('/') + (folder && segments.length ? '/' : ''), root);
  if (!url.href.startsWith(root.href)) throw new DavError('pathRefused', 'Refusing a path that leaves your files.');
  return url;
}

/** A root-relative path for an href the server returned (undefined when it is not under root). */
export function relativePath(root: URL, href: string): string | undefined {
  const url = new URL(href, root);
  if (!url.pathname.startsWith(root.pathname)) return undefined;
  try {
    return url.pathname.slice(root.pathname.length).split('/').map(decodeURIComponent).join('/').replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

/** Calendar, event and contact URLs come from the caller: they must point into the user's DAV home. */
export function insideHome(value: string, home: string, label: string, collection = false): string {
  let url: URL;
  try {
    url = new URL(value, home);
  } catch {
    throw new DavError('invalidArgument', `${label} is not a URL.`);
  }
  if (collection && !url.pathname.endsWith('/')) url = new URL(`${url.href}/`);
  let rest: string;
  try {
    rest = decodeURIComponent(url.pathname.slice(new URL(home).pathname.length));
  } catch {
    rest = '..';
  }
  const inside = url.href.startsWith(home) && url.href !== home && !/(^|\/)\.\.?(\/|$)/.test(rest);
  if (!inside) throw new DavError('invalidArgument', `${label} must point inside ${home}.`);
  return url.href;
}
