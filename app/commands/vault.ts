/**
 * `pyra vault status|list|set|delete|migrate`. No command prints a secret value, and `set` never takes
 * the value from the command line (it would land in shell history and `ps`): it reads a masked prompt
 * on a terminal, or stdin when piped. Exit codes: 0 ok, 1 the operation failed, 2 usage error.
 * The run* functions hold the logic and take their streams and environment as arguments (tests).
 */
import type { Argv, CommandModule } from 'yargs';
import { bootstrapHome, pyraHome } from '../config/home.js';
import {
  InvalidSecretValueError,
  InvalidVaultKeyError,
  VaultError,
  assertVaultKey,
  isBackendName,
  openVault,
  readConfiguredBackend,
  vaultStatus,
  type BackendName,
  type PassphraseProvider,
  type Vault,
  type VaultStatus,
} from '../vault/index.js';
import { readMaskedLine, readPipedSecret } from '../vault/secret-input.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliStreams } from './cli-io.js';

export { EXIT_OK, EXIT_FAILURE, EXIT_USAGE } from './cli-io.js';

export type VaultCliIO = CliStreams;

const BACKEND_LABEL: Record<BackendName, string> = {
  keychain: 'OS keychain',
  file: 'encrypted file (vault/secrets.age)',
};

function processIO(): VaultCliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

function fail(io: VaultCliIO, err: unknown): number {
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`pyra vault: ${message}\n`);
  return err instanceof InvalidVaultKeyError || err instanceof InvalidSecretValueError ? EXIT_USAGE : EXIT_FAILURE;
}

/** On a terminal the file vault's passphrase is asked for (twice for a new vault); elsewhere it must come from the environment. */
function terminalPassphrase(io: VaultCliIO): PassphraseProvider | undefined {
  if (!io.stdin.isTTY) return undefined;
  return async ({ purpose }) => {
    if (purpose === 'unlock') return readMaskedLine(io.stdin, io.stderr, 'Vault passphrase: ');
    const first = await readMaskedLine(io.stdin, io.stderr, 'New vault passphrase: ');
    const again = await readMaskedLine(io.stdin, io.stderr, 'Repeat the new passphrase: ');
    if (first !== again) throw new VaultError('The two passphrases differ; nothing was stored.');
    return first;
  };
}

function homeOf(io: VaultCliIO): string {
  const home = pyraHome(io.env);
  bootstrapHome(home);
  return home;
}

async function withVault(io: VaultCliIO, action: (vault: Vault) => Promise<number>): Promise<number> {
  try {
    const home = homeOf(io);
    const vault = await openVault({ home, backend: readConfiguredBackend(home), env: io.env, passphrase: terminalPassphrase(io) });
    return await action(vault);
  } catch (err) {
    return fail(io, err);
  }
}

export function formatStatus(status: VaultStatus): string {
  const yesNo = (b: boolean) => (b ? 'yes' : 'no');
  const lines = [
    `backend:   ${status.backend ? BACKEND_LABEL[status.backend] : 'none'}`,
    `available: ${yesNo(status.available)}`,
    `unlocked:  ${yesNo(status.unlocked)}`,
    `secrets:   ${status.count}`,
  ];
  if (status.reason) lines.push(`note:      ${status.reason.replace(/\n/g, '\n           ')}`);
  return lines.join('\n') + '\n';
}

/** Exit 0 when the vault can be used, 1 when not (the reason is in the output). Never prompts. */
export async function runVaultStatus(io: VaultCliIO, options: { json?: boolean } = {}): Promise<number> {
  try {
    const home = homeOf(io);
    const status = await vaultStatus({ home, backend: readConfiguredBackend(home), env: io.env, passphrase: terminalPassphrase(io) });
    io.stdout.write(options.json ? JSON.stringify(status) + '\n' : formatStatus(status));
    return status.available ? EXIT_OK : EXIT_FAILURE;
  } catch (err) {
    return fail(io, err);
  }
}

export function runVaultList(io: VaultCliIO, options: { json?: boolean } = {}): Promise<number> {
  return withVault(io, async (vault) => {
    const names = await vault.list();
    io.stdout.write(options.json ? JSON.stringify(names) + '\n' : names.map((n) => n + '\n').join(''));
    return EXIT_OK;
  });
}

export async function runVaultSet(io: VaultCliIO, key: string): Promise<number> {
  try {
    assertVaultKey(key); // before asking for anything
  } catch (err) {
    return fail(io, err);
  }
  return withVault(io, async (vault) => {
    const value = io.stdin.isTTY
      ? await readMaskedLine(io.stdin, io.stderr, `Value for ${key}: `)
      : await readPipedSecret(io.stdin);
    await vault.set(key, value);
    io.stdout.write(`Stored ${key} in the ${BACKEND_LABEL[vault.backend]}.\n`);
    return EXIT_OK;
  });
}

