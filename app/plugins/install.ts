/**
 * `pyra plugin install NAME|PATH`: copies a bundled plugin (from the repository's `plugins/`) or a
 * plugin folder into `<home>/plugins/<name>/` after checking it (manifest, no symlinks, size). The
 * copy is staged in a hidden folder and renamed into place, so a failed install leaves nothing
 * half-copied; folders get mode 700 and files 600.
 */
import { cpSync, chmodSync, existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isAbsolute, join, resolve } from 'node:path';
import { homePaths } from '../config/home.js';
import { resolveSafePath } from '../security/safe-path.js';
import { folderProblem } from './discovery.js';
import { readManifest, type Manifest } from './manifest.js';
import { isValidName } from './names.js';
import { bundledPluginsDir } from './repo-root.js';

export interface InstallResult {
  name: string;
  dir: string;
  manifest: Manifest;
  /** An installed copy was replaced (--force). */
  replaced: boolean;
  from: 'bundled' | 'folder';
}

const MAX_TOTAL_BYTES = 50 * 1024 * 1024;

export class InstallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstallError';
  }
}

export function listBundledPlugins(): { name: string; version: string; description: string }[] {
  const root = bundledPluginsDir();
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isValidName(e.name))
    .flatMap((e) => {
      const result = readManifest(join(root, e.name));
      return result.ok ? [{ name: result.manifest.name, version: result.manifest.version, description: result.manifest.description }] : [];
    });
}

/** A bare name is a bundled plugin; anything with a slash or a dot, or absolute, is a folder path. */
function locate(source: string, cwd: string): { dir: string; from: InstallResult['from'] } {
  if (isValidName(source) && !source.includes('.')) {
    const dir = join(bundledPluginsDir(), source);
    if (!existsSync(dir)) {
      const names = listBundledPlugins().map((p) => p.name);
      throw new InstallError(`no bundled plugin is named ${source}${names.length ? ` (bundled: ${names.join(', ')})` : ''}; to install a folder, give its path (./${source})`);
    }
    return { dir, from: 'bundled' };
  }
  const dir = isAbsolute(source) ? source : resolve(cwd, source);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InstallError(`${source} is not a folder`);
  return { dir, from: 'folder' };
}

function totalBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath ?? (entry as { path?: string }).path ?? dir, entry.name)).size;
  }
  return total;
}

function tightenModes(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tightenModes(path);
    else chmodSync(path, 0o600);
  }
}

export function installPlugin(home: string, source: string, options: { force?: boolean; cwd?: string } = {}): InstallResult {
  const { dir: given, from } = locate(source, options.cwd ?? process.cwd());
  const src = realpathSync.native(given);
  const problem = folderProblem(src);
  if (problem) throw new InstallError(`refusing ${source}: ${problem}`);
  if (totalBytes(src) > MAX_TOTAL_BYTES) throw new InstallError(`refusing ${source}: larger than ${MAX_TOTAL_BYTES / (1024 * 1024)} MiB`);
  const checked = readManifest(src, { checkFolderName: false });
  if (!checked.ok) throw new InstallError(`refusing ${source}: ${checked.reason}`);
  const { name } = checked.manifest;

  const pluginsDir = homePaths(home).plugins;
  mkdirSync(pluginsDir, { recursive: true, mode: 0o700 });
  const dest = resolveSafePath(pluginsDir, name, { home });
  const pluginsReal = realpathSync.native(pluginsDir);
  if (src === dest || src.startsWith(pluginsReal + '/')) throw new InstallError(`${source} is already inside the plugins folder`);
  const replaced = existsSync(dest);
  if (replaced && !options.force) throw new InstallError(`${name} is already installed; add --force to replace it`);

  const staging = join(pluginsDir, `.install-${randomBytes(6).toString('hex')}`);
  const stagedPlugin = join(staging, name);
  try {
    mkdirSync(staging, { mode: 0o700 });
    cpSync(src, stagedPlugin, { recursive: true, verbatimSymlinks: true, errorOnExist: true });
    tightenModes(stagedPlugin);
    const staged = readManifest(stagedPlugin);
    if (!staged.ok) throw new InstallError(`the copy failed its check: ${staged.reason}`);
    if (replaced) rmSync(dest, { recursive: true, force: true });
    renameSync(stagedPlugin, dest);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const installed = readManifest(dest);
  if (!installed.ok) throw new InstallError(installed.reason);
  return { name, dir: dest, manifest: installed.manifest, replaced, from };
}
