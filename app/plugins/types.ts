/**
 * The contract between the plugin host (plugins and MCP servers, out of process) and the rest of
 * Pyra (the approval queue, the tool-use loop, the sidebar). The host executes; it never decides:
 * every call it runs carries a grant from the approval queue.
 */

export interface ToolAnnotations {
  readOnly?: boolean;
  destructive?: boolean;
}

export type ToolSource = 'plugin' | 'mcp' | 'builtin';

export interface ToolDescriptor {
  /** `<plugin>__<tool>`: the name sent to models */
  id: string;
  /** plugin or MCP server name */
  plugin: string;
  tool: string;
  description: string;
  /** JSON schema of the arguments object */
  parameters: Record<string, unknown>;
  annotations: ToolAnnotations;
  /** default true; false only for read-only tools a plugin marks so (policy may still ask) */
  requiresApproval: boolean;
  source: ToolSource;
}

export type PluginState = 'starting' | 'loaded' | 'failed' | 'disabled';

export interface PluginStatus {
  name: string;
  kind: 'plugin' | 'mcp';
  version?: string;
  description?: string;
  state: PluginState;
  /** one line: why it failed or is disabled */
  reason?: string;
  tools: ToolDescriptor[];
  /** slash commands the plugin offers in the chat input */
  slashCommands: { name: string; description: string }[];
  /** a loaded plugin with a setup step (`s` in the sidebar, `pyra plugin setup NAME`) */
  hasSetup?: boolean;
  /** the plugin's system-prompt addition (MCP: the server's instructions) */
  promptAddition?: string;
}

export interface ToolResult {
  ok: boolean;
  /** what the tool returned, as text, capped (see truncated) */
  text: string;
  /** the result was longer than the cap and was cut */
  truncated: boolean;
  /** one-line error when ok is false */
  error?: string;
  durationMs: number;
}

/**
 * Proof that the approval queue allowed this call. Created only by app/plugins/approval-grant.ts;
 * the host refuses a call without one.
 */
export interface ApprovalGrant {
  readonly requestId: string;
  readonly toolId: string;
  /** the exact arguments that were approved (after any edit) */
  readonly args: unknown;
  readonly decidedBy: 'user' | 'rule' | 'session';
}

export interface ToolHost {
  /** starts enabled plugins and configured MCP servers (after the first frame); never throws */
  start(): Promise<void>;
  stop(): Promise<void>;
  plugins(): PluginStatus[];
  tools(): ToolDescriptor[];
  /** runs an approved call; never throws: failures are ToolResult { ok: false } */
  call(grant: ApprovalGrant, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<ToolResult>;
  /** called whenever plugins() / tools() change (loaded, failed, reloaded) */
  onChange(listener: () => void): () => void;
}
