import type { ApprovalGrant, ToolDescriptor, ToolHost, ToolResult } from '../plugins/types.js';
import type { ToolProvider } from './tool-runner.js';

/** Several tool providers as one (built-in tools first, then the plugin host's). */
export function combineToolProviders(...providers: (ToolProvider | null | undefined)[]): ToolProvider {
  const live = () => providers.filter((p): p is ToolProvider => Boolean(p));
  const owner = (tool: ToolDescriptor) => live().find((p) => p.tools().some((t) => t.id === tool.id));
  return {
    tools: () => live().flatMap((p) => p.tools()),
    async preview(tool, args) {
      return owner(tool)?.preview?.(tool, args);
    },
    async run(tool: ToolDescriptor, grant: ApprovalGrant, signal: AbortSignal): Promise<ToolResult> {
      const p = owner(tool);
      if (!p) return { ok: false, text: '', truncated: false, error: `the tool ${tool.id} is no longer available`, durationMs: 0 };
      return p.run(tool, grant, signal);
    },
  };
}

/** The plugin host as a tool provider: only loaded plugins' tools are offered. */
export function hostToolProvider(host: ToolHost): ToolProvider {
  return {
    tools: () => host.tools(),
    run: (_tool, grant, signal) => host.call(grant, { signal }),
  };
}
