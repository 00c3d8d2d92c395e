import { base64Segments, percentSegments } from './encoded-runs.js';
import { INJECTION_RULES } from './injection-patterns.js';
import { negatedAt, verbNegatedAt, type InjectionCategory, type InjectionRule, type Severity } from './injection-rules.js';
import { foldText, type HiddenChannel, type HiddenSegment, type Span } from './normalize-text.js';

export type { InjectionCategory, Severity } from './injection-rules.js';
export type { Span, HiddenChannel } from './normalize-text.js';
export { wrapUntrusted } from './untrusted-content.js';

/**
 * Prompt-injection scanner for text that reaches a model or a tool from outside: e-mails, web pages,
 * calendar entries, files, tool arguments and results. It folds the text (normalize-text.ts), matches the
 * rules (injection-patterns*.ts) against it, then does the same for every hidden layer it can find (HTML
 * comments, Unicode tag characters, base64 and percent-encoded runs), a few levels deep. Everything is
 * linear in the input size; the number of findings is capped. It scans exactly the text it is given.
 */

export type Verdict = 'clean' | 'suspicious' | 'flagged';
export type Channel = 'text' | HiddenChannel;

export interface Finding {
  category: InjectionCategory;
  severity: Severity;
  rule: string;
  /** Offsets in the scanned text; for hidden content, the whole hidden run (comment, base64 run…). */
  span: Span;
  /** Short display excerpt, invisible characters shown as `\u{…}` escapes. */
  excerpt: string;
  /** Where the match was seen: the visible text or a hidden/encoded layer. */
  channel: Channel;
}

export interface ScanResult {
  verdict: Verdict;
  findings: Finding[];
  source?: string;
  /** True when a cap (total findings, or matches per rule) was reached and further matches were not reported. */
  truncated: boolean;
}

export interface ScanOptions {
  /** Where the text came from (e-mail, web, tool:<name>…), echoed in the result for logging. */
  source?: string;
  maxFindings?: number;
}

export const DEFAULT_MAX_FINDINGS = 100;
export const MATCHES_PER_RULE_PER_LAYER = 20;
const MAX_DEPTH = 3;
const EXCERPT_CHARS = 120;

// Instructions hidden from the human reader but visible to a model are a strong signal on their own.
const BUMPED_CHANNELS: ReadonlySet<Channel> = new Set(['html_comment', 'tag_chars', 'base64']);
// Characters whose presence inside a match means someone dressed the phrase up to slip past filters.
const EVASION = /[\u00ad\u034f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\uff01-\uff5e\u0370-\u03ff\u0400-\u04ff]|\udb40[\udc00-\udc7f]|\ud835[\udc00-\udfff]|&#|\\u[0-9a-f]{4}/i;

const HIDDEN_CHANNELS: readonly HiddenChannel[] = ['html_comment', 'tag_chars', 'base64', 'percent'];

const bump = (s: Severity): Severity => (s === 'low' ? 'medium' : 'high');

interface Layer {
  channel: Channel;
  /**
   * For hidden layers: the span, in the scanned text, of the outermost hidden run that holds a given
   * position of this layer's input. Null for the visible text itself, where offsets map directly.
   */
  outerSpan: ((position: number) => Span) | null;
  depth: number;
}

const SEGMENT_SEPARATOR = '\n\n';

/**
 * All hidden segments of one channel joined into a single layer, so that a million tiny comments cost
 * one pass per rule instead of a million. Positions in the joined text map back to their segment.
 */
function joinedLayer(segments: readonly HiddenSegment[], parent: Layer): { text: string; layer: Layer } {
  const starts: number[] = [];
  let length = 0;
  for (const segment of segments) {
    starts.push(length);
    length += segment.text.length + SEGMENT_SEPARATOR.length;
  }
  const segmentAt = (position: number): HiddenSegment => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo]!;
  };
  const outerSpan = (position: number): Span => {
    const span = segmentAt(position).span;
    return parent.outerSpan ? parent.outerSpan(span.start) : span;
  };
  return {
    text: segments.map((s) => s.text).join(SEGMENT_SEPARATOR),
    layer: { channel: segments[0]!.channel, outerSpan, depth: parent.depth + 1 },
  };
}

class Collector {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();
  truncated = false;

  constructor(private readonly max: number) {}

  get full(): boolean {
    return this.findings.length >= this.max;
  }

  add(finding: Finding): void {
    const key = `${finding.rule}:${finding.span.start}:${finding.span.end}:${finding.channel}`;
    if (this.seen.has(key)) return;
    if (this.full) {
      this.truncated = true;
      return;
    }
    this.seen.add(key);
    this.findings.push(finding);
  }
}

