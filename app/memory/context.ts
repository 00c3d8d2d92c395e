/**
 * The memory text that goes into a prompt: `user/profile.md` first, then the pinned files, then the files
 * that best match the user's message, until the token budget is spent (≈ 4 characters a token). A file
 * that does not fit whole is cut at a line boundary and the text says so. Memory is untrusted text like
 * any other: every included part is scanned for prompt injection (the findings are returned for the UI)
 * and the whole block is wrapped with wrapUntrusted.
 */
import { scanText, wrapUntrusted, type Finding, type Verdict } from '../security/injection-scanner.js';
import type { MemoryStore } from './memory-store.js';

export const PROFILE_NAME = 'user/profile.md';
const DEFAULT_SEARCH_FILES = 4;
/** Below this many tokens left, starting another file is pointless. */
const MIN_SECTION_TOKENS = 24;

export type ContextReason = 'profile' | 'pinned' | 'search';

export interface ContextFile {
  name: string;
  /** Tokens this file's section takes (header included). */
  tokens: number;
  reason: ContextReason;
  /** True when only the first lines fitted. */
  cut: boolean;
}

export interface ContextFindings {
  name: string;
  verdict: Verdict;
  findings: Finding[];
}

export interface MemoryContext {
  /** The wrapped block for the prompt, or '' when nothing was included. */
  text: string;
  files: ContextFile[];
  usedTokens: number;
  budgetTokens: number;
  /** Files whose included text has injection findings (any verdict, even clean with low findings). */
  findings: ContextFindings[];
  /** Files that were wanted but left out, and why. */
  skipped: { name: string; reason: 'missing' | 'not-text' | 'budget' }[];
}

export interface MemoryContextOptions {
  memory: MemoryStore;
  userMessage: string;
  budgetTokens: number;
  /** Pinned files, in order (default: the store's pins). */
  pinned?: readonly string[];
  /** How many search hits to consider (default 4). */
  searchFiles?: number;
}

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

interface Candidate {
  name: string;
  reason: ContextReason;
}

interface Section {
  file: ContextFile;
  text: string;
  body: string;
}

/** The section for one file within `room` tokens: whole, cut at a line boundary, or null. */
function fitSection(name: string, text: string, room: number): { text: string; body: string; cut: boolean } | null {
  const header = `## ${name}\n`;
  const body = text.replace(/\s+$/, '');
  const whole = header + body;
  if (estimateTokens(whole) <= room) return { text: whole, body, cut: false };
  const lines = body.split('\n');
  let kept = 0;
  let size = header.length;
  const note = (omitted: number) => `\n[… cut here: ${omitted} more line${omitted === 1 ? '' : 's'} of ${name} did not fit]`;
  while (kept < lines.length && Math.ceil((size + lines[kept]!.length + 1 + note(lines.length - kept - 1).length) / 4) <= room) {
    size += lines[kept]!.length + 1;
    kept++;
  }
  if (kept === 0) return null;
  const part = lines.slice(0, kept).join('\n');
  return { text: header + part + note(lines.length - kept), body: part, cut: true };
}

function candidates(opts: MemoryContextOptions): Candidate[] {
  const list: Candidate[] = [{ name: PROFILE_NAME, reason: 'profile' }];
  for (const name of opts.pinned ?? opts.memory.pinned()) list.push({ name, reason: 'pinned' });
  if (opts.memory.searchEnabled && opts.userMessage.trim() !== '') {
    const hits = opts.memory.search(opts.userMessage, { combineWith: 'OR', prefix: false, limit: (opts.searchFiles ?? DEFAULT_SEARCH_FILES) + list.length });
    for (const hit of hits) list.push({ name: hit.name, reason: 'search' });
  }
  return list;
}

async function assemble(opts: MemoryContextOptions, room: number, list: Candidate[]): Promise<{ sections: Section[]; skipped: MemoryContext['skipped'] }> {
  const sections: Section[] = [];
  const skipped: MemoryContext['skipped'] = [];
  const seen = new Set<string>();
  let searchTaken = 0;
  const searchLimit = opts.searchFiles ?? DEFAULT_SEARCH_FILES;
  for (const candidate of list) {
    if (candidate.reason === 'search' && searchTaken >= searchLimit) break;
    let doc;
    try {
      doc = await opts.memory.read(candidate.name);
    } catch {
      if (candidate.reason !== 'profile') skipped.push({ name: candidate.name, reason: 'missing' });
      continue;
    }
    if (seen.has(doc.name)) continue;
    seen.add(doc.name);
    if (doc.text === null) {
      skipped.push({ name: doc.name, reason: 'not-text' });
      continue;
    }
    const used = sections.reduce((sum, s) => sum + s.file.tokens, 0);
    const left = room - used;
    const fitted = left >= MIN_SECTION_TOKENS ? fitSection(doc.name, doc.text, left - 1) : null;
    if (!fitted) {
      skipped.push({ name: doc.name, reason: 'budget' });
      continue;
    }
    if (candidate.reason === 'search') searchTaken++;
    // +1: the blank line between sections.
    sections.push({ file: { name: doc.name, tokens: estimateTokens(fitted.text) + 1, reason: candidate.reason, cut: fitted.cut }, text: fitted.text, body: fitted.body });
  }
  return { sections, skipped };
}

/** Builds the memory context for one prompt (see the top of this file). */
export async function buildMemoryContext(opts: MemoryContextOptions): Promise<MemoryContext> {
  const budget = Math.max(0, Math.floor(opts.budgetTokens));
  const empty: MemoryContext = { text: '', files: [], usedTokens: 0, budgetTokens: budget, findings: [], skipped: [] };
  const list = candidates(opts);
  let room = budget - estimateTokens(wrapUntrusted('', 'memory'));
  // wrapUntrusted may lengthen the text a little (defused markers): shrink the room until it fits.
  for (let attempt = 0; attempt < 4 && room > 0; attempt++) {
    const { sections, skipped } = await assemble(opts, room, list);
    if (sections.length === 0) return { ...empty, skipped };
    const text = wrapUntrusted(sections.map((s) => s.text).join('\n\n'), 'memory');
    const usedTokens = estimateTokens(text);
    if (usedTokens > budget) {
      room -= usedTokens - budget;
      continue;
    }
    const findings = sections.flatMap(({ file, body }) => {
      const scan = scanText(body, { source: `memory:${file.name}` });
      return scan.findings.length > 0 ? [{ name: file.name, verdict: scan.verdict, findings: scan.findings }] : [];
    });
    return { text, files: sections.map((s) => s.file), usedTokens, budgetTokens: budget, findings, skipped };
  }
  return { ...empty, skipped: list.filter((c) => c.reason !== 'profile').map((c) => ({ name: c.name, reason: 'budget' as const })) };
}
