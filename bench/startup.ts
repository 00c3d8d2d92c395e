/**
 * Start-up benchmark: time from spawn to the first complete dashboard frame of `pyra` (bin/pyra, the
 * installed command, which starts the dashboard from the V8 start-up snapshot) in a 120×40 pty,
 * against the time a bare `node -e 0` takes to start and exit in the same pty (the baseline), and the
 * resident memory of pyra 2 s after its first frame against an idle bare node. Runs are interleaved
 * (alternating which goes first) so a noisy machine hurts both sides alike. The same start without
 * the snapshot (`node bin/pyra.js`) is measured too, to show what the snapshot saves.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { PYRA_BIN, startPty, startPyra } from '../test/helpers/pty-session.js';

const COLS = 120;
const ROWS = 40;
const RATIO_TARGET = 2.5;
const RSS_TARGET_MB = 70;
const RSS_DELAY_MS = 2000;
const FIRST_FRAME_TIMEOUT_MS = 15_000;

export interface StartupOptions {
  /** Timed pairs (pyra, bare node) after one discarded warm-up pair; at least 7. */
  repetitions?: number;
  /** Pyra runs whose memory is read, and as many idle-node baseline runs; at least 3. */
  rssRuns?: number;
  log?: (line: string) => void;
}

export interface Summary {
  median: number;
  p90: number;
  min: number;
  max: number;
  samples: number[];
}

export interface StartupResult {
  terminal: string;
  repetitions: number;
  warmup_runs: number;
  home: string;
  first_frame_marks: string[];
  pyra_first_frame_ms: Summary;
  pyra_without_snapshot_ms: Summary;
  snapshot_saves_ratio: number;
  node_bare_ms: Summary;
  ratio: number;
  ratio_target: number;
  ratio_ok: boolean;
  bare_blessed_three_boxes_ms: Summary;
  bare_blessed_ratio_to_node: number;
  pyra_ratio_to_bare_blessed: number;
  rss: {
    runs: number;
    delay_after_first_frame_ms: number;
    pyra_mb: Summary;
    pyra_peak_mb: Summary;
    node_idle_mb: Summary;
    target_mb: number;
    ok: boolean;
  };
}

const FIRST_FRAME_MARKS = ['Chat', 'Memory', 'Plugins', 'F1 (help bar)'];

/** All three pane titles on screen and the help bar's F1 on the last row. */
function isFirstFrame(screen: string): boolean {
  const rows = screen.split('\n');
  return ['Chat', 'Memory', 'Plugins'].every((title) => screen.includes(title)) && (rows.at(-1) ?? '').includes('F1');
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    median: round(median),
    p90: round(at(0.9)),
    min: round(sorted[0]!),
    max: round(sorted.at(-1)!),
    samples: samples.map((s) => round(s)),
  };
}

