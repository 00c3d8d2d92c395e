import { expect } from 'chai';
import { effectiveBaseUrl, listProviders, providerById, providerIds } from '../../../app/providers/registry.js';
import { SEGMENT_PATTERN } from '../../../app/vault/keys.js';

describe('provider registry', () => {
  it('has the required providers, each with a unique id that is a valid vault segment', () => {
    const ids = providerIds();
    for (const id of ['openai', 'anthropic', 'gemini', 'openrouter', 'groq', 'mistral', 'deepseek', 'xai', 'together', 'lmstudio', 'vllm', 'custom', 'ollama']) {
      expect(ids, id).to.include(id);
    }
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(SEGMENT_PATTERN.test(id), id).to.equal(true);
  });

  it('every entry is complete and consistent', () => {
    for (const p of listProviders()) {
      expect(p.label, p.id).to.be.a('string').and.not.equal('');
      expect(p.docs, p.id).to.match(/^https:\/\//);
      expect(['openai-compatible', 'ollama'], p.id).to.include(p.kind);
      if (p.baseUrlRequired) expect(p.baseUrl, p.id).to.equal(undefined);
      else expect(p.baseUrl, p.id).to.match(/^https?:\/\/[^/]+/);
      if (p.baseUrl) expect(p.baseUrl.endsWith('/'), p.id).to.equal(false);
      // Cloud providers have a fixed address, need a key and use https.
      if (!p.baseUrlEditable) {
        expect(p.needsKey, p.id).to.equal(true);
        expect(p.baseUrl, p.id).to.match(/^https:/);
        expect(p.defaultModel, p.id).to.be.a('string');
      }
    }
  });

  it('only local servers, custom and Ollama take another base URL', () => {
    const editable = listProviders().filter((p) => p.baseUrlEditable).map((p) => p.id);
    expect(editable).to.have.members(['lmstudio', 'vllm', 'custom', 'ollama']);
    expect(effectiveBaseUrl(providerById('openai')!, 'http://evil.example/v1')).to.equal('https://api.openai.com/v1');
    expect(effectiveBaseUrl(providerById('vllm')!, 'http://gpu-box:8000/v1')).to.equal('http://gpu-box:8000/v1');
    expect(effectiveBaseUrl(providerById('custom')!)).to.equal(undefined);
  });

  it('Ollama is the only ollama-kind provider', () => {
    expect(listProviders().filter((p) => p.kind === 'ollama').map((p) => p.id)).to.deep.equal(['ollama']);
    expect(providerById('nope')).to.equal(undefined);
  });
});
