/**
 * The wire frames of the scripted LLM server (scripted-llm-server.ts): a reply step turned into the
 * SSE events of OpenAI's chat completions stream, or into Ollama's NDJSON chat lines; and the error
 * and model-list bodies of both protocols.
 */
import type { ReplyStep, ScriptedToolCall } from './scripted-llm-server.js';

export type Protocol = 'openai' | 'ollama';

export function protocolOf(path: string): Protocol | 'unknown' {
  if (path.startsWith('/api/')) return 'ollama';
  if (path.startsWith('/v1/')) return 'openai';
  return 'unknown';
}

/** Splits text into `count` pieces of nearly equal length (by characters). */
export function splitEvenly(text: string, count: number): string[] {
  if (count <= 1 || text.length <= 1) return [text];
  const size = Math.ceil(text.length / count);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

const argumentsText = (call: ScriptedToolCall) =>
  typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);

const argumentsObject = (call: ScriptedToolCall): unknown => {
  if (typeof call.arguments !== 'string') return call.arguments;
  try {
    return JSON.parse(call.arguments);
  } catch {
    return { raw: call.arguments };
  }
};

function usageOf(reply: ReplyStep, requestBody: any): { inputTokens: number; outputTokens: number } | null {
  if (reply.usage !== undefined) return reply.usage;
  const prompt = JSON.stringify(requestBody?.messages ?? []);
  return {
    inputTokens: Math.max(1, Math.round(prompt.length / 4)),
    outputTokens: (reply.chunks?.length ?? 0) + (reply.toolCalls?.length ?? 0),
  };
}

export function openAiFrames(reply: ReplyStep, requestBody: any): string[] {
  const model = requestBody?.model ?? 'scripted-model';
  const base = { id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 0, model };
  const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
  const chunk = (delta: unknown, finishReason: string | null = null) =>
    event({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });

  const frames = [chunk({ role: 'assistant', content: '' })];
  for (const text of reply.chunks ?? []) frames.push(chunk({ content: text }));
  (reply.toolCalls ?? []).forEach((call, index) => {
    const id = call.id ?? `call_${index}`;
    frames.push(chunk({ tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] }));
    for (const piece of splitEvenly(argumentsText(call), call.argumentChunks ?? 3)) {
      frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  const finish = reply.finishReason ?? (reply.toolCalls?.length ? 'tool_calls' : 'stop');
  frames.push(chunk({}, finish));
  const usage = usageOf(reply, requestBody);
  if (usage && requestBody?.stream_options?.include_usage) {
    const { inputTokens: prompt_tokens, outputTokens: completion_tokens } = usage;
    frames.push(event({ ...base, choices: [], usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens } }));
  }
  frames.push('data: [DONE]\n\n');
  return frames;
}

export function ollamaFrames(reply: ReplyStep, requestBody: any): string[] {
  const model = requestBody?.model ?? 'scripted-model';
  const created_at = new Date(0).toISOString();
  const line = (value: unknown) => JSON.stringify(value) + '\n';
  const frames: string[] = [];
  for (const text of reply.chunks ?? []) {
    frames.push(line({ model, created_at, message: { role: 'assistant', content: text }, done: false }));
  }
  if (reply.toolCalls?.length) {
    const tool_calls = reply.toolCalls.map((call) => ({ function: { name: call.name, arguments: argumentsObject(call) } }));
    frames.push(line({ model, created_at, message: { role: 'assistant', content: '', tool_calls }, done: false }));
  }
  const usage = usageOf(reply, requestBody);
  frames.push(
    line({
      model,
      created_at,
      message: { role: 'assistant', content: '' },
      done: true,
      // Ollama says 'stop' even when the model called tools.
      done_reason: reply.finishReason ?? 'stop',
      total_duration: 1,
      load_duration: 1,
      ...(usage ? { prompt_eval_count: usage.inputTokens, eval_count: usage.outputTokens } : {}),
      prompt_eval_duration: 1,
      eval_duration: 1,
    }),
  );
  return frames;
}

export function errorBody(protocol: Protocol, status: number, message: string): unknown {
  if (protocol === 'ollama') return { error: message };
  const type = status === 401 ? 'invalid_request_error' : status === 429 ? 'rate_limit_error' : 'api_error';
  return { error: { message, type, code: status === 401 ? 'invalid_api_key' : null, param: null } };
}

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request (scripted)',
  401: 'Incorrect API key provided (scripted)',
  403: 'Forbidden (scripted)',
  404: 'The model does not exist (scripted)',
  429: 'Rate limit reached (scripted)',
  500: 'Internal server error (scripted)',
  502: 'Bad gateway (scripted)',
  503: 'The server is overloaded (scripted)',
};

export function modelList(protocol: Protocol, models: string[]): unknown {
  if (protocol === 'ollama') {
    const modified_at = new Date(0).toISOString();
    return {
      models: models.map((name) => ({
        name,
        model: name,
        modified_at,
        size: 1,
        digest: 'scripted',
        details: { format: 'gguf', family: 'scripted', parameter_size: '1B', quantization_level: 'Q4_0' },
      })),
    };
  }
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'scripted' })) };
}
