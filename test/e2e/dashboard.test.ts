/**
 * The real `pyra` dashboard in a pseudo-terminal, read through a headless xterm and driven by keys.
 * Runs against the built binary (npm test builds first).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { BUILT_MAIN, closeAll, startPyra, type PtySession, type PyraStartOptions } from '../helpers/pty-session.js';
import { makeTempHome, type TempHome } from '../helpers/temp-home.js';

const PANES = ['Chat', 'Memory', 'Plugins'] as const;
type Pane = (typeof PANES)[number];

/** A pane title on a top border: `┌─ Chat ───` or, when focused, `┌─ ● Chat ───`. */
function titlePattern(pane: Pane): RegExp {
  return new RegExp(`[─┌╭┬]\\s*(● )?${pane}(?=[\\s─┐╮┬]|$)`);
}

interface PaneTitle {
  row: number;
  focused: boolean;
}

function findTitle(screen: string, pane: Pane): PaneTitle | undefined {
  const rows = screen.split('\n');
  for (let row = 0; row < rows.length; row++) {
    const match = titlePattern(pane).exec(rows[row]!);
    if (match) return { row, focused: match[1] !== undefined };
  }
  return undefined;
}

function focusedPanes(screen: string): Pane[] {
  return PANES.filter((pane) => findTitle(screen, pane)?.focused);
}

const rowOf = (screen: string, row: number) => screen.split('\n')[row] ?? '';
const lastRow = (screen: string) => screen.split('\n').at(-1) ?? '';
const firstWord = (line: string) => line.trim().split(/\s+/)[0] ?? '';

/** A complete dashboard frame: the three titled panes and the help bar on the last row. */
function isDashboard(screen: string): boolean {
  return PANES.every((pane) => findTitle(screen, pane)) && lastRow(screen).includes('F1');
}

/** The too-small notice naming the size, e.g. `Terminal too small: 70×20`. */
function tooSmallPattern(cols: number, rows: number): RegExp {
  return new RegExp(`Terminal too small[\\s\\S]*\\b${cols}\\b[^\\n]{0,20}\\b${rows}\\b`);
}

const homes: TempHome[] = [];

/**
 * A home that has been used before, with a provider set, so the first-start setup wizard stays
 * closed and these tests see the bare dashboard (the wizard has its own tests in chat.test.ts).
 */
function usedHome(): string {
  const t = makeTempHome('pyra-e2e-used-');
  homes.push(t);
  const home = join(t.home, '.pyra');
  mkdirSync(home, { mode: 0o700 });
  writeFileSync(join(home, 'config.json'), JSON.stringify({ provider: { id: 'ollama', model: 'unused' } }), { mode: 0o600 });
  return home;
}

async function startDashboard(options: PyraStartOptions = {}): Promise<{ pyra: PtySession; screen: string }> {
  const pyra = await startPyra({ home: usedHome(), ...options });
  const { screen } = await pyra.waitForScreen(isDashboard, 'the first dashboard frame');
  return { pyra, screen };
}

async function waitForFocus(pyra: PtySession, pane: Pane): Promise<string> {
  const { screen } = await pyra.waitForScreen(
    (s) => focusedPanes(s).join() === pane && firstWord(lastRow(s)) === pane,
    `focus on ${pane} (title "● ${pane}" and a help bar starting with "${pane}")`,
  );
  return screen;
}

/** Resolves true when the program is still running after `ms`. */
async function stillRunningAfter(pyra: PtySession, ms: number): Promise<boolean> {
  const exited = await Promise.race([pyra.exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ms))]);
  return !exited;
}

async function expectTerminalRestored(pyra: PtySession): Promise<void> {
  await pyra.flush();
  expect(pyra.term.buffer.active.type, 'active buffer after exit').to.equal('normal');
  expect(await pyra.cursorHidden(), 'cursor hidden after exit').to.equal(false);
  expect(pyra.term.modes.mouseTrackingMode, 'mouse tracking after exit').to.equal('none');
}

