// The Dovecot launcher: plain IMAP, STARTTLS and IMAPS with the self-signed cert, delivery, restart, crash.
import { expect } from 'chai';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { startDovecot, type DovecotServer } from '../../helpers/servers/index.js';

const alice = { user: 'alice', password: 'alice-pw' };

function client(server: DovecotServer, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: alice.user, pass: alice.password },
    logger: false,
    ...extra,
  });
}

const message = (subject: string): string =>
  `From: Bob <bob@example.com>\r\nTo: alice@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${subject}@example.com>\r\n\r\nHello.\r\n`;

describe('test server: Dovecot', function () {
  let server: DovecotServer;
  before(async function () {
    server = await startDovecot({ users: [alice, { user: 'bob', password: 'bob-pw' }], tls: true });
  });
  after(async () => server?.stop());

  it('logs in over plain IMAP (STARTTLS upgraded, trusting only the test cert)', async function () {
    const imap = client(server, { tls: { ca: server.certPem } });
    await imap.connect();
    expect(imap.secureConnection || imap.tls).to.be.ok;
    await imap.logout();
  });

  it('logs in over IMAPS with the self-signed cert as the only CA', async function () {
    const imap = client(server, { port: server.imapsPort, secure: true, tls: { ca: server.certPem } });
    await imap.connect();
    expect(imap.secureConnection).to.equal(true);
    await imap.logout();
  });

  it('refuses the IMAPS certificate when it is not trusted', async function () {
    const imap = client(server, { port: server.imapsPort, secure: true });
    const error = await imap.connect().then(() => null, (e: Error) => e);
    expect(error).to.be.instanceOf(Error);
    expect(String((error as NodeJS.ErrnoException).code ?? error?.message)).to.match(/SELF_SIGNED|self-signed|certificate/i);
  });

  it('delivers into the INBOX and into other folders', async function () {
    await server.deliver('alice', message('first'));
    await server.deliver('alice', message('archived'), 'Archive');
    const imap = client(server, { doSTARTTLS: false });
    await imap.connect();
    const inbox = await imap.status('INBOX', { messages: true });
    const archive = await imap.status('Archive', { messages: true });
    expect(inbox && inbox.messages).to.equal(1);
    expect(archive && archive.messages).to.equal(1);
    await imap.logout();
  });

  it('rejects a bad password at once with authenticationFailed', async function () {
    const imap = client(server, { doSTARTTLS: false, auth: { user: 'alice', pass: 'wrong' } });
    const error = (await imap.connect().then(() => null, (e: unknown) => e)) as { authenticationFailed?: boolean } | null;
    expect(error?.authenticationFailed).to.equal(true);
  });

  it('keeps the mail across a restart', async function () {
    await server.restart();
    const imap = client(server, { doSTARTTLS: false });
    await imap.connect();
    const inbox = await imap.status('INBOX', { messages: true });
    expect(inbox && inbox.messages).to.equal(1);
    await imap.logout();
  });

  it('a killed server closes the client connection; it comes back after restart', async function () {
    const imap = client(server, { doSTARTTLS: false });
    imap.on('error', () => {});
    await imap.connect();
    const closed = new Promise<void>((resolve) => imap.once('close', () => resolve()));
    await server.kill();
    await closed;
    const error = (await imap.noop().then(() => null, (e: unknown) => e)) as { code?: string } | null;
    expect(error?.code).to.equal('NoConnection');
    const refused = (await client(server, { doSTARTTLS: false }).connect().then(() => null, (e: unknown) => e)) as { code?: string } | null;
    expect(refused?.code).to.equal('ECONNREFUSED');
    await server.restart();
    const again = client(server, { doSTARTTLS: false });
    await again.connect();
    await again.logout();
  });
});
