/**
 * `pyra plugin list|install|enable|disable|setup|tools|remove`. Plugins run in sandboxed child
 * processes (app/plugins/); these commands manage what is installed and enabled, run a plugin's
 * setup at the terminal (secrets typed masked, stored in the vault under plugin:<name>:*), and show
 * what each plugin offers. Exit codes: 0 ok, 1 the operation failed, 2 usage error.
 * The run* functions take their streams and environment as arguments (tests).
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { homePaths } from '../config/home.js';
import { discoverPlugins, inspectPluginFolder } from '../plugins/discovery.js';
import { InstallError, installPlugin, listBundledPlugins } from '../plugins/install.js';
import { isValidName } from '../plugins/names.js';
import { checkGrantablePath, forgetPlugin, pluginEntry, updatePluginEntry } from '../plugins/plugin-state.js';
import { supportsNetworkPermission } from '../plugins/runner/launch.js';
import { describePlugin, runPluginSetup } from '../plugins/standalone-plugin.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, cliHome, cliVault, processIO, terminalPrompter, type CliIO } from '../plugins/terminal-io.js';
import { createToolHost } from '../plugins/tool-host.js';
import type { PluginStatus } from '../plugins/types.js';

function fail(io: CliIO, message: string, code = EXIT_FAILURE): number {
  io.stderr.write(`pyra plugin: ${message}\n`);
  return code;
}

function secretsOf(io: CliIO, home: string, name: string, ask: boolean) {
  const vault = cliVault(io, home, { ask });
  return async () => (await vault()).forPlugin(name);
}

function statusLine(status: PluginStatus, width: number): string {
  const tools = status.state === 'loaded' ? `${status.tools.length} tool${status.tools.length === 1 ? '' : 's'}` : '';
  const detail = status.state === 'loaded' ? status.description ?? '' : status.reason ?? '';
  return `${status.name.padEnd(width)}  ${(status.version ?? '').padEnd(8)}  ${status.state.padEnd(8)}  ${tools.padEnd(8)}  ${detail}`.trimEnd();
}

/** Lists installed plugins with their real state: enabled ones are started to see whether they load. */
export async function runPluginList(io: CliIO, options: { json?: boolean; start?: boolean } = {}): Promise<number> {
  const home = cliHome(io);
  let statuses: PluginStatus[];
  if (options.start === false) {
    statuses = discoverPlugins(home).map((p) => ({
      name: p.name,
      kind: 'plugin' as const,
      ...(p.manifest ? { version: p.manifest.version, description: p.manifest.description } : {}),
      state: p.problem ? ('failed' as const) : pluginEntry(home, p.name).enabled ? ('starting' as const) : ('disabled' as const),
      ...(p.problem ? { reason: p.problem } : {}),
      tools: [],
      slashCommands: [],
    }));
  } else {
    const host = createToolHost({ home, include: { plugins: true, mcp: false }, vault: cliVault(io, home, { ask: false }) });
    await host.start();
    statuses = host.plugins();
    await host.stop();
  }
  if (options.json) {
    io.stdout.write(JSON.stringify(statuses, null, 2) + '\n');
    return EXIT_OK;
  }
  const installed = new Set(statuses.map((s) => s.name));
  const available = listBundledPlugins().filter((p) => !installed.has(p.name));
  const width = Math.max(4, ...statuses.map((s) => s.name.length), ...available.map((p) => p.name.length));
  if (statuses.length === 0) io.stdout.write('No plugins installed.\n');
  for (const status of statuses) io.stdout.write(statusLine(status, width) + '\n');
  if (available.length > 0) {
    io.stdout.write(`\nBundled, not installed (pyra plugin install NAME):\n`);
    for (const p of available) io.stdout.write(`  ${p.name.padEnd(width)}  ${p.description}\n`);
  }
  return EXIT_OK;
}

export async function runPluginInstall(io: CliIO, source: string, options: { force?: boolean; enable?: boolean } = {}): Promise<number> {
  const home = cliHome(io);
  try {
    const result = installPlugin(home, source, { force: options.force, cwd: io.cwd });
    io.stdout.write(`${result.replaced ? 'Replaced' : 'Installed'} ${result.name} ${result.manifest.version} in ${result.dir}.\n`);
    if (options.enable) return runPluginEnable(io, result.name);
    io.stdout.write(`Enable it with: pyra plugin enable ${result.name}\n`);
    return EXIT_OK;
  } catch (err) {
    return fail(io, err instanceof InstallError ? err.message : `install failed: ${(err as Error).message}`);
  }
}

