/**
 * `<home>/mcp.json` (mode 600): the external MCP servers the user added. It never holds a secret:
 * a server that needs a token names where the token goes (an environment variable of a stdio server,
 * or a header of an HTTP server) and the token itself lives in the vault as `plugin:<name>:token`,
 * read when the server starts (stdio) or per request (HTTP).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameProblem } from './names.js';
import { writePrivateFile } from './private-file.js';

export const TOKEN_KEY = 'token';

export interface StdioServerConfig {
  transport: 'stdio';
  command: string;
  args: string[];
  /** Non-secret variables; the server also gets PATH and HOME, nothing else of Pyra's environment. */
  env: Record<string, string>;
  cwd?: string;
  enabled: boolean;
  /** The vault token is passed in this environment variable. */
  tokenEnv?: string;
}

export interface HttpServerConfig {
  transport: 'http';
  url: string;
  /** Non-secret headers. */
  headers: Record<string, string>;
  enabled: boolean;
  /** The vault token is sent in this header, after `scheme ` when a scheme is set (e.g. Bearer). */
  tokenHeader?: { name: string; scheme?: string };
}

export type McpServerConfig = StdioServerConfig | HttpServerConfig;

export interface McpConfig {
  servers: Record<string, McpServerConfig>;
  /** Entries that could not be used, by name, with the reason. */
  invalid: Record<string, string>;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;
const SECRET_LOOKING = /(token|secret|passw|pwd|api[_-]?key|apikey|auth|credential|private[_-]?key|cookie)/i;

export const mcpConfigFile = (home: string) => join(home, 'mcp.json');

function stringMap(raw: unknown, what: string, keyPattern: RegExp): Record<string, string> | string {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return `${what} must be an object`;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!keyPattern.test(k)) return `${what} name ${JSON.stringify(k)} is not allowed`;
    if (typeof v !== 'string') return `${what} ${k} must be text`;
    if (SECRET_LOOKING.test(k)) return `${what} ${k} looks like a secret: store it in the vault and use the token option instead`;
    out[k] = v;
  }
  return out;
}

/** Why `url` cannot be used for an MCP server, or null. */
export function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'the URL must start with http:// or https://';
  if (parsed.username || parsed.password) return 'the URL must not contain a user name or password: use the token option';
  for (const key of parsed.searchParams.keys()) {
    if (SECRET_LOOKING.test(key)) return `the URL's query parameter ${key} looks like a secret: use the token option`;
  }
  return null;
}

/** Validates one entry of mcp.json (or of `pyra mcp add`), returning the clean config or the reason. */
export function checkServerConfig(raw: unknown): McpServerConfig | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'must be an object';
  const r = raw as Record<string, unknown>;
  const enabled = r.enabled !== false;
  if (r.transport === 'stdio') {
    if (typeof r.command !== 'string' || r.command.trim() === '') return 'command is missing';
    const args = r.args ?? [];
    if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) return 'args must be a list of strings';
    const env = stringMap(r.env, 'environment variable', ENV_NAME);
    if (typeof env === 'string') return env;
    if (r.cwd !== undefined && typeof r.cwd !== 'string') return 'cwd must be a path';
    if (r.tokenEnv !== undefined && (typeof r.tokenEnv !== 'string' || !ENV_NAME.test(r.tokenEnv))) return 'tokenEnv must be an environment variable name';
    return {
      transport: 'stdio',
      command: r.command,
      args: args as string[],
      env,
      ...(r.cwd ? { cwd: r.cwd as string } : {}),
      enabled,
      ...(r.tokenEnv ? { tokenEnv: r.tokenEnv as string } : {}),
    };
  }
  if (r.transport === 'http') {
    if (typeof r.url !== 'string') return 'url is missing';
    const problem = urlProblem(r.url);
    if (problem) return problem;
    const headers = stringMap(r.headers, 'header', HEADER_NAME);
    if (typeof headers === 'string') return headers;
    const th = r.tokenHeader as { name?: unknown; scheme?: unknown } | undefined;
    if (th !== undefined && (typeof th?.name !== 'string' || !HEADER_NAME.test(th.name) || (th.scheme !== undefined && typeof th.scheme !== 'string'))) {
      return 'tokenHeader must name a header';
    }
    return {
      transport: 'http',
      url: r.url,
      headers,
      enabled,
      ...(th ? { tokenHeader: { name: th.name as string, ...(th.scheme ? { scheme: th.scheme as string } : {}) } } : {}),
    };
  }
  return 'transport must be "stdio" or "http"';
}

export function readMcpConfig(home: string): McpConfig {
  const file = mcpConfigFile(home);
  const config: McpConfig = { servers: {}, invalid: {} };
  if (!existsSync(file)) return config;
  let raw: { servers?: Record<string, unknown> };
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    config.invalid['mcp.json'] = `not valid JSON (${(err as Error).message.split('\n')[0]})`;
    return config;
  }
  for (const [name, entry] of Object.entries(raw?.servers ?? {})) {
    const badName = nameProblem(name, 'server');
    const checked = badName ?? checkServerConfig(entry);
    if (typeof checked === 'string') config.invalid[name] = checked;
    else config.servers[name] = checked;
  }
  return config;
}

/**
 * Reads, changes and writes mcp.json. Works on the file's entries as they are, so an entry this
 * version cannot use is kept rather than dropped; refuses when the file is not JSON.
 */
export function updateMcpConfig(home: string, change: (servers: Record<string, unknown>) => void): void {
  const file = mcpConfigFile(home);
  let servers: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as { servers?: unknown };
      if (typeof raw?.servers === 'object' && raw.servers !== null) servers = raw.servers as Record<string, unknown>;
    } catch (err) {
      throw new Error(`${file} is not valid JSON (${(err as Error).message.split('\n')[0]}); fix or remove it first`);
    }
  }
  change(servers);
  writePrivateFile(file, JSON.stringify({ version: 1, servers }, null, 2) + '\n');
}
