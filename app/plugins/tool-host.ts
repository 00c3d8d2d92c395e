/**
 * The tool host: every enabled plugin (each in its own sandboxed child process) and every configured
 * MCP server, merged into one registry of tools. It runs a call only when handed a grant from the
 * approval queue for exactly that tool; it never decides anything itself. Nothing here throws at
 * the caller: failures are statuses (plugins()) or ToolResults.
 */
import { isIssuedGrant } from '../approvals/approval-grant.js';
import { homePaths } from '../config/home.js';
import type { PluginSecrets, Vault } from '../vault/index.js';
import { PluginErrorLog } from './error-log.js';
import { baseStatus, initialStatus, readSourceSpecs, refreshPluginSpec, type SourceSpec } from './host-sources.js';
import { readMcpConfig, updateMcpConfig } from './mcp-config.js';
import { toolId } from './names.js';
import { PluginProcess, type Prompter } from './plugin-process.js';
import { DEFAULT_LOAD_TIMEOUT_MS, runPluginSetup } from './standalone-plugin.js';
import { updatePluginEntry } from './plugin-state.js';
import { RESULT_CAP_BYTES, oneLine } from './result-text.js';
import { isSourceFailure, type CallOutcome, type SourceInfo, type ToolSourceConnection } from './source.js';
import type { ApprovalGrant, PluginStatus, ToolDescriptor, ToolHost, ToolResult } from './types.js';

export interface ToolHostOptions {
  /** The Pyra home (bootstrapped). */
  home: string;
  /** Opens the vault when a plugin first asks for a secret (default: openVault with the configured backend). */
  vault?: () => Promise<Vault>;
  /** Whether a grant really came from the approval queue (default: isIssuedGrant of app/approvals). */
  verifyGrant?: (grant: ApprovalGrant) => boolean;
  /** Start to tools listed, per plugin (default 5 s). */
  loadTimeoutMs?: number;
  /** Per call, unless the call says otherwise (default 60 s). */
  callTimeoutMs?: number;
  /** Connect and list, per MCP server (default 15 s: npx-started servers are slow). */
  mcpStartTimeoutMs?: number;
  /** Result text cap in bytes (default 64 KiB). */
  resultCapBytes?: number;
  /** How long a child whose call was cancelled has to answer a ping before it is killed (default 1 s). */
  cancelGraceMs?: number;
  /** Where MCP stdio servers get PATH and HOME from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Which sources to run (default both). */
  include?: { plugins?: boolean; mcp?: boolean };
}

export interface PyraToolHost extends ToolHost {
  /** Stops (if running) and starts a plugin or server again, re-reading its folder or config. */
  restart(name: string): Promise<void>;
  /** Records the choice (plugins/state.json or mcp.json) and starts or stops the source. */
  enable(name: string): Promise<void>;
  disable(name: string): Promise<void>;
  /** Runs a plugin's setup with `prompter` answering its questions. */
  setup(name: string, prompter: Prompter): Promise<void>;
  /** Runs a slash command of a loaded plugin (or an MCP prompt); typed by the user, so no grant. */
  runSlashCommand(source: string, command: string, args: string, options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<ToolResult>;
  tool(id: string): ToolDescriptor | undefined;
}

interface Entry {
  spec: SourceSpec;
  status: PluginStatus;
  connection?: ToolSourceConnection;
  /** tool id → the name the source knows the tool by */
  callNames: Map<string, string>;
  /** bumped on every (re)start, so callbacks of a replaced connection are ignored */
  generation: number;
}

const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const DEFAULT_MCP_START_TIMEOUT_MS = 15_000;
const MAX_ARGS_BYTES = 1024 * 1024;
const keyOf = (spec: SourceSpec) => `${spec.kind}:${spec.name}`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function defaultVault(home: string): Promise<Vault> {
  const { openVault, readConfiguredBackend } = await import('../vault/index.js');
  return openVault({ home, backend: readConfiguredBackend(home) });
}

class PluginToolHost implements PyraToolHost {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private toolIndex = new Map<string, { entry: Entry; descriptor: ToolDescriptor }>();
  private pluginList: PluginStatus[] = [];
  private toolList: ToolDescriptor[] = [];
  private starting?: Promise<void>;
  private vaultOpening?: Promise<Vault>;
  private readonly errorLog: PluginErrorLog;

  constructor(private readonly options: ToolHostOptions) {
    this.errorLog = new PluginErrorLog(homePaths(options.home).pluginErrorsLog);
  }

  start(): Promise<void> {
    return (this.starting ??= this.startAll());
  }

  async stop(): Promise<void> {
    const running = [...this.entries.values()];
    for (const entry of running) entry.generation++;
    await Promise.all(running.map((entry) => entry.connection?.stop().catch(() => {})));
  }

