/**
 * The fetch both SDKs are given, one per call. It is where Pyra, not the SDK, decides what went wrong:
 *  - an idle timer (armed at the request, reset by the response headers and by every body chunk)
 *    aborts a call that goes quiet, and is remembered as a timeout rather than a cancel;
 *  - the caller's AbortSignal aborts the request and the body;
 *  - an HTTP error status is read here (body text and retry-after) and thrown as a TransportFailure,
 *    so neither SDK prints anything (both log to the console on some errors) or retries;
 *  - the body is checked frame by frame (SSE events, NDJSON lines) before the SDK sees it: broken
 *    JSON fails the stream as 'malformed' instead of being logged and skipped;
 *  - a body that errors mid-way is a 'cut'.
 * The first failure is kept in `failure`; SDKs wrap or swallow errors, so callers look here first.
 */
import { parseRetryAfter, serverMessageOf } from './errors.js';
import { createFrameChecker, type Framing } from './frame-checker.js';

export type TransportFailureInfo =
  | { kind: 'timeout' }
  | { kind: 'cancelled' }
  | { kind: 'connection'; why: string }
  | { kind: 'cut'; why: string }
  | { kind: 'malformed'; why: string }
  | { kind: 'status'; status: number; serverMessage?: string; retryAfterMs?: number };

/** Thrown into the SDK; carries what happened so it survives the SDK's own wrapping (`cause`). */
export class TransportFailure extends Error {
  constructor(readonly info: TransportFailureInfo) {
    super(`transport: ${info.kind}`);
    this.name = 'TransportFailure';
  }
}

export interface GuardOptions {
  idleTimeoutMs: number;
  signal?: AbortSignal;
  framing: Framing;
  /** The fetch to wrap (tests); globalThis.fetch by default. */
  fetch?: typeof fetch;
}

function errorCode(err: unknown): string {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && code) return code;
    if (!cause && typeof message === 'string' && message) return message;
    current = cause;
  }
  return String(err);
}

const CONNECTION_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_SOCKET: 'the server closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

const describeFailure = (err: unknown) => {
  const code = errorCode(err);
  return CONNECTION_WORDS[code] ?? code;
};

export class TransportGuard {
  failure: TransportFailureInfo | undefined;
  /** Body bytes received: "nothing streamed yet" for the one automatic retry. */
  bodyBytes = 0;
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private timedOut = false;
  private disposed = false;
  private lastFraming: ReturnType<typeof createFrameChecker> | undefined;

  constructor(private readonly options: GuardOptions) {}

  /** Whether an SSE stream ended with `[DONE]`. */
  get sawDone(): boolean {
    return this.lastFraming?.sawDone ?? false;
  }

  get cancelled(): boolean {
    return this.options.signal?.aborted === true;
  }

  /**
   * Ends the call: stops the idle timer and aborts whatever is still open (a consumer that stopped
   * reading early, or an SDK that returns without draining the body). Call it however the call ended.
   */
  dispose(): void {
    this.disposed = true;
    this.disarm();
    this.controller.abort();
  }

  /** Throws the recorded failure (or the cancel) when an SDK ended a stream quietly instead. */
  throwIfFailed(): void {
    const info = this.failure ?? this.abortReason();
    if (info) throw new TransportFailure(info);
  }

  readonly fetch: typeof fetch = async (input, init = {}) => {
    const signals = [this.controller.signal];
    if (init.signal) signals.push(init.signal);
    if (this.options.signal) signals.push(this.options.signal);
    this.arm();
    let response: Response;
    try {
      response = await (this.options.fetch ?? globalThis.fetch)(input, { ...init, signal: AbortSignal.any(signals) });
    } catch (err) {
      this.disarm();
      throw this.fail(this.abortReason() ?? { kind: 'connection', why: describeFailure(err) });
    }
    this.arm();
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch {
        // the status is what matters
      }
      this.disarm();
      const aborted = this.abortReason();
      if (aborted) throw this.fail(aborted);
      throw this.fail({
        kind: 'status',
        status: response.status,
        serverMessage: serverMessageOf(text) ?? (response.statusText || undefined),
        retryAfterMs: parseRetryAfter(response.headers),
      });
    }
    if (!response.body) {
      this.disarm();
      return response;
    }
    if (this.options.framing === 'json') return this.checkedJson(response);
    return new Response(this.guardBody(response.body), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };

  /**
   * A whole JSON answer (a model list), read here: a web page or other non-JSON answer is a
   * 'malformed' failure (the openai SDK would return it as text, i.e. an empty list).
   */
  private async checkedJson(response: Response): Promise<Response> {
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      this.disarm();
      throw this.fail(this.abortReason() ?? { kind: 'cut', why: describeFailure(err) });
    }
    this.disarm();
    try {
      JSON.parse(text);
    } catch {
      const type = response.headers.get('content-type')?.split(';')[0] || 'no content type';
      throw this.fail({ kind: 'malformed', why: `expected JSON, got ${type}` });
    }
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-encoding'); // the text is already decoded
    headers.delete('content-length');
    return new Response(text, { status: response.status, statusText: response.statusText, headers });
  }

  private guardBody(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    const checker = createFrameChecker(this.options.framing);
    this.lastFraming = checker;
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        try {
          const { done, value } = await reader.read();
          if (done) {
            checker.end();
            this.disarm();
            controller.close();
            return;
          }
          this.arm();
          this.bodyBytes += value.byteLength;
          checker.push(value);
          controller.enqueue(value);
        } catch (err) {
          this.disarm();
          const info =
            this.abortReason() ??
            (err instanceof SyntaxError ? { kind: 'malformed' as const, why: err.message } : { kind: 'cut' as const, why: describeFailure(err) });
          controller.error(this.fail(info));
          reader.cancel().catch(() => {});
        }
      },
      cancel: (reason) => {
        this.disarm();
        return reader.cancel(reason);
      },
    });
  }

  private abortReason(): TransportFailureInfo | undefined {
    if (this.timedOut) return { kind: 'timeout' };
    if (this.cancelled) return { kind: 'cancelled' };
    return undefined;
  }

  private fail(info: TransportFailureInfo): TransportFailure {
    this.failure ??= info;
    return new TransportFailure(info);
  }

  private arm(): void {
    this.disarm();
    if (this.disposed) return;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new TransportFailure({ kind: 'timeout' }));
    }, this.options.idleTimeoutMs);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The transport failure behind an SDK error, if any (SDKs wrap it as `cause`). */
export function transportFailureIn(err: unknown): TransportFailureInfo | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof TransportFailure) return current.info;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
