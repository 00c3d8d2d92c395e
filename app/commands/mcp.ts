/**
 * `pyra mcp add|list|remove|enable|disable|tools`: external MCP servers, stored in `<home>/mcp.json`
 * (mode 600, never a secret). A server's token is typed at a masked prompt (or piped) and kept in
 * the vault as `plugin:<name>:token`; mcp.json only says where it goes (an environment variable for
 * a stdio server, a header for an HTTP one).
 *
 *   pyra mcp add files -- npx -y @modelcontextprotocol/server-filesystem ~/Documents
 *   pyra mcp add github --token-env GITHUB_TOKEN -- github-mcp-server stdio
 *   pyra mcp add remote --url https://mcp.example.com/mcp --token-header Authorization --token-scheme Bearer
 *
 * Exit codes: 0 ok, 1 the operation failed, 2 usage error.
 */
import type { Argv, CommandModule } from 'yargs';
import { TOKEN_KEY, checkServerConfig, readMcpConfig, updateMcpConfig, type McpServerConfig } from '../plugins/mcp-config.js';
import { isValidName, nameProblem } from '../plugins/names.js';
import { discoverPlugins } from '../plugins/discovery.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, cliHome, cliVault, processIO, readSecret, type CliIO } from '../plugins/terminal-io.js';
import { createToolHost } from '../plugins/tool-host.js';
import type { PluginStatus } from '../plugins/types.js';

export interface McpAddOptions {
  /** stdio: the command and its arguments (everything after `--`). */
  command?: string[];
  url?: string;
  env?: string[];
  header?: string[];
  cwd?: string;
  tokenEnv?: string;
  tokenHeader?: string;
  tokenScheme?: string;
  /** Keep the token already in the vault instead of asking for one. */
  keepToken?: boolean;
  force?: boolean;
}

function fail(io: CliIO, message: string, code = EXIT_FAILURE): number {
  io.stderr.write(`pyra mcp: ${message}\n`);
  return code;
}

function pairs(list: string[] | undefined, what: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const at = item.indexOf('=');
    if (at <= 0) return `${what} ${JSON.stringify(item)} must look like NAME=VALUE`;
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** The mcp.json entry described by the options, or a usage problem. */
export function serverConfigFrom(options: McpAddOptions): McpServerConfig | string {
  const command = options.command ?? [];
  if (Boolean(options.url) === command.length > 0) return 'give either --url URL or -- COMMAND [ARGS...]';
  if (options.url) {
    if (options.env?.length || options.tokenEnv || options.cwd) return '--env, --cwd and --token-env are for stdio servers';
    const headers = pairs(options.header, 'header');
    if (typeof headers === 'string') return headers;
    const tokenHeader = options.tokenHeader ? { name: options.tokenHeader, ...(options.tokenScheme ? { scheme: options.tokenScheme } : {}) } : undefined;
    return checkServerConfig({ transport: 'http', url: options.url, headers, enabled: true, ...(tokenHeader ? { tokenHeader } : {}) });
  }
  if (options.header?.length || options.tokenHeader) return '--header and --token-header are for HTTP servers';
  const env = pairs(options.env, 'environment variable');
  if (typeof env === 'string') return env;
  return checkServerConfig({
    transport: 'stdio',
    command: command[0],
    args: command.slice(1),
    env,
    enabled: true,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.tokenEnv ? { tokenEnv: options.tokenEnv } : {}),
  });
}

