/**
 * A scripted LLM server for tests and benchmarks: a real HTTP server on 127.0.0.1 (OS-picked port)
 * that speaks both wire protocols Pyra uses, driven by a queue of steps, recording every request.
 *
 *   OpenAI-compatible:  POST /v1/chat/completions (SSE when `stream: true`, JSON otherwise)
 *                       GET  /v1/models
 *   Ollama:             POST /api/chat (NDJSON when `stream` is not false, JSON otherwise)
 *                       GET  /api/tags, GET /api/version
 *
 * Usage:
 *
 *   const llm = await startScriptedLlm();
 *   llm.enqueue(replyFromMarkdown('# Hello\n\nSome **bold** text.', 8));      // a streamed reply
 *   llm.enqueue({ kind: 'reply', toolCalls: [{ name: 'read_note', arguments: { path: 'a.md' } }] });
 *   llm.enqueue({ kind: 'status', status: 429, retryAfter: 1 });              // a fault
 *   // point the client at llm.openaiBaseUrl (…/v1) or llm.ollamaHost (…:port)
 *   expect(llm.requests[0].headers.authorization).to.equal('Bearer sk-test');
 *   await llm.close();
 *
 * Each chat request takes the first queued step meant for chat (`on` absent, 'chat' or 'any'); a
 * models request takes the first step with `on: 'models'` or `'any'`, else it is answered with the
 * model list (`options.models`, or `setModels()`). A chat request with nothing queued gets
 * `options.fallback` when set, else HTTP 500 "scripted server: no step queued" (so a test that forgot
 * to enqueue fails loudly rather than hanging).
 *
 * Chunks: a reply is sent as frames (OpenAI: one SSE `data:` event each; Ollama: one NDJSON line
 * each): a role frame (OpenAI only), one per text chunk, per tool call (OpenAI: a header frame then
 * the arguments split in `argumentChunks` pieces; Ollama: one frame with every call whole, arguments
 * as objects), a finish frame (Ollama: `done: true` with the token counts), a usage frame (OpenAI, when
 * the request asked for it with stream_options.include_usage), then `[DONE]` (OpenAI).
 * `afterChunks` in the fault steps counts these frames.
 *
 * Faults: `status` (401/403/404/429 + retryAfter/500/503 …, or `status: 200` with a `body` to play a
 * server that is not an API), `reset` (socket destroyed before any response), `hang` (no response, or
 * a response that stops after N frames), `cut` (socket destroyed after N frames), `malformed` (broken
 * JSON after N frames). For "connection refused" point the client at `refusedBaseUrl()`, or call
 * `close()` first. Steps with `on: 'models'` fault the model-list endpoints instead.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { STATUS_TEXT, errorBody, modelList, ollamaFrames, openAiFrames, protocolOf, type Protocol } from './scripted-llm-frames.js';

export type { Protocol };

export interface ScriptedToolCall {
  /** OpenAI call id; defaults to `call_<n>`. Ollama sends none. */
  id?: string;
  name: string;
  /** An object (sent as JSON text to OpenAI clients, as an object to Ollama clients) or raw text. */
  arguments: string | Record<string, unknown>;
  /** OpenAI only: how many chunks the arguments text is split into (default 3). */
  argumentChunks?: number;
}

/** Which endpoint a step is meant for; default 'chat'. */
export type StepTarget = 'chat' | 'models' | 'any';

/** A normal streamed reply. */
export interface ReplyStep {
  kind: 'reply';
  /** The text, already split into the chunks to send (see splitIntoChunks / replyFromMarkdown). */
  chunks?: string[];
  toolCalls?: ScriptedToolCall[];
  /** Defaults to a count derived from the request and the reply; null sends no usage. */
  usage?: { inputTokens: number; outputTokens: number } | null;
  /** Defaults to 'tool_calls' when there are tool calls, else 'stop'. */
  finishReason?: string;
  /** Pause between frames, in ms (default 2; the first frame goes out at once). */
  delayMs?: number;
  on?: 'chat';
}

/** An HTTP error status with an error body in the protocol's shape. */
export interface StatusStep {
  kind: 'status';
  status: number;
  /** The error message in the body (default: a short description of the status). */
  message?: string;
  /** Sent as the `retry-after` header (seconds, or an HTTP date). */
  retryAfter?: number | string;
  headers?: Record<string, string>;
  /** A raw body instead of the protocol's JSON error shape. */
  body?: string;
  on?: StepTarget;
}

/** Destroys the socket before any response: the client sees a reset connection. */
export interface ResetStep {
  kind: 'reset';
  on?: StepTarget;
}

