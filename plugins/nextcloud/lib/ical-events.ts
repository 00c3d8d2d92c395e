/**
 * iCalendar with ical.js: building a VEVENT from plain input, changing one, and listing the events of
 * a calendar object inside a time range with recurrences expanded (RRULE/RDATE, EXDATE and
 * RECURRENCE-ID overrides). Times given with an offset are stored in UTC; times without one stay
 * floating; a bare date is an all-day event.
 */
import ICAL from 'ical.js';
import { randomUUID } from 'node:crypto';
import { DavError } from './errors.js';

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

export interface EventInput {
  title: string;
  /** "2026-11-25" (all day), "2026-11-25T14:00:00+01:00" / "…Z" (an instant) or "2026-11-25T14:00" (floating). */
  start: string;
  /** Exclusive end; default one hour after start, or the next day for all-day events. */
  end?: string;
  location?: string;
  description?: string;
  /** An RRULE value, e.g. "FREQ=WEEKLY;COUNT=10" or "FREQ=MONTHLY;BYMONTHDAY=1". */
  recurrence?: string;
}

export interface CalendarEvent {
  uid: string;
  /** The calendar object (.ics) this event lives in: use it to update or delete. */
  url: string;
  etag?: string;
  title: string;
  /** ISO: "YYYY-MM-DD" for all-day, UTC "…Z" for instants, no suffix for floating times. */
  start: string;
  end?: string;
  allDay: boolean;
  location?: string;
  description?: string;
  recurring: boolean;
  /** Set on occurrences of a recurring event: which occurrence this is. */
  recurrenceId?: string;
}

const MAX_OCCURRENCES_SCANNED = 10_000;

function parseTime(value: string, label: string): Time {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) return ICAL.Time.fromData({ year: +dateOnly[1]!, month: +dateOnly[2]!, day: +dateOnly[3]!, isDate: true });
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (local) {
    return ICAL.Time.fromData({ year: +local[1]!, month: +local[2]!, day: +local[3]!, hour: +local[4]!, minute: +local[5]!, second: +(local[6] ?? 0), isDate: false });
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return ICAL.Time.fromJSDate(date, true);
  }
  throw new DavError('invalidArgument', `${label} must be an ISO date ("2026-11-25") or date-time ("2026-11-25T14:00:00+01:00"), not "${value}".`);
}

function defaultEnd(start: Time): Time {
  const end = start.clone();
  if (start.isDate) end.adjust(1, 0, 0, 0);
  else end.adjust(0, 1, 0, 0);
  return end;
}

function setTimes(vevent: Component, startText: string, endText: string | undefined): void {
  const start = parseTime(startText, 'start');
  const end = endText ? parseTime(endText, 'end') : defaultEnd(start);
  if (start.isDate !== end.isDate) throw new DavError('invalidArgument', 'start and end must both be dates or both be date-times.');
  if (epochMs(end) <= epochMs(start)) throw new DavError('invalidArgument', 'end must be after start.');
  // Replaced, not updated, so a TZID parameter of the old value cannot stick to the new one.
  for (const name of ['dtstart', 'dtend', 'duration']) vevent.removeAllProperties(name);
  vevent.addPropertyWithValue('dtstart', start);
  vevent.addPropertyWithValue('dtend', end);
}

function setText(vevent: Component, name: string, value: string | undefined): void {
  if (value === undefined) return;
  if (value === '') vevent.removeAllProperties(name);
  else vevent.updatePropertyWithValue(name, value);
}

function stamp(vevent: Component): void {
  const now = ICAL.Time.fromJSDate(new Date(), true);
  vevent.updatePropertyWithValue('dtstamp', now);
  vevent.updatePropertyWithValue('last-modified', now);
}

/** A new VCALENDAR with one VEVENT. */
export function buildCalendarObject(input: EventInput, uid: string = randomUUID()): { uid: string; ics: string } {
  if (typeof input?.title !== 'string' || !input.title.trim()) throw new DavError('invalidArgument', 'The event needs a title.');
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Pyra//Nextcloud plugin//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  const vevent = new ICAL.Component('vevent');
  vevent.updatePropertyWithValue('uid', uid);
  vevent.updatePropertyWithValue('summary', input.title);
  setTimes(vevent, input.start, input.end);
  setText(vevent, 'location', input.location);
  setText(vevent, 'description', input.description);
  if (input.recurrence) vevent.updatePropertyWithValue('rrule', parseRule(input.recurrence));
  stamp(vevent);
  vevent.updatePropertyWithValue('sequence', 0);
  calendar.addSubcomponent(vevent);
  return { uid, ics: calendar.toString() };
}

