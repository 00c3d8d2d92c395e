/**
 * `pyra ask "question"` (or `pyra ask -` to read the question from stdin): streams one answer from
 * the configured provider to stdout as plain text, control characters removed (a model must not be
 * able to drive the terminal), and exits 0. Errors go to stderr with their remedy. Exit codes:
 * 0 answered, 1 failed, 2 usage error, 130 interrupted (Ctrl-C).
 * `--conversation NAME` continues (or starts) a stored conversation, the same ones the dashboard shows.
 */
import type { Argv, CommandModule } from 'yargs';
import { trimToBudget } from '../chat/context-budget.js';
import { openConversationStore, type ConversationStore, type StoredMessage } from '../chat/conversation-store.js';
import { assembleSystemPrompt } from '../chat/system-prompt.js';
import { readConfig } from '../config/config-file.js';
import { bootstrapHome, homePaths, pyraHome } from '../config/home.js';
import { createProviderClient, providerById, ProviderError, type ProviderMessage } from '../providers/index.js';
import { openVault, providerKey, type PassphraseProvider } from '../vault/index.js';
import { readMaskedLine, readPipedSecret } from '../vault/secret-input.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, EXIT_INTERRUPTED, type CliStreams } from './cli-io.js';
import { DEFAULT_CONTEXT_TOKENS } from '../chat/active-provider.js';

export { EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED } from './cli-io.js';

const REPLY_RESERVE_TOKENS = 1024;

export type AskIO = CliStreams;

export interface AskOptions {
  /** The question, or '-' to read it from stdin. */
  question: string;
  conversation?: string;
  /** Overrides the configured model for this question. */
  model?: string;
  /** Aborts the answer (Ctrl-C). */
  signal?: AbortSignal;
  idleTimeoutMs?: number;
}

/** Removes terminal escape sequences and control characters except newline and tab. */
export function terminalSafeText(text: string): string {
  return text
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, '') // CSI (colours, cursor moves)
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?/g, '') // OSC (titles, hyperlinks, clipboard)
    .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
}

class AskFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** The messages of a stored conversation that the model should see again. */
export function historyOf(messages: StoredMessage[]): ProviderMessage[] {
  const out: ProviderMessage[] = [];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.text });
    else if (m.role === 'assistant' && m.status !== 'error' && m.status !== 'cancelled' && (m.text !== '' || m.toolCalls?.length)) {
      out.push({ role: 'assistant', content: m.text, ...(m.toolCalls?.length ? { toolCalls: m.toolCalls } : {}) });
    } else if (m.role === 'tool') {
      out.push({ role: 'tool', content: m.text, toolCallId: m.toolCallId, toolName: m.toolName });
    }
  }
  return out;
}

function terminalPassphrase(io: AskIO, stdinUsed: boolean): PassphraseProvider | undefined {
  if (!io.stdin.isTTY || stdinUsed) return undefined;
  return () => readMaskedLine(io.stdin, io.stderr, 'Vault passphrase: ');
}

async function questionText(io: AskIO, question: string): Promise<string> {
  const text = question === '-' ? await readPipedSecret(io.stdin) : question;
  if (text.trim() === '') throw new AskFailure('The question is empty.', EXIT_USAGE);
  return text;
}

interface Conversation {
  store: ConversationStore;
  id: string;
  history: ProviderMessage[];
}

function openConversation(home: string, name: string): Conversation {
  const store = openConversationStore(homePaths(home).conversations);
  const meta = store.find(name) ?? store.create(name);
  return { store, id: meta.id, history: historyOf(store.load(meta.id).messages) };
}

