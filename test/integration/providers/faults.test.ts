/**
 * Every fault the scripted server can produce, for both wire protocols: each ends the stream with the
 * right ProviderError kind (never another error type, never a hang), and nothing is printed.
 */
import { expect } from 'chai';
import { refusedBaseUrl, replyFromMarkdown, startScriptedLlm, type ScriptStep, type ScriptedLlm } from '../../helpers/scripted-llm-server.js';
import { PROTOCOLS, TEST_KEY, collect, request } from './helpers.js';
import type { ProviderErrorKind } from '../../../app/providers/index.js';

const SHORT_IDLE_MS = 300;

interface FaultCase {
  title: string;
  step: ScriptStep;
  kind: ProviderErrorKind;
  status?: number;
  /** Text that should have streamed before the fault. */
  partial?: boolean;
}

const reply = replyFromMarkdown('one two three four five six seven eight', 8, { delayMs: 1 });

const FAULTS: FaultCase[] = [
  { title: '401', step: { kind: 'status', status: 401 }, kind: 'auth', status: 401 },
  { title: '403', step: { kind: 'status', status: 403 }, kind: 'auth', status: 403 },
  { title: '404', step: { kind: 'status', status: 404 }, kind: 'not_found', status: 404 },
  { title: '400', step: { kind: 'status', status: 400 }, kind: 'bad_request', status: 400 },
  { title: '429 with a long retry-after', step: { kind: 'status', status: 429, retryAfter: 30 }, kind: 'rate_limit', status: 429 },
  { title: '500', step: { kind: 'status', status: 500 }, kind: 'server', status: 500 },
  { title: '503 with a plain-text body', step: { kind: 'status', status: 503, body: 'upstream down' }, kind: 'server', status: 503 },
  { title: 'reset before any response', step: { kind: 'reset' }, kind: 'connection' },
  { title: 'hang before the response', step: { kind: 'hang' }, kind: 'timeout' },
  { title: 'hang mid-stream', step: { kind: 'hang', afterChunks: 3, reply }, kind: 'timeout', partial: true },
  { title: 'cut mid-stream', step: { kind: 'cut', afterChunks: 3, reply }, kind: 'cut', partial: true },
  { title: 'malformed data mid-stream', step: { kind: 'malformed', afterChunks: 3, reply }, kind: 'malformed', partial: true },
  { title: 'malformed first frame', step: { kind: 'malformed', afterChunks: 0 }, kind: 'malformed' },
  { title: 'a web page instead of an API', step: { kind: 'status', status: 200, body: '<!doctype html>\n<p>Hello</p>\n' }, kind: 'malformed' },
];

type ConsoleMethod = 'log' | 'warn' | 'error' | 'info' | 'debug';
const CONSOLE_METHODS: ConsoleMethod[] = ['log', 'warn', 'error', 'info', 'debug'];

