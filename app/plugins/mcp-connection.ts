/**
 * One external MCP server (stdio command or streamable HTTP URL) through the MCP SDK's Client. Its
 * tools join the registry, its prompts become slash commands and its instructions the prompt
 * addition. Loaded lazily by the host: the SDK costs ~110 ms of imports.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import type { PluginSecrets } from '../vault/index.js';
import { pyraVersion } from '../version.js';
import type { PluginErrorLog } from './error-log.js';
import { TOKEN_KEY, type HttpServerConfig, type McpServerConfig, type StdioServerConfig } from './mcp-config.js';
import { GuardedStdioTransport, minimalEnvironment } from './mcp-stdio-transport.js';
import { capText, contentText, oneLine } from './result-text.js';
import {
  SourceFailure,
  isSourceFailure,
  failedOutcome,
  formatDuration,
  type CallOptions,
  type CallOutcome,
  type SourceInfo,
  type SourceTool,
  type ToolSourceConnection,
} from './source.js';
import { sanitizeToolName } from './names.js';
import { mcpTools } from './tool-list.js';

export interface McpConnectionOptions {
  name: string;
  config: McpServerConfig;
  startTimeoutMs: number;
  resultCapBytes: number;
  errorLog: PluginErrorLog;
  /** The server's namespace of the vault (its token), opened when needed. */
  secrets: () => Promise<PluginSecrets>;
  /** Where PATH and HOME come from (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

const MAX_PAGES = 20;
type ToolPayload = { content?: unknown; structuredContent?: unknown; isError?: unknown };
type PromptPayload = { messages?: { content?: unknown }[] };

function tokenMissing(name: string): SourceFailure {
  return new SourceFailure(`needs a token: store it with "pyra vault set plugin:${name}:${TOKEN_KEY}"`);
}

export class McpConnection implements ToolSourceConnection {
  private client?: Client;
  private stdio?: GuardedStdioTransport;
  private stopping = false;
  private failed = false;
  private readonly failureListeners: ((reason: string) => void)[] = [];
  private readonly changeListeners: ((info: SourceInfo) => void)[] = [];
  /** Slash command name → the prompt it runs and the argument that receives the command's text. */
  private prompts = new Map<string, { prompt: string; arg?: string }>();

  constructor(private readonly options: McpConnectionOptions) {}

  onFailure(listener: (reason: string) => void): void {
    this.failureListeners.push(listener);
  }

  onListChanged(listener: (info: SourceInfo) => void): void {
    this.changeListeners.push(listener);
  }

  async start(): Promise<SourceInfo> {
    const { name, config, startTimeoutMs } = this.options;
    const transport = config.transport === 'stdio' ? await this.stdioTransport(config) : this.httpTransport(config);
    const client = new Client({ name: 'pyra', version: pyraVersion() }, { capabilities: {} });
    this.client = client;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SourceFailure(`did not finish starting within ${formatDuration(startTimeoutMs)}`)), startTimeoutMs);
      });
      await Promise.race([client.connect(transport, { timeout: startTimeoutMs }), timeout]);
      const info = await Promise.race([this.list(), timeout]);
      client.onclose = () => this.lost();
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => this.relist());
      return info;
    } catch (err) {
      const reason = isSourceFailure(err) ? err.message : this.describeFailure(err);
      this.options.errorLog.event(name, `failed: ${reason}`);
      this.failed = true;
      await client.close().catch(() => {});
      throw new SourceFailure(reason);
    } finally {
      clearTimeout(timer);
    }
  }

  callTool(name: string, args: Record<string, unknown>, { signal, timeoutMs }: CallOptions): Promise<CallOutcome> {
    return this.request(async (client) => {
      const result = (await client.callTool({ name, arguments: args }, undefined, { signal, timeout: timeoutMs })) as ToolPayload;
      let text = contentText(result.content);
      if (text === '' && result.structuredContent !== undefined) text = JSON.stringify(result.structuredContent, null, 2);
      const capped = capText(text, this.options.resultCapBytes);
      return result.isError === true ? { ok: false, ...capped, error: oneLine(text) || 'the tool failed' } : { ok: true, ...capped };
    }, timeoutMs, signal);
  }

  runSlashCommand(name: string, args: string, { signal, timeoutMs }: CallOptions): Promise<CallOutcome> {
    return this.request(async (client) => {
      const target = this.prompts.get(name);
      if (!target) return failedOutcome(`no prompt named ${name}`);
      const promptArgs = target.arg && args.trim() !== '' ? { [target.arg]: args.trim() } : {};
      const result = (await client.getPrompt({ name: target.prompt, arguments: promptArgs }, { signal, timeout: timeoutMs })) as PromptPayload;
      const text = (result.messages ?? []).map((m) => contentText([m.content])).join('\n\n');
      return { ok: true, ...capText(text, this.options.resultCapBytes) };
    }, timeoutMs, signal);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.client?.close().catch(() => {});
  }

  private async request(run: (client: Client) => Promise<CallOutcome>, timeoutMs: number, signal?: AbortSignal): Promise<CallOutcome> {
    const client = this.client;
    if (!client || this.failed) return failedOutcome(`${this.options.name} is not running`);
    if (signal?.aborted) return failedOutcome('cancelled before it started');
    try {
      return await run(client);
    } catch (err) {
      // The SDK reports an abort as a RequestTimeout McpError too: look at the signal first.
      if (signal?.aborted) return failedOutcome('cancelled');
      if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) return failedOutcome(`timed out after ${formatDuration(timeoutMs)}`);
      return failedOutcome(oneLine((err as Error).message ?? String(err)));
    }
  }

  private async list(): Promise<SourceInfo> {
    const client = this.client!;
    const capabilities = client.getServerCapabilities() ?? {};
    const rawTools: unknown[] = [];
    if (capabilities.tools) {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await client.listTools(cursor ? { cursor } : undefined);
        rawTools.push(...result.tools);
        cursor = result.nextCursor;
        if (!cursor) break;
      }
    }
    const { tools, skipped } = mcpTools({ tools: rawTools });
    if (skipped.length > 0) this.options.errorLog.event(this.options.name, `skipped tools with unusable names or schemas: ${skipped.join(', ')}`);
    const slashCommands: SourceInfo['slashCommands'] = [];
    this.prompts = new Map();
    if (capabilities.prompts) {
      const { prompts } = await client.listPrompts();
      for (const prompt of prompts) {
        const slash = sanitizeToolName(prompt.name);
        if (!slash || this.prompts.has(slash)) continue;
        slashCommands.push({ name: slash, description: (prompt.description ?? '').slice(0, 300) });
        const arg = prompt.arguments?.find((a) => a.required)?.name ?? prompt.arguments?.[0]?.name;
        this.prompts.set(slash, { prompt: prompt.name, ...(arg ? { arg } : {}) });
      }
    }
    const instructions = client.getInstructions();
    const version = client.getServerVersion();
    return {
      ...(version?.version ? { version: version.version } : {}),
      description: this.options.config.transport === 'stdio' ? `MCP server (${this.options.config.command})` : `MCP server (${this.options.config.url})`,
      tools: tools as SourceTool[],
      slashCommands,
      ...(instructions ? { promptAddition: instructions.slice(0, 4000) } : {}),
      hasSetup: false,
    };
  }

  private async relist(): Promise<void> {
    try {
      const info = await this.list();
      for (const listener of this.changeListeners) listener(info);
    } catch (err) {
      this.options.errorLog.event(this.options.name, `could not refresh the tool list: ${oneLine((err as Error).message)}`);
    }
  }

  private lost(): void {
    if (this.stopping || this.failed) return;
    this.failed = true;
    const last = this.stdio?.lastStderrLine();
    const reason = `${this.stdio?.exitReason ?? 'the connection closed'}${last ? `: ${oneLine(last, 200)}` : ''}`;
    this.options.errorLog.event(this.options.name, `failed: ${reason}`);
    for (const listener of this.failureListeners) listener(reason);
  }

  private describeFailure(err: unknown): string {
    const base = this.stdio?.exitReason ?? oneLine((err as Error)?.message ?? String(err));
    const last = this.stdio?.lastStderrLine();
    return `could not connect: ${base}${last && !base.includes(last) ? ` (${oneLine(last, 200)})` : ''}`;
  }

  private async stdioTransport(config: StdioServerConfig): Promise<Transport> {
    const env = { ...minimalEnvironment(this.options.env), ...config.env };
    if (config.tokenEnv) {
      const token = await (await this.options.secrets()).get(TOKEN_KEY);
      if (!token) throw tokenMissing(this.options.name);
      env[config.tokenEnv] = token;
    }
    this.stdio = new GuardedStdioTransport(
      { command: config.command, args: config.args, env, ...(config.cwd ? { cwd: config.cwd } : {}) },
      this.options.name,
      this.options.errorLog,
    );
    return this.stdio;
  }

  /** The token is read from the vault for each request, never kept on the transport. */
  private httpTransport(config: HttpServerConfig): Transport {
    const { tokenHeader } = config;
    const secrets = this.options.secrets;
    const name = this.options.name;
    const fetchWithToken = async (url: string | URL, init?: RequestInit): Promise<Response> => {
      const headers = new Headers(init?.headers);
      for (const [key, value] of Object.entries(config.headers)) if (!headers.has(key)) headers.set(key, value);
      if (tokenHeader) {
        const token = await (await secrets()).get(TOKEN_KEY);
        if (!token) throw tokenMissing(name);
        headers.set(tokenHeader.name, tokenHeader.scheme ? `${tokenHeader.scheme} ${token}` : token);
      }
      return fetch(url, { ...init, headers });
    };
    return new StreamableHTTPClientTransport(new URL(config.url), { fetch: fetchWithToken });
  }
}
