/**
 * One plugin started on its own, outside the host, for a one-off job: running its `setup(ctx)`
 * (questions go to `prompter`: a masked terminal prompt or a dashboard modal; what it stores lands in
 * its own vault namespace) or listing its tools. Works for enabled and disabled plugins alike; the
 * process is stopped afterwards.
 */
import { homePaths } from '../config/home.js';
import type { PluginSecrets } from '../vault/index.js';
import { PluginErrorLog } from './error-log.js';
import { refreshPluginSpec } from './host-sources.js';
import { PluginProcess, type Prompter } from './plugin-process.js';
import { RESULT_CAP_BYTES } from './result-text.js';
import { SourceFailure, type SourceInfo } from './source.js';

export interface StandaloneOptions {
  home: string;
  name: string;
  secrets: () => Promise<PluginSecrets>;
  loadTimeoutMs?: number;
}

export interface PluginSetupOptions extends StandaloneOptions {
  prompter: Prompter;
  /** The whole setup, prompts included (default 15 minutes). */
  setupTimeoutMs?: number;
}

export const DEFAULT_LOAD_TIMEOUT_MS = 5000;
const DEFAULT_SETUP_TIMEOUT_MS = 15 * 60 * 1000;

async function withStandalonePlugin<T>(options: StandaloneOptions, job: (process: PluginProcess, info: SourceInfo) => Promise<T>): Promise<T> {
  const errorLog = new PluginErrorLog(homePaths(options.home).pluginErrorsLog);
  const spec = refreshPluginSpec(options.home, options.name, errorLog);
  if (!spec || spec.kind !== 'plugin') throw new SourceFailure(`no plugin named ${options.name} is installed`);
  if (spec.plugin.problem || !spec.plugin.manifest) throw new SourceFailure(spec.plugin.problem ?? 'invalid plugin');
  const process = new PluginProcess({
    manifest: spec.plugin.manifest,
    dir: spec.plugin.dir,
    grantedReads: spec.grantedReads,
    loadTimeoutMs: options.loadTimeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS,
    resultCapBytes: RESULT_CAP_BYTES,
    errorLog,
    secrets: options.secrets,
  });
  try {
    return await job(process, await process.start());
  } finally {
    await process.stop();
  }
}

/** Resolves when setup finished (or the plugin has none); rejects with a SourceFailure saying why not. */
export function runPluginSetup(options: PluginSetupOptions): Promise<{ hadSetup: boolean }> {
  return withStandalonePlugin(options, async (process, info) => {
    if (!info.hasSetup) return { hadSetup: false };
    await process.setup(options.prompter, options.setupTimeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS);
    return { hadSetup: true };
  });
}

/** Starts the plugin just to see what it offers (its tools, slash commands, prompt addition). */
export function describePlugin(options: StandaloneOptions): Promise<SourceInfo> {
  return withStandalonePlugin(options, async (_process, info) => info);
}
