import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { homePaths, pyraHome } from '../config/home.js';
import { checkPathName, type UnsafePathReason } from './path-name-rules.js';

export type { UnsafePathReason } from './path-name-rules.js';

/** A name was refused. `reason` is a stable code; the message says what was refused and why. */
export class UnsafePathError extends Error {
  constructor(
    readonly reason: UnsafePathReason,
    readonly refusedName: string,
    detail: string,
  ) {
    super(`Refused path ${JSON.stringify(refusedName.slice(0, 200))}: ${detail}.`);
    this.name = 'UnsafePathError';
  }
}

export interface SafePathOptions {
  /** Absolute paths that must never be returned, nor any folder containing them. */
  refuse?: readonly string[];
  /**
   * The Pyra home whose vault folder and config file are always refused (default: `pyraHome()`).
   * Pass `false` only for roots that can't contain a home, such as a plugin's own folder in a test.
   */
  home?: string | false;
  /** Accept a name that doesn't exist yet (its deepest existing ancestor is checked). Default true. */
  allowMissing?: boolean;
}

const DEVICE_PREFIXES = ['/dev/', '/proc/', '/sys/'];

/** Strictly inside: `child` is below `parent`, not equal to it. Both must be absolute and normalized. */
function isStrictlyInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function isSameOrInside(parent: string, child: string): boolean {
  return parent === child || isStrictlyInside(parent, child);
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** A refused path, in its spelled form and (when it exists) its real form, so aliases are caught too. */
function refusedForms(paths: readonly string[]): string[] {
  const forms: string[] = [];
  for (const path of paths) {
    const absolute = resolve(path);
    forms.push(absolute);
    try {
      forms.push(realpathSync.native(absolute));
    } catch {
      // Doesn't exist (yet): the spelled form is all there is; its real parent is checked below.
      try {
        forms.push(join(realpathSync.native(dirname(absolute)), absolute.slice(dirname(absolute).length + 1)));
      } catch {
        /* parent missing too */
      }
    }
  }
  return forms;
}

function defaultRefused(home: string | false | undefined): string[] {
  if (home === false) return [];
  const paths = homePaths(home ?? pyraHome());
  return [paths.vault, paths.config];
}

/**
 * Splits `target` into the deepest existing entry and the missing tail below it. A dangling symlink
 * counts as existing (lstat), so the caller sees it and refuses it instead of writing through it.
 */
function existingPrefix(rootReal: string, target: string): { existing: string; tail: string[] } {
  const tail: string[] = [];
  let current = target;
  while (current !== rootReal && lstatOrNull(current) === null) {
    tail.unshift(basename(current));
    current = dirname(current);
  }
  return { existing: current, tail };
}

/**
 * The one function every path built from user or model input goes through. Returns the absolute real
 * path of `name` below `root`, or throws `UnsafePathError`. The name must be relative, plain and
 * unambiguous (see path-name-rules.ts); after resolution, symlinks included, it must lie strictly inside
 * the real root, must not be a device, and must not be (or contain) the vault, the config file or any
 * path in `opts.refuse`.
 *
 * This is a check at one moment: callers should open the returned path promptly and never re-derive it
 * from the original name.
 */
export function resolveSafePath(root: string, name: string, opts: SafePathOptions = {}): string {
  if (typeof name !== 'string') throw new UnsafePathError('not_a_string', String(name), 'the name is not a string');
  const normalized = name.normalize('NFC');
  const problem = checkPathName(normalized);
  if (problem) throw new UnsafePathError(problem.reason, name, problem.detail);

  let rootReal: string;
  try {
    rootReal = realpathSync.native(resolve(root));
  } catch {
    throw new UnsafePathError('root_missing', name, 'the folder it should live in does not exist');
  }

  const target = resolve(rootReal, normalized);
  if (!isStrictlyInside(rootReal, target)) throw new UnsafePathError('outside_root', name, 'it points outside its folder');

  const { existing, tail } = existingPrefix(rootReal, target);
  if (tail.length > 0 && opts.allowMissing === false) throw new UnsafePathError('not_found', name, 'it does not exist');

  let existingReal: string;
  try {
    existingReal = realpathSync.native(existing);
  } catch {
    throw new UnsafePathError('dangling_symlink', name, 'it goes through a symbolic link whose target does not exist');
  }
  const real = tail.length > 0 ? join(existingReal, ...tail) : existingReal;

  if (!isStrictlyInside(rootReal, real)) {
    const viaLink = existingReal !== existing;
    throw new UnsafePathError(
      viaLink ? 'symlink_escape' : 'outside_root',
      name,
      viaLink ? 'a symbolic link on the way leads outside its folder' : 'it points outside its folder',
    );
  }
  if (DEVICE_PREFIXES.some((prefix) => real.startsWith(prefix))) {
    throw new UnsafePathError('device', name, 'it resolves to a device or kernel file');
  }
  if (tail.length === 0) {
    const stats = statSync(real);
    if (!stats.isFile() && !stats.isDirectory()) {
      throw new UnsafePathError('device', name, 'it is a device, socket or pipe, not a file or folder');
    }
  }

  const refused = refusedForms([...defaultRefused(opts.home), ...(opts.refuse ?? [])]);
  for (const form of refused) {
    if (isSameOrInside(form, real)) throw new UnsafePathError('refused_target', name, 'it is a protected location (vault, config or a refused path)');
    if (isStrictlyInside(real, form)) throw new UnsafePathError('refused_target', name, 'it contains a protected location (vault, config or a refused path)');
  }
  return real.endsWith(sep) && real.length > 1 ? real.slice(0, -1) : real;
}