/** Makes an excerpt safe to print: invisible and control characters escaped, whitespace collapsed, capped. */
export function displayExcerpt(text: string): string {
  const shown = text
    .slice(0, EXCERPT_CHARS * 2)
    .replace(/\s+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|\udb40[\udc00-\udc7f]/g, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`)
    .trim();
  return shown.length > EXCERPT_CHARS ? shown.slice(0, EXCERPT_CHARS - 1) + '…' : shown;
}

function runRule(rule: InjectionRule, input: string, folded: ReturnType<typeof foldText>, layer: Layer, out: Collector): void {
  const pattern = rule.pattern;
  pattern.lastIndex = 0;
  let count = 0;
  for (let match = pattern.exec(folded.text); match; match = pattern.exec(folded.text)) {
    if (match[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    if (rule.unlessNegated && negatedAt(folded.text, match.index)) continue;
    if (rule.unlessVerbNegated && verbNegatedAt(folded.text, match.index)) continue;
    if (out.full) {
      out.truncated = true;
      return;
    }
    const local = { start: folded.offsets[match.index]!, end: folded.offsets[match.index + match[0].length]! };
    const original = input.slice(local.start, Math.min(local.end, local.start + 2000));
    let severity = rule.severity;
    if (BUMPED_CHANNELS.has(layer.channel) || EVASION.test(original)) severity = bump(severity);
    out.add({
      category: rule.category,
      severity,
      rule: rule.id,
      span: layer.outerSpan ? layer.outerSpan(local.start) : local,
      excerpt: displayExcerpt(layer.outerSpan ? match[0] : original),
      channel: layer.channel,
    });
    if (++count >= MATCHES_PER_RULE_PER_LAYER) {
      out.truncated = true; // more matches of the same rule may follow; one layer reports at most this many
      break;
    }
  }
}

function scanLayer(input: string, layer: Layer, out: Collector): void {
  const folded = foldText(input);
  // Rules keep running once the cap is reached, only to learn whether anything was left out.
  for (const rule of INJECTION_RULES) {
    if (out.full && out.truncated) break;
    runRule(rule, input, folded, layer, out);
  }
  if (folded.bidiOverrides > 0) {
    out.add({
      category: 'obfuscation', severity: 'low', rule: 'obfuscation.bidi_controls',
      span: layer.outerSpan ? layer.outerSpan(0) : { start: 0, end: input.length },
      excerpt: `${folded.bidiOverrides} bidirectional control character(s)`, channel: layer.channel,
    });
  }
  if (layer.depth >= MAX_DEPTH) return;

  const hidden = [...folded.hidden, ...base64Segments(input), ...percentSegments(input)];
  for (const segment of hidden) {
    if (segment.channel !== 'tag_chars' || (out.full && out.truncated)) continue;
    // Tag characters render as nothing; text spelled in them exists only to be read by a machine.
    out.add({
      category: 'obfuscation', severity: 'medium', rule: 'obfuscation.tag_characters',
      span: layer.outerSpan ? layer.outerSpan(segment.span.start) : segment.span,
      excerpt: displayExcerpt(`hidden text: ${segment.text}`), channel: 'tag_chars',
    });
  }
  for (const channel of HIDDEN_CHANNELS) {
    if (out.full && out.truncated) break;
    const segments = hidden.filter((h) => h.channel === channel);
    if (segments.length === 0) continue;
    const joined = joinedLayer(segments, layer);
    scanLayer(joined.text, joined.layer, out);
  }
}

function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'high')) return 'flagged';
  const rulesAt = (severity: Severity) => new Set(findings.filter((f) => f.severity === severity).map((f) => f.rule)).size;
  const medium = rulesAt('medium');
  if (medium >= 2) return 'flagged';
  if (medium === 1 || rulesAt('low') >= 3) return 'suspicious';
  return 'clean';
}

/** Scans `text` for prompt injection. Low findings alone are informational and leave the verdict clean. */
export function scanText(text: string, opts: ScanOptions = {}): ScanResult {
  const out = new Collector(opts.maxFindings ?? DEFAULT_MAX_FINDINGS);
  try {
    scanLayer(text, { channel: 'text', outerSpan: null, depth: 0 }, out);
  } catch (err) {
    // Fail closed: text the scanner could not finish reading is not passed on as clean.
    out.add({
      category: 'obfuscation', severity: 'high', rule: 'scanner.error',
      span: { start: 0, end: text.length }, excerpt: displayExcerpt(`scan aborted: ${(err as Error).message}`), channel: 'text',
    });
  }
  const findings = out.findings.sort((a, b) => a.span.start - b.span.start || a.rule.localeCompare(b.rule));
  const result: ScanResult = { verdict: verdictOf(findings), findings, truncated: out.truncated };
  if (opts.source !== undefined) result.source = opts.source;
  return result;
}
