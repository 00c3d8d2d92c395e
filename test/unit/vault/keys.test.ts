import { expect } from 'chai';
import { InvalidVaultKeyError } from '../../../app/vault/errors.js';
import { assertSecretValue, isVaultKey, parseVaultKey, pluginKey, providerKey } from '../../../app/vault/keys.js';

describe('vault key names', function () {
  it('accepts provider:<id>:api_key and plugin:<name>:<key>', function () {
    expect(parseVaultKey('provider:openai:api_key')).to.deep.equal({ namespace: 'provider', id: 'openai', key: 'api_key' });
    expect(parseVaultKey('plugin:email:imap_password')).to.deep.equal({ namespace: 'plugin', name: 'email', key: 'imap_password' });
    for (const key of ['provider:0:api_key', `plugin:${'a'.repeat(64)}:k-1`, 'plugin:my-plugin:x_y-z9']) {
      expect(isVaultKey(key), key).to.equal(true);
    }
  });

  it('rejects everything else and says why', function () {
    const cases: Array<[unknown, RegExp]> = [
      ['openai', /namespace must be "provider" or "plugin"/],
      ['provider:openai:secret', /must end in :api_key/],
      ['provider:Open_AI:api_key', /provider id "Open_AI" is not allowed/],
      ['plugin:email', /expected plugin:<name>:<key>/],
      ['plugin:email:a:b', /expected plugin:<name>:<key>/],
      ['plugin:-email:x', /plugin name "-email" is not allowed/],
      ['plugin:email:', /key part is missing/],
      [`plugin:${'a'.repeat(65)}:k`, /plugin name/],
      ['plugin:e mail:x', /plugin name/],
      [42, /must be a string/],
    ];
    for (const [key, why] of cases) {
      expect(() => parseVaultKey(key), String(key)).to.throw(InvalidVaultKeyError, why);
    }
  });

  it('builds keys from parts, validating them', function () {
    expect(providerKey('ollama')).to.equal('provider:ollama:api_key');
    expect(pluginKey('email', 'password')).to.equal('plugin:email:password');
    expect(() => pluginKey('email', '../x')).to.throw(InvalidVaultKeyError);
  });

  it('accepts non-empty values up to 64 KiB and never repeats a value in an error', function () {
    expect(() => assertSecretValue('x')).not.to.throw();
    expect(() => assertSecretValue('')).to.throw(/cannot be empty/);
    expect(() => assertSecretValue(undefined)).to.throw(/must be a string/);
    expect(() => assertSecretValue('é'.repeat(40_000))).to.throw(/longer than 65536 bytes/);
  });
});
