import { closeSync, constants, fchmodSync, fstatSync, openSync, writeSync } from 'node:fs';
import type { Finding } from './injection-scanner.js';
import { redact } from './redact.js';

/**
 * The security log (`security.log` in the Pyra home): one JSON object per line, file mode 600. It says
 * what happened and where, never what the secret was: rule names and counts, plus at most a few short,
 * redacted excerpts.
 */

export interface SecurityEvent {
  /** Where the text or request came from: `email`, `web`, `tool:<plugin>.<tool>`, `cli`… */
  source: string;
  /** What kind of event: `injection` for scanner results, `unsafe_path`, `vault_access`… */
  kind: string;
  verdict?: string;
  findings?: readonly Finding[];
  /** A short reason code for non-scanner events (e.g. an UnsafePathError reason). */
  reason?: string;
  /** Values that must never appear in the log, masked wherever they occur. */
  knownSecrets?: Iterable<string>;
}

export interface SecurityLogLine {
  time: string;
  source: string;
  kind: string;
  verdict?: string;
  reason?: string;
  counts?: { byCategory: Record<string, number>; bySeverity: Record<string, number> };
  rules?: string[];
  excerpts?: string[];
}

const MAX_EXCERPTS = 3;
const EXCERPT_CHARS = 60;
const MAX_FIELD_CHARS = 120;

function clip(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/** The line written for `event`, without the trailing newline. Exported for tests and previews. */
export function formatSecurityEvent(event: SecurityEvent, now: Date = new Date()): SecurityLogLine {
  const known = event.knownSecrets ? [...event.knownSecrets] : [];
  const line: SecurityLogLine = {
    time: now.toISOString(),
    source: clip(redact(event.source, known), MAX_FIELD_CHARS),
    kind: clip(event.kind, MAX_FIELD_CHARS),
  };
  if (event.verdict !== undefined) line.verdict = clip(event.verdict, MAX_FIELD_CHARS);
  if (event.reason !== undefined) line.reason = clip(redact(event.reason, known), MAX_FIELD_CHARS);
  if (event.findings && event.findings.length > 0) {
    line.counts = {
      byCategory: tally(event.findings.map((f) => f.category)),
      bySeverity: tally(event.findings.map((f) => f.severity)),
    };
    line.rules = [...new Set(event.findings.map((f) => f.rule))];
    line.excerpts = event.findings.slice(0, MAX_EXCERPTS).map((f) => clip(redact(f.excerpt, known), EXCERPT_CHARS));
  }
  return line;
}

/**
 * Appends one event to the log at `logPath`, creating it with mode 600 when missing and tightening its
 * mode when it drifted. Refuses to follow a symlink at `logPath`, so the log can't be redirected.
 */
export function logSecurityEvent(logPath: string, event: SecurityEvent): void {
  const line = JSON.stringify(formatSecurityEvent(event)) + '\n';
  const fd = openSync(logPath, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    if ((fstatSync(fd).mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
}
