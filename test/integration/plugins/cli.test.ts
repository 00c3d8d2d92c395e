// `pyra plugin …` and `pyra mcp …` through their run* functions, with piped streams, a temporary
// PYRA_HOME and the file vault (config.json pins it), against real plugin processes and MCP servers.
import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  runPluginDisable,
  runPluginEnable,
  runPluginInstall,
  runPluginList,
  runPluginRemove,
  runPluginSetupCommand,
  runPluginTools,
} from '../../../app/commands/plugin.js';
import { runMcpAdd, runMcpEnable, runMcpList, runMcpRemove, runMcpTools } from '../../../app/commands/mcp.js';
import { homePaths } from '../../../app/config/home.js';
import { mcpConfigFile } from '../../../app/plugins/mcp-config.js';
import { readPluginState } from '../../../app/plugins/plugin-state.js';
import type { CliIO } from '../../../app/plugins/terminal-io.js';
import { FIXTURES, PASSPHRASE, REPO, fileVault, removeTempHomes, stopHosts, tempHome, testGrant, testHost } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs a command function with piped streams; `input` is what is typed (piped) on stdin. */
async function run(home: string, command: (io: CliIO) => Promise<number>, input = '', cwd = REPO): Promise<Run> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  stdin.end(input);
  const env = { PYRA_HOME: home, PYRA_VAULT_PASSPHRASE: PASSPHRASE, PATH: process.env.PATH, HOME: process.env.HOME };
  const code = await command({ stdin, stdout, stderr, env, cwd });
  return { code, stdout: out(), stderr: err() };
}

