import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_THEMES } from '../../../themes/builtin.js';
import { buildTheme, chooseTheme } from '../../../themes/resolve-theme.js';
import { TOKEN_NAMES } from '../../../themes/tokens.js';

const themesDir = () => mkdtempSync(join(tmpdir(), 'pyra-themes-'));

describe('themes', () => {
  it('every built-in theme resolves every token without problems', () => {
    for (const def of Object.values(BUILTIN_THEMES)) {
      const problems: string[] = [];
      const theme = buildTheme(def, problems);
      expect(problems, def.name).to.deep.equal([]);
      expect(Object.keys(theme.tokens)).to.have.members([...TOKEN_NAMES]);
    }
  });

  it('no-color has no colour anywhere and still marks focus', () => {
    const theme = buildTheme(BUILTIN_THEMES['no-color']!);
    for (const name of TOKEN_NAMES) {
      expect(theme.tokens[name].fg, name).to.equal(undefined);
      expect(theme.tokens[name].bg, name).to.equal(undefined);
    }
    expect(theme.tokens.borderFocus.bold).to.equal(true);
  });

  it('chooses --theme over NO_COLOR over the config key', () => {
    const dir = themesDir();
    expect(chooseTheme({ flag: 'light', noColorEnv: true, configured: 'dark', themesDir: dir }).theme.name).to.equal('light');
    expect(chooseTheme({ noColorEnv: true, configured: 'light', themesDir: dir }).theme.name).to.equal('no-color');
    expect(chooseTheme({ configured: 'high-contrast', themesDir: dir }).theme.name).to.equal('high-contrast');
    expect(chooseTheme({ themesDir: dir }).theme.name).to.equal('dark');
  });

  it('loads a valid user theme that extends a built-in one', () => {
    const dir = themesDir();
    writeFileSync(join(dir, 'sunset.json'), JSON.stringify({ extends: 'dark', palette: { accent: '#ff8700' }, tokens: { warning: { fg: 'accent', underline: true } } }));
    const { theme, problems } = chooseTheme({ flag: 'sunset', themesDir: dir });
    expect(problems).to.deep.equal([]);
    expect(theme.name).to.equal('sunset');
    expect(theme.tokens.accent.fg).to.equal('#ff8700');
    expect(theme.tokens.warning).to.include({ fg: '#ff8700', underline: true });
  });

  it('reports invalid user themes and falls back to dark', () => {
    const dir = themesDir();
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ palette: { accent: 'not-a-colour' } }));
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ tokens: { bordr: {} } }));
    for (const [name, pattern] of [['broken', /not valid JSON/], ['wrong', /palette.accent must be a colour/], ['typo', /bordr is not a known setting/], ['absent', /not found/]] as const) {
      const r = chooseTheme({ flag: name, themesDir: dir });
      expect(r.theme.name, name).to.equal('dark');
      expect(r.problems.join('\n'), name).to.match(pattern);
    }
  });

  it('refuses theme names that could reach outside the themes folder', () => {
    const r = chooseTheme({ flag: '../../etc/passwd', themesDir: themesDir() });
    expect(r.theme.name).to.equal('dark');
    expect(r.problems.join('\n')).to.match(/not valid/);
  });
});
