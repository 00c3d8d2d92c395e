/**
 * Render throughput of the chat while a reply streams: 20,000 tokens of mixed markdown into a
 * conversation that already holds 2,000 messages, drawn by the real widgets into a blessed screen on
 * a null terminal (120×40). Baseline in the same run: the same tokens through the store with no drawing.
 */
import { DEFAULT_BINDINGS, createKeymap } from '../app/input/keymap.js';
import type { ChatMessage } from '../app/store/state.js';
import { createStore } from '../app/store/store.js';
import { BUILTIN_THEMES } from '../themes/builtin.js';
import { buildTheme } from '../themes/resolve-theme.js';
import { mountDashboard } from '../widgets/dashboard.js';
import { fakeTerminal } from '../test/helpers/fake-terminal.js';
import { testState } from '../test/helpers/state.js';

const HISTORY = 2000;
const TOKENS = 20000;
const TOKENS_PER_FRAME = 8;

const PARAGRAPHS = [
  'Here is **bold** text, some `inline code`, and a [link](https://example.com/docs).',
  '## A heading\n\n- first item\n- second item with *emphasis*\n- third',
  '```ts\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n```',
  '| name | value |\n|------|-------|\n| a    | 1     |\n| b    | 2     |',
  '> A quote that goes on for a while to make the line wrap around the pane width at least once or twice.',
];

function tokens(): string[] {
  const out: string[] = [];
  let p = 0;
  while (out.length < TOKENS) {
    const words = PARAGRAPHS[p++ % PARAGRAPHS.length]!.split(/(?<=\s)/);
    out.push(...words, '\n\n');
  }
  return out.slice(0, TOKENS);
}

function history(): ChatMessage[] {
  return Array.from({ length: HISTORY }, (_, i) => ({
    id: `h${i}`,
    role: i % 2 ? 'assistant' : 'user',
    text: i % 2 ? PARAGRAPHS[i % PARAGRAPHS.length]! : `question number ${i}`,
    status: i % 2 ? 'complete' : undefined,
  }));
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export async function benchChatRender(): Promise<Record<string, unknown>> {
  // The dashboard runs on a terminal, where chalk colours and cli-highlight highlights; the benchmark's
  // stdout is a pipe, so ask for colour explicitly (read when the markdown modules load).
  process.env.FORCE_COLOR ??= '3';
  const toks = tokens();
  // baseline: the store alone
  const bare = createStore({ ...testState(), chat: { ...testState().chat, messages: history() } });
  const b0 = performance.now();
  bare.dispatch({ type: 'chat/assistantStart', id: 'r' });
  for (const t of toks) bare.dispatch({ type: 'chat/assistantDelta', id: 'r', text: t });
  const storeOnlyMs = performance.now() - b0;

  const term = fakeTerminal(120, 40);
  const store = createStore({ ...testState(), chat: { ...testState().chat, messages: history() } });
  const dash = mountDashboard({ store, keymap: createKeymap(DEFAULT_BINDINGS), theme: buildTheme(BUILTIN_THEMES.dark!), input: term.input, output: term.output });
  await dash.loadMarkdown();
  dash.renderNow();
  const frames: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  store.dispatch({ type: 'chat/assistantStart', id: 'r' });
  for (let i = 0; i < toks.length; i++) {
    store.dispatch({ type: 'chat/assistantDelta', id: 'r', text: toks[i]! });
    if (i % TOKENS_PER_FRAME === TOKENS_PER_FRAME - 1) {
      const f0 = performance.now();
      dash.renderNow();
      frames.push(performance.now() - f0);
    }
  }
  store.dispatch({ type: 'chat/assistantEnd', id: 'r', status: 'complete' });
  dash.renderNow();
  const totalMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  dash.destroy();
  frames.sort((a, b) => a - b);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    setup: `${HISTORY} messages of history, ${TOKENS} tokens streamed, a frame every ${TOKENS_PER_FRAME} tokens, 120×40`,
    tokens_per_second: Math.round(TOKENS / (totalMs / 1000)),
    target_tokens_per_second: 2000,
    frames: frames.length,
    frame_ms_p50: round(pct(frames, 0.5)),
    frame_ms_p99: round(pct(frames, 0.99)),
    frame_ms_max: round(frames.at(-1)!),
    target_frame_ms_p99: 16,
    cpu_seconds_per_1000_tokens: round(cpuSeconds / (TOKENS / 1000), 3),
    baseline_store_only_ms: round(storeOnlyMs),
    total_ms: round(totalMs),
    ratio_total_to_store_only: round(totalMs / storeOnlyMs),
  };
}
