// Login verdicts over plain IMAP, STARTTLS and IMAPS (trusting only the test certificate), and folders.
import { expect } from 'chai';
import { ImapPool, listFolders, listMessages, readMessage, testLogin, type MailSettings } from '../../../plugins/email/lib/index.js';
import { freePort } from '../../helpers/servers/index.js';
import { ALICE, appendMany, plainSettings, rejection, startMailServers, type MailServers } from './helpers.js';

describe('email: login test and folders (Dovecot)', function () {
  let servers: MailServers;
  let pool: ImapPool;
  before(async function () {
    servers = await startMailServers();
    pool = new ImapPool();
    await appendMany(servers, ALICE, 'INBOX', [{ subject: 'one' }, { subject: 'two' }, { subject: 'three' }]);
    await appendMany(servers, ALICE, 'Archive', [{ subject: 'old' }], true);
  });
  after(async () => {
    await pool?.closeAll();
    await servers?.stop();
  });

  it('says the login works over plain IMAP and SMTP on loopback', async function () {
    const verdict = await testLogin(plainSettings(servers), ALICE.password);
    expect(verdict.ok).to.equal(true);
    expect(verdict.imap.ok).to.equal(true);
    expect(verdict.smtp?.ok).to.equal(true);
    expect(verdict.summary).to.match(/works/);
  });

  it('logs in with STARTTLS, trusting only the server certificate', async function () {
    const settings: MailSettings = { ...plainSettings(servers), tls: 'starttls', ca: servers.imap.certPem, smtp: undefined };
    const verdict = await testLogin(settings, ALICE.password);
    expect(verdict.imap).to.deep.include({ ok: true });
    expect(verdict.smtp).to.equal(undefined);
  });

  it('logs in over IMAPS (implicit TLS) with the test certificate as CA', async function () {
    const settings: MailSettings = { ...plainSettings(servers), port: servers.imap.imapsPort!, tls: 'implicit', ca: servers.imap.certPem, smtp: undefined };
    expect((await testLogin(settings, ALICE.password)).ok).to.equal(true);
  });

  it('refuses an untrusted certificate with tlsFailed', async function () {
    const settings: MailSettings = { ...plainSettings(servers), port: servers.imap.imapsPort!, tls: 'implicit', smtp: undefined };
    const verdict = await testLogin(settings, ALICE.password);
    expect(verdict.ok).to.equal(false);
    expect(verdict.imap.kind).to.equal('tlsFailed');
    expect(verdict.summary).to.match(/^Secure connection to IMAP server 127\.0\.0\.1:\d+ failed/);
  });

  it('gives authenticationFailed for a wrong password, for IMAP and SMTP alike', async function () {
    const verdict = await testLogin(plainSettings(servers), 'wrong');
    expect(verdict.ok).to.equal(false);
    expect(verdict.imap.kind).to.equal('authenticationFailed');
    expect(verdict.smtp?.kind).to.equal('authenticationFailed');
    expect(verdict.summary).to.match(/rejected the login for "alice": wrong user name or password/);
    expect(verdict.summary).not.to.include('wrong"');
    expect(verdict.summary.split('\n')).to.have.length(1);
  });

  it('gives serverUnreachable when nothing listens on the port', async function () {
    const settings: MailSettings = { ...plainSettings(servers), port: await freePort(), smtp: undefined };
    const verdict = await testLogin(settings, ALICE.password);
    expect(verdict.imap.kind).to.equal('serverUnreachable');
    expect(verdict.imap.message).to.match(/Cannot reach IMAP server 127\.0\.0\.1:\d+ \(connection refused/);
  });

  it('refuses tls "none" for a host that is not on this machine, before connecting', async function () {
    const settings: MailSettings = { ...plainSettings(servers), host: 'mail.example.com' };
    const error = await rejection(listFolders(settings, ALICE.password, pool));
    expect(error.kind).to.equal('insecureRefused');
    expect(error.message).to.match(/Refusing to send the password unencrypted to mail\.example\.com/);
  });

  it('lists folders with message and unread counts and special uses', async function () {
    const folders = await listFolders(plainSettings(servers), ALICE.password, pool);
    const byPath = Object.fromEntries(folders.map((f) => [f.path, f]));
    expect(Object.keys(byPath)).to.include.members(['INBOX', 'Sent', 'Trash', 'Archive']);
    expect(byPath.INBOX).to.deep.include({ messages: 3, unread: 3, selectable: true });
    expect(byPath.Archive).to.deep.include({ messages: 1, unread: 0, specialUse: '\\Archive' });
    expect(byPath.Sent!.specialUse).to.equal('\\Sent');
  });

  it('lists and reads mail over IMAPS, trusting only the test certificate', async function () {
    const settings: MailSettings = { ...plainSettings(servers), port: servers.imap.imapsPort!, tls: 'implicit', ca: servers.imap.certPem };
    const page = await listMessages(settings, ALICE.password, { pageSize: 2 }, pool);
    expect(page.messages.map((m) => m.subject)).to.deep.equal(['three', 'two']);
    const message = await readMessage(settings, ALICE.password, { uid: page.messages[0]!.uid }, pool);
    expect(message.subject).to.equal('three');
  });

  it('reuses one pooled connection across calls', async function () {
    const fresh = new ImapPool();
    await listFolders(plainSettings(servers), ALICE.password, fresh);
    await listFolders(plainSettings(servers), ALICE.password, fresh);
    expect(fresh.size).to.equal(1);
    // Another password is another account key: the old connection is not reused for it.
    await rejection(listFolders(plainSettings(servers), 'wrong', fresh));
    expect(fresh.size).to.equal(1);
    await fresh.closeAll();
    expect(fresh.size).to.equal(0);
  });
});
