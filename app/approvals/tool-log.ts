import { appendFileSync } from 'node:fs';
import { redact } from '../security/redact.js';

export interface ToolLogEntry {
  source: string;
  plugin: string;
  tool: string;
  decision: 'allowed' | 'denied' | 'cancelled';
  /** 'user', 'rule:<id>', 'session', or 'cancel' */
  decidedBy: string;
  args?: unknown;
  result?: string;
  durationMs?: number;
  error?: string;
  reason?: string;
}

const PREVIEW = 300;

const preview = (text: string) => (text.length > PREVIEW ? `${text.slice(0, PREVIEW)}… (${text.length} chars)` : text);

/** One JSON line per tool call in logs/tool_executions.log (mode 600); previews are redacted. */
export function logToolExecution(file: string, entry: ToolLogEntry): void {
  const line = {
    time: new Date().toISOString(),
    source: entry.source,
    plugin: entry.plugin,
    tool: entry.tool,
    decision: entry.decision,
    decidedBy: entry.decidedBy,
    ...(entry.args !== undefined ? { args: redact(preview(JSON.stringify(entry.args))) } : {}),
    ...(entry.result !== undefined ? { result: redact(preview(entry.result)) } : {}),
    ...(entry.durationMs !== undefined ? { durationMs: Math.round(entry.durationMs) } : {}),
    ...(entry.error ? { error: redact(preview(entry.error)) } : {}),
    ...(entry.reason ? { reason: redact(preview(entry.reason)) } : {}),
  };
  try {
    appendFileSync(file, JSON.stringify(line) + '\n', { mode: 0o600 });
  } catch {
    // a full disk must not stop a decision; the status bar already showed it
  }
}
