// What only the encrypted file vault has: the passphrase, the age file, locking and atomic writes.
import { expect } from 'chai';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decrypter, Encrypter } from 'age-encryption';
import {
  PassphraseFileError,
  PassphraseRequiredError,
  VaultCorruptError,
  WeakPassphraseError,
  WrongPassphraseError,
  openVault,
} from '../../../app/vault/index.js';
import { VAULT_SCRYPT_LOG_N } from '../../../app/vault/age-scrypt.js';
import { vaultFiles } from '../../../app/vault/paths.js';
import { FAST_LOG_N, PASSPHRASE, fileEnv, modeOf, removeTempHomes, tempHome } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

const openFile = (home: string, env: NodeJS.ProcessEnv = fileEnv(), extra = {}) =>
  openVault({ home, backend: 'file', env, scryptLogN: FAST_LOG_N, ...extra });

describe('file vault', function () {
  after(removeTempHomes);

  it('writes one age file of mode 600 that age itself can decrypt with the passphrase', async function () {
    const home = tempHome();
    const vault = await openFile(home);
    await vault.set('provider:openai:api_key', 'sk-age');
    const { secretsFile } = vaultFiles(home);
    expect(modeOf(secretsFile)).to.equal(0o600);
    const bytes = readFileSync(secretsFile);
    expect(bytes.subarray(0, 21).toString()).to.equal('age-encryption.org/v1');
    const decrypter = new Decrypter(); // age-encryption's own scrypt identity, not ours
    decrypter.addPassphrase(PASSPHRASE);
    const doc = JSON.parse(await decrypter.decrypt(bytes, 'text'));
    expect(doc).to.deep.equal({ version: 1, secrets: { 'provider:openai:api_key': 'sk-age' } });
  });

  it('reads a vault file written by age-encryption itself', async function () {
    const home = tempHome();
    const encrypter = new Encrypter();
    encrypter.setScryptWorkFactor(FAST_LOG_N);
    encrypter.setPassphrase(PASSPHRASE);
    const doc = { version: 1, secrets: { 'plugin:email:password': 'from-age' } };
    writeFileSync(vaultFiles(home).secretsFile, await encrypter.encrypt(JSON.stringify(doc)), { mode: 0o600 });
    expect(await (await openFile(home)).get('plugin:email:password')).to.equal('from-age');
  });

  it('uses the documented scrypt work factor for new files by default', async function () {
    const home = tempHome();
    const vault = await openVault({ home, backend: 'file', env: fileEnv() });
    await vault.set('provider:openai:api_key', 'sk');
    const header = readFileSync(vaultFiles(home).secretsFile, 'latin1').split('\n')[1];
    expect(header).to.match(new RegExp(`^-> scrypt \\S{22} ${VAULT_SCRYPT_LOG_N}$`));
  });

  it('refuses a wrong passphrase with a clear error and leaves the file untouched', async function () {
    const home = tempHome();
    await (await openFile(home)).set('provider:openai:api_key', 'sk-keep');
    const { secretsFile, fileIndex } = vaultFiles(home);
    const before = readFileSync(secretsFile);
    const indexBefore = readFileSync(fileIndex);
    const mtime = statSync(secretsFile).mtimeMs;
    const wrong = await openFile(home, fileEnv('not the passphrase'));
    for (const op of [wrong.get('provider:openai:api_key'), wrong.set('provider:openai:api_key', 'sk-evil'), wrong.delete('provider:openai:api_key')]) {
      const err = await rejection(op);
      expect(err).to.be.instanceOf(WrongPassphraseError);
      expect(err.message).to.match(/Wrong passphrase.*Nothing was changed/);
    }
    expect(readFileSync(secretsFile).equals(before)).to.equal(true);
    expect(readFileSync(fileIndex).equals(indexBefore)).to.equal(true);
    expect(statSync(secretsFile).mtimeMs).to.equal(mtime);
    expect(await (await openFile(home)).get('provider:openai:api_key')).to.equal('sk-keep');
  });

  it('reads the passphrase from PYRA_VAULT_PASSPHRASE_FILE only when its mode is 600 or 400', async function () {
    const home = tempHome();
    const passFile = join(home, 'passphrase.txt');
    writeFileSync(passFile, PASSPHRASE + '\n', { mode: 0o600 });
    const env = { PYRA_VAULT_PASSPHRASE_FILE: passFile };
    await (await openFile(home, env)).set('plugin:email:password', 'via-file');
    // The trailing newline was stripped: the plain passphrase opens the vault.
    expect(await (await openFile(home)).get('plugin:email:password')).to.equal('via-file');
    chmodSync(passFile, 0o400);
    expect(await (await openFile(home, env)).get('plugin:email:password')).to.equal('via-file');
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(passFile, mode);
      const err = await rejection((await openFile(home, env)).get('plugin:email:password'));
      expect(err).to.be.instanceOf(PassphraseFileError);
      expect(err.message).to.include(`mode is 0${mode.toString(8)}`).and.include('chmod 600');
    }
    const missing = await rejection((await openFile(home, { PYRA_VAULT_PASSPHRASE_FILE: join(home, 'nope') })).get('plugin:email:password'));
    expect(missing).to.be.instanceOf(PassphraseFileError);
    expect(missing.message).to.include('does not exist');
  });

  it('asks the caller for the passphrase when the environment has none, saying whether it is a new vault', async function () {
    const home = tempHome();
    const asked: string[] = [];
    const passphrase = async ({ purpose }: { purpose: string }) => {
      asked.push(purpose);
      return PASSPHRASE;
    };
    const vault = await openFile(home, {}, { passphrase });
    expect((await vault.status()).unlocked).to.equal(false); // status never asks
    expect(asked).to.deep.equal([]);
    await vault.set('provider:openai:api_key', 'sk-asked');
    expect(await vault.get('provider:openai:api_key')).to.equal('sk-asked');
    expect(asked).to.deep.equal(['create', 'unlock']);
  });

  it('without any passphrase source: a clear error naming the ways to give one', async function () {
    const home = tempHome();
    await (await openFile(home)).set('provider:openai:api_key', 'sk');
    const vault = await openFile(home, {});
    const err = await rejection(vault.get('provider:openai:api_key'));
    expect(err).to.be.instanceOf(PassphraseRequiredError);
    expect(err.message).to.include('PYRA_VAULT_PASSPHRASE').and.include('PYRA_VAULT_PASSPHRASE_FILE');
    expect(await vault.list()).to.deep.equal(['provider:openai:api_key']); // names need no passphrase
    expect(await vault.status()).to.deep.include({ available: false, unlocked: false, count: 1 });
  });

  it('refuses to create a vault with a passphrase shorter than 8 characters', async function () {
    const home = tempHome();
    const err = await rejection((await openFile(home, fileEnv('short'))).set('provider:openai:api_key', 'sk'));
    expect(err).to.be.instanceOf(WeakPassphraseError);
  });

  it('reports a damaged file without overwriting it', async function () {
    const home = tempHome();
    const { secretsFile } = vaultFiles(home);
    writeFileSync(secretsFile, 'age-encryption.org/v1\ngarbage\n', { mode: 0o600 });
    const vault = await openFile(home);
    expect(await rejection(vault.get('provider:openai:api_key'))).to.be.instanceOf(VaultCorruptError);
    expect(await rejection(vault.set('provider:openai:api_key', 'sk'))).to.be.instanceOf(VaultCorruptError);
    expect(readFileSync(secretsFile, 'utf8')).to.equal('age-encryption.org/v1\ngarbage\n');
  });

  it('loses no write when two vaults write at the same time (lock + atomic rename)', async function () {
    const home = tempHome();
    const a = await openFile(home);
    const b = await openFile(home);
    const keys = Array.from({ length: 8 }, (_, i) => `plugin:p${i}:token`);
    await Promise.all(keys.map((key, i) => (i % 2 ? a : b).set(key, `value-${i}`)));
    expect(await a.list()).to.deep.equal([...keys].sort());
    for (const [i, key] of keys.entries()) expect(await b.get(key)).to.equal(`value-${i}`);
    expect(modeOf(vaultFiles(home).dir)).to.equal(0o700);
  });
});
