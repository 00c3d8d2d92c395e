import { expect } from 'chai';
import { DEFAULT_BINDINGS, createKeymap } from '../../app/input/keymap.js';
import { createStore } from '../../app/store/store.js';
import { BUILTIN_THEMES } from '../../themes/builtin.js';
import { buildTheme } from '../../themes/resolve-theme.js';
import { mountDashboard, type Dashboard } from '../../widgets/dashboard.js';
import { fakeTerminal, screenText } from '../helpers/fake-terminal.js';
import { testState } from '../helpers/state.js';

const mounted: Dashboard[] = [];

function mount(cols: number, rows: number, theme = 'dark') {
  const term = fakeTerminal(cols, rows);
  const store = createStore(testState({ cols, rows }));
  const dash = mountDashboard({ store, keymap: createKeymap(DEFAULT_BINDINGS), theme: buildTheme(BUILTIN_THEMES[theme]!), input: term.input, output: term.output });
  mounted.push(dash);
  dash.renderNow();
  return { term, store, dash, text: () => (dash.renderNow(), screenText(dash.screen)) };
}

const tick = () => new Promise((r) => setTimeout(r, 30));

describe('dashboard widgets', () => {
  afterEach(() => {
    while (mounted.length) mounted.pop()!.destroy();
  });

  for (const [cols, rows] of [[80, 24], [120, 40]] as const) {
    it(`renders the three panes, status bar and help bar at ${cols}×${rows}`, () => {
      const { text } = mount(cols, rows);
      const lines = text();
      expect(lines).to.have.length(rows);
      expect(lines[0]).to.include('● Chat').and.include('Memory');
      expect(lines.some((l) => l.includes('─ Plugins'))).to.equal(true);
      expect(lines[rows - 2]).to.include('Pyra 9.9.9').and.include('provider: none').and.include('approvals: 0');
      expect(lines[rows - 1]).to.match(/^ Chat │ Enter send/).and.include('Tab next pane').and.include('F1 help').and.include('Ctrl-C quit');
      for (const l of lines) expect([...l].length).to.be.at.most(cols);
      expect(lines.join('\n')).to.include('No provider configured');
      expect(lines.join('\n')).to.include('Opening your memory…');
    });
  }

  it('moves the focus marker and the help bar with Tab', async () => {
    const { term, text } = mount(120, 40);
    term.keys('\t');
    await tick();
    const lines = text();
    expect(lines[0]).to.include('● Memory').and.not.include('● Chat');
    expect(lines[39]).to.match(/^ Memory │/);
  });

  it('types into the chat input and shows the text with the cursor', async () => {
    const { term, store, text } = mount(120, 40);
    term.keys('hello?');
    await tick();
    expect(store.getState().chat.input.text).to.equal('hello?');
    expect(text().some((l) => l.includes('› hello?'))).to.equal(true);
  });

  it('opens the help overlay from the keymap and closes it with Escape', async () => {
    const { term, text } = mount(80, 24);
    term.keys('\x1bOP');
    await tick();
    let screen = text().join('\n');
    expect(screen).to.include('Keyboard shortcuts').and.include('Next pane').and.include('Esc close');
    expect(text()[23]).to.match(/^ Dialog │ /).and.include('Esc close');
    term.keys('\x1b');
    await new Promise((r) => setTimeout(r, 80));
    screen = text().join('\n');
    expect(screen).to.not.include('Keyboard shortcuts');
  });

  it('shows the too-small message below 80×24 and the panes again after growing', async () => {
    const { term, store, text } = mount(120, 40);
    term.resize(60, 20);
    await tick();
    expect(store.getState().ui.cols).to.equal(60);
    expect(text().join('\n')).to.include('Terminal too small: 60×20').and.not.include('Memory');
    term.resize(100, 30);
    await tick();
    const lines = text();
    expect(lines[0]).to.include('Chat');
    expect(lines[29]).to.include('F1 help');
  });

  it('keeps the typed text when no chat service is attached', async () => {
    const { term, store, text } = mount(120, 40);
    term.keys('hi\r');
    await tick();
    expect(store.getState().chat.input.text).to.equal('hi');
    expect(text()[38]).to.include('Your text stays in the input');
  });

  it('takes a bracketed paste whole: newlines stay in the input, nothing is sent', async () => {
    const { term, store } = mount(120, 40);
    term.keys('\x1b[200~first line\r\nsecond');
    term.keys(' line\x1b[201~');
    await tick();
    expect(store.getState().chat.input.text).to.equal('first line\nsecond line');
    expect(store.getState().chat.messages).to.deep.equal([]);
  });

  it('inserts the characters of one input chunk with one edit', async () => {
    const { term, store } = mount(120, 40);
    let inserts = 0;
    store.subscribe((_s, _p, a) => {
      if (a.type === 'chat/insert') inserts++;
    });
    term.keys('x'.repeat(5000));
    await tick();
    expect(store.getState().chat.input.text).to.have.length(5000);
    expect(inserts).to.equal(1);
  });

  it('shortens the status line so a long notice stays readable', () => {
    const { store, text } = mount(80, 24);
    const notice = 'Saved as knowledge/a rather long note name (copy).md';
    store.dispatch({ type: 'status/notice', tone: 'success', text: notice });
    const line = text()[22]!;
    expect(line).to.include(notice).and.include('approvals: 0').and.not.include('provider:');
  });

  it('keeps the provider on the status line beside a short notice', () => {
    const { store, text } = mount(120, 40);
    store.dispatch({ type: 'status/notice', tone: 'success', text: 'Saved. Type a message and press Enter.' });
    expect(text()[38]).to.include('provider: none').and.include('Saved. Type a message');
  });

  it('renders every built-in theme', () => {
    for (const name of Object.keys(BUILTIN_THEMES)) {
      const { text } = mount(80, 24, name);
      expect(text()[0], name).to.include('Chat');
    }
  });
});
