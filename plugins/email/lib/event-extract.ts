/**
 * Finds dates, times and places in a message's text and proposes calendar events. Deterministic
 * pattern matching, no model: ISO dates (2026-11-25, 2026-11-25T14:00), "25 Nov 2026",
 * "25. November", "Nov 25, 14:00", "25.11.2026", "tomorrow at 3pm", "am Freitag um 15 Uhr",
 * ranges ("14:00-15:30", "2-4pm", "von 14 bis 16 Uhr"), English and German month/day names, relative
 * days counted from the message date in the sender's UTC offset. Places come from "Location:",
 * "Where:", "Ort:", "Wo:", "Treffpunkt:" lines, else "at <Place>" / "im <Ort>" next to the date.
 *
 * A date without a year is taken in the message's year, or the next year when it would be more than
 * 60 days in the past. Quoted-reply headers ("On …, Bob wrote:") and forwarded headers (Date:, Sent:)
 * are ignored.
 */
import { B, E, MONTH_PATTERN, RELATIVE_DAYS, WEEKDAY_PATTERN, isCalendarWord, monthNumber, weekdayNumber } from './date-words.js';

export interface EventSource {
  subject: string;
  text: string;
  /** ISO date-time of the message (the reference for "tomorrow", weekdays and missing years). */
  date?: string;
  /** The message's UTC offset, "+01:00"; times in the text are read in it. */
  dateOffset?: string;
  messageId?: string;
}

export interface EventProposal {
  title: string;
  /** "YYYY-MM-DD" when allDay, else "YYYY-MM-DDTHH:MM:00" plus the offset when known. */
  start: string;
  end?: string;
  allDay: boolean;
  location?: string;
  sourceMessageId?: string;
  /** The line the date was found on (untrusted text, for the person to check). */
  evidence: string;
}

interface Day {
  y: number;
  m: number;
  d: number;
}
interface Clock {
  h: number;
  min: number;
}
interface Span {
  index: number;
  length: number;
}
interface DateHit extends Span {
  day: Day;
}
interface TimeHit extends Span {
  start: Clock;
  end?: Clock;
}

const MONTH = `(${MONTH_PATTERN})\\.?`;
const DATE_PATTERNS: Array<{ re: RegExp; build: (m: RegExpExecArray, ref: Day) => Day | null }> = [
  { re: new RegExp(`${B}(\\d{4})-(\\d{2})-(\\d{2})${E}`, 'gu'), build: (m) => day(+m[1]!, +m[2]!, +m[3]!) },
  { re: new RegExp(`${B}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})?(?![\\d.])`, 'gu'), build: (m, ref) => withYear(ref, +m[2]!, +m[1]!, m[3]) },
  {
    re: new RegExp(`${B}(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?${E}`, 'giu'),
    build: (m, ref) => withYear(ref, monthNumber(m[2]!) ?? 0, +m[1]!, m[3]),
  },
  {
    re: new RegExp(`${B}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?![\\p{L}\\d:])`, 'giu'),
    build: (m, ref) => withYear(ref, monthNumber(m[1]!) ?? 0, +m[2]!, m[3]),
  },
];
const WEEKDAY_RE = new RegExp(`(?:${B}(next|this|on|am|nächsten|kommenden|diesen)\\s+)?${B}(${WEEKDAY_PATTERN})${E}`, 'giu');

const AMPM = '(a\\.?m\\.?|p\\.?m\\.?)';
const TIME_RANGE_SHARED = new RegExp(`${B}(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:-|–|—|to|bis)\\s*(\\d{1,2})(?:[:.](\\d{2}))?\\s*(?:${AMPM}|(uhr))(?![\\p{L}])`, 'giu');
const TIME_PATTERNS: RegExp[] = [
  new RegExp(`${B}(\\d{1,2}):(\\d{2})(?::\\d{2})?(?:\\s*${AMPM}(?![\\p{L}])|\\s*(uhr)${E})?`, 'giu'),
  new RegExp(`${B}(\\d{1,2})(?:\\.(\\d{2}))?\\s*(?:${AMPM}(?![\\p{L}])|(uhr)${E})`, 'giu'),
  new RegExp(`${B}(noon|midday|mittag)${E}`, 'giu'),
];
const RANGE_JOIN = /^\s*(?:-|–|—|to|until|till|bis)\s*/i;

