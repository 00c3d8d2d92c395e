/**
 * One plugin in its own child process (see runner/launch.ts for the flags and runner/plugin-runner.mjs
 * for the child's side). Starts it under a load deadline, runs calls under a deadline with
 * cancellation, answers the child's requests for its own secrets (and prompts, during setup only),
 * and turns every way a child can misbehave into one failure reason: it is then killed and stays
 * dead until restarted.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { PluginSecrets } from '../vault/index.js';
import type { PluginErrorLog, StderrSink } from './error-log.js';
import { JsonRpcChannel, RpcError, RpcTimeoutError } from './json-rpc-channel.js';
import type { Manifest } from './manifest.js';
import { nameProblem } from './names.js';
import { PLUGIN_STDOUT_LIMITS, RateMeter, STDERR_MAX_BYTES_PER_SECOND } from './output-guard.js';
import { capText, contentText, oneLine } from './result-text.js';
import { launchFor } from './runner/launch.js';
import { runnerPath } from './repo-root.js';
import {
  SourceFailure,
  isSourceFailure,
  failedOutcome,
  formatDuration,
  type CallOptions,
  type CallOutcome,
  type SourceInfo,
  type ToolSourceConnection,
} from './source.js';
import { pluginTools } from './tool-list.js';

export interface PromptRequest {
  label: string;
  masked: boolean;
  default?: string;
}

/** Asks the person at the keyboard (a terminal prompt or a dashboard modal). */
export type Prompter = (request: PromptRequest) => Promise<string>;

export interface PluginProcessOptions {
  manifest: Manifest;
  /** The plugin folder's real path. */
  dir: string;
  grantedReads: readonly string[];
  loadTimeoutMs: number;
  resultCapBytes: number;
  errorLog: PluginErrorLog;
  /** The plugin's own namespace of the vault, opened when the child asks. */
  secrets: () => Promise<PluginSecrets>;
  /** How long a child whose call was cancelled has to show it is still responsive. */
  cancelGraceMs?: number;
  runner?: string;
}

const PROTOCOL_VERSION = '2025-06-18';
const KILL_WAIT_MS = 1000;
const MAX_HEAP_MB = 256;

type Payload = { content?: unknown; isError?: unknown; _meta?: Record<string, unknown> };
type InitializeResult = {
  instructions?: unknown;
  capabilities?: { experimental?: { pyra?: { setup?: unknown; slashCommands?: unknown } } };
};

function slashCommandsOf(raw: unknown): SourceInfo['slashCommands'] | string {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return 'its slash commands are malformed';
  const out: SourceInfo['slashCommands'] = [];
  for (const c of raw as { name?: unknown; description?: unknown }[]) {
    const problem = nameProblem(c?.name, 'slash command');
    if (problem) return problem;
    out.push({ name: c.name as string, description: String(c.description ?? '').slice(0, 300) });
  }
  return out;
}

export class PluginProcess implements ToolSourceConnection {
  private child?: ChildProcessWithoutNullStreams;
  private channel?: JsonRpcChannel;
  private failure: string | null = null;
  private stopping = false;
  private loading = true;
  private readonly running = new Map<number, string>();
  private loadFailed?: string;
  private crashed?: string;
  private prompter?: Prompter;
  private readonly failureListeners: ((reason: string) => void)[] = [];
  private closed?: Promise<void>;
  private readonly stderr: StderrSink;

  constructor(private readonly options: PluginProcessOptions) {
    this.stderr = options.errorLog.stderrSink(options.manifest.name);
  }

  get name(): string {
    return this.options.manifest.name;
  }

  onFailure(listener: (reason: string) => void): void {
    this.failureListeners.push(listener);
  }

  async start(): Promise<SourceInfo> {
    const { manifest, dir, grantedReads, loadTimeoutMs } = this.options;
    const launch = launchFor({
      runner: this.options.runner ?? runnerPath(),
      pluginDir: dir,
      entryPath: manifest.entryPath,
      pluginName: manifest.name,
      grantedReads,
      network: manifest.permissions.network,
      maxHeapMb: MAX_HEAP_MB,
    });
    const child = spawn(launch.command, launch.args, launch.options);
    this.child = child;
    this.closed = new Promise((resolve) => child.once('close', (code, signal) => resolve(this.onClose(code, signal))));
    const channel = new JsonRpcChannel((line) => child.stdin.write(line), PLUGIN_STDOUT_LIMITS, {
      onRequest: (method, params) => this.answerChild(method, params),
      onNotification: (method, params) => this.noteFromChild(method, params),
      onViolation: (reason) => this.fail(reason),
    });
    this.channel = channel;
    const stderrRate = new RateMeter(STDERR_MAX_BYTES_PER_SECOND);
    child.stdout.on('data', (chunk: Buffer) => channel.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (!stderrRate.add(chunk.length)) return this.fail(stderrRate.describe('error output'));
      this.stderr.write(chunk);
    });
    child.stdin.on('error', () => {}); // EPIPE after the child died; 'close' reports why
    child.on('error', (err) => this.fail(`could not start node: ${err.message}`));

