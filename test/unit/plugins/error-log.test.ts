import { expect } from 'chai';
import { readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PluginErrorLog } from '../../../app/plugins/error-log.js';
import { makeTempHome } from '../../helpers/temp-home.js';

describe('plugin_errors.log', function () {
  const cleanups: (() => void)[] = [];
  after(() => cleanups.forEach((c) => c()));
  function logPath(): string {
    const t = makeTempHome('pyra-plugin-log-');
    cleanups.push(t.cleanup);
    return join(t.home, 'plugin_errors.log');
  }

  it('writes one redacted, flattened line per event, mode 600', function () {
    const path = logPath();
    const log = new PluginErrorLog(path);
    log.event('demo', 'failed: key sk-proj-abcdefghijklmnopqrstuvwx\nsecond line\u001b[31m');
    const text = readFileSync(path, 'utf8');
    expect(text).to.match(/^\d{4}-\d\d-\d\dT[^ ]+ \[demo\] failed: key \[REDACTED:openai_key\] ⏎ second line \[31m\n$/);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
  });

  it('logs stderr line by line up to a cap, then one note, and remembers the last lines', function () {
    const path = logPath();
    const sink = new PluginErrorLog(path).stderrSink('noisy');
    sink.write(Buffer.from('first part '));
    sink.write(Buffer.from('of a line\nsecond'));
    sink.flush();
    expect(readFileSync(path, 'utf8')).to.include('[noisy] stderr: first part of a line\n').and.to.include('[noisy] stderr: second\n');
    for (let i = 0; i < 200; i++) sink.write(Buffer.from('x'.repeat(999) + '\n'));
    const text = readFileSync(path, 'utf8');
    expect(text.match(/further output dropped/g)).to.have.length(1);
    expect(Buffer.byteLength(text)).to.be.lessThan(80 * 1024);
    expect(sink.lastLine()).to.have.length(300);
    expect(sink.tail()).to.have.length(20);
  });

  it('does not write through a symlink planted at its path', function () {
    const path = logPath();
    const target = path + '.target';
    writeFileSync(target, '');
    symlinkSync(target, path);
    new PluginErrorLog(path).event('x', 'should not land');
    expect(readFileSync(target, 'utf8')).to.equal('');
  });

  it('rotates once the file is large', function () {
    const path = logPath();
    writeFileSync(path, 'x'.repeat(4 * 1024 * 1024 + 1));
    new PluginErrorLog(path).event('x', 'fresh');
    expect(existsSync(path + '.1')).to.equal(true);
    expect(readFileSync(path, 'utf8')).to.match(/\[x\] fresh\n$/);
  });
});