function installedPlugin(io: CliIO, home: string, name: string) {
  if (!isValidName(name)) return { error: fail(io, `${JSON.stringify(name)} is not a plugin name`, EXIT_USAGE) };
  const dir = join(homePaths(home).plugins, name);
  if (!existsSync(dir)) return { error: fail(io, `no plugin named ${name} is installed (pyra plugin list)`) };
  return { plugin: inspectPluginFolder(dir, name) };
}

/** Grants requested read paths: those named with --grant-read, or on a terminal, those the user confirms. */
async function grantReads(io: CliIO, home: string, name: string, asked: string[], granted: string[]): Promise<Record<string, string> | number> {
  const unknown = granted.filter((g) => !asked.includes(g));
  if (unknown.length > 0) return fail(io, `${name} does not ask to read ${unknown.join(', ')} (it asks for: ${asked.join(', ') || 'nothing'})`, EXIT_USAGE);
  const grants: Record<string, string> = {};
  const prompter = io.stdin.isTTY && granted.length === 0 ? terminalPrompter(io) : undefined;
  for (const path of asked) {
    let yes = granted.includes(path);
    if (!yes && prompter) yes = /^y(es)?$/i.test((await prompter({ label: `Let ${name} read ${path}? (y/N)`, masked: false })).trim());
    if (!yes) continue;
    try {
      grants[path] = checkGrantablePath(path, home);
    } catch (err) {
      return fail(io, `cannot grant ${path}: ${(err as Error).message}`);
    }
  }
  return grants;
}

export async function runPluginEnable(io: CliIO, name: string, options: { grantRead?: string[] } = {}): Promise<number> {
  const home = cliHome(io);
  const { plugin, error } = installedPlugin(io, home, name);
  if (error !== undefined) return error;
  if (!plugin.manifest) return fail(io, `${name} cannot be enabled: ${plugin.problem}`);
  const asked = plugin.manifest.permissions.read;
  const grants = await grantReads(io, home, name, asked, options.grantRead ?? []);
  if (typeof grants === 'number') return grants;
  updatePluginEntry(home, name, (entry) => {
    entry.enabled = true;
    entry.grantedReads = grants;
  });
  for (const path of asked.filter((p) => !(p in grants))) io.stdout.write(`Not granted: reading ${path} (grant it with --grant-read ${path}).\n`);
  if (plugin.manifest.permissions.network && !supportsNetworkPermission()) {
    io.stdout.write(`Note: ${name} asks for network access; this Node version cannot restrict a plugin's network use.\n`);
  }
  try {
    const info = await describePlugin({ home, name, secrets: secretsOf(io, home, name, false) });
    io.stdout.write(`Enabled ${name}: it loads and offers ${info.tools.length} tool(s).\n`);
    if (info.hasSetup) io.stdout.write(`It has a setup step: pyra plugin setup ${name}\n`);
    return EXIT_OK;
  } catch (err) {
    io.stdout.write(`Enabled ${name}, but it does not load: ${(err as Error).message}\n`);
    return EXIT_FAILURE;
  }
}

export async function runPluginDisable(io: CliIO, name: string): Promise<number> {
  const home = cliHome(io);
  const { error } = installedPlugin(io, home, name);
  if (error !== undefined) return error;
  updatePluginEntry(home, name, (entry) => (entry.enabled = false));
  io.stdout.write(`Disabled ${name}.\n`);
  return EXIT_OK;
}

export async function runPluginSetupCommand(io: CliIO, name: string): Promise<number> {
  const home = cliHome(io);
  const { error } = installedPlugin(io, home, name);
  if (error !== undefined) return error;
  try {
    const { hadSetup } = await runPluginSetup({ home, name, prompter: terminalPrompter(io), secrets: secretsOf(io, home, name, true) });
    io.stdout.write(hadSetup ? `Setup of ${name} finished.\n` : `${name} has nothing to set up.\n`);
    return EXIT_OK;
  } catch (err) {
    return fail(io, `setup of ${name} failed: ${(err as Error).message}`);
  }
}

