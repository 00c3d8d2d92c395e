/**
 * What `pyra plugin` and `pyra mcp` need from a terminal: their streams, a prompter for plugin
 * setup (masked input for secrets on a terminal; one line per question from a pipe), and the vault
 * opened with the file vault's passphrase asked at the terminal when the environment has none.
 */
import { createInterface } from 'node:readline';
import { pyraHome, bootstrapHome } from '../config/home.js';
import { InputCancelledError, readMaskedLine, readPipedSecret } from '../vault/secret-input.js';
import type { PassphraseProvider, Vault } from '../vault/index.js';
import type { Prompter } from './plugin-process.js';
import type { CliStreams } from '../commands/cli-io.js';

export interface CliIO extends CliStreams {
  cwd: string;
}

export { EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from '../commands/cli-io.js';

export function processIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

export function cliHome(io: CliIO): string {
  const home = pyraHome(io.env);
  bootstrapHome(home);
  return home;
}

/** Answers from a pipe: one line per question, in order; the end of input cancels. */
function pipedLines(input: NodeJS.ReadableStream): () => Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return async () => {
    const next = await lines.next();
    if (next.done) throw new InputCancelledError();
    return next.value;
  };
}

function askLine(io: CliIO, question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
    rl.once('SIGINT', () => {
      rl.close();
      reject(new InputCancelledError());
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

export function terminalPrompter(io: CliIO): Prompter {
  const nextPiped = io.stdin.isTTY ? undefined : pipedLines(io.stdin);
  return async ({ label, masked, default: fallback }) => {
    const shown = `${label}${fallback && !masked ? ` [${fallback}]` : ''}: `;
    let answer: string;
    if (nextPiped) {
      io.stderr.write(shown + '\n');
      answer = await nextPiped();
    } else {
      answer = masked ? await readMaskedLine(io.stdin, io.stderr, shown) : await askLine(io, shown);
    }
    return answer === '' && fallback !== undefined && !masked ? fallback : answer;
  };
}

function terminalPassphrase(io: CliIO): PassphraseProvider | undefined {
  if (!io.stdin.isTTY) return undefined;
  return async ({ purpose }) => {
    if (purpose === 'unlock') return readMaskedLine(io.stdin, io.stderr, 'Vault passphrase: ');
    const first = await readMaskedLine(io.stdin, io.stderr, 'New vault passphrase: ');
    const again = await readMaskedLine(io.stdin, io.stderr, 'Repeat the new passphrase: ');
    if (first !== again) throw new Error('The two passphrases differ; nothing was stored.');
    return first;
  };
}

/**
 * The vault of `home`, opened once on first use. With `ask: true` the file vault's passphrase is
 * asked at the terminal when the environment has none; otherwise only the environment is used.
 */
export function cliVault(io: CliIO, home: string, options: { ask: boolean }): () => Promise<Vault> {
  let opening: Promise<Vault> | undefined;
  return () =>
    (opening ??= import('../vault/index.js').then(({ openVault, readConfiguredBackend }) =>
      openVault({ home, backend: readConfiguredBackend(home), env: io.env, ...(options.ask ? { passphrase: terminalPassphrase(io) } : {}) }),
    ));
}

/** Reads a secret for a CLI command: masked on a terminal, the whole of stdin from a pipe. */
export async function readSecret(io: CliIO, label: string): Promise<string> {
  if (io.stdin.isTTY) return readMaskedLine(io.stdin, io.stderr, `${label}: `);
  return readPipedSecret(io.stdin);
}
