/**
 * The end-to-end rig: runs a program (normally the real `pyra`) in a pseudo-terminal, feeds its output
 * to a headless xterm of the same size and lets a test read the screen and press keys as a person would.
 *
 * The child gets an environment built from scratch: a temporary HOME and PYRA_HOME (never the real
 * `~/.pyra`), TERM=xterm-256color, LANG=C.UTF-8, PATH, plus DBUS_SESSION_BUS_ADDRESS and PYRA_TEST_*
 * when the test process has them. Call `closeAll()` in an `afterEach` so no process outlives its test.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import type { Terminal } from '@xterm/headless';
import { makeTempHome } from './temp-home.js';

// @xterm/headless is CommonJS without detectable named exports: its default import works when this
// file runs as ESM but not when mocha's tsx hook compiles it to CommonJS. require() works in both.
const xterm = createRequire(import.meta.url)('@xterm/headless') as typeof import('@xterm/headless');

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PYRA_BIN = join(REPO_ROOT, 'bin', 'pyra.js');
export const BUILT_MAIN = join(REPO_ROOT, 'dist', 'main.js');
/** The `pyra` command as installed: a shell launcher that starts the dashboard from the start-up snapshot. */
export const PYRA_LAUNCHER = join(REPO_ROOT, 'bin', 'pyra');
export const SNAPSHOT_BLOB = join(REPO_ROOT, 'dist', 'snapshot', 'pyra.blob');

const DEFAULT_TIMEOUT_MS = 10_000;
/** Gap between two writes, so the pty never merges e.g. Escape and the next key into one Alt chord. */
const KEY_GAP_MS = 25;

export interface ExitInfo {
  exitCode: number;
  signal?: number;
}

export interface WaitOptions {
  timeout?: number;
}

export interface ScreenMatch {
  screen: string;
  /** performance.now() at the moment the screen was first seen to match. */
  at: number;
}

export interface PtyStartOptions {
  file: string;
  args?: string[];
  cols?: number;
  rows?: number;
  /** Extra variables, applied last (they may override the rig's own). */
  env?: Record<string, string>;
  /** PYRA_HOME for the child; a fresh temp folder (`$HOME/.pyra`, not created) unless given. */
  home?: string;
}

export type PyraStartOptions = Omit<PtyStartOptions, 'file'>;

export interface ChildEnvironment {
  env: Record<string, string>;
  /** The temporary HOME, also the child's working directory. */
  homeDir: string;
  pyraHome: string;
  cleanup: () => void;
}

/** An environment built from scratch around a fresh temporary HOME. */
export function childEnvironment(options: { home?: string; env?: Record<string, string> } = {}): ChildEnvironment {
  const temp = makeTempHome('pyra-e2e-');
  const pyraHome = options.home ?? join(temp.home, '.pyra');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: temp.home,
    LANG: 'C.UTF-8',
    TERM: 'xterm-256color',
    PYRA_HOME: pyraHome,
  };
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && (name === 'DBUS_SESSION_BUS_ADDRESS' || name.startsWith('PYRA_TEST_'))) {
      env[name] = value;
    }
  }
  Object.assign(env, options.env);
  return { env, homeDir: temp.home, pyraHome, cleanup: temp.cleanup };
}

// ---------------------------------------------------------------------------------------------- keys

const NAMED_KEYS: Readonly<Record<string, string>> = {
  tab: '\t',
  'shift-tab': '\x1b[Z',
  enter: '\r',
  escape: '\x1b',
  space: ' ',
  backspace: '\x7f',
  insert: '\x1b[2~',
  delete: '\x1b[3~',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
};

/** F1–F12, after ESC. */
const FUNCTION_KEYS = ['OP', 'OQ', 'OR', 'OS', '[15~', '[17~', '[18~', '[19~', '[20~', '[21~', '[23~', '[24~'];

/** Final byte of the cursor keys: `ESC [ x` normally, `ESC O x` in application-cursor mode. */
const CURSOR_KEYS: Readonly<Record<string, string>> = { up: 'A', down: 'B', right: 'C', left: 'D', home: 'H', end: 'F' };

/**
 * The bytes an xterm sends for a key name: tab, shift-tab, enter, escape, space, backspace, insert,
 * delete, pageup, pagedown, f1–f12, up, down, left, right, home, end, ctrl-<letter>, alt-<key>.
 */
export function keySequence(name: string, applicationCursorKeys = false): string {
  const key = name.toLowerCase();
  const named = NAMED_KEYS[key];
  if (named !== undefined) return named;
  const cursor = CURSOR_KEYS[key];
  if (cursor !== undefined) return (applicationCursorKeys ? '\x1bO' : '\x1b[') + cursor;
  const fn = /^f(\d{1,2})$/.exec(key);
  const fnKey = fn ? FUNCTION_KEYS[Number(fn[1]) - 1] : undefined;
  if (fnKey !== undefined) return '\x1b' + fnKey;
  const ctrl = /^ctrl-([a-z])$/.exec(key);
  if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) & 0x1f);
  if (key.startsWith('alt-') && key.length > 4) {
    const rest = name.slice(4);
    return '\x1b' + (rest.length === 1 ? rest : keySequence(rest, applicationCursorKeys));
  }
  throw new Error(`Unknown key name "${name}"; use type() for literal text`);
}

