/**
 * The host's end of a plugin runner's stdio: JSON-RPC 2.0, one message per line, requests both ways.
 * Our own small client rather than the MCP SDK's: the runner's channel carries Pyra's extensions
 * (the child asks the host for its secrets and for prompts), every byte must pass the output guards,
 * a silent child must be detected (timeouts, ping), and plugins start without loading the SDK
 * (~110 ms of imports) when no MCP server is configured. The wire format is plain MCP.
 */
import { LineSplitter, type OutputLimits } from './output-guard.js';

export class RpcError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

export class RpcTimeoutError extends Error {
  constructor(readonly method: string, readonly timeoutMs: number) {
    super(`${method} got no answer within ${timeoutMs} ms`);
    this.name = 'RpcTimeoutError';
  }
}

export interface ChannelHandlers {
  /** A request from the child; resolve with the result or throw (an RpcError keeps its code). */
  onRequest(method: string, params: unknown): Promise<unknown>;
  onNotification(method: string, params: unknown): void;
  /** The child broke the protocol or the output limits; the caller kills it. Called once. */
  onViolation(reason: string): void;
}

interface Pending {
  method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

type Message = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } };

/** At most this many requests from the child may wait on the host at once (secrets, prompts). */
const MAX_CHILD_REQUESTS = 16;

export class JsonRpcChannel {
  private readonly pending = new Map<number, Pending>();
  private readonly splitter: LineSplitter;
  private nextId = 0;
  private childRequests = 0;
  private closed: Error | null = null;
  private violated = false;

  constructor(
    private readonly write: (line: string) => void,
    limits: OutputLimits,
    private readonly handlers: ChannelHandlers,
  ) {
    this.splitter = new LineSplitter(limits, (line) => this.receive(line), (reason) => this.violate(reason));
  }

  /** Feed the child's stdout here. */
  push(chunk: Buffer): void {
    this.splitter.push(chunk);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs?: number): { id: number; result: Promise<T> } {
    const id = ++this.nextId;
    const result = new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(this.closed);
      const entry: Pending = { method, resolve: resolve as (v: unknown) => void, reject };
      if (timeoutMs !== undefined) {
        entry.timer = setTimeout(() => this.settle(id, new RpcTimeoutError(method, timeoutMs)), timeoutMs);
      }
      this.pending.set(id, entry);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
    return { id, result };
  }

  notify(method: string, params: unknown): void {
    if (!this.closed) this.send({ jsonrpc: '2.0', method, params });
  }

  /** Stops waiting for `id`: its promise rejects with `error` (a late answer is then ignored). */
  abandon(id: number, error: Error): void {
    this.settle(id, error);
  }

  /** Rejects everything in flight; later requests reject at once. */
  close(error: Error): void {
    if (this.closed) return;
    this.closed = error;
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }

  get inFlight(): number {
    return this.pending.size;
  }

  private send(message: unknown): void {
    try {
      this.write(JSON.stringify(message) + '\n');
    } catch {
      // The child's stdin is gone; its exit is reported separately.
    }
  }

  private settle(id: number, error: Error | null, value?: unknown): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    if (error) entry.reject(error);
    else entry.resolve(value);
  }

  private violate(reason: string): void {
    if (this.closed || this.violated) return;
    this.violated = true;
    this.handlers.onViolation(reason);
  }

  private receive(line: string): void {
    if (line.trim() === '' || this.closed || this.violated) return;
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      return this.violate('wrote something other than JSON-RPC on stdout');
    }
    if (typeof message !== 'object' || message === null || message.jsonrpc !== '2.0') {
      return this.violate('sent a message that is not JSON-RPC 2.0');
    }
    if (message.method === undefined) return this.receiveResponse(message);
    if (typeof message.method !== 'string') return this.violate('sent a message with a bad method');
    if (message.id === undefined) return this.handlers.onNotification(message.method, message.params);
    void this.answer(message.id, message.method, message.params);
  }

  private receiveResponse(message: Message): void {
    if (typeof message.id !== 'number') return;
    if (message.error !== undefined) {
      const code = typeof message.error?.code === 'number' ? message.error.code : -32603;
      const text = typeof message.error?.message === 'string' ? message.error.message : 'error';
      this.settle(message.id, new RpcError(text.slice(0, 2000), code));
    } else {
      this.settle(message.id, null, message.result);
    }
  }

  private async answer(id: unknown, method: string, params: unknown): Promise<void> {
    if (this.childRequests >= MAX_CHILD_REQUESTS) {
      this.send({ jsonrpc: '2.0', id, error: { code: -32000, message: 'too many requests at once' } });
      return;
    }
    this.childRequests++;
    try {
      const result = await this.handlers.onRequest(method, params);
      this.send({ jsonrpc: '2.0', id, result: result ?? null });
    } catch (err) {
      const code = err instanceof RpcError ? err.code : -32000;
      this.send({ jsonrpc: '2.0', id, error: { code, message: (err as Error).message ?? String(err) } });
    } finally {
      this.childRequests--;
    }
  }
}
