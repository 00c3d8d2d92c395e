import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_MAIN, PYRA_BIN, childEnvironment, type ChildEnvironment } from '../../helpers/pty-session.js';
import { existsSync } from 'node:fs';

/** `pyra tool run` through the real binary: the approval path without a terminal, and with a rule. */
describe('pyra tool run (built binary)', function () {
  this.timeout(30_000);
  let env: ChildEnvironment;
  const pyra = (...args: string[]) => spawnSync(process.execPath, [PYRA_BIN, ...args], { env: env.env, encoding: 'utf8', input: '' });

  before(function () {
    if (!existsSync(BUILT_MAIN)) throw new Error('dist/main.js is missing: run npm run build first');
  });
  beforeEach(() => {
    env = childEnvironment();
    expect(pyra('plugin', 'install', 'time-and-units').status).to.equal(0);
    expect(pyra('plugin', 'enable', 'time-and-units').status).to.equal(0);
  });
  afterEach(() => env.cleanup());

  it('without a terminal nobody can approve: denied, exit 1, logged', () => {
    const r = pyra('tool', 'run', 'time-and-units.convert_units', '--args', '{"value": 1, "from": "km", "to": "m"}');
    expect(r.status).to.equal(1);
    expect(r.stderr).to.include('time-and-units › convert_units').and.include('No terminal to ask: denied');
    expect(r.stdout).to.equal('');
    const log = readFileSync(join(env.pyraHome, 'logs', 'tool_executions.log'), 'utf8');
    expect(JSON.parse(log.trim().split('\n').at(-1)!)).to.include({ source: 'cli', decision: 'denied' });
  });

  it('a stored rule allows it: the result on stdout, exit 0', () => {
    writeFileSync(join(env.pyraHome, 'permissions.json'), JSON.stringify({ version: 1, rules: [{ id: 'r1', plugin: 'time-and-units', tool: 'convert_units', decision: 'allow', created: new Date().toISOString() }] }), { mode: 0o600 });
    const r = pyra('tool', 'run', 'time-and-units.convert_units', '--args', '{"value": 1, "from": "km", "to": "m"}');
    expect(r.stderr).to.equal('');
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/1 km = 1000 m/);
  });

  it('a deny rule wins, and bad targets and arguments are usage errors', () => {
    writeFileSync(join(env.pyraHome, 'permissions.json'), JSON.stringify({ version: 1, rules: [{ id: 'r1', plugin: 'time-and-units', tool: '*', decision: 'deny', created: '' }] }), { mode: 0o600 });
    expect(pyra('tool', 'run', 'time-and-units.now').stderr).to.include('A stored rule denies this call');
    expect(pyra('tool', 'run', 'not-a-target').status).to.equal(2);
    expect(pyra('tool', 'run', 'time-and-units.now', '--args', '[1]').status).to.equal(2);
    const unknown = pyra('tool', 'run', 'nope.now');
    expect(unknown.status).to.equal(1);
    expect(unknown.stderr).to.include('no plugin or MCP server named nope');
  });
});
