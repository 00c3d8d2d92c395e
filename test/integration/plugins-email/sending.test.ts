// Sending and replying through the approval queue and the real host: the SMTP sink delivers into
// Dovecot, and the message is read back through the plugin. A reply whose stated draft differs from
// what would be sent is refused before anything goes out.
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { buildMail, setUpAccount, startMailServers, uidOf } from './helpers.js';
import { usePluginAccount } from './plugin-rig.js';

describe('email plugin: send and reply (SMTP sink + Dovecot)', function () {
  this.timeout(60_000);
  const ctx = usePluginAccount('email', startMailServers, setUpAccount);

  it('send: the approval carries the whole draft; the message arrives and reads back', async function () {
    const args = { to: ['alice@example.com'], cc: ['Bob <bob@example.com>'], subject: 'Note to self', body: 'Buy oat milk.\nAnd bread.' };
    const { result, request } = await ctx.rig.call('email__send', args);
    expect(request.risk).to.equal('destructive');
    expect(JSON.parse(request.argsText)).to.deep.equal(args);
    expect(result.ok, result.error).to.equal(true);
    expect(result.text).to.match(/^Sent "Note to self" to alice@example\.com, cc Bob <bob@example\.com>\.\nMessage-ID: <.+>$/);
    const recorded = await ctx.servers.smtp.waitFor((m) => m.raw.toString().includes('Note to self'));
    expect(recorded).to.deep.include({ authUser: 'alice', mailFrom: 'alice@example.com', deliveredTo: ['alice', 'bob'] });
    const listing = await ctx.rig.text('email__list_messages');
    const read = await ctx.rig.text('email__read_message', { uid: uidOf(listing, 'Note to self') });
    expect(read).to.include('From: alice@example.com').and.include('Cc: Bob <bob@example.com>').and.include('Buy oat milk.\nAnd bread.');
  });

  it('send with bcc and save_to_sent: bcc stays out of the headers, a copy lands in Sent', async function () {
    const result = await ctx.rig.text('email__send', { to: ['carol@elsewhere.example'], bcc: ['bob@example.com'], subject: 'Quiet copy', body: 'x', save_to_sent: true });
    expect(result).to.include('bcc bob@example.com').and.include('A copy is in Sent.');
    const recorded = await ctx.servers.smtp.waitFor((m) => m.raw.toString().includes('Quiet copy'));
    expect(recorded.rcptTo).to.include('bob@example.com');
    expect((await simpleParser(recorded.raw)).bcc).to.equal(undefined);
    expect(await ctx.rig.text('email__list_messages', { folder: 'Sent' })).to.include('"Quiet copy"');
  });

  it('reply: a draft with other recipients or subject is refused and nothing is sent; the right one is threaded and marks the original', async function () {
    await ctx.servers.imap.deliver(
      'alice',
      await buildMail({ from: 'Bob Example <bob@example.com>', to: 'alice@example.com, Dave <dave@example.com>', subject: 'Project plan', text: 'Can you review it?', messageId: '<plan-7@example.com>' }),
    );
    const uid = uidOf(await ctx.rig.text('email__list_messages'), 'Project plan');
    const before = ctx.servers.smtp.messages.length;

    const wrong = await ctx.rig.error('email__reply', { uid, to: ['mallory@evil.example'], subject: 'Re: Project plan', body: 'Looks good.' });
    expect(wrong).to.equal(
      'draft differs: Nothing was sent: this reply would go to Bob Example <bob@example.com> with the subject "Re: Project plan". ' +
        'Call reply again with exactly these as to and subject, so the person approves what is really sent.',
    );
    const missingCc = await ctx.rig.error('email__reply', { uid, reply_all: true, to: ['bob@example.com'], subject: 'Re: Project plan', body: 'Looks good.' });
    expect(missingCc).to.match(/would go to Bob Example <bob@example\.com>, Dave <dave@example\.com>/);
    expect(ctx.servers.smtp.messages.length, 'nothing was sent').to.equal(before);

    const { result, request } = await ctx.rig.call('email__reply', { uid, reply_all: true, to: ['bob@example.com', 'dave@example.com'], subject: 'Re: Project plan', body: 'Looks good to me.' });
    expect(request.risk).to.equal('destructive');
    expect(result.ok, result.error).to.equal(true);
    expect(result.text).to.match(/^Sent "Re: Project plan" to Bob Example <bob@example\.com>, cc Dave <dave@example\.com>\./);
    expect(result.text).to.include('The original is marked as answered.');
    const recorded = await ctx.servers.smtp.waitFor((m) => m.raw.toString().includes('Looks good to me.'));
    const parsed = await simpleParser(recorded.raw);
    expect(parsed.inReplyTo).to.equal('<plan-7@example.com>');
    expect(parsed.text?.trim()).to.equal('Looks good to me.');
    expect(await ctx.rig.text('email__list_messages')).to.match(/"Project plan" \| unread, answered/);
  });
});
