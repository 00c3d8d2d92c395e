/**
 * How a plugin's child process is started: Node's permission model with reads limited to the runner
 * file, the plugin's folder and paths the user granted; no writes, child processes, workers, addons
 * or WASI; an empty environment; the plugin folder as working directory.
 */
import { realpathSync } from 'node:fs';

/** `--permission` from Node 22.13 / 23.5 (stable), `--experimental-permission` before. */
export function permissionFlag(versions: { node: string } = process.versions): string {
  const [major = 0, minor = 0] = versions.node.split('.').map(Number);
  if (major >= 24 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13)) return '--permission';
  return '--experimental-permission';
}

/** Node 25 added a network permission; before that `network` in a manifest cannot be enforced. */
export function supportsNetworkPermission(versions: { node: string } = process.versions): boolean {
  return Number(versions.node.split('.')[0]) >= 25;
}

export interface LaunchSpec {
  runner: string;
  pluginDir: string;
  entryPath: string;
  pluginName: string;
  /** Real paths the user granted from the manifest's `permissions.read`. */
  grantedReads: readonly string[];
  network: boolean;
  /** V8 heap limit for the child, in MB. */
  maxHeapMb?: number;
  versions?: { node: string };
}

export interface Launch {
  command: string;
  args: string[];
  options: { cwd: string; env: Record<string, never>; stdio: ['pipe', 'pipe', 'pipe']; windowsHide: true };
}

const real = (path: string) => realpathSync.native(path);

export function launchFor(spec: LaunchSpec): Launch {
  const versions = spec.versions ?? process.versions;
  const reads = [real(spec.runner), real(spec.pluginDir), ...spec.grantedReads];
  const args = [
    permissionFlag(versions),
    ...reads.map((path) => `--allow-fs-read=${path}`),
    ...(spec.network && supportsNetworkPermission(versions) ? ['--allow-net'] : []),
    '--disable-warning=ExperimentalWarning',
    `--max-old-space-size=${spec.maxHeapMb ?? 256}`,
    real(spec.runner),
    real(spec.entryPath),
    spec.pluginName,
  ];
  return {
    command: process.execPath,
    args,
    options: { cwd: real(spec.pluginDir), env: {}, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true },
  };
}
