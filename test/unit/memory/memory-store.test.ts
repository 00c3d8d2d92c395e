import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MemoryConflictError,
  MemoryExistsError,
  MemoryFolderNotEmptyError,
  MemoryNotFoundError,
  MemoryNotTextError,
  MemoryReservedNameError,
} from '../../../app/memory/errors.js';
import { MemoryStore } from '../../../app/memory/memory-store.js';
import { UnsafePathError } from '../../../app/security/safe-path.js';
import { memoryHome, modeOf, put, recordChanges, type MemoryHome } from './helpers.js';

async function rejection(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('memory/store', () => {
  let h: MemoryHome;
  let store: MemoryStore;

  beforeEach(async () => {
    h = memoryHome();
    store = await MemoryStore.open({ home: h.home });
  });
  afterEach(async () => {
    await store.close();
    h.cleanup();
  });

  describe('reading and writing', () => {
    it('writes a file atomically with mode 600, creating folders with mode 700', async () => {
      const stat = await store.write('projects/pyra/plan.md', '# Plan\n\nShip the memory pane.\n');
      expect(stat.name).to.equal('projects/pyra/plan.md');
      expect(stat.size).to.equal(30);
      expect(modeOf(join(h.memory, 'projects/pyra/plan.md'))).to.equal(0o600);
      expect(modeOf(join(h.memory, 'projects'))).to.equal(0o700);
      expect(modeOf(join(h.memory, 'projects/pyra'))).to.equal(0o700);
      expect(readFileSync(join(h.memory, 'projects/pyra/plan.md'), 'utf8')).to.equal('# Plan\n\nShip the memory pane.\n');
      expect(readdirSync(join(h.memory, 'projects/pyra'))).to.deep.equal(['plan.md']); // no temp file left
    });

    it('reads text back with its kind and a version that changes only with the content', async () => {
      const written = await store.write('a.md', 'héllo\n');
      const doc = await store.read('a.md');
      expect(doc.text).to.equal('héllo\n');
      expect(doc.kind).to.deep.equal({ format: 'markdown', previewable: true });
      expect(doc.version).to.equal(written.version);
      expect((await store.write('a.md', 'héllo\n')).version).to.equal(written.version);
      expect((await store.write('a.md', 'changed\n')).version).to.not.equal(written.version);
    });

    it('classifies files that are not previewed', async () => {
      put(h.memory, 'notes.txt', 'plain text');
      put(h.memory, 'photo.md', Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      put(h.memory, 'big.md', '# Big\n' + 'x'.repeat(1024 * 1024 + 10));
      expect((await store.read('notes.txt')).kind).to.include({ format: 'text', previewable: false, reason: 'not-markdown' });
      const binary = await store.read('photo.md');
      expect(binary.text).to.equal(null);
      expect(binary.kind).to.include({ format: 'binary', previewable: false, reason: 'not-utf8' });
      expect((await store.read('big.md')).kind).to.include({ previewable: false, reason: 'too-large' });
      await store.reindex();
      expect(store.entry('photo.md')?.kind.reason).to.equal('not-utf8');
      expect(store.entry('big.md')?.title).to.equal('Big');
    });

    it('appends with a newline between when the old text lacks one, and refuses binary files', async () => {
      await store.append('log.md', 'one');
      await store.append('log.md', 'two\n');
      await store.append('log.md', 'three\n');
      expect((await store.read('log.md')).text).to.equal('one\ntwo\nthree\n');
      put(h.memory, 'bin.md', Buffer.from([0xc3, 0x28]));
      expect(await rejection(() => store.append('bin.md', 'x'))).to.be.instanceOf(MemoryNotTextError);
    });

    it('detects conflicts with expectedVersion', async () => {
      const first = await store.write('note.md', 'v1\n');
      writeFileSync(join(h.memory, 'note.md'), 'changed elsewhere\n');
      const conflict = await rejection(() => store.write('note.md', 'v2\n', { expectedVersion: first.version }));
      expect(conflict).to.be.instanceOf(MemoryConflictError);
      expect((conflict as MemoryConflictError).actualVersion).to.be.a('string');
      expect(readFileSync(join(h.memory, 'note.md'), 'utf8')).to.equal('changed elsewhere\n');

      const current = await store.stat('note.md');
      await store.write('note.md', 'v2\n', { expectedVersion: current.version });
      expect(await rejection(() => store.write('new.md', 'x', { expectedVersion: current.version }))).to.be.instanceOf(MemoryConflictError);
      expect(await rejection(() => store.write('note.md', 'x', { expectedVersion: null }))).to.be.instanceOf(MemoryConflictError);
      await store.write('fresh.md', 'x', { expectedVersion: null });
      expect(await rejection(() => store.append('note.md', 'x', { expectedVersion: first.version }))).to.be.instanceOf(MemoryConflictError);
    });

    it('reports missing files and reserved names with typed errors', async () => {
      expect(await rejection(() => store.read('nope.md'))).to.be.instanceOf(MemoryNotFoundError);
      expect(await rejection(() => store.read('user'))).to.be.instanceOf(MemoryNotFoundError);
      expect(await rejection(() => store.write('MEMORY_INDEX.md', 'x'))).to.be.instanceOf(MemoryReservedNameError);
      expect(await rejection(() => store.write('.pinned.json', '{}'))).to.be.instanceOf(MemoryReservedNameError);
      expect(await rejection(() => store.write('a/.hidden/b.md', 'x'))).to.be.instanceOf(MemoryReservedNameError);
      expect(await rejection(() => store.write('user', 'x'))).to.match(/is a folder/);
      expect((await store.read('MEMORY_INDEX.md')).text).to.include('# Memory index');
    });

    it('refuses a symlink that leads out of the memory folder', async () => {
      writeFileSync(join(h.sandbox, 'outside.md'), 'secret');
      symlinkSync(join(h.sandbox, 'outside.md'), join(h.memory, 'link.md'));
      symlinkSync(h.sandbox, join(h.memory, 'escape'));
      expect(await rejection(() => store.read('link.md'))).to.be.instanceOf(UnsafePathError);
      expect(await rejection(() => store.write('escape/x.md', 'x'))).to.be.instanceOf(UnsafePathError);
      expect(existsSync(join(h.sandbox, 'x.md'))).to.equal(false);
      await store.reindex();
      expect(store.entry('link.md')).to.equal(undefined); // symlinks are not listed
    });
  });

  describe('moving and deleting', () => {
    it('renames files and folders, refusing to overwrite unless asked', async () => {
      await store.write('a.md', 'A');
      await store.write('b.md', 'B');
      expect(await rejection(() => store.rename('a.md', 'b.md'))).to.be.instanceOf(MemoryExistsError);
      await store.rename('a.md', 'b.md', { overwrite: true });
      expect((await store.read('b.md')).text).to.equal('A');
      await store.rename('b.md', 'deep/er/c.md');
      expect(store.entry('deep/er/c.md')?.size).to.equal(1);
      expect(store.entry('b.md')).to.equal(undefined);
      await store.rename('deep', 'shallow');
      expect(store.entry('shallow/er/c.md')).to.not.equal(undefined);
      expect(store.entry('deep/er/c.md')).to.equal(undefined);
      expect(await rejection(() => store.rename('shallow', 'shallow/er/inside'))).to.match(/into itself/);
      expect(await rejection(() => store.rename('missing.md', 'x.md'))).to.be.instanceOf(MemoryNotFoundError);
    });

    it('deletes files, empty folders, and full folders only when recursive', async () => {
      await store.write('box/one.md', '1');
      await store.createFolder('empty/inner');
      expect(modeOf(join(h.memory, 'empty/inner'))).to.equal(0o700);
      await store.remove('empty/inner');
      expect(existsSync(join(h.memory, 'empty/inner'))).to.equal(false);
      expect(await rejection(() => store.remove('box'))).to.be.instanceOf(MemoryFolderNotEmptyError);
      await store.remove('box', { recursive: true });
      expect(existsSync(join(h.memory, 'box'))).to.equal(false);
      expect(store.entry('box/one.md')).to.equal(undefined);
      expect(await rejection(() => store.remove('box'))).to.be.instanceOf(MemoryNotFoundError);
    });
  });

  describe('listing and events', () => {
    it('lists a tree with sizes, counts and times, folders first, hiding bookkeeping files', async () => {
      await store.write('user/profile.md', '# Me\n\nHello there.\n');
      await store.write('knowledge/b.md', '12345');
      await store.write('knowledge/a10.md', 'x');
      await store.write('knowledge/a9.md', 'x');
      await store.pin('knowledge/b.md');
      const tree = store.list();
      expect(tree.children.map((c) => c.base)).to.deep.equal(['context', 'knowledge', 'user']);
      expect(tree.fileCount).to.equal(4);
      expect(tree.folderCount).to.equal(3);
      expect(tree.size).to.equal(19 + 5 + 1 + 1);
      const knowledge = tree.children[1]!;
      expect(knowledge.type === 'folder' && knowledge.children.map((c) => c.base)).to.deep.equal(['a9.md', 'a10.md', 'b.md']);
      const profile = tree.children[2]!.type === 'folder' ? tree.children[2]!.children[0]! : undefined;
      expect(profile).to.deep.include({ type: 'file', name: 'user/profile.md', title: 'Me', summary: 'Hello there.', size: 19 });
      expect(JSON.stringify(tree)).to.not.include('MEMORY_INDEX').and.not.include('pinned');
    });

    it('emits added, changed and removed for its own operations', async () => {
      const seen = recordChanges(store);
      await store.write('n/a.md', '1');
      await store.write('n/a.md', '2');
      await store.rename('n/a.md', 'n/b.md');
      await store.remove('n', { recursive: true });
      expect(seen.map((c) => `${c.kind} ${c.type} ${c.name} ${c.origin}`)).to.deep.equal([
        'added folder n pyra',
        'added file n/a.md pyra',
        'changed file n/a.md pyra',
        'removed file n/a.md pyra',
        'added file n/b.md pyra',
        'removed file n/b.md pyra',
        'removed folder n pyra',
      ]);
    });

    it('keeps a throwing listener from breaking the store', async () => {
      store.onChange(() => {
        throw new Error('listener bug');
      });
      const seen = recordChanges(store);
      await store.write('x.md', 'x');
      expect(seen).to.have.length(1);
    });

    it('runs changes one at a time in call order', async () => {
      await Promise.all([store.append('seq.md', 'a\n'), store.append('seq.md', 'b\n'), store.append('seq.md', 'c\n')]);
      expect((await store.read('seq.md')).text).to.equal('a\nb\nc\n');
    });
  });

  describe('pins', () => {
    it('persists pins in .pinned.json (600), following renames and deletes', async () => {
      await store.write('a.md', 'A');
      await store.write('dir/b.md', 'B');
      await store.pin('a.md');
      await store.pin('dir/b.md');
      await store.pin('a.md');
      expect(store.pinned()).to.deep.equal(['a.md', 'dir/b.md']);
      expect(modeOf(join(h.memory, '.pinned.json'))).to.equal(0o600);
      await store.rename('dir', 'moved');
      expect(store.pinned()).to.deep.equal(['a.md', 'moved/b.md']);
      await store.remove('a.md');
      expect(store.pinned()).to.deep.equal(['moved/b.md']);
      expect(await store.unpin('moved/b.md')).to.equal(true);
      expect(await store.unpin('moved/b.md')).to.equal(false);
      expect(await rejection(() => store.pin('missing.md'))).to.be.instanceOf(MemoryNotFoundError);
      await store.pin('moved/b.md');
      await store.close();
      store = await MemoryStore.open({ home: h.home, search: false });
      expect(store.pinned()).to.deep.equal(['moved/b.md']);
    });

    it('reads a damaged pins file as no pins', async () => {
      await store.close();
      writeFileSync(join(h.memory, '.pinned.json'), '{not json');
      store = await MemoryStore.open({ home: h.home });
      expect(store.pinned()).to.deep.equal([]);
    });
  });

  describe('search', () => {
    it('finds what was written, follows changes and forgets deleted files', async () => {
      await store.write('garden.md', '# Garden\n\nPlant the tomatoes in May.\n');
      expect(store.search('tomatoes').map((h) => h.name)).to.deep.equal(['garden.md']);
      await store.write('garden.md', '# Garden\n\nPlant the cucumbers in May.\n');
      expect(store.search('tomatoes')).to.deep.equal([]);
      expect(store.search('cucumbers')[0]).to.include({ name: 'garden.md', line: 3, title: 'Garden' });
      await store.rename('garden.md', 'plants/garden.md');
      expect(store.search('cucumbers').map((h) => h.name)).to.deep.equal(['plants/garden.md']);
      await store.remove('plants/garden.md');
      expect(store.search('cucumbers')).to.deep.equal([]);
    });

    it('throws when the store was opened without search', async () => {
      const plain = await MemoryStore.open({ home: h.home, search: false });
      expect(() => plain.search('x')).to.throw(/without search/);
      await plain.close();
    });
  });

  it('refuses changes after close', async () => {
    await store.close();
    expect(await rejection(() => store.write('x.md', 'x'))).to.match(/closed/);
  });
});
