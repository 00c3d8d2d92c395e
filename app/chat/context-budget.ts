import type { ProviderMessage } from '../providers/types.js';

/** A cheap, conservative token estimate (≈ 4 characters a token, plus per-message overhead). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4) + 4;
}

export interface TrimResult {
  messages: ProviderMessage[];
  /** how many history messages were left out */
  dropped: number;
}

/**
 * Fits a request into the model's context: the system prompt and the latest turn are always kept;
 * older turns are dropped oldest first. A tool result is never kept without the call it answers.
 */
export function trimToBudget(system: ProviderMessage | null, history: ProviderMessage[], budgetTokens: number): TrimResult {
  let used = system ? estimateTokens(system.content) : 0;
  const kept: ProviderMessage[] = [];
  let i = history.length - 1;
  // the latest turn: everything from the last user message on
  let lastUser = history.length - 1;
  while (lastUser > 0 && history[lastUser]!.role !== 'user') lastUser--;
  for (; i >= lastUser && i >= 0; i--) {
    kept.unshift(history[i]!);
    used += estimateTokens(history[i]!.content);
  }
  for (; i >= 0; i--) {
    const cost = estimateTokens(history[i]!.content);
    if (used + cost > budgetTokens) break;
    kept.unshift(history[i]!);
    used += cost;
  }
  while (kept.length > 0 && kept[0]!.role === 'tool') kept.shift();
  const dropped = history.length - kept.length;
  return { messages: system ? [system, ...kept] : kept, dropped };
}