const LOCATION_LINE = /^\s*(?:location|where|venue|place|address|ort|wo|adresse|treffpunkt|veranstaltungsort)\s*:\s*(.+?)\s*$/i;
const INLINE_PLACE = /(?:^|\s)(?:at|@|im|beim|in der)\s+((?:the\s+)?[A-ZÄÖÜ][\p{L}\p{N}'&.-]*(?:\s+(?:[A-ZÄÖÜ\d][\p{L}\p{N}'&.-]*|de|la|am|an|der|of|the|und|&))*)/u;
const REPLY_HEADER = /\b(?:wrote|schrieb)\s*:?\s*$/i;
const MAIL_HEADER = /^\s*(from|von|to|an|cc|subject|betreff|date|datum|sent|gesendet)\s*:/i;
const LINKED_BEFORE = /^\s*(?:,|on|am|the|den)?\s*$/i;

/** Lines of a forwarded/quoted header block (From:/To:/Date:/Subject: next to each other). */
function headerBlockLines(lines: string[]): Set<number> {
  const keys = lines.map((line) => MAIL_HEADER.exec(line)?.[1]?.toLowerCase());
  const block = new Set<number>();
  keys.forEach((key, i) => {
    if (!key) return;
    for (let j = Math.max(0, i - 2); j <= Math.min(lines.length - 1, i + 2); j++) {
      if (j !== i && keys[j] && keys[j] !== key) block.add(i);
    }
  });
  return block;
}

