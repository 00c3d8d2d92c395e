// What goes wrong, through the real host: the server killed and restarted (the plugin reconnects), a
// connection cut in the middle of a move, a changed password, SMTP unreachable, a missing folder and
// a message that is gone. Each is a one-line tool error and the plugin stays loaded and usable.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { freePort, startTcpProxy, type TcpProxy } from '../../helpers/servers/index.js';
import { ALICE, appendMany, genericAnswers, setUpAccount, startMailServers, uidOf, type MailServers } from './helpers.js';
import { PluginRig, homeWithPlugins } from './plugin-rig.js';

describe('email plugin: failures and recovery (Dovecot)', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let rig: PluginRig;
  const rigs: PluginRig[] = [];

  async function newRig(): Promise<PluginRig> {
    const r = new PluginRig(homeWithPlugins(['email']));
    rigs.push(r);
    await r.start();
    return r;
  }
  const stillLoaded = (r: PluginRig) => expect(r.host.plugins().find((p) => p.name === 'email')?.state).to.equal('loaded');

  before(async () => {
    servers = await startMailServers();
    await appendMany(servers, ALICE, 'INBOX', [{ subject: 'Keep me' }, { subject: 'Move me' }, { subject: 'Cut me' }]);
    rig = await newRig();
    await setUpAccount(rig, servers);
  });
  after(async () => {
    for (const r of rigs) {
      await r.stop();
      rmSync(r.home, { recursive: true, force: true });
    }
    await servers?.stop();
  });

  it('the IMAP server killed mid-session: a clear error; after a restart the plugin reconnects by itself', async function () {
    expect(await rig.text('email__list_folders')).to.include('INBOX');
    await servers.imap.kill();
    const first = await rig.error('email__list_folders');
    expect(first).to.match(/^(server unreachable: Cannot reach IMAP server 127\.0\.0\.1:\d+ \(connection refused|connection dropped: The connection to IMAP server)/);
    expect(await rig.error('email__list_messages')).to.match(/^server unreachable: Cannot reach IMAP server 127\.0\.0\.1:\d+ \(connection refused: is the server running and the port right\?\)\.$/);
    stillLoaded(rig);
    await servers.imap.restart();
    expect(await rig.text('email__list_messages')).to.include('"Keep me"');
  });

  it('a connection cut in the middle of a move: "connection dropped", nothing moved, the next call works', async function () {
    const proxy: TcpProxy = await startTcpProxy({ port: servers.imap.port });
    try {
      const viaProxy = await newRig();
      await viaProxy.setup('email', genericAnswers(servers, { imapPort: proxy.port }));
      const uid = uidOf(await viaProxy.text('email__list_messages'), 'Cut me');
      const cut = proxy.cutWhenClientSends(/UID MOVE/);
      const error = await viaProxy.error('email__move', { uid, to_folder: 'Archive' });
      await cut;
      expect(error).to.match(/^connection dropped: The connection to IMAP server 127\.0\.0\.1:\d+ dropped during the request; nothing is known to have completed\. Try again\.$/);
      expect(await viaProxy.text('email__list_messages')).to.include('"Cut me"');
      stillLoaded(viaProxy);
    } finally {
      await proxy.stop();
    }
  });

  it('a wrong password (changed in the vault) says so and how to fix it; the right one works again', async function () {
    const secrets = (await rig.vault()).forPlugin('email');
    await secrets.set('password', 'changed-on-the-server');
    expect(await rig.error('email__list_folders')).to.match(
      /^login failed: IMAP server 127\.0\.0\.1:\d+ rejected the login for "alice": wrong user name or password \(some providers need an app password\)\. Check the user name and password\. Set it up: select email in the Plugins pane and press s, or run pyra plugin setup email$/,
    );
    await secrets.set('password', ALICE.password);
    expect(await rig.text('email__list_folders')).to.include('INBOX');
  });

  it('SMTP unreachable: setup can save anyway; send then fails with a clear error', async function () {
    const closed = await freePort();
    const offline = await newRig();
    await offline.setup(
      'email',
      genericAnswers(servers, { smtpPort: closed, verdict: [new RegExp(`^✗ Cannot reach SMTP server 127\\.0\\.0\\.1:${closed} \\(connection refused.* s: save anyway`), 's'] }),
    );
    expect(await offline.text('email__list_folders')).to.include('INBOX');
    const error = await offline.error('email__send', { to: ['bob@example.com'], subject: 'Hello', body: 'x' });
    expect(error).to.equal(`server unreachable: Cannot reach SMTP server 127.0.0.1:${closed} (connection refused: is the server running and the port right?).`);
  });

  it('a folder that does not exist', async function () {
    expect(await rig.error('email__list_messages', { folder: 'Nope' })).to.equal('folder missing: Folder "Nope" does not exist on 127.0.0.1. email__list_folders shows the folders there are.');
    const uid = uidOf(await rig.text('email__list_messages'), 'Keep me');
    expect(await rig.error('email__move', { uid, to_folder: 'Nope' })).to.match(/^folder missing: Folder "Nope" does not exist/);
  });

  it('a message that is gone (moved away, or never there)', async function () {
    const uid = uidOf(await rig.text('email__list_messages'), 'Move me');
    await rig.text('email__move', { uid, to_folder: 'Trash' });
    const gone = `message gone: Message ${uid} is no longer in "INBOX" (deleted or moved). List the folder again to get current uids.`;
    expect(await rig.error('email__read_message', { uid })).to.equal(gone);
    expect(await rig.error('email__mark_read', { uid })).to.equal(gone);
    expect(await rig.error('email__reply', { uid, to: ['bob@example.com'], subject: 'Re: Move me', body: 'x' })).to.equal(gone);
    expect(await rig.error('email__extract_events', { uid: 9999 })).to.match(/^message gone: Message 9999 is no longer in "INBOX"/);
    stillLoaded(rig);
  });
});
