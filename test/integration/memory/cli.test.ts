// `pyra memory …` in a real child process: stdin, stdout, exit codes, the editor hand-over.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { homePaths } from '../../../app/config/home.js';
import { editorCommand } from '../../../app/memory/editor.js';
import { memoryHome, modeOf, put, treeOf, type MemoryHome } from '../../unit/memory/helpers.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/memory/memory-cli.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('pyra memory (CLI)', function () {
  this.timeout(60_000);
  let h: MemoryHome;

  function pyra(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
    const env: NodeJS.ProcessEnv = { ...process.env, PYRA_HOME: h.home, VISUAL: '', EDITOR: '', ...opts.env };
    const result = spawnSync(process.execPath, ['--import', 'tsx', FIXTURE, 'memory', ...args], { env, input: opts.input ?? '', encoding: 'utf8', timeout: 30_000 });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  /** An executable editor script in the sandbox that checks its flag and appends a line. */
  function scriptedEditor(): string {
    const path = join(h.sandbox, 'fake-editor.sh');
    writeFileSync(path, '#!/bin/sh\n[ "$1" = "--wait" ] || exit 3\necho "added by the editor" >> "$2"\n');
    chmodSync(path, 0o700);
    return path;
  }

  beforeEach(() => (h = memoryHome()));
  afterEach(() => h.cleanup());

  it('writes from stdin, appends, shows, lists and searches', () => {
    let r = pyra(['write', 'knowledge/dentist.md'], { input: '# Dentist\n\nDr. Weber, appointment on Tuesday.\n' });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('Wrote knowledge/dentist.md (46 B).\n');
    r = pyra(['append', 'knowledge/dentist.md'], { input: '- bring the insurance card\n' });
    expect(r.code, r.stderr).to.equal(0);
    expect(modeOf(join(h.memory, 'knowledge/dentist.md'))).to.equal(0o600);

    r = pyra(['show', 'knowledge/dentist.md']);
    expect(r).to.deep.equal({ code: 0, stdout: '# Dentist\n\nDr. Weber, appointment on Tuesday.\n- bring the insurance card\n', stderr: '' });

    r = pyra(['list']);
    expect(r.code).to.equal(0);
    expect(r.stdout.split('\n')[0]).to.equal('1 file in 3 folders, 73 B');
    expect(r.stdout).to.match(/^knowledge\/ {2}\(1 file, 73 B\)$/m);
    expect(r.stdout).to.match(/^ {2}dentist\.md {2}73 B {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}Dentist$/m);
    const tree = JSON.parse(pyra(['list', '--json']).stdout);
    expect(tree.fileCount).to.equal(1);

    r = pyra(['search', 'insurance', 'card']);
    expect(r).to.deep.equal({ code: 0, stdout: 'knowledge/dentist.md:4: - bring the insurance card\n', stderr: '' });
    r = pyra(['search', 'apointment']); // typo
    expect(r.stdout).to.equal('knowledge/dentist.md:3: Dr. Weber, appointment on Tuesday.\n');
    const hits = JSON.parse(pyra(['search', 'dentis', '--json']).stdout);
    expect(hits[0]).to.include({ name: 'knowledge/dentist.md', line: 1, title: 'Dentist', inTitle: true });
    r = pyra(['search', 'zebra']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal('pyra memory: no matches.\n');
  });

  it('moves, pins, unpins, deletes and reindexes', () => {
    put(h.memory, 'a.md', '# A\n');
    put(h.memory, 'box/b.md', '# B\n');
    expect(pyra(['mv', 'a.md', 'notes/a.md']).stdout).to.equal('Moved a.md to notes/a.md.\n');
    expect(pyra(['mv', 'box/b.md', 'notes/a.md']).code).to.equal(1);
    expect(pyra(['mv', '-f', 'box/b.md', 'notes/a.md']).code).to.equal(0);
    expect(readFileSync(join(h.memory, 'notes/a.md'), 'utf8')).to.equal('# B\n');

    expect(pyra(['pin', 'notes/a.md']).stdout).to.equal('Pinned notes/a.md.\n');
    expect(pyra(['pin']).stdout).to.equal('notes/a.md\n');
    expect(pyra(['unpin', 'notes/a.md']).stdout).to.equal('Unpinned notes/a.md.\n');
    expect(pyra(['unpin', 'notes/a.md']).code).to.equal(1);

    const rm = pyra(['rm', 'notes']);
    expect(rm.code).to.equal(1);
    expect(rm.stderr).to.equal('pyra memory: The folder "notes" is not empty.\n');
    expect(pyra(['rm', '-r', 'notes']).stdout).to.equal('Deleted the folder notes.\n');
    expect(existsSync(join(h.memory, 'notes'))).to.equal(false);

    put(h.memory, 'outside-pyra.md', '# Dropped in by a sync tool\n');
    const r = pyra(['reindex']);
    expect(r.stdout).to.match(/^Indexed 1 file in \d+ ms\.\n$/);
    expect(readFileSync(homePaths(h.home).memoryIndex, 'utf8')).to.include('`outside-pyra.md` — Dropped in by a sync tool');
  });

  it('exits 1 with a clear message for missing files and refused names, creating nothing', () => {
    const before = treeOf(h.sandbox);
    let r = pyra(['show', 'nope.md']);
    expect(r).to.deep.include({ code: 1, stderr: 'pyra memory: No file named "nope.md" in memory.\n' });
    r = pyra(['show', '../../etc/passwd']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.equal('pyra memory: Refused path "../../etc/passwd": component ".." refers to the current or parent folder.\n');
    for (const args of [['write', '/tmp/evil.md'], ['append', '~/evil.md'], ['mv', 'x.md', '../x.md'], ['rm', '..'], ['edit', 'a/../../b.md'], ['write', 'MEMORY_INDEX.md']]) {
      r = pyra(args, { input: 'evil' });
      expect(r.code, args.join(' ')).to.equal(1);
      expect(r.stderr, args.join(' ')).to.match(/^pyra memory: (Refused path|"MEMORY_INDEX.md" is reserved)/);
    }
    expect(treeOf(h.sandbox)).to.deep.equal(before);
  });

  it('exits 2 on usage errors', () => {
    for (const args of [[], ['bogus'], ['show'], ['mv', 'only-one'], ['list', '--bogus'], ['search']]) {
      const r = pyra(args);
      expect(r.code, args.join(' ')).to.equal(2);
      expect(r.stderr, args.join(' ')).to.include('pyra memory --help');
    }
    expect(pyra(['search', ' ']).code).to.equal(2);
  });

  it('edits with $VISUAL/$EDITOR (split into arguments, no shell), then updates the index', () => {
    const editor = scriptedEditor();
    put(h.memory, 'todo.md', '# Todo\n');
    let r = pyra(['edit', 'todo.md'], { env: { EDITOR: `${editor} --wait` } });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.equal('Saved todo.md.\n');
    expect(readFileSync(join(h.memory, 'todo.md'), 'utf8')).to.equal('# Todo\nadded by the editor\n');

    // A new file, in a new folder: created by the editor, made private afterwards, and indexed.
    r = pyra(['edit', 'ideas/new.md'], { env: { VISUAL: `${editor} --wait`, EDITOR: 'false' } });
    expect(r.code, r.stderr).to.equal(0);
    expect(modeOf(join(h.memory, 'ideas/new.md'))).to.equal(0o600);
    expect(modeOf(join(h.memory, 'ideas'))).to.equal(0o700);
    expect(readFileSync(homePaths(h.home).memoryIndex, 'utf8')).to.include('`ideas/new.md` — new — added by the editor');

    r = pyra(['edit', 'todo.md'], { env: { EDITOR: editor } }); // the script exits 3 without its flag
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('exited with status 3');
    r = pyra(['edit', 'later/unsaved.md'], { env: { EDITOR: join(h.sandbox, 'no-such-editor') } });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('was not found');
    expect(existsSync(join(h.memory, 'later')), 'the folder made for the unsaved file').to.equal(false);
    expect(pyra(['edit', 'ideas'], { env: { EDITOR: editor } }).stderr).to.include('is a folder');
  });

  it('reads the editor setting as the user wrote it', () => {
    expect(editorCommand({ VISUAL: 'code --wait', EDITOR: 'nano' })).to.deep.equal({ command: 'code', args: ['--wait'] });
    expect(editorCommand({ VISUAL: '  ', EDITOR: ' emacs  -nw ' })).to.deep.equal({ command: 'emacs', args: ['-nw'] });
    expect(editorCommand({})).to.deep.equal({ command: 'vi', args: [] });
  });
});
