import { expect } from 'chai';
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { readManifest } from '../../../app/plugins/manifest.js';

describe('plugin manifest', function () {
  let root: string;
  let n = 0;
  before(() => (root = realpathSync(mkdtempSync(join(tmpdir(), 'pyra-manifest-')))));
  after(() => rmSync(root, { recursive: true, force: true }));

  /** A plugin folder named `name` holding `manifest` (an object or raw text) and plugin.mjs. */
  function folder(manifest: unknown, name = `p${++n}`): string {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'plugin.mjs'), 'export default { tools: [] };');
    if (manifest !== undefined) writeFileSync(join(dir, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
    return dir;
  }
  const valid = (name: string, extra: Record<string, unknown> = {}) => ({ name, version: '1.2.3', description: 'd', entry: 'plugin.mjs', ...extra });

  it('reads a valid manifest, with defaults for permissions', function () {
    const dir = folder(valid('ok'), 'ok');
    const result = readManifest(dir);
    expect(result).to.deep.equal({
      ok: true,
      manifest: { name: 'ok', version: '1.2.3', description: 'd', entry: 'plugin.mjs', entryPath: join(dir, 'plugin.mjs'), permissions: { network: false, read: [] } },
    });
  });

  it('keeps the permissions it knows', function () {
    const dir = folder(valid('perms', { permissions: { network: true, read: ['~/Documents', '/srv/data'] } }), 'perms');
    const result = readManifest(dir);
    expect(result.ok && result.manifest.permissions).to.deep.equal({ network: true, read: ['~/Documents', '/srv/data'] });
  });

  const bad: [string, unknown, RegExp][] = [
    ['no manifest', undefined, /^no manifest\.json$/],
    ['not JSON', '{ nope', /^manifest\.json is not valid JSON/],
    ['an array', '[]', /must hold an object/],
    ['an unknown field', { ...valid('x'), main: 'a.js' }, /unknown field\(s\): main/],
    ['a bad name', valid('Bad Name'), /plugin name "Bad Name" is not allowed/],
    ['a name other than the folder', valid('someone-else'), /the folder is named "p\d+" but the manifest says "someone-else"/],
    ['no version', { name: 'x', entry: 'plugin.mjs' }, /version must be/],
    ['an unknown permission', valid('x', { permissions: { exec: true } }), /unknown permission\(s\): exec/],
    ['a relative read path', valid('x', { permissions: { read: ['docs'] } }), /must be absolute or start with ~\//],
    ['network not boolean', valid('x', { permissions: { network: 'yes' } }), /network must be true or false/],
    ['an entry outside', valid('x', { entry: '../other/plugin.mjs' }), /entry "\.\.\/other\/plugin\.mjs" is refused/],
    ['an absolute entry', valid('x', { entry: '/etc/passwd.js' }), /is refused/],
    ['a missing entry', valid('x', { entry: 'missing.mjs' }), /is refused: .*does not exist/],
    ['a non-module entry', valid('x', { entry: 'plugin.ts' }), /must be an ES module/],
  ];
  for (const [what, manifest, reason] of bad) {
    it(`refuses ${what}`, function () {
      // Folder names follow the manifest name when the case is not about the name.
      const name = typeof manifest === 'object' && manifest !== null && (manifest as { name?: string }).name === 'x' ? `x${++n}` : undefined;
      const m = name ? { ...(manifest as object), name } : manifest;
      const result = readManifest(folder(m, name));
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.reason).to.match(reason);
    });
  }

  it('may skip the folder-name check (a source folder about to be installed)', function () {
    const dir = folder(valid('installed-name'), 'source-folder');
    expect(readManifest(dir).ok).to.equal(false);
    expect(readManifest(dir, { checkFolderName: false }).ok).to.equal(true);
  });
});
