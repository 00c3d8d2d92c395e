// The host's contract with the rest of Pyra: grants, the registry (ids, approval flags, prompt
// additions, slash commands), statuses for plugins that cannot run, enable/disable/restart, setup
// with prompts and secrets, granted read paths, and change notifications.
import { expect } from 'chai';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueGrant } from '../../../app/approvals/approval-grant.js';
import { homePaths } from '../../../app/config/home.js';
import { readPluginState, updatePluginEntry, checkGrantablePath } from '../../../app/plugins/plugin-state.js';
import { runPluginSetup } from '../../../app/plugins/standalone-plugin.js';
import type { PromptRequest } from '../../../app/plugins/plugin-process.js';
import { createToolHost } from '../../../app/plugins/tool-host.js';
import {
  addPlugin,
  errorLog,
  fileVault,
  removeTempHomes,
  statusOf,
  stopHosts,
  tempHome,
  testGrant,
  testHost,
} from './helpers.js';

function writePlugin(home: string, folder: string, manifest: Record<string, unknown>, code = 'export default { tools: [] };'): string {
  const dir = join(homePaths(home).plugins, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'plugin.mjs'), code);
  updatePluginEntry(home, folder, (e) => (e.enabled = true));
  return dir;
}

const manifestFor = (name: string, extra: Record<string, unknown> = {}) => ({ name, version: '1.0.0', description: 'test', entry: 'plugin.mjs', ...extra });

