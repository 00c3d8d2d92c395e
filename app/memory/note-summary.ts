/**
 * A note's title and one-line summary for the index and the tree: the title is the front matter's
 * `title:` or the first heading, else the file name; the summary is the first line of the first
 * paragraph (not a heading, fence, rule or comment), list and quote markers removed. Only the head of
 * the file is looked at, so this stays cheap for 10,000 notes.
 */
import { basename } from 'node:path';

export interface NoteSummary {
  title: string;
  summary: string;
}

const HEAD_CHARS = 16 * 1024;
const MAX_TITLE = 120;
const MAX_SUMMARY = 160;

const HEADING = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const LIST_OR_QUOTE = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+))+/;
const FRONT_TITLE = /^title:[ \t]*(.+?)[ \t]*$/;

/** One display line: controls and invisible formatting removed, whitespace collapsed, capped. */
export function displayLine(text: string, max: number): string {
  const clean = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? clean.slice(0, max - 1).trimEnd() + '…' : clean;
}

export function titleFromName(name: string): string {
  return basename(name).replace(/\.(?:md|markdown|txt)$/i, '') || basename(name);
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** Index of the first line after a leading `---` front matter block (0 when there is none). */
function skipFrontMatter(lines: string[], found: { title?: string }): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '---' || line.trim() === '...') return i + 1;
    const title = FRONT_TITLE.exec(line);
    if (title && found.title === undefined) found.title = unquote(title[1]!);
  }
  return 0; // never closed: not front matter after all
}

export function summarizeNote(name: string, text: string | null): NoteSummary {
  if (text === null) return { title: titleFromName(name), summary: '' };
  const lines = text.slice(0, HEAD_CHARS).split(/\r?\n/);
  const found: { title?: string; summary?: string } = {};
  let inFence = false;
  for (let i = skipFrontMatter(lines, found); i < lines.length && (found.title === undefined || found.summary === undefined); i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.trim() === '' || RULE.test(line) || SETEXT_UNDERLINE.test(line)) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      if (found.title === undefined && heading[1]!.trim() !== '') found.title = heading[1]!;
      continue;
    }
    if (/^\s*<!--/.test(line)) continue;
    if (SETEXT_UNDERLINE.test(lines[i + 1] ?? '') && /^=/.test((lines[i + 1] ?? '').trim())) {
      found.title ??= line; // setext "Title\n====="
      i++;
      continue;
    }
    if (found.summary === undefined) {
      const body = line.replace(LIST_OR_QUOTE, '').trim();
      if (body !== '') found.summary = body;
    }
  }
  const title = displayLine(found.title ?? '', MAX_TITLE);
  return { title: title || titleFromName(name), summary: displayLine(found.summary ?? '', MAX_SUMMARY) };
}