export function proposeEvents(source: EventSource, now: Date = new Date()): EventProposal[] {
  const reference = referenceDay(source, now);
  const title = cleanSubject(source.subject);
  const lines = [source.subject, ...source.text.split(/\r?\n/)].map((line) =>
    // Quote markers off; "2026-12-01T09:30" read as "2026-12-01 09:30".
    line.replace(/^(?:\s*>)+\s?/, '').replace(/(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/g, '$1 $2'),
  );
  const labelled = lines.map((line) => LOCATION_LINE.exec(line)?.[1]).find((value) => value && value.length <= 200);
  const proposals: EventProposal[] = [];
  const seen = new Set<string>();
  let pending: { proposal: EventProposal; lineNo: number } | null = null;
  const headerLines = headerBlockLines(lines);

  lines.forEach((line, lineNo) => {
    if (REPLY_HEADER.test(line) || headerLines.has(lineNo) || LOCATION_LINE.test(line)) return;
    const dates = findDates(line, reference);
    const masked = mask(line, dates);
    const times = findTimes(masked);
    if (dates.length === 0) {
      // "Time: 14:00" under a "Date: …" line: give the time to the date just above.
      if (pending && times[0] && lineNo - pending.lineNo <= 2) {
        applyTime(pending.proposal, reference, times[0], source.dateOffset);
        pending = null;
      }
      return;
    }
    const claimed = new Set<TimeHit>();
    dates.forEach((hit, i) => {
      const nextIndex = dates[i + 1]?.index ?? Infinity;
      const free = times.filter((t) => !claimed.has(t));
      const before = [...free].reverse().find((t) => t.index + t.length <= hit.index);
      // "2pm on Dec 2" binds tighter than a time after the date.
      const linked = before && LINKED_BEFORE.test(line.slice(before.index + before.length, hit.index)) ? before : undefined;
      const after = free.find((t) => t.index >= hit.index + hit.length && t.index < nextIndex);
      const time = linked ?? after ?? (i === 0 ? before : undefined);
      if (time) claimed.add(time);
      const proposal: EventProposal = {
        title,
        start: formatDay(hit.day),
        allDay: true,
        ...(source.messageId ? { sourceMessageId: source.messageId } : {}),
        evidence: line.trim().slice(0, 300),
      };
      if (time) applyTime(proposal, hit.day, time, source.dateOffset);
      const location = labelled ?? inlinePlace(line);
      if (location) proposal.location = location;
      const key = proposal.start;
      if (seen.has(key)) return;
      seen.add(key);
      proposals.push(proposal);
      pending = time ? null : { proposal, lineNo };
    });
  });
  // A bare date is dropped when the same day also appears with a time.
  return proposals.filter((p) => !p.allDay || !proposals.some((q) => !q.allDay && q.start.startsWith(p.start)));
}

function applyTime(proposal: EventProposal, dayOrRef: Day, time: TimeHit, offset: string | undefined): void {
  const date = proposal.allDay ? parseDay(proposal.start) : dayOrRef;
  proposal.allDay = false;
  proposal.start = formatDateTime(date, time.start, offset);
  if (time.end) {
    const endDay = minutes(time.end) <= minutes(time.start) ? addDays(date, 1) : date;
    proposal.end = formatDateTime(endDay, time.end, offset);
  }
}

function findDates(line: string, reference: Day): DateHit[] {
  const hits: DateHit[] = [];
  const overlaps = (index: number, length: number): boolean => hits.some((h) => index < h.index + h.length && h.index < index + length);
  for (const { re, build } of DATE_PATTERNS) {
    for (const m of line.matchAll(re)) {
      const built = build(m as RegExpExecArray, reference);
      if (built && !overlaps(m.index!, m[0].length)) hits.push({ index: m.index!, length: m[0].length, day: built });
    }
  }
  for (const [re, offset] of RELATIVE_DAYS) {
    const m = re.exec(line);
    if (m && !overlaps(m.index, m[0].length)) hits.push({ index: m.index, length: m[0].length, day: addDays(reference, offset) });
  }
  for (const m of line.matchAll(WEEKDAY_RE)) {
    const target = weekdayNumber(m[2]!);
    if (target === undefined || overlaps(m.index!, m[0].length)) continue;
    // A weekday right before an explicit date ("Friday, 27 Nov") is part of that date.
    if (hits.some((h) => h.index >= m.index! + m[0].length && h.index - (m.index! + m[0].length) <= 3)) continue;
    const ahead = (target - weekday(reference) + 7) % 7 || 7;
    hits.push({ index: m.index!, length: m[0].length, day: addDays(reference, ahead) });
  }
  return hits.sort((a, b) => a.index - b.index);
}

function findTimes(line: string): TimeHit[] {
  const hits: TimeHit[] = [];
  const overlaps = (index: number, length: number): boolean => hits.some((h) => index < h.index + h.length && h.index < index + length);
  for (const m of line.matchAll(TIME_RANGE_SHARED)) {
    const suffix = (m[5] ?? m[6] ?? '').toLowerCase();
    let start = clock(+m[1]!, m[2], suffix);
    const end = clock(+m[3]!, m[4], suffix);
    // "11-1pm": the first hour is the morning one.
    if (start && end && suffix.startsWith('p') && minutes(start) > minutes(end)) start = clock(+m[1]!, m[2], 'am');
    if (start && end) hits.push({ index: m.index!, length: m[0].length, start, end });
  }
  for (const re of TIME_PATTERNS) {
    for (const m of line.matchAll(re)) {
      if (overlaps(m.index!, m[0].length)) continue;
      const start = /^(noon|midday|mittag)$/i.test(m[1]!) ? { h: 12, min: 0 } : clock(+m[1]!, m[2], (m[3] ?? '').toLowerCase());
      if (start) hits.push({ index: m.index!, length: m[0].length, start });
    }
  }
  hits.sort((a, b) => a.index - b.index);
  // "14:00 - 15:30", "2pm to 4pm": join a time with the one that follows a range word.
  for (let i = 0; i < hits.length - 1; i++) {
    const a = hits[i]!;
    const b = hits[i + 1]!;
    if (a.end || b.end) continue;
    const between = line.slice(a.index + a.length, b.index);
    if (RANGE_JOIN.test(between) && between.replace(RANGE_JOIN, '').trim() === '') {
      a.end = b.start;
      a.length = b.index + b.length - a.index;
      hits.splice(i + 1, 1);
    }
  }
  return hits;
}

function clock(hour: number, minute: string | undefined, suffix: string): Clock | null {
  const min = minute === undefined ? 0 : +minute;
  let h = hour;
  if (suffix.startsWith('a') || suffix.startsWith('p')) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (suffix.startsWith('p') ? 12 : 0);
  }
  return h <= 23 && min <= 59 ? { h, min } : null;
}

