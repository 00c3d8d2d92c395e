/**
 * What the host needs from one source of tools, whether a plugin runner or an external MCP server.
 */
import type { ToolAnnotations } from './types.js';

export interface SourceTool {
  /** As the source names it (used in calls). */
  name: string;
  /** The id-safe name (`<source>__<idName>` is the tool id); equal to `name` for plugins. */
  idName: string;
  description: string;
  parameters: Record<string, unknown>;
  annotations: ToolAnnotations;
  requiresApproval: boolean;
}

export interface SourceInfo {
  version?: string;
  description?: string;
  tools: SourceTool[];
  slashCommands: { name: string; description: string }[];
  promptAddition?: string;
  hasSetup: boolean;
}

export interface CallOutcome {
  ok: boolean;
  text: string;
  truncated: boolean;
  error?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs: number;
}

export interface ToolSourceConnection {
  /** Starts the source and lists what it offers; rejects with a SourceFailure. */
  start(): Promise<SourceInfo>;
  callTool(name: string, args: Record<string, unknown>, options: CallOptions): Promise<CallOutcome>;
  runSlashCommand(name: string, args: string, options: CallOptions): Promise<CallOutcome>;
  stop(): Promise<void>;
  /** Called once when a started source dies or is killed for misbehaving. */
  onFailure(listener: (reason: string) => void): void;
  /** Called when the source's tools or prompts changed after start (MCP list_changed). */
  onListChanged?(listener: (info: SourceInfo) => void): void;
}

/** A source could not start or died; the message is the one-line reason shown to the user. */
export class SourceFailure extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SourceFailure';
  }
}

/** By name rather than instanceof: the MCP side is imported lazily and may be a second module instance under test loaders. */
export function isSourceFailure(err: unknown): err is SourceFailure {
  return err instanceof Error && err.name === 'SourceFailure';
}

export const failedOutcome = (error: string): CallOutcome => ({ ok: false, text: '', truncated: false, error });

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
