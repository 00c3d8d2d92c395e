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
    expect(routeKey(km, inChat, { full: 'tab', ch: '\t' })).to.deep.equal({ command: 'focus.next' });
    expect(routeKey(km, inChat, { full: 'C-c', ch: '\x03' })).to.deep.equal({ command: 'app.quit' });
  });

  it('treats q and ? as commands outside text input', () => {
    expect(routeKey(km, inMemory, { full: 'q', ch: 'q' })).to.deep.equal({ command: 'app.quit' });
    expect(routeKey(km, inMemory, { full: '?', ch: '?' })).to.deep.equal({ command: 'help.toggle' });
    expect(routeKey(km, inMemory, { full: 'x', ch: 'x' })).to.equal(null);
  });

  it('lets the top modal take every key but Ctrl-C', () => {
    expect(routeKey(km, inModal, { full: 'escape' })).to.deep.equal({ command: 'modal.close' });
    expect(routeKey(km, inModal, { full: 'tab', ch: '\t' })).to.equal(null);
    expect(routeKey(km, inModal, { full: 'q', ch: 'q' })).to.equal(null);
    expect(routeKey(km, inModal, { full: 'C-c' })).to.deep.equal({ command: 'app.quit' });
    expect(routeKey(km, inModal, { full: 'f1' })).to.deep.equal({ command: 'help.toggle' });
  });
});
