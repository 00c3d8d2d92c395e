/**
 * createProviderClient: the ProviderClient for a configured provider. Around the protocol driver it
 * reads the key at call time (never kept on the client), guards every request (idle timeout,
 * cancel, error capture), turns every failure into a ProviderError, and retries once after a 429
 * whose retry-after is short, when nothing has been streamed yet.
 */
import { performance } from 'node:perf_hooks';
import { toProviderError } from './classify.js';
import type { ProviderDriver } from './driver.js';
import { callContext, cancelledError, configError, noKeyError, type CallContext } from './errors.js';
import type { Framing } from './frame-checker.js';
import { ollamaDriver } from './ollama-driver.js';
import { openAiDriver } from './openai-driver.js';
import { effectiveBaseUrl, providerById, type ProviderInfo } from './registry.js';
import { TransportGuard } from './transport-guard.js';
import { ProviderError, type ChatRequest, type KeyReader, type ProviderClient, type ProviderSettings, type StreamEvent } from './types.js';

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
export const LIST_MODELS_TIMEOUT_MS = 20_000;
/** The longest retry-after Pyra waits out by itself (once) before giving the 429 to the caller. */
export const MAX_AUTO_RETRY_AFTER_MS = 10_000;

export interface ClientOptions {
  /** The fetch under the guard (tests, benchmarks); globalThis.fetch by default. */
  fetch?: typeof fetch;
  /** Idle timeout of listModels (default LIST_MODELS_TIMEOUT_MS). */
  listTimeoutMs?: number;
}

interface Target {
  info: ProviderInfo;
  baseUrl: string;
  driver: ProviderDriver;
}

/** The provider and base URL of the settings, or a ProviderError saying what is wrong with them. */
export function resolveTarget(settings: ProviderSettings): Target {
  const info = providerById(settings.id);
  if (!info) throw configError(`Unknown provider "${settings.id}".`);
  const baseUrl = effectiveBaseUrl(info, settings.baseUrl);
  if (!baseUrl) throw configError(`The provider "${info.id}" needs a base URL and none is configured.`);
  return { info, baseUrl, driver: info.kind === 'ollama' ? ollamaDriver : openAiDriver };
}

async function readKeyFor(info: ProviderInfo, ctx: CallContext, readKey: KeyReader): Promise<string | null> {
  let key: string | null;
  try {
    key = await readKey();
  } catch (err) {
    // A provider that works without a key must not fail because the vault cannot be opened.
    if (!info.needsKey) return null;
    throw noKeyError(ctx, err instanceof Error ? err.message : String(err));
  }
  if (!key && info.needsKey) throw noKeyError(ctx);
  return key || null;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function createProviderClient(settings: ProviderSettings, readKey: KeyReader, options: ClientOptions = {}): ProviderClient {
  const { info, baseUrl, driver } = resolveTarget(settings);

  /** One guarded call: key, guard, classification, clean-up. */
  async function* attempt(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const ctx = callContext(info.id, baseUrl, request.model);
    const idleTimeoutMs = request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    if (request.signal?.aborted) throw cancelledError();
    const key = await readKeyFor(info, ctx, readKey);
    const guard = guardFor(driver.framing, idleTimeoutMs, request.signal);
    try {
      yield* driver.stream({ baseUrl, key, guard, signal: request.signal }, request);
    } catch (err) {
      throw toProviderError(err, guard, ctx, { idleTimeoutMs, signal: request.signal, key });
    } finally {
      guard.dispose();
    }
  }

  function guardFor(framing: Framing, idleTimeoutMs: number, signal?: AbortSignal): TransportGuard {
    return new TransportGuard({ idleTimeoutMs, signal, framing, fetch: options.fetch });
  }

  async function* stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    let streamed = false;
    try {
      for await (const event of attempt(request)) {
        streamed = true;
        yield event;
      }
      return;
    } catch (err) {
      const error = err as ProviderError;
      const waitMs = error.retryAfterMs;
      if (streamed || error.kind !== 'rate_limit' || waitMs === undefined || waitMs > MAX_AUTO_RETRY_AFTER_MS) throw error;
      await abortableSleep(waitMs, request.signal);
    }
    yield* attempt(request);
  }

  async function listModels(signal?: AbortSignal): Promise<string[]> {
    const ctx = callContext(info.id, baseUrl);
    if (signal?.aborted) throw cancelledError();
    const key = await readKeyFor(info, ctx, readKey);
    const idleTimeoutMs = options.listTimeoutMs ?? LIST_MODELS_TIMEOUT_MS;
    const guard = guardFor('json', idleTimeoutMs, signal);
    try {
      return await driver.listModels({ baseUrl, key, guard, signal });
    } catch (err) {
      throw toProviderError(err, guard, ctx, { idleTimeoutMs, signal, key });
    } finally {
      guard.dispose();
    }
  }

  return { stream, listModels };
}

export interface ConnectionTest {
  ok: boolean;
  /** The provider's models, when the test passed. */
  models?: string[];
  /** When the test passed and a model is configured: whether the provider lists it (undefined: the list was empty). */
  modelListed?: boolean;
  error?: ProviderError;
  latencyMs: number;
}

/** Lists the models as the live test: it proves the address, the protocol and (for most providers) the key. */
export async function testConnection(
  settings: ProviderSettings,
  readKey: KeyReader,
  options: ClientOptions & { signal?: AbortSignal } = {},
): Promise<ConnectionTest> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const models = await createProviderClient(settings, readKey, options).listModels(options.signal);
    const modelListed = settings.model && models.length > 0 ? models.includes(settings.model) : undefined;
    return { ok: true, models, ...(modelListed === undefined ? {} : { modelListed }), latencyMs: elapsed() };
  } catch (err) {
    const error =
      err instanceof ProviderError ? err : new ProviderError('connection', String(err), 'Run `pyra setup` again.');
    return { ok: false, error, latencyMs: elapsed() };
  }
}
