// The same contract, run against the real OS keychain (a Secret Service from with-keyring.sh) and
// against the encrypted file vault.
import { expect } from 'chai';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { InvalidSecretValueError, InvalidVaultKeyError, type Vault } from '../../../app/vault/index.js';
import { vaultFiles } from '../../../app/vault/paths.js';
import { BACKENDS, filesContaining, modeOf, removeTempHomes, tempHome } from './helpers.js';

const BAD_KEYS = [
  'openai',
  'api_key',
  'provider:openai',
  'provider:openai:token',
  'provider:OpenAI:api_key',
  'provider::api_key',
  'provider:openai:api_key:x',
  'plugin:email',
  'plugin:email:',
  'plugin::password',
  'plugin:email:pass word',
  'plugin:email:Password',
  'plugin:../etc:passwd',
  'plugin:email:password\n',
  `plugin:${'a'.repeat(65)}:k`,
  'secret:x:y',
  '',
];

async function rejects(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

for (const backend of BACKENDS) {
  describe(`vault contract (${backend.name} backend)`, function () {
    let home: string;
    let vault: Vault;

    beforeEach(async function () {
      backend.before(this);
      home = tempHome();
      vault = await backend.open(home);
    });
    after(removeTempHomes);

    it('uses the backend it was opened with', function () {
      expect(vault.backend).to.equal(backend.name);
    });

    it('stores, reads, overwrites and deletes a secret', async function () {
      expect(await vault.get('provider:openai:api_key')).to.equal(null);
      await vault.set('provider:openai:api_key', 'sk-first');
      expect(await vault.get('provider:openai:api_key')).to.equal('sk-first');
      await vault.set('provider:openai:api_key', 'sk-second');
      expect(await vault.get('provider:openai:api_key')).to.equal('sk-second');
      expect(await vault.delete('provider:openai:api_key')).to.equal(true);
      expect(await vault.get('provider:openai:api_key')).to.equal(null);
      expect(await vault.delete('provider:openai:api_key')).to.equal(false);
    });

    it('lists names only, sorted', async function () {
      await vault.set('plugin:email:password', 'pw');
      await vault.set('provider:openai:api_key', 'sk');
      await vault.set('plugin:email:imap_user', 'me');
      expect(await vault.list()).to.deep.equal(['plugin:email:imap_user', 'plugin:email:password', 'provider:openai:api_key']);
      await vault.delete('plugin:email:imap_user');
      expect(await vault.list()).to.deep.equal(['plugin:email:password', 'provider:openai:api_key']);
    });

    it('rejects keys outside the provider:/plugin: namespaces, on every operation', async function () {
      for (const key of BAD_KEYS) {
        for (const run of [() => vault.get(key), () => vault.set(key, 'v'), () => vault.delete(key)]) {
          const err = await rejects(run);
          expect(err, key).to.be.instanceOf(InvalidVaultKeyError);
          expect(err.message).to.include('provider:<id>:api_key');
        }
      }
      expect(await vault.list()).to.deep.equal([]);
    });

    it('rejects empty and oversized values without echoing them', async function () {
      expect(await rejects(() => vault.set('provider:x:api_key', ''))).to.be.instanceOf(InvalidSecretValueError);
      const huge = 'Q'.repeat(64 * 1024 + 1);
      const err = await rejects(() => vault.set('provider:x:api_key', huge));
      expect(err).to.be.instanceOf(InvalidSecretValueError);
      expect(err.message).not.to.include('QQQQ');
    });

    it('keeps unicode and large values intact', async function () {
      const value = 'päss-🔑-' + 'x'.repeat(60_000) + '\nline two';
      await vault.set('plugin:notes:token', value);
      expect(await vault.get('plugin:notes:token')).to.equal(value);
    });

    it('is seen by a second vault opened on the same home', async function () {
      await vault.set('plugin:email:password', 'shared');
      const again = await backend.open(home);
      expect(await again.get('plugin:email:password')).to.equal('shared');
      expect(await again.list()).to.deep.equal(['plugin:email:password']);
    });

    it('keeps two homes apart', async function () {
      const other = await backend.open(tempHome());
      await vault.set('provider:openai:api_key', 'home-one');
      await other.set('provider:openai:api_key', 'home-two');
      expect(await vault.get('provider:openai:api_key')).to.equal('home-one');
      expect(await other.get('provider:openai:api_key')).to.equal('home-two');
      await other.delete('provider:openai:api_key');
      expect(await vault.get('provider:openai:api_key')).to.equal('home-one');
    });

    it('keeps a names index (names only, mode 600) and rebuilds it when it is lost', async function () {
      await vault.set('provider:anthropic:api_key', 'sk-index-check');
      const files = vaultFiles(home);
      const index = backend.name === 'keychain' ? files.keychainIndex : files.fileIndex;
      expect(modeOf(index)).to.equal(0o600);
      const doc = JSON.parse(readFileSync(index, 'utf8'));
      expect(doc.names).to.deep.equal(['provider:anthropic:api_key']);
      expect(readFileSync(index, 'utf8')).not.to.include('sk-index-check');
      rmSync(index);
      expect(await vault.list()).to.deep.equal(['provider:anthropic:api_key']);
      expect(existsSync(index)).to.equal(true);
    });

    it('records the backend in vault/backend.json (mode 600)', async function () {
      const record = vaultFiles(home).backendRecord;
      expect(modeOf(record)).to.equal(0o600);
      expect(JSON.parse(readFileSync(record, 'utf8')).backend).to.equal(backend.name);
    });

    it('reports its status without prompting', async function () {
      await vault.set('provider:openai:api_key', 'sk');
      await vault.set('plugin:email:password', 'pw');
      const status = await vault.status();
      expect(status).to.deep.include({ backend: backend.name, available: true, unlocked: true, count: 2 });
    });

    it('gives a plugin only its own namespace', async function () {
      await vault.set('plugin:other:password', 'not yours');
      const email = vault.forPlugin('email');
      await email.set('password', 'mine');
      expect(await email.get('password')).to.equal('mine');
      expect(await email.list()).to.deep.equal(['password']);
      expect(await vault.get('plugin:email:password')).to.equal('mine');
      expect(await rejects(() => email.get('../other:password'))).to.be.instanceOf(InvalidVaultKeyError);
      expect(() => vault.forPlugin('Bad Name')).to.throw(InvalidVaultKeyError);
    });

    it('writes no secret value into any file under PYRA_HOME', async function () {
      const canary = `canary-${backend.name}-7f3a9c1e2b`;
      await vault.set('provider:openai:api_key', canary);
      await vault.set('plugin:email:password', canary + '-2');
      expect(filesContaining(home, canary)).to.deep.equal([]);
    });
  });
}
