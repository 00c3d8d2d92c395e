/**
 * The chat as a person uses it: the first-start wizard against an OpenAI-compatible endpoint and
 * against an Ollama endpoint, streamed markdown with highlighted code, Esc, retry, errors, and the
 * conversation coming back after a restart. Real `pyra` in a pty, a scripted LLM over real HTTP.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { useScriptedE2e } from '../helpers/e2e-scripted.js';
import { PYRA_BIN, childEnvironment, startPyra, type PtySession } from '../helpers/pty-session.js';
import { replyFromMarkdown } from '../helpers/scripted-llm-server.js';

const CODE_REPLY = '## Plan\n\nUse **this**:\n\n```python\ndef greet(name):\n    return name\n```\n\nDone here.';
const KEY = 'sk-e2e-wizard-canary-4f2a9c';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

/** The foreground colour of the first cell where `text` starts on screen, or undefined. */
function fgColorAt(pyra: PtySession, text: string): { mode: number; color: number } | undefined {
  const buf = pyra.term.buffer.active;
  for (let y = 0; y < pyra.term.rows; y++) {
    const line = buf.getLine(y);
    if (!line) continue;
    const x = line.translateToString(true).indexOf(text);
    if (x >= 0) {
      const cell = line.getCell(x)!;
      return { mode: cell.getFgColorMode(), color: cell.getFgColor() };
    }
  }
  return undefined;
}

