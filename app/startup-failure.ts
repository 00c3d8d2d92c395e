import { ConfigError } from './config/config-file.js';
import { VaultSentinelError } from './vault/sentinel.js';

/** Prints why Pyra could not run and exits: a short line for problems the user must fix, else the stack. */
export function exitWithStartupFailure(err: unknown): never {
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
