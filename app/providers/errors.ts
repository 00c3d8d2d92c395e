/**
 * Building ProviderErrors: one message a person can read (what happened, where) and one remedy they
 * can act on, per kind. Messages never contain a key (callers pass server text through redact()).
 */
import { providerById } from './registry.js';
import { ProviderError, type ProviderErrorKind } from './types.js';

/** Where a call went, for messages. */
export interface CallContext {
  providerId: string;
  label: string;
  baseUrl: string;
  model?: string;
  /** A local server (LM Studio, vLLM, Ollama, custom): remedies talk about starting it. */
  local: boolean;
}

export function callContext(providerId: string, baseUrl: string, model?: string): CallContext {
  const info = providerById(providerId);
  return {
    providerId,
    label: info?.label ?? providerId,
    baseUrl,
    model,
    local: info ? info.baseUrlEditable : true,
  };
}

const SETUP = '`pyra setup` (or the setup wizard in the dashboard)';

const keyCommand = (ctx: CallContext) => `\`pyra vault set provider:${ctx.providerId}:api_key\``;

const detail = (serverMessage?: string) => (serverMessage ? `: ${serverMessage}` : '');

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

export function noKeyError(ctx: CallContext, why?: string): ProviderError {
  return new ProviderError(
    'no_key',
    why ? `The API key for ${ctx.label} could not be read: ${why}` : `No API key for ${ctx.label} is stored in the vault.`,
    `Store one with ${keyCommand(ctx)}, or run ${SETUP}.`,
  );
}

export function cancelledError(): ProviderError {
  return new ProviderError('cancelled', 'Cancelled.', 'Send the message again when you are ready.');
}

export function timeoutError(ctx: CallContext, idleTimeoutMs: number): ProviderError {
  return new ProviderError(
    'timeout',
    `${ctx.label} sent nothing for ${seconds(idleTimeoutMs)} (${ctx.baseUrl}).`,
    ctx.local
      ? 'A local model may still be loading: try again in a moment, and check the server is not stuck.'
      : "Try again; if it keeps happening, check your network and the provider's status page.",
  );
}

export function cutError(ctx: CallContext, why?: string): ProviderError {
  return new ProviderError(
    'cut',
    `The connection to ${ctx.label} ended in the middle of the reply${why ? ` (${why})` : ''}.`,
    'Try again; the partial reply was not saved as complete.',
  );
}

export function malformedError(ctx: CallContext, why: string): ProviderError {
  return new ProviderError(
    'malformed',
    `${ctx.label} sent data Pyra could not read (${why}).`,
    `Check that ${ctx.baseUrl} is an ${ctx.providerId === 'ollama' ? 'Ollama' : 'OpenAI-compatible'} API; fix the base URL with ${SETUP}.`,
  );
}

export function connectionError(ctx: CallContext, why: string): ProviderError {
  return new ProviderError(
    'connection',
    `Could not connect to ${ctx.label} at ${ctx.baseUrl} (${why}).`,
    ctx.local
      ? `Is the server running? Start it${ctx.providerId === 'ollama' ? ' (`ollama serve`)' : ''}, or fix its address with ${SETUP}.`
      : 'Check your network connection and try again.',
  );
}

export function configError(message: string): ProviderError {
  return new ProviderError('bad_request', message, `Run ${SETUP} to choose a provider.`);
}

/** An HTTP error status from the provider. */
export function statusError(ctx: CallContext, status: number, serverMessage?: string, retryAfterMs?: number): ProviderError {
  const http = `HTTP ${status}${detail(serverMessage)}`;
  const make = (kind: ProviderErrorKind, message: string, remedy: string) =>
    new ProviderError(kind, message, remedy, status, retryAfterMs);
  if (status === 401 || status === 403) {
    return make(
      'auth',
      `${ctx.label} refused the API key (${http}).`,
      `The API key was refused. Set a new one with ${keyCommand(ctx)}, or run ${SETUP} again.`,
    );
  }
  if (status === 404) {
    return make(
      'not_found',
      `${ctx.label} does not know ${ctx.model ? `the model "${ctx.model}"` : 'this endpoint'} (${http}).`,
      `Check the model name and the base URL (${ctx.baseUrl}); ${SETUP} lists the models the provider offers.`,
    );
  }
  if (status === 429) {
    return make(
      'rate_limit',
      `${ctx.label} is limiting requests (${http}).`,
      retryAfterMs !== undefined
        ? `Wait ${seconds(retryAfterMs)} and try again.`
        : "Wait a moment and try again; check your plan's rate limits if it keeps happening.",
    );
  }
  if (status >= 500) {
    return make(
      'server',
      `${ctx.label} had a server error (${http}).`,
      ctx.local ? 'Check the local server’s log, then try again.' : "Try again in a moment; check the provider's status page if it persists.",
    );
  }
  return make(
    'bad_request',
    `${ctx.label} rejected the request (${http}).`,
    `Check the model name and settings with ${SETUP}.`,
  );
}

/**
 * The `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date) header, in ms; undefined
 * when absent or unreadable.
 */
export function parseRetryAfter(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The message inside an error body (`{error: {message}}`, `{error: "…"}`, `{message}`) or the text itself, shortened. */
export function serverMessageOf(body: string): string | undefined {
  let text = body.trim();
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const error = json.error as { message?: unknown } | string | undefined;
    const found = typeof error === 'string' ? error : error?.message ?? json.message ?? json.detail;
    if (typeof found === 'string') text = found;
  } catch {
    // not JSON: the text as it is
  }
  text = text.replace(/\s+/g, ' ');
  if (!text) return undefined;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** Removes a secret from text that came from a server (some echo part or all of the key back). */
export function redact(text: string, secret: string | null | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
}
