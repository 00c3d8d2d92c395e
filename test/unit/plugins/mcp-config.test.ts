import { expect } from 'chai';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { checkServerConfig, mcpConfigFile, readMcpConfig, updateMcpConfig, urlProblem } from '../../../app/plugins/mcp-config.js';
import { makeTempHome } from '../../helpers/temp-home.js';

describe('mcp.json', function () {
  const homes: (() => void)[] = [];
  after(() => homes.forEach((c) => c()));
  const home = () => {
    const t = makeTempHome('pyra-mcp-config-');
    homes.push(t.cleanup);
    return t.home;
  };

  it('checks stdio entries', function () {
    expect(checkServerConfig({ transport: 'stdio', command: 'npx', args: ['-y', 'srv'], env: { MODE: 'x' }, tokenEnv: 'GH_TOKEN' })).to.deep.equal({
      transport: 'stdio',
      command: 'npx',
      args: ['-y', 'srv'],
      env: { MODE: 'x' },
      enabled: true,
      tokenEnv: 'GH_TOKEN',
    });
    expect(checkServerConfig({ transport: 'stdio' })).to.equal('command is missing');
    expect(checkServerConfig({ transport: 'stdio', command: 'x', args: [1] })).to.equal('args must be a list of strings');
    expect(checkServerConfig({ transport: 'stdio', command: 'x', env: { API_KEY: 'k' } })).to.match(/looks like a secret/);
    expect(checkServerConfig({ transport: 'stdio', command: 'x', env: { 'A-B': 'k' } })).to.match(/not allowed/);
    expect(checkServerConfig({ transport: 'stdio', command: 'x', tokenEnv: 'bad name' })).to.match(/tokenEnv/);
    expect(checkServerConfig({ transport: 'ws' })).to.equal('transport must be "stdio" or "http"');
  });

  it('checks HTTP entries and their URLs', function () {
    expect(checkServerConfig({ transport: 'http', url: 'https://x.test/mcp', enabled: false, tokenHeader: { name: 'Authorization', scheme: 'Bearer' } })).to.deep.equal({
      transport: 'http',
      url: 'https://x.test/mcp',
      headers: {},
      enabled: false,
      tokenHeader: { name: 'Authorization', scheme: 'Bearer' },
    });
    expect(urlProblem('http://127.0.0.1:8080/mcp')).to.equal(null);
    expect(urlProblem('nope')).to.match(/is not a URL/);
    expect(urlProblem('ftp://x')).to.match(/http/);
    expect(urlProblem('https://a:b@x.test')).to.match(/user name or password/);
    expect(urlProblem('https://x.test/?access_token=1')).to.match(/access_token looks like a secret/);
    expect(checkServerConfig({ transport: 'http', url: 'https://x.test', tokenHeader: { name: 'bad header' } })).to.equal('tokenHeader must name a header');
  });

  it('reads valid entries and reports the others by name', function () {
    const h = home();
    writeFileSync(mcpConfigFile(h), JSON.stringify({ servers: { good: { transport: 'stdio', command: 'x' }, 'Bad Name': { transport: 'stdio', command: 'x' }, broken: { transport: 'http' } } }));
    const config = readMcpConfig(h);
    expect(Object.keys(config.servers)).to.deep.equal(['good']);
    expect(config.invalid).to.deep.equal({ 'Bad Name': 'server name "Bad Name" is not allowed (lowercase letters, digits, "_" or "-", 1-64 characters, starting with a letter or digit)', broken: 'url is missing' });
    writeFileSync(mcpConfigFile(h), '{');
    expect(readMcpConfig(h).invalid['mcp.json']).to.match(/^not valid JSON/);
  });

  it('updates the file with mode 600, keeping entries it cannot use, and refuses to overwrite broken JSON', function () {
    const h = home();
    writeFileSync(mcpConfigFile(h), JSON.stringify({ servers: { future: { transport: 'quic', x: 1 } } }), { mode: 0o644 });
    updateMcpConfig(h, (servers) => {
      servers.added = { transport: 'stdio', command: 'x' };
    });
    expect(statSync(mcpConfigFile(h)).mode & 0o777).to.equal(0o600);
    expect(JSON.parse(readFileSync(mcpConfigFile(h), 'utf8'))).to.deep.equal({ version: 1, servers: { future: { transport: 'quic', x: 1 }, added: { transport: 'stdio', command: 'x' } } });
    writeFileSync(mcpConfigFile(h), '{ broken');
    expect(() => updateMcpConfig(h, () => {})).to.throw(/not valid JSON/);
    expect(readFileSync(mcpConfigFile(h), 'utf8')).to.equal('{ broken');
  });
});
