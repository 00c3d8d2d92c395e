import { expect } from 'chai';
import { createFrameChecker } from '../../../app/providers/frame-checker.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('frame checker', () => {
  it('accepts SSE events split anywhere, comments, CRLF and [DONE]', () => {
    const checker = createFrameChecker('sse');
    const stream = ': keep-alive\r\nevent: message\r\ndata: {"a":1}\r\n\r\ndata: {"b":\n\ndata: [DONE]\n\n';
    // The second event is broken JSON only if read whole; here it is whole, so split a valid one instead.
    const valid = stream.replace('{"b":', '{"b":2}');
    for (let i = 0; i < valid.length; i += 3) checker.push(bytes(valid.slice(i, i + 3)));
    checker.end();
    expect(checker.sawDone).to.equal(true);
  });

  it('rejects an SSE event whose data is not JSON, naming it', () => {
    const checker = createFrameChecker('sse');
    checker.push(bytes('data: {"ok":true}\n\n'));
    expect(() => checker.push(bytes('data: {"choices": [ {oops\n\n'))).to.throw(SyntaxError, /bad JSON in an SSE event: "\{\\"choices/);
  });

  it('checks an unterminated last SSE event at the end', () => {
    const checker = createFrameChecker('sse');
    checker.push(bytes('data: {"x"'));
    expect(() => checker.end()).to.throw(SyntaxError);
  });

  it('joins multi-line SSE data before parsing', () => {
    const checker = createFrameChecker('sse');
    checker.push(bytes('data: {"a":\ndata: 1}\n\n'));
    checker.end();
  });

  it('NDJSON: lines split across chunks (and a multi-byte character) pass; a bad line throws', () => {
    const checker = createFrameChecker('ndjson');
    const text = '{"message":"héllo"}\n{"done":true}\n';
    const all = bytes(text);
    for (let i = 0; i < all.length; i += 2) checker.push(all.slice(i, i + 2));
    checker.end();
    expect(() => createFrameChecker('ndjson').push(bytes('{"message": oops\n'))).to.throw(SyntaxError, /stream line/);
    const tail = createFrameChecker('ndjson');
    tail.push(bytes('{"a":1}\n{"b"'));
    expect(() => tail.end()).to.throw(SyntaxError);
  });

  it("'json' checks nothing", () => {
    const checker = createFrameChecker('json');
    checker.push(bytes('not json'));
    checker.end();
  });
});