/** VmRSS and VmHWM of a process, in MB, from /proc/<pid>/status. */
function readMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`${name} missing from /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Spawn → first complete frame of pyra; with `rssAfterMs`, also its memory that long afterwards. */
async function runPyra(rssAfterMs?: number, withoutSnapshot = false): Promise<{ ms: number; memory?: { rss: number; peak: number } }> {
  const session = withoutSnapshot
    ? startPty({ file: process.execPath, args: [PYRA_BIN], cols: COLS, rows: ROWS })
    : await startPyra({ cols: COLS, rows: ROWS });
  try {
    const frame = await session.waitForScreen(isFirstFrame, 'the first complete dashboard frame', {
      timeout: FIRST_FRAME_TIMEOUT_MS,
    });
    const ms = frame.at - session.spawnedAt;
    if (rssAfterMs === undefined) return { ms };
    await sleep(rssAfterMs);
    if (session.hasExited) throw new Error('pyra exited before its memory could be read');
    return { ms, memory: readMemoryMb(session.pid) };
  } finally {
    await session.close();
  }
}

/** Spawn → exit of a bare `node -e 0` in the same kind of pty. */
async function runBareNode(): Promise<number> {
  const session = startPty({ file: process.execPath, args: ['-e', '0'], cols: COLS, rows: ROWS });
  try {
    const exit = await Promise.race([session.exited, sleep(FIRST_FRAME_TIMEOUT_MS).then(() => undefined)]);
    if (!exit || session.exitedAt === undefined) throw new Error('bare node did not exit in time');
    if (exit.exitCode !== 0) throw new Error(`bare node exited with code ${exit.exitCode}`);
    return session.exitedAt - session.spawnedAt;
  } finally {
    await session.close();
  }
}

/**
 * A second baseline: a bare blessed app with three bordered, labelled boxes and a help line (what the
 * issue's 1.9–2.0× figure was measured on), spawn → its frame on screen.
 */
const BARE_BLESSED = `
const blessed = require(process.argv[1]);
const s = blessed.screen({ smartCSR: true, fullUnicode: true });
blessed.box({ parent: s, label: ' Chat ', border: 'line', width: '60%', height: '100%-2' });
blessed.box({ parent: s, label: ' Memory ', border: 'line', left: '60%', width: '40%', height: '50%' });
blessed.box({ parent: s, label: ' Plugins ', border: 'line', left: '60%', top: '50%', width: '40%', height: '50%-2' });
blessed.box({ parent: s, bottom: 0, height: 1, content: 'F1 help' });
s.render();
s.key('C-c', () => process.exit(0));
`;

async function runBareBlessed(): Promise<number> {
  const blessedDir = fileURLToPath(new URL('../node_modules/blessed', import.meta.url));
  const session = startPty({ file: process.execPath, args: ['-e', BARE_BLESSED, blessedDir], cols: COLS, rows: ROWS });
  try {
    const frame = await session.waitForScreen(isFirstFrame, 'the bare blessed frame', { timeout: FIRST_FRAME_TIMEOUT_MS });
    return frame.at - session.spawnedAt;
  } finally {
    await session.close();
  }
}

/** Memory of an idle bare node (a pending timer keeps it alive) after the same delay. */
async function runIdleNode(delayMs: number): Promise<{ rss: number; peak: number }> {
  const session = startPty({ file: process.execPath, args: ['-e', 'setTimeout(() => {}, 600000)'], cols: COLS, rows: ROWS });
  try {
    await sleep(delayMs);
    return readMemoryMb(session.pid);
  } finally {
    await session.close();
  }
}

export async function benchStartup(options: StartupOptions = {}): Promise<StartupResult> {
  const repetitions = Math.max(7, options.repetitions ?? 9);
  const rssRuns = Math.max(3, options.rssRuns ?? 3);
  const log = options.log ?? (() => {});
  const pyraMs: number[] = [];
  const nodeMs: number[] = [];
  const blessedMs: number[] = [];
  const esmMs: number[] = [];

  log('startup: warm-up run of bin/pyra.js and bare node');
  await runPyra();
  await runBareNode();

  for (let rep = 0; rep < repetitions; rep++) {
    const pyraFirst = rep % 2 === 0;
    if (pyraFirst) pyraMs.push((await runPyra()).ms);
    nodeMs.push(await runBareNode());
    if (!pyraFirst) pyraMs.push((await runPyra()).ms);
    blessedMs.push(await runBareBlessed());
    esmMs.push((await runPyra(undefined, true)).ms);
    log(`startup: ${rep + 1}/${repetitions} pyra ${pyraMs.at(-1)!.toFixed(0)} ms, bare node ${nodeMs.at(-1)!.toFixed(0)} ms`);
  }

  const pyraRss: number[] = [];
  const pyraPeak: number[] = [];
  const nodeRss: number[] = [];
  for (let run = 0; run < rssRuns; run++) {
    const { memory } = await runPyra(RSS_DELAY_MS);
    pyraRss.push(memory!.rss);
    pyraPeak.push(memory!.peak);
    nodeRss.push((await runIdleNode(RSS_DELAY_MS)).rss);
    log(`startup: memory ${run + 1}/${rssRuns} pyra ${pyraRss.at(-1)!.toFixed(1)} MB, idle node ${nodeRss.at(-1)!.toFixed(1)} MB`);
  }

  const pyraSummary = summarize(pyraMs);
  const nodeSummary = summarize(nodeMs);
  const ratio = round(pyraSummary.median / nodeSummary.median, 2);
  const rssSummary = summarize(pyraRss);
  return {
    terminal: `node-pty ${COLS}×${ROWS}, xterm-256color, @xterm/headless`,
    repetitions,
    warmup_runs: 1,
    home: 'a fresh temporary PYRA_HOME per run (first-run path: the home tree is created)',
    first_frame_marks: FIRST_FRAME_MARKS,
    pyra_first_frame_ms: pyraSummary,
    pyra_without_snapshot_ms: summarize(esmMs),
    snapshot_saves_ratio: round(1 - pyraSummary.median / summarize(esmMs).median, 2),
    node_bare_ms: nodeSummary,
    ratio,
    ratio_target: RATIO_TARGET,
    ratio_ok: ratio <= RATIO_TARGET,
    bare_blessed_three_boxes_ms: summarize(blessedMs),
    bare_blessed_ratio_to_node: round(summarize(blessedMs).median / nodeSummary.median, 2),
    pyra_ratio_to_bare_blessed: round(pyraSummary.median / summarize(blessedMs).median, 2),
    rss: {
      runs: rssRuns,
      delay_after_first_frame_ms: RSS_DELAY_MS,
      pyra_mb: rssSummary,
      pyra_peak_mb: summarize(pyraPeak),
      node_idle_mb: summarize(nodeRss),
      target_mb: RSS_TARGET_MB,
      ok: rssSummary.median <= RSS_TARGET_MB,
    },
  };
}
