/** What every one-shot command gets to talk to the user, and the exit codes they share. */
import type { SecretInput } from '../vault/secret-input.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** Ctrl-C at a prompt or during a reply (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export interface CliStreams {
  stdin: SecretInput;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}
