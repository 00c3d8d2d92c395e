import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_MAIN, closeAll } from './pty-session.js';
import { startScriptedLlm, type ScriptedLlm } from './scripted-llm-server.js';
import { makeTempHome, type TempHome } from './temp-home.js';

export interface ScriptedE2e {
  /** the scripted LLM server of the current test */
  readonly llm: ScriptedLlm;
  /** A home used before: its config points at the scripted server (OpenAI-compatible), mode 600. */
  home(): string;
  /** The temporary HOME folder around the last home() (for editors, fixtures). */
  readonly dir: string;
}

/**
 * The hooks every pty test against a scripted model needs: the built binary must exist, a fresh
 * scripted LLM per test, every pyra closed and every temporary home removed afterwards.
 */
export function useScriptedE2e(prefix: string): ScriptedE2e {
  let llm: ScriptedLlm | null = null;
  let lastDir = '';
  const homes: TempHome[] = [];
  before(function () {
    if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  });
  beforeEach(async () => {
    llm = await startScriptedLlm();
  });
  afterEach(async () => {
    await closeAll();
    await llm?.close();
  });
  after(() => {
    while (homes.length) homes.pop()!.cleanup();
  });
  return {
    get llm() {
      if (!llm) throw new Error('the scripted LLM starts in beforeEach');
      return llm;
    },
    get dir() {
      return lastDir;
    },
    home() {
      const t = makeTempHome(prefix);
      homes.push(t);
      lastDir = t.home;
      const home = join(t.home, '.pyra');
      mkdirSync(home, { mode: 0o700 });
      writeFileSync(join(home, 'config.json'), JSON.stringify({ provider: { id: 'custom', baseUrl: this.llm.openaiBaseUrl, model: 'scripted-model' } }), { mode: 0o600 });
      return home;
    },
  };
}
