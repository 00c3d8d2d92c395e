/**
 * `npm run bench`: runs every benchmark section and prints ONE JSON document on stdout; progress goes
 * to stderr. Start-up always runs; other sections are optional modules loaded when present (a section
 * whose module does not exist yet is listed under "missing"). A section that fails is reported with its
 * error and makes the exit code 1, after the JSON is printed.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchStartup } from './startup.js';

interface OptionalSection {
  name: string;
  /** Module path relative to this file. */
  module: string;
  /** Name of the exported async function that returns the section's figures. */
  entry: string;
}

const OPTIONAL_SECTIONS: OptionalSection[] = [
  { name: 'scanner', module: './scanner.js', entry: 'benchScanner' },
  { name: 'chat_render', module: './chat-render.js', entry: 'benchChatRender' },
  { name: 'providers', module: './providers.js', entry: 'benchProviders' },
  { name: 'memory', module: './memory.js', entry: 'benchMemory' },
  { name: 'memory_pane', module: './memory-pane.js', entry: 'benchMemoryPane' },
  { name: 'approvals', module: './approvals.js', entry: 'benchApprovals' },
  { name: 'plugins', module: './plugins.js', entry: 'benchPlugins' },
];

type SectionModule = Record<string, unknown>;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Loads an optional section; undefined only when the section's own module does not exist. */
async function loadSection(section: OptionalSection): Promise<SectionModule | undefined> {
  const url = new URL(section.module, import.meta.url);
  try {
    return (await import(url.href)) as SectionModule;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const ownModuleMissing = code === 'ERR_MODULE_NOT_FOUND' && errorText(error).includes(fileURLToPath(url));
    if (ownModuleMissing) return undefined;
    throw error;
  }
}

type SectionOutcome = { missing: true } | { missing: false; result: unknown };

async function runOptionalSection(section: OptionalSection): Promise<SectionOutcome> {
  const loaded = await loadSection(section);
  if (!loaded) return { missing: true };
  const entry = loaded[section.entry];
  if (typeof entry !== 'function') throw new Error(`${section.module} does not export ${section.entry}()`);
  log(`${section.name}: running`);
  return { missing: false, result: await (entry as () => Promise<unknown>)() };
}

async function main(): Promise<void> {
  const report: Record<string, unknown> = {
    machine: { node: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model ?? 'unknown', loadavg: loadavg() },
  };
  const missing: string[] = [];
  const failed: string[] = [];

  try {
    report.startup = await benchStartup({ log });
  } catch (error) {
    report.startup = { error: errorText(error) };
    failed.push('startup');
  }

  for (const section of OPTIONAL_SECTIONS) {
    try {
      const outcome = await runOptionalSection(section);
      if (outcome.missing) missing.push(section.name);
      else report[section.name] = outcome.result;
    } catch (error) {
      report[section.name] = { error: errorText(error) };
      failed.push(section.name);
    }
  }

  report.missing = missing;
  if (failed.length > 0) report.failed = failed;
  (report.machine as Record<string, unknown>).loadavg_after = loadavg();
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  if (failed.length > 0) process.exitCode = 1;
}

await main();
