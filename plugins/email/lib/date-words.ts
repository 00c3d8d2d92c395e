/** Month and weekday names (English and German) and relative day words for the event extractor. */

const MONTHS: Array<[number, string[]]> = [
  [1, ['january', 'jan', 'januar', 'jänner', 'jaenner']],
  [2, ['february', 'feb', 'februar']],
  [3, ['march', 'mar', 'märz', 'maerz', 'mär', 'mrz']],
  [4, ['april', 'apr']],
  [5, ['may', 'mai']],
  [6, ['june', 'jun', 'juni']],
  [7, ['july', 'jul', 'juli']],
  [8, ['august', 'aug']],
  [9, ['september', 'sep', 'sept']],
  [10, ['october', 'oct', 'oktober', 'okt']],
  [11, ['november', 'nov']],
  [12, ['december', 'dec', 'dezember', 'dez']],
];

const WEEKDAYS: Array<[number, string[]]> = [
  [0, ['sunday', 'sonntag']],
  [1, ['monday', 'montag']],
  [2, ['tuesday', 'dienstag']],
  [3, ['wednesday', 'mittwoch']],
  [4, ['thursday', 'donnerstag']],
  [5, ['friday', 'freitag']],
  [6, ['saturday', 'samstag', 'sonnabend']],
];

const monthIndex = new Map<string, number>(MONTHS.flatMap(([n, names]) => names.map((name) => [name, n] as [string, number])));
const weekdayIndex = new Map<string, number>(WEEKDAYS.flatMap(([n, names]) => names.map((name) => [name, n] as [string, number])));

const alternation = (names: Iterable<string>): string => [...names].sort((a, b) => b.length - a.length).join('|');

/** Longest names first, so "june" wins over "jun". */
export const MONTH_PATTERN = alternation(monthIndex.keys());
export const WEEKDAY_PATTERN = alternation(weekdayIndex.keys());

export function monthNumber(name: string): number | undefined {
  return monthIndex.get(name.toLowerCase().replace(/\.$/, ''));
}

export function weekdayNumber(name: string): number | undefined {
  return weekdayIndex.get(name.toLowerCase());
}

/** Word boundaries that know letters beyond ASCII (JavaScript's \b does not: "übermorgen"). */
export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';

/** Words that name a day relative to the message date, with their offset in days. */
export const RELATIVE_DAYS: Array<[RegExp, number]> = [
  [new RegExp(`${B}(?:day after tomorrow|übermorgen)${E}`, 'iu'), 2],
  [new RegExp(`${B}tomorrow${E}`, 'iu'), 1],
  // Lower-case "morgen" is "tomorrow"; "Guten Morgen", "am Morgen", "heute morgen" are about a morning.
  [new RegExp(`(?<!(?:[Gg]uten|[Aa]m|[Jj]eden|[Hh]eute)\\s)${B}morgen${E}`, 'u'), 1],
  [new RegExp(`(?:^|[.!?:]\\s+)Morgen${E}`, 'u'), 1],
  [new RegExp(`${B}(?:today|tonight|this evening|this afternoon|heute)${E}`, 'iu'), 0],
];

/** Words that mark a name as not a place ("at Monday", "at Noon"). */
export function isCalendarWord(word: string): boolean {
  const w = word.toLowerCase();
  return monthIndex.has(w) || weekdayIndex.has(w) || ['noon', 'midnight', 'night', 'the', 'least', 'all', 'once', 'first', 'last', 'latest', 'home'].includes(w);
}
