/** Fake streams for running the ask/setup command functions in-process, and a temp home set up for them. */
import { PassThrough, Readable, Writable } from 'node:stream';
import { bootstrapHome, homePaths } from '../../../app/config/home.js';
import { setConfigValue } from '../../../app/config/config-store.js';
import type { SecretInput } from '../../../app/vault/secret-input.js';
import { makeTempHome, type TempHome } from '../../helpers/temp-home.js';

export const PASSPHRASE = 'correct horse battery staple';

/** Output without the cursor movements readline writes on a terminal. */
export const withoutEscapes = (text: string) => text.replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '');

export class Output extends Writable {
  text = '';
  private readonly watchers = new Set<() => void>();
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    for (const listener of [...this.watchers]) listener();
    done();
  }
  /** Resolves when the text written so far matches `pattern`, counting only what came after `from`. */
  waitFor(pattern: RegExp, from = 0, timeoutMs = 5000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pattern.test(withoutEscapes(this.text.slice(from)))) return;
        this.watchers.delete(check);
        clearTimeout(timer);
        resolve(this.text.length);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`no ${pattern} in output:\n${this.text.slice(from)}`));
      }, timeoutMs);
      this.watchers.add(check);
      check();
    });
  }
}

/** An Output typed as the NodeJS.WritableStream the commands take (Writable's `end` overloads differ). */
export type OutputStream = Output & NodeJS.WritableStream;
const output = () => new Output() as OutputStream;

export interface FakeIO {
  stdin: SecretInput;
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
}

/** A home with a file vault (passphrase in the env given to the command) unless `keychain` is set. */
export interface CliHome extends TempHome {
  env: NodeJS.ProcessEnv;
  config: string;
}

export async function cliHome(): Promise<CliHome> {
  const temp = makeTempHome('pyra-providers-');
  bootstrapHome(temp.home);
  const config = homePaths(temp.home).config;
  await setConfigValue(config, 'vault', { backend: 'file' });
  return { ...temp, config, env: { PYRA_HOME: temp.home, PYRA_VAULT_PASSPHRASE: PASSPHRASE } };
}

export function pipedIO(env: NodeJS.ProcessEnv, stdinText = ''): FakeIO {
  return { stdin: Readable.from(stdinText ? [stdinText] : []) as SecretInput, stdout: output(), stderr: output(), env };
}

/** stdin and stdout that claim to be a terminal (raw mode is recorded, not applied). */
export function terminalIO(env: NodeJS.ProcessEnv): FakeIO & { stdin: PassThrough & SecretInput } {
  const stdin = new PassThrough() as PassThrough & SecretInput;
  stdin.isTTY = true;
  stdin.isRaw = false;
  stdin.setRawMode = (raw: boolean) => {
    stdin.isRaw = raw;
    return stdin;
  };
  return { stdin, stdout: output(), stderr: output(), env };
}
