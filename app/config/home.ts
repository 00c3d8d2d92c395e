import { chmodSync, existsSync, mkdirSync, openSync, closeSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVaultSentinel } from '../vault/sentinel.js';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

/** The runtime home: `$PYRA_HOME` when set, else `~/.pyra`. Always absolute. */
export function pyraHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PYRA_HOME?.trim();
  return resolve(fromEnv ? fromEnv : join(homedir(), '.pyra'));
}

export interface HomePaths {
  root: string;
  config: string;
  keybindings: string;
  securityLog: string;
  memory: string;
  memoryIndex: string;
  plugins: string;
  logs: string;
  actionsLog: string;
  toolLog: string;
  pluginErrorsLog: string;
  warningsLog: string;
  conversations: string;
  vault: string;
  vaultLock: string;
  themes: string;
}

export function homePaths(root: string = pyraHome()): HomePaths {
  return {
    root,
    config: join(root, 'config.json'),
    keybindings: join(root, 'keybindings.json'),
    securityLog: join(root, 'security.log'),
    memory: join(root, 'memory'),
    memoryIndex: join(root, 'memory', 'MEMORY_INDEX.md'),
    plugins: join(root, 'plugins'),
    logs: join(root, 'logs'),
    actionsLog: join(root, 'logs', 'actions.log'),
    toolLog: join(root, 'logs', 'tool_executions.log'),
    pluginErrorsLog: join(root, 'logs', 'plugin_errors.log'),
    warningsLog: join(root, 'logs', 'warnings.log'),
    conversations: join(root, 'conversations'),
    vault: join(root, 'vault'),
    vaultLock: join(root, 'vault', '.vault_lock'),
    themes: join(root, 'themes'),
  };
}

/** Folders of the tree, parents before children. The vault folder is owned by app/vault. */
function treeDirs(p: HomePaths): string[] {
  return [
    p.root,
    p.memory,
    join(p.memory, 'user'),
    join(p.memory, 'context'),
    join(p.memory, 'knowledge'),
    p.plugins,
    p.logs,
    p.conversations,
    p.themes,
  ];
}

function treeFiles(p: HomePaths): string[] {
  return [p.securityLog, p.toolLog, p.pluginErrorsLog, p.memoryIndex];
}

export interface PermissionFix {
  path: string;
  from: string;
  to: string;
}

export interface BootstrapReport {
  root: string;
  created: string[];
  fixed: PermissionFix[];
}

const octal = (mode: number) => '0' + (mode & 0o777).toString(8);

function ensureMode(path: string, want: number, fixed: PermissionFix[]): void {
  const have = statSync(path).mode & 0o777;
  if (have !== want) {
    chmodSync(path, want);
    fixed.push({ path, from: octal(have), to: octal(want) });
  }
}

/** Fixes the mode of a path that exists; used for files other modules own (config, keybindings). */
export function ensureFileMode(path: string, fixed: PermissionFix[]): void {
  if (existsSync(path)) ensureMode(path, FILE_MODE, fixed);
}

/**
 * Creates the runtime tree (folders 700, files 600), repairs drifted modes of the known entries and
 * says what it did. Refuses to go on when the vault folder lost its sentinel (see app/vault/sentinel).
 * Only the fixed entries are checked here so start-up stays cheap on a home with thousands of notes.
 */
export function bootstrapHome(root: string = pyraHome()): BootstrapReport {
  const p = homePaths(root);
  const created: string[] = [];
  const fixed: PermissionFix[] = [];
  for (const dir of treeDirs(p)) {
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: DIR_MODE });
      created.push(dir);
    }
    ensureMode(dir, DIR_MODE, fixed);
  }
  for (const file of treeFiles(p)) {
    if (!existsSync(file)) {
      closeSync(openSync(file, 'a', FILE_MODE));
      created.push(file);
    }
    ensureMode(file, FILE_MODE, fixed);
  }
  ensureFileMode(p.config, fixed);
  ensureFileMode(p.keybindings, fixed);
  ensureVaultSentinel(p, created, fixed);
  return { root, created, fixed };
}
