/** Shared pieces of the provider tests: both protocols against the scripted server, and event collection. */
import type { ScriptedLlm } from '../../helpers/scripted-llm-server.js';
import { createProviderClient, ProviderError, type ClientOptions, type ChatRequest, type KeyReader, type ProviderClient, type StreamEvent } from '../../../app/providers/index.js';

export interface Protocol {
  name: 'openai' | 'ollama';
  /** A client for the server at `root` (http://127.0.0.1:PORT). */
  clientAt(root: string, readKey?: KeyReader, options?: ClientOptions): ProviderClient;
  client(llm: ScriptedLlm, readKey?: KeyReader, options?: ClientOptions): ProviderClient;
}

export const TEST_KEY = 'sk-test-0123456789abcdef';

function protocol(name: Protocol['name'], id: string, path: string, defaultKey: string | null): Protocol {
  const clientAt: Protocol['clientAt'] = (root, readKey = async () => defaultKey, options) =>
    createProviderClient({ id, baseUrl: root + path, model: 'scripted-model' }, readKey, options);
  return { name, clientAt, client: (llm, readKey, options) => clientAt(llm.url, readKey, options) };
}

/** OpenAI-compatible through the `custom` provider (with a key), Ollama (without). */
export const PROTOCOLS: Protocol[] = [protocol('openai', 'custom', '/v1', TEST_KEY), protocol('ollama', 'ollama', '', null)];

export interface Collected {
  events: StreamEvent[];
  text: string;
  error?: ProviderError;
  /** Anything thrown that was not a ProviderError (a test failure in itself). */
  foreign?: unknown;
  finish?: Extract<StreamEvent, { type: 'finish' }>;
}

export function request(extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'scripted-model', messages: [{ role: 'user', content: 'Hello?' }], ...extra };
}

/** Reads a whole stream; `onEvent` may act mid-stream (e.g. abort). */
export async function collect(stream: AsyncIterable<StreamEvent>, onEvent?: (event: StreamEvent) => void): Promise<Collected> {
  const out: Collected = { events: [], text: '' };
  try {
    for await (const event of stream) {
      out.events.push(event);
      if (event.type === 'text') out.text += event.delta;
      if (event.type === 'finish') out.finish = event;
      onEvent?.(event);
    }
  } catch (err) {
    if (err instanceof ProviderError) out.error = err;
    else out.foreign = err;
  }
  return out;
}
