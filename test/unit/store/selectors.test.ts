import { expect } from 'chai';
import { rootReducer } from '../../../app/store/reducers/root.js';
import { selectStatusLine, selectTextInputActive, selectTopModal } from '../../../app/store/selectors.js';
import { testState } from '../../helpers/state.js';

describe('selectors', () => {
  it('describes the status line without a provider or vault', () => {
    const line = selectStatusLine(testState());
    expect(line).to.include({ version: '9.9.9', provider: 'none', vault: 'checking…', approvals: 0 });
  });

  it('names provider and model, and the vault backend with its lock state', () => {
    let s = testState({ provider: { id: 'openai', model: 'gpt-4o' } });
    s = rootReducer(s, { type: 'status/vault', vault: { backend: 'keychain', unlocked: true } });
    expect(selectStatusLine(s)).to.include({ provider: 'openai / gpt-4o', vault: 'keychain (unlocked)' });
  });

  it('before the vault is first opened: the backend without a lock state, or that none is used yet', () => {
    let s = rootReducer(testState(), { type: 'status/vault', vault: { backend: 'keychain', unlocked: false, opened: false } });
    expect(selectStatusLine(s).vault).to.equal('keychain');
    s = rootReducer(s, { type: 'status/vault', vault: { backend: null, unlocked: false, opened: false } });
    expect(selectStatusLine(s).vault).to.equal('not used yet');
    s = rootReducer(s, { type: 'status/vault', vault: { backend: null, unlocked: false, detail: 'no Secret Service' } });
    expect(selectStatusLine(s).vault).to.equal('unavailable');
  });

  it('treats printable keys as text only in the chat input with no modal open', () => {
    let s = testState();
    expect(selectTextInputActive(s)).to.equal(true);
    s = rootReducer(s, { type: 'ui/openModal', modal: { kind: 'help', scroll: 0 } });
    expect(selectTextInputActive(s)).to.equal(false);
    expect(selectTopModal(s)?.kind).to.equal('help');
    s = rootReducer(rootReducer(s, { type: 'ui/closeModal' }), { type: 'ui/focusNext' });
    expect(selectTextInputActive(s)).to.equal(false);
  });
});
