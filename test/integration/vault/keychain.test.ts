// What only the keychain backend has: items really live in the Secret Service, under a per-home service.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { openVault } from '../../../app/vault/index.js';
import { keychainServiceName } from '../../../app/vault/keychain-backend.js';
import { removeTempHomes, requireKeychain, tempHome } from './helpers.js';

function secretTool(...args: string[]): { code: number | null; stdout: string } {
  const result = spawnSync('secret-tool', args, { encoding: 'utf8', timeout: 10_000 });
  return { code: result.status, stdout: result.stdout };
}

describe('keychain backend (real Secret Service)', function () {
  beforeEach(function () {
    requireKeychain(this);
  });
  after(removeTempHomes);

  it('stores items in the Secret Service under pyra:<home hash>, visible to secret-tool', async function () {
    const home = tempHome();
    const vault = await openVault({ home, backend: 'keychain', env: {} });
    await vault.set('provider:openai:api_key', 'sk-in-secret-service');
    const service = keychainServiceName(home);
    expect(service).to.match(/^pyra:[0-9a-f]{12}$/);
    const lookup = secretTool('lookup', 'service', service, 'username', 'provider:openai:api_key');
    expect(lookup.code).to.equal(0);
    expect(lookup.stdout.replace(/\n$/, '')).to.equal('sk-in-secret-service');
    await vault.delete('provider:openai:api_key');
    expect(secretTool('lookup', 'service', service, 'username', 'provider:openai:api_key').code).not.to.equal(0);
  });

  it('answers status() in milliseconds without touching any stored item', async function () {
    const vault = await openVault({ home: tempHome(), backend: 'keychain', env: {} });
    await vault.set('plugin:email:password', 'pw');
    const start = performance.now();
    const status = await vault.status();
    expect(performance.now() - start).to.be.below(500);
    expect(status).to.deep.equal({ backend: 'keychain', available: true, unlocked: true, count: 1 });
  });
});
