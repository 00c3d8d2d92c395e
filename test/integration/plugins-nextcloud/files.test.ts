// The Nextcloud plugin's file tools through the approval queue and the real host, against rclone's
// WebDAV: folders, upload (no silent overwrite), read with a cap, move, delete, and paths that would
// leave the user's files refused.
import { expect } from 'chai';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { usePluginAccount } from '../plugins-email/plugin-rig.js';
import { setUpAccount, startDavServers } from './helpers.js';

describe('nextcloud plugin: file tools (through the approval queue, rclone WebDAV)', function () {
  this.timeout(60_000);
  const ctx = usePluginAccount('nextcloud', startDavServers, setUpAccount);

  it('create_folder and upload_file are destructive; the file lands on the server and lists and reads back', async function () {
    const folder = await ctx.rig.call('nextcloud__create_folder', { path: 'Projects' });
    expect(folder.request.risk).to.equal('destructive');
    expect(folder.result.text).to.equal('Created the folder "Projects".');
    const args = { path: 'Projects/plan.md', content: '# Plan\n\nShip it ✓' };
    const upload = await ctx.rig.call('nextcloud__upload_file', args);
    expect(upload.request.risk).to.equal('destructive');
    expect(JSON.parse(upload.request.argsText)).to.deep.equal(args);
    expect(upload.result.text).to.equal(`Created "Projects/plan.md" (${Buffer.byteLength(args.content)} bytes).`);
    expect(readFileSync(join(ctx.servers.rclone.dir, 'Projects', 'plan.md'), 'utf8')).to.equal(args.content);

    expect(await ctx.rig.text('nextcloud__list_files')).to.match(/^1 item\(s\) in the top folder, folders first:\n- Projects\/ \(folder\)$/);
    expect(await ctx.rig.text('nextcloud__list_files', { path: 'Projects' })).to.match(/^1 item\(s\) in "Projects", folders first:\n- Projects\/plan\.md \(\d+ B/);
    expect(await ctx.rig.text('nextcloud__read_file', { path: 'Projects/plan.md' })).to.equal(
      `File "Projects/plan.md", ${Buffer.byteLength(args.content)} B, text/markdown\n--- file content ---\n${args.content}\n--- end of file content ---`,
    );
  });

  it('upload_file does not replace a file unless asked', async function () {
    expect(await ctx.rig.error('nextcloud__upload_file', { path: 'Projects/plan.md', content: 'other' })).to.equal('conflict: "Projects/plan.md" already exists; say overwrite to replace it.');
    expect(readFileSync(join(ctx.servers.rclone.dir, 'Projects', 'plan.md'), 'utf8')).to.include('Ship it');
    expect(await ctx.rig.text('nextcloud__upload_file', { path: 'Projects/plan.md', content: 'v2', overwrite: true })).to.equal('Replaced "Projects/plan.md" (2 bytes).');
  });

  it('read_file caps what it returns and does not show binary files', async function () {
    writeFileSync(join(ctx.servers.rclone.dir, 'big.txt'), 'x'.repeat(100_000));
    writeFileSync(join(ctx.servers.rclone.dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const big = await ctx.rig.text('nextcloud__read_file', { path: 'big.txt', max_bytes: 1000 });
    expect(big).to.include('--- file content ---\n' + 'x'.repeat(1000) + '\n--- end of file content ---').and.include('Note: Cut at 1000 bytes of 100000.');
    expect(await ctx.rig.text('nextcloud__read_file', { path: 'photo.png' })).to.match(/^File "photo\.png", 8 B, image\/png\n"photo\.png" is not a text file/);
  });

  it('move_file and delete_file change exactly the paths given', async function () {
    const moved = await ctx.rig.call('nextcloud__move_file', { from: 'Projects/plan.md', to: 'plan-final.md' });
    expect(moved.request.risk).to.equal('destructive');
    expect(moved.result.text).to.equal('Moved "Projects/plan.md" to "plan-final.md".');
    expect(existsSync(join(ctx.servers.rclone.dir, 'plan-final.md'))).to.equal(true);
    expect(await ctx.rig.text('nextcloud__delete_file', { path: 'Projects' })).to.equal('Deleted "Projects".');
    expect(existsSync(join(ctx.servers.rclone.dir, 'Projects'))).to.equal(false);
    expect(await ctx.rig.error('nextcloud__delete_file', { path: 'Projects' })).to.match(/^not found: Not found on 127\.0\.0\.1:\d+: "Projects"\.$/);
  });

  it('paths that would leave the user\'s files are refused before any request', async function () {
    for (const path of ['../bob/secret.txt', '/etc/passwd', 'a/%2e%2e/%2e%2e/x', 'C:\\x', 'https://evil.example/x']) {
      expect(await ctx.rig.error('nextcloud__read_file', { path }), path).to.match(/^path refused: Refusing the path/);
    }
    expect(await ctx.rig.error('nextcloud__move_file', { from: 'plan-final.md', to: '../../outside.md' })).to.match(/^path refused:/);
    expect(existsSync(join(ctx.servers.rclone.dir, 'plan-final.md'))).to.equal(true);
  });
});
