/**
 * Plugin host benchmark: host start-up with one and with ten sandboxed plugins (copies of the bundled
 * time-and-units), the round trip of a tool call through the host (grant check, JSON-RPC to the
 * child and back, result capping), and the same for an external MCP server (server-everything over
 * stdio), each against same-run baselines: spawning `node -e 0` (plain and under the permission
 * model) and calling the plugin's handler directly in-process. Prints nothing on stdout; progress
 * goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrapHome, homePaths } from '../app/config/home.js';
import { updateMcpConfig } from '../app/plugins/mcp-config.js';
import { updatePluginEntry } from '../app/plugins/plugin-state.js';
import { bundledPluginsDir, repoRoot, runnerPath } from '../app/plugins/repo-root.js';
import { permissionFlag } from '../app/plugins/runner/launch.js';
import type { PluginDefinition, ToolContext } from '../app/plugins/sdk.js';
import { createToolHost, type PyraToolHost } from '../app/plugins/tool-host.js';
import type { ApprovalGrant } from '../app/plugins/types.js';
import { makeTempHome } from '../test/helpers/temp-home.js';

const CALLS = 300;
const DIRECT_CALLS = 5000;
const START_RUNS = 5;
const SPAWN_RUNS = 10;
const PLUGIN = 'time-and-units';
const ARGS = { value: 42, from: 'mi', to: 'km' };

const log = (line: string) => process.stderr.write(`bench: plugins: ${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(samples: number[]): { p50_ms: number; p99_ms: number; max_ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return { p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)), max_ms: round(sorted.at(-1)!) };
}

const median = (samples: number[]) => summary(samples).p50_ms;

function timeSpawn(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { env: {}, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
  return performance.now() - started;
}

/** A home with `count` enabled copies of the bundled plugin (named time-and-units, tu-1, tu-2, …). */
function homeWithPlugins(count: number): { home: string; cleanup: () => void; names: string[] } {
  const { home, cleanup } = makeTempHome('pyra-bench-plugins-');
  bootstrapHome(home);
  const names = Array.from({ length: count }, (_, i) => (i === 0 ? PLUGIN : `tu-${i}`));
  for (const name of names) {
    const dir = join(homePaths(home).plugins, name);
    cpSync(join(bundledPluginsDir(), PLUGIN), dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { name: string };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, name }));
    updatePluginEntry(home, name, (e) => (e.enabled = true));
  }
  return { home, cleanup, names };
}

const grants = new WeakSet<ApprovalGrant>();
function grant(toolId: string, args: unknown): ApprovalGrant {
  const g: ApprovalGrant = Object.freeze({ requestId: 'bench', toolId, args, decidedBy: 'user' as const });
  grants.add(g);
  return g;
}

function host(home: string): PyraToolHost {
  return createToolHost({
    home,
    verifyGrant: (g) => grants.has(g),
    vault: async () => {
      throw new Error('no vault in the benchmark');
    },
  });
}

async function timeStart(count: number): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    const { home, cleanup, names } = homeWithPlugins(count);
    const h = host(home);
    const started = performance.now();
    await h.start();
    samples.push(performance.now() - started);
    const loaded = h.plugins().filter((p) => p.state === 'loaded').length;
    await h.stop();
    cleanup();
    if (loaded !== names.length) throw new Error(`only ${loaded} of ${names.length} plugins loaded`);
  }
  return median(samples);
}

async function timeCalls(h: PyraToolHost, toolId: string, args: unknown, expect: string): Promise<ReturnType<typeof summary>> {
  for (let i = 0; i < 20; i++) await h.call(grant(toolId, args)); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const g = grant(toolId, args);
    const started = performance.now();
    const result = await h.call(g);
    samples.push(performance.now() - started);
    if (!result.ok || !result.text.includes(expect)) throw new Error(`unexpected result: ${JSON.stringify(result)}`);
  }
  return summary(samples);
}

async function directCalls(): Promise<ReturnType<typeof summary>> {
  const plugin = ((await import(join(bundledPluginsDir(), PLUGIN, 'plugin.mjs'))) as { default: PluginDefinition }).default;
  const convert = plugin.tools.find((t) => t.name === 'convert_units')!;
  const ctx = { plugin: PLUGIN, signal: new AbortController().signal, log: () => {}, secrets: {} } as unknown as ToolContext;
  const samples: number[] = [];
  for (let i = 0; i < DIRECT_CALLS; i++) {
    const started = performance.now();
    await convert.handler(ARGS, ctx);
    samples.push(performance.now() - started);
  }
  return summary(samples);
}

async function mcpFigures(): Promise<Record<string, unknown>> {
  const { home, cleanup } = makeTempHome('pyra-bench-mcp-');
  bootstrapHome(home);
  const everything = join(repoRoot(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
  updateMcpConfig(home, (servers) => {
    servers.everything = { transport: 'stdio', command: process.execPath, args: [everything, 'stdio'], env: {}, enabled: true };
  });
  const h = createToolHost({ home, verifyGrant: (g) => grants.has(g), include: { plugins: false, mcp: true } });
  const started = performance.now();
  await h.start();
  const startMs = performance.now() - started;
  try {
    return { start_ms: Math.round(startMs), echo_call: await timeCalls(h, 'everything__echo', { message: 'bench' }, 'bench') };
  } finally {
    await h.stop();
    cleanup();
  }
}

export async function benchPlugins(): Promise<Record<string, unknown>> {
  log('baselines');
  const plainSpawn = median(Array.from({ length: SPAWN_RUNS }, () => timeSpawn(['-e', '0'])));
  const sandboxSpawn = median(
    Array.from({ length: SPAWN_RUNS }, () => timeSpawn([permissionFlag(), `--allow-fs-read=${runnerPath()}`, '--disable-warning=ExperimentalWarning', '-e', '0'])),
  );
  const direct = await directCalls();

  log('host start with 1 and 10 plugins');
  const startOne = await timeStart(1);
  const startTen = await timeStart(10);

  log(`${CALLS} calls through the host`);
  const { home, cleanup } = homeWithPlugins(1);
  const h = host(home);
  await h.start();
  let calls: ReturnType<typeof summary>;
  try {
    calls = await timeCalls(h, `${PLUGIN}__convert_units`, ARGS, '42 mi = 67.592448 km');
  } finally {
    await h.stop();
    cleanup();
  }

  log('MCP server (server-everything, stdio)');
  const mcp = await mcpFigures();

  return {
    node: process.version,
    baseline: {
      spawn_node_e0_ms: plainSpawn,
      spawn_node_e0_with_permission_model_ms: sandboxSpawn,
      direct_in_process_call: direct,
    },
    host_start_1_plugin_ms: startOne,
    host_start_10_plugins_ms: startTen,
    tool_call_round_trip: { calls: CALLS, ...calls },
    mcp_stdio: mcp,
  };
}
