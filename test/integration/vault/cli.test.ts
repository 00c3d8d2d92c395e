// `pyra vault …`: the command functions with fake streams, and the yargs wiring in a child process.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { homePaths } from '../../../app/config/home.js';
import {
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  runVaultDelete,
  runVaultList,
  runVaultMigrate,
  runVaultSet,
  runVaultStatus,
  type VaultCliIO,
} from '../../../app/commands/vault.js';
import type { SecretInput } from '../../../app/vault/secret-input.js';
import { fakeTerminal } from '../../unit/vault/fake-terminal.js';
import { BACKENDS, PASSPHRASE, filesContaining, removeTempHomes, requireKeychain, tempHome } from './helpers.js';

interface Run {
  io: VaultCliIO;
  stdout(): string;
  stderr(): string;
}

function sink(): [PassThrough, () => string] {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk.toString()));
  return [stream, () => text];
}

function cli(env: NodeJS.ProcessEnv, stdin: SecretInput = Readable.from([])): Run {
  const [stdout, out] = sink();
  const [stderr, err] = sink();
  return { io: { stdin, stdout, stderr, env }, stdout: out, stderr: err };
}

const piped = (text: string) => Readable.from([Buffer.from(text)]);

function homeFor(backend: 'keychain' | 'file'): { home: string; env: NodeJS.ProcessEnv } {
  const home = tempHome();
  writeFileSync(homePaths(home).config, JSON.stringify({ vault: { backend } }), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = { PYRA_HOME: home };
  if (backend === 'file') env.PYRA_VAULT_PASSPHRASE = PASSPHRASE;
  return { home, env };
}

describe('pyra vault (command functions)', function () {
  after(removeTempHomes);

  for (const backend of BACKENDS) {
    describe(`with the ${backend.name} backend`, function () {
      beforeEach(function () {
        backend.before(this);
      });

      it('set from a pipe (trailing newline stripped), list, status, delete', async function () {
        const { env } = homeFor(backend.name);
        let run = cli(env, piped('sk-from-pipe\n'));
        expect(await runVaultSet(run.io, 'provider:openai:api_key')).to.equal(EXIT_OK);
        expect(run.stdout()).to.match(/^Stored provider:openai:api_key in the /);
        expect(run.stdout()).not.to.include('sk-from-pipe');

        run = cli(env);
        expect(await runVaultList(run.io)).to.equal(EXIT_OK);
        expect(run.stdout()).to.equal('provider:openai:api_key\n');

        run = cli(env);
        expect(await runVaultList(run.io, { json: true })).to.equal(EXIT_OK);
        expect(JSON.parse(run.stdout())).to.deep.equal(['provider:openai:api_key']);

        run = cli(env);
        expect(await runVaultStatus(run.io, { json: true })).to.equal(EXIT_OK);
        expect(JSON.parse(run.stdout())).to.deep.equal({ backend: backend.name, available: true, unlocked: true, count: 1 });

        run = cli(env);
        expect(await runVaultStatus(run.io)).to.equal(EXIT_OK);
        expect(run.stdout()).to.match(/^backend: +\S/).and.include('secrets:   1');

        const { openVault } = await import('../../../app/vault/index.js');
        const vault = await openVault({ home: env.PYRA_HOME, backend: backend.name, env });
        expect(await vault.get('provider:openai:api_key')).to.equal('sk-from-pipe');

        run = cli(env);
        expect(await runVaultDelete(run.io, 'provider:openai:api_key')).to.equal(EXIT_OK);
        run = cli(env);
        expect(await runVaultDelete(run.io, 'provider:openai:api_key')).to.equal(EXIT_FAILURE);
        expect(run.stderr()).to.include('is not in the vault');
      });

      it('canary: after `vault set`, no file under PYRA_HOME contains the value', async function () {
        const { home, env } = homeFor(backend.name);
        const canary = `pyra-canary-${backend.name}-${process.pid}-c4n4ry`;
        const run = cli(env, piped(canary + '\n'));
        expect(await runVaultSet(run.io, 'plugin:email:password')).to.equal(EXIT_OK);
        expect(run.stdout() + run.stderr()).not.to.include(canary);
        expect(filesContaining(home, canary)).to.deep.equal([]);
      });
    });
  }

  it('rejects a bad key with exit 2 before reading any input', async function () {
    const { env } = homeFor('file');
    const stdin = piped('never read');
    const run = cli(env, stdin);
    expect(await runVaultSet(run.io, 'openai_key')).to.equal(EXIT_USAGE);
    expect(run.stderr()).to.include('Invalid vault key').and.include('provider:<id>:api_key');
    expect(stdin.readableEnded).to.equal(false);
    expect(await runVaultDelete(cli(env).io, 'plugin:x')).to.equal(EXIT_USAGE);
    expect(await runVaultMigrate(cli(env).io, 'cloud')).to.equal(EXIT_USAGE);
  });

  it('an empty piped value is a usage error and stores nothing', async function () {
    const { env } = homeFor('file');
    const run = cli(env, piped('\n'));
    expect(await runVaultSet(run.io, 'provider:openai:api_key')).to.equal(EXIT_USAGE);
    const list = cli(env);
    await runVaultList(list.io);
    expect(list.stdout()).to.equal('');
  });

  it('on a terminal: masked value prompt, and a new file vault asks for its passphrase twice', async function () {
    const { home, env } = homeFor('file');
    delete env.PYRA_VAULT_PASSPHRASE;
    const tty = fakeTerminal();
    const run = cli(env, tty);
    const done = runVaultSet(run.io, 'provider:openai:api_key');
    const answers = ['sk-typed-secret\r', `${PASSPHRASE}\r`, `${PASSPHRASE}\r`];
    const prompts = ['Value for provider:openai:api_key: ', 'New vault passphrase: ', 'Repeat the new passphrase: '];
    for (const [i, answer] of answers.entries()) {
      while (!run.stderr().includes(prompts[i]!)) await new Promise((r) => setTimeout(r, 5));
      tty.write(answer);
    }
    expect(await done).to.equal(EXIT_OK);
    expect(run.stderr()).not.to.include('sk-typed-secret').and.not.to.include(PASSPHRASE);
    const { openVault } = await import('../../../app/vault/index.js');
    const vault = await openVault({ home, backend: 'file', env: { PYRA_VAULT_PASSPHRASE: PASSPHRASE } });
    expect(await vault.get('provider:openai:api_key')).to.equal('sk-typed-secret');
  });

  it('a file vault without passphrase and without a terminal fails with exit 1 and says what to set', async function () {
    const { env } = homeFor('file');
    delete env.PYRA_VAULT_PASSPHRASE;
    const run = cli(env, piped('sk'));
    expect(await runVaultSet(run.io, 'provider:openai:api_key')).to.equal(EXIT_FAILURE);
    expect(run.stderr()).to.include('PYRA_VAULT_PASSPHRASE');
  });

  it('migrate --to file and back keeps every secret', async function () {
    requireKeychain(this);
    const { env } = homeFor('keychain');
    env.PYRA_VAULT_PASSPHRASE = PASSPHRASE;
    for (const [key, value] of [['provider:openai:api_key', 'sk-1'], ['plugin:email:password', 'pw-2']] as const) {
      expect(await runVaultSet(cli(env, piped(value)).io, key)).to.equal(EXIT_OK);
    }
    let run = cli(env);
    expect(await runVaultMigrate(run.io, 'file')).to.equal(EXIT_OK);
    expect(run.stdout()).to.include('Moved 2 secret(s)').and.include('config.json still says');
    run = cli(env);
    await runVaultStatus(run.io, { json: true });
    expect(JSON.parse(run.stdout())).to.deep.include({ backend: 'file', count: 2 });
    run = cli(env);
    expect(await runVaultMigrate(run.io, 'keychain')).to.equal(EXIT_OK);
    run = cli(env);
    await runVaultStatus(run.io, { json: true });
    expect(JSON.parse(run.stdout())).to.deep.equal({ backend: 'keychain', available: true, unlocked: true, count: 2 });
  });
});

describe('pyra vault (yargs wiring, child process)', function () {
  const fixture = fileURLToPath(new URL('./fixtures/vault-cli.ts', import.meta.url));
  after(removeTempHomes);

  function pyraVault(env: NodeJS.ProcessEnv, args: string[], input = '') {
    const result = spawnSync(process.execPath, ['--import', 'tsx', fixture, 'vault', ...args], {
      env: { ...process.env, PYRA_VAULT_PASSPHRASE: '', ...env },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('pipes a value into `vault set`, lists it, and never accepts a value as an argument', function () {
    const { env } = homeFor('file');
    let r = pyraVault(env, ['set', 'provider:openai:api_key'], 'sk-child\n');
    expect(r.code, r.stderr).to.equal(0);
    r = pyraVault(env, ['list']);
    expect(r.stdout).to.equal('provider:openai:api_key\n');
    r = pyraVault(env, ['set', 'provider:openai:api_key', 'sk-in-argv']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('never taken from the command line');
  });

  it('exits 2 on usage errors and 1 on failed operations', function () {
    const { env } = homeFor('file');
    expect(pyraVault(env, []).code).to.equal(2);
    expect(pyraVault(env, ['migrate', '--to', 'cloud']).code).to.equal(2);
    expect(pyraVault(env, ['status', '--bogus']).code).to.equal(2);
    expect(pyraVault(env, ['set', 'Not:A:Key'], 'x').code).to.equal(2);
    expect(pyraVault(env, ['delete', 'provider:none:api_key']).code).to.equal(1);
  });
});
