/**
 * Contacts over CardDAV: address books, search by name / email / phone, read, create and update
 * (vCard 3.0 by default, 4.0 on request; updates keep unknown fields and are ETag-checked).
 * Search reads the address books' cards in one REPORT each and matches here, so it behaves the same
 * on every server (servers differ in which text-match filters they support).
 */
import type { DAVClient } from 'tsdav';
import { insideHome } from './dav-paths.js';
import { davTransport, type DavTransport } from './dav-fetch.js';
import { checkResponses, defaultDiscoveryCache, openDavClient, propText, serviceOf, type DavDeps } from './discovery.js';
import { DavError, statusError } from './errors.js';
import type { NextcloudSettings } from './settings.js';
import { buildVCard, parseVCard, updateVCard, type Contact, type ContactInput } from './vcard.js';

export interface AddressBookInfo {
  url: string;
  name: string;
}

async function session(settings: NextcloudSettings, password: string, deps: DavDeps): Promise<{ transport: DavTransport; client: DAVClient; home: string }> {
  const transport = davTransport(settings, password);
  const client = await openDavClient(transport, 'carddav', deps.cache ?? defaultDiscoveryCache);
  return { transport, client, home: serviceOf(client).homeUrl };
}

async function addressBooks(client: DAVClient, transport: DavTransport): Promise<AddressBookInfo[]> {
  const books = await client.fetchAddressBooks();
  if (books.length === 0 && transport.statuses.has(401)) throw statusError(401, 'address books', transport.label);
  return books.map((b) => ({ url: b.url, name: propText(b.displayName) || decodeURIComponent(new URL(b.url).pathname.split('/').filter(Boolean).pop() ?? '') }));
}

export async function listAddressBooks(settings: NextcloudSettings, password: string, deps: DavDeps = {}): Promise<AddressBookInfo[]> {
  const { transport, client } = await session(settings, password, deps);
  return addressBooks(client, transport);
}

export interface SearchContactsArgs {
  query: string;
  field?: 'any' | 'name' | 'email' | 'phone';
  /** One address book; all of them when absent. */
  addressBookUrl?: string;
  /** Default 50. */
  limit?: number;
}

export async function searchContacts(settings: NextcloudSettings, password: string, args: SearchContactsArgs, deps: DavDeps = {}): Promise<{ contacts: Contact[]; truncated: boolean }> {
  if (typeof args.query !== 'string' || !args.query.trim()) throw new DavError('invalidArgument', 'Say what to search for.');
  const field = args.field ?? 'any';
  const limit = args.limit ?? 50;
  const { transport, client, home } = await session(settings, password, deps);
  const urls = args.addressBookUrl ? [insideHome(args.addressBookUrl, home, 'addressBookUrl', true)] : (await addressBooks(client, transport)).map((b) => b.url);
  const found: Contact[] = [];
  for (const url of urls) {
    const responses = checkResponses(await client.addressBookQuery({ url, props: { 'd:getetag': {}, 'card:address-data': {} }, depth: '1' }), `address book ${url}`, transport);
    for (const response of responses) {
      const data = propText(response.props?.addressData);
      if (!data || !response.href) continue;
      const etag = propText(response.props?.getetag);
      const contact = parseVCard(data, { url: new URL(response.href, url).href, ...(etag ? { etag } : {}) });
      if (matches(contact, args.query, field)) found.push(contact);
    }
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  return { contacts: found.slice(0, limit), truncated: found.length > limit };
}

function matches(contact: Contact, query: string, field: NonNullable<SearchContactsArgs['field']>): boolean {
  const q = query.trim().toLowerCase();
  const digits = query.replace(/\D/g, '');
  const byName = (): boolean => [contact.name, contact.givenName, contact.familyName, contact.organization].some((v) => v?.toLowerCase().includes(q));
  const byEmail = (): boolean => contact.emails.some((e) => e.value.toLowerCase().includes(q));
  const byPhone = (): boolean => digits.length >= 3 && contact.phones.some((p) => samePhone(p.value, digits));
  if (field === 'name') return byName();
  if (field === 'email') return byEmail();
  if (field === 'phone') return byPhone();
  return byName() || byEmail() || byPhone();
}

/** "+49 170 1234567" matches "01701234567", "1234567" and "+491701234567". */
function samePhone(stored: string, queryDigits: string): boolean {
  const have = stored.replace(/\D/g, '');
  const want = queryDigits.replace(/^0+/, '');
  return have.includes(queryDigits) || (want.length >= 3 && have.includes(want));
}

export async function readContact(settings: NextcloudSettings, password: string, args: { url: string }, deps: DavDeps = {}): Promise<Contact> {
  const { transport, home } = await session(settings, password, deps);
  const url = insideHome(args.url, home, 'url');
  const response = await transport.fetch(url, { method: 'GET' });
  if (!response.ok) throw statusError(response.status, `the contact ${url}`, transport.label);
  const etag = response.headers.get('etag') ?? undefined;
  return parseVCard(await response.text(), { url, ...(etag ? { etag } : {}) });
}

export async function createContact(
  settings: NextcloudSettings,
  password: string,
  args: { addressBookUrl: string; contact: ContactInput; version?: '3.0' | '4.0' },
  deps: DavDeps = {},
): Promise<{ url: string; uid: string; etag?: string }> {
  const { uid, text } = buildVCard(args.contact, { version: args.version });
  const { transport, client, home } = await session(settings, password, deps);
  const bookUrl = insideHome(args.addressBookUrl, home, 'addressBookUrl', true);
  const url = new URL(`${encodeURIComponent(uid)}.vcf`, bookUrl).href;
  const response = await client.createObject({ url, data: text, headers: { 'content-type': 'text/vcard; charset=utf-8', 'if-none-match': '*' } });
  if (!response.ok) throw statusError(response.status, `creating the contact in ${bookUrl}`, transport.label);
  const etag = response.headers.get('etag') ?? undefined;
  return { url, uid, ...(etag ? { etag } : {}) };
}

export async function updateContact(
  settings: NextcloudSettings,
  password: string,
  args: { url: string; etag: string; changes: Partial<ContactInput> },
  deps: DavDeps = {},
): Promise<{ url: string; etag?: string }> {
  if (typeof args.etag !== 'string' || !args.etag) throw new DavError('invalidArgument', 'etag is required: read the contact first.');
  const { transport, client, home } = await session(settings, password, deps);
  const url = insideHome(args.url, home, 'url');
  const current = await transport.fetch(url, { method: 'GET' });
  if (!current.ok) throw statusError(current.status, `the contact ${url}`, transport.label);
  const currentEtag = current.headers.get('etag');
  const text = await current.text();
  const changed = (): DavError => new DavError('conflict', `The contact ${url} was changed on the server since it was read; read it again and retry.`, 412);
  if (currentEtag && currentEtag !== args.etag) throw changed();
  const response = await client.updateObject({ url, data: updateVCard(text, args.changes), etag: args.etag, headers: { 'content-type': 'text/vcard; charset=utf-8' } });
  if (response.status === 412) throw changed();
  if (!response.ok) throw statusError(response.status, `updating the contact ${url}`, transport.label);
  const etag = response.headers.get('etag') ?? undefined;
  return { url, ...(etag ? { etag } : {}) };
}