export async function runPluginTools(io: CliIO, name: string, options: { json?: boolean } = {}): Promise<number> {
  const home = cliHome(io);
  const { error } = installedPlugin(io, home, name);
  if (error !== undefined) return error;
  try {
    const info = await describePlugin({ home, name, secrets: secretsOf(io, home, name, false) });
    if (options.json) {
      io.stdout.write(JSON.stringify(info, null, 2) + '\n');
      return EXIT_OK;
    }
    for (const tool of info.tools) {
      const marks = [tool.annotations.readOnly ? 'read-only' : '', tool.annotations.destructive ? 'destructive' : '', tool.requiresApproval ? '' : 'no prompt'].filter(Boolean);
      io.stdout.write(`${name}__${tool.name}${marks.length ? ` (${marks.join(', ')})` : ''}\n  ${tool.description}\n`);
    }
    for (const command of info.slashCommands) io.stdout.write(`/${command.name}\n  ${command.description}\n`);
    if (info.tools.length === 0 && info.slashCommands.length === 0) io.stdout.write(`${name} offers no tools.\n`);
    return EXIT_OK;
  } catch (err) {
    return fail(io, `${name} does not load: ${(err as Error).message}`);
  }
}

export async function runPluginRemove(io: CliIO, name: string): Promise<number> {
  const home = cliHome(io);
  const { plugin, error } = installedPlugin(io, home, name);
  if (error !== undefined) return error;
  rmSync(plugin.dir, { recursive: true, force: true });
  forgetPlugin(home, name);
  io.stdout.write(`Removed ${name}. Its secrets stay in the vault (pyra vault list; pyra vault delete plugin:${name}:<key>).\n`);
  return EXIT_OK;
}

function usageFailure(message: string | undefined, err: Error | undefined): never {
  if (err) throw err;
  process.stderr.write(`pyra plugin: ${message ?? 'invalid usage'}\nRun "pyra plugin --help" for usage.\n`);
  process.exit(EXIT_USAGE);
}

async function exitWith(run: Promise<number>): Promise<void> {
  process.exitCode = await run;
}

const nameArg = (y: Argv) => y.positional('name', { type: 'string', describe: 'The plugin name', demandOption: true }).strict();

export const pluginCommand: CommandModule = {
  command: 'plugin <command>',
  describe: 'Manage plugins (each runs sandboxed in its own process)',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: 'List installed plugins with their state (enabled ones are started to check they load)',
        builder: (y: Argv) =>
          y.option('json', { type: 'boolean', describe: 'Print JSON' }).option('start', { type: 'boolean', default: true, describe: 'Start enabled plugins to check them (--no-start: only read the folders)' }).strict(),
        handler: (argv) => exitWith(runPluginList(processIO(), { json: Boolean(argv.json), start: argv.start !== false })),
      })
      .command({
        command: 'install <source>',
        describe: 'Install a bundled plugin by name, or a plugin folder by path',
        builder: (y: Argv) =>
          y
            .positional('source', { type: 'string', describe: 'A bundled plugin name, or a path such as ./my-plugin', demandOption: true })
            .option('force', { type: 'boolean', describe: 'Replace an installed copy' })
            .option('enable', { type: 'boolean', describe: 'Enable it right away' })
            .strict(),
        handler: (argv) => exitWith(runPluginInstall(processIO(), String(argv.source), { force: Boolean(argv.force), enable: Boolean(argv.enable) })),
      })
      .command({
        command: 'enable <name>',
        describe: 'Enable a plugin (and grant read paths its manifest asks for)',
        builder: (y: Argv) =>
          nameArg(y).option('grant-read', { type: 'string', array: true, describe: 'Grant one path the manifest asks to read (repeatable)' }),
        handler: (argv) => exitWith(runPluginEnable(processIO(), String(argv.name), { grantRead: (argv['grant-read'] as string[] | undefined) ?? [] })),
      })
      .command({
        command: 'disable <name>',
        describe: 'Disable a plugin',
        builder: nameArg,
        handler: (argv) => exitWith(runPluginDisable(processIO(), String(argv.name))),
      })
      .command({
        command: 'setup <name>',
        describe: "Run a plugin's setup (asks for its credentials; secrets go to the vault)",
        builder: nameArg,
        handler: (argv) => exitWith(runPluginSetupCommand(processIO(), String(argv.name))),
      })
      .command({
        command: 'tools <name>',
        describe: 'Show the tools and slash commands a plugin offers',
        builder: (y: Argv) => nameArg(y).option('json', { type: 'boolean', describe: 'Print JSON' }),
        handler: (argv) => exitWith(runPluginTools(processIO(), String(argv.name), { json: Boolean(argv.json) })),
      })
      .command({
        command: 'remove <name>',
        describe: 'Remove an installed plugin (its secrets stay in the vault)',
        builder: nameArg,
        handler: (argv) => exitWith(runPluginRemove(processIO(), String(argv.name))),
      })
      .demandCommand(1, 'Choose a plugin command: list, install, enable, disable, setup, tools or remove.')
      .strict()
      .fail(usageFailure),
  handler: () => {},
};
