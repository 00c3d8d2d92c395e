import { expect } from 'chai';
import { rootReducer } from '../../../app/store/reducers/root.js';
import { createStore } from '../../../app/store/store.js';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testState } from '../../helpers/state.js';

describe('reducers', () => {
  it('cycles focus forward and backward through the three panes', () => {
    let s = testState();
    expect(s.ui.focus).to.equal('chat');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      s = rootReducer(s, { type: 'ui/focusNext' });
      seen.push(s.ui.focus);
    }
    expect(seen).to.deep.equal(['memory', 'plugins', 'chat']);
    s = rootReducer(s, { type: 'ui/focusPrev' });
    expect(s.ui.focus).to.equal('plugins');
  });

  it('returns the same state object for actions that change nothing', () => {
    const s = testState();
    expect(rootReducer(s, { type: 'ui/focus', pane: 'chat' })).to.equal(s);
    expect(rootReducer(s, { type: 'ui/resize', cols: 120, rows: 40 })).to.equal(s);
    expect(rootReducer(s, { type: 'ui/closeModal' })).to.equal(s);
    expect(rootReducer(s, { type: 'chat/deleteBack' })).to.equal(s);
  });

  it('keeps the modal stack in order and scrolls only the help overlay', () => {
    let s = testState();
    s = rootReducer(s, { type: 'ui/openModal', modal: { kind: 'message', title: 't', body: 'b', tone: 'info' } });
    s = rootReducer(s, { type: 'ui/openModal', modal: { kind: 'help', scroll: 0 } });
    s = rootReducer(s, { type: 'ui/scrollModal', delta: 3 });
    s = rootReducer(s, { type: 'ui/scrollModal', delta: -10 });
    expect(s.ui.modals.at(-1)).to.deep.equal({ kind: 'help', scroll: 0 });
    s = rootReducer(s, { type: 'ui/closeModal' });
    expect(s.ui.modals.map((m) => m.kind)).to.deep.equal(['message']);
  });

  it('edits the chat input by code point, never splitting an emoji', () => {
    let s = testState();
    s = rootReducer(s, { type: 'chat/insert', text: 'a😀b' });
    s = rootReducer(s, { type: 'chat/moveCursor', to: 'left' });
    s = rootReducer(s, { type: 'chat/deleteBack' });
    expect(s.chat.input).to.deep.equal({ text: 'ab', cursor: 1 });
    s = rootReducer(s, { type: 'chat/moveCursor', to: 'home' });
    s = rootReducer(s, { type: 'chat/deleteForward' });
    expect(s.chat.input).to.deep.equal({ text: 'b', cursor: 0 });
    s = rootReducer(s, { type: 'chat/moveCursor', to: 'end' });
    s = rootReducer(s, { type: 'chat/insert', text: '?' });
    expect(s.chat.input).to.deep.equal({ text: 'b?', cursor: 2 });
    s = rootReducer(s, { type: 'chat/clearInput' });
    expect(s.chat.input).to.deep.equal({ text: '', cursor: 0 });
  });

  it('never scrolls a pane above its start', () => {
    let s = testState();
    s = rootReducer(s, { type: 'ui/scroll', pane: 'memory', delta: -5 });
    expect(s.ui.scroll.memory).to.equal(0);
    s = rootReducer(s, { type: 'ui/scroll', pane: 'memory', delta: 4 });
    expect(s.ui.scroll.memory).to.equal(4);
  });

  it('replaces a notice and clears only the one asked for', () => {
    let s = testState();
    s = rootReducer(s, { type: 'status/notice', text: 'one', tone: 'info' });
    const first = s.status.notice!.id;
    s = rootReducer(s, { type: 'status/notice', text: 'two', tone: 'warning' });
    s = rootReducer(s, { type: 'status/clearNotice', id: first });
    expect(s.status.notice?.text).to.equal('two');
    s = rootReducer(s, { type: 'status/clearNotice', id: s.status.notice!.id });
    expect(s.status.notice).to.equal(null);
  });
});

describe('store', () => {
  it('notifies subscribers only when the state changes', () => {
    const store = createStore(testState());
    const calls: string[] = [];
    const off = store.subscribe((_s, _p, a) => calls.push(a.type));
    store.dispatch({ type: 'ui/focus', pane: 'chat' });
    store.dispatch({ type: 'ui/focusNext' });
    off();
    store.dispatch({ type: 'ui/focusNext' });
    expect(calls).to.deep.equal(['ui/focusNext']);
    expect(store.getState().ui.focus).to.equal('plugins');
  });

  it('appends every dispatched action to the action log (mode 600) when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pyra-store-'));
    const log = join(dir, 'actions.log');
    const store = createStore(testState(), { actionLog: log });
    store.dispatch({ type: 'ui/focusNext' });
    store.dispatch({ type: 'ui/focus', pane: 'memory' });
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).to.deep.equal(['ui/focusNext', 'ui/focus']);
    expect(statSync(log).mode & 0o777).to.equal(0o600);
  });
});
