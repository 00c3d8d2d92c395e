import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS, type CommandId } from '../../../app/input/commands.js';
import { isValidKeyName, keyLabel } from '../../../app/input/key-names.js';
import { applyKeybindings } from '../../../app/input/keybindings-file.js';
import { DEFAULT_BINDINGS, SCOPES, createKeymap, findConflicts } from '../../../app/input/keymap.js';

function writeBindings(data: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pyra-keys-')), 'keybindings.json');
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('keymap', () => {
  it('has no conflicting default bindings in any scope', () => {
    expect(findConflicts(DEFAULT_BINDINGS)).to.deep.equal([]);
  });

  it('describes every command and binds every command somewhere', () => {
    const bound = new Set(DEFAULT_BINDINGS.map((b) => b.command));
    for (const [id, info] of Object.entries(COMMANDS)) {
      expect(info.description, id).to.match(/^[A-Z].{3,}/);
      expect(info.title, id).to.not.equal('');
      expect(bound.has(id as CommandId), `${id} has no default key`).to.equal(true);
    }
  });

  it('uses only valid key names and known scopes', () => {
    for (const b of DEFAULT_BINDINGS) {
      expect(SCOPES).to.include(b.scope);
      for (const k of b.keys) expect(isValidKeyName(k), k).to.equal(true);
    }
  });

  it('looks keys up per scope and lists the keys of a command', () => {
    const km = createKeymap(DEFAULT_BINDINGS);
    expect(km.lookup('global', 'tab')).to.equal('focus.next');
    expect(km.lookup('chat', 'enter')).to.equal('chat.send');
    expect(km.lookup('memory', 'enter')).to.equal('memory.open');
    expect(km.lookup('plugins', 'x')).to.equal(undefined);
    expect(km.keysFor('global', 'app.quit')).to.deep.equal(['C-c', 'q']);
  });

  it('labels keys the way people read them', () => {
    expect(['C-c', 'M-1', 'S-tab', 'f1', 'pageup', 'escape', '?', 'C-M-x'].map(keyLabel)).to.deep.equal([
      'Ctrl-C', 'Alt-1', 'Shift-Tab', 'F1', 'PgUp', 'Esc', '?', 'Ctrl-Alt-X',
    ]);
  });
});

describe('keybindings.json', () => {
  it('returns the defaults when there is no file', () => {
    const r = applyKeybindings('/nonexistent/keybindings.json');
    expect(r.problems).to.deep.equal([]);
    expect(r.bindings).to.deep.equal([...DEFAULT_BINDINGS]);
  });

  it('overrides and unbinds keys per scope', () => {
    const r = applyKeybindings(writeBindings({ global: { 'focus.next': ['C-t'], 'help.toggle': [] } }));
    expect(r.problems).to.deep.equal([]);
    const km = createKeymap(r.bindings);
    expect(km.lookup('global', 'C-t')).to.equal('focus.next');
    expect(km.lookup('global', 'tab')).to.equal(undefined);
    expect(km.lookup('global', 'f1')).to.equal(undefined);
  });

  it('reports unknown scopes, commands and key names, and keeps the valid entries', () => {
    const r = applyKeybindings(
      writeBindings({ galaxy: {}, global: { 'app.explode': ['x'], 'focus.next': ['Ctrl+N'], 'focus.prev': ['C-p'] } }),
    );
    expect(r.problems.join('\n')).to.match(/Unknown scope "galaxy"/).and.match(/Unknown command "app.explode"/).and.match(/unknown key name "Ctrl\+N"/);
    const km = createKeymap(r.bindings);
    expect(km.lookup('global', 'C-p')).to.equal('focus.prev');
    expect(km.lookup('global', 'tab')).to.equal('focus.next');
  });

  it('reports conflicts inside a scope', () => {
    const r = applyKeybindings(writeBindings({ global: { 'focus.next': ['f1'] } }));
    expect(r.problems.join('\n')).to.match(/F1 is bound twice in "global"/);
  });

  it('always keeps Ctrl-C to quit, even when the user unbinds it', () => {
    const r = applyKeybindings(writeBindings({ global: { 'app.quit': [] } }));
    expect(createKeymap(r.bindings).lookup('global', 'C-c')).to.equal('app.quit');
  });

  it('reports a file that is not JSON and falls back to the defaults', () => {
    const r = applyKeybindings(writeBindings('{ nope'));
    expect(r.problems[0]).to.match(/not valid JSON/);
    expect(r.bindings).to.deep.equal([...DEFAULT_BINDINGS]);
  });
});
