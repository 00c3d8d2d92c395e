import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChatSession, type ActiveProvider } from '../../../app/chat/chat-session.js';
import { openConversationStore } from '../../../app/chat/conversation-store.js';
import { assembleSystemPrompt } from '../../../app/chat/system-prompt.js';
import { createProviderClient } from '../../../app/providers/index.js';
import { createStore } from '../../../app/store/store.js';
import { replyFromMarkdown, startScriptedLlm, type ScriptedLlm } from '../../helpers/scripted-llm-server.js';
import { testState } from '../../helpers/state.js';
import { makeTempHome } from '../../helpers/temp-home.js';

describe('chat session (real client, scripted server over HTTP)', () => {
  let llm: ScriptedLlm;
  let cleanup: () => void;
  let dir: string;

  beforeEach(async () => {
    llm = await startScriptedLlm();
    const t = makeTempHome();
    cleanup = t.cleanup;
    dir = join(t.home, 'conversations');
  });
  afterEach(async () => {
    await llm.close();
    cleanup();
  });

  function setup(contextTokens = 32000, protocol: 'openai' | 'ollama' = 'openai') {
    const store = createStore(testState());
    const conversations = openConversationStore(dir);
    const settings = protocol === 'openai' ? { id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model' } : { id: 'ollama', baseUrl: llm.ollamaHost, model: 'scripted-model' };
    const provider: ActiveProvider = { client: createProviderClient(settings, async () => 'sk-chat-test'), model: 'scripted-model', contextTokens };
    const chat = createChatSession({ store, conversations, provider: async () => provider, systemPrompt: () => assembleSystemPrompt([]) });
    return { store, conversations, chat };
  }

  for (const protocol of ['openai', 'ollama'] as const) {
    it(`streams a reply into the store and saves both messages (${protocol})`, async () => {
      const { store, conversations, chat } = setup(32000, protocol);
      llm.enqueue(replyFromMarkdown('# Hi\n\nHere is `code`.', 6));
      await chat.send('hello there');
      const s = store.getState().chat;
      expect(s.messages.map((m) => [m.role, m.text, m.status])).to.deep.equal([
        ['user', 'hello there', undefined],
        ['assistant', '# Hi\n\nHere is `code`.', 'complete'],
      ]);
      expect(s.streamingId).to.equal(null);
      expect(s.conversation?.title).to.equal('hello there');
      const body = llm.requests[0]!.body;
      expect(body.messages[0].role).to.equal('system');
      expect(body.messages.at(-1)).to.include({ role: 'user', content: 'hello there' });
      const saved = conversations.load(s.conversation!.id).messages;
      expect(saved.map((m) => m.role)).to.deep.equal(['user', 'assistant']);
      expect(conversations.current()).to.equal(s.conversation!.id);
      if (protocol === 'openai') expect(s.usage.last?.outputTokens).to.be.greaterThan(0);
    });
  }

  it('Esc (cancel) keeps the partial reply, marked cancelled, and saves it', async () => {
    const { store, conversations, chat } = setup();
    llm.enqueue(replyFromMarkdown('one two three four five six seven eight nine ten', 10, { delayMs: 40 }));
    const done = chat.send('count');
    await new Promise((r) => setTimeout(r, 150));
    expect(chat.cancel()).to.equal(true);
    await done;
    const reply = store.getState().chat.messages[1]!;
    expect(reply.status).to.equal('cancelled');
    expect(reply.text.length).to.be.greaterThan(0);
    expect('one two three four five six seven eight nine ten'.startsWith(reply.text)).to.equal(true);
    const saved = conversations.load(store.getState().chat.conversation!.id).messages;
    expect(saved[1]).to.include({ role: 'assistant', status: 'cancelled', text: reply.text });
  });

  it('quitting mid-reply saves what arrived at once (cancelled), and only once', async () => {
    const { store, conversations, chat } = setup();
    llm.enqueue(replyFromMarkdown('one two three four five six seven eight nine ten', 10, { delayMs: 40 }));
    const done = chat.send('count');
    while (!(store.getState().chat.messages[1]?.text ?? '').includes('two')) await new Promise((r) => setTimeout(r, 10));
    chat.saveOnQuit();
    const id = store.getState().chat.conversation!.id;
    const atQuit = conversations.load(id).messages;
    expect(atQuit.map((m) => [m.role, m.status])).to.deep.equal([
      ['user', undefined],
      ['assistant', 'cancelled'],
    ]);
    expect(atQuit[1]!.text).to.include('one two');
    await done; // the aborted turn ends on its own and must not save the reply a second time
    expect(conversations.load(id).messages).to.have.length(2);
    expect(store.getState().chat.messages[1]!.status).to.equal('cancelled');
  });

  it('quitting with nothing streaming saves nothing', async () => {
    const { store, conversations, chat } = setup();
    llm.enqueue(replyFromMarkdown('done.', 2));
    await chat.send('hi');
    chat.saveOnQuit();
    expect(conversations.load(store.getState().chat.conversation!.id).messages).to.have.length(2);
  });

  it('turns a refused key into an error message with a remedy; retry resends the same turn', async () => {
    const { store, chat } = setup();
    llm.enqueue({ kind: 'status', status: 401, message: 'invalid api key' });
    await chat.send('are you there?');
    let msgs = store.getState().chat.messages;
    expect(msgs.map((m) => m.role)).to.deep.equal(['user', 'assistant', 'error']);
    expect(msgs[2]!.remedy).to.match(/Ctrl-R/);
    llm.enqueue(replyFromMarkdown('Yes.', 2));
    await chat.retry();
    msgs = store.getState().chat.messages;
    expect(msgs.at(-1)).to.include({ role: 'assistant', text: 'Yes.', status: 'complete' });
    const retried = llm.requests.at(-1)!.body.messages;
    expect(retried.filter((m: { role: string }) => m.role === 'user')).to.have.length(1);
    expect(retried.some((m: { role: string }) => m.role === 'error')).to.equal(false);
  });

  it('keeps the conversation intact when the server is gone', async () => {
    const { store, conversations, chat } = setup();
    await llm.close();
    await chat.send('anyone?');
    const msgs = store.getState().chat.messages;
    expect(msgs[0]).to.include({ role: 'user', text: 'anyone?' });
    expect(msgs.at(-1)!.role).to.equal('error');
    expect(conversations.load(store.getState().chat.conversation!.id).messages[0]).to.include({ text: 'anyone?' });
  });

  it('trims old turns to the context budget and says how many were left out', async () => {
    const { store, chat } = setup(1500);
    for (let i = 0; i < 8; i++) {
      llm.enqueue(replyFromMarkdown(`reply ${i} ` + 'x'.repeat(600), 3));
      await chat.send(`question ${i} ` + 'y'.repeat(600));
    }
    expect(store.getState().chat.trimmed).to.be.greaterThan(0);
    const last = llm.requests.at(-1)!.body.messages as { role: string; content: string }[];
    expect(last[0]!.role).to.equal('system');
    expect(last.at(-1)!.content).to.match(/^question 7/);
    expect(last.some((m) => m.content.startsWith('question 0'))).to.equal(false);
  });

  it('reopens a saved conversation and continues it', async () => {
    const first = setup();
    llm.enqueue(replyFromMarkdown('First answer.', 2));
    await first.chat.send('first question');
    const id = first.store.getState().chat.conversation!.id;
    const second = setup();
    second.chat.open(id);
    expect(second.store.getState().chat.messages.map((m) => m.text)).to.deep.equal(['first question', 'First answer.']);
    llm.enqueue(replyFromMarkdown('Second answer.', 2));
    await second.chat.send('second question');
    const sent = llm.requests.at(-1)!.body.messages.map((m: { content: string }) => m.content);
    expect(sent.slice(1)).to.deep.equal(['first question', 'First answer.', 'second question']);
    const lines = readFileSync(join(dir, `${id}.jsonl`), 'utf8').trim().split('\n');
    expect(lines).to.have.length(5);
  });
});
