/**
 * Calendar tools over CalDAV. Creating, changing and deleting are destructive: their arguments name
 * the calendar or the event (url, etag) and carry every field that will be written, so the approval
 * shows exactly what changes.
 */
import { defineTool, type ToolDefinition } from '../../../app/plugins/sdk.js';
import { NextcloudToolError, discoveryCache, withAccount, type StoredSettings } from '../account.js';
import { givenFields, optionalInteger, optionalString, requiredString, type Args } from '../args.js';
import { formatCalendars, formatEvents } from '../format.js';
import { createEvent, deleteEvent, listCalendars, listEvents, updateEvent, type CalendarInfo, type EventInput } from '../lib/index.js';

const deps = { cache: discoveryCache };

const EVENT_FIELDS = {
  title: { type: 'string' },
  start: { type: 'string', description: '"2026-11-25" (all day), "2026-11-25T14:00:00+01:00" (a moment; give the offset or Z), or "2026-11-25T14:00" (floating local time).' },
  end: { type: 'string', description: 'Exclusive end, same form as start (default: one hour later, or the next day for all-day events).' },
  location: { type: 'string' },
  description: { type: 'string' },
  recurrence: { type: 'string', description: 'An RRULE such as "FREQ=WEEKLY;COUNT=10" or "FREQ=MONTHLY;BYMONTHDAY=1".' },
} as const;
const FIELD_NAMES = Object.keys(EVENT_FIELDS) as (keyof typeof EVENT_FIELDS)[];
const CALENDAR = { type: 'string', description: 'The calendar, by name or url as list_calendars shows it.' };

/** The calendars, by name. */
async function calendarsOf(settings: StoredSettings, password: string): Promise<CalendarInfo[]> {
  return (await listCalendars(settings, password, deps)).sort((a, b) => a.name.localeCompare(b.name));
}

/** The calendar named (case-insensitively) or addressed by `wanted`. */
export async function resolveCalendar(settings: StoredSettings, password: string, wanted: string): Promise<CalendarInfo> {
  return pickCalendar(await calendarsOf(settings, password), wanted);
}

function pickCalendar(calendars: CalendarInfo[], wanted: string): CalendarInfo {
  const url = wanted.endsWith('/') ? wanted : `${wanted}/`;
  const found = calendars.find((c) => c.url === wanted || c.url === url) ?? calendars.find((c) => c.name.toLowerCase() === wanted.trim().toLowerCase());
  if (found) return found;
  throw new NextcloudToolError('not found', `No calendar is named ${JSON.stringify(wanted)}. Calendars: ${calendars.map((c) => JSON.stringify(c.name)).join(', ') || 'none'}.`);
}

const listCalendarsTool = defineTool<Args>({
  name: 'list_calendars',
  description: 'Lists the calendars that hold events, with their names and urls.',
  parameters: { type: 'object', properties: {}, additionalProperties: false },
  annotations: { readOnly: true },
  handler: (_args, ctx) => withAccount(ctx, async (settings, password) => formatCalendars(await calendarsOf(settings, password))),
});

const listEventsTool = defineTool<Args>({
  name: 'list_events',
  description: 'Lists the events between start and end (at most 400 days), recurring events expanded into their occurrences, with the url and etag needed to change one.',
  parameters: {
    type: 'object',
    properties: {
      start: { type: 'string', description: 'ISO date or date-time, e.g. 2026-11-25 or 2026-11-25T00:00:00Z.' },
      end: { type: 'string', description: 'ISO date or date-time (exclusive).' },
      calendar: { ...CALENDAR, description: 'Only this calendar (default: all).' },
      max_events: { type: 'integer', minimum: 1, maximum: 500, description: 'Default 200.' },
    },
    required: ['start', 'end'],
    additionalProperties: false,
  },
  annotations: { readOnly: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const calendars = await calendarsOf(settings, password);
      const wanted = optionalString(args, 'calendar');
      const calendarUrl = wanted ? pickCalendar(calendars, wanted).url : undefined;
      const range = { start: requiredString(args, 'start'), end: requiredString(args, 'end') };
      const { events, truncated } = await listEvents(settings, password, { ...range, ...(calendarUrl ? { calendarUrl } : {}), maxEvents: optionalInteger(args, 'max_events', 1, 500) ?? 200 }, deps);
      return formatEvents(events, truncated, range, (url) => calendars.find((c) => url.startsWith(c.url))?.name);
    }),
});

const createEventTool = defineTool<Args>({
  name: 'create_event',
  description: 'Creates an event in a calendar.',
  parameters: {
    type: 'object',
    properties: { calendar: CALENDAR, ...EVENT_FIELDS },
    required: ['calendar', 'title', 'start'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const calendar = await resolveCalendar(settings, password, requiredString(args, 'calendar'));
      const fields = givenFields(args, FIELD_NAMES);
      const event: EventInput = { ...fields, title: requiredString(args, 'title'), start: requiredString(args, 'start') };
      const created = await createEvent(settings, password, { calendarUrl: calendar.url, event }, deps);
      const when = `${event.start}${event.end ? ` to ${event.end}` : ''}`;
      return `Created ${JSON.stringify(event.title)} (${when}${event.location ? ` at ${JSON.stringify(event.location)}` : ''}) in ${JSON.stringify(calendar.name)}.\nurl ${created.url}${created.etag ? ` | etag ${created.etag}` : ''}`;
    }),
});

const updateEventTool = defineTool<Args>({
  name: 'update_event',
  description:
    'Changes an event: only the fields given are changed ("" clears location, description or recurrence). Needs the etag from list_events: if the event changed since, nothing is written and it must be listed again.',
  parameters: {
    type: 'object',
    properties: {
      url: { type: 'string', description: 'The event url from list_events.' },
      etag: { type: 'string', description: 'The etag from list_events.' },
      ...EVENT_FIELDS,
    },
    required: ['url', 'etag'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const changes = givenFields(args, FIELD_NAMES);
      if (Object.keys(changes).length === 0) throw new NextcloudToolError('invalid argument', 'Give at least one field to change.');
      const updated = await updateEvent(settings, password, { url: requiredString(args, 'url'), etag: requiredString(args, 'etag'), changes }, deps);
      const what = Object.entries(changes).map(([k, v]) => `${k} ${v === '' ? 'cleared' : `= ${JSON.stringify(v)}`}`).join(', ');
      return `Updated the event: ${what}.\nurl ${updated.url}${updated.etag ? ` | etag ${updated.etag}` : ''}`;
    }),
});

const deleteEventTool = defineTool<Args>({
  name: 'delete_event',
  description: 'Deletes an event (all its occurrences, for a recurring one). Needs the etag from list_events: if the event changed since, nothing is deleted.',
  parameters: {
    type: 'object',
    properties: { url: { type: 'string', description: 'The event url from list_events.' }, etag: { type: 'string', description: 'The etag from list_events.' } },
    required: ['url', 'etag'],
    additionalProperties: false,
  },
  annotations: { destructive: true },
  handler: (args, ctx) =>
    withAccount(ctx, async (settings, password) => {
      const deleted = await deleteEvent(settings, password, { url: requiredString(args, 'url'), etag: requiredString(args, 'etag') }, deps);
      return `Deleted the event ${deleted.url}.`;
    }),
});

export const calendarTools: ToolDefinition<Args>[] = [listCalendarsTool, listEventsTool, createEventTool, updateEventTool, deleteEventTool];
