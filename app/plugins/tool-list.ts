/**
 * Checking the tool lists sources send (`tools/list` results). A plugin's list is strict: one bad
 * name fails the plugin, with the reason. An external MCP server's names are made id-safe instead,
 * since nobody here can fix them.
 */
import { nameProblem, sanitizeToolName } from './names.js';
import type { SourceTool } from './source.js';

const MAX_DESCRIPTION = 2000;
const MAX_SCHEMA_BYTES = 64 * 1024;
const MAX_TOOLS = 256;

type RawTool = {
  name?: unknown;
  description?: unknown;
  inputSchema?: unknown;
  annotations?: { readOnlyHint?: unknown; destructiveHint?: unknown };
  _meta?: Record<string, unknown>;
};

function schemaOf(raw: unknown): Record<string, unknown> | string {
  if (raw === undefined) return { type: 'object', properties: {} };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'its parameters must be a JSON schema object';
  if ((raw as { type?: unknown }).type !== 'object') return 'its parameters schema must have type "object"';
  if (JSON.stringify(raw).length > MAX_SCHEMA_BYTES) return 'its parameters schema is too large';
  return raw as Record<string, unknown>;
}

function describe(raw: RawTool, name: string, idName: string, parameters: Record<string, unknown>): SourceTool {
  const readOnly = raw.annotations?.readOnlyHint === true;
  const description = typeof raw.description === 'string' ? raw.description.slice(0, MAX_DESCRIPTION) : '';
  // Opting out of the approval prompt is honoured only for tools that declare themselves read-only.
  const optOut = raw._meta?.['pyra/requiresApproval'] === false && readOnly;
  return {
    name,
    idName,
    description,
    parameters,
    annotations: { readOnly, destructive: raw.annotations?.destructiveHint === true },
    requiresApproval: !optOut,
  };
}

function listOf(result: unknown): RawTool[] | string {
  const tools = (result as { tools?: unknown } | null)?.tools;
  if (!Array.isArray(tools)) return 'its tool list is malformed';
  if (tools.length > MAX_TOOLS) return `it offers more than ${MAX_TOOLS} tools`;
  return tools.filter((t): t is RawTool => typeof t === 'object' && t !== null);
}

/** A plugin runner's tools, or the reason the plugin must fail. */
export function pluginTools(result: unknown): SourceTool[] | string {
  const raw = listOf(result);
  if (typeof raw === 'string') return raw;
  const seen = new Set<string>();
  const tools: SourceTool[] = [];
  for (const tool of raw) {
    const problem = nameProblem(tool.name, 'tool');
    if (problem) return problem;
    const name = tool.name as string;
    if (seen.has(name)) return `tool ${name} is defined twice`;
    seen.add(name);
    const parameters = schemaOf(tool.inputSchema);
    if (typeof parameters === 'string') return `tool ${name}: ${parameters}`;
    tools.push(describe(tool, name, name, parameters));
  }
  return tools;
}

/** An MCP server's tools; unusable entries are skipped and reported in `skipped`. */
export function mcpTools(result: unknown): { tools: SourceTool[]; skipped: string[] } {
  const raw = listOf(result);
  if (typeof raw === 'string') return { tools: [], skipped: [raw] };
  const tools: SourceTool[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const tool of raw) {
    if (typeof tool.name !== 'string') continue;
    const idName = sanitizeToolName(tool.name);
    const parameters = schemaOf(tool.inputSchema ?? undefined);
    if (!idName || seen.has(idName) || typeof parameters === 'string') {
      skipped.push(tool.name.slice(0, 80));
      continue;
    }
    seen.add(idName);
    tools.push(describe(tool, tool.name, idName, parameters));
  }
  return { tools, skipped };
}
