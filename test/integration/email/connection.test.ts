// Connection handling: a killed server, a restart (the pool reconnects), and connections cut in the
// middle of a command (through a TCP proxy), against a real Dovecot.
import { expect } from 'chai';
import { ImapPool, listFolders, listMessages, moveMessage, readMessage, type MailSettings } from '../../../plugins/email/lib/index.js';
import { startTcpProxy, type TcpProxy } from '../../helpers/servers/index.js';
import { ALICE, appendMany, plainSettings, rejection, startMailServers, type MailServers } from './helpers.js';

describe('email: connection handling (Dovecot)', function () {
  let servers: MailServers;
  let proxy: TcpProxy;
  let pool: ImapPool;
  let viaProxy: MailSettings;

  before(async function () {
    servers = await startMailServers();
    proxy = await startTcpProxy({ port: servers.imap.port });
    viaProxy = { ...plainSettings(servers), port: proxy.port };
    await appendMany(servers, ALICE, 'INBOX', [{ subject: 'Stay here' }]);
  });
  beforeEach(() => {
    pool = new ImapPool();
  });
  afterEach(async () => pool.closeAll());
  after(async () => {
    await proxy?.stop();
    await servers?.stop();
  });

  it('a killed server gives serverUnreachable; after a restart the same pool reconnects', async function () {
    const settings = plainSettings(servers);
    await listFolders(settings, ALICE.password, pool);
    expect(pool.size).to.equal(1);
    await servers.imap.kill();
    const error = await rejection(listFolders(settings, ALICE.password, pool));
    expect(['serverUnreachable', 'connectionDropped']).to.include(error.kind);
    const again = await rejection(listFolders(settings, ALICE.password, pool));
    expect(again.kind).to.equal('serverUnreachable');
    expect(again.message).to.match(/^Cannot reach IMAP server 127\.0\.0\.1:\d+ \(connection refused/);
    await servers.imap.restart();
    const folders = await listFolders(settings, ALICE.password, pool);
    expect(folders.map((f) => f.path)).to.include('INBOX');
  });

  it('replaces a pooled connection that died, for reads, without the caller noticing', async function () {
    await listFolders(viaProxy, ALICE.password, pool);
    const cut = proxy.cutWhenClientSends(/ LIST /);
    const folders = await listFolders(viaProxy, ALICE.password, pool);
    await cut;
    expect(folders.map((f) => f.path)).to.include('INBOX');
  });

  it('a connection cut in the middle of a move gives connectionDropped, and nothing moved', async function () {
    const page = await listMessages(viaProxy, ALICE.password, {}, pool);
    const uid = page.messages.find((m) => m.subject === 'Stay here')!.uid;
    const cut = proxy.cutWhenClientSends(/UID MOVE/);
    const error = await rejection(moveMessage(viaProxy, ALICE.password, { uid, toFolder: 'Archive' }, pool));
    await cut;
    expect(error.kind).to.equal('connectionDropped');
    expect(error.message).to.match(/^The connection to IMAP server 127\.0\.0\.1:\d+ dropped during the request/);
    const still = await readMessage(viaProxy, ALICE.password, { uid }, pool);
    expect(still.subject).to.equal('Stay here');
  });

  it('a read cut on a fresh connection is reported, not retried forever', async function () {
    const cut = proxy.cutWhenClientSends(/ LIST /);
    const error = await rejection(listFolders(viaProxy, ALICE.password, pool));
    await cut;
    expect(error.kind).to.equal('connectionDropped');
  });
});
