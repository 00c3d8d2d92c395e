import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { resolveSafePath, UnsafePathError } from '../../../app/security/safe-path.js';
import { homePaths } from '../../../app/config/home.js';

interface HostileEntry {
  category: string;
  name: string;
  note?: string;
}

const corpus = JSON.parse(
  readFileSync(new URL('../../fixtures/security/hostile-names.json', import.meta.url), 'utf8'),
) as { entries: HostileEntry[] };

function refusal(fn: () => unknown): UnsafePathError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UnsafePathError) return err;
    throw err;
  }
  throw new Error('expected the path to be refused');
}

/** Lists every entry below `dir`, recursively, as paths relative to it. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    return entry.isDirectory() && !entry.isSymbolicLink() ? [rel, ...tree(join(dir, entry.name), rel + '/')] : [rel];
  });
}

describe('security/safe-path', () => {
  let sandbox: string; // holds root/ and outside/, so escapes have somewhere observable to land
  let root: string;
  let outside: string;

  beforeEach(() => {
    sandbox = realpathSync(mkdtempSync(join(tmpdir(), 'pyra-safe-path-')));
    root = join(sandbox, 'root');
    outside = join(sandbox, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.txt'), 'top secret');
  });
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  describe('hostile corpus', () => {
    it('has at least 80 entries covering every lexical category', () => {
      expect(corpus.entries.length).to.be.at.least(80);
      const categories = new Set(corpus.entries.map((e) => e.category));
      for (const wanted of [
        'control_char', 'reserved_name', 'unc_or_device', 'absolute', 'drive_letter', 'tilde', 'backslash',
        'dot_component', 'trailing_dot_or_space', 'too_long', 'confusable', 'percent_encoding',
      ]) {
        expect(categories, wanted).to.include(wanted);
      }
    });

    it('refuses every hostile name with its expected reason and creates nothing anywhere', () => {
      const before = tree(sandbox);
      const wrong: string[] = [];
      for (const entry of corpus.entries) {
        const err = refusal(() => resolveSafePath(root, entry.name, { home: false }));
        if (err.reason !== entry.category) wrong.push(`${JSON.stringify(entry.name)}: ${err.reason} ≠ ${entry.category}`);
        expect(err.message).to.match(/^Refused path /);
      }
      expect(wrong, wrong.join('\n')).to.deep.equal([]);
      expect(tree(sandbox)).to.deep.equal(before);
    });
  });

  describe('accepted names', () => {
    it('returns the absolute real path of nested relative names that do not exist yet', () => {
      expect(resolveSafePath(root, 'notes/2024/plan.md', { home: false })).to.equal(join(root, 'notes', '2024', 'plan.md'));
    });

    it('accepts unicode letters, spaces inside names and leading dots', () => {
      for (const name of ['Übersicht.md', 'café/crème brûlée.md', '日本語/メモ.txt', 'my notes/todo list.md', '.hidden', 'a..b.md', '100% done.md', 'résumé (final) v2.md']) {
        const result = resolveSafePath(root, name, { home: false });
        expect(result.startsWith(root + '/'), name).to.equal(true);
      }
    });

    it('normalizes to NFC', () => {
      const decomposed = 'cafe\u0301.md';
      expect(resolveSafePath(root, decomposed, { home: false })).to.equal(join(root, 'caf\u00e9.md'));
    });

    it('follows symlinks that stay inside the root', () => {
      mkdirSync(join(root, 'real'));
      writeFileSync(join(root, 'real', 'a.md'), 'x');
      symlinkSync(join(root, 'real'), join(root, 'alias'));
      expect(resolveSafePath(root, 'alias/a.md', { home: false })).to.equal(join(root, 'real', 'a.md'));
      expect(resolveSafePath(root, 'alias/new.md', { home: false })).to.equal(join(root, 'real', 'new.md'));
    });

    it('resolves against the real root when the root itself is reached through a symlink', () => {
      const link = join(sandbox, 'root-link');
      symlinkSync(root, link);
      expect(resolveSafePath(link, 'a.md', { home: false })).to.equal(join(root, 'a.md'));
    });

    it('with allowMissing false requires the target to exist', () => {
      writeFileSync(join(root, 'there.md'), 'x');
      expect(resolveSafePath(root, 'there.md', { home: false, allowMissing: false })).to.equal(join(root, 'there.md'));
      expect(refusal(() => resolveSafePath(root, 'absent.md', { home: false, allowMissing: false })).reason).to.equal('not_found');
    });
  });

  describe('symlink escapes', () => {
    it('refuses a symlinked file pointing outside', () => {
      symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
      expect(refusal(() => resolveSafePath(root, 'leak.txt', { home: false })).reason).to.equal('symlink_escape');
    });

    it('refuses a symlinked folder pointing outside, for existing and missing tails', () => {
      symlinkSync(outside, join(root, 'out'));
      expect(refusal(() => resolveSafePath(root, 'out/secret.txt', { home: false })).reason).to.equal('symlink_escape');
      expect(refusal(() => resolveSafePath(root, 'out/new/deeper.md', { home: false })).reason).to.equal('symlink_escape');
    });

    it('refuses a symlink in the middle of the chain', () => {
      mkdirSync(join(root, 'a'));
      symlinkSync(sandbox, join(root, 'a', 'up'));
      expect(refusal(() => resolveSafePath(root, 'a/up/outside/secret.txt', { home: false })).reason).to.equal('symlink_escape');
    });

    it('refuses a chain of symlinks that ends outside', () => {
      symlinkSync(outside, join(root, 'hop2'));
      symlinkSync(join(root, 'hop2'), join(root, 'hop1'));
      expect(refusal(() => resolveSafePath(root, 'hop1/secret.txt', { home: false })).reason).to.equal('symlink_escape');
    });

    it('refuses a relative symlink climbing out', () => {
      symlinkSync('../outside', join(root, 'rel'));
      expect(refusal(() => resolveSafePath(root, 'rel/secret.txt', { home: false })).reason).to.equal('symlink_escape');
    });

    it('refuses a dangling symlink instead of writing through it', () => {
      symlinkSync(join(outside, 'not-yet.txt'), join(root, 'dangling.txt'));
      expect(refusal(() => resolveSafePath(root, 'dangling.txt', { home: false })).reason).to.equal('dangling_symlink');
    });

    it('refuses a symlink to a device', () => {
      symlinkSync('/dev/null', join(root, 'null'));
      const err = refusal(() => resolveSafePath(root, 'null', { home: false }));
      expect(['symlink_escape', 'device']).to.include(err.reason);
    });

    it('refuses a symlink pointing at the root itself', () => {
      symlinkSync(root, join(root, 'self'));
      expect(refusal(() => resolveSafePath(root, 'self', { home: false })).reason).to.equal('symlink_escape');
    });

    it('refuses a named pipe inside the root', function () {
      try {
        execFileSync('mkfifo', [join(root, 'pipe')]);
      } catch (err) {
        throw new Error(`mkfifo failed (install coreutils): ${(err as Error).message}`);
      }
      expect(refusal(() => resolveSafePath(root, 'pipe', { home: false })).reason).to.equal('device');
    });
  });

  describe('protected locations', () => {
    it('refuses the vault folder, anything in it, the config file and folders containing them', () => {
      const home = join(root, 'home');
      const paths = homePaths(home);
      mkdirSync(paths.vault, { recursive: true });
      writeFileSync(paths.config, '{}');
      for (const name of ['home/vault', 'home/vault/.vault_lock', 'home/vault/new.json', 'home/config.json', 'home']) {
        expect(refusal(() => resolveSafePath(root, name, { home })).reason, name).to.equal('refused_target');
      }
      expect(resolveSafePath(root, 'home/memory/a.md', { home })).to.equal(join(home, 'memory', 'a.md'));
    });

    it('refuses the vault reached through a symlink alias', () => {
      const home = join(root, 'home');
      mkdirSync(homePaths(home).vault, { recursive: true });
      symlinkSync(homePaths(home).vault, join(root, 'innocent'));
      expect(refusal(() => resolveSafePath(root, 'innocent/keys.json', { home })).reason).to.equal('refused_target');
    });

    it('refuses paths listed in opts.refuse', () => {
      mkdirSync(join(root, 'private'));
      const refuse = [join(root, 'private'), join(root, 'index.md')];
      expect(refusal(() => resolveSafePath(root, 'private/x.md', { home: false, refuse })).reason).to.equal('refused_target');
      expect(refusal(() => resolveSafePath(root, 'index.md', { home: false, refuse })).reason).to.equal('refused_target');
      expect(resolveSafePath(root, 'public.md', { home: false, refuse })).to.equal(join(root, 'public.md'));
    });

    it('refuses a missing root', () => {
      expect(refusal(() => resolveSafePath(join(sandbox, 'nope'), 'a.md', { home: false })).reason).to.equal('root_missing');
    });
  });
});
