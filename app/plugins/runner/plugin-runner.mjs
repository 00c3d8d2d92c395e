// Pyra's plugin runner: runs ONE plugin in a child Node process and speaks MCP (JSON-RPC 2.0, one
// message per line) with the host over stdin/stdout.
//
// Started by app/plugins/plugin-process.ts as
//   node --permission --allow-fs-read=<this file> --allow-fs-read=<plugin folder> … plugin-runner.mjs ENTRY NAME
// with an empty environment, so this file may import node: builtins only (it cannot read anything
// else of Pyra). MCP methods served: initialize, ping, tools/list, tools/call, notifications/cancelled.
// Pyra extensions: host → runner `pyra/setup`, `pyra/slash`; runner → host `pyra/secrets/{get,set,delete,list}`,
// `pyra/prompt`; runner → host notifications `pyra/loadFailed`, `pyra/crashed` (the reason the host
// shows when the process then exits).
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';

const PROTOCOL_VERSION = '2025-06-18';
const RESULT_CAP_BYTES = 64 * 1024;
const MAX_INPUT_BYTES = 16 * 1024 * 1024;
const MAX_TOOLS = 256;
const NO_RESPONSE = Symbol('no response');

const [entryPath, pluginName] = process.argv.slice(2);

// ---- output: stdout is the protocol; whatever the plugin prints goes to stderr, minus its secrets ----

const writeProtocol = process.stdout.write.bind(process.stdout);
const writeStderr = process.stderr.write.bind(process.stderr);
const knownSecrets = new Set();

function redactKnown(text) {
  let out = text;
  for (const secret of knownSecrets) if (secret.length >= 4) out = out.split(secret).join('[REDACTED:secret]');
  return out;
}

function printToStderr(chunk, encoding, callback) {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return writeStderr(redactKnown(text), typeof encoding === 'function' ? encoding : callback);
}

