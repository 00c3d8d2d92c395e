/**
 * `<home>/plugins/state.json` (mode 600): which plugins the user enabled and which extra read paths
 * they granted each one. Kept apart from config.json (its schema belongs to the config module) and
 * next to the plugins it describes. A missing or unreadable file means "nothing enabled".
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { homePaths } from '../config/home.js';
import { resolveSafePath } from '../security/safe-path.js';
import { writePrivateFile } from './private-file.js';
import { isValidName } from './names.js';

export interface PluginStateEntry {
  enabled: boolean;
  /** Real paths granted from the manifest's `permissions.read`, keyed by the path as the manifest wrote it. */
  grantedReads: Record<string, string>;
}

export interface PluginStateFile {
  version: 1;
  plugins: Record<string, PluginStateEntry>;
}

export const stateFile = (home: string) => join(homePaths(home).plugins, 'state.json');

const empty = (): PluginStateFile => ({ version: 1, plugins: {} });

function entryOf(raw: unknown): PluginStateEntry | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { enabled?: unknown; grantedReads?: unknown };
  const grants: Record<string, string> = {};
  if (typeof r.grantedReads === 'object' && r.grantedReads !== null) {
    for (const [asked, real] of Object.entries(r.grantedReads)) if (typeof real === 'string') grants[asked] = real;
  }
  return { enabled: r.enabled === true, grantedReads: grants };
}

export function readPluginState(home: string): PluginStateFile {
  const file = stateFile(home);
  if (!existsSync(file)) return empty();
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { plugins?: Record<string, unknown> };
    const state = empty();
    for (const [name, value] of Object.entries(raw.plugins ?? {})) {
      const entry = entryOf(value);
      if (isValidName(name) && entry) state.plugins[name] = entry;
    }
    return state;
  } catch {
    return empty();
  }
}

export function writePluginState(home: string, state: PluginStateFile): void {
  writePrivateFile(stateFile(home), JSON.stringify(state, null, 2) + '\n');
}

export function pluginEntry(home: string, name: string): PluginStateEntry {
  return readPluginState(home).plugins[name] ?? { enabled: false, grantedReads: {} };
}

export function updatePluginEntry(home: string, name: string, change: (entry: PluginStateEntry) => void): PluginStateEntry {
  const state = readPluginState(home);
  const entry = state.plugins[name] ?? { enabled: false, grantedReads: {} };
  change(entry);
  state.plugins[name] = entry;
  writePluginState(home, state);
  return entry;
}

export function forgetPlugin(home: string, name: string): void {
  const state = readPluginState(home);
  if (!(name in state.plugins)) return;
  delete state.plugins[name];
  writePluginState(home, state);
}

/** `~/x` → the user's home + x; absolute paths unchanged. */
export function expandHome(path: string): string {
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(path);
}

/**
 * Checks a path a manifest asks to read before the user grants it: it must exist, and after
 * resolving symlinks it must not be the root, a device, or (contain) the vault or the config file:
 * the one safe-path check, applied to the path's last component within its parent.
 */
export function checkGrantablePath(asked: string, home: string): string {
  const absolute = expandHome(asked);
  if (dirname(absolute) === absolute) throw new Error(`refusing to grant reading the whole file system (${asked})`);
  return resolveSafePath(dirname(absolute), basename(absolute), { home, allowMissing: false });
}
