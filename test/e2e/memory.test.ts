/**
 * The Memory pane as a person uses it: browse, preview, edit both ways, create, rename, delete,
 * search, conflicts, hostile names, and the model seeing the edit. Real pyra in a pty.
 */
import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScriptedE2e } from '../helpers/e2e-scripted.js';
import { startPyra, type PtySession } from '../helpers/pty-session.js';
import { replyFromMarkdown } from '../helpers/scripted-llm-server.js';

describe('memory pane (e2e, real pyra in a pty)', function () {
  this.timeout(40_000);
  const e2e = useScriptedE2e('pyra-e2e-mem-');

  function home(): { home: string; dir: string; mem: string } {
    const h = e2e.home();
    const mem = join(h, 'memory');
    mkdirSync(join(mem, 'user'), { recursive: true, mode: 0o700 });
    mkdirSync(join(mem, 'knowledge'), { recursive: true, mode: 0o700 });
    writeFileSync(join(mem, 'user', 'profile.md'), '# Profile\n\nName: Robin. Lives in **Lyon**.\n', { mode: 0o600 });
    writeFileSync(join(mem, 'knowledge', 'plants.md'), '# Plants\n\n- water the fern on Sundays\n- basil likes sun\n', { mode: 0o600 });
    writeFileSync(join(mem, 'knowledge', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), { mode: 0o600 });
    return { home: h, dir: e2e.dir, mem };
  }

  /** Focus Memory and walk to a file by its visible row label. */
  async function openTo(pyra: PtySession, folderRows: number, fileRows: number) {
    await pyra.press('alt-2');
    await pyra.waitForText('knowledge/');
    for (let i = 0; i < folderRows; i++) await pyra.type('j');
    await pyra.type('l');
    for (let i = 0; i < fileRows; i++) await pyra.type('j');
  }

  it('browses to a note and previews it as markdown; a binary file says why it is not shown', async function () {
    const { home: h } = home();
    const pyra = await startPyra({ home: h });
    await openTo(pyra, 1, 2); // context, knowledge ▸ photo.png, plants.md
    await pyra.waitForText('─ knowledge/plants.md');
    const screen = await pyra.screenText();
    expect(screen).to.include('water the fern on Sundays').and.not.include('# Plants\n');
    await pyra.type('k');
    await pyra.waitForText(/not (markdown|UTF-8)|cannot be previewed|binary/i);
  });

  it('edits in place and saves to disk and the index; the next prompt carries the edit', async function () {
    const { home: h, mem } = home();
    const pyra = await startPyra({ home: h });
    await openTo(pyra, 2, 1); // user ▸ profile.md
    await pyra.waitForText('─ user/profile.md');
    await pyra.type('e');
    await pyra.waitForText('editing user/profile.md');
    await pyra.press('down');
    await pyra.press('down');
    await pyra.press('end');
    await pyra.type(' Moved to Nantes.');
    await pyra.waitForText('editing user/profile.md ●');
    await pyra.press('ctrl-s');
    await pyra.waitForText('Saved user/profile.md');
    expect(readFileSync(join(mem, 'user', 'profile.md'), 'utf8')).to.include('Lives in **Lyon**. Moved to Nantes.');
    await pyra.press('escape');
    await pyra.waitForNoText('editing');
    expect(readFileSync(join(mem, 'MEMORY_INDEX.md'), 'utf8')).to.include('user/profile.md');
    await pyra.type('z');
    await pyra.press('alt-1');
    e2e.llm.enqueue(replyFromMarkdown('You live in Nantes now.', 3));
    await pyra.type('where do I live?');
    await pyra.press('enter');
    await pyra.waitForText('You live in Nantes now.');
    const system = e2e.llm.requests.at(-1)!.body.messages[0].content as string;
    expect(system).to.include('Moved to Nantes').and.match(/untrusted/i);
    await pyra.press('f6');
    await pyra.waitForText('Memory in the last prompt');
    expect(await pyra.screenText()).to.include('user/profile.md — profile');
  });

  it('asks overwrite / reload / copy when the file changed on disk meanwhile, and saves a copy', async function () {
    const { home: h, mem } = home();
    const pyra = await startPyra({ home: h });
    await openTo(pyra, 2, 1);
    await pyra.type('e');
    await pyra.waitForText('editing user/profile.md');
    await pyra.type('Hello ');
    writeFileSync(join(mem, 'user', 'profile.md'), '# Profile\n\nChanged by another editor.\n');
    await pyra.press('ctrl-s');
    await pyra.waitForText('Changed on disk');
    await pyra.press('enter'); // first choice: save my text as a copy
    await pyra.waitForText('Saved as user/profile (copy).md');
    expect(readFileSync(join(mem, 'user', 'profile.md'), 'utf8')).to.include('Changed by another editor.');
    expect(readFileSync(join(mem, 'user', 'profile (copy).md'), 'utf8')).to.match(/^Hello # Profile/);
  });

  it('creates, renames and deletes notes in dialogs; hostile names get the safe-path error and nothing is written', async function () {
    const { home: h, mem, dir } = home();
    const pyra = await startPyra({ home: h });
    await openTo(pyra, 1, 0);
    await pyra.type('n');
    await pyra.waitForText('New note');
    await pyra.type('../../escape');
    await pyra.press('enter');
    await pyra.waitForText(/Refused path/);
    for (let i = 0; i < 30; i++) await pyra.press('backspace');
    await pyra.type('knowledge/trees');
    await pyra.press('enter');
    await pyra.waitForText('─ knowledge/trees.md');
    expect(readFileSync(join(mem, 'knowledge', 'trees.md'), 'utf8')).to.equal('# trees\n\n');
    expect(readdirSync(dir)).to.not.include('escape.md');
    expect(existsSync(join(h, 'escape.md'))).to.equal(false);
    await pyra.type('r');
    await pyra.waitForText('Rename file');
    for (let i = 0; i < 30; i++) await pyra.press('backspace');
    await pyra.type('knowledge/forest.md');
    await pyra.press('enter');
    await pyra.waitForText('─ knowledge/forest.md');
    expect(existsSync(join(mem, 'knowledge', 'forest.md'))).to.equal(true);
    expect(existsSync(join(mem, 'knowledge', 'trees.md'))).to.equal(false);
    await pyra.type('d');
    await pyra.waitForText('Delete file');
    await pyra.type('y');
    await pyra.waitForNoText('forest.md');
    expect(existsSync(join(mem, 'knowledge', 'forest.md'))).to.equal(false);
  });

  it('search jumps to the note and line; $EDITOR edits the file and Pyra picks it up', async function () {
    const { home: h, dir, mem } = home();
    const editor = join(dir, 'fake-editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "\\n- mint in pots\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const pyra = await startPyra({ home: h, env: { EDITOR: editor } });
    await pyra.press('alt-2');
    await pyra.waitForText('knowledge/');
    await pyra.type('/');
    await pyra.waitForText('Search memory');
    await pyra.type('basil');
    await pyra.press('enter');
    await pyra.waitForText(/knowledge\/plants\.md:4/);
    await pyra.press('enter');
    await pyra.waitForText('─ knowledge/plants.md');
    await pyra.type('o');
    await pyra.waitForText('mint in pots');
    expect(readFileSync(join(mem, 'knowledge', 'plants.md'), 'utf8')).to.include('- mint in pots');
    expect(pyra.term.buffer.active.type).to.equal('alternate');
  });
});
