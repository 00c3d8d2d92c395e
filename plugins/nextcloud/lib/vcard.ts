/**
 * vCard 3.0 and 4.0 with ical.js: reading the fields people care about, building a new card, and
 * changing an existing card in place (so fields we do not know, such as PHOTO, survive an update).
 */
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { DavError } from './errors.js';

type Component = InstanceType<typeof ICAL.Component>;

export interface TypedValue {
  value: string;
  /** e.g. "work", "home", "cell" (lower case). */
  type?: string;
}

export interface ContactInput {
  /** The display name (FN). */
  name: string;
  givenName?: string;
  familyName?: string;
  emails?: Array<string | TypedValue>;
  phones?: Array<string | TypedValue>;
  organization?: string;
  note?: string;
}

export interface Contact {
  uid: string;
  url: string;
  etag?: string;
  version: '3.0' | '4.0';
  name: string;
  givenName?: string;
  familyName?: string;
  emails: TypedValue[];
  phones: TypedValue[];
  organization?: string;
  note?: string;
}

export function parseVCard(text: string, source: { url: string; etag?: string }): Contact {
  const card = parseCard(text);
  const n = card.getFirstPropertyValue('n') as unknown;
  const nParts = Array.isArray(n) ? (n as unknown[]).map((part) => (Array.isArray(part) ? part.join(' ') : String(part ?? ''))) : [];
  const org = card.getFirstPropertyValue('org') as unknown;
  const contact: Contact = {
    uid: String(card.getFirstPropertyValue('uid') ?? ''),
    url: source.url,
    ...(source.etag ? { etag: source.etag } : {}),
    version: String(card.getFirstPropertyValue('version')) === '4.0' ? '4.0' : '3.0',
    name: String(card.getFirstPropertyValue('fn') ?? '').trim() || [nParts[1], nParts[0]].filter(Boolean).join(' '),
    emails: typedValues(card, 'email'),
    phones: typedValues(card, 'tel').map((t) => ({ ...t, value: t.value.replace(/^tel:/i, '') })),
  };
  if (nParts[1]) contact.givenName = nParts[1];
  if (nParts[0]) contact.familyName = nParts[0];
  const orgText = Array.isArray(org) ? org.filter(Boolean).join(', ') : org ? String(org) : '';
  if (orgText) contact.organization = orgText;
  const note = card.getFirstPropertyValue('note');
  if (note) contact.note = String(note);
  return contact;
}

function parseCard(text: string): Component {
  try {
    const parsed = ICAL.parse(text) as unknown[];
    // Several cards in one resource: the first one counts.
    const jcard = Array.isArray(parsed[0]) ? (parsed[0] as unknown[]) : parsed;
    return new ICAL.Component(jcard);
  } catch (error) {
    throw new DavError('protocol', 'The server sent contact data that is not a valid vCard.', undefined, { cause: error });
  }
}

function typedValues(card: Component, name: string): TypedValue[] {
  return card.getAllProperties(name).map((prop) => {
    const type = prop.getParameter('type');
    const types = (Array.isArray(type) ? type : type ? [type] : []).map((t) => String(t).toLowerCase()).filter((t) => t !== 'internet' && t !== 'voice' && t !== 'pref');
    return { value: String(prop.getFirstValue() ?? ''), ...(types[0] ? { type: types[0] } : {}) };
  });
}

const asTyped = (entry: string | TypedValue): TypedValue => (typeof entry === 'string' ? { value: entry } : entry);

function setTyped(card: Component, name: string, entries: Array<string | TypedValue> | undefined): void {
  if (entries === undefined) return;
  card.removeAllProperties(name);
  for (const entry of entries.map(asTyped)) {
    if (typeof entry.value !== 'string' || !entry.value.trim()) throw new DavError('invalidArgument', `Empty ${name} value.`);
    const prop = card.addPropertyWithValue(name, entry.value.trim());
    if (entry.type) prop.setParameter('type', entry.type.toUpperCase());
  }
}

function setFields(card: Component, input: Partial<ContactInput>): void {
  if (input.name !== undefined) {
    if (!input.name.trim()) throw new DavError('invalidArgument', 'The contact needs a name.');
    card.updatePropertyWithValue('fn', input.name.trim());
  }
  if (input.givenName !== undefined || input.familyName !== undefined || !card.hasProperty('n')) {
    const current = (card.getFirstPropertyValue('n') as unknown as string[] | null) ?? ['', '', '', '', ''];
    const [given, family] = input.givenName !== undefined || input.familyName !== undefined ? [input.givenName ?? current[1] ?? '', input.familyName ?? current[0] ?? ''] : splitName(input.name ?? '');
    card.removeAllProperties('n');
    card.addPropertyWithValue('n', [family, given, current[2] ?? '', current[3] ?? '', current[4] ?? '']);
  }
  setTyped(card, 'email', input.emails);
  setTyped(card, 'tel', input.phones);
  if (input.organization !== undefined) {
    card.removeAllProperties('org');
    if (input.organization) card.addPropertyWithValue('org', input.organization);
  }
  if (input.note !== undefined) {
    card.removeAllProperties('note');
    if (input.note) card.addPropertyWithValue('note', input.note);
  }
}

function splitName(name: string): [string, string] {
  const parts = name.trim().split(/\s+/);
  return parts.length > 1 ? [parts.slice(0, -1).join(' '), parts[parts.length - 1]!] : [parts[0] ?? '', ''];
}

export function buildVCard(input: ContactInput, options: { version?: '3.0' | '4.0'; uid?: string } = {}): { uid: string; text: string } {
  if (typeof input?.name !== 'string' || !input.name.trim()) throw new DavError('invalidArgument', 'The contact needs a name.');
  const uid = options.uid ?? randomUUID();
  const card = new ICAL.Component(['vcard', [], []]);
  card.updatePropertyWithValue('version', options.version ?? '3.0');
  card.updatePropertyWithValue('uid', uid);
  card.updatePropertyWithValue('prodid', '-//Pyra//Nextcloud plugin//EN');
  setFields(card, input);
  return { uid, text: card.toString() };
}

/** The card with `changes` applied; everything else in it is kept as it was. */
export function updateVCard(text: string, changes: Partial<ContactInput>): string {
  const card = parseCard(text);
  setFields(card, changes);
  card.updatePropertyWithValue('rev', ICAL.Time.fromJSDate(new Date(), true).toString().replace(/[-:]/g, ''));
  return card.toString();
}