export async function runMcpAdd(io: CliIO, name: string, options: McpAddOptions): Promise<number> {
  const problem = nameProblem(name, 'server');
  if (problem) return fail(io, problem, EXIT_USAGE);
  const config = serverConfigFrom(options);
  if (typeof config === 'string') return fail(io, config, EXIT_USAGE);
  const home = cliHome(io);
  if (discoverPlugins(home).some((p) => p.name === name)) return fail(io, `a plugin is already named ${name}; choose another name`);
  if (readMcpConfig(home).servers[name] && !options.force) return fail(io, `${name} is already configured; add --force to replace it`);

  const needsToken = (config.transport === 'stdio' && config.tokenEnv) || (config.transport === 'http' && config.tokenHeader);
  if (needsToken && !options.keepToken) {
    try {
      const token = await readSecret(io, `Token for ${name}`);
      if (token === '') return fail(io, 'the token is empty; nothing was stored');
      await (await cliVault(io, home, { ask: true })()).forPlugin(name).set(TOKEN_KEY, token);
      io.stdout.write(`Stored the token as plugin:${name}:${TOKEN_KEY} in the vault.\n`);
    } catch (err) {
      return fail(io, `could not store the token: ${(err as Error).message}`);
    }
  }
  try {
    updateMcpConfig(home, (servers) => {
      servers[name] = config;
    });
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  io.stdout.write(`Added MCP server ${name} (${config.transport === 'stdio' ? [config.command, ...config.args].join(' ') : config.url}).\n`);
  return EXIT_OK;
}

function statusLine(status: PluginStatus, width: number): string {
  const tools = status.state === 'loaded' ? `${status.tools.length} tool${status.tools.length === 1 ? '' : 's'}` : '';
  const detail = status.state === 'loaded' ? status.description ?? '' : status.reason ?? '';
  return `${status.name.padEnd(width)}  ${status.state.padEnd(8)}  ${tools.padEnd(9)}  ${detail}`.trimEnd();
}

async function serverStatuses(io: CliIO, home: string): Promise<PluginStatus[]> {
  const host = createToolHost({ home, include: { plugins: false, mcp: true }, vault: cliVault(io, home, { ask: false }), env: io.env });
  await host.start();
  const statuses = host.plugins();
  await host.stop();
  return statuses;
}

export async function runMcpList(io: CliIO, options: { json?: boolean; start?: boolean } = {}): Promise<number> {
  const home = cliHome(io);
  const config = readMcpConfig(home);
  if (options.start === false) {
    const rows = Object.entries(config.servers).map(([name, c]) => ({ name, ...c }));
    const invalid = Object.entries(config.invalid).map(([name, reason]) => ({ name, invalid: reason }));
    io.stdout.write(options.json ? JSON.stringify([...rows, ...invalid], null, 2) + '\n' : [...rows, ...invalid].map((r) => `${r.name}\n`).join(''));
    return EXIT_OK;
  }
  const statuses = await serverStatuses(io, home);
  if (options.json) {
    io.stdout.write(JSON.stringify(statuses, null, 2) + '\n');
    return EXIT_OK;
  }
  if (statuses.length === 0) io.stdout.write('No MCP servers configured (pyra mcp add NAME -- COMMAND, or --url URL).\n');
  const width = Math.max(4, ...statuses.map((s) => s.name.length));
  for (const status of statuses) io.stdout.write(statusLine(status, width) + '\n');
  return EXIT_OK;
}

export async function runMcpTools(io: CliIO, name: string, options: { json?: boolean } = {}): Promise<number> {
  const home = cliHome(io);
  if (!readMcpConfig(home).servers[name]) return fail(io, `no MCP server named ${name} is configured`);
  const status = (await serverStatuses(io, home)).find((s) => s.name === name);
  if (!status || status.state !== 'loaded') return fail(io, `${name} is ${status?.state ?? 'missing'}: ${status?.reason ?? ''}`.trim());
  if (options.json) {
    io.stdout.write(JSON.stringify(status, null, 2) + '\n');
    return EXIT_OK;
  }
  for (const tool of status.tools) io.stdout.write(`${tool.id}${tool.annotations.readOnly ? ' (read-only)' : ''}\n  ${tool.description.split('\n')[0]}\n`);
  for (const command of status.slashCommands) io.stdout.write(`/${command.name}\n  ${command.description}\n`);
  return EXIT_OK;
}

export async function runMcpRemove(io: CliIO, name: string): Promise<number> {
  if (!isValidName(name)) return fail(io, `${JSON.stringify(name)} is not a server name`, EXIT_USAGE);
  const home = cliHome(io);
  let found = false;
  try {
    updateMcpConfig(home, (servers) => {
      found = name in servers;
      delete servers[name];
    });
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  if (!found) return fail(io, `no MCP server named ${name} is configured`);
  io.stdout.write(`Removed MCP server ${name}. A stored token stays in the vault (pyra vault delete plugin:${name}:${TOKEN_KEY}).\n`);
  return EXIT_OK;
}

export async function runMcpEnable(io: CliIO, name: string, enabled: boolean): Promise<number> {
  const home = cliHome(io);
  let found = false;
  try {
    updateMcpConfig(home, (servers) => {
      const server = servers[name];
      found = typeof server === 'object' && server !== null;
      if (found) (server as { enabled?: boolean }).enabled = enabled;
    });
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  if (!found) return fail(io, `no MCP server named ${name} is configured`);
  io.stdout.write(`${enabled ? 'Enabled' : 'Disabled'} MCP server ${name}.\n`);
  return EXIT_OK;
}

function usageFailure(message: string | undefined, err: Error | undefined): never {
  if (err) throw err;
  process.stderr.write(`pyra mcp: ${message ?? 'invalid usage'}\nRun "pyra mcp --help" for usage.\n`);
  process.exit(EXIT_USAGE);
}

async function exitWith(run: Promise<number>): Promise<void> {
  process.exitCode = await run;
}

const nameArg = (y: Argv) => y.positional('name', { type: 'string', describe: 'The server name', demandOption: true }).strict();
const strings = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);

export const mcpCommand: CommandModule = {
  command: 'mcp <command>',
  describe: 'Manage external MCP servers (stdio commands or HTTP URLs)',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'add <name> [command..]',
        describe: 'Add a server: pyra mcp add NAME -- COMMAND [ARGS...]  or  pyra mcp add NAME --url URL',
        builder: (y: Argv) =>
          nameArg(y)
            .parserConfiguration({ 'populate--': true })
            .option('url', { type: 'string', describe: 'Streamable HTTP endpoint' })
            .option('env', { type: 'string', array: true, describe: 'NAME=VALUE for a stdio server (not for secrets; repeatable)' })
            .option('cwd', { type: 'string', describe: 'Working folder of a stdio server' })
            .option('header', { type: 'string', array: true, describe: 'NAME=VALUE header for an HTTP server (not for secrets; repeatable)' })
            .option('token-env', { type: 'string', describe: 'Pass the vault token to a stdio server in this variable' })
            .option('token-header', { type: 'string', describe: 'Send the vault token to an HTTP server in this header' })
            .option('token-scheme', { type: 'string', describe: 'Prefix of the token header value, e.g. Bearer' })
            .option('keep-token', { type: 'boolean', describe: 'Keep the token already stored instead of asking' })
            .option('force', { type: 'boolean', describe: 'Replace a server of the same name' }),
        handler: (argv) =>
          exitWith(
            runMcpAdd(processIO(), String(argv.name), {
              command: [...(strings(argv.command) ?? []), ...(strings(argv['--']) ?? [])],
              url: argv.url as string | undefined,
              env: strings(argv.env),
              header: strings(argv.header),
              cwd: argv.cwd as string | undefined,
              tokenEnv: argv['token-env'] as string | undefined,
              tokenHeader: argv['token-header'] as string | undefined,
              tokenScheme: argv['token-scheme'] as string | undefined,
              keepToken: Boolean(argv['keep-token']),
              force: Boolean(argv.force),
            }),
          ),
      })
      .command({
        command: 'list',
        describe: 'List the servers and whether they start (each is started to check)',
        builder: (y: Argv) =>
          y.option('json', { type: 'boolean', describe: 'Print JSON' }).option('start', { type: 'boolean', default: true, describe: 'Start each server to check it (--no-start: only read mcp.json)' }).strict(),
        handler: (argv) => exitWith(runMcpList(processIO(), { json: Boolean(argv.json), start: argv.start !== false })),
      })
      .command({
        command: 'tools <name>',
        describe: 'Show the tools and prompts of a server',
        builder: (y: Argv) => nameArg(y).option('json', { type: 'boolean', describe: 'Print JSON' }),
        handler: (argv) => exitWith(runMcpTools(processIO(), String(argv.name), { json: Boolean(argv.json) })),
      })
      .command({
        command: 'remove <name>',
        describe: 'Remove a server (a stored token stays in the vault)',
        builder: nameArg,
        handler: (argv) => exitWith(runMcpRemove(processIO(), String(argv.name))),
      })
      .command({
        command: 'enable <name>',
        describe: 'Enable a server',
        builder: nameArg,
        handler: (argv) => exitWith(runMcpEnable(processIO(), String(argv.name), true)),
      })
      .command({
        command: 'disable <name>',
        describe: 'Disable a server without removing it',
        builder: nameArg,
        handler: (argv) => exitWith(runMcpEnable(processIO(), String(argv.name), false)),
      })
      .demandCommand(1, 'Choose an mcp command: add, list, tools, remove, enable or disable.')
      .strict()
      .fail(usageFailure),
  handler: () => {},
};
