/**
 * Pyra's messages and tools in each provider's wire format. Type-only SDK imports: nothing here loads
 * an SDK.
 */
import type { Message as OllamaMessage, Tool as OllamaTool } from 'ollama';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { ProviderMessage, StreamEvent, ToolSpec } from './types.js';

export function toOpenAiMessages(messages: ProviderMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    switch (m.role) {
      case 'system':
        return { role: 'system', content: m.content };
      case 'user':
        return { role: 'user', content: m.content };
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId ?? '', content: m.content };
      case 'assistant':
        if (!m.toolCalls?.length) return { role: 'assistant', content: m.content };
        return {
          role: 'assistant',
          // Some servers reject an empty string next to tool calls; null is what OpenAI itself sends.
          content: m.content === '' ? null : m.content,
          tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
        };
    }
  });
}

export function toOpenAiTools(tools: ToolSpec[]): ChatCompletionTool[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

/** Ollama wants the arguments as an object; text that is not a JSON object is passed as `{}`. */
export function argumentsObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function toOllamaMessages(messages: ProviderMessage[]): OllamaMessage[] {
  return messages.map((m): OllamaMessage => {
    if (m.role === 'tool') return { role: 'tool', content: m.content, ...(m.toolName ? { tool_name: m.toolName } : {}) };
    if (m.role === 'assistant' && m.toolCalls?.length) {
      return {
        role: 'assistant',
        content: m.content,
        tool_calls: m.toolCalls.map((c) => ({ function: { name: c.name, arguments: argumentsObject(c.arguments) } })),
      };
    }
    return { role: m.role, content: m.content };
  });
}

export function toOllamaTools(tools: ToolSpec[]): OllamaTool[] {
  return tools.map((t) => ({
    type: 'function',
    function: { name: t.name, description: t.description, parameters: t.parameters as OllamaTool['function']['parameters'] },
  }));
}

type FinishReason = Extract<StreamEvent, { type: 'finish' }>['reason'];

/**
 * A provider's finish reason in Pyra's terms. Calls were made means 'tool_calls' even when the server
 * says 'stop' (Ollama always does, and so do some OpenAI-compatible servers).
 */
export function finishReasonOf(reason: string | null | undefined, madeToolCalls: boolean): FinishReason {
  if (madeToolCalls) return 'tool_calls';
  if (reason === 'stop' || reason === 'end_turn' || reason === 'eos') return 'stop';
  if (reason === 'length' || reason === 'max_tokens') return 'length';
  if (reason === 'tool_calls' || reason === 'function_call') return 'tool_calls';
  return 'other';
}
