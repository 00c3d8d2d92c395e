import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { keysMarkdown } from '../../../app/input/help-rows.js';
import { DEFAULT_BINDINGS, createKeymap } from '../../../app/input/keymap.js';

describe('README key list', () => {
  it('is the table generated from the default keymap (regenerate with scripts/print-keys.ts)', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).to.include(keysMarkdown(createKeymap(DEFAULT_BINDINGS)));
  });
});
