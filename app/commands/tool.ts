/**
 * `pyra tool run PLUGIN.TOOL --args JSON`: one call through the same approval path as the dashboard
 * (stored rules and policy first, otherwise a y/N question on the terminal). Without a terminal
 * there is nobody to ask: only a stored rule can allow the call.
 */
import { createInterface } from 'node:readline';
import type { Argv, CommandModule } from 'yargs';
import { createApprovalService } from '../approvals/approval-service.js';
import { openPermissionsStore } from '../approvals/permissions-store.js';
import { logToolExecution } from '../approvals/tool-log.js';
import { homePaths } from '../config/home.js';
import { checkSchema, type SchemaNode } from '../config/schema-check.js';
import { createToolHost } from '../plugins/tool-host.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, cliHome, cliVault, processIO, type CliIO } from '../plugins/terminal-io.js';
import { scanText } from '../security/injection-scanner.js';
import { initialState, type ApprovalRequest } from '../store/state.js';
import { createStore } from '../store/store.js';
import { pyraVersion } from '../version.js';

function askYesNo(io: CliIO, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, output: io.stderr, terminal: true });
    rl.once('SIGINT', () => {
      rl.close();
      resolve(false);
    });
    rl.question(question, (answer) => {
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

function describe(r: ApprovalRequest): string {
  const findings = r.findings.length ? `\n  ⚠ possible prompt injection: ${r.findings.map((f) => `${f.category} (${f.excerpt})`).join('; ')}` : '';
  return `Tool call: ${r.plugin} › ${r.tool}   risk: ${r.risk}   asked by: ${r.source}\n  ${r.description}\nArguments:\n${r.argsText.replace(/^/gm, '  ')}${findings}\n`;
}

export async function runTool(io: CliIO, target: string, argsText: string): Promise<number> {
  const m = /^([a-z0-9][a-z0-9_-]{0,63})\.([a-z0-9][a-z0-9_-]{0,63})$/.exec(target);
  if (!m) {
    io.stderr.write(`pyra tool run: "${target}" is not PLUGIN.TOOL (e.g. time-and-units.now)\n`);
    return EXIT_USAGE;
  }
  let args: unknown;
  try {
    args = JSON.parse(argsText);
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new Error('not an object');
  } catch (err) {
    io.stderr.write(`pyra tool run: --args must be a JSON object (${(err as Error).message})\n`);
    return EXIT_USAGE;
  }
  const home = cliHome(io);
  const paths = homePaths(home);
  const host = createToolHost({ home, vault: cliVault(io, home, { ask: Boolean(io.stdin.isTTY) }) });
  try {
    await host.start();
    const [plugin, name] = [m[1]!, m[2]!];
    const tool = host.tools().find((t) => t.plugin === plugin && t.tool === name);
    if (!tool) {
      const status = host.plugins().find((p) => p.name === plugin);
      const why = !status ? `no plugin or MCP server named ${plugin}` : status.state !== 'loaded' ? `${plugin} is ${status.state}${status.reason ? `: ${status.reason}` : ''}` : `${plugin} has no tool ${name} (it has: ${status.tools.map((t) => t.tool).join(', ')})`;
      io.stderr.write(`pyra tool run: ${why}\n`);
      return EXIT_FAILURE;
    }
    const problems = checkSchema(tool.parameters as SchemaNode, args);
    if (problems.length) {
      io.stderr.write(`pyra tool run: invalid arguments: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}\n`);
      return EXIT_USAGE;
    }
    const store = createStore(initialState({ version: pyraVersion(), cols: 80, rows: 24, theme: 'dark', memoryRoot: paths.memory, pluginsDir: paths.plugins }));
    const approvals = createApprovalService(store, openPermissionsStore(home), paths.toolLog);
    store.subscribe((state, previous) => {
      const fresh = state.approvals.queue.filter((r) => !previous.approvals.queue.some((p) => p.id === r.id));
      for (const r of fresh) {
        io.stderr.write(describe(r));
        if (!io.stdin.isTTY) {
          io.stderr.write('No terminal to ask: denied. (A stored rule can allow it: approve with "a" in the dashboard.)\n');
          approvals.decide(r.id, { kind: 'deny', reason: 'no terminal to ask' });
        } else void askYesNo(io, 'Allow this call? [y/N] ').then((yes) => approvals.decide(r.id, yes ? { kind: 'once' } : { kind: 'deny' }));
      }
    });
    const decision = await approvals.request({ source: 'cli', tool, args });
    if (!decision.allowed) {
      io.stderr.write(`Denied${decision.reason ? `: ${decision.reason}` : ''}.\n`);
      return EXIT_FAILURE;
    }
    const result = await host.call(decision.grant);
    logToolExecution(paths.toolLog, { source: 'cli', plugin: tool.plugin, tool: tool.tool, decision: 'allowed', decidedBy: decision.decidedBy, args: decision.args, result: result.text, durationMs: result.durationMs, error: result.error });
    if (!result.ok) {
      io.stderr.write(`pyra tool run: ${result.error ?? 'the tool failed'}\n`);
      return EXIT_FAILURE;
    }
    const scan = scanText(result.text);
    if (scan.verdict !== 'clean') io.stderr.write(`⚠ the result may contain a prompt injection (${scan.findings.map((f) => f.category).slice(0, 3).join(', ')})\n`);
    io.stdout.write(result.text + (result.text.endsWith('\n') ? '' : '\n'));
    if (result.truncated) io.stderr.write('(the result was truncated to the size cap)\n');
    return EXIT_OK;
  } finally {
    await host.stop();
  }
}

export const toolCommand: CommandModule = {
  command: 'tool <action> <target>',
  describe: 'Run one plugin tool through the approval path (asks y/N on a terminal)',
  builder: (y: Argv) =>
    y
      .positional('action', { choices: ['run'] as const, describe: 'run' })
      .positional('target', { type: 'string', describe: 'PLUGIN.TOOL, e.g. time-and-units.now' })
      .option('args', { type: 'string', default: '{}', describe: 'the arguments as a JSON object' }),
  handler: async (argv) => {
    process.exitCode = await runTool(processIO(), String(argv.target), String(argv.args));
  },
};