    const deadline = Date.now() + loadTimeoutMs;
    try {
      const init = (await channel.request('initialize', {
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'pyra', version: '1' },
      }, loadTimeoutMs).result) as InitializeResult;
      const list = await channel.request('tools/list', {}, Math.max(1, deadline - Date.now())).result;
      channel.notify('notifications/initialized', {});
      const info = this.describe(init, list);
      if (typeof info === 'string') throw new SourceFailure(info);
      this.loading = false;
      return info;
    } catch (err) {
      if (err instanceof RpcTimeoutError) this.fail(`did not finish loading within ${formatDuration(loadTimeoutMs)}`);
      else this.fail(isSourceFailure(err) ? err.message : `failed to load: ${oneLine((err as Error).message)}`);
      throw new SourceFailure(this.failure ?? 'failed to load');
    }
  }

  private describe(init: InitializeResult, list: unknown): SourceInfo | string {
    const tools = pluginTools(list);
    if (typeof tools === 'string') return tools;
    const pyra = init?.capabilities?.experimental?.pyra;
    const slashCommands = slashCommandsOf(pyra?.slashCommands);
    if (typeof slashCommands === 'string') return slashCommands;
    const prompt = typeof init?.instructions === 'string' ? init.instructions.slice(0, 4000) : undefined;
    return {
      version: this.options.manifest.version,
      description: this.options.manifest.description,
      tools,
      slashCommands,
      ...(prompt ? { promptAddition: prompt } : {}),
      hasSetup: pyra?.setup === true,
    };
  }

  callTool(name: string, args: Record<string, unknown>, options: CallOptions): Promise<CallOutcome> {
    return this.invoke('tools/call', { name, arguments: args }, name, options);
  }

  runSlashCommand(name: string, args: string, options: CallOptions): Promise<CallOutcome> {
    return this.invoke('pyra/slash', { name, args }, `/${name}`, options);
  }

  /** Runs the plugin's setup; `prompter` answers its questions. A watchdog catches a child that hangs. */
  async setup(prompter: Prompter, timeoutMs: number): Promise<void> {
    const channel = this.channel;
    if (!channel || this.failure) throw new SourceFailure(this.failure ?? 'not started');
    this.prompter = prompter;
    const watchdog = setInterval(() => void this.checkResponsive('setup', 'was running'), 3000);
    try {
      await channel.request('pyra/setup', {}, timeoutMs).result;
    } catch (err) {
      if (err instanceof RpcTimeoutError) throw new SourceFailure(`setup did not finish within ${formatDuration(timeoutMs)}`);
      throw err instanceof RpcError ? new SourceFailure(oneLine(err.message)) : err;
    } finally {
      clearInterval(watchdog);
      this.prompter = undefined;
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return this.closed;
    this.stopping = true;
    this.channel?.close(new SourceFailure('the plugin was stopped'));
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end(); // the runner exits when its stdin ends
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_WAIT_MS);
    await this.closed;
    clearTimeout(timer);
  }

  private async invoke(method: string, params: unknown, label: string, { signal, timeoutMs }: CallOptions): Promise<CallOutcome> {
    const channel = this.channel;
    if (!channel || this.failure || this.loading) return failedOutcome(`${this.name} is not running${this.failure ? `: ${this.failure}` : ''}`);
    if (signal?.aborted) return failedOutcome('cancelled before it started');
    const { id, result } = channel.request<Payload>(method, params);
    this.running.set(id, label);
    let stopped: string | undefined;
    const stop = (why: string) => {
      stopped = why;
      channel.abandon(id, new Error(why));
    };
    const timer = setTimeout(() => stop(`timed out after ${formatDuration(timeoutMs)}`), timeoutMs);
    const onAbort = () => stop('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return this.outcome(await result);
    } catch (err) {
      if (stopped) {
        channel.notify('notifications/cancelled', { requestId: id, reason: stopped });
        void this.checkResponsive(label, stopped === 'cancelled' ? 'was cancelled' : stopped);
        return failedOutcome(stopped);
      }
      if (isSourceFailure(err)) return failedOutcome(`${this.name} stopped: ${err.message}`);
      return failedOutcome(oneLine((err as Error).message));
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      this.running.delete(id);
    }
  }

  private outcome(payload: Payload): CallOutcome {
    const meta = payload?._meta ?? {};
    const original = typeof meta['pyra/bytes'] === 'number' ? meta['pyra/bytes'] : undefined;
    const { text, truncated } = capText(contentText(payload?.content), this.options.resultCapBytes, original);
    if (payload?.isError !== true) return { ok: true, text, truncated };
    if (meta['pyra/errorCode'] === 'ERR_ACCESS_DENIED') {
      // A plugin reaching outside its sandbox is stopped, not just told no.
      queueMicrotask(() => this.fail(`tried to do something its permissions forbid (${String(meta['pyra/permission'] ?? 'access denied')})`));
    }
    return { ok: false, text, truncated, error: oneLine(text) || 'the tool failed' };
  }

  /** After a cancelled call: a child that cannot even answer a ping is stuck (a busy loop) and is killed. */
  private async checkResponsive(label: string, what: string): Promise<void> {
    const channel = this.channel;
    if (!channel || this.failure || this.stopping) return;
    try {
      await channel.request('ping', {}, this.options.cancelGraceMs ?? 1000).result;
    } catch (err) {
      if (err instanceof RpcTimeoutError) this.fail(`${label} ${what} and the plugin stopped responding`);
    }
  }

  private async answerChild(method: string, params: unknown): Promise<unknown> {
    const p = (params ?? {}) as { key?: unknown; value?: unknown; label?: unknown; masked?: unknown; default?: unknown };
    if (method === 'ping') return {};
    if (method === 'pyra/prompt') {
      if (!this.prompter) throw new RpcError('prompts are only available during setup', -32001);
      return this.prompter({ label: String(p.label ?? '').slice(0, 200), masked: p.masked === true, ...(typeof p.default === 'string' ? { default: p.default } : {}) });
    }
    if (!method.startsWith('pyra/secrets/')) throw new RpcError(`method not found: ${method}`, -32601);
    const secrets = await this.options.secrets().catch((err: Error) => {
      throw new RpcError(`the vault is not available: ${oneLine(err.message)}`, -32002);
    });
    const key = String(p.key ?? '');
    try {
      switch (method) {
        case 'pyra/secrets/get':
          return await secrets.get(key);
        case 'pyra/secrets/set':
          await secrets.set(key, String(p.value ?? ''));
          return true;
        case 'pyra/secrets/delete':
          return await secrets.delete(key);
        case 'pyra/secrets/list':
          return await secrets.list();
      }
    } catch (err) {
      this.options.errorLog.event(this.name, `secret request refused: ${oneLine((err as Error).message)}`);
      throw new RpcError(oneLine((err as Error).message), -32002);
    }
    throw new RpcError(`method not found: ${method}`, -32601);
  }

  private noteFromChild(method: string, params: unknown): void {
    const message = oneLine(String((params as { message?: unknown })?.message ?? ''), 400);
    if (method === 'pyra/loadFailed') this.loadFailed = message;
    else if (method === 'pyra/crashed') this.crashed = message;
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    this.stderr.flush();
    if (this.stopping || this.failure) return;
    if (this.loadFailed) return this.fail(`failed to load: ${this.loadFailed}`);
    if (this.crashed) return this.fail(`crashed: ${this.crashed}`);
    const when = this.loading ? ' while loading' : this.running.size > 0 ? ` during a call to ${[...this.running.values()].join(', ')}` : '';
    if (this.stderr.tail().some((line) => /heap out of memory|Reached heap limit/.test(line))) {
      return this.fail(`ran out of memory (${MAX_HEAP_MB} MB)${when}`);
    }
    const how = signal ? `was killed (${signal})` : `exited (code ${code})`;
    const last = this.stderr.lastLine();
    this.fail(`${how}${when}${last ? `: ${oneLine(last, 200)}` : ''}`);
  }

  private fail(reason: string): void {
    if (this.failure || this.stopping) return;
    this.failure = reason;
    this.options.errorLog.event(this.name, `failed: ${reason}`);
    this.channel?.close(new SourceFailure(reason));
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const listener of this.failureListeners) listener(reason);
  }
}