const logLine = (...values) => printToStderr(format(...values) + '\n');
for (const method of ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir']) console[method] = logLine;
process.stdout.write = printToStderr;
process.stderr.write = printToStderr;

function send(message) {
  writeProtocol(JSON.stringify(message) + '\n');
}

const notify = (method, params) => send({ jsonrpc: '2.0', method, params });

/** One line about an error, with the permission and resource when the permission model refused something. */
function describe(err) {
  if (!(err instanceof Error)) return String(err).slice(0, 500);
  let text = `${err.name}: ${err.message}`.split('\n')[0];
  if (err.code === 'ERR_ACCESS_DENIED') text += ` (permission denied: ${err.permission ?? '?'}${err.resource ? ' ' + err.resource : ''})`;
  return text.slice(0, 500);
}

const crash = (err) => {
  notify('pyra/crashed', { message: describe(err), code: err?.code });
  process.exit(70);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// ---- requests to the host (secrets, prompts) ----

const pendingHost = new Map();
let nextHostId = 0;

function askHost(method, params) {
  const id = `p${++nextHostId}`;
  send({ jsonrpc: '2.0', id, method, params });
  return new Promise((resolve, reject) => pendingHost.set(id, { resolve, reject }));
}

function settleHostRequest(message) {
  const pending = pendingHost.get(message.id);
  if (!pending) return;
  pendingHost.delete(message.id);
  if (message.error) pending.reject(new Error(String(message.error.message ?? 'the host refused the request')));
  else pending.resolve(message.result);
}

const secrets = Object.freeze({
  async get(key) {
    const value = await askHost('pyra/secrets/get', { key });
    if (typeof value === 'string') knownSecrets.add(value);
    return typeof value === 'string' ? value : null;
  },
  async set(key, value) {
    if (typeof value === 'string') knownSecrets.add(value);
    await askHost('pyra/secrets/set', { key, value });
  },
  delete: async (key) => (await askHost('pyra/secrets/delete', { key })) === true,
  list: async () => {
    const names = await askHost('pyra/secrets/list', {});
    return Array.isArray(names) ? names : [];
  },
});

function toolContext(signal) {
  return Object.freeze({ plugin: pluginName, signal, secrets, log: logLine });
}

function setupContext() {
  return Object.freeze({
    plugin: pluginName,
    secrets,
    log: logLine,
    async prompt(question) {
      const answer = await askHost('pyra/prompt', {
        label: String(question?.label ?? ''),
        masked: question?.masked === true,
        default: typeof question?.default === 'string' ? question.default : undefined,
      });
      if (question?.masked === true && typeof answer === 'string') knownSecrets.add(answer);
      return typeof answer === 'string' ? answer : '';
    },
  });
}

// ---- loading the plugin ----

function shapeProblem(plugin) {
  if (typeof plugin !== 'object' || plugin === null) return 'the module exports no plugin (a default export or `plugin`)';
  if (!Array.isArray(plugin.tools)) return 'the plugin has no `tools` list';
  if (plugin.tools.length > MAX_TOOLS) return `the plugin has more than ${MAX_TOOLS} tools`;
  for (const [i, tool] of plugin.tools.entries()) {
    if (typeof tool?.name !== 'string') return `tool #${i + 1} has no name`;
    if (typeof tool.handler !== 'function') return `tool ${tool.name} has no handler function`;
  }
  if (plugin.slashCommands !== undefined) {
    if (!Array.isArray(plugin.slashCommands)) return '`slashCommands` must be a list';
    for (const command of plugin.slashCommands) {
      if (typeof command?.name !== 'string' || typeof command.handler !== 'function') return 'a slash command needs a name and a handler';
    }
  }
  if (plugin.setup !== undefined && typeof plugin.setup !== 'function') return '`setup` must be a function';
  if (plugin.systemPrompt !== undefined && typeof plugin.systemPrompt !== 'string') return '`systemPrompt` must be text';
  return null;
}

const loaded = (async () => {
  const mod = await import(pathToFileURL(entryPath).href);
  const plugin = mod.default ?? mod.plugin;
  const problem = shapeProblem(plugin);
  if (problem) throw new Error(problem);
  return plugin;
})();

loaded.catch((err) => {
  notify('pyra/loadFailed', { message: describe(err), code: err?.code });
  process.exit(1);
});

// ---- results ----

function render(output) {
  if (typeof output === 'string') return output;
  if (output === undefined || output === null) return '';
  try {
    return JSON.stringify(output, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? String(output);
  } catch {
    return String(output);
  }
}

function textResult(text, isError, extraMeta = {}) {
  const bytes = Buffer.byteLength(text, 'utf8');
  const meta = { ...extraMeta };
  let out = text;
  if (bytes > RESULT_CAP_BYTES) {
    out = Buffer.from(text, 'utf8').subarray(0, RESULT_CAP_BYTES).toString('utf8').replace(/\uFFFD$/, '');
    meta['pyra/truncated'] = true;
    meta['pyra/bytes'] = bytes;
  }
  return { content: [{ type: 'text', text: out }], isError, ...(Object.keys(meta).length ? { _meta: meta } : {}) };
}

function errorResult(err) {
  const meta = { 'pyra/errorCode': typeof err?.code === 'string' ? err.code : undefined };
  if (err?.code === 'ERR_ACCESS_DENIED') meta['pyra/permission'] = `${err.permission ?? ''} ${err.resource ?? ''}`.trim();
  return textResult(describe(err), true, meta);
}

// ---- serving the host ----

const inflight = new Map();

async function runHandler(id, run) {
  const controller = new AbortController();
  inflight.set(id, controller);
  try {
    const output = await run(toolContext(controller.signal));
    return controller.signal.aborted ? NO_RESPONSE : textResult(render(output), false);
  } catch (err) {
    return controller.signal.aborted ? NO_RESPONSE : errorResult(err);
  } finally {
    inflight.delete(id);
  }
}

function rpcError(code, message) {
  return Object.assign(new Error(message), { rpcCode: code });
}

function toolList(plugin) {
  return plugin.tools.map((tool) => ({
    name: tool.name,
    description: typeof tool.description === 'string' ? tool.description : '',
    inputSchema: tool.parameters ?? { type: 'object', properties: {} },
    annotations: { readOnlyHint: tool.annotations?.readOnly === true, destructiveHint: tool.annotations?.destructive === true },
    _meta: { 'pyra/requiresApproval': tool.requiresApproval !== false },
  }));
}

const METHODS = {
  async initialize(plugin, params) {
    return {
      protocolVersion: typeof params?.protocolVersion === 'string' ? params.protocolVersion : PROTOCOL_VERSION,
      capabilities: {
        tools: {},
        experimental: {
          pyra: {
            setup: typeof plugin.setup === 'function',
            slashCommands: (plugin.slashCommands ?? []).map((c) => ({ name: c.name, description: String(c.description ?? '') })),
          },
        },
      },
      serverInfo: { name: pluginName, version: '0' },
      ...(plugin.systemPrompt ? { instructions: plugin.systemPrompt } : {}),
    };
  },
  ping: async () => ({}),
  'tools/list': async (plugin) => ({ tools: toolList(plugin) }),
  async 'tools/call'(plugin, params, id) {
    const tool = plugin.tools.find((t) => t.name === params?.name);
    if (!tool) throw rpcError(-32602, `unknown tool ${JSON.stringify(params?.name)}`);
    return runHandler(id, (ctx) => tool.handler(params.arguments ?? {}, ctx));
  },
  async 'pyra/slash'(plugin, params, id) {
    const command = (plugin.slashCommands ?? []).find((c) => c.name === params?.name);
    if (!command) throw rpcError(-32602, `unknown command ${JSON.stringify(params?.name)}`);
    return runHandler(id, (ctx) => command.handler(String(params.args ?? ''), ctx));
  },
  async 'pyra/setup'(plugin) {
    if (typeof plugin.setup !== 'function') throw rpcError(-32601, 'this plugin has no setup');
    await plugin.setup(setupContext());
    return {};
  },
};

async function serve(message) {
  const method = METHODS[message.method];
  try {
    if (!method) throw rpcError(-32601, `method not found: ${message.method}`);
    const plugin = await loaded;
    const result = await method(plugin, message.params, message.id);
    if (result !== NO_RESPONSE) send({ jsonrpc: '2.0', id: message.id, result });
  } catch (err) {
    send({ jsonrpc: '2.0', id: message.id, error: { code: err?.rpcCode ?? -32603, message: describe(err) } });
  }
}

function receive(line) {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return;
  }
  if (typeof message !== 'object' || message === null) return;
  if (message.method === undefined && message.id !== undefined) return settleHostRequest(message);
  if (message.id === undefined) {
    if (message.method === 'notifications/cancelled') inflight.get(message.params?.requestId)?.abort(message.params?.reason);
    return;
  }
  void serve(message);
}

let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let newline;
  while ((newline = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, newline);
    buffered = buffered.slice(newline + 1);
    if (line.trim() !== '') receive(line);
  }
  if (buffered.length > MAX_INPUT_BYTES) process.exit(2);
});
process.stdin.on('end', () => process.exit(0));
