/**
 * `pyra setup` run in-process (runSetup with fake streams) against the scripted server: flags without
 * prompts, and the terminal prompts answered as a person would.
 */
import { expect } from 'chai';
import { readConfig } from '../../../app/config/config-file.js';
import { EXIT_CANCELLED, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runSetup } from '../../../app/commands/setup.js';
import { openVault } from '../../../app/vault/index.js';
import { refusedBaseUrl, startScriptedLlm, type ScriptedLlm } from '../../helpers/scripted-llm-server.js';
import { cliHome, pipedIO, terminalIO, type CliHome } from './cli-io.js';

const KEY = 'sk-setup-test-key-0123456789';

describe('pyra setup (in-process)', function () {
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

  const storedKey = async (id: string) => (await openVault({ home: home.home, backend: 'file', env: home.env })).get(`provider:${id}:api_key`);

  describe('with flags', () => {
    it('custom + base URL + model + key on stdin: tests, stores the key, saves the settings', async () => {
      const io = pipedIO(home.env, `${KEY}\n`);
      const code = await runSetup(io, { provider: 'custom', baseUrl: llm.openaiBaseUrl + '/', model: 'scripted-model', apiKeyStdin: true });
      expect(code, io.stderr.text).to.equal(EXIT_OK);
      expect(io.stdout.text).to.include('Connection test passed').and.include('provider:custom:api_key');
      expect(io.stdout.text).to.not.include(KEY);
      expect(llm.requests[0]!.path).to.equal('/v1/models');
      expect(llm.requests[0]!.headers.authorization).to.equal(`Bearer ${KEY}`);
      expect(readConfig(home.config).provider).to.deep.equal({ id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model' });
      expect(await storedKey('custom')).to.equal(KEY);
    });

    it('a failing test writes nothing: exit 1 with the message and remedy', async () => {
      llm.enqueue({ kind: 'status', status: 401, on: 'models' });
      const io = pipedIO(home.env, KEY);
      const code = await runSetup(io, { provider: 'custom', baseUrl: llm.openaiBaseUrl, model: 'm', apiKeyStdin: true });
      expect(code).to.equal(EXIT_FAILURE);
      expect(io.stderr.text).to.include('refused the API key').and.include('pyra setup').and.include('Nothing was saved');
      expect(readConfig(home.config).provider).to.equal(undefined);
      expect(await storedKey('custom')).to.equal(null);
    });

    it('--no-test saves without connecting', async () => {
      const url = (await refusedBaseUrl()) + '/v1';
      const io = pipedIO(home.env);
      expect(await runSetup(io, { provider: 'vllm', baseUrl: url, model: 'some-model', test: false }), io.stderr.text).to.equal(EXIT_OK);
      expect(readConfig(home.config).provider).to.deep.equal({ id: 'vllm', baseUrl: url, model: 'some-model' });
    });

    it('Ollama with the default model and no key', async () => {
      const io = pipedIO(home.env);
      expect(await runSetup(io, { provider: 'ollama', baseUrl: llm.ollamaHost }), io.stderr.text).to.equal(EXIT_OK);
      expect(readConfig(home.config).provider).to.deep.equal({ id: 'ollama', baseUrl: llm.ollamaHost, model: 'llama3.2' });
      expect(io.stdout.text).to.include('not in that list');
      expect(llm.requests[0]!.path).to.equal('/api/tags');
    });

    it('no model and no default: the only model offered is taken; with several, the user must choose', async () => {
      llm.setModels(['only-one']);
      const one = pipedIO(home.env);
      expect(await runSetup(one, { provider: 'lmstudio', baseUrl: llm.openaiBaseUrl })).to.equal(EXIT_OK);
      expect(readConfig(home.config).provider?.model).to.equal('only-one');

      llm.setModels(['a', 'b']);
      const two = pipedIO(home.env);
      expect(await runSetup(two, { provider: 'lmstudio', baseUrl: llm.openaiBaseUrl })).to.equal(EXIT_USAGE);
      expect(two.stderr.text).to.include('--model').and.include('a, b');
    });

    const usage: Array<[string, Parameters<typeof runSetup>[1], RegExp]> = [
      ['an unknown provider lists the ids', { provider: 'nope' }, /openai, anthropic, gemini.*ollama/],
      ['custom without a base URL', { provider: 'custom', model: 'm' }, /needs a base URL/],
      ['a base URL for a fixed provider', { provider: 'openai', baseUrl: 'http://x/v1' }, /fixed address.*custom/],
      ['a base URL with credentials', { provider: 'custom', baseUrl: 'http://u:p@host/v1' }, /user name or password/],
      ['a base URL that is not http', { provider: 'custom', baseUrl: 'ftp://host/v1' }, /http:\/\/ or https:\/\//],
      ['a provider that needs a key, none given or stored', { provider: 'groq' }, /needs an API key.*--api-key-stdin/],
      ['flags without --provider', { model: 'm' }, /need --provider/],
      ['no flags and no terminal', {}, /Not a terminal/],
    ];
    for (const [title, flags, message] of usage) {
      it(`usage error (exit 2): ${title}`, async () => {
        const io = pipedIO(home.env);
        expect(await runSetup(io, flags)).to.equal(EXIT_USAGE);
        expect(io.stderr.text).to.match(message);
        expect(readConfig(home.config).provider).to.equal(undefined);
      });
    }

    it('an empty key on stdin is refused', async () => {
      const io = pipedIO(home.env, '\n');
      expect(await runSetup(io, { provider: 'groq', apiKeyStdin: true })).to.equal(EXIT_USAGE);
      expect(io.stderr.text).to.include('empty');
    });
  });

  describe('in a terminal', () => {
    /** Answers each prompt when it appears; returns the exit code. */
    async function converse(answers: Array<[RegExp, string]>): Promise<{ code: number; out: string }> {
      const io = terminalIO(home.env);
      const run = runSetup(io, {});
      let seen = 0;
      for (const [prompt, answer] of answers) {
        seen = await io.stdout.waitFor(prompt, seen);
        io.stdin.write(answer);
      }
      const code = await run;
      return { code, out: io.stdout.text + io.stderr.text };
    }

    it('provider by number, base URL, masked key, model from the list: saved', async () => {
      const { code, out } = await converse([
        [/Provider \(number or id\): $/, '12\r'],
        [/Base URL \(e\.g\. [^)]*\): $/, `${llm.openaiBaseUrl}\r`],
        [/API key for Custom[^:]*: $/, `${KEY}\r`],
        [/Model \(number or name\)[^:]*: $/, '2\r'],
      ]);
      expect(code, out).to.equal(EXIT_OK);
      expect(out).to.include('Connection test passed').and.include('scripted-model-large');
      expect(out).to.not.include(KEY);
      expect(out).to.include('*'.repeat(KEY.length));
      expect(readConfig(home.config).provider).to.deep.equal({ id: 'custom', baseUrl: llm.openaiBaseUrl, model: 'scripted-model-large' });
      expect(await storedKey('custom')).to.equal(KEY);
    });

    it('a failed test offers to edit and retry; declining saves nothing', async () => {
      llm.enqueue({ kind: 'status', status: 401, on: 'models' });
      const { code, out } = await converse([
        [/Provider \(number or id\): $/, 'custom\r'],
        [/Base URL .*: $/, `${llm.openaiBaseUrl}\r`],
        [/API key[^:]*: $/, 'sk-wrong-key\r'],
        [/try again\? \[Y\/n\] $/, 'n\r'],
      ]);
      expect(code).to.equal(EXIT_CANCELLED);
      expect(out).to.include('refused the API key').and.include('nothing was saved');
      expect(readConfig(home.config).provider).to.equal(undefined);
      expect(await storedKey('custom')).to.equal(null);
    });

    it('an invalid answer is explained and asked again', async () => {
      const { code, out } = await converse([
        [/Provider \(number or id\): $/, '99\r'],
        [/Type a number from 1 to \d+[^\n]*\nProvider \(number or id\): $/, 'ollama\r'],
        [/Base URL \[http:\/\/localhost:11434\]: $/, `${llm.ollamaHost}\r`],
        [/API key for Ollama \(optional\) \(Enter for none\): $/, '\r'],
        [/Model \(number or name\) \[scripted-model\]: $/, '\r'],
      ]);
      expect(code, out).to.equal(EXIT_OK);
      expect(readConfig(home.config).provider).to.deep.equal({ id: 'ollama', baseUrl: llm.ollamaHost, model: 'scripted-model' });
    });
  });
});
