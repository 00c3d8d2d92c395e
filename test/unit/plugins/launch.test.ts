import { expect } from 'chai';
import { mkdtempSync, realpathSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchFor, permissionFlag, supportsNetworkPermission } from '../../../app/plugins/runner/launch.js';
import { runnerPath } from '../../../app/plugins/repo-root.js';

describe('plugin launch flags', function () {
  it('picks the permission flag from the Node version', function () {
    const table: [string, string][] = [
      ['20.19.0', '--experimental-permission'],
      ['20.20.2', '--experimental-permission'],
      ['22.12.0', '--experimental-permission'],
      ['22.13.0', '--permission'],
      ['23.4.0', '--experimental-permission'],
      ['23.5.0', '--permission'],
      ['24.0.0', '--permission'],
      ['26.1.0', '--permission'],
    ];
    for (const [node, flag] of table) expect(permissionFlag({ node }), node).to.equal(flag);
    expect(supportsNetworkPermission({ node: '24.9.0' })).to.equal(false);
    expect(supportsNetworkPermission({ node: '25.0.0' })).to.equal(true);
  });

  describe('launchFor', function () {
    let root: string;
    before(function () {
      root = realpathSync(mkdtempSync(join(tmpdir(), 'pyra-launch-')));
      mkdirSync(join(root, 'demo'));
      writeFileSync(join(root, 'demo', 'plugin.mjs'), 'export default { tools: [] };');
      mkdirSync(join(root, 'granted'));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('reads: the runner, the plugin folder and granted paths only; nothing else allowed; empty env', function () {
      const launch = launchFor({
        runner: runnerPath(),
        pluginDir: join(root, 'demo'),
        entryPath: join(root, 'demo', 'plugin.mjs'),
        pluginName: 'demo',
        grantedReads: [join(root, 'granted')],
        network: true,
        versions: { node: '20.20.2' },
      });
      expect(launch.command).to.equal(process.execPath);
      expect(launch.args).to.deep.equal([
        '--experimental-permission',
        `--allow-fs-read=${realpathSync(runnerPath())}`,
        `--allow-fs-read=${join(root, 'demo')}`,
        `--allow-fs-read=${join(root, 'granted')}`,
        '--disable-warning=ExperimentalWarning',
        '--max-old-space-size=256',
        realpathSync(runnerPath()),
        join(root, 'demo', 'plugin.mjs'),
        'demo',
      ]);
      expect(launch.args.join(' ')).not.to.match(/allow-(fs-write|child-process|worker|addons|wasi)/);
      expect(launch.options).to.deep.include({ cwd: join(root, 'demo'), env: {} });
    });

    it('passes --allow-net only where Node has a network permission and the manifest asks for it', function () {
      const spec = { runner: runnerPath(), pluginDir: join(root, 'demo'), entryPath: join(root, 'demo', 'plugin.mjs'), pluginName: 'demo', grantedReads: [] };
      expect(launchFor({ ...spec, network: true, versions: { node: '25.1.0' } }).args).to.include('--allow-net');
      expect(launchFor({ ...spec, network: false, versions: { node: '25.1.0' } }).args).not.to.include('--allow-net');
      expect(launchFor({ ...spec, network: true, versions: { node: '24.1.0' } }).args).not.to.include('--allow-net');
    });
  });
});
