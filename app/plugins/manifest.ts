/**
 * `manifest.json` of a plugin folder: read, validated, and turned into either a Manifest or a one-line
 * reason. The folder name must equal the manifest name; the entry must be a module file inside the
 * folder; permissions are only those Pyra knows how to grant.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UnsafePathError, resolveSafePath } from '../security/safe-path.js';
import { nameProblem } from './names.js';

export const MANIFEST_FILE = 'manifest.json';
const MAX_MANIFEST_BYTES = 64 * 1024;
const MAX_DESCRIPTION = 500;
const MAX_READ_PATHS = 16;
const KNOWN_KEYS = new Set(['name', 'version', 'description', 'entry', 'permissions', 'author', 'homepage', 'license']);
const KNOWN_PERMISSIONS = new Set(['network', 'read']);

export interface ManifestPermissions {
  /** Informational on Node < 25 (no network permission there); see runner/launch.ts. */
  network: boolean;
  /** Extra paths (absolute or `~/…`) the plugin asks to read; the user grants them one by one. */
  read: string[];
}

export interface Manifest {
  name: string;
  version: string;
  description: string;
  /** Relative to the folder, as written. */
  entry: string;
  /** The entry's real path, checked to be inside the folder. */
  entryPath: string;
  permissions: ManifestPermissions;
}

export type ManifestResult = { ok: true; manifest: Manifest } | { ok: false; reason: string };

const bad = (reason: string): ManifestResult => ({ ok: false, reason });

function readJson(file: string): { value?: unknown; reason?: string } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { reason: `no ${MANIFEST_FILE}` };
  }
  if (size > MAX_MANIFEST_BYTES) return { reason: `${MANIFEST_FILE} is larger than ${MAX_MANIFEST_BYTES} bytes` };
  try {
    return { value: JSON.parse(readFileSync(file, 'utf8')) };
  } catch (err) {
    return { reason: `${MANIFEST_FILE} is not valid JSON (${(err as Error).message.split('\n')[0]})` };
  }
}

function checkPermissions(raw: unknown): ManifestPermissions | string {
  if (raw === undefined) return { network: false, read: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'permissions must be an object';
  const perms = raw as Record<string, unknown>;
  const unknown = Object.keys(perms).filter((k) => !KNOWN_PERMISSIONS.has(k));
  if (unknown.length > 0) return `asks for unknown permission(s): ${unknown.join(', ')}`;
  if (perms.network !== undefined && typeof perms.network !== 'boolean') return 'permissions.network must be true or false';
  const read = perms.read ?? [];
  if (!Array.isArray(read) || read.some((p) => typeof p !== 'string' || p === '')) return 'permissions.read must be a list of paths';
  if (read.length > MAX_READ_PATHS) return `permissions.read lists more than ${MAX_READ_PATHS} paths`;
  for (const path of read as string[]) {
    if (!path.startsWith('/') && !path.startsWith('~/')) return `permissions.read path ${JSON.stringify(path)} must be absolute or start with ~/`;
  }
  return { network: perms.network === true, read: read as string[] };
}

function checkEntry(dir: string, entry: unknown): string | { entryPath: string } {
  if (typeof entry !== 'string' || entry === '') return 'entry is missing';
  if (!/\.(mjs|js)$/.test(entry)) return `entry ${JSON.stringify(entry)} must be an ES module (.mjs or .js)`;
  try {
    const entryPath = resolveSafePath(dir, entry, { home: false, allowMissing: false });
    if (!statSync(entryPath).isFile()) return `entry ${JSON.stringify(entry)} is not a file`;
    return { entryPath };
  } catch (err) {
    if (err instanceof UnsafePathError) return `entry ${JSON.stringify(entry)} is refused: ${err.message}`;
    throw err;
  }
}

/**
 * Validates the manifest of the plugin folder `dir` (a real path). Never throws for bad content.
 * `checkFolderName: false` is for a source folder about to be installed under the manifest's name.
 */
export function readManifest(dir: string, options: { checkFolderName?: boolean } = {}): ManifestResult {
  const { value, reason } = readJson(join(dir, MANIFEST_FILE));
  if (reason) return bad(reason);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(`${MANIFEST_FILE} must hold an object`);
  const m = value as Record<string, unknown>;
  const unknown = Object.keys(m).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) return bad(`${MANIFEST_FILE} has unknown field(s): ${unknown.slice(0, 5).join(', ')}`);

  const problem = nameProblem(m.name, 'plugin');
  if (problem) return bad(problem);
  const name = m.name as string;
  if (options.checkFolderName !== false && basename(dir) !== name) return bad(`the folder is named ${JSON.stringify(basename(dir))} but the manifest says ${JSON.stringify(name)}`);
  if (typeof m.version !== 'string' || m.version === '' || m.version.length > 32) return bad('version must be a short string such as "1.0.0"');
  const description = m.description ?? '';
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION) return bad(`description must be text of at most ${MAX_DESCRIPTION} characters`);

  const permissions = checkPermissions(m.permissions);
  if (typeof permissions === 'string') return bad(permissions);
  const entry = checkEntry(dir, m.entry);
  if (typeof entry === 'string') return bad(entry);
  return {
    ok: true,
    manifest: { name, version: m.version, description, entry: m.entry as string, entryPath: entry.entryPath, permissions },
  };
}
