import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';

/** The SDKs must load on first use only (sdk-loader.ts), never with a module: the first frame must not pay for them. */
describe('LLM SDKs are loaded lazily', () => {
  it('no module imports openai or ollama at run time except through dynamic import()', () => {
    const root = new URL('../../../app/', import.meta.url);
    const files = ['providers', 'chat', 'commands', 'setup'].flatMap((dir) => {
      try {
        return readdirSync(new URL(`${dir}/`, root)).filter((f) => f.endsWith('.ts')).map((f) => new URL(`${dir}/${f}`, root));
      } catch {
        return [];
      }
    });
    expect(files.length).to.be.greaterThan(5);
    const staticImport = /^\s*(import|export)\s+(?!type\b)[^;]*?from\s+['"](openai|ollama)(\/[^'"]*)?['"]/m;
    const offenders = files.filter((file) => staticImport.test(readFileSync(file, 'utf8'))).map((f) => f.pathname);
    expect(offenders).to.deep.equal([]);
  });
});
