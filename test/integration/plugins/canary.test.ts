// Canaries: secrets planted in another plugin's vault namespace, in Pyra's own environment and in
// the vault and config files must never reach a plugin (nor an external MCP server's environment),
// whatever it tries, and must never show up in plugin_errors.log.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homePaths } from '../../../app/config/home.js';
import { updateMcpConfig } from '../../../app/plugins/mcp-config.js';
import { addPlugin, errorLog, fileVault, removeTempHomes, statusOf, stopHosts, tempHome, testGrant, testHost } from './helpers.js';

const OTHER_PLUGIN_SECRET = 'CANARY-other-plugin-7f3a9c21d4e8b6';
const ENV_SECRET = 'CANARY-host-env-5b2e8d1f9a7c34';
const PROVIDER_SECRET = 'CANARY-provider-key-0c4d7e2a9b5f18';
const OWN_SECRET = 'own-token-of-canary-plugin';
const ENV_NAME = 'PYRA_TEST_CANARY_SECRET';

describe('plugin host: canaries', function () {
  this.timeout(30_000);
  let home: string;

  before(async function () {
    home = tempHome();
    const vault = await fileVault(home);
    await vault.set('plugin:other:token', OTHER_PLUGIN_SECRET);
    await vault.set('provider:openai:api_key', PROVIDER_SECRET);
    await vault.set('plugin:canary:token', OWN_SECRET);
    writeFileSync(homePaths(home).config, JSON.stringify({ provider: 'openai', note: ENV_SECRET }), { mode: 0o600 });
    process.env[ENV_NAME] = ENV_SECRET;
  });

  after(async function () {
    delete process.env[ENV_NAME];
    await stopHosts();
    removeTempHomes();
  });

  it('a plugin hunting through the environment, files and the host finds only its own secret', async function () {
    addPlugin(home, 'canary');
    addPlugin(home, 'good');
    const host = testHost(home);
    await host.start();
    expect(statusOf(host, 'canary').state).to.equal('loaded');
    const paths = [
      join(homePaths(home).vault, 'secrets.age'),
      join(homePaths(home).vault, 'secrets-names.json'),
      homePaths(home).config,
      join(homePaths(home).plugins, 'good', 'plugin.mjs'),
      join(homePaths(home).plugins, 'state.json'),
      '/etc/passwd',
      `/proc/${process.pid}/environ`,
    ];
    const keys = ['token', 'plugin:other:token', 'other:token', '../other/token', 'provider:openai:api_key', 'x:token', '*'];
    const result = await host.call(testGrant('canary__hunt', { paths, keys }));
    expect(result.ok, result.error).to.equal(true);
    const report = result.text;

    expect(report).to.include('env: {}');
    expect(report).to.include(`secret token: ${OWN_SECRET}`);
    expect(report).to.include('list: ["token"]');
    for (const path of paths) expect(report).to.match(new RegExp(`read ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: refused \\(ERR_ACCESS_DENIED\\)`));
    expect(report).to.match(/parent environ: refused \(ERR_ACCESS_DENIED\)/);
    expect(report).to.match(/list parent folder: refused \(ERR_ACCESS_DENIED\)/);
    for (const key of keys.slice(1)) expect(report).to.match(new RegExp(`secret ${key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: refused \\(Invalid vault key`));

    for (const canary of [OTHER_PLUGIN_SECRET, ENV_SECRET, PROVIDER_SECRET]) {
      expect(report, 'in the result').not.to.include(canary);
      expect(errorLog(home), 'in plugin_errors.log').not.to.include(canary);
    }
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the stderr copy of the report arrive
    expect(errorLog(home)).to.include('[canary] stderr: env: {}');
    expect(errorLog(home), 'the plugin\'s own secret is redacted in its stderr').not.to.include(OWN_SECRET);
    expect(errorLog(home)).to.include('[canary] secret request refused: Invalid vault key "plugin:canary:plugin:other:token"');
    expect(statusOf(host, 'canary').state, 'a plugin that only asks gets "no", not killed').to.equal('loaded');
  });

  it("an external MCP stdio server gets PATH and HOME and its configured variables, not Pyra's environment", async function () {
    const serverHome = tempHome();
    const everything = join(process.cwd(), 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
    updateMcpConfig(serverHome, (servers) => {
      servers.everything = { transport: 'stdio', command: process.execPath, args: [everything, 'stdio'], env: { GREETING: 'hello' }, enabled: true };
    });
    const host = testHost(serverHome, { env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent-home', [ENV_NAME]: ENV_SECRET } });
    await host.start();
    expect(statusOf(host, 'everything').state, statusOf(host, 'everything').reason).to.equal('loaded');
    const result = await host.call(testGrant('everything__get-env'));
    expect(result.ok, result.error).to.equal(true);
    const env = JSON.parse(result.text) as Record<string, string>;
    expect(env).to.deep.equal({ PATH: '/usr/bin:/bin', HOME: '/nonexistent-home', GREETING: 'hello' });
    expect(errorLog(serverHome)).not.to.include(ENV_SECRET);
  });
});
