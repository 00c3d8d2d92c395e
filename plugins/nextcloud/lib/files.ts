/**
 * The user's files over WebDAV (Nextcloud's remote.php/dav/files/USER/, or any WebDAV root): list a
 * folder, read a text file (size-capped), upload, create a folder, move/rename, delete. Every path
 * goes through splitFilePath, so nothing outside the user's root can be named.
 */
import { propfind } from 'tsdav';
import { davTransport, readCapped, type DavTransport } from './dav-fetch.js';
import { checkResponses, propText } from './discovery.js';
import { relativePath, splitFilePath, urlInRoot } from './dav-paths.js';
import { DavError, statusError } from './errors.js';
import type { NextcloudSettings } from './settings.js';

export interface FileEntry {
  /** Path relative to the files root, usable as `path` in the other calls. */
  path: string;
  name: string;
  type: 'file' | 'folder';
  size?: number;
  modified?: string;
  contentType?: string;
  etag?: string;
}

export async function listFolder(settings: NextcloudSettings, password: string, args: { path?: string } = {}): Promise<{ path: string; entries: FileEntry[] }> {
  const segments = splitFilePath(args.path ?? '', { allowRoot: true });
  const transport = davTransport(settings, password);
  const root = transport.settings.filesRoot;
  const url = urlInRoot(root, segments, true);
  const responses = checkResponses(
    await propfind({
      url: url.href,
      props: { 'd:resourcetype': {}, 'd:getcontentlength': {}, 'd:getlastmodified': {}, 'd:getcontenttype': {}, 'd:getetag': {} },
      depth: '1',
      fetch: transport.fetch,
    }),
    `the folder "${segments.join('/') || '/'}"`,
    transport,
  );
  const self = segments.join('/');
  const entries: FileEntry[] = [];
  for (const response of responses) {
    const path = response.href ? relativePath(root, response.href) : undefined;
    if (path === undefined || path === self || !response.props) continue;
    const isFolder = Boolean(response.props.resourcetype && typeof response.props.resourcetype === 'object' && 'collection' in response.props.resourcetype);
    const size = Number(propText(response.props.getcontentlength));
    const modified = propText(response.props.getlastmodified);
    const contentType = propText(response.props.getcontenttype);
    const etag = propText(response.props.getetag);
    entries.push({
      path,
      name: path.split('/').pop() ?? path,
      type: isFolder ? 'folder' : 'file',
      ...(!isFolder && Number.isFinite(size) ? { size } : {}),
      ...(modified && !Number.isNaN(Date.parse(modified)) ? { modified: new Date(modified).toISOString() } : {}),
      ...(contentType && !isFolder ? { contentType } : {}),
      ...(etag ? { etag } : {}),
    });
  }
  entries.sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name) : a.type === 'folder' ? -1 : 1));
  return { path: self, entries };
}

export interface ReadFileResult {
  path: string;
  text: string;
  /** Bytes of the whole file, when the server said. */
  size?: number;
  contentType?: string;
  truncated: boolean;
  binary: boolean;
  note?: string;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|x-sh|toml|csv|x-ndjson|ld\+json)|image\/svg\+xml)/i;

export async function readFile(settings: NextcloudSettings, password: string, args: { path: string; maxBytes?: number }): Promise<ReadFileResult> {
  const segments = splitFilePath(args.path);
  const maxBytes = args.maxBytes ?? 1024 * 1024;
  if (!Number.isInteger(maxBytes) || maxBytes < 1 || maxBytes > 10 * 1024 * 1024) throw new DavError('invalidArgument', 'maxBytes must be from 1 to 10485760.');
  const transport = davTransport(settings, password);
  const path = segments.join('/');
  const response = await transport.fetch(urlInRoot(transport.settings.filesRoot, segments).href, { method: 'GET' });
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(response.status, `the file "${path}"`, transport.label);
  }
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() || undefined;
  const length = Number(response.headers.get('content-length'));
  const size = Number.isFinite(length) && response.headers.has('content-length') ? length : undefined;
  const { bytes, truncated } = await readCapped(response, maxBytes);
  const binary = bytes.subarray(0, 8192).includes(0) || (contentType !== undefined && !TEXT_TYPES.test(contentType) && contentType !== 'application/octet-stream');
  const base = { path, ...(size !== undefined ? { size } : {}), ...(contentType ? { contentType } : {}) };
  if (binary) return { ...base, text: '', truncated: false, binary: true, note: `"${path}" is not a text file (${contentType ?? 'binary'}); its content is not shown.` };
  const text = bytes.toString('utf8');
  return { ...base, text, truncated, binary: false, ...(truncated ? { note: `Cut at ${maxBytes} bytes${size ? ` of ${size}` : ''}.` } : {}) };
}

export interface UploadArgs {
  path: string;
  content: string;
  /** How `content` is written: text (default) or base64 for binary data. */
  encoding?: 'utf8' | 'base64';
  /** Replace an existing file (default false: an existing file is a conflict). */
  overwrite?: boolean;
  contentType?: string;
}

