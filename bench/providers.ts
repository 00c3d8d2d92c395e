/**
 * Provider benchmark: the time-to-first-token overhead of Pyra's provider stack over a bare SDK call,
 * against the same scripted server in the same process, runs interleaved (alternating which goes
 * first). Pyra's side is timed from createProviderClient() to the first 'text' event, so it includes
 * making the client, the per-call SDK client, the transport guard and the frame checks. The key read
 * is excluded there (an in-memory reader); a file-vault read is measured on its own, because the
 * dashboard and `pyra ask` pay it once per call. Also reported: the cold import of each SDK.
 */
import { performance } from 'node:perf_hooks';
import { bootstrapHome } from '../app/config/home.js';
import { createProviderClient } from '../app/providers/index.js';
import { openVault } from '../app/vault/index.js';
import { makeTempHome } from '../test/helpers/temp-home.js';
import { startScriptedLlm, type ScriptedLlm } from '../test/helpers/scripted-llm-server.js';

const TARGET_OVERHEAD_MS = 5;
const KEY = 'sk-bench-0123456789';
const MESSAGES = [{ role: 'user' as const, content: 'Say hello.' }];

export interface ProvidersBenchOptions {
  /** Timed pairs per protocol, after the warm-up; at least 20. */
  repetitions?: number;
  log?: (line: string) => void;
}

interface Summary {
  median: number;
  p90: number;
  min: number;
  max: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median: round(median), p90: round(at(0.9)), min: round(sorted[0]!), max: round(sorted.at(-1)!) };
}

/** Milliseconds from `start()` to the first text it yields; the rest of the stream is drained, untimed. */
async function firstToken(start: () => Promise<AsyncIterable<string | undefined>>): Promise<number> {
  const t0 = performance.now();
  let first: number | undefined;
  for await (const text of await start()) {
    if (first === undefined && text) first = performance.now() - t0;
  }
  if (first === undefined) throw new Error('the stream produced no text');
  return first;
}

async function* mapped<T>(source: AsyncIterable<T>, text: (item: T) => string | undefined): AsyncIterable<string | undefined> {
  for await (const item of source) yield text(item);
}

interface Contender {
  name: string;
  run: () => Promise<number>;
}

async function bareOpenAi(llm: ScriptedLlm): Promise<Contender> {
  const { default: OpenAI } = await import('openai');
  const client = new OpenAI({ apiKey: KEY, baseURL: llm.openaiBaseUrl, maxRetries: 0 });
  return {
    name: 'bare',
    run: () =>
      firstToken(async () =>
        mapped(
          await client.chat.completions.create({ model: 'm', messages: MESSAGES, stream: true, stream_options: { include_usage: true } }),
          (chunk) => chunk.choices[0]?.delta?.content ?? undefined,
        ),
      ),
  };
}

async function bareOllama(llm: ScriptedLlm): Promise<Contender> {
  const { Ollama } = await import('ollama');
  const client = new Ollama({ host: llm.ollamaHost });
  return {
    name: 'bare',
    run: () =>
      firstToken(async () =>
        mapped(await client.chat({ model: 'm', messages: MESSAGES, stream: true }), (part) => part.message?.content || undefined),
      ),
  };
}

function pyra(settings: { id: string; baseUrl: string }): Contender {
  const readKey = async () => KEY;
  return {
    name: 'pyra',
    run: () =>
      firstToken(async () =>
        mapped(createProviderClient({ ...settings, model: 'm' }, readKey).stream({ model: 'm', messages: MESSAGES }), (event) =>
          event.type === 'text' ? event.delta : undefined,
        ),
      ),
  };
}

async function compare(bare: Contender, ours: Contender, repetitions: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 5; i++) {
    await bare.run();
    await ours.run();
  }
  const samples: Record<string, number[]> = { bare: [], pyra: [] };
  for (let i = 0; i < repetitions; i++) {
    const order = i % 2 === 0 ? [bare, ours] : [ours, bare];
    for (const c of order) samples[c.name]!.push(await c.run());
  }
  const bareSummary = summarize(samples.bare!);
  const pyraSummary = summarize(samples.pyra!);
  const overhead = round(pyraSummary.median - bareSummary.median);
  return {
    bare_sdk_ttft_ms: bareSummary,
    pyra_ttft_ms: pyraSummary,
    overhead_median_ms: overhead,
    target_overhead_ms: TARGET_OVERHEAD_MS,
    within_target: overhead <= TARGET_OVERHEAD_MS,
  };
}

async function timedImport(load: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await load();
  return round(performance.now() - t0);
}

/** One file-vault read with the default scrypt cost, as each call's readKey does it. */
async function fileVaultRead(runs: number): Promise<Summary> {
  const temp = makeTempHome('pyra-bench-vault-');
  try {
    bootstrapHome(temp.home);
    const env = { PYRA_VAULT_PASSPHRASE: 'bench passphrase for the file vault' };
    await (await openVault({ home: temp.home, backend: 'file', env })).set('provider:openai:api_key', KEY);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await (await openVault({ home: temp.home, backend: 'file', env })).get('provider:openai:api_key');
      samples.push(performance.now() - t0);
    }
    return summarize(samples);
  } finally {
    temp.cleanup();
  }
}

export async function benchProviders(options: ProvidersBenchOptions = {}): Promise<Record<string, unknown>> {
  const repetitions = Math.max(20, options.repetitions ?? 40);
  const log = options.log ?? (() => {});
  // First, before anything else in this process has loaded them.
  const openaiImport = await timedImport(() => import('openai'));
  const ollamaImport = await timedImport(() => import('ollama'));
  const llm = await startScriptedLlm({ fallback: { kind: 'reply', chunks: ['Hello', ' there', '!'], delayMs: 0 } });
  try {
    log(`providers: openai-compatible, ${repetitions} interleaved pairs`);
    const openai = await compare(await bareOpenAi(llm), pyra({ id: 'custom', baseUrl: llm.openaiBaseUrl }), repetitions);
    log(`providers: ollama, ${repetitions} interleaved pairs`);
    const ollama = await compare(await bareOllama(llm), pyra({ id: 'ollama', baseUrl: llm.ollamaHost }), repetitions);
    log('providers: file-vault key read');
    const vault = await fileVaultRead(5);
    return {
      method: 'median time to first token, createProviderClient()+stream() vs a bare SDK call, same scripted server, interleaved; key read excluded',
      repetitions,
      sdk_cold_import_ms: { openai: openaiImport, ollama: ollamaImport },
      openai_compatible: openai,
      ollama,
      file_vault_key_read_ms: vault,
    };
  } finally {
    await llm.close();
  }
}
