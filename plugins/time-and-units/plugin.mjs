// time-and-units: a small, read-only plugin bundled with Pyra. It runs in its own sandboxed Node
// process (no files outside this folder, no child processes, empty environment) and is a good one
// to try the approval flow with. Plain JS on purpose: plugins run without Pyra's source, so the
// types below are for editors only (see app/plugins/sdk.ts).
import { convert, listUnits } from './units.mjs';

/** @typedef {import('../../app/plugins/sdk.js').PluginDefinition} PluginDefinition */
/** @typedef {import('../../app/plugins/sdk.js').ToolContext} ToolContext */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The time zone to use: the argument, else the one chosen in setup, else UTC. */
async function zoneFor(requested, ctx) {
  const zone = requested || (await ctx.secrets.get('home_zone').catch(() => null)) || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`unknown time zone ${JSON.stringify(zone)} (use an IANA name such as Europe/Berlin or America/New_York)`);
  }
  return zone;
}

function offsetOf(date, timeZone) {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value === 'GMT' ? 'UTC+00:00' : (part?.value ?? '').replace('GMT', 'UTC');
}

function describeNow(timeZone, locale = 'en-GB', now = new Date()) {
  const text = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'long' }).format(now);
  return `${text}\n(${timeZone}, ${offsetOf(now, timeZone)}; ISO ${now.toISOString()})`;
}

function parseDate(text, label) {
  if (!DATE.test(String(text))) throw new Error(`${label} must be a date like 2026-05-17`);
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) throw new Error(`${label} ${text} is not a real date`);
  return date;
}

const weekday = (date) => new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(date);

/** @type {PluginDefinition} */
const plugin = {
  systemPrompt:
    'For the current date or time, call time-and-units__now instead of guessing. ' +
    'For unit conversions use time-and-units__convert_units; for days between dates, time-and-units__date_diff.',
  tools: [
    {
      name: 'now',
      description: 'The current date and time in a time zone (IANA name such as Europe/Berlin). Without a zone: the user\'s home zone, else UTC.',
      parameters: {
        type: 'object',
        properties: {
          time_zone: { type: 'string', description: 'IANA time zone, e.g. Asia/Tokyo' },
          locale: { type: 'string', description: 'BCP 47 locale for the wording, e.g. de-DE (default en-GB)' },
        },
        additionalProperties: false,
      },
      annotations: { readOnly: true },
      async handler(args, ctx) {
        const zone = await zoneFor(args.time_zone, ctx);
        return describeNow(zone, typeof args.locale === 'string' ? args.locale : undefined);
      },
    },
    {
      name: 'date_diff',
      description: 'Days between two dates (YYYY-MM-DD), with weeks and the weekdays. "to" defaults to today (UTC).',
      parameters: {
        type: 'object',
        properties: {
          from: { type: 'string', description: 'Start date, YYYY-MM-DD' },
          to: { type: 'string', description: 'End date, YYYY-MM-DD (default: today)' },
        },
        required: ['from'],
        additionalProperties: false,
      },
      annotations: { readOnly: true },
      handler(args) {
        const from = parseDate(args.from, 'from');
        const to = args.to ? parseDate(args.to, 'to') : parseDate(new Date().toISOString().slice(0, 10), 'today');
        const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
        const abs = Math.abs(days);
        return [
          `${days} day(s) from ${args.from} (${weekday(from)}) to ${to.toISOString().slice(0, 10)} (${weekday(to)})`,
          `= ${Math.floor(abs / 7)} week(s) and ${abs % 7} day(s)${days < 0 ? ', backwards' : ''}`,
        ].join('\n');
      },
    },
    {
      name: 'convert_units',
      description: 'Converts a value between units of length, mass, volume, speed, data size or temperature (e.g. 5 mi to km, 70 F to C, 2 GiB to MB).',
      parameters: {
        type: 'object',
        properties: {
          value: { type: 'number' },
          from: { type: 'string', description: 'Unit symbol or name, e.g. km, lb, F, GiB' },
          to: { type: 'string', description: 'Unit symbol or name' },
        },
        required: ['value', 'from', 'to'],
        additionalProperties: false,
      },
      annotations: { readOnly: true },
      handler(args) {
        const { result, from, to } = convert(args.value, args.from, args.to);
        const rounded = Number(result.toPrecision(10));
        return `${args.value} ${from} = ${rounded} ${to}`;
      },
    },
  ],
  slashCommands: [
    {
      name: 'time',
      description: 'Show the time now: /time [IANA zone]',
      handler: async (args, ctx) => describeNow(await zoneFor(args.trim(), ctx)),
    },
    { name: 'units', description: 'List the units convert_units knows', handler: () => listUnits() },
  ],
  // Plugins cannot write files; the vault namespace plugin:time-and-units:* is where they keep settings.
  async setup(ctx) {
    const current = (await ctx.secrets.get('home_zone').catch(() => null)) ?? 'UTC';
    const zone = (await ctx.prompt({ label: 'Your home time zone (IANA name, e.g. Europe/Berlin)', default: current })).trim() || current;
    await zoneFor(zone, ctx);
    await ctx.secrets.set('home_zone', zone);
    ctx.log(`home time zone set to ${zone}`);
  },
};

export default plugin;
