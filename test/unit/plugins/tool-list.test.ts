import { expect } from 'chai';
import { mcpTools, pluginTools } from '../../../app/plugins/tool-list.js';

const tool = (name: unknown, extra: Record<string, unknown> = {}) => ({ name, description: 'd', inputSchema: { type: 'object', properties: {} }, ...extra });

describe('tool lists from sources', function () {
  it('takes a plugin tool with its annotations; approval opt-out only for read-only tools', function () {
    const tools = pluginTools({
      tools: [
        tool('reader', { annotations: { readOnlyHint: true }, _meta: { 'pyra/requiresApproval': false } }),
        tool('writer', { _meta: { 'pyra/requiresApproval': false } }),
        tool('wiper', { annotations: { destructiveHint: true } }),
      ],
    });
    expect(tools).to.deep.equal([
      { name: 'reader', idName: 'reader', description: 'd', parameters: { type: 'object', properties: {} }, annotations: { readOnly: true, destructive: false }, requiresApproval: false },
      { name: 'writer', idName: 'writer', description: 'd', parameters: { type: 'object', properties: {} }, annotations: { readOnly: false, destructive: false }, requiresApproval: true },
      { name: 'wiper', idName: 'wiper', description: 'd', parameters: { type: 'object', properties: {} }, annotations: { readOnly: false, destructive: true }, requiresApproval: true },
    ]);
  });

  it('fails a plugin for a bad name, a duplicate, a bad schema or a malformed list', function () {
    expect(pluginTools({ tools: [tool('Bad')] })).to.match(/tool name "Bad" is not allowed/);
    expect(pluginTools({ tools: [tool('a'), tool('a')] })).to.equal('tool a is defined twice');
    expect(pluginTools({ tools: [tool('a', { inputSchema: { type: 'string' } })] })).to.equal('tool a: its parameters schema must have type "object"');
    expect(pluginTools({ tools: [tool('a', { inputSchema: [] })] })).to.equal('tool a: its parameters must be a JSON schema object');
    expect(pluginTools({})).to.equal('its tool list is malformed');
    expect(pluginTools({ tools: Array.from({ length: 257 }, (_, i) => tool(`t${i}`)) })).to.equal('it offers more than 256 tools');
  });

  it('defaults a missing schema and cuts long descriptions', function () {
    const [t] = pluginTools({ tools: [{ name: 'x', description: 'y'.repeat(5000) }] }) as ReturnType<typeof mcpTools>['tools'];
    expect(t!.parameters).to.deep.equal({ type: 'object', properties: {} });
    expect(t!.description).to.have.length(2000);
  });

  it('makes MCP tool names id-safe and skips what cannot be used', function () {
    const { tools, skipped } = mcpTools({ tools: [tool('read.File'), tool('read_file'), tool('...'), tool('ok', { inputSchema: { type: 'array' } }), tool(7)] });
    expect(tools.map((t) => [t.name, t.idName])).to.deep.equal([['read.File', 'read_file']]);
    expect(skipped).to.deep.equal(['read_file', '...', 'ok']);
  });
});
