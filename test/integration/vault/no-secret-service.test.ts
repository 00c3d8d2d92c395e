// A machine without a Secret Service: the keychain reports why, fast, and the file vault works end to end.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTempHomes, tempHome } from './helpers.js';

describe('vault without a Secret Service (child process, dead D-Bus address)', function () {
  after(removeTempHomes);

  function run(fixture: string, args: string[], env: NodeJS.ProcessEnv, input = '') {
    const sandbox = mkdtempSync(join(tmpdir(), 'pyra-nobus-'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(fixture, import.meta.url)), ...args], {
      env: {
        ...process.env,
        PYRA_VAULT_PASSPHRASE: '',
        ...env,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(sandbox, 'no-such-bus')}`,
        HOME: sandbox,
        XDG_RUNTIME_DIR: sandbox,
      },
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    rmSync(sandbox, { recursive: true, force: true });
    return result;
  }

  it("the dashboard's start-time status names the backend without loading the keychain library", function () {
    const base = mkdtempSync(join(tmpdir(), 'pyra-quick-'));
    try {
      const result = run('./fixtures/quick-status.ts', [], { PYRA_TEST_BASE: base });
      expect(result.status, result.stderr).to.equal(0);
      const out = JSON.parse(result.stdout);
      expect(out.keychain).to.deep.include({ backend: 'keychain', opened: false, unlocked: false, count: 1 });
      expect(out.file).to.deep.include({ backend: 'file', opened: true, unlocked: false });
      expect(out.fresh).to.deep.include({ backend: null, opened: false });
      expect(out.loadedByQuick, 'the keychain library was loaded for the quick status').to.equal(false);
      expect(out.full).to.deep.include({ backend: 'keychain', available: false });
      expect(out.loadedByFull, 'the full status does load it (so the check above can fail)').to.equal(true);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('reports KeychainUnavailableError with the reason in milliseconds, and the file vault works', function () {
    const home = tempHome();
    const result = run('./fixtures/no-secret-service.ts', [], { PYRA_HOME: home });
    expect(result.status, result.stderr).to.equal(0);
    const out = JSON.parse(result.stdout);

    expect(out.keychainStatus.value).to.deep.include({ backend: 'keychain', available: false, unlocked: false });
    expect(out.keychainStatus.value.reason).to.include('D-Bus session bus cannot be reached');
    expect(out.keychainStatus.ms).to.be.below(500);

    expect(out.keychainIsTyped).to.equal(true);
    expect(out.keychainGet.error.reason).to.include('cannot be reached');
    expect(out.keychainGet.error.message).to.include('PYRA_VAULT_PASSPHRASE');
    expect(out.keychainGet.ms).to.be.below(500);

    expect(out.nothingAvailable.error.name).to.equal('VaultUnavailableError');
    expect(out.nothingAvailable.error.message)
      .to.include('Start a Secret Service')
      .and.include('PYRA_VAULT_PASSPHRASE')
      .and.include('PYRA_VAULT_PASSPHRASE_FILE');
    expect(out.noneStatus).to.deep.include({ backend: null, available: false });

    expect(out.fileVault.error).to.equal(undefined);
    expect(out.fileVault.value).to.deep.equal({
      backend: 'file',
      got: 'sk-no-keychain',
      listed: ['plugin:email:password', 'provider:openai:api_key'],
      deleted: true,
      after: ['provider:openai:api_key'],
      status: { backend: 'file', available: true, unlocked: true, count: 1 },
    });
  });

  it('`pyra vault` there: status explains both options; with a passphrase set/list work', function () {
    const home = tempHome();
    let r = run('./fixtures/vault-cli.ts', ['vault', 'status'], { PYRA_HOME: home });
    expect(r.status).to.equal(1);
    expect(r.stdout).to.include('backend:   none').and.include('Secret Service').and.include('PYRA_VAULT_PASSPHRASE');
    r = run('./fixtures/vault-cli.ts', ['vault', 'set', 'provider:openai:api_key'], { PYRA_HOME: home }, 'sk\n');
    expect(r.status).to.equal(1);
    expect(r.stderr).to.include('No vault backend is available');
    const env = { PYRA_HOME: home, PYRA_VAULT_PASSPHRASE: 'cli passphrase 42' };
    r = run('./fixtures/vault-cli.ts', ['vault', 'set', 'provider:openai:api_key'], env, 'sk-cli\n');
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include('encrypted file');
    r = run('./fixtures/vault-cli.ts', ['vault', 'list'], env);
    expect(r.stdout).to.equal('provider:openai:api_key\n');
  });
});