// ------------------------------------------------------------------------------------------- session

interface Waiter {
  check: (screen: string) => boolean;
  resolve: (match: ScreenMatch) => void;
  reject: (error: Error) => void;
  describe: () => string;
  /** Stops the timeout without settling; used when the session closes under an abandoned wait. */
  abandon: () => void;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export class PtySession {
  /** The headless terminal mirroring the child's screen (modes, buffers, cursor). */
  readonly term: Terminal;
  readonly pid: number;
  readonly homeDir: string;
  readonly pyraHome: string;
  /** performance.now() just before the child was spawned. */
  readonly spawnedAt: number;
  /** Resolves once the child has exited and all its output is on the screen. */
  readonly exited: Promise<ExitInfo>;
  /** performance.now() when the pty reported the exit (before the last output is parsed). */
  exitedAt: number | undefined;

  private readonly proc: pty.IPty;
  private readonly cleanupHome: () => void;
  private readonly waiters = new Set<Waiter>();
  private exitInfo: ExitInfo | undefined;
  private rawOutput = '';
  private lastWriteAt = 0;

  constructor(options: PtyStartOptions) {
    const cols = options.cols ?? 120;
    const rows = options.rows ?? 40;
    const child = childEnvironment({ home: options.home, env: options.env });
    this.homeDir = child.homeDir;
    this.pyraHome = child.pyraHome;
    this.cleanupHome = child.cleanup;
    try {
      this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
      this.spawnedAt = performance.now();
      this.proc = pty.spawn(options.file, options.args ?? [], {
        name: 'xterm-256color',
        cols,
        rows,
        cwd: child.homeDir,
        env: child.env,
      });
    } catch (error) {
      child.cleanup();
      throw error;
    }
    this.pid = this.proc.pid;
    this.proc.onData((data) => {
      this.rawOutput += data;
      this.term.write(data, () => this.settleWaiters(false));
    });
    this.exited = new Promise<ExitInfo>((resolve) => {
      this.proc.onExit(({ exitCode, signal }) => {
        this.exitedAt = performance.now();
        const info: ExitInfo = signal ? { exitCode, signal } : { exitCode };
        this.term.write('', () => {
          this.exitInfo = info;
          this.settleWaiters(true);
          resolve(info);
        });
      });
    });
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Whether the child has exited (and its output is parsed). */
  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** Everything the child wrote so far, escape sequences included. */
  get output(): string {
    return this.rawOutput;
  }

  /** Resolves once xterm has parsed everything received so far. */
  flush(): Promise<void> {
    return new Promise((done) => this.term.write('', done));
  }

  /**
   * The visible screen, one line per row, trailing spaces trimmed. With `unwrap`, rows the terminal
   * soft-wrapped are joined back into the logical line the program printed.
   */
  async screenText(options: { unwrap?: boolean } = {}): Promise<string> {
    await this.flush();
    return this.readScreen(options.unwrap ?? false);
  }

  /** Row `n` of the screen (0-based; negative counts from the bottom, -1 is the last row). */
  async line(n: number): Promise<string> {
    await this.flush();
    return this.readRow(n < 0 ? this.rows + n : n);
  }

  /** Whether the cursor is hidden (DECTCEM off). Reads xterm's core state, which has no public API. */
  async cursorHidden(): Promise<boolean> {
    await this.flush();
    const core = (this.term as unknown as { _core?: { coreService?: { isCursorHidden?: boolean } } })._core;
    const hidden = core?.coreService?.isCursorHidden;
    if (typeof hidden === 'boolean') return hidden;
    return this.rawOutput.lastIndexOf('\x1b[?25l') > this.rawOutput.lastIndexOf('\x1b[?25h');
  }

  /**
   * Waits until `check` holds for the screen as a terminal would show it (not in the middle of a
   * synchronized-output frame). Rejects with the current screen on timeout or when the child exits.
   */
  waitForScreen(check: (screen: string) => boolean, describe: string, options: WaitOptions = {}): Promise<ScreenMatch> {
    const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    return new Promise<ScreenMatch>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(this.failure(`Timed out after ${timeout} ms waiting for ${describe}`));
      }, timeout);
      const waiter: Waiter = {
        check,
        resolve: (match) => {
          clearTimeout(timer);
          resolve(match);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        describe: () => describe,
        abandon: () => clearTimeout(timer),
      };
      this.waiters.add(waiter);
      void this.flush().then(() => this.settleWaiters(this.hasExited));
    });
  }

  /** Waits for text (substring) or a pattern on the screen; returns the screen that matched. */
  async waitForText(text: string | RegExp, options: WaitOptions = {}): Promise<string> {
    const match = await this.waitForScreen((screen) => matches(screen, text), `${show(text)} on screen`, options);
    return match.screen;
  }

  /** Waits until the text or pattern is no longer on the screen; returns that screen. */
  async waitForNoText(text: string | RegExp, options: WaitOptions = {}): Promise<string> {
    const match = await this.waitForScreen((screen) => !matches(screen, text), `${show(text)} to disappear`, options);
    return match.screen;
  }

  /** Presses a named key (see keySequence), e.g. 'tab', 'shift-tab', 'f1', 'ctrl-c', 'alt-2'. */
  async press(key: string): Promise<void> {
    await this.send(keySequence(key, this.term.modes.applicationCursorKeysMode));
  }

  /** Types literal text, as if pasted character by character. */
  async type(text: string): Promise<void> {
    await this.send(text);
  }

  /** Resizes the terminal and the pty (which sends SIGWINCH); wait for the app's redraw afterwards. */
  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
    if (!this.hasExited) this.proc.resize(cols, rows);
  }

  /** Sends a signal to the child's whole process group (the child leads its own session). */
  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    try {
      process.kill(-this.pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** Kills whatever is left, waits for the exit and removes the temporary home. */
  async close(): Promise<void> {
    if (!this.hasExited) this.kill('SIGKILL');
    await Promise.race([this.exited, sleep(3000)]);
    this.kill('SIGKILL'); // Stray grandchildren in the group, if any.
    for (const waiter of this.waiters) waiter.abandon();
    this.waiters.clear();
    this.term.dispose();
    this.cleanupHome();
  }

  private async send(data: string): Promise<void> {
    if (this.hasExited) throw this.failure(`Cannot send ${JSON.stringify(data)}: the program has exited`);
    const wait = this.lastWriteAt + KEY_GAP_MS - performance.now();
    if (wait > 0) await sleep(wait);
    this.proc.write(data);
    this.lastWriteAt = performance.now();
  }

  private settleWaiters(final: boolean): void {
    if (this.waiters.size === 0) return;
    if (!final && this.term.modes.synchronizedOutputMode) return; // Mid-frame: a terminal shows nothing yet.
    const screen = this.readScreen(false);
    const at = performance.now();
    for (const waiter of [...this.waiters]) {
      if (waiter.check(screen)) {
        this.waiters.delete(waiter);
        waiter.resolve({ screen, at });
      } else if (final) {
        this.waiters.delete(waiter);
        waiter.reject(this.failure(`The program exited while waiting for ${waiter.describe()}`));
      }
    }
  }

  private failure(message: string): Error {
    const exit = this.exitInfo ? `exited with code ${this.exitInfo.exitCode}` : 'still running';
    const mode = this.term.modes.synchronizedOutputMode ? ', synchronized output still on' : '';
    return new Error(
      `${message} (${this.cols}×${this.rows}, ${this.term.buffer.active.type} buffer, ${exit}${mode}). Screen:\n` +
        this.readScreen(false),
    );
  }

  private readRow(row: number): string {
    const buffer = this.term.buffer.active;
    return trimSpaces(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
  }

  private readScreen(unwrap: boolean): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let row = 0; row < this.rows; row++) {
      const line = buffer.getLine(buffer.viewportY + row);
      const text = line?.translateToString(true) ?? '';
      if (unwrap && line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    return lines.map(trimSpaces).join('\n');
  }
}

/** xterm trims only never-written cells; apps also paint spaces (e.g. a bar's background). */
function trimSpaces(line: string): string {
  return line.replace(/ +$/, '');
}

function matches(screen: string, text: string | RegExp): boolean {
  if (typeof text === 'string') return screen.includes(text);
  text.lastIndex = 0; // A /g or /y pattern keeps state between calls.
  return text.test(screen);
}

function show(text: string | RegExp): string {
  return typeof text === 'string' ? JSON.stringify(text) : String(text);
}

// ------------------------------------------------------------------------------------------ starting

const live = new Set<PtySession>();

/** Starts any program under the rig (used by the benchmark for its bare-node baseline). */
export function startPty(options: PtyStartOptions): PtySession {
  const session = new PtySession(options);
  live.add(session);
  return session;
}

/**
 * Starts the real `pyra` command (bin/pyra, so the dashboard starts from the snapshot as it does for
 * users) in a pty; 120×40 unless told otherwise.
 */
export async function startPyra(options: PyraStartOptions = {}): Promise<PtySession> {
  if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  if (!existsSync(SNAPSHOT_BLOB)) throw new Error('dist/snapshot/pyra.blob is missing: run npm run build (it says why it could not make one)');
  return startPty({ ...options, file: PYRA_LAUNCHER, args: options.args ?? [] });
}

/** Kills every session still running and removes their temporary homes. Use in after/afterEach. */
export async function closeAll(): Promise<void> {
  const sessions = [...live];
  live.clear();
  await Promise.all(sessions.map((session) => session.close()));
}
