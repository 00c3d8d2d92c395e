/**
 * The one streaming interface between Pyra and every LLM provider. Nothing outside app/providers/
 * knows which SDK is behind a provider.
 */

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  id: string;
  name: string;
  /** The raw JSON text of the arguments as the model produced it (may be invalid JSON). */
  arguments: string;
}

export interface ProviderMessage {
  role: Role;
  content: string;
  /** assistant messages that asked for tools */
  toolCalls?: ToolCall[];
  /** tool results: which call they answer, and the tool's name (Ollama wants the name) */
  toolCallId?: string;
  toolName?: string;
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments object */
  parameters: Record<string, unknown>;
}

export type StreamEvent =
  | { type: 'text'; delta: string }
  /** a tool call being assembled; OpenAI splits arguments across chunks (accumulate by index) */
  | { type: 'tool_call_delta'; index: number; id?: string; name?: string; argumentsDelta?: string }
  /** usage, when the provider reports it (OpenAI: last chunk; Ollama: final message) */
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  /** always the last event of a successful stream; toolCalls holds the assembled calls */
  | { type: 'finish'; reason: 'stop' | 'length' | 'tool_calls' | 'other'; toolCalls: ToolCall[] };

export interface ChatRequest {
  model: string;
  messages: ProviderMessage[];
  tools?: ToolSpec[];
  /** Esc in the dashboard aborts this; the stream then ends with a ProviderError of kind 'cancelled'. */
  signal?: AbortSignal;
  /** no byte for this long (connect or between chunks) → ProviderError 'timeout' */
  idleTimeoutMs?: number;
}

export type ProviderErrorKind =
  | 'auth' // 401/403: bad or missing key
  | 'not_found' // 404: unknown model or wrong base URL
  | 'rate_limit' // 429 (retryAfterMs when the server said)
  | 'server' // 5xx
  | 'bad_request' // other 4xx
  | 'connection' // refused, DNS, reset before any response
  | 'timeout'
  | 'cut' // the connection ended mid-stream
  | 'malformed' // the stream's data could not be parsed
  | 'cancelled'
  | 'no_key'; // the provider needs a key and the vault has none

/** Every failure of a provider call, classified, with a message and a remedy a person can act on. */
export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly remedy: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface ProviderClient {
  /** Streams one model turn. Throws ProviderError (never another error type) on failure. */
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
  /** The provider's models (OpenAI-compatible /models, Ollama's list). Throws ProviderError. */
  listModels(signal?: AbortSignal): Promise<string[]>;
}

/** What Pyra stores about the chosen provider (config.json `provider`); never the key. */
export interface ProviderSettings {
  id: string;
  model?: string;
  baseUrl?: string;
}

/** Reads the API key at call time (from the vault); null when none is stored. */
export type KeyReader = () => Promise<string | null>;
