// Sending and replying through the SMTP sink, then reading the result back over IMAP.
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { ImapPool, listMessages, readMessage, reply, send, type MailSettings } from '../../../plugins/email/lib/index.js';
import { freePort } from '../../helpers/servers/index.js';
import { ALICE, BOB, buildMail, plainSettings, rejection, startMailServers, type MailServers } from './helpers.js';

describe('email: send and reply (SMTP sink + Dovecot)', function () {
  let servers: MailServers;
  let pool: ImapPool;
  const alice = () => plainSettings(servers, 'alice');
  const bob = () => plainSettings(servers, 'bob');

  before(async function () {
    servers = await startMailServers();
    pool = new ImapPool();
  });
  after(async () => {
    await pool?.closeAll();
    await servers?.stop();
  });

  it('sends a message that arrives in the recipient INBOX', async function () {
    const sent = await send(alice(), ALICE.password, { to: 'bob@example.com', subject: 'Hello Bob', text: 'Lunch on Friday?' }, pool);
    expect(sent.accepted).to.deep.equal(['bob@example.com']);
    expect(sent.messageId).to.match(/^<.+@.+>$/);
    const inbox = await listMessages(bob(), BOB.password, {}, pool);
    const arrived = inbox.messages.find((m) => m.subject === 'Hello Bob');
    expect(arrived?.from).to.deep.equal(['alice@example.com']);
    expect(arrived?.messageId).to.equal(sent.messageId);
    const full = await readMessage(bob(), BOB.password, { uid: arrived!.uid }, pool);
    expect(full.text.trim()).to.equal('Lunch on Friday?');
  });

  it('keeps Bcc out of the headers but delivers to it', async function () {
    await send(alice(), ALICE.password, { to: 'carol@elsewhere.example', bcc: 'bob@example.com', subject: 'Secret copy', text: 'x' }, pool);
    const recorded = await servers.smtp.waitFor((m) => m.raw.toString().includes('Secret copy'));
    expect(recorded.rcptTo).to.include('bob@example.com');
    const parsed = await simpleParser(recorded.raw);
    expect(parsed.bcc).to.equal(undefined);
  });

  it('saves a copy to Sent when asked', async function () {
    const sent = await send(alice(), ALICE.password, { to: 'bob@example.com', subject: 'Keep a copy', text: 'x', saveToSent: true }, pool);
    expect(sent.savedTo).to.equal('Sent');
    const copies = await listMessages(alice(), ALICE.password, { folder: 'Sent' }, pool);
    expect(copies.messages.map((m) => m.messageId)).to.include(sent.messageId);
    expect(copies.messages[0]!.unread).to.equal(false);
  });

  it('replies with Re:, In-Reply-To and References, quotes the original and marks it answered', async function () {
    await servers.imap.deliver(
      'alice',
      await buildMail({
        from: 'Bob Example <bob@example.com>',
        to: 'alice@example.com, Dave <dave@example.com>',
        subject: 'Project plan',
        text: 'Can you review the plan?',
        messageId: '<plan-2@example.com>',
      }),
    );
    const original = (await listMessages(alice(), ALICE.password, {}, pool)).messages.find((m) => m.subject === 'Project plan')!;
    const sent = await reply(alice(), ALICE.password, { uid: original.uid, text: 'Looks good to me.', replyAll: true }, pool);
    expect(sent).to.deep.include({ subject: 'Re: Project plan', inReplyTo: '<plan-2@example.com>' });
    expect(sent.to).to.deep.equal(['Bob Example <bob@example.com>']);
    expect(sent.cc).to.deep.equal(['Dave <dave@example.com>']);

    const recorded = await servers.smtp.waitFor((m) => m.raw.toString().includes('Re: Project plan'));
    const parsed = await simpleParser(recorded.raw);
    expect(parsed.inReplyTo).to.equal('<plan-2@example.com>');
    expect(parsed.references).to.equal('<plan-2@example.com>');
    expect(parsed.text).to.include('Looks good to me.').and.to.include('> Can you review the plan?');

    const atBob = (await listMessages(bob(), BOB.password, {}, pool)).messages.find((m) => m.subject === 'Re: Project plan');
    expect(atBob).to.not.equal(undefined);
    const after = (await listMessages(alice(), ALICE.password, {}, pool)).messages.find((m) => m.uid === original.uid)!;
    expect(after.answered).to.equal(true);
  });

  it('does not stack "Re:" and keeps the thread\'s References', async function () {
    await servers.imap.deliver(
      'alice',
      await buildMail({ subject: 'AW: Re: Budget', text: 'See above.', messageId: '<b3@example.com>' }).then((raw) =>
        Buffer.from(raw.toString().replace(/^Message-ID:/im, 'References: <b1@example.com> <b2@example.com>\r\nMessage-ID:')),
      ),
    );
    const original = (await listMessages(alice(), ALICE.password, {}, pool)).messages.find((m) => m.subject === 'AW: Re: Budget')!;
    const sent = await reply(alice(), ALICE.password, { uid: original.uid, text: 'Ok.', quote: false }, pool);
    expect(sent.subject).to.equal('AW: Re: Budget');
    const recorded = await servers.smtp.waitFor((m) => m.raw.toString().includes('Subject: AW: Re: Budget'));
    const parsed = await simpleParser(recorded.raw);
    expect(parsed.references).to.deep.equal(['<b1@example.com>', '<b2@example.com>', '<b3@example.com>']);
    expect(parsed.text?.trim()).to.equal('Ok.');
  });

  it('says messageGone when replying to a message that is not there', async function () {
    const error = await rejection(reply(alice(), ALICE.password, { uid: 4242, text: 'x' }, pool));
    expect(error.kind).to.equal('messageGone');
  });

  it('gives authenticationFailed for a wrong SMTP password, and nothing is sent', async function () {
    const before = servers.smtp.messages.length;
    const error = await rejection(send(alice(), 'wrong', { to: 'bob@example.com', subject: 'Nope', text: 'x' }, pool));
    expect(error.kind).to.equal('authenticationFailed');
    expect(error.message).to.match(/^SMTP server 127\.0\.0\.1:\d+ rejected the login/);
    expect(servers.smtp.messages.length).to.equal(before);
  });

  it('gives serverUnreachable when the SMTP server is down', async function () {
    const settings: MailSettings = { ...alice(), smtp: { host: '127.0.0.1', port: await freePort(), tls: 'none' } };
    const error = await rejection(send(settings, ALICE.password, { to: 'bob@example.com', subject: 'x', text: 'x' }, pool));
    expect(error.kind).to.equal('serverUnreachable');
  });

  it('rejects a bad recipient and never reads local files into a message', async function () {
    expect((await rejection(send(alice(), ALICE.password, { to: 'not an address', subject: 'x', text: 'x' }, pool))).kind).to.equal('invalidArgument');
    const sneaky = { to: 'bob@example.com', subject: 'x', text: 'x', attachments: [{ filename: 'p', path: '/etc/hostname' }] } as never;
    const sent = await send(alice(), ALICE.password, sneaky, pool);
    const recorded = await servers.smtp.waitFor((m) => m.raw.toString().includes(sent.messageId));
    expect((await simpleParser(recorded.raw)).attachments.map((a) => a.content.length)).to.deep.equal([0]);
  });
});
