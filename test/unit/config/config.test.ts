import { expect } from 'chai';
import { Ajv } from 'ajv';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, readConfig } from '../../../app/config/config-file.js';
import { resetConfig, setConfigValue } from '../../../app/config/config-store.js';
import { checkSchema, type SchemaNode } from '../../../app/config/schema-check.js';
import { configDocumentSchema } from '../../../app/config/schema.js';

function configFile(content?: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pyra-config-')), 'config.json');
  if (content !== undefined) writeFileSync(file, content, { mode: 0o600 });
  return file;
}

describe('config', () => {
  it('reads a missing or empty file as an empty config', () => {
    expect(readConfig(configFile())).to.deep.equal({});
    expect(readConfig(configFile('  \n'))).to.deep.equal({});
  });

  it('reads a valid file', () => {
    const cfg = { version: 1, theme: 'light', provider: { id: 'ollama', model: 'llama3.2', baseUrl: 'http://127.0.0.1:11434' } };
    expect(readConfig(configFile(JSON.stringify(cfg)))).to.deep.equal(cfg);
  });

  it('names the file, the line and the repair for broken JSON, keeps the file and a copy', () => {
    const text = '{\n  "theme": "dark",\n  "provider": \n';
    const file = configFile(text);
    let err: ConfigError | undefined;
    try {
      readConfig(file);
    } catch (e) {
      err = e as ConfigError;
    }
    expect(err).to.be.instanceOf(ConfigError);
    expect(err!.message).to.include(file).and.include('not valid JSON').and.include('pyra config reset');
    expect(readFileSync(file, 'utf8')).to.equal(text);
    expect(readFileSync(`${file}.corrupt`, 'utf8')).to.equal(text);
    expect(statSync(`${file}.corrupt`).mode & 0o777).to.equal(0o600);
  });

  it('names each invalid setting', () => {
    const file = configFile(JSON.stringify({ theme: 'Bad Name!', provider: { model: 'x' }, colour: 'red' }));
    expect(() => readConfig(file))
      .to.throw(ConfigError)
      .with.property('message')
      .that.matches(/theme must match/)
      .and.matches(/provider is missing required key "id"/)
      .and.matches(/colour is not a known setting/);
  });

  it('writes through conf with mode 600 and refuses values the schema rejects', async () => {
    const file = configFile();
    await setConfigValue(file, 'theme', 'light');
    expect(readConfig(file)).to.deep.equal({ version: 1, theme: 'light' });
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    let failed = false;
    try {
      await setConfigValue(file, 'theme', 'NOT VALID' as string);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(readConfig(file).theme).to.equal('light');
  });

  it('does not write over a file the user has to repair', async () => {
    const file = configFile('{ "theme": ');
    let failed: unknown;
    try {
      await setConfigValue(file, 'theme', 'light');
    } catch (e) {
      failed = e;
    }
    expect(failed).to.be.instanceOf(ConfigError);
    expect(readFileSync(file, 'utf8')).to.equal('{ "theme": ');
  });

  it('reset moves the file aside so Pyra starts with defaults', () => {
    const file = configFile('{ broken');
    expect(resetConfig(file)).to.equal(`${file}.corrupt`);
    expect(existsSync(file)).to.equal(false);
    expect(readConfig(file)).to.deep.equal({});
  });

  it('the start-up checker agrees with ajv on valid and invalid documents', () => {
    const validate = new Ajv({ allErrors: true }).compile(configDocumentSchema);
    const docs: unknown[] = [
      {}, { version: 1 }, { version: 1.5 }, { version: 0 }, { theme: 'dark' }, { theme: '' }, { theme: 'a'.repeat(65) },
      { provider: { id: 'openai' } }, { provider: { id: 'openai', model: '' } }, { provider: {} }, { provider: { id: 'x', extra: 1 } },
      { provider: { id: 'x', baseUrl: 'ftp://x' } }, { provider: { id: 'x', baseUrl: 'https://api.example.com/v1' } },
      { vault: { backend: 'file' } }, { vault: { backend: 'disk' } }, { ui: { mouse: false } }, { ui: { mouse: 'yes' } },
      { unknown: true }, [], 'text', null, 3, { provider: 'openai' },
    ];
    for (const doc of docs) {
      const ours = checkSchema(configDocumentSchema as SchemaNode, doc).length === 0;
      expect(ours, JSON.stringify(doc)).to.equal(validate(doc));
    }
  });
});