describe('provider faults (scripted server)', function () {
  this.timeout(10_000);
  let llm: ScriptedLlm;
  let printed: string[];
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();

  beforeEach(async () => {
    llm = await startScriptedLlm();
    printed = [];
    for (const name of CONSOLE_METHODS) {
      originals.set(name, console[name]);
      console[name] = (...args: unknown[]) => void printed.push(`${name}: ${args.map(String).join(' ')}`);
    }
  });
  afterEach(async () => {
    for (const [name, original] of originals) console[name] = original;
    await llm.close();
    expect(printed, 'nothing may be printed (it would land on the dashboard)').to.deep.equal([]);
  });

  for (const protocol of PROTOCOLS) {
    describe(protocol.name, () => {
      for (const fault of FAULTS) {
        it(`${fault.title} → ${fault.kind}`, async () => {
          llm.enqueue(fault.step);
          const out = await collect(protocol.client(llm).stream(request({ idleTimeoutMs: SHORT_IDLE_MS })));
          expect(out.foreign, String(out.foreign)).to.equal(undefined);
          expect(out.error?.kind, out.error?.message).to.equal(fault.kind);
          expect(out.error?.message).to.be.a('string').and.not.equal('');
          expect(out.error?.remedy).to.be.a('string').and.not.equal('');
          expect(out.error?.status).to.equal(fault.status);
          expect(out.finish).to.equal(undefined);
          if (fault.partial) expect(out.text).to.match(/^one two/);
          expect(llm.requests, 'no automatic retry').to.have.length(1);
        });
      }

      it('connection refused → connection, naming the address', async () => {
        const root = await refusedBaseUrl();
        const out = await collect(protocol.clientAt(root).stream(request()));
        expect(out.error?.kind).to.equal('connection');
        expect(out.error?.message).to.include('connection refused').and.include(root);
      });

      it('401: the remedy names pyra setup and the vault key; an echoed key is redacted', async () => {
        llm.enqueue({ kind: 'status', status: 401, message: `Incorrect API key provided: ${TEST_KEY}` });
        const out = await collect(protocol.client(llm, async () => TEST_KEY).stream(request()));
        expect(out.error?.kind).to.equal('auth');
        expect(out.error?.remedy).to.include('pyra setup');
        expect(out.error?.remedy).to.include(`provider:${protocol.name === 'openai' ? 'custom' : 'ollama'}:api_key`);
        expect(out.error?.message).to.not.include(TEST_KEY);
        expect(out.error?.message).to.include('[redacted]');
      });

      it('429 reports retry-after in ms (seconds and retry-after-ms headers)', async () => {
        llm.enqueue({ kind: 'status', status: 429, retryAfter: 42 });
        llm.enqueue({ kind: 'status', status: 429, headers: { 'retry-after-ms': '25000' } });
        const first = await collect(protocol.client(llm).stream(request()));
        const second = await collect(protocol.client(llm).stream(request()));
        expect(first.error?.retryAfterMs).to.equal(42_000);
        expect(first.error?.remedy).to.include('42 s');
        expect(second.error?.retryAfterMs).to.equal(25_000);
      });

      it('429 with a short retry-after is retried once, then streams', async () => {
        llm.enqueue({ kind: 'status', status: 429, retryAfter: '0.05' }, replyFromMarkdown('after the wait', 3));
        const out = await collect(protocol.client(llm).stream(request()));
        expect(out.error, out.error?.message).to.equal(undefined);
        expect(out.text).to.equal('after the wait');
        expect(llm.requests).to.have.length(2);
      });

      it('a second 429 after the automatic retry is given to the caller', async () => {
        llm.enqueue({ kind: 'status', status: 429, retryAfter: 0 }, { kind: 'status', status: 429, retryAfter: 0 }, reply);
        const out = await collect(protocol.client(llm).stream(request()));
        expect(out.error?.kind).to.equal('rate_limit');
        expect(llm.requests).to.have.length(2);
        expect(llm.pending()).to.equal(1);
      });

      it('cancel mid-stream → cancelled, promptly', async () => {
        llm.enqueue(replyFromMarkdown('a b c d e f g h i j k l m n o p', 16, { delayMs: 20 }));
        const controller = new AbortController();
        const out = await collect(protocol.client(llm).stream(request({ signal: controller.signal })), (event) => {
          if (event.type === 'text') controller.abort();
        });
        expect(out.error?.kind).to.equal('cancelled');
        expect(out.text).to.equal('a ');
      });

      it('cancel while waiting for the response → cancelled', async () => {
        llm.enqueue({ kind: 'hang' });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 50);
        const out = await collect(protocol.client(llm).stream(request({ signal: controller.signal })));
        expect(out.error?.kind).to.equal('cancelled');
      });

      it('cancel during the automatic retry wait → cancelled', async () => {
        llm.enqueue({ kind: 'status', status: 429, retryAfter: 5 }, reply);
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 100);
        const out = await collect(protocol.client(llm).stream(request({ signal: controller.signal })));
        expect(out.error?.kind).to.equal('cancelled');
        expect(llm.requests).to.have.length(1);
      });

      it('an already aborted signal → cancelled without a request', async () => {
        const out = await collect(protocol.client(llm).stream(request({ signal: AbortSignal.abort() })));
        expect(out.error?.kind).to.equal('cancelled');
        expect(llm.requests).to.have.length(0);
      });

      it('listModels: 401 → auth, hang → timeout, a web page → malformed, refused → connection', async () => {
        llm.enqueue(
          { kind: 'status', status: 401, on: 'models' },
          { kind: 'hang', on: 'models' },
          { kind: 'status', status: 200, body: '<html>not an API</html>', on: 'models' },
        );
        const client = protocol.client(llm, undefined, { listTimeoutMs: SHORT_IDLE_MS });
        const errors = [];
        for (let i = 0; i < 3; i++) errors.push(await client.listModels().catch((e: unknown) => e));
        errors.push(await protocol.clientAt(await refusedBaseUrl()).listModels().catch((e: unknown) => e));
        expect(errors.map((e) => (e as { kind?: string }).kind)).to.deep.equal(['auth', 'timeout', 'malformed', 'connection']);
      });

      it('a consumer that stops early leaves no timer or request behind', async () => {
        llm.enqueue(replyFromMarkdown('a b c d e f', 6, { delayMs: 30 }));
        for await (const event of protocol.client(llm).stream(request({ idleTimeoutMs: 200 }))) {
          if (event.type === 'text') break;
        }
        // Had the guard kept its idle timer, it would fire here; nothing may be thrown or printed.
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
    });
  }
});
