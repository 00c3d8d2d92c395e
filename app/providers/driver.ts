/** What a protocol driver (OpenAI-compatible, Ollama) implements; client.ts adds keys, errors and retries. */
import type { Framing } from './frame-checker.js';
import type { TransportGuard } from './transport-guard.js';
import type { ChatRequest, StreamEvent } from './types.js';

export interface DriverCall {
  /** OpenAI: the API base (…/v1); Ollama: the host. */
  baseUrl: string;
  /** Read from the vault for this call only; null when none is stored. */
  key: string | null;
  /** Every request of the call goes through it (timeouts, cancel, error capture). */
  guard: TransportGuard;
  signal?: AbortSignal;
}

export interface ProviderDriver {
  /** How the driver's streamed bodies are framed, for the guard's checks. */
  framing: Framing;
  /** Raises SDK errors as they come; the caller classifies them. Must end with a 'finish' event. */
  stream(call: DriverCall, request: ChatRequest): AsyncGenerator<StreamEvent>;
  listModels(call: DriverCall): Promise<string[]>;
}
