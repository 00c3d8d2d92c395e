/**
 * Shared set-up for the vault tests: temporary homes, the two backends, and the rule that keychain
 * tests run only inside scripts/with-keyring.sh (PYRA_TEST_SECRET_SERVICE=1), where they must pass.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapHome } from '../../../app/config/home.js';
import { openVault, type BackendName, type OpenVaultOptions, type Vault } from '../../../app/vault/index.js';

export const secretServiceExpected = process.env.PYRA_TEST_SECRET_SERVICE === '1';

if (!secretServiceExpected) {
  // Outside with-keyring.sh nothing here may reach the user's real keyring (nor D-Bus-activate one).
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/pyra-test-no-bus';
}

export const PASSPHRASE = 'correct horse battery staple';
/** A low scrypt factor keeps the many file-vault round trips fast; the default is tested on its own. */
export const FAST_LOG_N = 10;

const homes: string[] = [];

/** A fresh, bootstrapped PYRA_HOME under the system temp folder, removed after the run. */
export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'pyra-vault-test-'));
  homes.push(home);
  bootstrapHome(home);
  return home;
}

export function removeTempHomes(): void {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
}

/** Keychain tests need the Secret Service that scripts/with-keyring.sh starts; say so rather than skip. */
export function requireKeychain(_ctx: Mocha.Context): void {
  if (!secretServiceExpected) {
    throw new Error('This test needs a Secret Service: run it through `bash scripts/with-keyring.sh npx mocha …` (npm test does).');
  }
}

export function fileEnv(passphrase = PASSPHRASE): NodeJS.ProcessEnv {
  return { PYRA_VAULT_PASSPHRASE: passphrase };
}

export interface BackendFixture {
  name: BackendName;
  before(ctx: Mocha.Context): void;
  open(home: string, extra?: Partial<OpenVaultOptions>): Promise<Vault>;
}

export const BACKENDS: BackendFixture[] = [
  {
    name: 'keychain',
    before: requireKeychain,
    open: (home, extra) => openVault({ home, backend: 'keychain', env: {}, ...extra }),
  },
  {
    name: 'file',
    before: () => {},
    open: (home, extra) => openVault({ home, backend: 'file', env: fileEnv(), scryptLogN: FAST_LOG_N, ...extra }),
  },
];

/** Every regular file under `dir`, recursively. */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Files under `dir` whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return allFiles(dir).filter((file) => readFileSync(file).includes(bytes));
}

export function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}
