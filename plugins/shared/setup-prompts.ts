/** The question helpers both bundled plugins' setups use (esbuild inlines this into each bundle). */
import type { SetupContext } from '../../app/plugins/sdk.js';

export const MAX_TRIES = 5;

export const yes = (answer: string) => /^y(es)?$/i.test(answer.trim());

/** The runner reports a failed setup as "<name>: <message>". */
export function stopped(name: 'setup stopped' | 'setup cancelled', message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Asks until `check` accepts the answer (an empty answer takes `fallback`); gives up after 5 tries. */
export async function ask(ctx: SetupContext, label: string, fallback?: string, check?: (value: string) => string | null): Promise<string> {
  let problem: string | null = null;
  for (let i = 0; i < MAX_TRIES; i++) {
    const shown: string = problem ? `${problem} ${label}` : label;
    const answer: string = (await ctx.prompt({ label: shown, ...(fallback ? { default: fallback } : {}) })).trim() || fallback || '';
    problem = check ? check(answer) : answer ? null : 'An answer is needed.';
    if (!problem) return answer;
  }
  throw stopped('setup stopped', problem ?? 'no answer');
}
