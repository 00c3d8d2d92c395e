/**
 * The built `pyra` binary end to end: `pyra setup` with flags (key piped on stdin) against the scripted
 * server, then `pyra vault list` and `pyra ask`, as plain child processes (stdout is a pipe, not a
 * terminal); and `pyra setup`'s prompts in a pty. Needs `npm run build` and the ask/setup commands
 * registered in app/cli.ts (skipped, with a note, until they are).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { BUILT_MAIN, PYRA_BIN, childEnvironment, closeAll, startPyra, type ChildEnvironment } from '../../helpers/pty-session.js';
import { replyFromMarkdown, startScriptedLlm, type ScriptedLlm } from '../../helpers/scripted-llm-server.js';

const KEY = 'sk-e2e-secret-key-9f8e7d6c5b4a';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built pyra without blocking this process (the scripted server lives here). */
function pyra(child: ChildEnvironment, args: string[], stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [PYRA_BIN, ...args], { cwd: child.homeDir, env: child.env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    proc.stdin.end(stdin);
  });
}

const show = (r: Run) => `exit ${r.code}\n--- stdout:\n${r.stdout}\n--- stderr:\n${r.stderr}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

/** The built binary must exist and know `ask` and `setup`. */
async function requireCommands(_ctx: Mocha.Context): Promise<void> {
  if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  const probe = childEnvironment();
  try {
    const help = await pyra(probe, ['--help']);
    expect(help.stdout, 'pyra --help lists ask and setup').to.match(/pyra ask/).and.match(/pyra setup/);
  } finally {
    probe.cleanup();
  }
}

describe('pyra setup and ask (e2e, built binary, no terminal)', function () {
  this.timeout(60_000);
  let llm: ScriptedLlm;
  let child: ChildEnvironment;

  before(async function () {
    await requireCommands(this);
  });

  beforeEach(async () => {
    llm = await startScriptedLlm();
    child = childEnvironment({ env: { PYRA_VAULT_PASSPHRASE: 'correct horse battery staple' } });
  });
  afterEach(async () => {
    await llm.close();
    child?.cleanup();
  });

  it('setup stores the key only in the vault; vault list shows the name; ask streams plain text with it', async () => {
    const setup = await pyra(
      child,
      ['setup', '--provider', 'custom', '--base-url', llm.openaiBaseUrl, '--model', 'scripted-model', '--api-key-stdin'],
      `${KEY}\n`,
    );
    expect(setup.code, show(setup)).to.equal(0);
    expect(setup.stdout).to.include('Connection test passed').and.include('provider:custom:api_key');
    expect(setup.stdout + setup.stderr).to.not.include(KEY);
    expect(llm.requests[0]!.headers.authorization).to.equal(`Bearer ${KEY}`);

    const list = await pyra(child, ['vault', 'list']);
    expect(list.code, show(list)).to.equal(0);
    expect(list.stdout.trim().split('\n')).to.deep.equal(['provider:custom:api_key']);

    const leaking = filesUnder(child.pyraHome).filter((f) => readFileSync(f).includes(Buffer.from(KEY)));
    expect(leaking, 'no file under PYRA_HOME holds the key').to.deep.equal([]);
    const config = JSON.parse(readFileSync(join(child.pyraHome, 'config.json'), 'utf8'));
    expect(config.provider).to.deep.equal({ id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model' });

    llm.enqueue(replyFromMarkdown('# Hello\n\nA **streamed** answer.', 8));
    const ask = await pyra(child, ['ask', 'Say hello']);
    expect(ask.code, show(ask)).to.equal(0);
    expect(ask.stdout).to.equal('# Hello\n\nA **streamed** answer.\n');
    expect(ask.stdout).to.not.include('\x1b');
    expect(llm.requests.at(-1)!.headers.authorization).to.equal(`Bearer ${KEY}`);
  });

  it('ask without a provider: exit 1, pointing at pyra setup; a refused key: exit 1 with the remedy', async () => {
    const none = await pyra(child, ['ask', 'hi']);
    expect(none.code, show(none)).to.equal(1);
    expect(none.stderr).to.include('pyra setup');
    expect(none.stdout).to.equal('');

    const setup = await pyra(child, ['setup', '--provider', 'ollama', '--base-url', llm.ollamaHost, '--model', 'scripted-model']);
    expect(setup.code, show(setup)).to.equal(0);
    llm.enqueue({ kind: 'status', status: 401 });
    const refused = await pyra(child, ['ask', 'hi']);
    expect(refused.code, show(refused)).to.equal(1);
    expect(refused.stderr).to.include('refused the API key').and.include('pyra setup');
  });

  it('setup usage errors exit 2; a failed connection test exits 1 and saves nothing', async () => {
    const unknown = await pyra(child, ['setup', '--provider', 'nope']);
    expect(unknown.code, show(unknown)).to.equal(2);
    expect(unknown.stderr).to.include('openai, anthropic');

    llm.enqueue({ kind: 'status', status: 500, on: 'models' });
    const failed = await pyra(child, ['setup', '--provider', 'custom', '--base-url', llm.openaiBaseUrl, '--model', 'm']);
    expect(failed.code, show(failed)).to.equal(1);
    expect(failed.stderr).to.include('Nothing was saved');
    expect(existsSync(join(child.pyraHome, 'config.json'))).to.equal(false);
  });
});

describe('pyra setup in a terminal (e2e, built binary in a pty)', function () {
  this.timeout(60_000);
  let llm: ScriptedLlm;

  before(async function () {
    await requireCommands(this);
  });
  beforeEach(async () => {
    llm = await startScriptedLlm();
  });
  afterEach(async () => {
    await closeAll();
    await llm.close();
  });

  it('answers the prompts: the key is masked, never shown, and lands in the vault', async () => {
    const session = await startPyra({ args: ['setup'], env: { PYRA_VAULT_PASSPHRASE: 'correct horse battery staple' } });
    await session.waitForText('Provider (number or id)');
    await session.type('custom');
    await session.press('enter');
    await session.waitForText('Base URL');
    await session.type(llm.openaiBaseUrl);
    await session.press('enter');
    await session.waitForText('API key for Custom');
    await session.type(KEY);
    await session.press('enter');
    await session.waitForText('Model (number or name)');
    await session.type('2');
    await session.press('enter');
    const screen = await session.waitForText('Saved:');
    expect((await session.exited).exitCode).to.equal(0);
    expect(screen).to.include('Connection test passed').and.include('*'.repeat(KEY.length)).and.not.include(KEY);
    expect(llm.requests[0]!.headers.authorization).to.equal(`Bearer ${KEY}`);
    const config = JSON.parse(readFileSync(join(session.pyraHome, 'config.json'), 'utf8'));
    expect(config.provider).to.deep.equal({ id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model-large' });
  });

  it('Ctrl-C at a prompt cancels: exit 130, nothing saved', async () => {
    const session = await startPyra({ args: ['setup'] });
    await session.waitForText('Provider (number or id)');
    await session.press('ctrl-c');
    const screen = await session.waitForText('nothing was saved');
    expect((await session.exited).exitCode, screen).to.equal(130);
    expect(existsSync(join(session.pyraHome, 'config.json'))).to.equal(false);
  });
});
