import { expect } from 'chai';
import { capText, contentText, oneLine } from '../../../app/plugins/result-text.js';

describe('tool result text', function () {
  it('joins text items and names the others', function () {
    expect(
      contentText([
        { type: 'text', text: 'one' },
        { type: 'image', mimeType: 'image/png', data: 'AAAA' },
        { type: 'resource', resource: { uri: 'file:///x', text: 'inline' } },
        { type: 'resource', resource: { uri: 'file:///y' } },
        { type: 'resource_link', uri: 'file:///z' },
        { type: 'other' },
        null,
      ]),
    ).to.equal('one\n[image: image/png, 3 bytes]\ninline\n[resource: file:///y]\n[link: file:///z]\n[other content]');
    expect(contentText('nope')).to.equal('');
  });

  it('leaves short text alone and cuts long text on a character boundary, saying so', function () {
    expect(capText('short', 10)).to.deep.equal({ text: 'short', truncated: false });
    const cut = capText('ééééé', 5); // 10 bytes; 5 would split the third é
    expect(cut.truncated).to.equal(true);
    expect(cut.text).to.equal('éé\n[truncated: the result was 10 bytes; only the first 4 are shown]');
  });

  it('marks text the runner already cut, with the size it had', function () {
    expect(capText('abc', 10, 5000)).to.deep.equal({ text: 'abc\n[truncated: the result was 5,000 bytes; only the first 3 are shown]', truncated: true });
  });

  it('oneLine keeps the first non-empty line, short', function () {
    expect(oneLine('\n  first\nsecond')).to.equal('first');
    expect(oneLine('x'.repeat(400), 10)).to.equal('xxxxxxxxx…');
  });
});
