import yargs from 'yargs';
import { configCommand } from './commands/config.js';
import { runDashboard } from './commands/dashboard.js';
import { askCommand } from './commands/ask.js';
import { mcpCommand } from './commands/mcp.js';
import { memoryCommand } from './commands/memory.js';
import { pluginCommand } from './commands/plugin.js';
import { toolCommand } from './commands/tool.js';
import { securityCommand } from './commands/security.js';
import { setupCommand } from './commands/setup.js';
import { vaultCommand } from './commands/vault.js';
import { pyraVersion } from './version.js';

const COMMANDS = [askCommand, setupCommand, memoryCommand, pluginCommand, toolCommand, mcpCommand, vaultCommand, securityCommand, configCommand];

function shortUsage(): string {
  const names = COMMANDS.map((c) => String(c.command).split(' ')[0]).concat('completion');
  return `Usage: pyra [command] [options]   (no command: the dashboard)\nCommands: ${names.join(', ')}\nRun \`pyra --help\` or \`pyra <command> --help\` for details.\n`;
}

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
    .command(COMMANDS)
    .option('theme', { type: 'string', describe: 'Theme: dark, light, high-contrast, no-color, or one of yours', global: false })
    .completion('completion', 'Print a shell completion script (bash/zsh)')
    .version(pyraVersion())
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .strict()
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`pyra: ${msg}\n\n${shortUsage()}`);
      process.exit(2);
    });
  await parser.parseAsync();
}