/**
 * Never finishes: with `afterChunks` undefined no status line is sent at all; otherwise the headers and
 * that many frames of `reply` go out and then nothing. The socket stays open until the client gives
 * up or the server is closed.
 */
export interface HangStep {
  kind: 'hang';
  afterChunks?: number;
  reply?: ReplyStep;
  on?: StepTarget;
}

/** Sends `afterChunks` frames of `reply`, then destroys the socket mid-response. */
export interface CutStep {
  kind: 'cut';
  afterChunks: number;
  reply?: ReplyStep;
  on?: 'chat';
}

/** Sends `afterChunks` frames of `reply`, then one frame whose JSON is broken, then ends normally. */
export interface MalformedStep {
  kind: 'malformed';
  afterChunks?: number;
  reply?: ReplyStep;
  /** The broken payload (default `{"choices": [ {oops`). */
  data?: string;
  on?: 'chat';
}

export type ScriptStep = ReplyStep | StatusStep | ResetStep | HangStep | CutStep | MalformedStep;

export interface RecordedRequest {
  method: string;
  /** The path with the query string. */
  path: string;
  protocol: Protocol | 'unknown';
  endpoint: 'chat' | 'models' | 'other';
  /** Lower-cased header names, as Node gives them (e.g. `authorization`). */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when there was none or it was not JSON. */
  body: any;
  rawBody: string;
  /** The step that answered it (undefined: model list, fallback-less 500, or not found). */
  step?: ScriptStep;
}

export interface ScriptedLlmOptions {
  /** Model ids for /v1/models and /api/tags (default ['scripted-model', 'scripted-model-large']). */
  models?: string[];
  /** Answers chat requests when the queue is empty (e.g. for interactive e2e sessions). */
  fallback?: ScriptStep;
}

export interface ScriptedLlm {
  /** http://127.0.0.1:PORT */
  url: string;
  /** `${url}/v1`, the OpenAI SDK's baseURL */
  openaiBaseUrl: string;
  /** `${url}`, the Ollama SDK's host */
  ollamaHost: string;
  port: number;
  /** Adds steps to the end of the queue. */
  enqueue(...steps: ScriptStep[]): void;
  /** Steps not yet used. */
  pending(): number;
  setModels(models: string[]): void;
  /** Every request so far, oldest first. */
  requests: RecordedRequest[];
  /** Resolves when at least `count` requests have been received. */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>;
  /** Stops listening and destroys every open connection (hanging ones included). Safe to call twice. */
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Splits text into at most `count` chunks of whole words (with their trailing spaces) that join back to it. */
export function splitIntoChunks(text: string, count: number): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  if (words.length <= count) return words;
  const chunks: string[] = [];
  const per = words.length / count;
  for (let i = 0; i < count; i++) chunks.push(words.slice(Math.round(i * per), Math.round((i + 1) * per)).join(''));
  return chunks.filter((c) => c !== '');
}

/** A reply streaming `markdown` in about `tokens` chunks. */
export function replyFromMarkdown(markdown: string, tokens = 20, extra: Partial<ReplyStep> = {}): ReplyStep {
  return { kind: 'reply', chunks: splitIntoChunks(markdown, tokens), ...extra };
}

