/**
 * Ollama through the `ollama` SDK (loaded on first use). Tool calls arrive whole, with the arguments
 * as an object: they are turned into JSON text so every provider's calls look the same.
 */
import type { Ollama } from 'ollama';
import type { DriverCall, ProviderDriver } from './driver.js';
import { loadOllama } from './sdk-loader.js';
import { TransportFailure } from './transport-guard.js';
import type { ChatRequest, StreamEvent, ToolCall } from './types.js';
import { finishReasonOf, toOllamaMessages, toOllamaTools } from './wire-format.js';

async function sdkClient(call: DriverCall): Promise<Ollama> {
  const { Ollama: OllamaClient } = await loadOllama();
  return new OllamaClient({
    host: call.baseUrl,
    fetch: call.guard.fetch,
    // Local Ollama needs no key; one stored for a remote or proxied Ollama is sent as a bearer token.
    ...(call.key ? { headers: { Authorization: `Bearer ${call.key}` } } : {}),
  });
}

async function* streamOllama(call: DriverCall, request: ChatRequest): AsyncGenerator<StreamEvent> {
  const client = await sdkClient(call);
  const parts = await client.chat({
    model: request.model,
    messages: toOllamaMessages(request.messages),
    stream: true,
    ...(request.tools?.length ? { tools: toOllamaTools(request.tools) } : {}),
  });
  const toolCalls: ToolCall[] = [];
  let doneReason: string | undefined;
  let done = false;
  for await (const part of parts) {
    const message = part.message;
    if (message?.content) yield { type: 'text', delta: message.content };
    for (const tc of message?.tool_calls ?? []) {
      const index = toolCalls.length;
      const id = (tc as { id?: string }).id || `call_${index}`;
      const args = JSON.stringify(tc.function.arguments ?? {});
      toolCalls.push({ id, name: tc.function.name, arguments: args });
      yield { type: 'tool_call_delta', index, id, name: tc.function.name, argumentsDelta: args };
    }
    if (part.done) {
      done = true;
      doneReason = part.done_reason;
      if (typeof part.prompt_eval_count === 'number' || typeof part.eval_count === 'number') {
        yield { type: 'usage', inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 };
      }
    }
  }
  call.guard.throwIfFailed();
  if (!done) throw new TransportFailure({ kind: 'cut', why: 'the stream ended without its final message' });
  yield { type: 'finish', reason: finishReasonOf(doneReason, toolCalls.length > 0), toolCalls };
}

async function listOllamaModels(call: DriverCall): Promise<string[]> {
  const client = await sdkClient(call);
  const { models } = await client.list();
  return models.map((m) => m.name).sort();
}

export const ollamaDriver: ProviderDriver = {
  framing: 'ndjson',
  stream: streamOllama,
  listModels: listOllamaModels,
};
