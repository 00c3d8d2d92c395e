import { expect } from 'chai';
import { runPluginSetupFlow, type PluginSetupDeps } from '../../../app/plugins-ui/plugin-setup-flow.js';
import type { PromptRequest } from '../../../app/plugins/plugin-process.js';
import { answer, type ModalAnswer } from '../../../app/store/modal-requests.js';
import { selectTopModal } from '../../../app/store/selectors.js';
import { createStore, type Store } from '../../../app/store/store.js';
import { testState } from '../../helpers/state.js';

/** Answers each dialog the flow opens with the next reply, recording what the dialog showed. */
function autoAnswer(store: Store, replies: ModalAnswer[]) {
  const shown: { title: string; label: string; value: string; masked: boolean }[] = [];
  const seen = new Set<string>();
  store.subscribe(() => {
    const top = selectTopModal(store.getState());
    if (top?.kind !== 'prompt' || seen.has(top.id)) return;
    seen.add(top.id);
    shown.push({ title: top.title, label: top.label, value: top.value, masked: top.masked });
    const reply = replies.shift() ?? { type: 'cancel' };
    queueMicrotask(() => answer(store, top.id, reply));
  });
  return shown;
}

function fakePlugin(questions: PromptRequest[], outcome: 'ok' | 'none' | Error = 'ok') {
  const got: string[] = [];
  const restarted: string[] = [];
  const deps: PluginSetupDeps = {
    async setup(_name, prompter) {
      if (outcome === 'none') return { hadSetup: false };
      for (const q of questions) got.push(await prompter(q));
      if (outcome instanceof Error) throw outcome;
      return { hadSetup: true };
    },
    async restart(name) {
      restarted.push(name);
    },
  };
  return { deps, got, restarted };
}

const notice = (store: Store) => store.getState().status.notice?.text ?? '';

describe('plugin setup flow (dashboard dialogs)', () => {
  it('asks each question in a dialog, masks secrets, takes a suggested answer on Enter, then restarts the plugin', async () => {
    const store = createStore(testState());
    const shown = autoAnswer(store, [{ type: 'submit', value: 'https://cloud.example' }, { type: 'submit', value: '' }, { type: 'submit', value: 's3cret' }]);
    const { deps, got, restarted } = fakePlugin([{ label: 'Server URL', masked: false }, { label: 'Port', masked: false, default: '443' }, { label: 'Password', masked: true, default: 'ignored' }]);
    await runPluginSetupFlow(store, 'demo', deps);
    expect(got).to.deep.equal(['https://cloud.example', '443', 's3cret']);
    expect(shown.map((s) => [s.title, s.label, s.value, s.masked])).to.deep.equal([
      ['Set up demo — question 1', 'Server URL:', '', false],
      ['Set up demo — question 2', 'Port:', '443', false],
      ['Set up demo — question 3', 'Password:', '', true],
    ]);
    expect(restarted).to.deep.equal(['demo']);
    expect(notice(store)).to.equal('Setup of demo finished; the plugin was restarted with it.');
    expect(JSON.stringify(store.getState())).to.not.include('s3cret');
  });

  it('Esc cancels: the plugin is not restarted and the notice says how to run it again', async () => {
    const store = createStore(testState());
    autoAnswer(store, [{ type: 'cancel' }]);
    const { deps, restarted } = fakePlugin([{ label: 'Server URL', masked: false }], new Error('the prompt was cancelled'));
    await runPluginSetupFlow(store, 'demo', deps);
    expect(restarted).to.deep.equal([]);
    expect(notice(store)).to.equal('Setup of demo cancelled. Press s to run it again.');
  });

  it('a plugin that declines its own verdict, one that fails, and one with no setup each get their own message', async () => {
    const store = createStore(testState());
    autoAnswer(store, [{ type: 'submit', value: 'n' }, { type: 'submit', value: 'x' }]);
    const declined = fakePlugin([{ label: 'Save? (Y/n)', masked: false }], new Error('setup cancelled: nothing was saved'));
    await runPluginSetupFlow(store, 'demo', declined.deps);
    expect(notice(store)).to.equal('Setup of demo cancelled: nothing was saved.');
    const failed = fakePlugin([{ label: 'Server', masked: false }], new Error('setup did not finish within 15 min'));
    await runPluginSetupFlow(store, 'demo', failed.deps);
    expect(notice(store)).to.equal('Setup of demo failed: setup did not finish within 15 min');
    expect(failed.restarted).to.deep.equal([]);
    await runPluginSetupFlow(store, 'demo', fakePlugin([], 'none').deps);
    expect(notice(store)).to.equal('demo has nothing to set up.');
  });

  it('cuts a very long question from a plugin to what a dialog can show', async () => {
    const store = createStore(testState());
    const shown = autoAnswer(store, [{ type: 'submit', value: 'a' }]);
    await runPluginSetupFlow(store, 'demo', fakePlugin([{ label: 'x'.repeat(5000), masked: false }]).deps);
    expect(shown[0]!.label.length).to.be.at.most(302);
  });
});
