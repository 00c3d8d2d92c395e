/**
 * `pyra setup`: choose the LLM provider, store its key, test the connection, save the settings.
 *   pyra setup                                   prompts in the terminal (app/providers/setup-prompts.ts)
 *   pyra setup --provider ID [--base-url URL] [--model NAME] [--api-key-stdin] [--no-test]
 *                                                no prompts: the key is piped on stdin (never an argument)
 * Nothing is written unless the live connection test passes (or --no-test was given). Exit codes:
 * 0 saved, 1 failed (connection, vault), 2 usage error, 130 cancelled.
 */
import type { Argv, CommandModule } from 'yargs';
import { readConfig } from '../config/config-file.js';
import { bootstrapHome, homePaths, pyraHome } from '../config/home.js';
import type { ConnectionTest } from '../providers/client.js';
import { SetupCancelled, runInteractiveSetup } from '../providers/setup-prompts.js';
import {
  SetupError,
  checkApiKey,
  chooseProvider,
  describeTest,
  keyReaderFor,
  providerChoices,
  resolveModel,
  runConnectionTest,
  saveProviderSettings,
  settingsFrom,
  storeApiKey,
  vaultKeyFor,
  type KeyStore,
} from '../providers/setup-steps.js';
import { VaultError, openVault, readConfiguredBackend, type PassphraseProvider } from '../vault/index.js';
import { readMaskedLine, readPipedSecret } from '../vault/secret-input.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, EXIT_INTERRUPTED as EXIT_CANCELLED, type CliStreams } from './cli-io.js';

export { EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED as EXIT_CANCELLED } from './cli-io.js';

export type SetupIO = CliStreams;

export interface SetupFlags {
  provider?: string;
  baseUrl?: string;
  model?: string;
  /** Read the API key from stdin (a masked prompt when stdin is a terminal). */
  apiKeyStdin?: boolean;
  /** false with --no-test: save without the live test. */
  test?: boolean;
}

function passphraseFor(io: SetupIO, stdinTaken: boolean): PassphraseProvider | undefined {
  if (!io.stdin.isTTY || stdinTaken) return undefined;
  return async ({ purpose }) => {
    if (purpose === 'unlock') return readMaskedLine(io.stdin, io.stderr, 'Vault passphrase: ');
    const first = await readMaskedLine(io.stdin, io.stderr, 'New vault passphrase: ');
    const again = await readMaskedLine(io.stdin, io.stderr, 'Repeat the new passphrase: ');
    if (first !== again) throw new VaultError('The two passphrases differ; nothing was stored.');
    return first;
  };
}

/** Opens the vault once, on first need (a keyless provider set up without a key never opens it). */
function lazyVault(io: SetupIO, home: string, stdinTaken: boolean): () => Promise<KeyStore> {
  let opened: Promise<KeyStore> | undefined;
  return () => (opened ??= openVault({ home, backend: readConfiguredBackend(home), env: io.env, passphrase: passphraseFor(io, stdinTaken) }));
}

async function runWithFlags(io: SetupIO, flags: SetupFlags, home: string): Promise<number> {
  const info = chooseProvider(flags.provider);
  const draft = settingsFrom({ id: info.id, baseUrl: flags.baseUrl, model: flags.model });
  const vault = lazyVault(io, home, flags.apiKeyStdin === true);

  let newKey: string | null = null;
  if (flags.apiKeyStdin) {
    const typed = io.stdin.isTTY ? await readMaskedLine(io.stdin, io.stderr, `API key for ${info.label}: `) : await readPipedSecret(io.stdin);
    newKey = checkApiKey(typed);
  }
  let storedKey: string | null = null;
  if (!newKey && info.needsKey) {
    storedKey = await (await vault()).get(vaultKeyFor(info.id));
    if (!storedKey) {
      throw new SetupError(`${info.label} needs an API key: pipe it in with --api-key-stdin (get one at ${info.docs}).`, true);
    }
  }

  let test: ConnectionTest | undefined;
  if (flags.test !== false) {
    io.stdout.write(`Testing the connection to ${info.label}…\n`);
    test = await runConnectionTest(draft, keyReaderFor(newKey ?? storedKey));
    const lines = describeTest(test, draft);
    if (!test.ok) {
      io.stderr.write(`pyra setup: ${lines.join('\n')}\nNothing was saved.\n`);
      return EXIT_FAILURE;
    }
    io.stdout.write(lines.join('\n') + '\n');
  }
  const settings = { ...draft, model: resolveModel(draft, test) };
  if (newKey) io.stdout.write(`Stored the API key in the vault as ${await storeApiKey(await vault(), info.id, newKey)}.\n`);
  await saveProviderSettings(homePaths(home).config, settings);
  io.stdout.write(`Saved: ${info.label}, model ${settings.model}${settings.baseUrl ? ` at ${settings.baseUrl}` : ''}.\n`);
  return EXIT_OK;
}

export async function runSetup(io: SetupIO, flags: SetupFlags): Promise<number> {
  try {
    const home = pyraHome(io.env);
    bootstrapHome(home);
    if (flags.provider !== undefined) return await runWithFlags(io, flags, home);
    if (flags.baseUrl !== undefined || flags.model !== undefined || flags.apiKeyStdin) {
      throw new SetupError(`--base-url, --model and --api-key-stdin need --provider (one of: ${providerChoices()}).`, true);
    }
    if (!io.stdin.isTTY) {
      throw new SetupError(`Not a terminal: pass --provider ID (one of: ${providerChoices()}), or run pyra setup in a terminal.`, true);
    }
    const configFile = homePaths(home).config;
    await runInteractiveSetup(io, { configFile, current: readConfig(configFile).provider, openVault: lazyVault(io, home, false) });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof SetupCancelled) {
      io.stderr.write(`${err.message}\n`);
      return EXIT_CANCELLED;
    }
    io.stderr.write(`pyra setup: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof SetupError && err.usage ? EXIT_USAGE : EXIT_FAILURE;
  }
}

export const setupCommand: CommandModule = {
  command: 'setup',
  describe: 'Choose the LLM provider, store its API key in the vault and test the connection',
  builder: (y: Argv) =>
    y
      .option('provider', { type: 'string', describe: `Provider id (${providerChoices()}); with it, no prompts` })
      .option('base-url', { type: 'string', describe: 'Server address (local servers, custom, ollama)' })
      .option('model', { type: 'string', describe: "Model name (default: the provider's default)" })
      .option('api-key-stdin', { type: 'boolean', describe: 'Read the API key from stdin (never give it as an argument)' })
      .option('test', { type: 'boolean', default: true, describe: 'Test the connection before saving (--no-test skips it)' })
      .strict(),
  handler: async (argv) => {
    const io: SetupIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
    process.exitCode = await runSetup(io, {
      provider: argv.provider as string | undefined,
      baseUrl: argv['base-url'] as string | undefined,
      model: argv.model as string | undefined,
      apiKeyStdin: argv['api-key-stdin'] as boolean | undefined,
      test: argv.test as boolean,
    });
  },
};