export async function runVaultDelete(io: VaultCliIO, key: string): Promise<number> {
  try {
    assertVaultKey(key);
  } catch (err) {
    return fail(io, err);
  }
  return withVault(io, async (vault) => {
    if (await vault.delete(key)) {
      io.stdout.write(`Deleted ${key}.\n`);
      return EXIT_OK;
    }
    io.stderr.write(`pyra vault: ${key} is not in the vault.\n`);
    return EXIT_FAILURE;
  });
}

export function runVaultMigrate(io: VaultCliIO, to: string): Promise<number> {
  if (!isBackendName(to)) {
    io.stderr.write(`pyra vault: --to must be "keychain" or "file", not ${JSON.stringify(to)}.\n`);
    return Promise.resolve(EXIT_USAGE);
  }
  return withVault(io, async (vault) => {
    if (vault.backend === to) {
      io.stdout.write(`The secrets are already in the ${BACKEND_LABEL[to]}.\n`);
      return EXIT_OK;
    }
    const report = await vault.migrate(to);
    io.stdout.write(`Moved ${report.moved.length} secret(s) from the ${BACKEND_LABEL[report.from]} to the ${BACKEND_LABEL[to]}.\n`);
    if (report.leftInSource.length > 0) {
      io.stderr.write(
        `pyra vault: copies of ${report.leftInSource.join(', ')} could not be removed from the ${report.from} backend; ` +
          'they are safe in both places. Delete them there by hand.\n',
      );
    }
    const configured = readConfiguredBackend(vault.home);
    if (configured && configured !== to) {
      io.stdout.write(`config.json still says "vault": {"backend": "${configured}"}; change it to "${to}".\n`);
    }
    return EXIT_OK;
  });
}

/**
 * yargs reports usage mistakes here (missing or unknown arguments, bad --to): print them with a pointer
 * to the help and exit 2. Errors thrown by a handler are not usage errors and go on up.
 */
function usageFailure(extraHint = '') {
  return (message: string | undefined, err: Error | undefined): never => {
    if (err) throw err;
    const hint = message?.startsWith('Unknown argument') ? extraHint : '';
    process.stderr.write(`pyra vault: ${message ?? 'invalid usage'}\n${hint}Run "pyra vault --help" for usage.\n`);
    // Like yargs' own exit on a usage error (stderr writes are synchronous on Linux pipes, files and
    // terminals); returning instead would let yargs run the handler anyway.
    process.exit(EXIT_USAGE);
  };
}

const VALUE_NOT_IN_ARGV =
  'A secret is never taken from the command line (shell history and ps would keep it): type it at the ' +
  'prompt, or pipe it, e.g. pyra vault set provider:openai:api_key < key.txt\n';

/** Sets the exit code and lets the streams drain instead of calling process.exit(). */
async function exitWith(run: Promise<number>): Promise<void> {
  process.exitCode = await run;
}

export const vaultCommand: CommandModule = {
  command: 'vault <command>',
  describe: 'Manage stored secrets (OS keychain or encrypted file); values are never printed',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'status',
        describe: 'Show the backend, whether it can be used, and how many secrets it holds (exit 1 if unusable)',
        builder: (y: Argv) => y.option('json', { type: 'boolean', describe: 'Print JSON' }).strict(),
        handler: (argv) => exitWith(runVaultStatus(processIO(), { json: Boolean(argv.json) })),
      })
      .command({
        command: 'list',
        describe: 'List the names of the stored secrets',
        builder: (y: Argv) => y.option('json', { type: 'boolean', describe: 'Print a JSON array' }).strict(),
        handler: (argv) => exitWith(runVaultList(processIO(), { json: Boolean(argv.json) })),
      })
      .command({
        command: 'set <key>',
        describe: 'Store a secret: typed at a masked prompt, or piped on stdin (never given as an argument)',
        builder: (y: Argv) =>
          y
            .positional('key', { type: 'string', describe: 'provider:<id>:api_key or plugin:<name>:<key>' })
            .strict()
            .fail(usageFailure(VALUE_NOT_IN_ARGV)),
        handler: (argv) => exitWith(runVaultSet(processIO(), String(argv.key))),
      })
      .command({
        command: 'delete <key>',
        describe: 'Delete a secret',
        builder: (y: Argv) => y.positional('key', { type: 'string', describe: 'The secret\'s name' }).strict(),
        handler: (argv) => exitWith(runVaultDelete(processIO(), String(argv.key))),
      })
      .command({
        command: 'migrate',
        describe: 'Move every secret to the other backend, verifying each one before removing it from the source',
        builder: (y: Argv) =>
          y
            .option('to', { choices: ['keychain', 'file'] as const, demandOption: true, describe: 'The target backend' })
            .strict(),
        handler: (argv) => exitWith(runVaultMigrate(processIO(), String(argv.to))),
      })
      .demandCommand(1, 'Choose a vault command: status, list, set, delete or migrate.')
      .strict()
      .fail(usageFailure()),
  handler: () => {},
};
