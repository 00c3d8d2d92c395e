import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapHome } from '../../../app/config/home.js';
import { readBackendRecord } from '../../../app/vault/backend-record.js';
import { MigrationError } from '../../../app/vault/errors.js';
import { assertVaultKey } from '../../../app/vault/keys.js';
import { migrateSecrets } from '../../../app/vault/migrate.js';
import { vaultFiles, type VaultFiles } from '../../../app/vault/paths.js';
import { MemoryBackend } from './memory-backend.js';

const k = assertVaultKey;

describe('migrateSecrets (algorithm, in-memory backends)', function () {
  let home: string;
  let files: VaultFiles;
  let source: MemoryBackend;
  let target: MemoryBackend;

  beforeEach(function () {
    home = mkdtempSync(join(tmpdir(), 'pyra-migrate-unit-'));
    bootstrapHome(home);
    files = vaultFiles(home);
    source = new MemoryBackend('keychain');
    target = new MemoryBackend('file');
    source.items.set(k('provider:a:api_key'), 'A');
    source.items.set(k('plugin:b:token'), 'B');
    source.items.set(k('plugin:c:token'), 'C');
  });
  afterEach(function () {
    rmSync(home, { recursive: true, force: true });
  });

  async function expectFailure(): Promise<MigrationError> {
    try {
      await migrateSecrets(files, source, target);
    } catch (err) {
      expect(err).to.be.instanceOf(MigrationError);
      return err as MigrationError;
    }
    throw new Error('expected the migration to fail');
  }

  it('copies, verifies, records the target, then empties the source', async function () {
    const report = await migrateSecrets(files, source, target);
    expect(report).to.deep.equal({
      from: 'keychain',
      to: 'file',
      moved: ['plugin:b:token', 'plugin:c:token', 'provider:a:api_key'],
      leftInSource: [],
    });
    expect(Object.fromEntries(target.items)).to.deep.equal({ 'plugin:b:token': 'B', 'plugin:c:token': 'C', 'provider:a:api_key': 'A' });
    expect(source.items.size).to.equal(0);
    expect(readBackendRecord(files)).to.equal('file');
  });

  it('a write failing half-way: source intact, target restored, record unchanged', async function () {
    target.items.set(k('plugin:b:token'), 'old B');
    target.failSetNumber = 1;
    const err = await expectFailure();
    expect(err.message).to.include('disk full').and.include('still in the keychain backend');
    expect(source.items.size).to.equal(3);
    expect(Object.fromEntries(target.items)).to.deep.equal({ 'plugin:b:token': 'old B' });
    expect(readBackendRecord(files)).to.equal(null);
  });

  it('a read-back that differs: source intact, copies removed from the target', async function () {
    target.corruptReads = true;
    const err = await expectFailure();
    expect(err.message).to.include('read-back differs');
    expect(source.items.size).to.equal(3);
    expect(target.items.size).to.equal(0);
  });

  it('a source that cannot delete: everything copied, duplicates reported', async function () {
    source.failDeletes = true;
    const report = await migrateSecrets(files, source, target);
    expect(report.leftInSource).to.have.length(3);
    expect(target.items.size).to.equal(3);
    expect(readBackendRecord(files)).to.equal('file');
  });
});
