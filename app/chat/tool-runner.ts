import { checkSchema, type SchemaNode } from '../config/schema-check.js';
import type { ApprovalService } from '../approvals/approval-service.js';
import { logToolExecution } from '../approvals/tool-log.js';
import type { ApprovalGrant, ToolDescriptor, ToolResult } from '../plugins/types.js';
import type { ToolCall } from '../providers/types.js';
import { scanText, wrapUntrusted } from '../security/injection-scanner.js';

/** Where tools come from and how an approved call runs (the plugin host, plus built-in tools). */
export interface ToolProvider {
  tools(): ToolDescriptor[];
  run(tool: ToolDescriptor, grant: ApprovalGrant, signal: AbortSignal): Promise<ToolResult>;
  /** A preview of what the call will change, shown in the approval dialog (e.g. a diff). */
  preview?(tool: ToolDescriptor, args: unknown): Promise<string | undefined>;
}

/** A flagged result is held until the user says what the model gets. */
export type HeldResultChoice = 'send' | 'redacted' | 'drop';

export interface ToolRunnerDeps {
  provider: ToolProvider;
  approvals: ApprovalService;
  toolLogFile: string;
  chooseForFlagged(tool: ToolDescriptor, summary: string): Promise<HeldResultChoice>;
}

export interface ToolOutcome {
  call: ToolCall;
  tool?: ToolDescriptor;
  /** what the model receives as the tool result (always text; untrusted content is wrapped) */
  modelText: string;
  /** one line for the chat */
  summary: string;
  status: 'done' | 'denied' | 'error' | 'cancelled';
}

function parseArgs(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'the arguments must be a JSON object' };
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: `the arguments are not valid JSON (${(err as Error).message})` };
  }
}

const toolError = (call: ToolCall, message: string, tool?: ToolDescriptor): ToolOutcome => ({
  call,
  tool,
  modelText: `Tool error: ${message}`,
  summary: `${call.name}: ${message}`,
  status: 'error',
});

/**
 * Runs the tool calls of one model turn: each is checked (known tool, JSON object arguments, schema),
 * all go to the approval queue together, approved ones run, and every result is scanned. Failures
 * come back as tool errors for the model, never as exceptions.
 */
export async function runToolCalls(deps: ToolRunnerDeps, calls: ToolCall[], group: string, signal: AbortSignal, source = 'model'): Promise<ToolOutcome[]> {
  const byId = new Map(deps.provider.tools().map((t) => [t.id, t]));
  return Promise.all(
    calls.map(async (call): Promise<ToolOutcome> => {
      const tool = byId.get(call.name);
      if (!tool) return toolError(call, `there is no tool named "${call.name}". Available: ${[...byId.keys()].slice(0, 30).join(', ') || 'none'}`);
      const parsed = parseArgs(call.arguments);
      if (!parsed.ok) return toolError(call, parsed.error, tool);
      const problems = checkSchema(tool.parameters as SchemaNode, parsed.value);
      if (problems.length > 0) return toolError(call, `invalid arguments: ${problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ')}`, tool);
      const preview = await deps.provider.preview?.(tool, parsed.value).catch(() => undefined);
      const decision = await deps.approvals.request({ source, tool, args: parsed.value, preview, group, signal });
      if (!decision.allowed) {
        if (decision.cancelled) return { call, tool, modelText: 'Tool call cancelled by the user.', summary: `${tool.plugin} › ${tool.tool}: cancelled`, status: 'cancelled' };
        const reason = decision.reason ? ` Reason: ${decision.reason}` : '';
        return { call, tool, modelText: `The user denied this tool call.${reason}`, summary: `${tool.plugin} › ${tool.tool}: denied${reason}`, status: 'denied' };
      }
      const result = await deps.provider.run(tool, decision.grant, signal);
      logToolExecution(deps.toolLogFile, {
        source,
        plugin: tool.plugin,
        tool: tool.tool,
        decision: 'allowed',
        decidedBy: decision.decidedBy,
        args: decision.args,
        result: result.text,
        durationMs: result.durationMs,
        error: result.error,
      });
      if (signal.aborted) return { call, tool, modelText: 'Tool call cancelled by the user.', summary: `${tool.plugin} › ${tool.tool}: cancelled`, status: 'cancelled' };
      if (!result.ok) return toolError(call, result.error ?? 'the tool failed', tool);
      const note = result.truncated ? '\n[The result was truncated to the size limit.]' : '';
      const scan = scanText(result.text, { source: `tool-result:${tool.id}` });
      let text = result.text + note;
      if (scan.verdict === 'flagged') {
        const what = scan.findings.slice(0, 3).map((f) => `${f.category}: ${f.excerpt}`).join('; ');
        const choice = await deps.chooseForFlagged(tool, what);
        if (choice === 'drop') {
          return { call, tool, modelText: 'The tool result was withheld by the user (it looked like a prompt injection).', summary: `${tool.plugin} › ${tool.tool}: result dropped (flagged)`, status: 'done' };
        }
        if (choice === 'redacted') text = redactFindings(text, scan.findings.map((f) => f.span));
      }
      const size = `${result.text.length} chars${result.truncated ? ', truncated' : ''}`;
      return {
        call,
        tool,
        modelText: wrapUntrusted(text, `tool ${tool.id}`),
        summary: `${tool.plugin} › ${tool.tool}: done in ${Math.round(result.durationMs)} ms (${size})${scan.verdict !== 'clean' ? ` · ${scan.verdict}` : ''}`,
        status: 'done',
      };
    }),
  );
}

/** Replaces the flagged spans with a marker (spans from the scanner, in the original text). */
function redactFindings(text: string, spans: { start: number; end: number }[]): string {
  const merged: { start: number; end: number }[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  let out = text;
  for (const s of merged.reverse()) out = out.slice(0, s.start) + '[removed: flagged as possible injection]' + out.slice(s.end);
  return out;
}
