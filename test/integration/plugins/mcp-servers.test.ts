// External MCP servers through the host, for real: the reference everything and filesystem servers
// from node_modules over stdio, an SDK-built server over streamable HTTP with a vault token, and
// servers that fail to start, die later, or flood.
import { expect } from 'chai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mcpConfigFile, updateMcpConfig } from '../../../app/plugins/mcp-config.js';
import { FIXTURES, REPO, addPlugin, errorLog, fileVault, removeTempHomes, statusOf, stopHosts, tempHome, testGrant, testHost, waitFor } from './helpers.js';
import { startHttpMcpServer, type TestHttpMcpServer } from './http-mcp-server.js';

const serverBin = (pkg: string) => join(REPO, 'node_modules', '@modelcontextprotocol', pkg, 'dist', 'index.js');

function addStdioServer(home: string, name: string, args: string[], extra: Record<string, unknown> = {}): void {
  updateMcpConfig(home, (servers) => {
    servers[name] = { transport: 'stdio', command: process.execPath, args, env: {}, enabled: true, ...extra };
  });
}

describe('plugin host: MCP servers', function () {
  this.timeout(30_000);
  afterEach(stopHosts);
  after(removeTempHomes);

  describe('server-everything (stdio)', function () {
    let home: string;
    before(function () {
      home = tempHome();
      addStdioServer(home, 'everything', [serverBin('server-everything'), 'stdio']);
      addPlugin(home, 'good');
    });

    it('joins the registry: tools with source mcp, prompts as slash commands, instructions as prompt addition', async function () {
      const host = testHost(home);
      await host.start();
      const status = statusOf(host, 'everything');
      expect(status.state, status.reason).to.equal('loaded');
      expect(status.kind).to.equal('mcp');
      const ids = status.tools.map((t) => t.id);
      expect(ids).to.include.members(['everything__echo', 'everything__get-sum']);
      const echo = host.tool('everything__echo')!;
      expect(echo).to.include({ plugin: 'everything', tool: 'echo', source: 'mcp', requiresApproval: true });
      expect(echo.parameters).to.have.property('type', 'object');
      expect(status.slashCommands.map((c) => c.name)).to.include('args-prompt');
      expect(status.promptAddition).to.be.a('string').and.not.be.empty;
      expect(host.tools().map((t) => t.id)).to.include.members(['good__echo', 'everything__echo']);
    });

    it('calls echo and get-sum', async function () {
      const host = testHost(home);
      await host.start();
      const echo = await host.call(testGrant('everything__echo', { message: 'hello mcp' }));
      expect(echo.ok, echo.error).to.equal(true);
      expect(echo.text).to.include('hello mcp');
      const sum = await host.call(testGrant('everything__get-sum', { a: 2, b: 40 }));
      expect(sum.ok, sum.error).to.equal(true);
      expect(sum.text).to.include('42');
    });

    it('runs a prompt as a slash command, the text going to its required argument', async function () {
      const host = testHost(home);
      await host.start();
      const result = await host.runSlashCommand('everything', 'args-prompt', 'Lisbon');
      expect(result.ok, result.error).to.equal(true);
      expect(result.text).to.include("What's weather in Lisbon?");
    });

    it('a slow tool times out, or is cancelled through its AbortSignal; the server stays loaded', async function () {
      const host = testHost(home);
      await host.start();
      const timedOut = await host.call(testGrant('everything__trigger-long-running-operation', { duration: 5, steps: 5 }), { timeoutMs: 300 });
      expect(timedOut).to.include({ ok: false, error: 'timed out after 300 ms' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const cancelled = await host.call(testGrant('everything__trigger-long-running-operation', { duration: 5, steps: 5 }), { signal: controller.signal });
      expect(cancelled).to.include({ ok: false, error: 'cancelled' });
      expect(statusOf(host, 'everything').state).to.equal('loaded');
      expect((await host.call(testGrant('everything__echo', { message: 'after' }))).ok).to.equal(true);
    });

    it('disable and enable through the host update mcp.json and stop or start the server', async function () {
      const host = testHost(home);
      await host.start();
      await host.disable('everything');
      expect(statusOf(host, 'everything').state).to.equal('disabled');
      expect(host.tool('everything__echo')).to.equal(undefined);
      await host.enable('everything');
      expect(statusOf(host, 'everything').state).to.equal('loaded');
    });
  });

  describe('server-filesystem (stdio) limited to a temp folder', function () {
    it('reads a file inside its folder and is refused outside it', async function () {
      const home = tempHome();
      const shared = join(home, 'shared-files');
      mkdirSync(shared);
      writeFileSync(join(shared, 'note.txt'), 'a note for the filesystem server\n');
      addStdioServer(home, 'files', [serverBin('server-filesystem'), shared]);
      const host = testHost(home);
      await host.start();
      expect(statusOf(host, 'files').state, statusOf(host, 'files').reason).to.equal('loaded');
      const read = await host.call(testGrant('files__read_text_file', { path: join(shared, 'note.txt') }));
      expect(read.ok, read.error).to.equal(true);
      expect(read.text).to.include('a note for the filesystem server');
      const outside = await host.call(testGrant('files__read_text_file', { path: '/etc/passwd' }));
      expect(outside.ok).to.equal(false);
      expect(outside.error).to.match(/denied|outside allowed/i);
    });
  });

  describe('streamable HTTP with a vault token', function () {
    const TOKEN = 'test-http-token-4c1e9a77f0b2';
    let server: TestHttpMcpServer;
    before(async function () {
      server = await startHttpMcpServer(TOKEN);
    });
    after(async function () {
      await server.close();
    });

    it('sends the token from plugin:<name>:token in the header, and mcp.json never holds it', async function () {
      const home = tempHome();
      await (await fileVault(home)).set('plugin:remote:token', TOKEN);
      updateMcpConfig(home, (servers) => {
        servers.remote = { transport: 'http', url: server.url, headers: {}, enabled: true, tokenHeader: { name: 'Authorization', scheme: 'Bearer' } };
      });
      const host = testHost(home);
      await host.start();
      const status = statusOf(host, 'remote');
      expect(status.state, status.reason).to.equal('loaded');
      expect(status.version).to.equal('1.2.3');
      expect(status.promptAddition).to.equal('Use shout for emphasis.');
      expect(status.tools.map((t) => [t.id, t.tool])).to.deep.equal([
        ['remote__shout', 'shout'],
        ['remote__weird_name', 'Weird.Name'],
      ]);
      const shout = await host.call(testGrant('remote__shout', { text: 'quiet' }));
      expect(shout).to.include({ ok: true, text: 'QUIET' });
      expect((await host.call(testGrant('remote__weird_name'))).text).to.equal('weird ok');
      expect(server.seenAuthorization.every((h) => h === `Bearer ${TOKEN}`)).to.equal(true);
      expect(readFileSync(mcpConfigFile(home), 'utf8')).not.to.include(TOKEN);
      expect(errorLog(home)).not.to.include(TOKEN);
    });

    it('without a token in the vault: failed, saying where to put it', async function () {
      const home = tempHome();
      updateMcpConfig(home, (servers) => {
        servers.remote = { transport: 'http', url: server.url, headers: {}, enabled: true, tokenHeader: { name: 'Authorization', scheme: 'Bearer' } };
      });
      const host = testHost(home);
      await host.start();
      expect(statusOf(host, 'remote').reason).to.match(/needs a token: store it with "pyra vault set plugin:remote:token"/);
    });
  });

  describe('servers that fail', function () {
    it('a command that exits at once: failed with its exit, the rest keeps working', async function () {
      const home = tempHome();
      addStdioServer(home, 'quits', ['-e', 'console.error("no config, giving up"); process.exit(4)']);
      addStdioServer(home, 'missing', [], { command: '/nonexistent/mcp-server' });
      addPlugin(home, 'good');
      const host = testHost(home);
      await host.start();
      expect(statusOf(host, 'quits').state).to.equal('failed');
      expect(statusOf(host, 'quits').reason).to.match(/exited \(code 4\).*no config, giving up/);
      expect(statusOf(host, 'missing').reason).to.match(/could not start \/nonexistent\/mcp-server: .*ENOENT/);
      expect((await host.call(testGrant('good__echo', { text: 'x' }))).ok).to.equal(true);
    });

    it('a server that never answers: failed after the start timeout', async function () {
      const home = tempHome();
      addStdioServer(home, 'silent', ['-e', 'setInterval(() => {}, 1000)']);
      const host = testHost(home, { mcpStartTimeoutMs: 800 });
      await host.start();
      expect(statusOf(host, 'silent').reason).to.equal('did not finish starting within 800 ms');
    });

    it('a server that dies after starting: marked failed, and restart brings it back', async function () {
      const home = tempHome();
      addStdioServer(home, 'crasher', [join(FIXTURES, 'mcp-servers', 'crasher.mjs')], { cwd: REPO });
      const host = testHost(home);
      await host.start();
      expect(statusOf(host, 'crasher').state, statusOf(host, 'crasher').reason).to.equal('loaded');
      const result = await host.call(testGrant('crasher__die'));
      expect(result.ok).to.equal(false);
      await waitFor(host, () => statusOf(host, 'crasher').state === 'failed');
      expect(statusOf(host, 'crasher').reason).to.match(/^exited \(code 9\): crasher: exiting on request$/);
      await host.restart('crasher');
      expect(statusOf(host, 'crasher').state).to.equal('loaded');
    });

    it('a server sending a line over the cap is killed', async function () {
      const home = tempHome();
      addStdioServer(home, 'flood', ['-e', 'process.stdout.write("x".repeat(9 * 1024 * 1024)); setInterval(() => {}, 1000)']);
      const host = testHost(home);
      await host.start();
      expect(statusOf(host, 'flood').reason).to.match(/sent a message longer than 8 MiB/);
    });

    it('a name used by a plugin: the server is refused', async function () {
      const home = tempHome();
      addPlugin(home, 'good');
      addStdioServer(home, 'good', [serverBin('server-everything'), 'stdio']);
      const host = testHost(home);
      await host.start();
      const statuses = host.plugins().filter((p) => p.name === 'good');
      expect(statuses.map((s) => [s.kind, s.state])).to.deep.equal([
        ['plugin', 'loaded'],
        ['mcp', 'failed'],
      ]);
      expect(statuses[1]!.reason).to.equal('a plugin is already named good');
    });
  });
});
