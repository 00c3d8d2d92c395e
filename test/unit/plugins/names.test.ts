import { expect } from 'chai';
import { isValidName, nameProblem, sanitizeToolName, toolId } from '../../../app/plugins/names.js';

describe('plugin names', function () {
  it('accepts lowercase names of 1-64 characters starting with a letter or digit', function () {
    for (const name of ['a', 'time-and-units', 'x_1', '0day', 'a'.repeat(64)]) expect(isValidName(name), name).to.equal(true);
    for (const name of ['', 'A', '-x', '_x', 'a.b', 'a/b', '../x', 'a b', 'a'.repeat(65), 'é', 'x\n']) expect(isValidName(name), name).to.equal(false);
  });

  it('says what is wrong', function () {
    expect(nameProblem(undefined, 'tool')).to.equal('tool name is missing');
    expect(nameProblem('Bad', 'plugin')).to.match(/^plugin name "Bad" is not allowed/);
    expect(nameProblem('ok', 'plugin')).to.equal(null);
  });

  it('builds tool ids as <plugin>__<tool>', function () {
    expect(toolId('time-and-units', 'now')).to.equal('time-and-units__now');
  });

  it('makes MCP tool names id-safe, or gives up', function () {
    expect(sanitizeToolName('readFile')).to.equal('readfile');
    expect(sanitizeToolName('fs.read file')).to.equal('fs_read_file');
    expect(sanitizeToolName('get-sum')).to.equal('get-sum');
    expect(sanitizeToolName('__x')).to.equal('x');
    expect(sanitizeToolName('...')).to.equal(null);
    expect(sanitizeToolName('x'.repeat(100))).to.have.length(64);
  });
});
