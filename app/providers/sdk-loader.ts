/**
 * The LLM SDKs, loaded on first use and only once. Nothing else in Pyra imports them at run time
 * (type-only imports are erased), so the dashboard's first frame never pays for them.
 */
import { importExternal } from '../snapshot/import-external.js';

type OpenAiModule = typeof import('openai');
type OllamaModule = typeof import('ollama');

let openAi: Promise<OpenAiModule> | undefined;
let ollama: Promise<OllamaModule> | undefined;

export function loadOpenAi(): Promise<OpenAiModule> {
  openAi ??= importExternal<OpenAiModule>('openai');
  return openAi;
}

export function loadOllama(): Promise<OllamaModule> {
  ollama ??= importExternal<OllamaModule>('ollama');
  return ollama;
}

/** Loads the SDK a provider kind needs ahead of time (e.g. just after the first frame). */
export async function preloadSdk(kind: 'openai-compatible' | 'ollama'): Promise<void> {
  await (kind === 'ollama' ? loadOllama() : loadOpenAi());
}