function parseRule(rule: string): InstanceType<typeof ICAL.Recur> {
  try {
    const recur = ICAL.Recur.fromString(rule.replace(/^RRULE:/i, ''));
    if (!recur.freq) throw new Error('no FREQ');
    return recur;
  } catch {
    throw new DavError('invalidArgument', `recurrence must be an RRULE such as "FREQ=WEEKLY;COUNT=10", not "${rule}".`);
  }
}

/** The changed calendar object: the main VEVENT gets the new values and a higher SEQUENCE. */
export function applyChanges(ics: string, changes: Partial<EventInput>): string {
  const calendar = parseCalendar(ics);
  const master = calendar.getAllSubcomponents('vevent').find((v) => !v.hasProperty('recurrence-id'));
  if (!master) throw new DavError('protocol', 'The calendar object has no event to change.');
  if (changes.title !== undefined) {
    if (!changes.title.trim()) throw new DavError('invalidArgument', 'The title cannot be empty.');
    master.updatePropertyWithValue('summary', changes.title);
  }
  if (changes.start !== undefined || changes.end !== undefined) {
    const current = new ICAL.Event(master);
    const start = changes.start ?? formatTime(current.startDate);
    const end = changes.end ?? (changes.start !== undefined ? undefined : formatTime(current.endDate));
    setTimes(master, start, end);
  }
  setText(master, 'location', changes.location);
  setText(master, 'description', changes.description);
  if (changes.recurrence !== undefined) {
    master.removeAllProperties('rrule');
    if (changes.recurrence) master.updatePropertyWithValue('rrule', parseRule(changes.recurrence));
  }
  master.updatePropertyWithValue('sequence', Number(master.getFirstPropertyValue('sequence') ?? 0) + 1);
  stamp(master);
  return calendar.toString();
}

export function parseCalendar(ics: string): Component {
  let calendar: Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch (error) {
    throw new DavError('protocol', 'The server sent calendar data that is not valid iCalendar.', undefined, { cause: error });
  }
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    const tzid = String(zone.getFirstPropertyValue('tzid') ?? '');
    if (tzid && !ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(zone);
  }
  return calendar;
}

/** Every event (occurrence) of one calendar object that overlaps [from, to). */
export function eventsInRange(ics: string, from: Date, to: Date, source: { url: string; etag?: string }): CalendarEvent[] {
  const calendar = parseCalendar(ics);
  const vevents = calendar.getAllSubcomponents('vevent');
  const out: CalendarEvent[] = [];
  const lo = from.getTime();
  const hi = to.getTime();
  for (const master of vevents.filter((v) => !v.hasProperty('recurrence-id'))) {
    const event = new ICAL.Event(master);
    for (const exception of vevents.filter((v) => v.hasProperty('recurrence-id') && v.getFirstPropertyValue('uid') === event.uid)) {
      event.relateException(exception);
    }
    if (!event.isRecurring()) {
      if (overlaps(event.startDate, event.endDate, lo, hi)) out.push(describe(event, event.startDate, event.endDate, source, false));
      continue;
    }
    const iterator = event.iterator();
    for (let i = 0, next = iterator.next(); next && i < MAX_OCCURRENCES_SCANNED; i++, next = iterator.next()) {
      if (epochMs(next) >= hi) break;
      const details = event.getOccurrenceDetails(next);
      if (overlaps(details.startDate, details.endDate, lo, hi)) {
        const item = describe(details.item, details.startDate, details.endDate, source, true);
        item.recurrenceId = formatTime(details.recurrenceId);
        out.push(item);
      }
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

function describe(event: InstanceType<typeof ICAL.Event>, start: Time, end: Time, source: { url: string; etag?: string }, recurring: boolean): CalendarEvent {
  const result: CalendarEvent = {
    uid: event.uid,
    url: source.url,
    ...(source.etag ? { etag: source.etag } : {}),
    title: event.summary ?? '',
    start: formatTime(start),
    end: formatTime(end),
    allDay: start.isDate,
    recurring,
  };
  if (event.location) result.location = event.location;
  if (event.description) result.description = event.description;
  return result;
}

function overlaps(start: Time, end: Time | null, lo: number, hi: number): boolean {
  const s = epochMs(start);
  const e = end ? epochMs(end) : s;
  return s < hi && (e > lo || (e === s && s >= lo));
}

/** Floating and date values are placed on the UTC timeline (the same convention as CalDAV's time-range). */
export function epochMs(time: Time): number {
  if (time.isDate || isFloating(time)) return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  return time.toUnixTime() * 1000;
}

function isFloating(time: Time): boolean {
  return !time.zone || time.zone === ICAL.Timezone.localTimezone || time.zone.tzid === 'floating';
}

export function formatTime(time: Time): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${time.year}-${pad(time.month)}-${pad(time.day)}`;
  if (time.isDate) return date;
  if (isFloating(time)) return `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
  return new Date(time.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
}
