/**
 * The MCP SDK transport for an external stdio server, written here instead of the SDK's
 * StdioClientTransport because that one always merges part of Pyra's environment (LOGNAME, SHELL,
 * TERM, USER) into the child's, has no line cap or flood guard, and inherits stderr. Here the child
 * gets exactly PATH, HOME and what the user configured; stdout passes the output guards; stderr goes
 * to plugin_errors.log.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { PluginErrorLog, StderrSink } from './error-log.js';
import { LineSplitter, MCP_STDOUT_LIMITS, RateMeter, STDERR_MAX_BYTES_PER_SECOND, type OutputLimits } from './output-guard.js';

export interface StdioLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

/** PATH and HOME from `source` (Pyra's environment), nothing else. */
export function minimalEnvironment(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME']) {
    const value = source[key];
    if (value !== undefined && !value.startsWith('()')) env[key] = value;
  }
  return env;
}

const STOP_WAIT_MS = 1000;

export class GuardedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  /** Why the child stopped, once it has (exit code or signal, or the guard it broke). */
  exitReason?: string;
  private child?: ChildProcessWithoutNullStreams;
  private closing = false;
  private strayLines = 0;
  private readonly stderr: StderrSink;

  constructor(
    private readonly launch: StdioLaunch,
    private readonly name: string,
    private readonly errorLog: PluginErrorLog,
    private readonly limits: OutputLimits = MCP_STDOUT_LIMITS,
  ) {
    this.stderr = errorLog.stderrSink(name);
  }

  lastStderrLine(): string | undefined {
    return this.stderr.lastLine();
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.launch.command, this.launch.args, {
        env: this.launch.env,
        cwd: this.launch.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
      });
      this.child = child;
      const lines = new LineSplitter(this.limits, (line) => this.receive(line), (reason) => this.violate(reason));
      const stderrRate = new RateMeter(STDERR_MAX_BYTES_PER_SECOND);
      child.stdout.on('data', (chunk: Buffer) => lines.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => {
        if (!stderrRate.add(chunk.length)) return this.violate(stderrRate.describe('error output'));
        this.stderr.write(chunk);
      });
      child.stdin.on('error', (err) => this.onerror?.(err));
      child.once('spawn', () => resolve());
      child.once('error', (err) => {
        this.exitReason ??= `could not start ${this.launch.command}: ${err.message}`;
        reject(err);
      });
      child.once('close', (code, signal) => {
        this.stderr.flush();
        this.exitReason ??= signal ? `was killed (${signal})` : `exited (code ${code})`;
        this.child = undefined;
        this.onclose?.();
      });
    });
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || stdin.destroyed) throw new Error('Not connected');
    if (!stdin.write(JSON.stringify(message) + '\n')) await new Promise((resolve) => stdin.once('drain', resolve));
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || this.closing) return;
    this.closing = true;
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.stdin.end();
    const wait = (ms: number) => Promise.race([closed, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
    await wait(STOP_WAIT_MS);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await wait(STOP_WAIT_MS);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }

  private receive(line: string): void {
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = JSONRPCMessageSchema.parse(JSON.parse(line));
    } catch {
      // Many servers print a banner or log line on stdout by mistake; the first few are logged, none is fatal.
      if (++this.strayLines <= 20) this.errorLog.event(this.name, `stdout (not JSON-RPC): ${line.slice(0, 300)}`);
      return;
    }
    this.onmessage?.(message);
  }

  private violate(reason: string): void {
    this.exitReason = reason;
    this.errorLog.event(this.name, `stopped: ${reason}`);
    this.child?.kill('SIGKILL');
  }
}
