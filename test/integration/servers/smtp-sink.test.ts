// The SMTP sink: authenticated submission, recorded, delivered into Dovecot and readable over IMAP.
import { expect } from 'chai';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { startDovecot, startSmtpSink, type DovecotServer, type SmtpSink } from '../../helpers/servers/index.js';

const alice = { user: 'alice', password: 'alice-pw' };
const bob = { user: 'bob', password: 'bob-pw' };

describe('test server: SMTP sink', function () {
  let imap: DovecotServer;
  let sink: SmtpSink;
  before(async function () {
    imap = await startDovecot({ users: [alice, bob] });
    sink = await startSmtpSink({ deliverTo: imap });
  });
  after(async () => {
    await sink?.stop();
    await imap?.stop();
  });

  const transport = (user: string, pass: string) =>
    nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true, auth: { user, pass } });

  it('accepts an authenticated message and delivers it to the recipient INBOX', async function () {
    const info = await transport(alice.user, alice.password).sendMail({
      from: 'alice@example.com',
      to: 'bob@example.com, stranger@elsewhere.example',
      subject: 'Via the sink',
      text: 'Hello Bob',
    });
    expect(info.accepted).to.have.length(2);
    const recorded = await sink.waitFor((m) => m.raw.toString().includes('Via the sink'));
    expect(recorded.authUser).to.equal('alice');
    expect(recorded.deliveredTo).to.deep.equal(['bob']);

    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: bob.user, pass: bob.password }, logger: false });
    await client.connect();
    const lock = await client.getMailboxLock('INBOX');
    try {
      const found = await client.search({ subject: 'Via the sink' }, { uid: true });
      expect(found).to.have.length(1);
    } finally {
      lock.release();
      await client.logout();
    }
  });

  it('refuses a bad password with 535', async function () {
    const error = (await transport(alice.user, 'wrong')
      .sendMail({ from: 'alice@example.com', to: 'bob@example.com', text: 'x' })
      .then(() => null, (e: unknown) => e)) as { responseCode?: number; code?: string } | null;
    expect(error?.code).to.equal('EAUTH');
    expect(error?.responseCode).to.equal(535);
  });
});
