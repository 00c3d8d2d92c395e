/**
 * Tool results as plain text for the model. Calendar, contact and file content comes from the server
 * and is passed through as it is (the host scans it and marks it untrusted). Every item carries the
 * url and etag the change tools need.
 */
import type { AddressBookInfo, CalendarEvent, CalendarInfo, Contact, FileEntry, ReadFileResult } from './lib/index.js';

const q = (text: string) => JSON.stringify(text);

export function formatCalendars(calendars: CalendarInfo[]): string {
  if (calendars.length === 0) return 'No calendars with events were found.';
  const lines = calendars.map((c) => `- ${q(c.name)}${c.description ? ` (${c.description})` : ''} — url ${c.url}`);
  return [`${calendars.length} calendar(s):`, ...lines].join('\n');
}

export function formatEvent(e: CalendarEvent, calendarName?: string): string {
  const when = e.allDay ? `${e.start}${e.end ? ` to ${e.end} (exclusive)` : ''}, all day` : `${e.start}${e.end ? ` to ${e.end}` : ''}`;
  const parts = [
    `- ${when} | ${q(e.title)}`,
    ...(e.location ? [`at ${q(e.location)}`] : []),
    ...(calendarName ? [`calendar ${q(calendarName)}`] : []),
    ...(e.recurring ? [`recurring${e.recurrenceId ? ` (occurrence ${e.recurrenceId})` : ''}`] : []),
  ];
  const lines = [parts.join(' | '), `  url ${e.url}${e.etag ? ` | etag ${e.etag}` : ''}`];
  if (e.description) lines.push(`  description: ${q(e.description)}`);
  return lines.join('\n');
}

export function formatEvents(events: CalendarEvent[], truncated: boolean, range: { start: string; end: string }, calendarOf: (url: string) => string | undefined): string {
  if (events.length === 0) return `No events from ${range.start} to ${range.end}.`;
  const head = `${events.length} event(s) from ${range.start} to ${range.end} (times in UTC unless floating), earliest first:`;
  const tail = truncated ? ['More events match: ask for a shorter range.'] : [];
  return [head, ...events.map((e) => formatEvent(e, calendarOf(e.url))), ...tail].join('\n');
}

export function formatAddressBooks(books: AddressBookInfo[]): string {
  return books.map((b) => q(b.name)).join(', ') || 'none';
}

function typed(values: { value: string; type?: string }[]): string {
  return values.map((v) => (v.type ? `${v.value} (${v.type})` : v.value)).join(', ');
}

export function formatContact(c: Contact): string {
  const lines = [`${q(c.name)}`];
  if (c.givenName || c.familyName) lines.push(`  given name ${q(c.givenName ?? '')}, family name ${q(c.familyName ?? '')}`);
  if (c.emails.length) lines.push(`  email: ${typed(c.emails)}`);
  if (c.phones.length) lines.push(`  phone: ${typed(c.phones)}`);
  if (c.organization) lines.push(`  organization: ${q(c.organization)}`);
  if (c.note) lines.push(`  note: ${q(c.note)}`);
  lines.push(`  url ${c.url}${c.etag ? ` | etag ${c.etag}` : ''}`);
  return lines.join('\n');
}

export function formatContacts(contacts: Contact[], truncated: boolean, query: string): string {
  if (contacts.length === 0) return `No contacts match ${q(query)}.`;
  const head = `${contacts.length} contact(s) match ${q(query)}:`;
  return [head, ...contacts.map((c) => `- ${formatContact(c)}`), ...(truncated ? ['More contacts match: search more narrowly.'] : [])].join('\n');
}

function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatListing(path: string, entries: FileEntry[]): string {
  const where = path ? q(path) : 'the top folder';
  if (entries.length === 0) return `${where} is empty.`;
  const lines = entries.map((e) =>
    e.type === 'folder' ? `- ${e.path}/ (folder)` : `- ${e.path} (${[size(e.size), e.contentType, e.modified ? `modified ${e.modified}` : ''].filter(Boolean).join(', ')})`,
  );
  return [`${entries.length} item(s) in ${where}, folders first:`, ...lines].join('\n');
}

export function formatFile(file: ReadFileResult): string {
  const head = `File ${q(file.path)}${file.size !== undefined ? `, ${size(file.size)}` : ''}${file.contentType ? `, ${file.contentType}` : ''}`;
  if (file.binary) return `${head}\n${file.note ?? 'Not a text file; its content is not shown.'}`;
  const lines = [head, '--- file content ---', file.text, '--- end of file content ---'];
  if (file.note) lines.push(`Note: ${file.note}`);
  return lines.join('\n');
}
