/**
 * `pyra ask` run in-process (runAsk with fake streams) against the scripted server, with a real file
 * vault and config in a temporary PYRA_HOME.
 */
import { expect } from 'chai';
import { setConfigValue } from '../../../app/config/config-store.js';
import { homePaths } from '../../../app/config/home.js';
import { openConversationStore } from '../../../app/chat/conversation-store.js';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, runAsk, terminalSafeText } from '../../../app/commands/ask.js';
import { openVault } from '../../../app/vault/index.js';
import { replyFromMarkdown, startScriptedLlm, type ScriptedLlm } from '../../helpers/scripted-llm-server.js';
import { cliHome, pipedIO, type CliHome } from './cli-io.js';

const KEY = 'sk-ask-test-key-0123456789';

describe('pyra ask (in-process)', function () {
  this.timeout(20_000);
  let llm: ScriptedLlm;
  let home: CliHome;

  beforeEach(async () => {
    llm = await startScriptedLlm();
    home = await cliHome();
  });
  afterEach(async () => {
    await llm.close();
    home.cleanup();
  });

  async function configure(extra: { key?: boolean } = { key: true }): Promise<void> {
    await setConfigValue(home.config, 'provider', { id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model' });
    if (extra.key) await (await openVault({ home: home.home, backend: 'file', env: home.env, scryptLogN: 10 })).set('provider:custom:api_key', KEY);
  }

  it('without a configured provider: exit 1 and a pointer to pyra setup', async () => {
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'Hi' })).to.equal(EXIT_FAILURE);
    expect(io.stderr.text).to.include('No provider is configured').and.include('pyra setup');
    expect(io.stdout.text).to.equal('');
  });

  it('streams the answer as plain text, the key read from the vault', async () => {
    await configure();
    llm.enqueue(replyFromMarkdown('# Answer\n\nIt is **42**.', 6));
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'What is it?' }), io.stderr.text).to.equal(EXIT_OK);
    expect(io.stdout.text).to.equal('# Answer\n\nIt is **42**.\n');
    expect(io.stderr.text).to.equal('');
    const sent = llm.requests[0]!;
    expect(sent.headers.authorization).to.equal(`Bearer ${KEY}`);
    expect(sent.body.messages[0].role).to.equal('system');
    expect(sent.body.messages.at(-1)).to.deep.equal({ role: 'user', content: 'What is it?' });
  });

  it('reads the question from stdin with "-"; an empty question is a usage error', async () => {
    await configure();
    llm.enqueue(replyFromMarkdown('piped answer', 2));
    const io = pipedIO(home.env, 'a question from a pipe\n');
    expect(await runAsk(io, { question: '-' })).to.equal(EXIT_OK);
    expect(llm.requests[0]!.body.messages.at(-1).content).to.equal('a question from a pipe');

    const empty = pipedIO(home.env, '  \n');
    expect(await runAsk(empty, { question: '-' })).to.equal(EXIT_USAGE);
    expect(empty.stderr.text).to.include('empty');
  });

  it('a refused key: exit 1, the message and the remedy on stderr', async () => {
    await configure();
    llm.enqueue({ kind: 'status', status: 401 });
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'Hi' })).to.equal(EXIT_FAILURE);
    expect(io.stderr.text).to.include('refused the API key').and.include('pyra setup').and.include('provider:custom:api_key');
    expect(io.stdout.text).to.equal('');
  });

  it('no key stored for a provider that needs one: exit 1 naming the vault key', async () => {
    await setConfigValue(home.config, 'provider', { id: 'groq' });
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'Hi' })).to.equal(EXIT_FAILURE);
    expect(io.stderr.text).to.include('provider:groq:api_key');
  });

  it('removes terminal escape sequences and control characters from the answer', async () => {
    await configure();
    llm.enqueue({ kind: 'reply', chunks: ['\x1b[31mred\x1b[0m ', '\x1b]0;title\x07text', '\x07\r\n'] });
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'Hi' })).to.equal(EXIT_OK);
    expect(io.stdout.text).to.equal('red text\n');
    expect(terminalSafeText('a\tb\nc\x1b[2Jd\x9b')).to.equal('a\tb\ncd');
  });

  it('a stream cut mid-way: the partial answer, then the error; exit 1', async () => {
    await configure();
    llm.enqueue({ kind: 'cut', afterChunks: 3, reply: replyFromMarkdown('one two three four five', 5) });
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'Hi' })).to.equal(EXIT_FAILURE);
    expect(io.stdout.text).to.equal('one two \n');
    expect(io.stderr.text).to.include('ended in the middle');
  });

  it('cancelled (Ctrl-C): exit 130', async () => {
    await configure();
    llm.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const io = pipedIO(home.env);
    expect(await runAsk(io, { question: 'Hi', signal: controller.signal })).to.equal(EXIT_INTERRUPTED);
  });

  it('--conversation continues a stored conversation and records both turns', async () => {
    await configure();
    llm.enqueue(replyFromMarkdown('First answer.', 2), replyFromMarkdown('Second answer.', 2));
    expect(await runAsk(pipedIO(home.env), { question: 'First question', conversation: 'work' })).to.equal(EXIT_OK);
    expect(await runAsk(pipedIO(home.env), { question: 'Second question', conversation: 'work' })).to.equal(EXIT_OK);
    const second = llm.requests[1]!.body.messages.slice(1);
    expect(second).to.deep.equal([
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer.' },
      { role: 'user', content: 'Second question' },
    ]);
    const store = openConversationStore(homePaths(home.home).conversations);
    const meta = store.find('work')!;
    expect(meta.title).to.equal('work');
    expect(store.load(meta.id).messages.map((m) => `${m.role}:${m.text}`)).to.deep.equal([
      'user:First question',
      'assistant:First answer.',
      'user:Second question',
      'assistant:Second answer.',
    ]);
  });

  it('--model overrides the configured model', async () => {
    await configure();
    llm.enqueue(replyFromMarkdown('ok', 1));
    expect(await runAsk(pipedIO(home.env), { question: 'Hi', model: 'other-model' })).to.equal(EXIT_OK);
    expect(llm.requests[0]!.body.model).to.equal('other-model');
  });

  it('a keyless Ollama works with no vault at all', async () => {
    await setConfigValue(home.config, 'provider', { id: 'ollama', baseUrl: llm.ollamaHost, model: 'scripted-model' });
    llm.enqueue(replyFromMarkdown('local answer', 2));
    const io = pipedIO({ PYRA_HOME: home.home }); // no passphrase: the file vault cannot open
    expect(await runAsk(io, { question: 'Hi' }), io.stderr.text).to.equal(EXIT_OK);
    expect(io.stdout.text).to.equal('local answer\n');
  });
});
