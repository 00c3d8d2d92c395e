import { expect } from 'chai';
import { base64Segments, percentDecode, percentSegments } from '../../../app/security/encoded-runs.js';
import { foldText } from '../../../app/security/normalize-text.js';

describe('security/normalize-text', () => {
  it('lower-cases, folds compatibility forms and drops diacritics', () => {
    expect(foldText('ÜBER Ｃａｆé ﬁne 𝐁old').text).to.equal('uber cafe fine bold');
  });

  it('maps every folded char back to its place in the input', () => {
    const input = 'a&amp;b\u200bc&#x44;';
    const folded = foldText(input);
    expect(folded.text).to.equal('a&bcd');
    expect([...folded.offsets]).to.deep.equal([0, 1, 6, 8, 9, input.length]);
    expect(folded.invisibles).to.equal(1);
  });

  it('cuts HTML comments out and returns them as hidden segments, unterminated ones too', () => {
    const folded = foldText('a<!-- one -->b<!-- two');
    expect(folded.text).to.equal('a b ');
    expect(folded.hidden.map((h) => [h.channel, h.text, h.span])).to.deep.equal([
      ['html_comment', ' one ', { start: 1, end: 13 }],
      ['html_comment', ' two', { start: 14, end: 22 }],
    ]);
  });

  it('decodes runs of tag characters into hidden ASCII', () => {
    const hidden = [...'hi there'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    const folded = foldText(`x${hidden}y`);
    expect(folded.text).to.equal('xy');
    expect(folded.hidden).to.deep.equal([{ channel: 'tag_chars', text: 'hi there', span: { start: 1, end: 1 + hidden.length } }]);
  });

  it('counts bidi overrides and decodes JSON escapes', () => {
    const folded = foldText('\u202eab\u202c \\u0041\\n');
    expect(folded.bidiOverrides).to.equal(2);
    expect(folded.text).to.equal('ab a\n');
  });

  it('finds base64 runs that decode to text, across MIME line breaks', () => {
    const encoded = Buffer.from('This is a hidden note that spans more than one line of base64 output.').toString('base64');
    const wrapped = encoded.slice(0, 40) + '\r\n' + encoded.slice(40);
    const segments = base64Segments(`body:\n${wrapped}\n------=_Part_1_boundary--`);
    expect(segments).to.have.length(1);
    expect(segments[0]!.text).to.match(/^This is a hidden note/);
    expect(base64Segments('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kg')).to.deep.equal([]);
    expect(base64Segments('internationalizationLocalization')).to.deep.equal([]);
  });

  it('decodes percent-encoded tokens, double encoding and %u escapes', () => {
    expect(percentDecode('a%20b+c%C3%A9')).to.equal('a b cé');
    expect(percentSegments('go https://x.example/?q=hello%2520world%21 now').map((s) => s.text)).to.deep.equal(['https://x.example/?q=hello world!']);
    expect(percentSegments('%u0069gnore%u0020me').map((s) => s.text)).to.deep.equal(['ignore me']);
    expect(percentSegments('100%25 sure')).to.deep.equal([]);
  });
});
