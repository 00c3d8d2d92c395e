/**
 * A real streamable-HTTP MCP server for the tests, built from the SDK's server classes on node:http
 * (stateless: one server per request). It requires `Authorization: Bearer <token>` and records the
 * authorization headers it saw, so a test can check the vault token was sent, and only there.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

export interface TestHttpMcpServer {
  url: string;
  seenAuthorization: (string | undefined)[];
  close(): Promise<void>;
}

function mcpServer(): Server {
  const server = new Server({ name: 'test-http', version: '1.2.3' }, { capabilities: { tools: {} }, instructions: 'Use shout for emphasis.' });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      {
        name: 'shout',
        description: 'Upper-cases text.',
        inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
        annotations: { readOnlyHint: true },
      },
      { name: 'Weird.Name', description: 'A name that is not id-safe.', inputSchema: { type: 'object' } },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    if (request.params.name === 'shout') return { content: [{ type: 'text', text: String(request.params.arguments?.text ?? '').toUpperCase() }] };
    if (request.params.name === 'Weird.Name') return { content: [{ type: 'text', text: 'weird ok' }] };
    return { content: [{ type: 'text', text: 'unknown tool' }], isError: true };
  });
  return server;
}

export async function startHttpMcpServer(token: string): Promise<TestHttpMcpServer> {
  const seenAuthorization: (string | undefined)[] = [];
  const http: HttpServer = createServer(async (req, res) => {
    seenAuthorization.push(req.headers.authorization);
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
      return;
    }
    const server = mcpServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    seenAuthorization,
    close: () => new Promise((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    }),
  };
}
