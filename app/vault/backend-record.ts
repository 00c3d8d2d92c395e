/**
 * `vault/backend.json` (mode 600): which backend holds the secrets now. Written when a backend is
 * chosen and after a migration, read by anything that wants the vault's status without opening it.
 */
import { readJsonFile, writeJsonFileAtomic } from './atomic-file.js';
import { isBackendName, type BackendName } from './backend.js';
import type { VaultFiles } from './paths.js';

interface BackendRecordDocument {
  version: 1;
  backend: BackendName;
  updatedAt: string;
}

export function readBackendRecord(files: VaultFiles): BackendName | null {
  const read = readJsonFile(files.backendRecord, (value) => {
    const backend = (value as { backend?: unknown } | null)?.backend;
    return isBackendName(backend) ? backend : undefined;
  });
  return read.state === 'ok' ? read.value : null;
}

export function writeBackendRecord(files: VaultFiles, backend: BackendName): void {
  if (readBackendRecord(files) === backend) return;
  const doc: BackendRecordDocument = { version: 1, backend, updatedAt: new Date().toISOString() };
  writeJsonFileAtomic(files.backendRecord, doc);
}
