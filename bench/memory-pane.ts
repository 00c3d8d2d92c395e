/**
 * The Memory pane over 10,000 notes: time to open the pane (catalog → visible rows → frame) and to
 * move the selection (with its preview read), drawn by the real widgets on a null 120×40 terminal.
 * Baseline in the same run: one frame of the dashboard with the chat focused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BINDINGS, createKeymap } from '../app/input/keymap.js';
import { MemoryStore } from '../app/memory/memory-store.js';
import { createMemoryActions } from '../app/memory-ui/memory-actions.js';
import { createStore } from '../app/store/store.js';
import { BUILTIN_THEMES } from '../themes/builtin.js';
import { buildTheme } from '../themes/resolve-theme.js';
import { mountDashboard, type DashboardServices } from '../widgets/dashboard.js';
import { fakeTerminal } from '../test/helpers/fake-terminal.js';
import { testState } from '../test/helpers/state.js';
import { makeCorpus, writeCorpus } from './memory.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;
const round = (n: number) => Math.round(n * 100) / 100;

export async function benchMemoryPane(): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), 'pyra-bench-pane-'));
  try {
    writeCorpus(home, makeCorpus());
    const memory = await MemoryStore.open({ home, search: false });
    const term = fakeTerminal(120, 40);
    const store = createStore(testState());
    const services: DashboardServices = {};
    const dash = mountDashboard({ store, keymap: createKeymap(DEFAULT_BINDINGS), theme: buildTheme(BUILTIN_THEMES.dark!), input: term.input, output: term.output, services });
    dash.renderNow();
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) {
      store.dispatch({ type: 'chat/insert', text: 'x' });
      const t = performance.now();
      dash.renderNow();
      baseline.push(performance.now() - t);
    }
    const actions = createMemoryActions(store, memory, async (run) => run());
    services.memory = actions;
    store.dispatch({ type: 'memory/ready', pinned: [] });
    for (const folder of ['knowledge', 'knowledge/topic-00', 'context']) store.dispatch({ type: 'memory/toggleFolder', name: folder, open: true });
    const t0 = performance.now();
    store.dispatch({ type: 'ui/focus', pane: 'memory' });
    actions.move(0);
    dash.renderNow();
    const openMs = performance.now() - t0;
    const moves: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      actions.move(i % 50 < 40 ? 1 : -1);
      dash.renderNow();
      moves.push(performance.now() - t);
    }
    const rows = actions.view.rows().length;
    dash.destroy();
    await memory.close();
    return {
      setup: `10,000 notes, ${rows} visible rows (three folders open), 120×40`,
      pane_open_ms: round(openMs),
      target_pane_open_ms: 100,
      move_selection_ms_p50: round(median(moves)),
      move_selection_ms_p99: round(p99(moves)),
      baseline_chat_frame_ms_p50: round(median(baseline)),
      ratio_move_to_chat_frame: round(median(moves) / median(baseline)),
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
