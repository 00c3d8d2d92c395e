import { createRequire } from 'node:module';
import type blessed from 'blessed';

/**
 * The two blessed widgets the dashboard uses, loaded directly: `require('blessed')` loads every
 * widget blessed has (~5 ms more on the first-frame path). Types still come from @types/blessed.
 */
const require = createRequire(import.meta.url);

type Compile = (this: unknown, info: unknown, key: string, str: unknown) => unknown;
const Tput = require('blessed/lib/tput') as { prototype: { _compile: Compile } };
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
const ScreenCtor = require('blessed/lib/widgets/screen') as new (o: blessed.Widgets.IScreenOptions) => blessed.Widgets.Screen;
const BoxCtor = require('blessed/lib/widgets/box') as new (o: blessed.Widgets.BoxOptions) => blessed.Widgets.BoxElement;

export function screen(options: blessed.Widgets.IScreenOptions): blessed.Widgets.Screen {
  return new ScreenCtor(options);
}

export function box(options: blessed.Widgets.BoxOptions): blessed.Widgets.BoxElement {
  return new BoxCtor(options);
}
