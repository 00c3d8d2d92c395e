/**
 * A TCP proxy on 127.0.0.1 in front of a test server, able to cut connections on cue: with
 * `cutWhenClientSends(/UID MOVE/)` the next client chunk matching the pattern is not forwarded and
 * both sides are destroyed, so a client sees its connection drop in the middle of that command.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  host: '127.0.0.1';
  port: number;
  /** Arms a one-shot cut for the next client chunk that matches. Resolves when the cut happened. */
  cutWhenClientSends(pattern: RegExp): Promise<void>;
  /** Destroys every open connection now. */
  cutAll(): void;
  stop(): Promise<void>;
}

export async function startTcpProxy(target: { host?: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let armed: { pattern: RegExp; done: () => void } | null = null;

  const server = createServer((client) => {
    const upstream = connect({ host: target.host ?? '127.0.0.1', port: target.port });
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('data', (chunk: Buffer) => {
      if (armed && armed.pattern.test(chunk.toString('latin1'))) {
        const { done } = armed;
        armed = null;
        close();
        done();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const cutAll = (): void => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    host: '127.0.0.1',
    port,
    cutWhenClientSends: (pattern) => new Promise<void>((resolve) => (armed = { pattern, done: resolve })),
    cutAll,
    stop: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}
