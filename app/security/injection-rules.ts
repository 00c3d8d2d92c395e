/**
 * Types and small builders for the injection rules. Rules match the folded text (see normalize-text.ts):
 * lower-case, no diacritics, plain ASCII letters for look-alikes, so patterns are written that way.
 *
 * Every pattern must run in linear time. The builders only repeat single character classes or word
 * gaps of the form `(?:\s+\S+){0,n}?\s+`, where `\s` and `\S` are disjoint, so each input has one way to
 * match and backtracking stays bounded by a constant per start position.
 */

export type InjectionCategory =
  | 'instruction_override'
  | 'role_hijack'
  | 'data_exfiltration'
  | 'tool_coercion'
  | 'approval_forgery'
  | 'delimiter_spoofing'
  | 'concealment'
  | 'obfuscation';

export type Severity = 'low' | 'medium' | 'high';

export interface InjectionRule {
  id: string;
  category: InjectionCategory;
  severity: Severity;
  pattern: RegExp;
  /** Skip matches preceded in the same sentence by a negation ("we will never ask you to reveal…"). */
  unlessNegated?: boolean;
  /** Skip matches whose first word is directly negated: "don't forget your instructions" means the opposite. */
  unlessVerbNegated?: boolean;
}

/** `(?:a|b|c)` */
export const any = (...alternatives: string[]) => `(?:${alternatives.join('|')})`;

/** Up to `n` intervening words (and an optional comma or colon) between two parts of a phrase. */
export const gap = (n: number) => String.raw`[,;:]?(?:\s+\S+){0,${n}}?\s+`;

export function rule(
  id: string,
  category: InjectionCategory,
  severity: Severity,
  source: string,
  options: { unlessNegated?: boolean; unlessVerbNegated?: boolean } = {},
): InjectionRule {
  return { id, category, severity, pattern: new RegExp(source, 'gm'), ...options };
}

const NEGATION_BEFORE = /\b(?:never|not|no\s+one|nobody|won't|don't|doesn't|didn't|cannot|can't|shouldn't|mustn't)\b[^.!?\n]*$/;
const NEGATION_WINDOW = 60;

const NEGATION_DIRECTLY_BEFORE = /\b(?:don't|do\s+not|never|not|won't|didn't|dont)\s+$/;

/** Whether the word at `index` is directly negated ("don't forget…"). */
export function verbNegatedAt(text: string, index: number): boolean {
  return NEGATION_DIRECTLY_BEFORE.test(text.slice(Math.max(0, index - 16), index));
}

/** Whether a negation appears shortly before `index` in the same sentence. */
export function negatedAt(text: string, index: number): boolean {
  return NEGATION_BEFORE.test(text.slice(Math.max(0, index - NEGATION_WINDOW), index));
}

// Vocabulary shared by several rule files.

export const AI = any(
  'ai', 'a\\.i\\.', 'llm', 'llms', 'chatbot', 'chatbots', 'language\\s+models?', 'ai\\s+(?:assistant|agent|model|system)s?',
  'assistants?', 'agents?', 'gpt', 'claude', 'gemini', 'copilot', 'bots?',
);

export const SECRET = any(
  'api[\\s_-]?keys?', 'secret\\s+keys?', 'access\\s+(?:tokens?|keys?)', 'auth(?:entication)?\\s+tokens?',
  'bearer\\s+tokens?', 'session\\s+(?:tokens?|cookies?)', 'refresh\\s+tokens?', 'oauth\\s+tokens?', 'passwords',
  'passphrases?', 'credentials', 'login\\s+details', 'private\\s+keys?', 'ssh\\s+keys?', 'secrets',
  '(?:the\\s+|your\\s+)?vault', 'keychain', 'keyring', 'env(?:ironment)?\\s+variables', '\\.env\\b(?:\\s+files?)?',
  'config(?:uration)?\\s+files?', 'config\\.json', 'system\\s+prompt', '(?:initial|original|hidden|previous)\\s+(?:instructions|prompt)',
  'memory\\s+files?', '(?:your|the\\s+user\'?s?|all|stored|saved)\\s+memor(?:y|ies)', '(?:conversation|chat)\\s+(?:history|logs?)',
  '(?:the\\s+)?user\'?s?\\s+(?:password|passwords|credentials|keys|tokens|data|files|emails|contacts)',
  '(?:stored|saved|cached)\\s+(?:passwords?|credentials?|keys?|tokens?|cards?)',
);

/** A place data can be sent to: a URL, an e-mail address, or a named endpoint. */
export const DESTINATION = any(
  'https?:\\/\\/', 'www\\.', '[\\w.+-]+@[\\w-]+\\.[\\w.]+', 'webhook', 'endpoint',
  '(?:this|that|the\\s+following|my|our|an?\\s+external|the\\s+external|this\\s+external)\\s+(?:url|address|endpoint|server|webhook|link|site|email\\s+address|inbox|domain)',
);

/** A tool or function name as models see them: snake_case, dotted or namespaced, not a call `f(`. */
export const TOOL_NAME = String.raw`[\x60"'“]?[a-z][a-z0-9]*(?:[_.:][a-z0-9]+)+[\x60"'”]?(?![\w(])`;