/** A home whose config pins the file vault, so the CLI never reaches for a keyring here. */
function cliHome(): string {
  const home = tempHome();
  writeFileSync(homePaths(home).config, JSON.stringify({ vault: { backend: 'file' } }), { mode: 0o600 });
  return home;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;
const everything = join(REPO, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

describe('pyra plugin / pyra mcp (CLI)', function () {
  this.timeout(30_000);
  afterEach(stopHosts);
  after(removeTempHomes);

  describe('pyra plugin', function () {
    it('install, enable, list, tools, setup, disable, remove: the bundled plugin end to end', async function () {
      const home = cliHome();
      const empty = await run(home, (io) => runPluginList(io));
      expect(empty.stdout).to.include('No plugins installed.').and.to.include('time-and-units');

      const install = await run(home, (io) => runPluginInstall(io, 'time-and-units'));
      expect(install.code, install.stderr).to.equal(0);
      expect(install.stdout).to.match(/^Installed time-and-units 1\.0\.0 in .*\nEnable it with: pyra plugin enable time-and-units\n$/);
      const dir = join(homePaths(home).plugins, 'time-and-units');
      expect(modeOf(dir)).to.equal(0o700);
      expect(modeOf(join(dir, 'plugin.mjs'))).to.equal(0o600);
      expect((await run(home, (io) => runPluginList(io))).stdout).to.match(/time-and-units\s+1\.0\.0\s+disabled\s+not enabled/);

      const again = await run(home, (io) => runPluginInstall(io, 'time-and-units'));
      expect(again.code).to.equal(1);
      expect(again.stderr).to.equal('pyra plugin: time-and-units is already installed; add --force to replace it\n');
      expect((await run(home, (io) => runPluginInstall(io, 'time-and-units', { force: true }))).stdout).to.match(/^Replaced/);

      const enable = await run(home, (io) => runPluginEnable(io, 'time-and-units'));
      expect(enable.code, enable.stderr).to.equal(0);
      expect(enable.stdout).to.equal('Enabled time-and-units: it loads and offers 3 tool(s).\nIt has a setup step: pyra plugin setup time-and-units\n');
      expect((await run(home, (io) => runPluginList(io))).stdout).to.match(/time-and-units\s+1\.0\.0\s+loaded\s+3 tools/);
      const json = JSON.parse((await run(home, (io) => runPluginList(io, { json: true }))).stdout);
      expect(json[0]).to.include({ name: 'time-and-units', state: 'loaded' });

      const tools = await run(home, (io) => runPluginTools(io, 'time-and-units'));
      expect(tools.stdout).to.include('time-and-units__now (read-only)').and.to.include('/units');

      const setup = await run(home, (io) => runPluginSetupCommand(io, 'time-and-units'), 'Asia/Tokyo\n');
      expect(setup.code, setup.stderr).to.equal(0);
      expect(setup.stderr).to.include('Your home time zone (IANA name, e.g. Europe/Berlin) [UTC]:');
      expect(await (await fileVault(home)).get('plugin:time-and-units:home_zone')).to.equal('Asia/Tokyo');
      const host = testHost(home);
      await host.start();
      expect((await host.call(testGrant('time-and-units__now'))).text).to.include('(Asia/Tokyo, UTC+09:00;');
      expect((await host.call(testGrant('time-and-units__convert_units', { value: 100, from: 'F', to: 'C' }))).text).to.equal('100 F = 37.77777778 C');
      await host.stop();

      expect((await run(home, (io) => runPluginDisable(io, 'time-and-units'))).stdout).to.equal('Disabled time-and-units.\n');
      expect(readPluginState(home).plugins['time-and-units']!.enabled).to.equal(false);
      expect((await run(home, (io) => runPluginRemove(io, 'time-and-units'))).code).to.equal(0);
      expect(existsSync(dir)).to.equal(false);
      expect(readPluginState(home).plugins['time-and-units']).to.equal(undefined);
    });

    it('installs a folder by path; refuses one with a symlink, an unknown name, and a bad name', async function () {
      const home = cliHome();
      const byPath = await run(home, (io) => runPluginInstall(io, './test/fixtures/plugins/good', { enable: true }));
      expect(byPath.code, byPath.stderr).to.equal(0);
      expect(byPath.stdout).to.include('Installed good 1.0.0').and.to.include('Enabled good: it loads and offers 4 tool(s).');

      const source = join(home, 'linked-src');
      cpSync(join(FIXTURES, 'good'), source, { recursive: true });
      symlinkSync('/etc/passwd', join(source, 'passwd'));
      const linked = await run(home, (io) => runPluginInstall(io, source));
      expect(linked.code).to.equal(1);
      expect(linked.stderr).to.match(/refusing .*: it contains a symbolic link \(passwd\)/);

      const unknown = await run(home, (io) => runPluginInstall(io, 'no-such-plugin'));
      expect(unknown.stderr).to.match(/no bundled plugin is named no-such-plugin \(bundled: .*time-and-units.*\)/);
      const badName = await run(home, (io) => runPluginEnable(io, '../etc'));
      expect(badName.code).to.equal(2);
    });

    it('enable grants only the read paths the manifest asks for, checked by the safe-path rules', async function () {
      const home = cliHome();
      const shared = join(home, 'shared');
      mkdirSync(shared);
      const src = join(home, 'reader-src');
      cpSync(join(FIXTURES, 'reads-outside'), src, { recursive: true });
      writeFileSync(join(src, 'manifest.json'), JSON.stringify({ name: 'reader', version: '1.0.0', entry: 'plugin.mjs', permissions: { read: [shared, homePaths(home).vault] } }));
      expect((await run(home, (io) => runPluginInstall(io, src))).code).to.equal(0);

      const unasked = await run(home, (io) => runPluginEnable(io, 'reader', { grantRead: ['/etc'] }));
      expect(unasked.code).to.equal(2);
      expect(unasked.stderr).to.match(/reader does not ask to read \/etc/);
      const vault = await run(home, (io) => runPluginEnable(io, 'reader', { grantRead: [homePaths(home).vault] }));
      expect(vault.code).to.equal(1);
      expect(vault.stderr).to.match(/cannot grant .*protected location/);
      const ok = await run(home, (io) => runPluginEnable(io, 'reader', { grantRead: [shared] }));
      expect(ok.code, ok.stderr).to.equal(0);
      expect(ok.stdout).to.include(`Not granted: reading ${homePaths(home).vault}`);
      expect(readPluginState(home).plugins.reader!.grantedReads).to.deep.equal({ [shared]: shared });
      expect(modeOf(join(homePaths(home).plugins, 'state.json'))).to.equal(0o600);
    });

    it('reports a plugin that does not load', async function () {
      const home = cliHome();
      expect((await run(home, (io) => runPluginInstall(io, './test/fixtures/plugins/syntax-error'))).code).to.equal(0);
      const enable = await run(home, (io) => runPluginEnable(io, 'syntax-error'));
      expect(enable.code).to.equal(1);
      expect(enable.stdout).to.match(/Enabled syntax-error, but it does not load: failed to load: SyntaxError/);
      expect((await run(home, (io) => runPluginList(io))).stdout).to.match(/syntax-error\s+1\.0\.0\s+failed\s+failed to load: SyntaxError/);
    });
  });

  describe('pyra mcp', function () {
    it('add (stdio), list, tools, disable, enable, remove', async function () {
      const home = cliHome();
      const add = await run(home, (io) => runMcpAdd(io, 'everything', { command: [process.execPath, everything, 'stdio'], env: ['LOG_LEVEL=debug'] }));
      expect(add.code, add.stderr).to.equal(0);
      expect(modeOf(mcpConfigFile(home))).to.equal(0o600);
      expect(JSON.parse(readFileSync(mcpConfigFile(home), 'utf8')).servers.everything).to.deep.equal({
        transport: 'stdio',
        command: process.execPath,
        args: [everything, 'stdio'],
        env: { LOG_LEVEL: 'debug' },
        enabled: true,
      });
      expect((await run(home, (io) => runMcpList(io))).stdout).to.match(/everything\s+loaded\s+\d+ tools/);
      expect((await run(home, (io) => runMcpTools(io, 'everything'))).stdout).to.include('everything__echo');
      expect((await run(home, (io) => runMcpEnable(io, 'everything', false))).code).to.equal(0);
      expect((await run(home, (io) => runMcpList(io))).stdout).to.match(/everything\s+disabled/);
      expect((await run(home, (io) => runMcpEnable(io, 'everything', true))).code).to.equal(0);
      const again = await run(home, (io) => runMcpAdd(io, 'everything', { command: ['x'] }));
      expect(again.stderr).to.include('everything is already configured; add --force to replace it');
      expect((await run(home, (io) => runMcpRemove(io, 'everything'))).code).to.equal(0);
      expect((await run(home, (io) => runMcpList(io))).stdout).to.include('No MCP servers configured');
    });

    it('add --url with a token header: the token is read from stdin into the vault, never into mcp.json', async function () {
      const home = cliHome();
      const TOKEN = 'cli-token-1f2e3d4c5b6a';
      const add = await run(home, (io) => runMcpAdd(io, 'remote', { url: 'https://mcp.example.test/mcp', tokenHeader: 'Authorization', tokenScheme: 'Bearer' }), TOKEN + '\n');
      expect(add.code, add.stderr).to.equal(0);
      expect(add.stdout).to.include('Stored the token as plugin:remote:token in the vault.');
      expect(await (await fileVault(home)).get('plugin:remote:token')).to.equal(TOKEN);
      const file = readFileSync(mcpConfigFile(home), 'utf8');
      expect(file).not.to.include(TOKEN);
      expect(JSON.parse(file).servers.remote.tokenHeader).to.deep.equal({ name: 'Authorization', scheme: 'Bearer' });
    });

    it('refuses secrets in mcp.json, bad URLs, a name a plugin has, and half-given options', async function () {
      const home = cliHome();
      const cases: [Parameters<typeof runMcpAdd>[2], RegExp][] = [
        [{ command: ['srv'], env: ['GITHUB_TOKEN=ghp_x'] }, /environment variable GITHUB_TOKEN looks like a secret/],
        [{ url: 'https://user:pw@example.test/mcp' }, /must not contain a user name or password/],
        [{ url: 'https://example.test/mcp?api_key=1' }, /query parameter api_key looks like a secret/],
        [{ url: 'file:///etc/passwd' }, /must start with http/],
        [{ url: 'https://example.test/mcp', header: ['X-Api-Key=abc'] }, /header X-Api-Key looks like a secret/],
        [{}, /give either --url URL or -- COMMAND/],
        [{ url: 'https://example.test/mcp', command: ['x'] }, /give either/],
      ];
      for (const [options, message] of cases) {
        const result = await run(home, (io) => runMcpAdd(io, 'srv', options));
        expect(result.code, JSON.stringify(options)).to.equal(2);
        expect(result.stderr).to.match(message);
      }
      expect(existsSync(mcpConfigFile(home))).to.equal(false);
      await run(home, (io) => runPluginInstall(io, './test/fixtures/plugins/good'));
      const clash = await run(home, (io) => runMcpAdd(io, 'good', { command: ['x'] }));
      expect(clash.stderr).to.include('a plugin is already named good');
    });
  });
});