/** A base URL on which nothing listens (the port was free a moment ago): connections are refused. */
export async function refusedBaseUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function endpointOf(method: string, path: string): RecordedRequest['endpoint'] {
  const bare = path.split('?')[0]!;
  if (method === 'POST' && (bare === '/v1/chat/completions' || bare === '/api/chat')) return 'chat';
  if (method === 'GET' && (bare === '/v1/models' || bare === '/api/tags')) return 'models';
  return 'other';
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendStatus(res: ServerResponse, protocol: Protocol, step: StatusStep): void {
  const headers: Record<string, string> = { ...step.headers };
  if (step.retryAfter !== undefined) headers['retry-after'] = String(step.retryAfter);
  if (step.body !== undefined) {
    res.writeHead(step.status, { 'content-type': 'text/plain', ...headers });
    res.end(step.body);
    return;
  }
  const message = step.message ?? STATUS_TEXT[step.status] ?? `HTTP ${step.status} (scripted)`;
  sendJson(res, step.status, errorBody(protocol, step.status, message), headers);
}

export async function startScriptedLlm(options: ScriptedLlmOptions = {}): Promise<ScriptedLlm> {
  const queue: ScriptStep[] = [];
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  const sockets = new Set<Socket>();
  let models = options.models ?? ['scripted-model', 'scripted-model-large'];
  let closed = false;

  const take = (target: 'chat' | 'models'): ScriptStep | undefined => {
    const index = queue.findIndex((step) => (step.on ?? 'chat') === target || step.on === 'any');
    return index < 0 ? undefined : queue.splice(index, 1)[0];
  };

  async function writeFrames(res: ServerResponse, frames: string[], delayMs: number, stopAfter = Infinity): Promise<boolean> {
    for (let i = 0; i < frames.length && i < stopAfter; i++) {
      if (i > 0 && delayMs > 0) await sleep(delayMs);
      if (res.destroyed || closed) return false;
      res.write(frames[i]);
    }
    return true;
  }

  async function streamReply(req: RecordedRequest, res: ServerResponse, step: ScriptStep & { kind: 'reply' | 'hang' | 'cut' | 'malformed' }): Promise<void> {
    const protocol = req.protocol === 'ollama' ? 'ollama' : 'openai';
    const reply: ReplyStep = step.kind === 'reply' ? step : (step.reply ?? { kind: 'reply', chunks: ['Hello', ' there', ', this', ' is', ' scripted.'] });
    const frames = protocol === 'ollama' ? ollamaFrames(reply, req.body) : openAiFrames(reply, req.body);
    const delayMs = reply.delayMs ?? 2;
    res.writeHead(200, {
      'content-type': protocol === 'ollama' ? 'application/x-ndjson' : 'text/event-stream',
      'cache-control': 'no-cache',
    });
    if (step.kind === 'reply') {
      if (await writeFrames(res, frames, delayMs)) res.end();
      return;
    }
    const after = step.afterChunks ?? 0;
    if (!(await writeFrames(res, frames, delayMs, after))) return;
    if (after > 0) await sleep(delayMs);
    if (step.kind === 'cut') {
      res.socket?.destroy();
    } else if (step.kind === 'malformed') {
      const bad = step.data ?? '{"choices": [ {oops';
      res.end(protocol === 'ollama' ? `${bad}\n` : `data: ${bad}\n\n`);
    }
    // 'hang': leave the response open.
  }

  function answerJson(req: RecordedRequest, res: ServerResponse, step: ReplyStep): void {
    const text = (step.chunks ?? []).join('');
    if (req.protocol === 'ollama') {
      const frames = ollamaFrames(step, req.body).map((line) => JSON.parse(line) as Record<string, unknown>);
      const last = frames[frames.length - 1]!;
      sendJson(res, 200, { ...last, message: { role: 'assistant', content: text } });
      return;
    }
    sendJson(res, 200, {
      id: 'chatcmpl-scripted',
      object: 'chat.completion',
      created: 0,
      model: req.body?.model ?? 'scripted-model',
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: step.finishReason ?? 'stop' }],
    });
  }

  async function answer(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const protocol: Protocol = record.protocol === 'ollama' ? 'ollama' : 'openai';
    if (record.endpoint === 'other') {
      if (record.path.startsWith('/api/version')) return sendJson(res, 200, { version: '0.0.0-scripted' });
      return sendJson(res, 404, errorBody(protocol, 404, `scripted server: no route ${record.method} ${record.path}`));
    }
    const step = take(record.endpoint) ?? (record.endpoint === 'chat' ? options.fallback : undefined);
    record.step = step;
    if (!step) {
      if (record.endpoint === 'models') return sendJson(res, 200, modelList(protocol, models));
      return sendJson(res, 500, errorBody(protocol, 500, 'scripted server: no step queued'));
    }
    switch (step.kind) {
      case 'status':
        return sendStatus(res, protocol, step);
      case 'reset':
        res.socket?.destroy();
        return;
      case 'hang':
        if (step.afterChunks === undefined) return; // not even a status line
        return streamReply(record, res, step);
      case 'reply':
        if (record.endpoint === 'models') return sendJson(res, 200, modelList(protocol, models));
        if (record.body?.stream === false || (protocol === 'openai' && record.body?.stream !== true)) return answerJson(record, res, step);
        return streamReply(record, res, step);
      case 'cut':
      case 'malformed':
        return streamReply(record, res, step);
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const rawBody = await readBody(req);
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const path = req.url ?? '/';
      const record: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        protocol: protocolOf(path),
        endpoint: endpointOf(req.method ?? 'GET', path),
        headers: { ...req.headers },
        body,
        rawBody,
      };
      requests.push(record);
      for (const wake of [...waiters]) wake();
      await answer(record, res);
    })().catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: `scripted server failed: ${String(err)}` });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    ollamaHost: url,
    port,
    requests,
    enqueue: (...steps) => void queue.push(...steps),
    pending: () => queue.length,
    setModels: (next) => void (models = [...next]),
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(requests.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`scripted server: ${requests.length} of ${count} requests after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
