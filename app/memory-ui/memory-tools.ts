import { isIssuedGrant } from '../approvals/approval-grant.js';
import type { ToolProvider } from '../chat/tool-runner.js';
import type { MemoryStore } from '../memory/memory-store.js';
import type { ApprovalGrant, ToolDescriptor, ToolResult } from '../plugins/types.js';
import { lineDiff } from './line-diff.js';

const RESULT_CAP = 64 * 1024;

const nameParam = { name: { type: 'string', description: 'Note name relative to the memory folder, e.g. "user/profile.md"', maxLength: 512 } };

function builtin(tool: string, description: string, parameters: Record<string, unknown>, annotations: ToolDescriptor['annotations']): ToolDescriptor {
  return { id: tool, plugin: 'memory', tool, description, parameters, annotations, requiresApproval: true, source: 'builtin' };
}

export const MEMORY_TOOLS: readonly ToolDescriptor[] = [
  builtin('memory_search', "Search the user's markdown memory. Returns matching notes with the line and a snippet.", { type: 'object', additionalProperties: false, required: ['query'], properties: { query: { type: 'string', minLength: 1, maxLength: 500 }, limit: { type: 'integer', minimum: 1, maximum: 50 } } }, { readOnly: true }),
  builtin('memory_read', 'Read one memory note.', { type: 'object', additionalProperties: false, required: ['name'], properties: nameParam }, { readOnly: true }),
  builtin('memory_write', 'Create or replace a memory note with new content. The user sees a diff before approving.', { type: 'object', additionalProperties: false, required: ['name', 'content'], properties: { ...nameParam, content: { type: 'string', maxLength: 1000000 } } }, { destructive: true }),
  builtin('memory_append', 'Append text to the end of a memory note (created when missing).', { type: 'object', additionalProperties: false, required: ['name', 'content'], properties: { ...nameParam, content: { type: 'string', maxLength: 1000000 } } }, {}),
];

const cap = (text: string): { text: string; truncated: boolean } => (text.length > RESULT_CAP ? { text: text.slice(0, RESULT_CAP), truncated: true } : { text, truncated: false });

/** The built-in memory tools, run in process (through the approval queue like every tool). */
export function memoryToolProvider(memory: MemoryStore): ToolProvider {
  return {
    tools: () => [...MEMORY_TOOLS],
    async preview(tool, args) {
      const a = args as { name?: string; content?: string };
      if (tool.tool !== 'memory_write' && tool.tool !== 'memory_append') return undefined;
      const current = await memory.read(a.name ?? '').then((d) => d.text ?? '', () => '');
      const next = tool.tool === 'memory_write' ? (a.content ?? '') : current + (current && !current.endsWith('\n') ? '\n' : '') + (a.content ?? '');
      return `${a.name}${current === '' ? ' (new note)' : ''}\n${lineDiff(current, next)}`;
    },
    async run(tool: ToolDescriptor, grant: ApprovalGrant): Promise<ToolResult> {
      const started = performance.now();
      const done = (text: string, ok = true, error?: string): ToolResult => ({ ok, ...cap(text), ...(error ? { error } : {}), durationMs: performance.now() - started });
      if (!isIssuedGrant(grant) || grant.toolId !== tool.id) return done('', false, 'refused: this call was not approved');
      const a = grant.args as { name?: string; content?: string; query?: string; limit?: number };
      try {
        switch (tool.tool) {
          case 'memory_search': {
            const hits = memory.search(a.query ?? '').slice(0, a.limit ?? 10);
            return done(hits.length ? hits.map((h) => `${h.name}:${h.line}: ${h.snippet}`).join('\n') : 'No notes match.');
          }
          case 'memory_read': {
            const doc = await memory.read(a.name ?? '');
            return done(doc.text ?? `${doc.name} is not text (${doc.kind.reasonText ?? 'binary'}).`);
          }
          case 'memory_write': {
            const stat = await memory.write(a.name ?? '', a.content ?? '');
            return done(`Saved ${stat.name} (${stat.size} bytes).`);
          }
          case 'memory_append': {
            const stat = await memory.append(a.name ?? '', a.content ?? '');
            return done(`Appended to ${stat.name} (now ${stat.size} bytes).`);
          }
          default:
            return done('', false, `unknown memory tool ${tool.tool}`);
        }
      } catch (err) {
        return done('', false, (err as Error).message);
      }
    },
  };
}
