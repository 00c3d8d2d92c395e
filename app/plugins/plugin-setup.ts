/**
 * Running a plugin's `setup(ctx)`: the plugin is started on its own (enabled or not), its questions
 * go to `prompter` (a masked terminal prompt, or a dashboard modal), and what it stores lands in its
 * own vault namespace. The process is stopped afterwards.
 */
import { homePaths } from '../config/home.js';
import type { PluginSecrets } from '../vault/index.js';
import { PluginErrorLog } from './error-log.js';
import { refreshPluginSpec } from './host-sources.js';
import { PluginProcess, type Prompter } from './plugin-process.js';
import { RESULT_CAP_BYTES } from './result-text.js';
import { SourceFailure } from './source.js';

export interface PluginSetupOptions {
  home: string;
  name: string;
  prompter: Prompter;
  secrets: () => Promise<PluginSecrets>;
  loadTimeoutMs?: number;
  /** The whole setup, prompts included (default 15 minutes). */
  setupTimeoutMs?: number;
}

export const DEFAULT_LOAD_TIMEOUT_MS = 5000;
const DEFAULT_SETUP_TIMEOUT_MS = 15 * 60 * 1000;

/** Resolves when setup finished; rejects with a SourceFailure saying why it could not run or failed. */
export async function runPluginSetup(options: PluginSetupOptions): Promise<{ hadSetup: boolean }> {
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
    const info = await process.start();
    if (!info.hasSetup) return { hadSetup: false };
    await process.setup(options.prompter, options.setupTimeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS);
    return { hadSetup: true };
  } finally {
    await process.stop();
  }
}
