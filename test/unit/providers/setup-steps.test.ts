import { expect } from 'chai';
import { providerById } from '../../../app/providers/registry.js';
import {
  SetupError,
  checkApiKey,
  checkBaseUrl,
  checkModelName,
  chooseProvider,
  describeTest,
  resolveModel,
  settingsFrom,
  storeApiKey,
} from '../../../app/providers/setup-steps.js';
import { ProviderError } from '../../../app/providers/types.js';

describe('setup steps', () => {
  it('chooseProvider accepts ids in any case and lists the ids otherwise', () => {
    expect(chooseProvider(' OpenAI ').id).to.equal('openai');
    expect(() => chooseProvider('nope')).to.throw(SetupError, /Choose one of: openai, anthropic/);
    expect(() => chooseProvider(undefined)).to.throw(SetupError, /No provider given/);
  });

  it('checkBaseUrl: required for custom, refused for fixed providers, trailing slashes removed', () => {
    const custom = providerById('custom')!;
    expect(() => checkBaseUrl(custom, undefined)).to.throw(SetupError, /needs a base URL/);
    expect(checkBaseUrl(custom, 'http://localhost:8080/v1///')).to.equal('http://localhost:8080/v1');
    expect(checkBaseUrl(providerById('ollama')!, '')).to.equal(undefined);
    expect(() => checkBaseUrl(providerById('groq')!, 'http://x')).to.throw(SetupError, /fixed address/);
    expect(() => checkBaseUrl(custom, 'localhost:8080')).to.throw(SetupError);
    expect(() => checkBaseUrl(custom, 'http://h/v1?key=1')).to.throw(SetupError, /query/);
  });

  it('model names and keys are checked', () => {
    expect(checkModelName('  llama3.2:8b ')).to.equal('llama3.2:8b');
    expect(checkModelName('')).to.equal(undefined);
    expect(() => checkModelName('two words')).to.throw(SetupError);
    expect(checkApiKey('  sk-abc\n')).to.equal('sk-abc');
    expect(() => checkApiKey('sk-a\nsk-b')).to.throw(SetupError, /line breaks/);
  });

  it('settingsFrom fills the default model and leaves the default base URL out', () => {
    expect(settingsFrom({ id: 'openai' })).to.deep.equal({ id: 'openai', model: 'gpt-4.1-mini' });
    expect(settingsFrom({ id: 'custom', baseUrl: 'http://h:1/v1', model: 'm' })).to.deep.equal({ id: 'custom', model: 'm', baseUrl: 'http://h:1/v1' });
  });

  it('resolveModel and describeTest', () => {
    expect(resolveModel({ id: 'custom' }, { ok: true, models: ['x'], latencyMs: 1 })).to.equal('x');
    expect(() => resolveModel({ id: 'custom' }, { ok: true, models: ['x', 'y'], latencyMs: 1 })).to.throw(SetupError, /x, y/);
    expect(describeTest({ ok: true, models: ['a'], latencyMs: 12 }, { id: 'custom' })[0]).to.equal(
      'Connection test passed in 12 ms; the provider offers 1 model.',
    );
    const failed = describeTest({ ok: false, error: new ProviderError('auth', 'Refused.', 'Fix it.'), latencyMs: 3 }, { id: 'custom' });
    expect(failed).to.deep.equal(['Connection test failed: Refused.', 'Fix it.']);
  });

  it('storeApiKey writes provider:<id>:api_key', async () => {
    const stored = new Map<string, string>();
    const vault = { get: async (k: string) => stored.get(k) ?? null, set: async (k: string, v: string) => void stored.set(k, v) };
    expect(await storeApiKey(vault, 'groq', ' gsk_123 ')).to.equal('provider:groq:api_key');
    expect(stored.get('provider:groq:api_key')).to.equal('gsk_123');
  });
});