describe('plugin host: contract', function () {
  this.timeout(30_000);
  afterEach(stopHosts);
  after(removeTempHomes);

  describe('the registry', function () {
    it('lists tools as <plugin>__<tool> with their schema, annotations and approval flag', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      const host = testHost(home);
      await host.start();
      const status = statusOf(host, 'good');
      expect(status).to.include({ kind: 'plugin', state: 'loaded', version: '1.0.0', promptAddition: 'The good plugin echoes.' });
      expect(status.slashCommands).to.deep.equal([{ name: 'shout', description: 'Upper-cases its text' }]);
      expect(host.tools().map((t) => t.id)).to.deep.equal(['good__echo', 'good__add', 'good__wait_for_cancel', 'good__fails']);
      expect(host.tool('good__echo')).to.deep.include({
        plugin: 'good',
        tool: 'echo',
        source: 'plugin',
        requiresApproval: false, // read-only and opted out
        annotations: { readOnly: true, destructive: false },
      });
      expect(host.tool('good__add')!.requiresApproval, 'default').to.equal(true);
      expect(host.tool('good__add')!.parameters).to.deep.equal({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } });
    });

    it('returns structured results as JSON and tool errors as ok: false, without failing the plugin', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      const host = testHost(home);
      await host.start();
      const sum = await host.call(testGrant('good__add', { a: 2, b: 3 }));
      expect(sum).to.include({ ok: true, truncated: false });
      expect(JSON.parse(sum.text)).to.deep.equal({ sum: 5 });
      expect(sum.durationMs).to.be.a('number');
      const failed = await host.call(testGrant('good__fails'));
      expect(failed).to.include({ ok: false, error: 'Error: this tool always fails' });
      expect(statusOf(host, 'good').state).to.equal('loaded');
    });

    it('runs slash commands of loaded plugins', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      const host = testHost(home);
      await host.start();
      expect(await host.runSlashCommand('good', 'shout', 'hello')).to.include({ ok: true, text: 'HELLO' });
      expect((await host.runSlashCommand('good', 'nope', '')).error).to.equal('no loaded plugin good offers /nope');
    });
  });

  describe('grants', function () {
    it('refuses calls without a grant from the approval queue, and for another tool', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      const host = createToolHost({ home, vault: () => fileVault(home) }); // the real check: isIssuedGrant
      await host.start();
      try {
        const forged = { requestId: 'r1', toolId: 'good__echo', args: { text: 'x' }, decidedBy: 'user' as const };
        expect((await host.call(forged)).error).to.equal('refused: the call was not approved through the approval queue');
        const real = await host.call(issueGrant('r2', 'good__echo', { text: 'approved' }, 'user'));
        expect(real).to.include({ ok: true, text: 'echo: approved' });
        expect((await host.call(issueGrant('r3', 'good__nothing', {}, 'user'))).error).to.equal('no loaded tool is named good__nothing');
        expect((await host.call(issueGrant('r4', 'good__echo', ['not', 'an', 'object'], 'user'))).error).to.equal('the arguments must be a JSON object');
      } finally {
        await host.stop();
      }
    });
  });

  describe('plugins that cannot run', function () {
    it('shows each with its reason; the valid ones still load', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      addPlugin(home, 'throws-at-import', { enable: false });
      writePlugin(home, 'mismatch', manifestFor('other-name'));
      writePlugin(home, 'asks-too-much', manifestFor('asks-too-much', { permissions: { childProcess: true } }));
      writePlugin(home, 'escapes', manifestFor('escapes', { entry: '../good/plugin.mjs' }));
      writePlugin(home, 'Bad_Folder', manifestFor('Bad_Folder'));
      const linked = writePlugin(home, 'has-link', manifestFor('has-link'));
      symlinkSync('/etc/passwd', join(linked, 'passwd'));
      mkdirSync(join(homePaths(home).plugins, 'no-manifest'));
      symlinkSync(join(homePaths(home).plugins, 'good'), join(homePaths(home).plugins, 'linked-folder'));
      const host = testHost(home);
      await host.start();
      const reasons = Object.fromEntries(host.plugins().map((p) => [p.name, `${p.state}: ${p.reason ?? ''}`]));
      expect(reasons).to.deep.equal({
        'Bad_Folder': 'failed: plugin folder name "Bad_Folder" is not allowed (lowercase letters, digits, "_" or "-", 1-64 characters, starting with a letter or digit)',
        'asks-too-much': 'failed: asks for unknown permission(s): childProcess',
        escapes: 'failed: entry "../good/plugin.mjs" is refused: Refused path "../good/plugin.mjs": component ".." refers to the current or parent folder.',
        good: 'loaded: ',
        'has-link': 'failed: it contains a symbolic link (passwd), which could lead outside its folder',
        'linked-folder': 'failed: the plugin folder is a symbolic link',
        mismatch: 'failed: the folder is named "mismatch" but the manifest says "other-name"',
        'no-manifest': 'failed: no manifest.json',
        'throws-at-import': 'disabled: not enabled (pyra plugin enable throws-at-import)',
      });
    });
  });

  describe('lifecycle', function () {
    it('disable, enable and restart after a fix; listeners hear every change', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      const dir = writePlugin(home, 'fixable', manifestFor('fixable'), 'export default { tools: [ };');
      const host = testHost(home);
      let changes = 0;
      const off = host.onChange(() => changes++);
      await host.start();
      expect(statusOf(host, 'fixable').reason).to.match(/^failed to load: SyntaxError/);
      writeFileSync(join(dir, 'plugin.mjs'), "export default { tools: [{ name: 'ping', description: 'p', handler: () => 'pong' }] };");
      await host.restart('fixable');
      expect(statusOf(host, 'fixable').state).to.equal('loaded');
      expect(await host.call(testGrant('fixable__ping'))).to.include({ ok: true, text: 'pong' });

      await host.disable('good');
      expect(statusOf(host, 'good')).to.include({ state: 'disabled' });
      expect(readPluginState(home).plugins.good!.enabled).to.equal(false);
      expect((await host.call(testGrant('good__echo', { text: 'x' }))).ok).to.equal(false);
      await host.enable('good');
      expect(statusOf(host, 'good').state).to.equal('loaded');
      const seen = changes;
      expect(seen).to.be.greaterThan(5);
      off();
      await host.restart('good');
      expect(changes).to.equal(seen);
    });

    it('starts ten plugins side by side', async function () {
      const home = tempHome();
      const names = Array.from({ length: 10 }, (_, i) => `copy-${i}`);
      for (const name of names) writePlugin(home, name, manifestFor(name), "export default { tools: [{ name: 'n', description: 'n', handler: () => 'ok' }] };");
      const host = testHost(home);
      await host.start();
      expect(host.plugins().filter((p) => p.state === 'loaded').map((p) => p.name)).to.deep.equal(names);
      const results = await Promise.all(names.map((name) => host.call(testGrant(`${name}__n`))));
      expect(results.every((r) => r.ok && r.text === 'ok')).to.equal(true);
    });
  });

  describe('setup and secrets', function () {
    it('runs setup with prompts (the token masked), stores secrets in the plugin namespace, never logs them', async function () {
      const home = tempHome();
      addPlugin(home, 'with-setup');
      const TOKEN = 'setup-token-9d8e7f6a5b4c';
      const asked: PromptRequest[] = [];
      const answers = ['alice', TOKEN];
      const { hadSetup } = await runPluginSetup({
        home,
        name: 'with-setup',
        secrets: async () => (await fileVault(home)).forPlugin('with-setup'),
        prompter: async (request) => {
          asked.push(request);
          return answers.shift()!;
        },
      });
      expect(hadSetup).to.equal(true);
      expect(asked).to.deep.equal([
        { label: 'User name', masked: false, default: 'me' },
        { label: 'API token', masked: true },
      ]);
      const vault = await fileVault(home);
      expect(await vault.get('plugin:with-setup:api_token')).to.equal(TOKEN);
      expect(await vault.get('plugin:with-setup:user')).to.equal('alice');
      // Everything a plugin stored in the vault counts as secret in its stderr.
      expect(errorLog(home)).to.include('stored the token [REDACTED:secret] for [REDACTED:secret]');
      expect(errorLog(home)).not.to.include(TOKEN);

      const host = testHost(home);
      await host.start();
      expect(await host.call(testGrant('with-setup__whoami'))).to.include({ ok: true, text: `alice (token of ${TOKEN.length} characters)` });
      const prompt = await host.call(testGrant('with-setup__prompt_outside_setup'));
      expect(prompt.text).to.equal('no prompt in calls');
    });

    it('a plugin without setup says so', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      const result = await runPluginSetup({ home, name: 'good', secrets: async () => (await fileVault(home)).forPlugin('good'), prompter: async () => '' });
      expect(result.hadSetup).to.equal(false);
    });
  });

  describe('granted read paths', function () {
    it('a plugin reads a path the user granted from its manifest, and nothing else', async function () {
      const home = tempHome();
      const shared = join(home, 'shared');
      mkdirSync(shared);
      writeFileSync(join(shared, 'data.txt'), 'granted data');
      addPlugin(home, 'reads-outside');
      writeFileSync(join(homePaths(home).plugins, 'reads-outside', 'manifest.json'), JSON.stringify(manifestFor('reads-outside', { permissions: { read: [shared] } })));

      const notGranted = testHost(home);
      await notGranted.start();
      expect((await notGranted.call(testGrant('reads-outside__read', { path: join(shared, 'data.txt') }))).ok).to.equal(false);
      await notGranted.stop();

      updatePluginEntry(home, 'reads-outside', (e) => (e.grantedReads = { [shared]: checkGrantablePath(shared, home) }));
      const granted = testHost(home);
      await granted.start();
      expect(await granted.call(testGrant('reads-outside__read', { path: join(shared, 'data.txt') }))).to.include({ ok: true, text: 'granted data' });
    });

    it('refuses to grant the vault, the config, a folder holding them, or the root', function () {
      const home = tempHome();
      expect(() => checkGrantablePath(homePaths(home).vault, home)).to.throw(/protected location/);
      expect(() => checkGrantablePath(homePaths(home).root, home)).to.throw(/protected location/);
      expect(() => checkGrantablePath('/', home)).to.throw(/whole file system/);
      expect(() => checkGrantablePath(join(home, 'missing'), home)).to.throw(/does not exist/);
      expect(checkGrantablePath(homePaths(home).memory, home)).to.equal(homePaths(home).memory);
    });
  });
});
