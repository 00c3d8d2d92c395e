import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassphraseFileError, PassphraseRequiredError, WeakPassphraseError } from '../../../app/vault/errors.js';
import { environmentPassphraseState, passphraseFromEnvironment, resolvePassphrase } from '../../../app/vault/passphrase.js';

describe('vault passphrase sources', function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pyra-pass-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function passFile(content: string, mode: number): string {
    const path = join(dir, 'pass');
    writeFileSync(path, content);
    chmodSync(path, mode);
    return path;
  }

  it('prefers PYRA_VAULT_PASSPHRASE, then the passphrase file, then the provider', async function () {
    const file = passFile('from-file-xyz\n', 0o600);
    const provider = async () => 'from-provider';
    expect(await resolvePassphrase({ PYRA_VAULT_PASSPHRASE: 'from-env-123', PYRA_VAULT_PASSPHRASE_FILE: file }, provider, 'unlock')).to.equal('from-env-123');
    expect(await resolvePassphrase({ PYRA_VAULT_PASSPHRASE_FILE: file }, provider, 'unlock')).to.equal('from-file-xyz');
    expect(await resolvePassphrase({ PYRA_VAULT_PASSPHRASE: '' }, provider, 'unlock')).to.equal('from-provider');
  });

  it('strips one trailing newline from the file, not other whitespace', function () {
    expect(passphraseFromEnvironment({ PYRA_VAULT_PASSPHRASE_FILE: passFile(' spaced pass \r\n', 0o400) })).to.equal(' spaced pass ');
  });

  it('refuses a passphrase file others can read, an empty one, or a folder', function () {
    for (const mode of [0o644, 0o660, 0o606, 0o700 | 0o004]) {
      const env = { PYRA_VAULT_PASSPHRASE_FILE: passFile('pass-phrase', mode) };
      expect(() => passphraseFromEnvironment(env)).to.throw(PassphraseFileError, /mode is 0\d+/);
      expect(environmentPassphraseState(env)).to.deep.include({ present: false });
    }
    expect(() => passphraseFromEnvironment({ PYRA_VAULT_PASSPHRASE_FILE: passFile('\n', 0o600) })).to.throw(/is empty/);
    expect(() => passphraseFromEnvironment({ PYRA_VAULT_PASSPHRASE_FILE: dir })).to.throw(/not a regular file/);
  });

  it('without any source: PassphraseRequiredError; a weak new passphrase: WeakPassphraseError', async function () {
    const err = await resolvePassphrase({}, undefined, 'unlock').catch((e: Error) => e);
    expect(err).to.be.instanceOf(PassphraseRequiredError);
    const weak = await resolvePassphrase({}, async () => 'short', 'create').catch((e: Error) => e);
    expect(weak).to.be.instanceOf(WeakPassphraseError);
    expect(await resolvePassphrase({}, async () => 'short', 'unlock')).to.equal('short');
  });

  it('tells the provider whether the vault is new', async function () {
    const seen: string[] = [];
    await resolvePassphrase({}, async ({ purpose }) => (seen.push(purpose), 'long enough pass'), 'create');
    expect(seen).to.deep.equal(['create']);
  });
});
