// Pure helpers: titles and summaries, preview classification, snippets, the index file's lines.
import { expect } from 'chai';
import { classifyFile, decodeText, MAX_PREVIEW_BYTES } from '../../../app/memory/file-kind.js';
import { indexLine, IndexFile } from '../../../app/memory/index-file.js';
import type { MemoryEntry } from '../../../app/memory/memory-catalog.js';
import { formatSize, formatTime, inlineCode } from '../../../app/memory/memory-format.js';
import { summarizeNote } from '../../../app/memory/note-summary.js';
import { findSnippet } from '../../../app/memory/snippet.js';

describe('memory/note-summary', () => {
  it('takes the first heading as title and the first paragraph line as summary', () => {
    expect(summarizeNote('a.md', '# Trip to Lisbon\n\nFlights are booked.\nHotel next.\n')).to.deep.equal({ title: 'Trip to Lisbon', summary: 'Flights are booked.' });
  });

  it('skips front matter (using its title), fences, rules, comments and list markers', () => {
    const text = '---\ntitle: "From front matter"\ntags: [a]\n---\n<!-- hidden -->\n```\ncode line\n```\n***\n- [ ] first task item\n';
    expect(summarizeNote('a.md', text)).to.deep.equal({ title: 'From front matter', summary: 'first task item' });
  });

  it('understands setext headings and closing hashes', () => {
    expect(summarizeNote('a.md', 'Big title\n=========\n\nBody.').title).to.equal('Big title');
    expect(summarizeNote('a.md', '## Closed ##\ntext').title).to.equal('Closed');
  });

  it('falls back to the file name and an empty summary', () => {
    expect(summarizeNote('notes/shopping-list.md', 'milk, eggs')).to.deep.equal({ title: 'shopping-list', summary: 'milk, eggs' });
    expect(summarizeNote('photo.jpg', null)).to.deep.equal({ title: 'photo.jpg', summary: '' });
  });

  it('removes control and bidi characters and caps the length', () => {
    const { title, summary } = summarizeNote('a.md', `# Evil\u001b[2J\u202etitle\n\n${'word '.repeat(100)}`);
    expect(title).to.equal('Evil [2J title');
    expect(summary.length).to.be.at.most(160);
    expect(summary.endsWith('…')).to.equal(true);
  });
});

describe('memory/file-kind', () => {
  it('previews markdown only, and says why not otherwise', () => {
    expect(classifyFile('a.md', 10, 'x')).to.deep.equal({ format: 'markdown', previewable: true });
    expect(classifyFile('a.MARKDOWN', 10, 'x').previewable).to.equal(true);
    expect(classifyFile('a.txt', 10, 'x')).to.include({ format: 'text', reason: 'not-markdown' });
    expect(classifyFile('a.md', 10, null)).to.include({ format: 'binary', reason: 'not-utf8' });
    expect(classifyFile('a.md', MAX_PREVIEW_BYTES + 1)).to.include({ format: 'markdown', reason: 'too-large' });
    expect(classifyFile('a.md', MAX_PREVIEW_BYTES + 1).reasonText).to.match(/1 MB/);
  });

  it('decodes valid UTF-8 only (no invalid sequences, no NUL bytes)', () => {
    expect(decodeText(Buffer.from('grüße'))).to.equal('grüße');
    expect(decodeText(Buffer.from([0x61, 0xc3]))).to.equal(null);
    expect(decodeText(Buffer.from([0xed, 0xa0, 0x80]))).to.equal(null); // a lone surrogate
    expect(decodeText(Buffer.from([0x61, 0x00, 0x62]))).to.equal(null);
  });
});

describe('memory/snippet', () => {
  const text = ['# Groceries', '', 'Buy milk and bread.', 'Bread from the bakery, milk from the farm.', '  Eggs  '].join('\n');

  it('picks the line with the most distinct matched terms, with its 1-based number', () => {
    expect(findSnippet(text, ['milk', 'bakery'])).to.deep.equal({ line: 4, text: 'Bread from the bakery, milk from the farm.', highlights: [[15, 21], [23, 27]] });
    expect(findSnippet(text, ['eggs'])).to.deep.equal({ line: 5, text: 'Eggs', highlights: [[0, 4]] });
  });

  it('prefers the earlier line on a tie and matches folded accents', () => {
    expect(findSnippet('café one\ncafé two', ['cafe']).line).to.equal(1);
  });

  it('cuts long lines around the first match', () => {
    const long = 'x '.repeat(200) + 'needle ' + 'y '.repeat(200);
    const snippet = findSnippet(long, ['needle'], 80);
    expect(snippet.text.startsWith('…')).to.equal(true);
    expect(snippet.text.endsWith('…')).to.equal(true);
    expect(snippet.text.length).to.be.at.most(82);
    const [start, end] = snippet.highlights[0]!;
    expect(snippet.text.slice(start, end)).to.equal('needle');
  });

  it('falls back to the first heading when no line matches, and shows controls as spaces', () => {
    expect(findSnippet(text, ['nothing'])).to.deep.equal({ line: 1, text: '# Groceries', highlights: [] });
    expect(findSnippet('evil\u001b[31m text', ['text']).text).to.equal('evil [31m text');
  });
});

describe('memory/index-file', () => {
  const entry = (name: string, title: string, summary = '', size = 100): MemoryEntry => ({
    name, title, summary, size, mtimeMs: Date.UTC(2025, 4, 1, 14, 3), ino: 1, kind: { format: 'markdown', previewable: true },
  });

  it('writes one line per file: path, title, summary, size, time', () => {
    expect(indexLine(entry('user/profile.md', 'About me', 'I live in Berlin.', 2048))).to.equal(
      '- `user/profile.md` — About me — I live in Berlin. — 2.0 KB — 2025-05-01 14:03 UTC',
    );
    expect(indexLine(entry('a`b.md', 'T'))).to.equal('- `` a`b.md `` — T — 100 B — 2025-05-01 14:03 UTC');
  });

  it('sorts naturally and updates one entry at a time', () => {
    const index = new IndexFile('/nonexistent/MEMORY_INDEX.md');
    index.reset([entry('b10.md', 'B10'), entry('b9.md', 'B9')]);
    expect(index.render()).to.include('2 files, 200 B.').and.match(/b9\.md[\s\S]*b10\.md/);
    index.set(entry('b9.md', 'Nine'));
    index.delete('b10.md');
    index.set(entry('a.md', 'A'));
    const lines = index.render().split('\n').filter((l) => l.startsWith('- '));
    expect(lines).to.deep.equal([indexLine(entry('a.md', 'A')), indexLine(entry('b9.md', 'Nine'))]);
  });

  it('formats sizes, times and inline code', () => {
    expect([formatSize(0), formatSize(1536), formatSize(3 * 1024 * 1024)]).to.deep.equal(['0 B', '1.5 KB', '3.0 MB']);
    expect(formatTime(Date.UTC(2024, 0, 2, 3, 4, 5))).to.equal('2024-01-02 03:04 UTC');
    expect(inlineCode('a``b')).to.equal('``` a``b ```');
  });
});
