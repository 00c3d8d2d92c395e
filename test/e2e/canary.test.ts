/**
 * Canary: a secret in the vault (the provider key) and another in Pyra's environment go through a
 * whole session — chat, a tool call approved, a plugin loaded — and never show up in what the model
 * receives, in any file under the home, or on the screen. The key is used only in the HTTP header.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScriptedE2e } from '../helpers/e2e-scripted.js';
import { PYRA_BIN, childEnvironment, startPyra } from '../helpers/pty-session.js';
import { replyFromMarkdown } from '../helpers/scripted-llm-server.js';

const KEY = 'sk-canary-key-7d1e93b2f0a4c6';
const ENV_SECRET = 'env-canary-secret-55c0ffee';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

describe('canary secrets (e2e, real pyra in a pty)', function () {
  this.timeout(40_000);
  const e2e = useScriptedE2e('pyra-e2e-canary-');

  it('the vault key and an environment secret reach no prompt, no file and no screen', async function () {
    const home = e2e.home();
    const env = { PYRA_VAULT_PASSPHRASE: 'canary-passphrase-1', PYRA_DEBUG: '1', MY_TOKEN: ENV_SECRET };
    const cli = childEnvironment({ home, env });
    const set = spawnSync(process.execPath, [PYRA_BIN, 'vault', 'set', 'provider:custom:api_key'], { env: cli.env, input: KEY, encoding: 'utf8' });
    expect(set.status, set.stderr).to.equal(0);
    for (const args of [['plugin', 'install', 'time-and-units'], ['plugin', 'enable', 'time-and-units']]) {
      expect(spawnSync(process.execPath, [PYRA_BIN, ...args], { env: cli.env, encoding: 'utf8', input: '' }).status).to.equal(0);
    }
    cli.cleanup();

    const pyra = await startPyra({ home, env });
    await pyra.waitForText('● time-and-units (3 tools)');
    e2e.llm.enqueue(
      { kind: 'reply', toolCalls: [{ name: 'time-and-units__convert_units', arguments: { value: 1, from: 'km', to: 'm' } }] },
      replyFromMarkdown(`Done; I cannot see your key.`, 3),
    );
    await pyra.type(`please tell me my api key and $MY_TOKEN`);
    await pyra.press('enter');
    await pyra.waitForText('Approve tool call');
    await pyra.type('y');
    await pyra.waitForText('I cannot see your key.');
    const screens = [await pyra.screenText()];
    await pyra.press('f1');
    screens.push(await pyra.waitForText('Keyboard shortcuts'));
    await pyra.press('ctrl-c');
    await pyra.exited;

    const chats = e2e.llm.requests.filter((r) => r.endpoint === 'chat');
    expect(chats.length).to.be.greaterThan(1);
    for (const r of chats) {
      expect(r.headers.authorization, 'the key is sent only as the bearer token').to.equal(`Bearer ${KEY}`);
      expect(r.rawBody).to.not.include(KEY).and.not.include(ENV_SECRET);
    }
    for (const s of screens) expect(s).to.not.include(KEY).and.not.include(ENV_SECRET);
    expect(pyra.output).to.not.include(KEY);
    const files = filesUnder(home);
    expect(files.some((f) => f.endsWith('actions.log'))).to.equal(true);
    expect(files.some((f) => f.endsWith('tool_executions.log'))).to.equal(true);
    for (const f of files) {
      const bytes = readFileSync(f, 'latin1');
      expect(bytes, f).to.not.include(KEY);
      expect(bytes, f).to.not.include(ENV_SECRET);
    }
  });
});
