// Moving secrets between the keychain and the file vault, and how the backend is chosen.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { MigrationError, openVault, readBackendRecord, vaultStatus } from '../../../app/vault/index.js';
import { homePaths } from '../../../app/config/home.js';
import { FileBackend } from '../../../app/vault/file-backend.js';
import { KeychainBackend } from '../../../app/vault/keychain-backend.js';
import { assertVaultKey } from '../../../app/vault/keys.js';
import { vaultFiles } from '../../../app/vault/paths.js';
import { FAST_LOG_N, PASSPHRASE, fileEnv, removeTempHomes, requireKeychain, tempHome } from './helpers.js';

const SECRETS: Record<string, string> = {
  'provider:openai:api_key': 'sk-openai-123',
  'provider:anthropic:api_key': 'sk-ant-456',
  'plugin:email:password': 'mail pässword',
  'plugin:nextcloud:app_password': 'abcde-fghij-klmno',
};

const open = (home: string, backend?: 'keychain' | 'file', env = fileEnv()) =>
  openVault({ home, backend, env, scryptLogN: FAST_LOG_N });

async function fill(home: string, backend: 'keychain' | 'file') {
  const vault = await open(home, backend);
  for (const [key, value] of Object.entries(SECRETS)) await vault.set(key, value);
  return vault;
}

async function expectAll(home: string, backend: 'keychain' | 'file') {
  const vault = await open(home, backend);
  expect(vault.backend).to.equal(backend);
  expect(await vault.list()).to.deep.equal(Object.keys(SECRETS).sort());
  for (const [key, value] of Object.entries(SECRETS)) expect(await vault.get(key), key).to.equal(value);
}

describe('vault migration', function () {
  beforeEach(function () {
    requireKeychain(this);
  });
  after(removeTempHomes);

  it('moves every secret from the keychain to the file and back without loss', async function () {
    const home = tempHome();
    const vault = await fill(home, 'keychain');

    const toFile = await vault.migrate('file');
    expect(toFile.moved).to.have.members(Object.keys(SECRETS));
    expect(toFile.leftInSource).to.deep.equal([]);
    expect(vault.backend).to.equal('file');
    expect(readBackendRecord(vaultFiles(home))).to.equal('file');
    await expectAll(home, 'file');
    // The keychain side is empty now: its items are gone, not only its index.
    const keychain = new KeychainBackend(vaultFiles(home));
    for (const key of Object.keys(SECRETS)) expect(await keychain.get(assertVaultKey(key))).to.equal(null);
    expect(keychain.indexedNames()).to.deep.equal([]);

    const toKeychain = await vault.migrate('keychain');
    expect(toKeychain.moved).to.have.members(Object.keys(SECRETS));
    await expectAll(home, 'keychain');
    const file = new FileBackend(vaultFiles(home), { env: fileEnv() });
    expect(await file.list()).to.deep.equal([]);
    expect((await file.getMany(Object.keys(SECRETS).map(assertVaultKey))).size).to.equal(0);
    expect(readBackendRecord(vaultFiles(home))).to.equal('keychain');
  });

  it('is a no-op when the target is the current backend', async function () {
    const home = tempHome();
    const vault = await fill(home, 'keychain');
    expect((await vault.migrate('keychain')).moved).to.deep.equal([]);
    await expectAll(home, 'keychain');
  });

  it('leaves the source intact when the target cannot be written', async function () {
    const home = tempHome();
    await fill(home, 'keychain');
    // A file vault already exists under another passphrase: copying into it must fail.
    const otherPassphrase = { env: fileEnv('another passphrase entirely'), scryptLogN: FAST_LOG_N };
    await new FileBackend(vaultFiles(home), otherPassphrase).set(assertVaultKey('plugin:old:token'), 'x');
    const before = readFileSync(vaultFiles(home).secretsFile);
    const vault = await open(home, 'keychain');
    let error: unknown;
    try {
      await vault.migrate('file');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(MigrationError);
    expect((error as Error).message).to.include('Wrong passphrase').and.include('still in the keychain backend');
    expect(vault.backend).to.equal('keychain');
    expect(readBackendRecord(vaultFiles(home))).to.equal('keychain');
    await expectAll(home, 'keychain');
    expect(readFileSync(vaultFiles(home).secretsFile).equals(before)).to.equal(true);
  });

  it('asks for the file passphrase once for the whole migration', async function () {
    const home = tempHome();
    await fill(home, 'keychain');
    let asked = 0;
    const vault = await openVault({
      home,
      backend: 'keychain',
      env: {},
      scryptLogN: FAST_LOG_N,
      passphrase: async () => {
        asked++;
        return PASSPHRASE;
      },
    });
    await vault.migrate('file');
    expect(asked).to.equal(1);
    await expectAll(home, 'file');
  });
});

describe('vault backend choice', function () {
  beforeEach(function () {
    requireKeychain(this);
  });
  after(removeTempHomes);

  it('uses the keychain when nothing is configured and it works, and records it', async function () {
    const home = tempHome();
    const vault = await open(home, undefined, {});
    expect(vault.backend).to.equal('keychain');
    expect(JSON.parse(readFileSync(vaultFiles(home).backendRecord, 'utf8')).backend).to.equal('keychain');
    expect(await vaultStatus({ home, env: {} })).to.deep.include({ backend: 'keychain', available: true });
  });

  it('honours a configured backend while no secrets anchor another one', async function () {
    const home = tempHome();
    expect((await open(home, 'file')).backend).to.equal('file');
    expect(readBackendRecord(vaultFiles(home))).to.equal('file');
    expect((await open(home, 'keychain')).backend).to.equal('keychain');
  });

  it('stays with the backend that holds the secrets when config asks for the other, and says so', async function () {
    const home = tempHome();
    await fill(home, 'keychain');
    writeFileSync(homePaths(home).config, JSON.stringify({ vault: { backend: 'file' } }), { mode: 0o600 });
    const vault = await open(home, 'file');
    expect(vault.backend).to.equal('keychain');
    const status = await vault.status();
    expect(status.reason).to.include('pyra vault migrate --to file');
    expect(status.count).to.equal(Object.keys(SECRETS).length);
    await vault.migrate('file');
    const after = await open(home, 'file');
    expect(after.backend).to.equal('file');
    expect((await after.status()).reason).to.equal(undefined);
  });
});
