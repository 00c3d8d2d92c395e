import yargs from 'yargs';
import { configCommand } from './commands/config.js';
import { runDashboard } from './commands/dashboard.js';
import { vaultCommand } from './commands/vault.js';
import { pyraVersion } from './version.js';

/** The full command line (everything but the bare dashboard start, which main takes directly). */
export async function runCli(argv: string[]): Promise<void> {
  const parser = yargs(argv)
    .scriptName('pyra')
    .usage('Usage: $0 [command] [options]\n\nWith no command, opens the dashboard.')
    .command(
      '$0',
      'Open the dashboard',
      (y) => y,
      async (args) => runDashboard({ theme: args.theme as string | undefined }),
    )
    .command(configCommand)
    .command(vaultCommand)
    .option('theme', { type: 'string', describe: 'Theme: dark, light, high-contrast, no-color, or one of yours', global: false })
    .completion('completion', 'Print a shell completion script (bash/zsh)')
    .version(pyraVersion())
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .strict()
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`pyra: ${msg}\n\n`);
      y.showHelp((s: string) => process.stderr.write(s + '\n'));
      process.exit(2);
    });
  await parser.parseAsync();
}
