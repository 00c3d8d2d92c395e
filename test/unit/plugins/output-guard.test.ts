import { expect } from 'chai';
import { LineSplitter, RateMeter } from '../../../app/plugins/output-guard.js';

function splitter(limits = { maxLineBytes: 16, maxBytesPerSecond: 1000 }, now = () => 0) {
  const lines: string[] = [];
  const violations: string[] = [];
  const s = new LineSplitter(limits, (l) => lines.push(l), (v) => violations.push(v), now);
  return { s, lines, violations };
}

describe('output guards', function () {
  it('splits lines across chunks, drops \\r before \\n, keeps multi-byte characters whole', function () {
    const { s, lines } = splitter();
    s.push(Buffer.from('ab'));
    s.push(Buffer.from('c\r\nd'));
    const euro = Buffer.from('€\n');
    s.push(euro.subarray(0, 1));
    s.push(euro.subarray(1));
    expect(lines).to.deep.equal(['abc', 'd€']);
  });

  it('reports a line longer than the cap once, even when it never ends, and then ignores input', function () {
    const { s, lines, violations } = splitter();
    s.push(Buffer.from('x'.repeat(10)));
    s.push(Buffer.from('x'.repeat(10)));
    s.push(Buffer.from('\nmore\n'));
    expect(lines).to.deep.equal([]);
    expect(violations).to.deep.equal(['sent a message longer than 16 bytes']);
  });

  it('reports a flood when a second holds more than the rate allows', function () {
    let t = 0;
    const { s, violations } = splitter({ maxLineBytes: 100, maxBytesPerSecond: 50 }, () => t);
    s.push(Buffer.from('a'.repeat(30) + '\n'));
    t = 1500; // a new second
    s.push(Buffer.from('a'.repeat(30) + '\n'));
    expect(violations).to.deep.equal([]);
    s.push(Buffer.from('a'.repeat(30) + '\n'));
    expect(violations).to.have.length(1);
    expect(violations[0]).to.match(/^flooded its output/);
  });

  it('RateMeter counts per window', function () {
    let t = 0;
    const meter = new RateMeter(10, () => t);
    expect(meter.add(10)).to.equal(true);
    expect(meter.add(1)).to.equal(false);
    t = 1000;
    expect(meter.add(10)).to.equal(true);
    expect(meter.describe('error output')).to.equal('flooded its error output (more than 10 bytes in one second)');
  });
});
