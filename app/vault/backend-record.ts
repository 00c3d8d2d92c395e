/**
 * Which backend: `vault/backend.json` (mode 600, ours) records the one that holds the secrets now; it
 * is written when a backend is chosen and after a migration. `vault.backend` in config.json is what
 * the user asked for; the config module owns that file, so only that one key is read here.
 */
import { homePaths } from '../config/home.js';
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

/** `vault.backend` from config.json; a missing or unreadable config means "none configured". */
export function readConfiguredBackend(home: string): BackendName | undefined {
  const read = readJsonFile(homePaths(home).config, (doc) => {
    const backend = (doc as { vault?: { backend?: unknown } } | null)?.vault?.backend;
    return isBackendName(backend) ? backend : null;
  });
  return read.state === 'ok' && read.value !== null ? read.value : undefined;
}
