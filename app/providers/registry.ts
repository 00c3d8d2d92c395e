/**
 * The providers Pyra knows, as plain data. Every cloud provider below is reached through its
 * OpenAI-compatible endpoint with the `openai` SDK; Ollama through the `ollama` SDK. Nothing here
 * loads an SDK or touches the network.
 */

export type ProviderKind = 'openai-compatible' | 'ollama';

export interface ProviderInfo {
  /** The id in config.json and in the vault key `provider:<id>:api_key`. */
  id: string;
  label: string;
  kind: ProviderKind;
  /** The default base URL (Ollama: the host); absent only for `custom`. */
  baseUrl?: string;
  /** Whether the user may point the provider somewhere else (local servers, custom, Ollama). */
  baseUrlEditable: boolean;
  /** `custom` has no default and must be given one. */
  baseUrlRequired: boolean;
  /** Whether calls fail without a key. Providers that do not need one still send a stored key. */
  needsKey: boolean;
  /** A sensible first model; absent where it depends on what the user has loaded. */
  defaultModel?: string;
  /** Where to get a key or read about the endpoint. */
  docs: string;
}

const cloud = (
  id: string,
  label: string,
  baseUrl: string,
  defaultModel: string,
  docs: string,
): ProviderInfo => ({
  id,
  label,
  kind: 'openai-compatible',
  baseUrl,
  baseUrlEditable: false,
  baseUrlRequired: false,
  needsKey: true,
  defaultModel,
  docs,
});

const PROVIDERS: readonly ProviderInfo[] = [
  cloud('openai', 'OpenAI', 'https://api.openai.com/v1', 'gpt-4.1-mini', 'https://platform.openai.com/api-keys'),
  cloud(
    'anthropic',
    'Anthropic (OpenAI-compatible endpoint)',
    'https://api.anthropic.com/v1',
    'claude-sonnet-4-5',
    'https://docs.anthropic.com/en/api/openai-sdk',
  ),
  cloud(
    'gemini',
    'Google Gemini (OpenAI-compatible endpoint)',
    'https://generativelanguage.googleapis.com/v1beta/openai',
    'gemini-2.5-flash',
    'https://ai.google.dev/gemini-api/docs/openai',
  ),
  cloud('openrouter', 'OpenRouter', 'https://openrouter.ai/api/v1', 'openrouter/auto', 'https://openrouter.ai/keys'),
  cloud('groq', 'Groq', 'https://api.groq.com/openai/v1', 'llama-3.3-70b-versatile', 'https://console.groq.com/keys'),
  cloud('mistral', 'Mistral', 'https://api.mistral.ai/v1', 'mistral-large-latest', 'https://console.mistral.ai/api-keys'),
  cloud('deepseek', 'DeepSeek', 'https://api.deepseek.com/v1', 'deepseek-chat', 'https://platform.deepseek.com/api_keys'),
  cloud('xai', 'xAI (Grok)', 'https://api.x.ai/v1', 'grok-3-mini', 'https://console.x.ai'),
  cloud(
    'together',
    'Together AI',
    'https://api.together.xyz/v1',
    'meta-llama/Llama-3.3-70B-Instruct-Turbo',
    'https://api.together.ai/settings/api-keys',
  ),
  {
    id: 'lmstudio',
    label: 'LM Studio (local server)',
    kind: 'openai-compatible',
    baseUrl: 'http://localhost:1234/v1',
    baseUrlEditable: true,
    baseUrlRequired: false,
    needsKey: false,
    docs: 'https://lmstudio.ai/docs/app/api',
  },
  {
    id: 'vllm',
    label: 'vLLM or llama.cpp server (local)',
    kind: 'openai-compatible',
    baseUrl: 'http://localhost:8000/v1',
    baseUrlEditable: true,
    baseUrlRequired: false,
    needsKey: false,
    docs: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
  },
  {
    id: 'custom',
    label: 'Custom OpenAI-compatible server',
    kind: 'openai-compatible',
    baseUrlEditable: true,
    baseUrlRequired: true,
    needsKey: false,
    docs: 'https://platform.openai.com/docs/api-reference/chat',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    kind: 'ollama',
    baseUrl: 'http://localhost:11434',
    baseUrlEditable: true,
    baseUrlRequired: false,
    needsKey: false,
    defaultModel: 'llama3.2',
    docs: 'https://github.com/ollama/ollama/blob/main/docs/api.md',
  },
];

const BY_ID = new Map(PROVIDERS.map((p) => [p.id, p]));

export function listProviders(): readonly ProviderInfo[] {
  return PROVIDERS;
}

export function providerById(id: string): ProviderInfo | undefined {
  return BY_ID.get(id);
}

export function providerIds(): string[] {
  return PROVIDERS.map((p) => p.id);
}

/** The base URL a call goes to: the user's override where allowed, else the registry's default. */
export function effectiveBaseUrl(info: ProviderInfo, override?: string): string | undefined {
  if (override && info.baseUrlEditable) return override;
  return info.baseUrl;
}
