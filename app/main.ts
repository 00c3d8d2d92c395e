import { runDashboard } from './commands/dashboard.js';
import { ConfigError } from './config/config-file.js';
import { VaultSentinelError } from './vault/sentinel.js';

/** `pyra` alone, or with only `--theme NAME`, opens the dashboard without loading the CLI parser. */
function dashboardArgs(argv: string[]): { theme?: string } | null {
  if (argv.length === 0) return {};
  if (argv.length === 1 && argv[0]!.startsWith('--theme=')) return { theme: argv[0]!.slice('--theme='.length) };
  if (argv.length === 2 && argv[0] === '--theme' && !argv[1]!.startsWith('-')) return { theme: argv[1] };
  return null;
}

function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof VaultSentinelError) {
    process.stderr.write(`pyra: ${err.message}\n`);
    process.exit(1);
  }
  const e = err as Error & { exitCode?: number; name?: string };
  if (e?.name === 'StartupError') {
    process.stderr.write(`${e.message}\n`);
    process.exit(e.exitCode ?? 1);
  }
  process.stderr.write(`pyra: ${e?.stack ?? String(err)}\n`);
  process.exit(1);
}

export function main(argv: string[]): void {
  const dash = dashboardArgs(argv);
  const run = dash
    ? runDashboard(dash)
    : import('./cli.js').then((m) => m.runCli(argv));
  run.catch(fail);
}