  plugins(): PluginStatus[] {
    return this.pluginList;
  }

  tools(): ToolDescriptor[] {
    return this.toolList;
  }

  tool(id: string): ToolDescriptor | undefined {
    return this.toolIndex.get(id)?.descriptor;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async call(grant: ApprovalGrant, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<ToolResult> {
    const started = Date.now();
    const done = (outcome: CallOutcome): ToolResult => ({ ...outcome, durationMs: Date.now() - started });
    const refuse = (error: string) => done({ ok: false, text: '', truncated: false, error });
    try {
      const verify = this.options.verifyGrant ?? isIssuedGrant;
      if (!grant || !verify(grant)) return refuse('refused: the call was not approved through the approval queue');
      const found = this.toolIndex.get(grant.toolId);
      if (!found) return refuse(`no loaded tool is named ${grant.toolId}`);
      const args = grant.args ?? {};
      if (!isPlainObject(args)) return refuse('the arguments must be a JSON object');
      const json = JSON.stringify(args);
      if (json.length > MAX_ARGS_BYTES) return refuse('the arguments are too large');
      const { entry } = found;
      const connection = entry.connection;
      if (!connection || entry.status.state !== 'loaded') return refuse(`${entry.spec.name} is not running`);
      const callName = entry.callNames.get(grant.toolId)!;
      const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
      return done(await connection.callTool(callName, JSON.parse(json) as Record<string, unknown>, { signal: options.signal, timeoutMs }));
    } catch (err) {
      return refuse(oneLine((err as Error)?.message ?? String(err)));
    }
  }

  async runSlashCommand(source: string, command: string, args: string, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<ToolResult> {
    const started = Date.now();
    const entry = [...this.entries.values()].find((e) => e.spec.name === source && e.status.state === 'loaded');
    if (!entry?.connection || !entry.status.slashCommands.some((c) => c.name === command)) {
      return { ok: false, text: '', truncated: false, error: `no loaded plugin ${source} offers /${command}`, durationMs: 0 };
    }
    const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const outcome = await entry.connection.runSlashCommand(command, args, { signal: options.signal, timeoutMs });
    return { ...outcome, durationMs: Date.now() - started };
  }

  async restart(name: string): Promise<void> {
    const entry = this.find(name);
    if (!entry) throw new Error(`no plugin or MCP server named ${name}`);
    await this.replace(entry, this.freshSpec(entry.spec) ?? entry.spec);
  }

  async enable(name: string): Promise<void> {
    await this.setEnabled(name, true);
  }

  async disable(name: string): Promise<void> {
    await this.setEnabled(name, false);
  }

  async setup(name: string, prompter: Prompter): Promise<void> {
    await runPluginSetup({ home: this.options.home, name, prompter, secrets: this.secretsFor(name), loadTimeoutMs: this.options.loadTimeoutMs });
  }

  // ---- lifecycle ----

  private async startAll(): Promise<void> {
    let specs: SourceSpec[] = [];
    try {
      specs = readSourceSpecs(this.options.home, this.errorLog, {
        plugins: this.options.include?.plugins !== false,
        mcp: this.options.include?.mcp !== false,
      });
    } catch (err) {
      this.errorLog.event('pyra', `could not read the plugins: ${(err as Error).message}`);
    }
    for (const spec of specs) this.entries.set(keyOf(spec), { spec, status: initialStatus(spec), callNames: new Map(), generation: 0 });
    this.changed();
    await Promise.all([...this.entries.values()].filter((e) => e.status.state === 'starting').map((e) => this.launch(e)));
  }

  private async launch(entry: Entry): Promise<void> {
    const generation = ++entry.generation;
    const current = () => entry.generation === generation;
    let connection: ToolSourceConnection;
    try {
      connection = await this.connect(entry.spec);
    } catch (err) {
      return this.setFailed(entry, oneLine((err as Error).message));
    }
    entry.connection = connection;
    connection.onFailure((reason) => current() && this.setFailed(entry, reason));
    connection.onListChanged?.((info) => current() && this.setLoaded(entry, info));
    try {
      const info = await connection.start();
      if (current()) this.setLoaded(entry, info);
      else await connection.stop();
    } catch (err) {
      if (current()) this.setFailed(entry, isSourceFailure(err) ? err.message : oneLine(String(err)));
    }
  }

  private async connect(spec: SourceSpec): Promise<ToolSourceConnection> {
    const resultCapBytes = this.options.resultCapBytes ?? RESULT_CAP_BYTES;
    if (spec.kind === 'plugin') {
      return new PluginProcess({
        manifest: spec.plugin.manifest!,
        dir: spec.plugin.dir,
        grantedReads: spec.grantedReads,
        loadTimeoutMs: this.options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
        resultCapBytes,
        errorLog: this.errorLog,
        secrets: this.secretsFor(spec.name),
        cancelGraceMs: this.options.cancelGraceMs,
      });
    }
    const { McpConnection } = await import('./mcp-connection.js');
    return new McpConnection({
      name: spec.name,
      config: spec.config!,
      startTimeoutMs: this.options.mcpStartTimeoutMs ?? DEFAULT_MCP_START_TIMEOUT_MS,
      resultCapBytes,
      errorLog: this.errorLog,
      secrets: this.secretsFor(spec.name),
      ...(this.options.env ? { env: this.options.env } : {}),
    });
  }

  private async replace(entry: Entry, spec: SourceSpec): Promise<void> {
    entry.generation++;
    const old = entry.connection;
    entry.connection = undefined;
    await old?.stop().catch(() => {});
    entry.spec = spec;
    entry.status = initialStatus(spec);
    entry.callNames = new Map();
    this.changed();
    if (entry.status.state === 'starting') await this.launch(entry);
  }

  private async setEnabled(name: string, enabled: boolean): Promise<void> {
    const entry = this.find(name);
    if (!entry) throw new Error(`no plugin or MCP server named ${name}`);
    if (entry.spec.kind === 'plugin') {
      updatePluginEntry(this.options.home, name, (e) => (e.enabled = enabled));
    } else {
      updateMcpConfig(this.options.home, (servers) => {
        const server = servers[name];
        if (isPlainObject(server)) server.enabled = enabled;
      });
    }
    await this.replace(entry, this.freshSpec(entry.spec) ?? entry.spec);
  }

  private freshSpec(spec: SourceSpec): SourceSpec | null {
    if (spec.kind === 'plugin') return refreshPluginSpec(this.options.home, spec.name, this.errorLog);
    const config = readMcpConfig(this.options.home);
    const server = config.servers[spec.name];
    return server ? { kind: 'mcp', name: spec.name, config: server } : { kind: 'mcp', name: spec.name, problem: config.invalid[spec.name] ?? 'no longer in mcp.json' };
  }

  private find(name: string): Entry | undefined {
    return this.entries.get(`plugin:${name}`) ?? this.entries.get(`mcp:${name}`);
  }

  // ---- state ----

  private setLoaded(entry: Entry, info: SourceInfo): void {
    const callNames = new Map<string, string>();
    const tools: ToolDescriptor[] = [];
    for (const tool of info.tools) {
      const id = toolId(entry.spec.name, tool.idName);
      const owner = this.toolIndex.get(id)?.entry;
      if (owner && owner !== entry) {
        void entry.connection?.stop();
        return this.setFailed(entry, `its tool id ${id} is already used by ${owner.spec.name}`);
      }
      callNames.set(id, tool.name);
      tools.push({
        id,
        plugin: entry.spec.name,
        tool: tool.name,
        description: tool.description,
        parameters: tool.parameters,
        annotations: tool.annotations,
        requiresApproval: tool.requiresApproval,
        source: entry.spec.kind,
      });
    }
    entry.callNames = callNames;
    entry.status = {
      ...baseStatus(entry.spec),
      ...(info.version ? { version: info.version } : {}),
      ...(info.description ? { description: info.description } : {}),
      state: 'loaded',
      tools,
      slashCommands: info.slashCommands,
      ...(info.promptAddition ? { promptAddition: info.promptAddition } : {}),
      ...(info.hasSetup ? { hasSetup: true } : {}),
    };
    this.changed();
  }

  private setFailed(entry: Entry, reason: string): void {
    entry.callNames = new Map();
    entry.status = { ...baseStatus(entry.spec), state: 'failed', reason: oneLine(reason, 400) };
    this.changed();
  }

  private changed(): void {
    const index = new Map<string, { entry: Entry; descriptor: ToolDescriptor }>();
    for (const entry of this.entries.values()) {
      if (entry.status.state !== 'loaded') continue;
      for (const descriptor of entry.status.tools) index.set(descriptor.id, { entry, descriptor });
    }
    this.toolIndex = index;
    this.pluginList = [...this.entries.values()].map((e) => e.status);
    this.toolList = [...index.values()].map((v) => v.descriptor);
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A listener's bug must not stop the host or the other listeners.
      }
    }
  }

  // ---- secrets ----

  /** The plugin's own vault namespace; the vault is opened on first use (and again after a failure). */
  private secretsFor(name: string): () => Promise<PluginSecrets> {
    return async () => {
      const open = this.options.vault ?? (() => defaultVault(this.options.home));
      this.vaultOpening ??= open();
      try {
        return (await this.vaultOpening).forPlugin(name);
      } catch (err) {
        this.vaultOpening = undefined;
        throw err;
      }
    };
  }
}

export function createToolHost(options: ToolHostOptions): PyraToolHost {
  return new PluginToolHost(options);
}