export async function runAsk(io: AskIO, options: AskOptions): Promise<number> {
  let conversation: Conversation | undefined;
  let answer = '';
  try {
    const question = await questionText(io, options.question);
    const home = pyraHome(io.env);
    bootstrapHome(home);
    const config = readConfig(homePaths(home).config);
    const settings = config.provider;
    if (!settings) throw new AskFailure('No provider is configured.\nRun `pyra setup` to choose one.', EXIT_FAILURE);
    const model = options.model ?? settings.model ?? providerById(settings.id)?.defaultModel;
    if (!model) throw new AskFailure(`No model is configured for "${settings.id}".\nRun \`pyra setup\` to choose one.`, EXIT_FAILURE);

    const passphrase = terminalPassphrase(io, options.question === '-');
    const readKey = async () =>
      (await openVault({ home, backend: config.vault?.backend, env: io.env, passphrase })).get(providerKey(settings.id));
    const client = createProviderClient(settings, readKey);

    if (options.conversation) conversation = openConversation(home, options.conversation);
    const history = [...(conversation?.history ?? []), { role: 'user' as const, content: question }];
    const budget = Math.max(256, (settings.contextTokens ?? DEFAULT_CONTEXT_TOKENS) - REPLY_RESERVE_TOKENS);
    const { messages } = trimToBudget({ role: 'system', content: assembleSystemPrompt([]) }, history, budget);
    conversation?.store.append(conversation.id, { role: 'user', text: question });

    for await (const event of client.stream({ model, messages, signal: options.signal, idleTimeoutMs: options.idleTimeoutMs })) {
      if (event.type !== 'text') continue;
      answer += event.delta;
      io.stdout.write(terminalSafeText(event.delta));
    }
    if (!answer.endsWith('\n')) io.stdout.write('\n');
    conversation?.store.append(conversation.id, { role: 'assistant', text: answer, status: 'complete' });
    return EXIT_OK;
  } catch (err) {
    return report(io, err, answer, conversation);
  }
}

function report(io: AskIO, err: unknown, partial: string, conversation: Conversation | undefined): number {
  if (partial !== '' && !partial.endsWith('\n')) io.stdout.write('\n');
  const cancelled = err instanceof ProviderError && err.kind === 'cancelled';
  if (conversation) {
    try {
      if (partial) conversation.store.append(conversation.id, { role: 'assistant', text: partial, status: cancelled ? 'cancelled' : 'error' });
      if (!cancelled && err instanceof ProviderError) conversation.store.append(conversation.id, { role: 'error', text: err.message });
    } catch {
      // the answer's failure is what the user needs to see
    }
  }
  if (cancelled) {
    io.stderr.write('pyra ask: interrupted.\n');
    return EXIT_INTERRUPTED;
  }
  if (err instanceof ProviderError) {
    io.stderr.write(`pyra ask: ${err.message}\n${err.remedy}\n`);
    return EXIT_FAILURE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`pyra ask: ${message}\n`);
  return err instanceof AskFailure ? err.exitCode : EXIT_FAILURE;
}

/** Runs the command in this process: Ctrl-C cancels the answer, a closed stdout (`| head`) ends it quietly. */
async function askHere(options: Omit<AskOptions, 'signal'>): Promise<void> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  const onStdoutError = () => controller.abort();
  process.once('SIGINT', onSigint);
  process.stdout.on('error', onStdoutError);
  try {
    const io: AskIO = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
    process.exitCode = await runAsk(io, { ...options, signal: controller.signal });
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export const askCommand: CommandModule = {
  command: 'ask <question>',
  describe: 'Ask the configured model one question and print the answer ("-" reads the question from stdin)',
  builder: (y: Argv) =>
    y
      .positional('question', { type: 'string', describe: 'The question, or - to read it from stdin' })
      .option('conversation', { alias: 'c', type: 'string', describe: 'Continue (or start) the conversation with this name or id' })
      .option('model', { alias: 'm', type: 'string', describe: 'Use this model instead of the configured one' })
      .strict(),
  handler: (argv) =>
    askHere({
      question: String(argv.question),
      conversation: argv.conversation as string | undefined,
      model: argv.model as string | undefined,
    }),
};
