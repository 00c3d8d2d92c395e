/**
 * Plugins as a person uses them: install a bundled plugin, see its tools in the sidebar, run one from
 * the sidebar and from the model through the approval dialog, use its slash command, see a broken
 * plugin's reason, and use an MCP server's tool through the same queue. Real pyra in a pty.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { useScriptedE2e } from '../helpers/e2e-scripted.js';
import { PYRA_BIN, REPO_ROOT, childEnvironment, startPyra } from '../helpers/pty-session.js';
import { replyFromMarkdown } from '../helpers/scripted-llm-server.js';

describe('plugins (e2e, real pyra in a pty)', function () {
  this.timeout(60_000);
  const e2e = useScriptedE2e('pyra-e2e-plug-');

  /** A used home with a provider, and the CLI run against it. */
  function setup() {
    const home = e2e.home();
    const env = childEnvironment({ home });
    const run = (...args: string[]) => spawnSync(process.execPath, [PYRA_BIN, ...args], { env: env.env, encoding: 'utf8', input: '' });
    const cli = (...args: string[]) => {
      const r = run(...args);
      if (r.status !== 0) throw new Error(`pyra ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    };
    return { home, cli, run, cleanup: env.cleanup };
  }

  it('a bundled plugin: tools in the sidebar, a call from the sidebar and from the model, its slash command', async function () {
    const { home, cli, cleanup } = setup();
    cli('plugin', 'install', 'time-and-units');
    cli('plugin', 'enable', 'time-and-units');
    cleanup();
    const pyra = await startPyra({ home });
    await pyra.waitForText('● time-and-units (3 tools)');
    await pyra.press('alt-3');
    for (let i = 0; i < 3; i++) await pyra.type('j');
    await pyra.press('enter');
    await pyra.waitForText('time-and-units › convert_units');
    await pyra.type('5');
    await pyra.press('tab');
    await pyra.type('mi');
    await pyra.press('tab');
    await pyra.type('km');
    await pyra.press('enter');
    await pyra.waitForText('Asked by sidebar');
    await pyra.type('y');
    await pyra.waitForText('5 mi = 8.04672 km');
    await pyra.press('enter');

    await pyra.press('alt-1');
    e2e.llm.enqueue({ kind: 'reply', toolCalls: [{ name: 'time-and-units__date_diff', arguments: { from: '2026-01-01', to: '2026-01-31' } }] }, replyFromMarkdown('That is 30 days.', 3));
    await pyra.type('how many days in january?');
    await pyra.press('enter');
    await pyra.waitForText('Asked by model');
    expect(await pyra.screenText()).to.include('date_diff').and.include('time-and-units');
    await pyra.type('y');
    await pyra.waitForText('That is 30 days.');
    const toolMsg = (e2e.llm.requests.at(-1)!.body.messages as { role: string; content: string }[]).find((m) => m.role === 'tool')!;
    expect(toolMsg.content).to.match(/30 day/).and.match(/untrusted content/);
    const tools = (e2e.llm.requests.at(-1)!.body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(tools).to.include.members(['time-and-units__now', 'memory_read']);

    await pyra.type('/un');
    await pyra.waitForText('Tab ▸ /units');
    await pyra.press('tab');
    await pyra.waitForText('› /units');
    await pyra.press('enter');
    await pyra.waitForText('/units (time-and-units)');
  });

  it('a broken plugin is listed with its reason; Pyra and the other plugins keep working', async function () {
    const { home, cli, run, cleanup } = setup();
    cli('plugin', 'install', 'time-and-units');
    cli('plugin', 'enable', 'time-and-units');
    const broken = join(REPO_ROOT, 'test', 'fixtures', 'plugins', 'throws-at-import');
    cpSync(broken, join(home, 'plugins', 'throws-at-import'), { recursive: true });
    const enabled = run('plugin', 'enable', 'throws-at-import');
    expect(enabled.status, 'enabling a plugin that fails to load says so').to.equal(1);
    expect(enabled.stdout + enabled.stderr).to.include('does not load');
    cleanup();
    const pyra = await startPyra({ home });
    await pyra.waitForText(/✖ throws-at-import — /);
    await pyra.waitForText('● time-and-units (3 tools)');
    await pyra.press('alt-3');
    await pyra.press('enter');
    await pyra.waitForText(/Plugin throws-at-import[\s\S]*failed/);
    await pyra.press('escape');
    await pyra.press('alt-1');
    await pyra.type('still alive');
    await pyra.waitForText('› still alive');
  });

  it("an MCP server's tools join the same queue", async function () {
    const { home, cli, cleanup } = setup();
    const server = join(REPO_ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');
    cli('mcp', 'add', 'everything', '--', process.execPath, server);
    cleanup();
    const pyra = await startPyra({ home });
    await pyra.waitForText(/● everything \[mcp\] \(\d+ tools\)/, { timeout: 20_000 });
    e2e.llm.enqueue({ kind: 'reply', toolCalls: [{ name: 'everything__echo', arguments: { message: 'hello from mcp' } }] }, replyFromMarkdown('Echoed.', 1));
    await pyra.type('echo something');
    await pyra.press('enter');
    await pyra.waitForText('Approve tool call');
    expect(await pyra.screenText()).to.include('everything').and.include('echo');
    await pyra.type('y');
    await pyra.waitForText('Echoed.');
    const toolMsg = (e2e.llm.requests.at(-1)!.body.messages as { role: string; content: string }[]).find((m) => m.role === 'tool')!;
    expect(toolMsg.content).to.include('hello from mcp');
  });
});
