/**
 * The rig for testing a bundled plugin the way Pyra runs it: a temporary PYRA_HOME with the plugin
 * installed (copied from plugins/<name>, built dist/ included) and enabled, an encrypted-file vault,
 * the real tool host (sandboxed child process), and the real approval service: every call is a
 * request in the store's queue, decided with decide(id, { kind: 'once' }), and the grant it issues is
 * what the host runs. Setup runs through the host with scripted answers. Shared by the email and
 * Nextcloud plugin tests and the mail-to-calendar e2e test.
 */
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApprovalService, type ApprovalService } from '../../../app/approvals/approval-service.js';
import { openPermissionsStore } from '../../../app/approvals/permissions-store.js';
import { bootstrapHome, homePaths } from '../../../app/config/home.js';
import { installPlugin } from '../../../app/plugins/install.js';
import { updatePluginEntry } from '../../../app/plugins/plugin-state.js';
import type { PromptRequest } from '../../../app/plugins/plugin-process.js';
import { createToolHost, type PyraToolHost } from '../../../app/plugins/tool-host.js';
import type { ToolResult } from '../../../app/plugins/types.js';
import type { ApprovalRequest } from '../../../app/store/state.js';
import { createStore, type Store } from '../../../app/store/store.js';
import { openVault, type Vault } from '../../../app/vault/index.js';
import { testState } from '../../helpers/state.js';
import { makeTempHome } from '../../helpers/temp-home.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const VAULT_PASSPHRASE = 'plugin rig passphrase';

if (process.env.PYRA_TEST_SECRET_SERVICE !== '1') {
  // The rig uses the file vault; nothing may reach (or D-Bus-activate) a real keyring.
  process.env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent/pyra-test-no-bus';
}

/** Fails with the fix when the plugin has not been bundled yet. */
export function requireBuilt(name: string): void {
  if (!existsSync(join(REPO, 'plugins', name, 'dist', 'plugin.mjs'))) {
    throw new Error(`plugins/${name}/dist/plugin.mjs is missing: run node scripts/build-plugins.mjs (npm run build does)`);
  }
}

/** One scripted answer: the question it expects (a pattern) and what is typed. */
export type Answer = [question: RegExp, answer: string];

export interface AskedQuestion extends PromptRequest {
  answer: string;
}

export interface CallOutcome {
  result: ToolResult;
  /** The request as the approval dialog showed it. */
  request: ApprovalRequest;
}

/** The file vault of `home`, unlocked with the rig's passphrase (fast scrypt). */
export function rigVault(home: string): Promise<Vault> {
  return openVault({ home, backend: 'file', env: { PYRA_VAULT_PASSPHRASE: VAULT_PASSPHRASE }, scryptLogN: 10 });
}

/** A fresh home (or `given`) with the plugins installed from the repository (as `pyra plugin install`) and enabled. */
export function homeWithPlugins(names: string[], given?: string): string {
  const home = given ?? makeTempHome('pyra-plugin-rig-').home;
  try {
    bootstrapHome(home);
    for (const name of names) {
      requireBuilt(name);
      installPlugin(home, name);
      updatePluginEntry(home, name, (entry) => (entry.enabled = true));
    }
  } catch (error) {
    if (!given) rmSync(home, { recursive: true, force: true });
    throw error;
  }
  return home;
}

export class PluginRig {
  readonly store: Store;
  readonly approvals: ApprovalService;
  readonly host: PyraToolHost;
  private vaultPromise?: Promise<Vault>;

  constructor(readonly home: string) {
    this.store = createStore(testState());
    this.approvals = createApprovalService(this.store, openPermissionsStore(home), homePaths(home).toolLog);
    this.host = createToolHost({ home, vault: () => this.vault(), loadTimeoutMs: 15_000, callTimeoutMs: 45_000, include: { plugins: true, mcp: false } });
  }

  vault(): Promise<Vault> {
    return (this.vaultPromise ??= rigVault(this.home));
  }

  async start(): Promise<void> {
    await this.host.start();
    for (const status of this.host.plugins()) expect(status.state, `${status.name}: ${status.reason ?? ''}`).to.equal('loaded');
  }

  /** Asks the approval queue, allows the request once (as the y key does), then runs the grant. */
  async call(toolId: string, args: Record<string, unknown> = {}): Promise<CallOutcome> {
    const tool = this.host.tool(toolId);
    if (!tool) throw new Error(`no loaded tool ${toolId}; loaded: ${this.host.tools().map((t) => t.id).join(', ')}`);
    const before = new Set(this.store.getState().approvals.queue.map((r) => r.id));
    const pending = this.approvals.request({ source: 'test', tool, args });
    const request = this.store.getState().approvals.queue.find((r) => !before.has(r.id));
    if (!request) throw new Error(`${toolId} was not queued for approval`);
    this.approvals.decide(request.id, { kind: 'once' });
    const decision = await pending;
    if (!decision.allowed) throw new Error(`${toolId} was not allowed: ${decision.reason ?? ''}`);
    return { result: await this.host.call(decision.grant), request };
  }

  /** The text of a call that must succeed. */
  async text(toolId: string, args: Record<string, unknown> = {}): Promise<string> {
    const { result } = await this.call(toolId, args);
    expect(result.ok, `${toolId} failed: ${result.error}`).to.equal(true);
    return result.text;
  }

  /** The one-line error of a call that must fail. */
  async error(toolId: string, args: Record<string, unknown> = {}): Promise<string> {
    const { result } = await this.call(toolId, args);
    expect(result.ok, `${toolId} should have failed but returned: ${result.text}`).to.equal(false);
    return result.error ?? '';
  }

  /** Runs the plugin's setup through the host; each question must match the next scripted answer. */
  async setup(name: string, answers: Answer[]): Promise<AskedQuestion[]> {
    const asked: AskedQuestion[] = [];
    const queue = [...answers];
    await this.host.setup(name, async (request) => {
      const next = queue.shift();
      if (!next) throw new Error(`setup asked more than scripted: ${JSON.stringify(request.label)}`);
      if (!next[0].test(request.label)) throw new Error(`setup asked ${JSON.stringify(request.label)}, the script expected ${next[0]}`);
      asked.push({ ...request, answer: next[1] });
      return next[1];
    });
    expect(queue, 'questions the setup did not ask').to.deep.equal([]);
    return asked;
  }

  async stop(): Promise<void> {
    await this.host.stop();
  }
}

/** Every file under `dir` whose bytes contain `text`. */
export function filesContaining(dir: string, text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    if (readFileSync(path).includes(Buffer.from(text, 'utf8'))) found.push(path);
  }
  return found;
}

/**
 * The suite hooks of a plugin test file: start the servers once, a home with the plugin installed,
 * the host started and the account set up; everything stopped and removed afterwards.
 */
export function usePluginAccount<S extends { stop(): Promise<void> }>(
  plugin: string,
  startServers: () => Promise<S>,
  setUp: (rig: PluginRig, servers: S) => Promise<unknown>,
): { readonly rig: PluginRig; readonly servers: S } {
  let servers: S | undefined;
  let rig: PluginRig | undefined;
  before(async () => {
    servers = await startServers();
    rig = new PluginRig(homeWithPlugins([plugin]));
    await rig.start();
    await setUp(rig, servers);
  });
  after(async () => {
    await rig?.stop();
    if (rig) rmSync(rig.home, { recursive: true, force: true });
    await servers?.stop();
  });
  return {
    get rig() {
      return rig!;
    },
    get servers() {
      return servers!;
    },
  };
}
