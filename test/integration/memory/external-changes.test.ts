// Changes made outside Pyra (another editor, a sync tool) while a store watches: events, index, search.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homePaths } from '../../../app/config/home.js';
import { IndexFile } from '../../../app/memory/index-file.js';
import { MemoryStore, type MemoryChange } from '../../../app/memory/memory-store.js';
import { memoryHome, put, recordChanges, waitFor, type MemoryHome } from '../../unit/memory/helpers.js';

const has = (seen: MemoryChange[], kind: string, name: string) => seen.some((c) => c.kind === kind && c.name === name);

describe('memory: external changes', function () {
  this.timeout(30_000);
  let h: MemoryHome;
  let store: MemoryStore;
  let seen: MemoryChange[];

  beforeEach(async () => {
    h = memoryHome();
    put(h.memory, 'knowledge/existing.md', '# Existing\n\nold words\n');
    store = await MemoryStore.open({ home: h.home, watch: true, debounceMs: 50 });
    seen = recordChanges(store);
  });
  afterEach(async () => {
    await store.close();
    h.cleanup();
  });

  it('watches with one fs.watch per folder', () => {
    expect(store.watchMode).to.equal('native');
  });

  it('picks up a file written by another program: event, search and index', async () => {
    writeFileSync(join(h.memory, 'knowledge/ferry.md'), '# Ferry times\n\nThe ferry to Suomenlinna leaves at 9.\n');
    await waitFor(() => has(seen, 'added', 'knowledge/ferry.md'), 5000, 'the added event');
    expect(seen.find((c) => c.name === 'knowledge/ferry.md')).to.deep.equal({ kind: 'added', name: 'knowledge/ferry.md', type: 'file', origin: 'external' });
    const [hit] = store.search('suomenlinna');
    expect(hit).to.include({ name: 'knowledge/ferry.md', line: 3, title: 'Ferry times' });
    expect(readFileSync(homePaths(h.home).memoryIndex, 'utf8')).to.include('`knowledge/ferry.md` — Ferry times');
  });

  it('picks up changes and deletions', async () => {
    writeFileSync(join(h.memory, 'knowledge/existing.md'), '# Existing\n\nnew vocabulary\n');
    await waitFor(() => has(seen, 'changed', 'knowledge/existing.md'), 5000, 'the changed event');
    expect(store.search('vocabulary').map((hit) => hit.name)).to.deep.equal(['knowledge/existing.md']);
    expect(store.search('old', { fuzzy: false, prefix: false })).to.deep.equal([]);
    rmSync(join(h.memory, 'knowledge/existing.md'));
    await waitFor(() => has(seen, 'removed', 'knowledge/existing.md'), 5000, 'the removed event');
    expect(store.entry('knowledge/existing.md')).to.equal(undefined);
    expect(store.search('vocabulary')).to.deep.equal([]);
  });

  it('follows new folders (and watches them), and folders moved or deleted', async () => {
    mkdirSync(join(h.memory, 'trips/2025'), { recursive: true });
    writeFileSync(join(h.memory, 'trips/2025/rome.md'), '# Rome\n');
    await waitFor(() => has(seen, 'added', 'trips/2025/rome.md'), 5000, 'the file in the new folder');
    expect(has(seen, 'added', 'trips')).to.equal(true);
    expect(has(seen, 'added', 'trips/2025')).to.equal(true);

    writeFileSync(join(h.memory, 'trips/2025/rome.md'), '# Rome\n\nColosseum at noon.\n');
    await waitFor(() => has(seen, 'changed', 'trips/2025/rome.md'), 5000, 'a change inside the new folder');

    renameSync(join(h.memory, 'trips'), join(h.memory, 'travel'));
    await waitFor(() => has(seen, 'added', 'travel/2025/rome.md') && has(seen, 'removed', 'trips/2025/rome.md'), 5000, 'the moved folder');
    expect(store.search('colosseum').map((hit) => hit.name)).to.deep.equal(['travel/2025/rome.md']);

    rmSync(join(h.memory, 'travel'), { recursive: true });
    await waitFor(() => has(seen, 'removed', 'travel'), 5000, 'the deleted folder');
    expect(store.entries().map((e) => e.name)).to.deep.equal(['knowledge/existing.md']);
  });

  it('debounces a burst into few index writes, and ignores hidden and temp files', async () => {
    const write = IndexFile.prototype.write;
    let indexWrites = 0;
    IndexFile.prototype.write = function (this: IndexFile, ...args) {
      indexWrites++;
      return write.apply(this, args);
    };
    try {
      for (let i = 0; i < 40; i++) writeFileSync(join(h.memory, `knowledge/burst-${i}.md`), `# Burst ${i}\n`);
      writeFileSync(join(h.memory, 'knowledge/.draft.swp'), 'editor swap file');
      await waitFor(() => store.fileCount === 41, 5000, 'all burst files');
      await store.idle();
    } finally {
      IndexFile.prototype.write = write;
    }
    expect(seen.filter((c) => c.kind === 'added')).to.have.length(40);
    expect(seen.some((c) => c.name.includes('.draft'))).to.equal(false);
    expect(readFileSync(homePaths(h.home).memoryIndex, 'utf8')).to.include('41 files');
    expect(indexWrites).to.be.within(1, 4);
  });

  it("does not report the store's own writes twice", async () => {
    await store.write('knowledge/own.md', '# Own\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await store.idle();
    expect(seen.filter((c) => c.name === 'knowledge/own.md').map((c) => `${c.kind} ${c.origin}`)).to.deep.equal(['added pyra']);
  });

  it('stops reporting after close', async () => {
    await store.close();
    writeFileSync(join(h.memory, 'knowledge/late.md'), 'late');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).to.deep.equal([]);
  });

  it('can poll instead of watching', async () => {
    const polling = await MemoryStore.open({ home: h.home, watch: 'poll', pollIntervalMs: 100, debounceMs: 20 });
    const polled = recordChanges(polling);
    expect(polling.watchMode).to.equal('poll');
    put(h.memory, 'deep/er/polled.md', '# Polled\n\nzeppelin\n');
    await waitFor(() => has(polled, 'added', 'deep/er/polled.md'), 5000, 'the polled file');
    expect(polling.search('zeppelin').map((hit) => hit.name)).to.deep.equal(['deep/er/polled.md']);
    rmSync(join(h.memory, 'deep'), { recursive: true });
    await waitFor(() => has(polled, 'removed', 'deep'), 5000, 'the polled removal');
    await polling.close();
  });

  for (const mode of ['native', 'poll', 'keep-open']) {
    it(`does not keep the process alive (${mode})`, () => {
      const fixture = fileURLToPath(new URL('../../fixtures/memory/watch-then-exit.ts', import.meta.url));
      const result = spawnSync(process.execPath, ['--import', 'tsx', fixture, h.home, mode], { encoding: 'utf8', timeout: 15_000 });
      expect(result.signal, 'killed by the timeout: the process stayed alive').to.equal(null);
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.match(/^opened /);
    });
  }
});