function inlinePlace(line: string): string | undefined {
  const m = INLINE_PLACE.exec(line);
  if (!m) return undefined;
  const words = m[1]!.replace(/[.,;:!?]+$/, '').split(/\s+/);
  while (words.length && /^(de|la|am|an|der|of|the|und|&)$/i.test(words[words.length - 1]!)) words.pop();
  if (words[0]?.toLowerCase() === 'the') words.shift();
  const first = words[0];
  if (!first || isCalendarWord(first)) return undefined;
  return words.join(' ').slice(0, 120);
}

function mask(line: string, spans: Span[]): string {
  let out = line;
  for (const s of spans) out = out.slice(0, s.index) + ' '.repeat(s.length) + out.slice(s.index + s.length);
  return out;
}

export function cleanSubject(subject: string): string {
  let s = subject.trim();
  const prefix = /^(?:re|aw|fwd?|wg|sv|vs|antw|tr)\s*(?:\[\d+\])?\s*:\s*/i;
  while (prefix.test(s)) s = s.replace(prefix, '');
  return s || 'Event from email';
}

function referenceDay(source: EventSource, now: Date): Day {
  const base = source.date ? new Date(source.date) : now;
  const when = Number.isNaN(base.getTime()) ? now : base;
  const offset = parseOffset(source.dateOffset);
  const local = new Date(when.getTime() + offset * 60_000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

function parseOffset(offset: string | undefined): number {
  const m = offset ? /^([+-])(\d{2}):(\d{2})$/.exec(offset) : null;
  return m ? (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) : 0;
}

function day(y: number, m: number, d: number): Day | null {
  if (m < 1 || m > 12 || d < 1) return null;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate() ? { y, m, d } : null;
}

function withYear(ref: Day, m: number, d: number, year: string | undefined): Day | null {
  if (year) return day(year.length === 2 ? 2000 + +year : +year, m, d);
  const candidate = day(ref.y, m, d);
  if (!candidate) return day(ref.y + 1, m, d);
  const daysBack = (toUtc(ref) - toUtc(candidate)) / 86_400_000;
  return daysBack > 60 ? day(ref.y + 1, m, d) : candidate;
}

const toUtc = (d: Day): number => Date.UTC(d.y, d.m - 1, d.d);
const weekday = (d: Day): number => new Date(toUtc(d)).getUTCDay();
const minutes = (c: Clock): number => c.h * 60 + c.min;

function addDays(d: Day, n: number): Day {
  const t = new Date(toUtc(d) + n * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const formatDay = (d: Day): string => `${d.y}-${pad(d.m)}-${pad(d.d)}`;
const formatDateTime = (d: Day, c: Clock, offset: string | undefined): string => `${formatDay(d)}T${pad(c.h)}:${pad(c.min)}:00${offset ?? ''}`;

function parseDay(text: string): Day {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}
