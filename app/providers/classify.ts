/**
 * Turns whatever a call threw (an SDK error, a transport failure, anything) into one ProviderError.
 * The transport guard's record comes first: the SDKs wrap, rename or swallow the errors it raises.
 */
import {
  cancelledError,
  connectionError,
  cutError,
  malformedError,
  redact,
  statusError,
  timeoutError,
  type CallContext,
} from './errors.js';
import { transportFailureIn, type TransportFailureInfo, type TransportGuard } from './transport-guard.js';
import { ProviderError } from './types.js';

export interface ClassifyOptions {
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** The key used for the call, so a server that echoes it back cannot put it in a message. */
  key?: string | null;
}

export function fromTransport(info: TransportFailureInfo, ctx: CallContext, options: ClassifyOptions): ProviderError {
  switch (info.kind) {
    case 'timeout':
      return timeoutError(ctx, options.idleTimeoutMs);
    case 'cancelled':
      return cancelledError();
    case 'connection':
      return connectionError(ctx, info.why);
    case 'cut':
      return cutError(ctx, info.why);
    case 'malformed':
      return malformedError(ctx, redact(info.why, options.key));
    case 'status': {
      const message = info.serverMessage === undefined ? undefined : redact(info.serverMessage, options.key);
      return statusError(ctx, info.status, message, info.retryAfterMs);
    }
  }
}

function statusOf(err: unknown): number | undefined {
  const { status, status_code } = (err ?? {}) as { status?: unknown; status_code?: unknown };
  const found = typeof status === 'number' ? status : status_code;
  return typeof found === 'number' && found >= 400 ? found : undefined;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function toProviderError(
  err: unknown,
  guard: TransportGuard | undefined,
  ctx: CallContext,
  options: ClassifyOptions,
): ProviderError {
  if (err instanceof ProviderError) return err;
  if (options.signal?.aborted) return cancelledError();
  const info = guard?.failure ?? transportFailureIn(err);
  if (info) return fromTransport(info, ctx, options);
  const status = statusOf(err);
  if (status !== undefined) return statusError(ctx, status, redact(messageOf(err), options.key));
  if (err instanceof SyntaxError) return malformedError(ctx, redact(err.message, options.key));
  if (/did not receive done/i.test(messageOf(err))) return cutError(ctx, 'the stream ended without its final message');
  if (guard && guard.bodyBytes > 0) {
    // An error the server reported inside the stream (an SSE event or NDJSON line with an "error").
    return new ProviderError(
      'server',
      `${ctx.label} reported an error: ${redact(messageOf(err), options.key)}`,
      "Try again; check the model name and the provider's status if it persists.",
    );
  }
  return connectionError(ctx, redact(messageOf(err), options.key));
}
