/**
 * Moves every secret from one backend to the other without loss: copy all, read each one back and
 * compare, record the new backend, and only then delete from the source. If copying or checking
 * fails, the target is put back as it was (best effort) and the source is not touched.
 */
import type { BackendName, VaultBackend } from './backend.js';
import { writeBackendRecord } from './backend-record.js';
import { MigrationError, VaultError } from './errors.js';
import type { VaultKey } from './keys.js';
import type { VaultFiles } from './paths.js';

export interface MigrationReport {
  from: BackendName;
  to: BackendName;
  /** Names now in the target backend. */
  moved: VaultKey[];
  /** Names that were copied but could not be removed from the source (still safe, just duplicated). */
  leftInSource: VaultKey[];
}

function reasonOf(err: unknown): string {
  if (err instanceof VaultError) return err.message.split('\n')[0]!.replace(/\.$/, '');
  return err instanceof Error ? err.message : String(err);
}

async function restoreTarget(target: VaultBackend, keys: VaultKey[], before: Map<VaultKey, string>): Promise<void> {
  try {
    const previous = new Map([...before].filter(([key]) => keys.includes(key)));
    await target.setMany(previous);
    await target.deleteMany(keys.filter((key) => !before.has(key)));
  } catch {
    // The source still has everything; a partly restored target only holds copies.
  }
}

export async function migrateSecrets(files: VaultFiles, source: VaultBackend, target: VaultBackend): Promise<MigrationReport> {
  const from = source.name;
  const to = target.name;
  let values: Map<VaultKey, string>;
  try {
    values = await source.getMany(await source.list());
  } catch (err) {
    throw new MigrationError(from, to, `the ${from} backend could not be read (${reasonOf(err)})`);
  }
  const keys = [...values.keys()];
  let before: Map<VaultKey, string>;
  try {
    before = await target.getMany(keys);
  } catch (err) {
    throw new MigrationError(from, to, `the ${to} backend cannot be used (${reasonOf(err)})`);
  }
  try {
    await target.setMany(values);
    const readBack = await target.getMany(keys);
    const wrong = keys.filter((key) => readBack.get(key) !== values.get(key));
    if (wrong.length > 0) throw new Error(`read-back differs for ${wrong.join(', ')}`);
  } catch (err) {
    await restoreTarget(target, keys, before);
    throw new MigrationError(from, to, `copying to the ${to} backend failed (${reasonOf(err)})`);
  }
  writeBackendRecord(files, to);
  let leftInSource: VaultKey[] = [];
  try {
    await source.deleteMany(keys);
  } catch {
    // Each backend updates its index after every successful delete, so the index says what is left.
    const remaining = new Set(source.indexedNames());
    leftInSource = keys.filter((key) => remaining.has(key));
  }
  return { from, to, moved: keys, leftInSource };
}
