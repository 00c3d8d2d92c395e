/**
 * Shared set-up for the plugin host tests: temporary homes with fixture plugins copied in and
 * enabled, grants made the way the approval queue would (registered, so the host's check passes),
 * a file vault that never touches a keyring, and a watch on the host's own event loop.
 */
import { cpSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bootstrapHome, homePaths } from '../../../app/config/home.js';
import { openVault, type Vault } from '../../../app/vault/index.js';
import { updatePluginEntry } from '../../../app/plugins/plugin-state.js';
import { createToolHost, type PyraToolHost, type ToolHostOptions } from '../../../app/plugins/tool-host.js';
import type { ApprovalGrant, PluginStatus } from '../../../app/plugins/types.js';
import { makeTempHome } from '../../helpers/temp-home.js';

if (process.env.PYRA_TEST_SECRET_SERVICE !== '1') {
  // Nothing here may reach the user's real keyring (nor D-Bus-activate one).
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/pyra-test-no-bus';
}

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'plugins');
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PASSPHRASE = 'plugin tests passphrase';

const cleanups: (() => void)[] = [];

/** A bootstrapped PYRA_HOME in the OS temp folder, removed by removeTempHomes(). */
export function tempHome(): string {
  const { home, cleanup } = makeTempHome('pyra-plugins-test-');
  cleanups.push(cleanup);
  bootstrapHome(home);
  return home;
}

export function removeTempHomes(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

/** Copies test/fixtures/plugins/<fixture> into the home's plugins folder and enables it. */
export function addPlugin(home: string, fixture: string, options: { enable?: boolean } = {}): string {
  const dir = join(homePaths(home).plugins, fixture);
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  if (options.enable !== false) updatePluginEntry(home, fixture, (e) => (e.enabled = true));
  return dir;
}

/** The encrypted-file vault of `home`, unlocked by a test passphrase (fast scrypt). */
export function fileVault(home: string): Promise<Vault> {
  return openVault({ home, backend: 'file', env: { PYRA_VAULT_PASSPHRASE: PASSPHRASE }, scryptLogN: 10 });
}

const issued = new WeakSet<ApprovalGrant>();
let requests = 0;

/** A grant as the approval queue would make it (the lead's approval-grant.ts does this in the app). */
export function testGrant(toolId: string, args: unknown = {}): ApprovalGrant {
  const grant: ApprovalGrant = Object.freeze({ requestId: `test-${++requests}`, toolId, args, decidedBy: 'user' as const });
  issued.add(grant);
  return grant;
}

export const verifyTestGrant = (grant: ApprovalGrant) => issued.has(grant);

const hosts: PyraToolHost[] = [];

/** A host with short timeouts for tests; stopped by stopHosts(). */
export function testHost(home: string, options: Partial<ToolHostOptions> = {}): PyraToolHost {
  const host = createToolHost({
    home,
    verifyGrant: verifyTestGrant,
    vault: () => fileVault(home),
    loadTimeoutMs: 3000,
    callTimeoutMs: 5000,
    cancelGraceMs: 500,
    include: { plugins: true, mcp: true },
    ...options,
  });
  hosts.push(host);
  return host;
}

export async function stopHosts(): Promise<void> {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
}

export function statusOf(host: PyraToolHost, name: string): PluginStatus {
  const status = host.plugins().find((p) => p.name === name);
  if (!status) throw new Error(`no status for ${name}: ${JSON.stringify(host.plugins().map((p) => p.name))}`);
  return status;
}

/** Resolves once `predicate` holds after a host change (or at once if it already does). */
export function waitFor(host: PyraToolHost, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`condition not reached in ${timeoutMs} ms; plugins: ${JSON.stringify(host.plugins().map((p) => [p.name, p.state, p.reason]))}`));
    }, timeoutMs);
    const off = host.onChange(() => {
      if (!predicate()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

/**
 * Counts the host process's timer ticks: while a hostile child loops, floods or hangs, Pyra's own
 * event loop must keep turning. `stop()` returns how many ticks were seen.
 */
export function eventLoopWatch(intervalMs = 10): { stop(): number } {
  let ticks = 0;
  const timer = setInterval(() => ticks++, intervalMs).unref();
  return {
    stop() {
      clearInterval(timer);
      return ticks;
    },
  };
}

export function errorLog(home: string): string {
  try {
    return readFileSync(homePaths(home).pluginErrorsLog, 'utf8');
  } catch {
    return '';
  }
}
