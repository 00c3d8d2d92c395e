// Files over WebDAV against rclone serving Nextcloud's URL shape: CRUD, caps, conflicts, and every
// way of naming something outside the user's root refused before any request.
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFolder, deleteItem, listFolder, moveItem, readFile, uploadFile } from '../../../plugins/nextcloud/lib/index.js';
import { startRclone, type RcloneServer } from '../../helpers/servers/index.js';
import { ALICE, rejection, settingsFor } from './helpers.js';

describe('nextcloud: files (rclone WebDAV)', function () {
  let server: RcloneServer;
  // The default files root is derived from the server URL: <origin>/remote.php/dav/files/alice/.
  const settings = () => settingsFor(server.origin);

  before(async function () {
    server = await startRclone({ user: ALICE.user, password: ALICE.password });
  });
  after(async () => server?.stop());

  it('uploads a file, lists it and reads it back', async function () {
    const result = await uploadFile(settings(), ALICE.password, { path: 'notes.txt', content: 'Hello Nextcloud ✓' });
    expect(result).to.deep.include({ path: 'notes.txt', created: true, size: Buffer.byteLength('Hello Nextcloud ✓') });
    expect(readFileSync(join(server.dir, 'notes.txt'), 'utf8')).to.equal('Hello Nextcloud ✓');
    const listing = await listFolder(settings(), ALICE.password);
    expect(listing.entries.map((e) => [e.path, e.type, e.size])).to.deep.include(['notes.txt', 'file', Buffer.byteLength('Hello Nextcloud ✓')]);
    const read = await readFile(settings(), ALICE.password, { path: 'notes.txt' });
    expect(read).to.deep.include({ text: 'Hello Nextcloud ✓', truncated: false, binary: false });
  });

  it('creates folders, uploads into them and lists folders first', async function () {
    await createFolder(settings(), ALICE.password, { path: 'Projects' });
    await createFolder(settings(), ALICE.password, { path: 'Projects/2027 Plans' });
    await uploadFile(settings(), ALICE.password, { path: 'Projects/2027 Plans/plan #1 (draft).md', content: '# Plan' });
    const listing = await listFolder(settings(), ALICE.password, { path: 'Projects/2027 Plans' });
    expect(listing.entries.map((e) => e.path)).to.deep.equal(['Projects/2027 Plans/plan #1 (draft).md']);
    const root = await listFolder(settings(), ALICE.password, { path: '' });
    expect(root.entries[0]).to.deep.include({ name: 'Projects', type: 'folder' });
    expect((await rejection(createFolder(settings(), ALICE.password, { path: 'Projects' }))).kind).to.equal('conflict');
  });

  it('refuses to overwrite unless asked', async function () {
    const error = await rejection(uploadFile(settings(), ALICE.password, { path: 'notes.txt', content: 'other' }));
    expect(error.kind).to.equal('conflict');
    expect(readFileSync(join(server.dir, 'notes.txt'), 'utf8')).to.equal('Hello Nextcloud ✓');
    const replaced = await uploadFile(settings(), ALICE.password, { path: 'notes.txt', content: 'other', overwrite: true });
    expect(replaced.created).to.equal(false);
    expect(readFileSync(join(server.dir, 'notes.txt'), 'utf8')).to.equal('other');
  });

  it('caps what it reads and does not show binary files as text', async function () {
    writeFileSync(join(server.dir, 'big.txt'), 'x'.repeat(5000));
    const big = await readFile(settings(), ALICE.password, { path: 'big.txt', maxBytes: 1000 });
    expect(big.text).to.have.length(1000);
    expect(big).to.deep.include({ truncated: true, size: 5000 });
    expect(big.note).to.equal('Cut at 1000 bytes of 5000.');
    await uploadFile(settings(), ALICE.password, { path: 'image.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]).toString('base64'), encoding: 'base64' });
    const image = await readFile(settings(), ALICE.password, { path: 'image.png' });
    expect(image).to.deep.include({ binary: true, text: '' });
  });

  it('moves and renames files and folders; refuses to move onto an existing name', async function () {
    await moveItem(settings(), ALICE.password, { from: 'notes.txt', to: 'Projects/notes-renamed.txt' });
    expect(existsSync(join(server.dir, 'Projects', 'notes-renamed.txt'))).to.equal(true);
    expect(existsSync(join(server.dir, 'notes.txt'))).to.equal(false);
    await moveItem(settings(), ALICE.password, { from: 'Projects/2027 Plans', to: 'Plans' });
    expect(existsSync(join(server.dir, 'Plans', 'plan #1 (draft).md'))).to.equal(true);
    await uploadFile(settings(), ALICE.password, { path: 'a.txt', content: 'a' });
    await uploadFile(settings(), ALICE.password, { path: 'b.txt', content: 'b' });
    const error = await rejection(moveItem(settings(), ALICE.password, { from: 'a.txt', to: 'b.txt' }));
    expect(error.kind).to.equal('conflict');
    expect(readFileSync(join(server.dir, 'b.txt'), 'utf8')).to.equal('b');
  });

  it('deletes files and folders; missing things are notFound', async function () {
    await deleteItem(settings(), ALICE.password, { path: 'a.txt' });
    await deleteItem(settings(), ALICE.password, { path: 'Plans' });
    expect(existsSync(join(server.dir, 'a.txt'))).to.equal(false);
    expect(existsSync(join(server.dir, 'Plans'))).to.equal(false);
    expect((await rejection(deleteItem(settings(), ALICE.password, { path: 'a.txt' }))).kind).to.equal('notFound');
    expect((await rejection(readFile(settings(), ALICE.password, { path: 'nothing.txt' }))).kind).to.equal('notFound');
    expect((await rejection(listFolder(settings(), ALICE.password, { path: 'No Such Folder' }))).kind).to.equal('notFound');
  });

  it('refuses paths that would leave the user\'s root, before any request', async function () {
    const hostile = [
      '../alice2/secret.txt',
      'Projects/../../etc/passwd',
      '/etc/passwd',
      '\\\\server\\share',
      'Projects\\..\\..\\x',
      '%2e%2e/%2e%2e/etc/passwd',
      '%252e%252e/x',
      'Projects/%2E%2E/%2E%2E/x',
      '．．/x',
      'C:/Windows/win.ini',
      'http://127.0.0.1:1/x',
      '~/x',
      'a/./b',
      'a\u0000b',
      '',
    ];
    for (const path of hostile) {
      for (const call of [
        () => readFile(settings(), ALICE.password, { path }),
        () => uploadFile(settings(), ALICE.password, { path, content: 'x' }),
        () => deleteItem(settings(), ALICE.password, { path }),
        () => moveItem(settings(), ALICE.password, { from: 'b.txt', to: path }),
      ]) {
        const error = await rejection(call());
        expect(error.kind, JSON.stringify(path)).to.equal('pathRefused');
      }
    }
    expect(readFileSync(join(server.dir, 'b.txt'), 'utf8')).to.equal('b');
  });

  it('keeps names with % and unicode literal', async function () {
    await uploadFile(settings(), ALICE.password, { path: '100% sure – Ärger.txt', content: 'ok' });
    expect(readFileSync(join(server.dir, '100% sure – Ärger.txt'), 'utf8')).to.equal('ok');
    expect((await readFile(settings(), ALICE.password, { path: '100% sure – Ärger.txt' })).text).to.equal('ok');
  });

  it('gives authenticationFailed for a wrong app password', async function () {
    const error = await rejection(listFolder(settings(), 'wrong'));
    expect(error.kind).to.equal('authenticationFailed');
  });

  it('a killed server gives serverUnreachable; after a restart it works again', async function () {
    await server.kill();
    const error = await rejection(listFolder(settings(), ALICE.password));
    expect(error.kind).to.equal('serverUnreachable');
    expect(error.message).to.match(/^Cannot reach 127\.0\.0\.1:\d+ \(connection refused/);
    await server.restart();
    expect((await listFolder(settings(), ALICE.password)).entries.map((e) => e.name)).to.include('b.txt');
  });
});
