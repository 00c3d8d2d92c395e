import { expect } from 'chai';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { homePaths } from '../../../app/config/home.js';
import { MemoryStore } from '../../../app/memory/memory-store.js';
import { memoryHome, modeOf, put, type MemoryHome } from './helpers.js';

const entryLines = (text: string) => text.split('\n').filter((line) => line.startsWith('- '));

describe('memory/MEMORY_INDEX.md regeneration', () => {
  let h: MemoryHome;
  let indexPath: string;
  const readIndex = () => readFileSync(indexPath, 'utf8');

  beforeEach(() => {
    h = memoryHome();
    indexPath = homePaths(h.home).memoryIndex;
  });
  afterEach(() => h.cleanup());

  it('is rebuilt in full at open, listing every file with title, summary, size and time', async () => {
    put(h.memory, 'user/profile.md', '# About me\n\nI live in Berlin.\n');
    put(h.memory, 'knowledge/rust.md', 'No heading here, just text.\n');
    put(h.memory, '.obsidian/config.md', 'hidden');
    const when = new Date(Date.UTC(2025, 0, 2, 3, 4));
    utimesSync(join(h.memory, 'user/profile.md'), when, when);
    const store = await MemoryStore.open({ home: h.home, search: false });
    await store.close();
    const index = readIndex();
    expect(index.startsWith('# Memory index\n')).to.equal(true);
    expect(index).to.include('2 files, 58 B.');
    const [rust, profile] = entryLines(index);
    expect(rust).to.match(/^- `knowledge\/rust\.md` — rust — No heading here, just text\. — 28 B — \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(profile).to.equal('- `user/profile.md` — About me — I live in Berlin. — 30 B — 2025-01-02 03:04 UTC');
    expect(entryLines(index)).to.have.length(2);
    expect(modeOf(indexPath)).to.equal(0o600);
  });

  it('is updated after every change, one entry at a time', async () => {
    const store = await MemoryStore.open({ home: h.home });
    await store.write('a.md', '# Alpha\n\nfirst\n');
    await store.write('b.md', '# Beta\n\nsecond\n');
    expect(entryLines(readIndex()).map((l) => l.split(' — ').slice(0, 3).join(' — '))).to.deep.equal(['- `a.md` — Alpha — first', '- `b.md` — Beta — second']);

    // Changed behind the store's back (it isn't watching): an incremental update leaves that entry alone…
    writeFileSync(join(h.memory, 'a.md'), '# Alpha two\n');
    await store.write('b.md', '# Beta two\n');
    let lines = entryLines(readIndex());
    expect(lines[0]).to.include('— Alpha — first');
    expect(lines[1]).to.include('— Beta two —');
    // …until a full reindex.
    await store.reindex();
    lines = entryLines(readIndex());
    expect(lines[0]).to.include('— Alpha two —');

    await store.rename('a.md', 'c.md');
    await store.remove('b.md');
    expect(entryLines(readIndex()).map((l) => l.split(' — ')[0])).to.deep.equal(['- `c.md`']);
    await store.close();
  });

  it('is not rewritten when nothing in it changed, but reindex always rewrites it', async () => {
    const store = await MemoryStore.open({ home: h.home });
    await store.write('a.md', 'x');
    writeFileSync(indexPath, 'edited by hand');
    await store.createFolder('empty'); // no file entry changes
    expect(readIndex()).to.equal('edited by hand');
    await store.reindex();
    expect(readIndex()).to.include('`a.md`');
    await store.close();
  });

  it('is excluded from listing and search', async () => {
    const store = await MemoryStore.open({ home: h.home });
    await store.write('a.md', 'memory index words');
    expect(store.entries().map((e) => e.name)).to.deep.equal(['a.md']);
    expect(store.search('rewrites').map((hit) => hit.name)).to.deep.equal([]);
    expect(statSync(indexPath).size).to.be.greaterThan(0);
    await store.close();
  });
});
