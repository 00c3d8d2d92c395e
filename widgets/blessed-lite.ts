import type blessed from 'blessed';
import { boxModule, colorsModule, screenModule, tputModule } from './blessed-modules.js';

/*
 * The two blessed widgets the dashboard uses, loaded directly: `require('blessed')` loads every
 * widget blessed has (~5 ms more on the first-frame path). Types still come from @types/blessed.
 */

type Compile = (this: unknown, info: unknown, key: string, str: unknown) => unknown;
const Tput = tputModule as { prototype: { _compile: Compile } };
const compileNow = Tput.prototype._compile;
/**
 * blessed compiles all ~400 terminfo strings into functions (`new Function`) when a screen starts,
 * ~7 ms on the first-frame path, though a dashboard uses a few dozen. Compile each on first use.
 */
Tput.prototype._compile = function lazyCompile(this: unknown, info, key, str) {
  if (typeof str !== 'string' || str === '') return compileNow.call(this, info, key, str);
  const tput = this;
  let compiled: ((this: unknown, params: unknown) => unknown) | undefined;
  return function (this: unknown, params: unknown) {
    compiled ??= compileNow.call(tput, info, key, str) as typeof compiled;
    return compiled!.call(this, params);
  };
};
const ScreenCtor = screenModule as new (o: blessed.Widgets.IScreenOptions) => blessed.Widgets.Screen;
const BoxCtor = boxModule as new (o: blessed.Widgets.BoxOptions) => blessed.Widgets.BoxElement;

// blessed computes its 8-colour fallback table through the same cache it later uses for 256-colour
// lookups, so '#8a8a8a' comes back as yellow. Start the cache empty.
(colorsModule as { _cache: Record<number, number> })._cache = {};

/**
 * blessed cannot parse ncurses-6 extended terminfo entries (tmux-256color and others) and falls
 * back to an 8-colour xterm. Trust TERM/COLORTERM when they say the terminal has more.
 */
function trustColorDepth(s: blessed.Widgets.Screen, env: NodeJS.ProcessEnv): void {
  const tput = (s.program as unknown as { tput: { colors: number; numbers: Record<string, number> } }).tput;
  const claims256 = /256col|truecolor|direct/i.test(env.TERM ?? '') || /truecolor|24bit/i.test(env.COLORTERM ?? '');
  if (claims256 && tput.colors < 256) {
    tput.colors = 256;
    tput.numbers.colors = 256;
  }
}

export function screen(options: blessed.Widgets.IScreenOptions, env: NodeJS.ProcessEnv = process.env): blessed.Widgets.Screen {
  const s = new ScreenCtor(options);
  if (!options.output) trustColorDepth(s, env);
  return s;
}

export function box(options: blessed.Widgets.BoxOptions): blessed.Widgets.BoxElement {
  return new BoxCtor(options);
}
