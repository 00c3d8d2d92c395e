// The email plugin's read-only tools through the approval queue and the real host, against Dovecot:
// folders with unread counts, listing with filters and paging, search, reading (headers, text,
// attachments, size cap, HTML) and event proposals.
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { ALICE, appendMany, setUpAccount, startMailServers, uidOf, type MailServers } from './helpers.js';
import { PluginRig, homeWithPlugins } from './plugin-rig.js';

describe('email plugin: reading tools (through the approval queue, Dovecot)', function () {
  this.timeout(60_000);
  let servers: MailServers;
  let rig: PluginRig;
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  before(async () => {
    servers = await startMailServers();
    const news = Array.from({ length: 23 }, (_, i) => ({ subject: `Newsletter ${i + 1}`, from: 'News <news@shop.example>', text: `Issue ${i + 1}` }));
    await appendMany(servers, ALICE, 'INBOX', news, true);
    await appendMany(servers, ALICE, 'INBOX', [
      {
        subject: 'Quarterly report',
        text: 'Numbers attached. The code word is marmalade.',
        attachments: [{ filename: 'report.pdf', content: Buffer.alloc(3000, 1), contentType: 'application/pdf' }],
      },
      { subject: 'Long letter', text: 'word '.repeat(10_000) },
      { subject: 'Styled', html: '<h1>Welcome</h1><p>Hello <b>Alice</b>, see <a href="https://example.org/x">the page</a>.</p>' },
      { subject: 'Kickoff meeting', text: 'Hi Alice,\n\nLet us meet on 25 November 2026 at 14:00-15:30 to start the project.\nLocation: Room 4.12\n\nBob' },
    ]);
    rig = new PluginRig(homeWithPlugins(['email']));
    await rig.start();
    await setUpAccount(rig, servers);
  });
  after(async () => {
    await rig?.stop();
    if (rig) rmSync(rig.home, { recursive: true, force: true });
    await servers?.stop();
  });

  it('list_folders: every folder with its role and unread counts; the approval shows it as read-only', async function () {
    const { result, request } = await rig.call('email__list_folders');
    expect(request).to.include({ plugin: 'email', tool: 'list_folders', risk: 'read-only' });
    expect(result.text).to.include('- INBOX [Inbox] — 4 unread of 27').and.include('- Sent [Sent] — 0 unread of 0').and.include('- Archive [Archive]').and.include('- Trash [Trash]');
  });

  it('list_messages: newest first, one page at a time with a cursor', async function () {
    const first = await rig.text('email__list_messages', { page_size: 20 });
    const lines = first.split('\n').filter((l) => l.startsWith('- uid'));
    expect(lines).to.have.length(20);
    expect(lines[0]).to.include('"Kickoff meeting"').and.include('unread').and.include('from Bob Example <bob@example.com>');
    expect(first).to.match(/^20 message\(s\) in INBOX, newest first:/);
    const cursor = /pass cursor "([^"]+)"/.exec(first)![1]!;
    expect(first).to.include('7 older match(es)');
    const second = await rig.text('email__list_messages', { page_size: 20, cursor });
    expect(second.split('\n').filter((l) => l.startsWith('- uid')).map((l) => /"(.*)"/.exec(l)![1])).to.deep.equal(
      Array.from({ length: 7 }, (_, i) => `Newsletter ${7 - i}`),
    );
    expect(second).to.include('No older matches.');
  });

  it('list_messages: unread only, from, since', async function () {
    const unread = await rig.text('email__list_messages', { unread_only: true });
    expect(unread).to.match(/^4 message\(s\)/);
    expect(unread).not.to.include('Newsletter');
    const fromNews = await rig.text('email__list_messages', { from: 'shop.example', page_size: 100 });
    expect(fromNews).to.match(/^23 message\(s\)/);
    expect(await rig.text('email__list_messages', { since: today })).to.match(/^20 message\(s\)/);
    expect(await rig.text('email__list_messages', { since: tomorrow })).to.equal('No message(s) in INBOX.');
  });

  it('search: by text, subject and flags; paging works the same way', async function () {
    expect(await rig.text('email__search', { text: 'marmalade' })).to.match(/^1 matching message\(s\) in INBOX[\s\S]*"Quarterly report"/);
    expect(await rig.text('email__search', { subject: 'Newsletter 1', page_size: 5 })).to.include('Newsletter 19').and.include('pass cursor');
    expect(await rig.text('email__search', { unread: true, from: 'bob@example.com' })).to.match(/^4 matching/);
    expect(await rig.text('email__search', { flagged: true })).to.equal('No matching message(s) in INBOX.');
  });

  it('read_message: headers, plain text and the attachment list', async function () {
    const uid = uidOf(await rig.text('email__search', { subject: 'Quarterly report' }), 'Quarterly report');
    const text = await rig.text('email__read_message', { uid });
    expect(text).to.include(`Folder: INBOX | uid ${uid} | unread`);
    expect(text).to.include('From: Bob Example <bob@example.com>').and.include('To: Alice <alice@example.com>').and.include('Subject: Quarterly report');
    expect(text).to.match(/Attachments \(1, not downloaded\):\n- report\.pdf \(application\/pdf, about 3 KB\)/);
    expect(text).to.include('--- message text (plain text) ---\nNumbers attached. The code word is marmalade.');
    expect(await rig.text('email__list_messages', { unread_only: true })).to.include('"Quarterly report"');
  });

  it('read_message: long text is cut at max_chars with a note; HTML is converted to text', async function () {
    const uid = uidOf(await rig.text('email__search', { subject: 'Long letter' }), 'Long letter');
    const long = await rig.text('email__read_message', { uid, max_chars: 1000 });
    const body = /--- message text \(plain text\) ---\n([\s\S]*)\n--- end of message text ---/.exec(long)![1]!;
    expect(body.length).to.equal(1000);
    expect(long).to.match(/Note: Body cut at 1000 characters/);
    const styled = await rig.text('email__read_message', { uid: uidOf(await rig.text('email__search', { subject: 'Styled' }), 'Styled') });
    expect(styled).to.include('--- message text (converted from HTML) ---').and.include('WELCOME\n\nHello Alice, see the page [https://example.org/x].');
  });

  it('extract_events: proposes the meeting with its time and place, and adds nothing', async function () {
    const uid = uidOf(await rig.text('email__search', { subject: 'Kickoff meeting' }), 'Kickoff meeting');
    const text = await rig.text('email__extract_events', { uid });
    expect(text).to.include(`Message uid ${uid} in INBOX: "Kickoff meeting" from Bob Example <bob@example.com>.`);
    expect(text).to.include('1 proposed event(s) (nothing was added to any calendar');
    expect(text).to.match(/1\. "Kickoff meeting" — 2026-11-25T14:00:00[^ ]* to 2026-11-25T15:30:00[^ ]* at "Room 4\.12"/);
  });

  it('bad arguments come back as clear errors', async function () {
    expect(await rig.error('email__read_message', { uid: 0 })).to.equal('invalid argument: uid must be a whole number from 1 to 4294967295.');
    expect(await rig.error('email__list_messages', { since: 'yesterday' })).to.equal('invalid argument: since must be an ISO date such as 2026-11-25.');
  });
});
