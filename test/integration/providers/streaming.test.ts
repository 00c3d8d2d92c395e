/**
 * Streaming over real HTTP against the scripted server, for both wire protocols: text, tool calls
 * (OpenAI: arguments split across chunks; Ollama: whole calls), usage, and what goes on the wire.
 */
import { expect } from 'chai';
import { replyFromMarkdown, startScriptedLlm, type ScriptedLlm } from '../../helpers/scripted-llm-server.js';
import { PROTOCOLS, TEST_KEY, collect, request } from './helpers.js';
import { createProviderClient, type ProviderMessage, type ToolSpec } from '../../../app/providers/index.js';

const MARKDOWN = '# Title\n\nSome **bold** text and a list:\n\n- one\n- two\n\n```ts\nconst x = 1;\n```\n';

const READ_NOTE: ToolSpec = {
  name: 'read_note',
  description: 'Reads a note',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

describe('provider streaming (scripted server)', function () {
  this.timeout(10_000);
  let llm: ScriptedLlm;

  beforeEach(async () => {
    llm = await startScriptedLlm();
  });
  afterEach(async () => {
    await llm.close();
  });

  for (const protocol of PROTOCOLS) {
    describe(protocol.name, () => {
      it('streams text in order, then usage, then finish(stop)', async () => {
        llm.enqueue(replyFromMarkdown(MARKDOWN, 12, { usage: { inputTokens: 11, outputTokens: 22 } }));
        const out = await collect(protocol.client(llm).stream(request()));
        expect(out.error, out.error?.message).to.equal(undefined);
        expect(out.text).to.equal(MARKDOWN);
        expect(out.events.filter((e) => e.type === 'text').length).to.be.greaterThan(5);
        expect(out.events.find((e) => e.type === 'usage')).to.deep.equal({ type: 'usage', inputTokens: 11, outputTokens: 22 });
        expect(out.events.at(-1)).to.deep.equal({ type: 'finish', reason: 'stop', toolCalls: [] });
      });

      it('assembles tool calls and finishes with reason tool_calls', async () => {
        llm.enqueue({
          kind: 'reply',
          chunks: ['Let me look.'],
          toolCalls: [
            { id: 'call_a', name: 'read_note', arguments: { path: 'notes/ideas.md', lines: [1, 2] }, argumentChunks: 5 },
            { id: 'call_b', name: 'read_note', arguments: { path: 'b.md' }, argumentChunks: 2 },
          ],
        });
        const out = await collect(protocol.client(llm).stream(request({ tools: [READ_NOTE] })));
        expect(out.error, out.error?.message).to.equal(undefined);
        expect(out.finish?.reason).to.equal('tool_calls');
        const calls = out.finish!.toolCalls;
        expect(calls.map((c) => c.name)).to.deep.equal(['read_note', 'read_note']);
        expect(JSON.parse(calls[0]!.arguments)).to.deep.equal({ path: 'notes/ideas.md', lines: [1, 2] });
        expect(JSON.parse(calls[1]!.arguments)).to.deep.equal({ path: 'b.md' });
        if (protocol.name === 'openai') expect(calls.map((c) => c.id)).to.deep.equal(['call_a', 'call_b']);
        else expect(calls[0]!.id).to.be.a('string').and.not.equal(calls[1]!.id);

        const deltas = out.events.filter((e) => e.type === 'tool_call_delta');
        // OpenAI: a header plus the argument pieces per call; Ollama: one whole call each.
        expect(deltas.length).to.equal(protocol.name === 'openai' ? 1 + 5 + 1 + 2 : 2);
        const first = deltas.filter((d) => d.index === 0).map((d) => d.argumentsDelta ?? '').join('');
        expect(first).to.equal(calls[0]!.arguments);
      });

      it('sends the model, the messages and the tools in its wire format', async () => {
        llm.enqueue(replyFromMarkdown('ok', 1));
        const messages: ProviderMessage[] = [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Read a.md' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'read_note', arguments: '{"path":"a.md"}' }] },
          { role: 'tool', content: 'contents of a', toolCallId: 'call_1', toolName: 'read_note' },
        ];
        await collect(protocol.client(llm).stream(request({ messages, tools: [READ_NOTE] })));
        const body = llm.requests[0]!.body;
        expect(body.model).to.equal('scripted-model');
        expect(body.stream).to.equal(true);
        expect(body.tools).to.deep.equal([
          { type: 'function', function: { name: 'read_note', description: 'Reads a note', parameters: READ_NOTE.parameters } },
        ]);
        expect(body.messages.slice(0, 2)).to.deep.equal([
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Read a.md' },
        ]);
        if (protocol.name === 'openai') {
          expect(llm.requests[0]!.path).to.equal('/v1/chat/completions');
          expect(body.stream_options).to.deep.equal({ include_usage: true });
          expect(body.messages[2]).to.deep.equal({
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_note', arguments: '{"path":"a.md"}' } }],
          });
          expect(body.messages[3]).to.deep.equal({ role: 'tool', tool_call_id: 'call_1', content: 'contents of a' });
        } else {
          expect(llm.requests[0]!.path).to.equal('/api/chat');
          expect(body.messages[2]).to.deep.equal({
            role: 'assistant',
            content: '',
            tool_calls: [{ function: { name: 'read_note', arguments: { path: 'a.md' } } }],
          });
          expect(body.messages[3]).to.deep.equal({ role: 'tool', content: 'contents of a', tool_name: 'read_note' });
        }
      });

      it('omits tools when none are offered', async () => {
        llm.enqueue(replyFromMarkdown('ok', 1));
        await collect(protocol.client(llm).stream(request()));
        expect(llm.requests[0]!.body).to.not.have.property('tools');
      });

      it('lists the models', async () => {
        llm.setModels(['b-model', 'a-model']);
        const models = await protocol.client(llm).listModels();
        expect(models).to.deep.equal(['a-model', 'b-model']);
        expect(llm.requests[0]!.path).to.equal(protocol.name === 'openai' ? '/v1/models' : '/api/tags');
      });
    });
  }

  describe('keys', () => {
    it('sends the key as a bearer token, read from the reader at call time', async () => {
      let current = 'sk-first-key-0001';
      let reads = 0;
      const client = PROTOCOLS[0]!.client(llm, async () => {
        reads++;
        return current;
      });
      expect(reads, 'creating the client reads nothing').to.equal(0);
      llm.enqueue(replyFromMarkdown('one', 1), replyFromMarkdown('two', 1));
      await collect(client.stream(request()));
      current = 'sk-second-key-0002';
      await collect(client.stream(request()));
      expect(reads).to.equal(2);
      expect(llm.requests.map((r) => r.headers.authorization)).to.deep.equal(['Bearer sk-first-key-0001', 'Bearer sk-second-key-0002']);
      expect(JSON.stringify(client)).to.not.include('sk-second');
    });

    it('a provider that needs a key fails with no_key, before any request', async () => {
      const client = createProviderClient({ id: 'openai', model: 'gpt-x' }, async () => null);
      const out = await collect(client.stream(request()));
      expect(out.error?.kind).to.equal('no_key');
      expect(out.error?.remedy).to.include('pyra setup');
      expect(out.error?.remedy).to.include('provider:openai:api_key');
    });

    it('a vault that cannot be read: no_key with its reason, unless the provider needs no key', async () => {
      const locked = async (): Promise<string | null> => {
        throw new Error('the keychain is locked');
      };
      const out = await collect(createProviderClient({ id: 'groq', model: 'm' }, locked).stream(request()));
      expect(out.error?.kind).to.equal('no_key');
      expect(out.error?.message).to.include('the keychain is locked');
      expect(llm.requests).to.have.length(0);

      llm.enqueue(replyFromMarkdown('fine without a key', 3));
      const local = await collect(PROTOCOLS[1]!.client(llm, locked).stream(request()));
      expect(local.text).to.equal('fine without a key');
      expect(llm.requests[0]!.headers.authorization).to.equal(undefined);
    });

    it('a keyless local provider sends no Authorization header, and a stored key when there is one', async () => {
      llm.enqueue(replyFromMarkdown('a', 1), replyFromMarkdown('b', 1), replyFromMarkdown('c', 1));
      await collect(PROTOCOLS[0]!.client(llm, async () => null).stream(request()));
      await collect(PROTOCOLS[1]!.client(llm, async () => null).stream(request()));
      await collect(PROTOCOLS[1]!.client(llm, async () => TEST_KEY).stream(request()));
      expect(llm.requests.map((r) => r.headers.authorization)).to.deep.equal([undefined, undefined, `Bearer ${TEST_KEY}`]);
    });
  });
});
