/**
 * Calendars over CalDAV: list calendars, list events in a time range (recurrences expanded here with
 * ical.js), create, update (checked against the ETag the caller read) and delete events.
 */
import type { DAVClient } from 'tsdav';
import { davTransport, type DavTransport } from './dav-fetch.js';
import { checkResponses, defaultDiscoveryCache, openDavClient, propText, serviceOf, type DavDeps } from './discovery.js';
import { DavError, statusError } from './errors.js';
import { insideHome } from './dav-paths.js';
import { applyChanges, buildCalendarObject, eventsInRange, type CalendarEvent, type EventInput } from './ical-events.js';
import type { NextcloudSettings } from './settings.js';

export interface CalendarInfo {
  url: string;
  name: string;
  description?: string;
  color?: string;
  /** VEVENT, VTODO … */
  components: string[];
}

async function session(settings: NextcloudSettings, password: string, deps: DavDeps): Promise<{ transport: DavTransport; client: DAVClient }> {
  const transport = davTransport(settings, password);
  const client = await openDavClient(transport, 'caldav', deps.cache ?? defaultDiscoveryCache);
  return { transport, client };
}

export async function listCalendars(settings: NextcloudSettings, password: string, deps: DavDeps = {}): Promise<CalendarInfo[]> {
  const { transport, client } = await session(settings, password, deps);
  const calendars = await client.fetchCalendars();
  if (calendars.length === 0 && transport.statuses.has(401)) throw statusError(401, 'calendars', transport.label);
  return calendars
    .filter((c) => !c.components?.length || c.components.includes('VEVENT'))
    .map((c) => ({
      url: c.url,
      name: propText(c.displayName) || decodeURIComponent(new URL(c.url).pathname.split('/').filter(Boolean).pop() ?? ''),
      ...(c.description ? { description: c.description } : {}),
      ...(c.calendarColor ? { color: String(c.calendarColor) } : {}),
      components: c.components ?? [],
    }));
}

export interface EventRangeArgs {
  /** One calendar; all event calendars when absent. */
  calendarUrl?: string;
  /** ISO date or date-time; the range is [start, end). */
  start: string;
  end: string;
  /** Stop after this many events (default 500). */
  maxEvents?: number;
}

const MAX_RANGE_DAYS = 400;

export async function listEvents(settings: NextcloudSettings, password: string, args: EventRangeArgs, deps: DavDeps = {}): Promise<{ events: CalendarEvent[]; truncated: boolean }> {
  const from = rangeDate(args.start, 'start');
  const to = rangeDate(args.end, 'end');
  if (to <= from) throw new DavError('invalidArgument', 'end must be after start.');
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) throw new DavError('invalidArgument', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`);
  const max = args.maxEvents ?? 500;
  const { transport, client } = await session(settings, password, deps);
  const home = serviceOf(client).homeUrl;
  const urls = args.calendarUrl ? [insideHome(args.calendarUrl, home, 'calendarUrl')] : (await listCalendars(settings, password, deps)).map((c) => c.url);
  const events: CalendarEvent[] = [];
  for (const url of urls) {
    const responses = checkResponses(
      await client.calendarQuery({
        url,
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' }, 'comp-filter': { _attributes: { name: 'VEVENT' }, 'time-range': { _attributes: { start: davTime(from), end: davTime(to) } } } } },
        depth: '1',
      }),
      `calendar ${url}`,
      transport,
    );
    for (const response of responses) {
      const data = propText(response.props?.calendarData);
      if (!data || !response.href) continue;
      const objectUrl = new URL(response.href, url).href;
      const etag = propText(response.props?.getetag);
      events.push(...eventsInRange(data, from, to, { url: objectUrl, ...(etag ? { etag } : {}) }));
    }
  }
  events.sort((a, b) => a.start.localeCompare(b.start));
  return { events: events.slice(0, max), truncated: events.length > max };
}

export async function createEvent(settings: NextcloudSettings, password: string, args: { calendarUrl: string; event: EventInput }, deps: DavDeps = {}): Promise<{ url: string; uid: string; etag?: string }> {
  const { uid, ics } = buildCalendarObject(args.event);
  const { transport, client } = await session(settings, password, deps);
  const calendarUrl = insideHome(args.calendarUrl, serviceOf(client).homeUrl, 'calendarUrl', true);
  const url = new URL(`${encodeURIComponent(uid)}.ics`, calendarUrl).href;
  const response = await client.createObject({ url, data: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', 'if-none-match': '*' } });
  if (!response.ok) throw statusError(response.status, `creating the event in ${calendarUrl}`, transport.label);
  const etag = response.headers.get('etag') ?? undefined;
  return { url, uid, ...(etag ? { etag } : {}) };
}

export interface UpdateEventArgs {
  /** The event's url, from listEvents. */
  url: string;
  /** The etag from listEvents: the update fails with `conflict` if the event changed since. */
  etag: string;
  changes: Partial<EventInput>;
}

export async function updateEvent(settings: NextcloudSettings, password: string, args: UpdateEventArgs, deps: DavDeps = {}): Promise<{ url: string; etag?: string }> {
  if (typeof args.etag !== 'string' || !args.etag) throw new DavError('invalidArgument', 'etag is required: read the event first.');
  const { transport, client } = await session(settings, password, deps);
  const url = insideHome(args.url, serviceOf(client).homeUrl, 'url');
  const current = await transport.fetch(url, { method: 'GET' });
  if (!current.ok) throw statusError(current.status, `the event ${url}`, transport.label);
  const currentEtag = current.headers.get('etag');
  const ics = await current.text();
  if (currentEtag && currentEtag !== args.etag) throw conflict(url);
  const response = await client.updateObject({ url, data: applyChanges(ics, args.changes), etag: args.etag, headers: { 'content-type': 'text/calendar; charset=utf-8' } });
  if (response.status === 412) throw conflict(url);
  if (!response.ok) throw statusError(response.status, `updating the event ${url}`, transport.label);
  const etag = response.headers.get('etag') ?? undefined;
  return { url, ...(etag ? { etag } : {}) };
}

export async function deleteEvent(settings: NextcloudSettings, password: string, args: { url: string; etag?: string }, deps: DavDeps = {}): Promise<{ url: string; deleted: true }> {
  const { transport, client } = await session(settings, password, deps);
  const url = insideHome(args.url, serviceOf(client).homeUrl, 'url');
  const response = await client.deleteObject({ url, ...(args.etag ? { etag: args.etag } : {}) });
  if (response.status === 412) throw conflict(url);
  if (!response.ok) throw statusError(response.status, `the event ${url}`, transport.label);
  return { url, deleted: true };
}

function conflict(url: string): DavError {
  return new DavError('conflict', `The event ${url} was changed on the server since it was read; list it again and retry.`, 412);
}

function rangeDate(value: string, label: string): Date {
  const date = new Date(value);
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new DavError('invalidArgument', `${label} must be an ISO date or date-time.`);
  }
  return date;
}

const davTime = (date: Date): string => `${date.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
