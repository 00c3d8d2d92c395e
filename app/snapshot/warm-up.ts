import { PassThrough, Writable } from 'node:stream';
import { DEFAULT_BINDINGS, createKeymap } from '../input/keymap.js';
import { createStore } from '../store/store.js';
import { initialState } from '../store/state.js';
import { BUILTIN_THEMES } from '../../themes/builtin.js';
import { buildTheme } from '../../themes/resolve-theme.js';
import { mountDashboard } from '../../widgets/dashboard.js';

/**
 * Runs the first-frame code once while the start-up snapshot is built, on streams that go nowhere,
 * so V8 has compiled it by the time the snapshot is taken: a start from the snapshot then draws its
 * first frame without compiling it again. Leaves no screen, timer or process listener behind.
 *
 * It must not start a timer at all, not even one it clears again: Node's timer lists then go into
 * the snapshot half-updated, and a process started from it may never run a timer (seen as a
 * dashboard whose services never load). Timers are refused here, so the build fails instead.
 */
export function warmUpDashboard(): void {
  const saved = { setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval, setImmediate: globalThis.setImmediate };
  const refuse = (name: string) => () => {
    throw new Error(`the snapshot warm-up must not call ${name} (see app/snapshot/warm-up.ts)`);
  };
  Object.assign(globalThis, { setTimeout: refuse('setTimeout'), setInterval: refuse('setInterval'), setImmediate: refuse('setImmediate') });
  try {
    drawOnce();
  } finally {
    Object.assign(globalThis, saved);
  }
}

function drawOnce(): void {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  const output = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { isTTY: true, columns: 120, rows: 40 });
  const store = createStore(
    initialState({ version: '0.0.0', cols: 120, rows: 40, theme: 'dark', memoryRoot: '/nonexistent/memory', pluginsDir: '/nonexistent/plugins' }),
  );
  const dashboard = mountDashboard({ store, keymap: createKeymap(DEFAULT_BINDINGS), theme: buildTheme(BUILTIN_THEMES.dark!), input, output });
  try {
    dashboard.renderNow();
  } finally {
    dashboard.destroy();
    input.destroy();
    output.destroy();
  }
}
