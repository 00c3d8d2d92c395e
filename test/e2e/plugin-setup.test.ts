/**
 * A plugin's setup from the dashboard, as a person does it: the Nextcloud plugin is installed and
 * enabled but not set up; in the Plugins pane `s` asks its questions in dialogs (the app password in
 * a masked one), discovery runs against a real Radicale, the plugin restarts, and the model's next
 * call reaches the calendar. Esc in a question cancels the setup and stores nothing.
 */
import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homePaths } from '../../app/config/home.js';
import { BUILT_MAIN, closeAll, startPyra, type PtySession } from '../helpers/pty-session.js';
import { replyFromMarkdown, startScriptedLlm, type ScriptedLlm } from '../helpers/scripted-llm-server.js';
import { startRadicale, type RadicaleServer } from '../helpers/servers/index.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';
import { VAULT_PASSPHRASE, filesContaining, homeWithPlugins, rigVault } from '../integration/plugins-email/plugin-rig.js';

const ALICE = { user: 'alice', password: 'alice-setup-e2e-pass-5c1d' };

describe('plugin setup from the dashboard (e2e: pyra in a pty, Nextcloud plugin, Radicale)', function () {
  this.timeout(90_000);
  let radicale: RadicaleServer;
  let llm: ScriptedLlm;
  const homes: TempHome[] = [];

  before(function () {
    if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  });
  beforeEach(async () => {
    radicale = await startRadicale({ users: [ALICE] });
    await radicale.createCalendar(ALICE, 'personal', 'Personal');
    llm = await startScriptedLlm();
  });
  afterEach(async () => {
    await closeAll();
    await llm?.close();
    await radicale?.stop();
  });
  after(() => {
    while (homes.length) homes.pop()!.cleanup();
  });

  async function startWithNextcloud(): Promise<{ home: string; pyra: PtySession }> {
    const temp = makeTempHome('pyra-e2e-setup-');
    homes.push(temp);
    const home = homeWithPlugins(['nextcloud'], join(temp.home, '.pyra'));
    writeFileSync(
      homePaths(home).config,
      JSON.stringify({ provider: { id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model' }, vault: { backend: 'file' } }),
      { mode: 0o600 },
    );
    const pyra = await startPyra({ home, env: { PYRA_VAULT_PASSPHRASE: VAULT_PASSPHRASE } });
    await pyra.waitForText('No messages yet');
    await pyra.waitForText(/nextcloud \(15 tools\)/, { timeout: 20_000 });
    await pyra.press('alt-3');
    await pyra.waitForText('s setup');
    return { home, pyra };
  }

  async function answer(pyra: PtySession, question: RegExp, text: string): Promise<void> {
    await pyra.waitForText(question);
    if (text) await pyra.type(text);
    await pyra.press('enter');
    await pyra.waitForNoText(question);
  }

  it('s asks the questions in dialogs, stores the password in the vault only, restarts the plugin, and its tools then work', async function () {
    const { home, pyra } = await startWithNextcloud();
    await pyra.type('s');
    await answer(pyra, /Set up nextcloud — question 1/, radicale.url);
    await answer(pyra, /User name/, ALICE.user);
    await pyra.waitForText(/App password/);
    expect(await pyra.screenText()).to.include('Typed text is hidden');
    await pyra.type(ALICE.password);
    expect(await pyra.screenText()).to.not.include(ALICE.password);
    await pyra.press('enter');
    // Both suggest an answer, already in the field: Enter takes it.
    await answer(pyra, /No files \(WebDAV\) service[\s\S]*› none/, '');
    await answer(pyra, /Calendars: yes, contacts: yes, files: no[\s\S]*› y/, '');
    await pyra.waitForText('Setup of nextcloud finished', { timeout: 20_000 });
    await pyra.waitForText(/nextcloud \(15 tools\)/, { timeout: 20_000 });

    const vault = await rigVault(home);
    expect(await vault.forPlugin('nextcloud').get('app_password')).to.equal(ALICE.password);
    expect(filesContaining(home, ALICE.password), 'the password is in no plain file').to.deep.equal([]);

    await pyra.press('alt-1');
    llm.enqueue({ kind: 'reply', toolCalls: [{ name: 'nextcloud__list_calendars', arguments: {} }] }, replyFromMarkdown('You have one calendar.', 3));
    await pyra.type('which calendars do I have?');
    await pyra.press('enter');
    await pyra.waitForText('Asked by model');
    await pyra.type('y');
    await pyra.waitForText('You have one calendar.');
    const toolMsg = (llm.requests.at(-1)!.body.messages as { role: string; content: string }[]).find((m) => m.role === 'tool')!;
    expect(toolMsg.content).to.include('Personal');
    expect(await pyra.screenText()).to.not.include(ALICE.password);
  });

  it('Esc in a question cancels the setup and stores nothing', async function () {
    const { home, pyra } = await startWithNextcloud();
    await pyra.type('s');
    await pyra.waitForText(/Set up nextcloud — question 1/);
    await pyra.press('escape');
    await pyra.waitForText('Setup of nextcloud cancelled');
    const vault = await rigVault(home);
    expect(await vault.forPlugin('nextcloud').list()).to.deep.equal([]);
    await pyra.press('enter');
    await pyra.waitForText('Press s to run its setup');
  });
});