describe('chat (e2e, real pyra in a pty, scripted LLM over HTTP)', function () {
  this.timeout(40_000);
  const e2e = useScriptedE2e('pyra-e2e-chat-');

  it('first start opens the wizard: custom endpoint, key into the vault, live model list, saved', async function () {
    const pyra = await startPyra({ env: { PYRA_VAULT_PASSPHRASE: 'e2e-passphrase-123', PYRA_DEBUG: '1' } });
    await pyra.waitForText('Setup 1/4 · Provider');
    await pyra.type('custom');
    await pyra.waitForText(/▸ Custom OpenAI-compatible/);
    await pyra.press('enter');
    await pyra.waitForText('Base URL of the server');
    await pyra.type(e2e.llm.openaiBaseUrl);
    await pyra.press('enter');
    await pyra.waitForText('API key, if the server needs one');
    await pyra.type(KEY);
    const masked = await pyra.waitForText('•'.repeat(KEY.length));
    expect(masked).to.not.include(KEY);
    expect(masked).to.include('•'.repeat(KEY.length));
    await pyra.press('enter');
    await pyra.waitForText('scripted-model-large');
    await pyra.press('enter');
    await pyra.waitForText('Connection test passed');
    await pyra.press('enter');
    await pyra.waitForText('provider: custom / scripted-model');
    expect(e2e.llm.requests.find((r) => r.endpoint === 'models')!.headers.authorization).to.equal(`Bearer ${KEY}`);
    const config = JSON.parse(readFileSync(join(pyra.pyraHome, 'config.json'), 'utf8'));
    expect(config.provider).to.deep.equal({ id: 'custom', baseUrl: e2e.llm.openaiBaseUrl, model: 'scripted-model' });
    expect(statSync(join(pyra.pyraHome, 'config.json')).mode & 0o777).to.equal(0o600);
    await pyra.press('ctrl-c');
    await pyra.exited;
    const env = childEnvironment({ home: pyra.pyraHome, env: { PYRA_VAULT_PASSPHRASE: 'e2e-passphrase-123' } });
    const list = spawnSync(process.execPath, [PYRA_BIN, 'vault', 'list'], { env: env.env, encoding: 'utf8' });
    env.cleanup();
    expect(list.stdout).to.include('provider:custom:api_key');
    expect(list.stdout).to.not.include(KEY);
    expect(existsSync(join(pyra.pyraHome, 'logs', 'actions.log')), 'the debug action log was written').to.equal(true);
    for (const file of filesUnder(pyra.pyraHome)) expect(readFileSync(file, 'latin1'), file).to.not.include(KEY);
  });

  it('the wizard works against an Ollama endpoint, and the chat then streams from it', async function () {
    const pyra = await startPyra({});
    await pyra.waitForText('Setup 1/4 · Provider');
    await pyra.type('ollama');
    await pyra.press('enter');
    await pyra.waitForText('Base URL of the server');
    for (let i = 0; i < 40; i++) await pyra.press('backspace');
    await pyra.type(e2e.llm.ollamaHost);
    await pyra.press('enter');
    await pyra.waitForText('scripted-model-large');
    await pyra.press('enter');
    await pyra.waitForText('Connection test passed');
    await pyra.press('enter');
    await pyra.waitForText('provider: ollama / scripted-model');
    e2e.llm.enqueue(replyFromMarkdown('Hello from **Ollama**.', 4));
    await pyra.type('hi');
    await pyra.press('enter');
    await pyra.waitForText('Hello from Ollama.');
    expect(e2e.llm.requests.at(-1)!.path).to.equal('/api/chat');
  });

  it('streams markdown with a highlighted code block; Esc cancels; Ctrl-R retries; a restart reopens the conversation', async function () {
    const home = e2e.home();
    let pyra = await startPyra({ home });
    await pyra.waitForText('No messages yet');
    await pyra.waitForText('vault: not used yet'); // the keychain is not asked before a secret is needed
    e2e.llm.enqueue(replyFromMarkdown(CODE_REPLY, 12, { delayMs: 20 }));
    await pyra.type('show me code');
    await pyra.press('enter');
    await pyra.waitForText('Done here.');
    await pyra.waitForNoText('▍Pyra …');
    await pyra.waitForText('vault: keychain (unlocked)'); // the turn's key read opened it
    const screen = await pyra.screenText();
    expect(screen).to.include('def greet(name):').and.include('Plan').and.not.include('```');
    const def = fgColorAt(pyra, 'def greet');
    const plain = fgColorAt(pyra, 'Done here.');
    expect(def, 'code is on screen').to.not.equal(undefined);
    expect(def, 'the keyword is coloured differently from plain text').to.not.deep.equal(plain);
    expect(screen).to.include('Chat — show me code');

    e2e.llm.enqueue(replyFromMarkdown('one two three four five six seven eight nine ten eleven twelve', 12, { delayMs: 150 }));
    await pyra.type('count slowly');
    await pyra.press('enter');
    await pyra.waitForText('one two');
    await pyra.press('escape');
    await pyra.waitForText('— cancelled');
    await pyra.waitForNoText('twelve', { timeout: 2500 });

    e2e.llm.enqueue(replyFromMarkdown('Retried answer.', 3));
    await pyra.press('ctrl-r');
    await pyra.waitForText('Retried answer.');
    await pyra.press('ctrl-c');
    await pyra.exited;

    pyra = await startPyra({ home });
    await pyra.waitForText('Retried answer.');
    const again = await pyra.screenText();
    expect(again).to.include('Chat — show me code').and.include('— cancelled');
  });

  it('Ctrl-C during a reply quits at once and keeps what arrived; the restart shows it cancelled', async function () {
    const home = e2e.home();
    let pyra = await startPyra({ home });
    await pyra.waitForText('No messages yet');
    e2e.llm.enqueue(replyFromMarkdown('alpha beta gamma delta epsilon zeta eta theta', 8, { delayMs: 300 }));
    await pyra.type('greek letters');
    await pyra.press('enter');
    await pyra.waitForText('alpha beta');
    await pyra.press('ctrl-c');
    expect((await pyra.exited).exitCode).to.equal(0);

    pyra = await startPyra({ home });
    await pyra.waitForText('— cancelled');
    const screen = await pyra.screenText();
    expect(screen).to.include('greek letters').and.include('alpha beta').and.not.include('theta');
  });

  it('shows each failure as a message with a remedy and keeps the conversation', async function () {
    const home = e2e.home();
    const pyra = await startPyra({ home });
    await pyra.waitForText('No messages yet');
    e2e.llm.enqueue({ kind: 'status', status: 401, message: 'bad key' });
    await pyra.type('first');
    await pyra.press('enter');
    await pyra.waitForText(/Error[\s\S]*Ctrl-R/);
    e2e.llm.enqueue({ kind: 'status', status: 500 });
    await pyra.type('second');
    await pyra.press('enter');
    await pyra.waitForText(/server error \(.*500/i);
    await e2e.llm.close();
    await pyra.type('third');
    await pyra.press('enter');
    await pyra.waitForText(/refused|reach|connect/i);
    const screen = await pyra.screenText();
    expect(screen).to.include('first').and.include('second').and.include('third');
  });
});
