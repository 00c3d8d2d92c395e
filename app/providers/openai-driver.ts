/**
 * OpenAI-compatible providers through the `openai` SDK (loaded on first use). A new SDK client is made
 * per call: it is cheap, and it means the key lives only as long as the call.
 */
import type OpenAI from 'openai';
import type { DriverCall, ProviderDriver } from './driver.js';
import { loadOpenAi } from './sdk-loader.js';
import { TransportFailure } from './transport-guard.js';
import type { ChatRequest, StreamEvent, ToolCall } from './types.js';
import { finishReasonOf, toOpenAiMessages, toOpenAiTools } from './wire-format.js';

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

/** Longer than any idle timeout: the guard, not the SDK, decides when a call has waited too long. */
const SDK_TIMEOUT_MS = 24 * 60 * 60 * 1000;

async function sdkClient(call: DriverCall): Promise<OpenAI> {
  const { default: OpenAIClient } = await loadOpenAi();
  return new OpenAIClient({
    // Without a key the SDK still wants one; the Authorization header is then dropped below.
    apiKey: call.key ?? 'unused',
    baseURL: call.baseUrl,
    fetch: call.guard.fetch,
    maxRetries: 0,
    timeout: SDK_TIMEOUT_MS,
    logLevel: 'off',
    logger: SILENT,
    // Explicit values, so OPENAI_* variables in the environment cannot add credentials or headers.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    ...(call.key ? {} : { defaultHeaders: { Authorization: null } }),
  });
}

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

async function* streamOpenAi(call: DriverCall, request: ChatRequest): AsyncGenerator<StreamEvent> {
  const client = await sdkClient(call);
  const stream = await client.chat.completions.create(
    {
      model: request.model,
      messages: toOpenAiMessages(request.messages),
      stream: true,
      stream_options: { include_usage: true },
      ...(request.tools?.length ? { tools: toOpenAiTools(request.tools) } : {}),
    },
    { signal: call.signal },
  );
  const calls = new Map<number, PartialCall>();
  let finish: string | null | undefined;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    if (chunk.usage) {
      yield { type: 'usage', inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
    }
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (!choice) continue; // the usage chunk has no choices
    const delta = choice.delta ?? {};
    if (delta.content) yield { type: 'text', delta: delta.content };
    let position = 0;
    for (const tc of delta.tool_calls ?? []) {
      // Arguments come in pieces, keyed by index; some servers send a whole call without an index.
      const index = tc.index ?? position;
      position++;
      const entry = calls.get(index) ?? { id: '', name: '', arguments: '' };
      calls.set(index, entry);
      if (tc.id) entry.id = tc.id;
      if (tc.function?.name) entry.name = tc.function.name;
      if (tc.function?.arguments) entry.arguments += tc.function.arguments;
      yield {
        type: 'tool_call_delta',
        index,
        ...(tc.id ? { id: tc.id } : {}),
        ...(tc.function?.name ? { name: tc.function.name } : {}),
        ...(tc.function?.arguments ? { argumentsDelta: tc.function.arguments } : {}),
      };
    }
    if (choice.finish_reason) finish = choice.finish_reason;
  }
  // The SDK ends the loop quietly when the request was aborted (timeout or cancel).
  call.guard.throwIfFailed();
  if (chunks === 0 && !call.guard.sawDone) {
    // A web page or another API answers 200 without a single event.
    throw new TransportFailure({ kind: 'malformed', why: 'the answer held no chat completion events' });
  }
  if (!finish && !call.guard.sawDone) {
    throw new TransportFailure({ kind: 'cut', why: 'the stream ended before the reply was finished' });
  }
  const toolCalls: ToolCall[] = [...calls.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, c]) => ({ id: c.id || `call_${index}`, name: c.name, arguments: c.arguments }));
  yield { type: 'finish', reason: finishReasonOf(finish, toolCalls.length > 0), toolCalls };
}

const MAX_MODELS = 2000;

async function listOpenAiModels(call: DriverCall): Promise<string[]> {
  const client = await sdkClient(call);
  const ids: string[] = [];
  for await (const model of client.models.list({ signal: call.signal })) {
    ids.push(model.id);
    if (ids.length >= MAX_MODELS) break;
  }
  return ids.sort();
}

export const openAiDriver: ProviderDriver = {
  framing: 'sse',
  stream: streamOpenAi,
  listModels: listOpenAiModels,
};
