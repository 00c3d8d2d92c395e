// Listing with paging, search, reading (plain, HTML, attachments, size cap), move and flags, and
// the mailbox-missing / message-gone errors, against a real Dovecot.
import { expect } from 'chai';
import { ImapPool, listMessages, markRead, moveMessage, readMessage, searchMessages, setFlagged } from '../../../plugins/email/lib/index.js';
import { ALICE, appendMany, buildMail, plainSettings, rejection, startMailServers, type MailServers } from './helpers.js';

describe('email: messages (Dovecot)', function () {
  let servers: MailServers;
  let pool: ImapPool;
  const settings = () => plainSettings(servers);

  before(async function () {
    servers = await startMailServers();
    pool = new ImapPool();
    const bulk = Array.from({ length: 45 }, (_, i) => ({
      subject: `Bulk ${i + 1}`,
      from: i % 3 === 0 ? 'Carol <carol@shop.example>' : 'Bob Example <bob@example.com>',
      text: i === 7 ? 'The secret word is pineapple.' : `Message number ${i + 1}`,
      date: new Date(Date.UTC(2026, 0, 1 + i)).toUTCString(),
    }));
    await appendMany(servers, ALICE, 'Bulk', bulk.slice(0, 30), true);
    await appendMany(servers, ALICE, 'Bulk', bulk.slice(30));
  });
  after(async () => {
    await pool?.closeAll();
    await servers?.stop();
  });

  describe('listing and search', function () {
    it('pages newest first with a cursor until the folder is done', async function () {
      const first = await listMessages(settings(), ALICE.password, { folder: 'Bulk', pageSize: 20 }, pool);
      expect(first.messages).to.have.length(20);
      expect(first.messages[0]!.subject).to.equal('Bulk 45');
      expect(first.remaining).to.equal(25);
      const second = await listMessages(settings(), ALICE.password, { folder: 'Bulk', pageSize: 20, cursor: first.nextCursor }, pool);
      expect(second.messages[0]!.subject).to.equal('Bulk 25');
      const third = await listMessages(settings(), ALICE.password, { folder: 'Bulk', pageSize: 20, cursor: second.nextCursor }, pool);
      expect(third.messages.map((m) => m.subject)).to.deep.equal(['Bulk 5', 'Bulk 4', 'Bulk 3', 'Bulk 2', 'Bulk 1']);
      expect(third.nextCursor).to.equal(undefined);
      expect(third.remaining).to.equal(0);
      const all = [...first.messages, ...second.messages, ...third.messages].map((m) => m.uid);
      expect(new Set(all).size).to.equal(45);
    });

    it('keeps the cursor right when new mail arrives between pages', async function () {
      const first = await listMessages(settings(), ALICE.password, { folder: 'Bulk', pageSize: 10 }, pool);
      await appendMany(servers, ALICE, 'Bulk', [{ subject: 'Late arrival' }]);
      const second = await listMessages(settings(), ALICE.password, { folder: 'Bulk', pageSize: 10, cursor: first.nextCursor }, pool);
      expect(second.messages[0]!.subject).to.equal('Bulk 35');
      const fresh = await listMessages(settings(), ALICE.password, { folder: 'Bulk', pageSize: 1 }, pool);
      expect(fresh.messages[0]!.subject).to.equal('Late arrival');
    });

    it('filters unread only, by sender and by date', async function () {
      const unread = await listMessages(settings(), ALICE.password, { folder: 'Bulk', unreadOnly: true, pageSize: 100 }, pool);
      expect(unread.messages.every((m) => m.unread)).to.equal(true);
      expect(unread.messages.map((m) => m.subject)).to.include('Bulk 31').and.not.include('Bulk 30');
      const carol = await listMessages(settings(), ALICE.password, { folder: 'Bulk', from: 'carol@shop', pageSize: 100 }, pool);
      expect(carol.messages).to.have.length(15);
      expect(carol.messages[0]!.from).to.deep.equal(['Carol <carol@shop.example>']);
      const recent = await listMessages(settings(), ALICE.password, { folder: 'Bulk', since: '2000-01-01', pageSize: 5 }, pool);
      expect(recent.messages).to.have.length(5);
    });

    it('searches subject, body and unseen on the server', async function () {
      const body = await searchMessages(settings(), ALICE.password, { folder: 'Bulk', body: 'pineapple' }, pool);
      expect(body.messages.map((m) => m.subject)).to.deep.equal(['Bulk 8']);
      const subject = await searchMessages(settings(), ALICE.password, { folder: 'Bulk', subject: 'Bulk 4', unseen: true }, pool);
      expect(subject.messages.map((m) => m.subject).sort()).to.deep.equal(['Bulk 4', 'Bulk 40', 'Bulk 41', 'Bulk 42', 'Bulk 43', 'Bulk 44', 'Bulk 45'].filter((s) => s !== 'Bulk 4'));
    });

    it('rejects bad arguments before touching the server', async function () {
      expect((await rejection(listMessages(settings(), ALICE.password, { pageSize: 500 }, pool))).kind).to.equal('invalidArgument');
      expect((await rejection(listMessages(settings(), ALICE.password, { since: 'last week' }, pool))).kind).to.equal('invalidArgument');
      expect((await rejection(listMessages(settings(), ALICE.password, { folder: 'Bulk', cursor: 'nonsense' }, pool))).kind).to.equal('invalidArgument');
    });

    it('says mailboxMissing for a folder that does not exist', async function () {
      const error = await rejection(listMessages(settings(), ALICE.password, { folder: 'Nope' }, pool));
      expect(error.kind).to.equal('mailboxMissing');
      expect(error.message).to.equal('Folder "Nope" does not exist on 127.0.0.1.');
    });
  });

  describe('reading', function () {
    let uids: Record<string, number>;
    before(async function () {
      await servers.imap.deliver('alice', await buildMail({ subject: 'Plain one', text: 'Hello Alice,\nsee you.', messageId: '<plain@example.com>', date: 'Tue, 24 Nov 2026 10:00:00 +0100' }), 'Reading');
      await servers.imap.deliver('alice', await buildMail({ subject: 'Newsletter', html: '<html><style>p{color:red}</style><body><h1>Big news</h1><p>Read <a href="https://example.com/x">this</a> now.</p><img src="cid:x"></body></html>' }), 'Reading');
      await servers.imap.deliver(
        'alice',
        await buildMail({
          subject: 'With files',
          text: 'Two files attached.',
          attachments: [
            { filename: 'report.pdf', content: Buffer.alloc(30_000, 7), contentType: 'application/pdf' },
            { filename: 'notes.txt', content: 'some notes', contentType: 'text/plain' },
          ],
        }),
        'Reading',
      );
      await servers.imap.deliver('alice', await buildMail({ subject: 'Long one', text: 'word '.repeat(10_000) }), 'Reading');
      const page = await listMessages(settings(), ALICE.password, { folder: 'Reading' }, pool);
      uids = Object.fromEntries(page.messages.map((m) => [m.subject, m.uid]));
    });

    it('returns headers and the plain text, without marking the message read', async function () {
      const message = await readMessage(settings(), ALICE.password, { folder: 'Reading', uid: uids['Plain one']! }, pool);
      expect(message).to.deep.include({ subject: 'Plain one', textSource: 'plain', truncated: false, messageId: '<plain@example.com>', unread: true, dateOffset: '+01:00' });
      expect(message.text).to.include('Hello Alice,\nsee you.');
      expect(message.from).to.deep.equal(['Bob Example <bob@example.com>']);
      expect(message.to).to.deep.equal(['Alice <alice@example.com>']);
      expect(message.date).to.equal('2026-11-24T09:00:00.000Z');
      const again = await listMessages(settings(), ALICE.password, { folder: 'Reading', unreadOnly: true }, pool);
      expect(again.messages.map((m) => m.uid)).to.include(uids['Plain one']);
    });

    it('turns an HTML-only body into text', async function () {
      const message = await readMessage(settings(), ALICE.password, { folder: 'Reading', uid: uids.Newsletter! }, pool);
      expect(message.textSource).to.equal('html');
      expect(message.text).to.match(/BIG NEWS/i).and.to.include('this [https://example.com/x]');
      expect(message.text).not.to.match(/<p>|color:red/);
    });

    it('lists attachments with names and sizes without downloading them', async function () {
      const message = await readMessage(settings(), ALICE.password, { folder: 'Reading', uid: uids['With files']! }, pool);
      expect(message.text.trim()).to.equal('Two files attached.');
      const names = message.attachments.map((a) => a.name);
      expect(names).to.deep.equal(['report.pdf', 'notes.txt']);
      const pdf = message.attachments[0]!;
      expect(pdf.contentType).to.equal('application/pdf');
      expect(pdf.size).to.be.within(29_000, 31_000);
      const summary = (await listMessages(settings(), ALICE.password, { folder: 'Reading' }, pool)).messages.find((m) => m.subject === 'With files');
      expect(summary?.hasAttachments).to.equal(true);
    });

    it('caps a long body and says so', async function () {
      const message = await readMessage(settings(), ALICE.password, { folder: 'Reading', uid: uids['Long one']!, maxBodyChars: 1000 }, pool);
      expect(message.text).to.have.length(1000);
      expect(message.truncated).to.equal(true);
      expect(message.note).to.match(/^Body cut at 1000 characters/);
    });

    it('marks read when asked', async function () {
      const message = await readMessage(settings(), ALICE.password, { folder: 'Reading', uid: uids['Plain one']!, markRead: true }, pool);
      expect(message.unread).to.equal(false);
      const unread = await listMessages(settings(), ALICE.password, { folder: 'Reading', unreadOnly: true }, pool);
      expect(unread.messages.map((m) => m.uid)).not.to.include(uids['Plain one']);
    });

    it('says messageGone for a UID that is not there', async function () {
      const error = await rejection(readMessage(settings(), ALICE.password, { folder: 'Reading', uid: 9999 }, pool));
      expect(error.kind).to.equal('messageGone');
      expect(error.message).to.equal('Message 9999 is no longer in "Reading" (deleted or moved).');
    });
  });

  describe('moving and flags', function () {
    let uid: number;
    before(async function () {
      await servers.imap.deliver('alice', await buildMail({ subject: 'Move me', text: 'x' }), 'Actions');
      uid = (await listMessages(settings(), ALICE.password, { folder: 'Actions' }, pool)).messages[0]!.uid;
    });

    it('marks read and unread, flags and unflags', async function () {
      await markRead(settings(), ALICE.password, { folder: 'Actions', uid, read: true }, pool);
      let summary = (await listMessages(settings(), ALICE.password, { folder: 'Actions' }, pool)).messages[0]!;
      expect(summary.unread).to.equal(false);
      await setFlagged(settings(), ALICE.password, { folder: 'Actions', uid, flagged: true }, pool);
      summary = (await listMessages(settings(), ALICE.password, { folder: 'Actions' }, pool)).messages[0]!;
      expect(summary.flagged).to.equal(true);
      await markRead(settings(), ALICE.password, { folder: 'Actions', uid, read: false }, pool);
      await setFlagged(settings(), ALICE.password, { folder: 'Actions', uid, flagged: false }, pool);
      summary = (await listMessages(settings(), ALICE.password, { folder: 'Actions' }, pool)).messages[0]!;
      expect(summary).to.deep.include({ unread: true, flagged: false });
    });

    it('refuses to move into a folder that does not exist', async function () {
      const error = await rejection(moveMessage(settings(), ALICE.password, { folder: 'Actions', uid, toFolder: 'No/Such' }, pool));
      expect(error.kind).to.equal('mailboxMissing');
      expect(error.message).to.include('"No/Such"');
    });

    it('moves a message and returns its new UID; the old UID is then gone', async function () {
      const moved = await moveMessage(settings(), ALICE.password, { folder: 'Actions', uid, toFolder: 'Archive' }, pool);
      expect(moved.to.folder).to.equal('Archive');
      expect(moved.to.uid).to.be.a('number');
      const inArchive = await readMessage(settings(), ALICE.password, { folder: 'Archive', uid: moved.to.uid! }, pool);
      expect(inArchive.subject).to.equal('Move me');
      for (const attempt of [
        () => moveMessage(settings(), ALICE.password, { folder: 'Actions', uid, toFolder: 'Archive' }, pool),
        () => markRead(settings(), ALICE.password, { folder: 'Actions', uid, read: true }, pool),
        () => setFlagged(settings(), ALICE.password, { folder: 'Actions', uid, flagged: true }, pool),
      ]) {
        expect((await rejection(attempt())).kind).to.equal('messageGone');
      }
    });
  });
});
