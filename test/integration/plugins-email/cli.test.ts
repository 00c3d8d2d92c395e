// `pyra plugin install/enable/setup/list email` through the CLI's run* functions, with piped answers
// (one line per question) and the file vault: the built plugin is copied, loads in its sandbox with
// all its tools, and setup leaves the password in the vault only.
import { expect } from 'chai';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runPluginEnable, runPluginInstall, runPluginList, runPluginSetupCommand } from '../../../app/commands/plugin.js';
import { bootstrapHome, homePaths } from '../../../app/config/home.js';
import type { CliIO } from '../../../app/plugins/terminal-io.js';
import type { PluginStatus } from '../../../app/plugins/types.js';
import { makeTempHome } from '../../helpers/temp-home.js';
import { ALICE, genericAnswers, startMailServers, type MailServers } from './helpers.js';
import { REPO, VAULT_PASSPHRASE, filesContaining, requireBuilt, rigVault } from './plugin-rig.js';

async function run(home: string, command: (io: CliIO) => Promise<number>, input = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const [stdin, stdout, stderr] = [new PassThrough(), new PassThrough(), new PassThrough()];
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  stdin.end(input);
  const env = { PYRA_HOME: home, PYRA_VAULT_PASSPHRASE: VAULT_PASSPHRASE, PATH: process.env.PATH, HOME: process.env.HOME };
  const code = await command({ stdin, stdout, stderr, env, cwd: REPO });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

describe('pyra plugin … email (CLI functions)', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let home: string;

  before(async () => {
    requireBuilt('email');
    servers = await startMailServers();
    home = makeTempHome('pyra-email-cli-').home;
    bootstrapHome(home);
    writeFileSync(homePaths(home).config, JSON.stringify({ vault: { backend: 'file' } }), { mode: 0o600 });
  });
  after(async () => {
    rmSync(home, { recursive: true, force: true });
    await servers?.stop();
  });

  it('install copies the built plugin; enable loads it with its tools and points to setup', async function () {
    const install = await run(home, (io) => runPluginInstall(io, 'email'));
    expect(install.code, install.stderr).to.equal(0);
    const entry = join(homePaths(home).plugins, 'email', 'dist', 'plugin.mjs');
    expect(existsSync(entry)).to.equal(true);
    expect(statSync(entry).mode & 0o777).to.equal(0o600);
    const enable = await run(home, (io) => runPluginEnable(io, 'email'));
    expect(enable.code, enable.stdout + enable.stderr).to.equal(0);
    expect(enable.stdout).to.include('Enabled email: it loads and offers 11 tool(s).').and.include('It has a setup step: pyra plugin setup email');
  });

  it('a setup cancelled after a failed login says why and exits 1', async function () {
    const lines = genericAnswers(servers, { password: 'wrong-password', verdict: [/./, 'c'] }).map(([, answer]) => answer);
    const setup = await run(home, (io) => runPluginSetupCommand(io, 'email'), lines.join('\n') + '\n');
    expect(setup.code).to.equal(1);
    expect(setup.stderr).to.match(/pyra plugin: setup of email failed: setup cancelled: nothing was saved: IMAP server 127\.0\.0\.1:\d+ rejected the login for "alice"/);
  });

  it('setup with piped answers stores the settings and the password in the vault, in no file', async function () {
    const lines = genericAnswers(servers).map(([, answer]) => answer);
    const setup = await run(home, (io) => runPluginSetupCommand(io, 'email'), lines.join('\n') + '\n');
    expect(setup.stderr).to.include('✓ Mail login works (reading and sending). Save these settings? (Y/n) [y]:');
    expect(setup.code, setup.stderr).to.equal(0);
    expect(setup.stdout).to.equal('Setup of email finished.\n');
    const vault = await rigVault(home);
    expect(await vault.get('plugin:email:password')).to.equal(ALICE.password);
    expect(filesContaining(home, ALICE.password)).to.deep.equal([]);
  });

  it('list shows it loaded with every tool', async function () {
    const list = await run(home, (io) => runPluginList(io, { json: true }));
    const email = (JSON.parse(list.stdout) as PluginStatus[]).find((p) => p.name === 'email')!;
    expect(email.state, email.reason).to.equal('loaded');
    expect(email.tools.map((t) => t.tool)).to.deep.equal([
      'list_folders',
      'list_messages',
      'search',
      'read_message',
      'extract_events',
      'move',
      'mark_read',
      'mark_unread',
      'flag',
      'send',
      'reply',
    ]);
    const risky = email.tools.filter((t) => t.annotations.destructive).map((t) => t.tool);
    expect(risky).to.deep.equal(['move', 'send', 'reply']);
    expect(email.tools.filter((t) => t.annotations.readOnly)).to.have.length(5);
  });
});
