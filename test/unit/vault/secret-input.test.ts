import { expect } from 'chai';
import { PassThrough, Readable } from 'node:stream';
import { InputCancelledError, readMaskedLine, readPipedSecret } from '../../../app/vault/secret-input.js';
import { fakeTerminal } from './fake-terminal.js';

function capture(): PassThrough & { text(): string } {
  const out = new PassThrough() as PassThrough & { text(): string };
  let buffer = '';
  out.on('data', (chunk) => (buffer += chunk.toString()));
  out.text = () => buffer;
  return out;
}

describe('secret input', function () {
  it('reads a masked line in raw mode: one * per character, Backspace/Ctrl-U edit, escapes ignored', async function () {
    const input = fakeTerminal();
    const output = capture();
    const line = readMaskedLine(input, output, 'Value: ');
    input.write('ab');
    input.write('\x7f');
    input.write('c\x1b[A\x1b[200~dé\x1b[201~');
    input.write('xyz\x15');
    input.write('key🔑\r');
    expect(await line).to.equal('key🔑');
    expect(input.rawModes).to.deep.equal([true, false]);
    const shown = output.text();
    expect(shown.startsWith('Value: ')).to.equal(true);
    // After the prompt only masks, erasures and the final newline were written.
    expect(shown.slice('Value: '.length)).to.match(/^[*\b ]*\n$/);
  });

  it('handles a character split across chunks', async function () {
    const input = fakeTerminal();
    const line = readMaskedLine(input, capture(), '> ');
    const bytes = Buffer.from('ü\n');
    input.write(bytes.subarray(0, 1));
    input.write(bytes.subarray(1));
    expect(await line).to.equal('ü');
  });

  it('cancels on Ctrl-C and on Ctrl-D at an empty line, restoring the terminal', async function () {
    for (const key of ['abc\x03', '\x04']) {
      const input = fakeTerminal();
      const line = readMaskedLine(input, capture(), '> ');
      input.write(key);
      const err = await line.catch((e: Error) => e);
      expect(err).to.be.instanceOf(InputCancelledError);
      expect(input.isRaw).to.equal(false);
    }
  });

  it('reads a piped secret whole, minus one trailing newline', async function () {
    expect(await readPipedSecret(Readable.from([Buffer.from('sk-abc'), Buffer.from('def\n')]))).to.equal('sk-abcdef');
    expect(await readPipedSecret(Readable.from(['line1\nline2\r\n']))).to.equal('line1\nline2');
    expect(await readPipedSecret(Readable.from(['two\n\n']))).to.equal('two\n');
  });
});