describe('dashboard (e2e, real pyra in a pty)', function () {
  this.timeout(30_000);

  before(function () {
    if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  });

  afterEach(closeAll);
  after(() => {
    while (homes.length) homes.pop()!.cleanup();
  });

  describe('first frame at 120×40', function () {
    it('shows the three titled panes, the status bar and the help bar', async function () {
      const { pyra, screen } = await startDashboard({ cols: 120, rows: 40 });
      for (const pane of PANES) expect(findTitle(screen, pane), `border title ${pane}`).to.not.equal(undefined);
      const status = rowOf(screen, 38);
      for (const part of ['Pyra', 'provider:', 'vault:', 'approvals: 0']) {
        expect(status, `status bar (row 38) contains ${part}`).to.include(part);
      }
      const help = rowOf(screen, 39);
      expect(help, 'help bar (row 39)').to.include('F1').and.to.include('Ctrl-C');
      expect(pyra.term.buffer.active.type, 'the dashboard uses the alternate screen').to.equal('alternate');
    });
  });

  describe('focus', function () {
    it('starts in the chat input', async function () {
      const { screen } = await startDashboard();
      expect(focusedPanes(screen)).to.deep.equal(['Chat']);
      expect(firstWord(lastRow(screen)), 'help bar scope').to.equal('Chat');
    });

    it('Tab cycles Chat → Memory → Plugins → Chat, Shift-Tab goes back', async function () {
      const { pyra } = await startDashboard();
      for (const pane of ['Memory', 'Plugins', 'Chat'] as const) {
        await pyra.press('tab');
        await waitForFocus(pyra, pane);
      }
      for (const pane of ['Plugins', 'Memory', 'Chat'] as const) {
        await pyra.press('shift-tab');
        await waitForFocus(pyra, pane);
      }
    });

    it('Alt-1 / Alt-2 / Alt-3 focus Chat / Memory / Plugins', async function () {
      const { pyra } = await startDashboard();
      for (const [key, pane] of [['alt-2', 'Memory'], ['alt-3', 'Plugins'], ['alt-1', 'Chat']] as const) {
        await pyra.press(key);
        await waitForFocus(pyra, pane);
      }
    });
  });

  describe('help overlay', function () {
    it('F1 opens the shortcuts overlay, Escape closes it, F1 toggles it', async function () {
      const { pyra } = await startDashboard();
      await pyra.press('f1');
      const open = await pyra.waitForText('Keyboard shortcuts');
      expect(open).to.include('Next pane').and.to.include('Quit');
      await pyra.press('escape');
      await pyra.waitForNoText('Keyboard shortcuts');
      await pyra.press('f1');
      await pyra.waitForText('Keyboard shortcuts');
      await pyra.press('f1');
      await pyra.waitForNoText('Keyboard shortcuts');
    });

    it('? in the chat input is text; in the Memory pane it opens the overlay', async function () {
      const { pyra } = await startDashboard();
      await pyra.type('?');
      await pyra.type('zx9');
      const screen = await pyra.waitForText('?zx9');
      expect(screen).to.not.include('Keyboard shortcuts');
      await pyra.press('tab');
      await waitForFocus(pyra, 'Memory');
      await pyra.type('?');
      await pyra.waitForText('Keyboard shortcuts');
    });
  });

  describe('quitting', function () {
    it('q in the chat input is text; in the Memory pane it quits with code 0', async function () {
      const { pyra } = await startDashboard();
      await pyra.type('q');
      await pyra.type('zx9');
      await pyra.waitForText('qzx9');
      expect(await stillRunningAfter(pyra, 300), 'still running after typing q in the input').to.equal(true);
      await pyra.press('tab');
      await waitForFocus(pyra, 'Memory');
      await pyra.type('q');
      expect(await pyra.exited).to.deep.equal({ exitCode: 0 });
      await expectTerminalRestored(pyra);
    });

    it('Ctrl-C quits with code 0 from the chat input and restores the terminal', async function () {
      const { pyra } = await startDashboard();
      await pyra.press('ctrl-c');
      expect(await pyra.exited).to.deep.equal({ exitCode: 0 });
      await expectTerminalRestored(pyra);
    });

    it('Ctrl-C quits with code 0 from the Plugins pane', async function () {
      const { pyra } = await startDashboard();
      await pyra.press('alt-3');
      await waitForFocus(pyra, 'Plugins');
      await pyra.press('ctrl-c');
      expect(await pyra.exited).to.deep.equal({ exitCode: 0 });
      await expectTerminalRestored(pyra);
    });

    it('Ctrl-C quits with code 0 while the overlay is open', async function () {
      const { pyra } = await startDashboard();
      await pyra.press('f1');
      await pyra.waitForText('Keyboard shortcuts');
      await pyra.press('ctrl-c');
      expect(await pyra.exited).to.deep.equal({ exitCode: 0 });
      await expectTerminalRestored(pyra);
    });
  });

  describe('resizing', function () {
    it('redraws at 100×30, shows the too-small notice at 70×20, and comes back', async function () {
      const { pyra } = await startDashboard({ cols: 120, rows: 40 });

      pyra.resize(100, 30);
      const resized = await pyra.waitForScreen((screen) => {
        const chat = findTitle(screen, 'Chat');
        const top = chat ? rowOf(screen, chat.row) : '';
        return isDashboard(screen) && top.length === 100 && /[┐╮]$/.test(top);
      }, 'the dashboard redrawn at 100×30 (top border ending in a corner at column 100)');
      expect(rowOf(resized.screen, 29), 'help bar on the new last row').to.include('F1').and.to.include('Ctrl-C');
      expect(rowOf(resized.screen, 28), 'status bar on the new second-last row').to.include('provider:');

      pyra.resize(70, 20);
      await pyra.waitForText(tooSmallPattern(70, 20));

      pyra.resize(100, 30);
      const back = await pyra.waitForScreen(isDashboard, 'the panes back at 100×30');
      expect(back.screen).to.not.include('Terminal too small');
      expect(rowOf(back.screen, 29)).to.include('F1');
    });

    it('starting at 70×20 shows the too-small notice right away', async function () {
      const pyra = await startPyra({ cols: 70, rows: 20 });
      await pyra.waitForText(tooSmallPattern(70, 20));
    });
  });

  describe('refusing to start', function () {
    let temp: TempHome;

    beforeEach(function () {
      temp = makeTempHome();
    });

    afterEach(function () {
      temp.cleanup();
    });

    it('a corrupt config.json: exit 1, says how to repair, keeps the file and a .corrupt copy', async function () {
      const config = join(temp.home, 'config.json');
      const broken = '{ "theme": ';
      writeFileSync(config, broken, { mode: 0o600 });
      const pyra = await startPyra({ home: temp.home });
      expect((await pyra.exited).exitCode).to.equal(1);
      const output = await pyra.screenText({ unwrap: true });
      expect(output).to.include('config.json');
      expect(output).to.match(/not valid JSON/i);
      expect(output).to.include('pyra config reset');
      expect(readFileSync(config, 'utf8'), 'config.json left unchanged').to.equal(broken);
      expect(readFileSync(`${config}.corrupt`, 'utf8'), 'config.json.corrupt is a copy').to.equal(broken);
    });

    it('a vault folder without its .vault_lock sentinel: exit 1, names the sentinel', async function () {
      mkdirSync(join(temp.home, 'vault'), { mode: 0o700 });
      const pyra = await startPyra({ home: temp.home });
      expect((await pyra.exited).exitCode).to.equal(1);
      expect(await pyra.screenText({ unwrap: true })).to.include('.vault_lock');
    });
  });
});
