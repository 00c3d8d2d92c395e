import { expect } from 'chai';
import { routeKey, type KeyContext } from '../../../app/input/dispatcher.js';
import { DEFAULT_BINDINGS, createKeymap } from '../../../app/input/keymap.js';

const km = createKeymap(DEFAULT_BINDINGS);
const inChat: KeyContext = { modal: null, pane: 'chat', textInput: true };
const inMemory: KeyContext = { modal: null, pane: 'memory', textInput: false };
const inModal: KeyContext = { modal: 'modal', pane: 'chat', textInput: false };

describe('key dispatcher', () => {
  it('types printable keys into the chat input, even q and ?', () => {
    expect(routeKey(km, inChat, { full: 'q', ch: 'q' })).to.deep.equal({ text: 'q' });
    expect(routeKey(km, inChat, { full: '?', ch: '?' })).to.deep.equal({ text: '?' });
    expect(routeKey(km, inChat, { full: 'S-a', ch: 'A' })).to.deep.equal({ text: 'A' });
    expect(routeKey(km, inChat, { full: 'space', ch: ' ' })).to.deep.equal({ text: ' ' });
  });

  it('runs pane bindings before global ones, and globals from the input', () => {
    expect(routeKey(km, inChat, { full: 'enter', ch: '\r' })).to.deep.equal({ command: 'chat.send' });
    expect(routeKey(km, inChat, { full: 'tab', ch: '\t' })).to.deep.equal({ command: 'chat.complete' });
    expect(routeKey(km, inChat, { full: 'C-c', ch: '\x03' })).to.deep.equal({ command: 'app.quit' });
  });

  it('treats q and ? as commands outside text input', () => {
    expect(routeKey(km, inMemory, { full: 'q', ch: 'q' })).to.deep.equal({ command: 'app.quit' });
    expect(routeKey(km, inMemory, { full: '?', ch: '?' })).to.deep.equal({ command: 'help.toggle' });
    expect(routeKey(km, inMemory, { full: 'x', ch: 'x' })).to.equal(null);
  });

  it('lets the top modal take every key but Ctrl-C (Tab moves inside the dialog)', () => {
    expect(routeKey(km, inModal, { full: 'escape' })).to.deep.equal({ command: 'modal.close' });
    expect(routeKey(km, inModal, { full: 'tab', ch: '\t' })).to.deep.equal({ command: 'modal.lineDown' });
    expect(routeKey(km, inModal, { full: 'M-1' })).to.equal(null);
    expect(routeKey(km, inModal, { full: 'q', ch: 'q' })).to.equal(null);
    expect(routeKey(km, inModal, { full: 'C-c' })).to.deep.equal({ command: 'app.quit' });
    expect(routeKey(km, inModal, { full: 'f1' })).to.deep.equal({ command: 'help.toggle' });
  });
});

describe('key dispatcher: approval dialog and text dialogs', () => {
  const inApproval: KeyContext = { modal: 'approval', pane: 'chat', textInput: false };
  const inPrompt: KeyContext = { modal: 'modal', pane: 'chat', textInput: true };

  it('maps y, s, a, n, e, j, k and Esc to decisions, and keeps Ctrl-C', () => {
    const got = ['y', 's', 'a', 'n', 'e', 'j', 'k', 'escape', 'C-c'].map((k) => routeKey(km, inApproval, { full: k, ch: k.length === 1 ? k : undefined }));
    expect(got).to.deep.equal([
      { command: 'approval.once' },
      { command: 'approval.session' },
      { command: 'approval.always' },
      { command: 'approval.deny' },
      { command: 'approval.edit' },
      { command: 'approval.next' },
      { command: 'approval.prev' },
      { command: 'approval.hide' },
      { command: 'app.quit' },
    ]);
    expect(routeKey(km, inApproval, { full: 'x', ch: 'x' })).to.equal(null);
  });

  it('types letters into a prompt even when they are bound in the dialog scope (y, n, j, k)', () => {
    for (const k of ['y', 'n', 'j', 'k']) expect(routeKey(km, inPrompt, { full: k, ch: k })).to.deep.equal({ text: k });
    expect(routeKey(km, inPrompt, { full: 'enter' })).to.deep.equal({ command: 'modal.submit' });
  });
});
