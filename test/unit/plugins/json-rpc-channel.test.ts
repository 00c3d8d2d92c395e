import { expect } from 'chai';
import { JsonRpcChannel, RpcError, RpcTimeoutError, type ChannelHandlers } from '../../../app/plugins/json-rpc-channel.js';

/** A channel whose "child" is the test: `sent` holds what the host wrote, `reply` feeds the host. */
function pair(handlers: Partial<ChannelHandlers> = {}) {
  const sent: Record<string, unknown>[] = [];
  const notes: [string, unknown][] = [];
  const violations: string[] = [];
  const channel = new JsonRpcChannel((line) => sent.push(JSON.parse(line)), { maxLineBytes: 1024, maxBytesPerSecond: 1e9 }, {
    onRequest: handlers.onRequest ?? (async () => null),
    onNotification: (method, params) => notes.push([method, params]),
    onViolation: (reason) => violations.push(reason),
  });
  const reply = (message: unknown) => channel.push(Buffer.from(JSON.stringify(message) + '\n'));
  return { channel, sent, notes, violations, reply };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('JSON-RPC channel (host side of a plugin runner)', function () {
  it('matches responses to requests by id, results and errors', async function () {
    const { channel, sent, reply } = pair();
    const a = channel.request('tools/list', {});
    const b = channel.request('tools/call', { name: 'x' });
    expect(sent).to.deep.equal([
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'x' } },
    ]);
    reply({ jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'unknown tool' } });
    reply({ jsonrpc: '2.0', id: 1, result: { tools: [] } });
    expect(await a.result).to.deep.equal({ tools: [] });
    const err = await b.result.catch((e: unknown) => e);
    expect(err).to.be.instanceOf(RpcError).and.to.include({ code: -32602, message: 'unknown tool' });
  });

  it('times out, abandons, and rejects everything on close; late answers are ignored', async function () {
    const { channel, reply } = pair();
    const timed = channel.request('initialize', {}, 20);
    expect(await timed.result.catch((e: unknown) => e)).to.be.instanceOf(RpcTimeoutError);
    reply({ jsonrpc: '2.0', id: timed.id, result: 'late' });
    const abandoned = channel.request('x', {});
    channel.abandon(abandoned.id, new Error('cancelled'));
    expect(((await abandoned.result.catch((e: Error) => e)) as Error).message).to.equal('cancelled');
    const pending = channel.request('y', {});
    channel.close(new Error('gone'));
    expect(((await pending.result.catch((e: Error) => e)) as Error).message).to.equal('gone');
    expect(((await channel.request('z', {}).result.catch((e: Error) => e)) as Error).message).to.equal('gone');
    expect(channel.inFlight).to.equal(0);
  });

  it("answers the child's requests and passes on its notifications", async function () {
    const { sent, notes, reply } = pair({
      onRequest: async (method, params) => {
        if (method === 'pyra/secrets/get') return `value of ${(params as { key: string }).key}`;
        throw new RpcError('nope', -32601);
      },
    });
    reply({ jsonrpc: '2.0', id: 'p1', method: 'pyra/secrets/get', params: { key: 'token' } });
    reply({ jsonrpc: '2.0', id: 'p2', method: 'other' });
    reply({ jsonrpc: '2.0', method: 'pyra/crashed', params: { message: 'x' } });
    await tick();
    expect(sent).to.deep.equal([
      { jsonrpc: '2.0', id: 'p1', result: 'value of token' },
      { jsonrpc: '2.0', id: 'p2', error: { code: -32601, message: 'nope' } },
    ]);
    expect(notes).to.deep.equal([['pyra/crashed', { message: 'x' }]]);
  });

  it('limits how many child requests may wait at once', async function () {
    const { sent, reply } = pair({ onRequest: () => new Promise(() => {}) });
    for (let i = 0; i < 17; i++) reply({ jsonrpc: '2.0', id: `p${i}`, method: 'pyra/secrets/get', params: {} });
    await tick();
    expect(sent).to.deep.equal([{ jsonrpc: '2.0', id: 'p16', error: { code: -32000, message: 'too many requests at once' } }]);
  });

  it('reports output that is not JSON-RPC, once', function () {
    const { channel, violations } = pair();
    channel.push(Buffer.from('hello\n{"jsonrpc":"1.0"}\n'));
    expect(violations).to.deep.equal(['wrote something other than JSON-RPC on stdout']);
    const other = pair();
    other.channel.push(Buffer.from('{"jsonrpc":"1.0","id":1}\n'));
    expect(other.violations).to.deep.equal(['sent a message that is not JSON-RPC 2.0']);
  });
});