const MAX_UPLOAD = 10 * 1024 * 1024;

export async function uploadFile(settings: NextcloudSettings, password: string, args: UploadArgs): Promise<{ path: string; size: number; etag?: string; created: boolean }> {
  const segments = splitFilePath(args.path);
  if (typeof args.content !== 'string') throw new DavError('invalidArgument', 'content must be text (or base64 with encoding "base64").');
  const body = Buffer.from(args.content, args.encoding === 'base64' ? 'base64' : 'utf8');
  if (body.length > MAX_UPLOAD) throw new DavError('tooLarge', `Uploads are limited to ${MAX_UPLOAD / 1024 / 1024} MB here.`);
  const transport = davTransport(settings, password);
  const url = urlInRoot(transport.settings.filesRoot, segments).href;
  const path = segments.join('/');
  const exists = (await stat(transport, url)) !== 'missing';
  if (exists && !args.overwrite) throw new DavError('conflict', `"${path}" already exists; say overwrite to replace it.`, 412);
  const headers: Record<string, string> = { 'content-type': args.contentType ?? (args.encoding === 'base64' ? 'application/octet-stream' : 'text/plain; charset=utf-8') };
  if (!args.overwrite) headers['if-none-match'] = '*';
  const response = await transport.fetch(url, { method: 'PUT', headers, body });
  if (response.status === 412) throw new DavError('conflict', `"${path}" already exists; say overwrite to replace it.`, 412);
  if (!response.ok) throw statusError(response.status, `uploading "${path}"`, transport.label);
  const etag = response.headers.get('etag') ?? undefined;
  return { path, size: body.length, ...(etag ? { etag } : {}), created: !exists };
}

export async function createFolder(settings: NextcloudSettings, password: string, args: { path: string }): Promise<{ path: string; created: true }> {
  const segments = splitFilePath(args.path);
  const transport = davTransport(settings, password);
  const path = segments.join('/');
  const url = urlInRoot(transport.settings.filesRoot, segments, true).href;
  // RFC 4918 says 405 for an existing folder; not every server does, so look first.
  if ((await stat(transport, url)) !== 'missing') throw new DavError('conflict', `"${path}" already exists.`, 405);
  const response = await transport.fetch(url, { method: 'MKCOL' });
  if (response.status === 405) throw new DavError('conflict', `"${path}" already exists.`, 405);
  if (!response.ok) throw statusError(response.status, `creating the folder "${path}"`, transport.label);
  return { path, created: true };
}

export async function moveItem(settings: NextcloudSettings, password: string, args: { from: string; to: string; overwrite?: boolean }): Promise<{ from: string; to: string }> {
  const from = splitFilePath(args.from);
  const to = splitFilePath(args.to);
  const transport = davTransport(settings, password);
  const root = transport.settings.filesRoot;
  const source = urlInRoot(root, from).href;
  const isFolder = (await existingKind(transport, source, from.join('/'))) === 'folder';
  const response = await transport.fetch(isFolder ? `${source}/` : source, {
    method: 'MOVE',
    headers: { destination: urlInRoot(root, to, isFolder).href, overwrite: args.overwrite ? 'T' : 'F' },
  });
  if (response.status === 412) throw new DavError('conflict', `"${to.join('/')}" already exists; say overwrite to replace it.`, 412);
  if (!response.ok) throw statusError(response.status, `moving "${from.join('/')}"`, transport.label);
  return { from: from.join('/'), to: to.join('/') };
}

export async function deleteItem(settings: NextcloudSettings, password: string, args: { path: string }): Promise<{ path: string; deleted: true }> {
  const segments = splitFilePath(args.path);
  const transport = davTransport(settings, password);
  const path = segments.join('/');
  const url = urlInRoot(transport.settings.filesRoot, segments).href;
  const isFolder = (await existingKind(transport, url, path)) === 'folder';
  const response = await transport.fetch(isFolder ? `${url}/` : url, { method: 'DELETE' });
  if (!response.ok) throw statusError(response.status, `"${path}"`, transport.label);
  return { path, deleted: true };
}

const RESOURCETYPE_BODY = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>';

/** What is at `url`: nothing, a file or a folder (one PROPFIND, depth 0). */
async function stat(transport: DavTransport, url: string): Promise<'missing' | 'file' | 'folder'> {
  const response = await transport.fetch(url, { method: 'PROPFIND', headers: { depth: '0', 'content-type': 'application/xml' }, body: RESOURCETYPE_BODY });
  const text = await response.text();
  if (response.status === 404) return 'missing';
  if (!response.ok) throw statusError(response.status, 'checking the path', transport.label);
  return /<(?:[a-z0-9]+:)?collection\s*\/?>/i.test(text) ? 'folder' : 'file';
}

/** Folders are addressed with a trailing slash (some servers redirect or refuse otherwise). */
async function existingKind(transport: DavTransport, url: string, path: string): Promise<'file' | 'folder'> {
  const kind = await stat(transport, url);
  if (kind === 'missing') throw statusError(404, `"${path}"`, transport.label);
  return kind;
}
