// "Extract events": the deterministic date/time/place parser, and the same over a real message.
import { expect } from 'chai';
import { ImapPool, extractEvents, listMessages, proposeEvents, type EventSource } from '../../../plugins/email/lib/index.js';
import { buildMail, plainSettings, ALICE, startMailServers, type MailServers } from './helpers.js';

// Tuesday 24 November 2026, 10:00 in the sender's zone (+01:00).
const base: Omit<EventSource, 'subject' | 'text'> = { date: '2026-11-24T09:00:00.000Z', dateOffset: '+01:00', messageId: '<m1@example.com>' };
const starts = (subject: string, text: string) => proposeEvents({ ...base, subject, text }).map((p) => [p.start, p.end, p.location]);

describe('email: event extraction', function () {
  describe('parser', function () {
    it('reads ISO dates with and without a time', function () {
      expect(starts('Review', 'Review on 2026-12-01 at 14:00 at Cafe Luna.')).to.deep.equal([['2026-12-01T14:00:00+01:00', undefined, 'Cafe Luna']]);
      expect(starts('Review', 'Deadline 2026-12-01T09:30')).to.deep.equal([['2026-12-01T09:30:00+01:00', undefined, undefined]]);
      expect(starts('Holiday', 'Office closed 2026-12-24.')).to.deep.equal([['2026-12-24', undefined, undefined]]);
    });

    it('reads "25 Nov 2026", "Nov 25, 14:00" and "December 3rd"', function () {
      expect(starts('Dinner', 'How about 25 Nov 2026, 19:30 - 22:00?')).to.deep.equal([['2026-11-25T19:30:00+01:00', '2026-11-25T22:00:00+01:00', undefined]]);
      expect(starts('Call', 'Nov 25, 14:00 works for me.')).to.deep.equal([['2026-11-25T14:00:00+01:00', undefined, undefined]]);
      expect(starts('Kickoff', 'Kickoff on December 3rd at 9am')).to.deep.equal([['2026-12-03T09:00:00+01:00', undefined, undefined]]);
    });

    it('reads German dates, month names and "Uhr"', function () {
      expect(starts('Treffen', 'Wir treffen uns am 3. Dezember um 15 Uhr im Café Central.')).to.deep.equal([['2026-12-03T15:00:00+01:00', undefined, 'Café Central']]);
      expect(starts('Workshop', 'Workshop: 25.11.2026, 9:00–12:30\nOrt: Raum 4, 2. Stock')).to.deep.equal([
        ['2026-11-25T09:00:00+01:00', '2026-11-25T12:30:00+01:00', 'Raum 4, 2. Stock'],
      ]);
      expect(starts('Party', 'Party am Freitag von 20 bis 23 Uhr')).to.deep.equal([['2026-11-27T20:00:00+01:00', '2026-11-27T23:00:00+01:00', undefined]]);
      expect(starts('Frühstück', 'Guten Morgen! Treffen übermorgen um 8.30 Uhr')).to.deep.equal([['2026-11-26T08:30:00+01:00', undefined, undefined]]);
    });

    it('counts "tomorrow", "today" and weekdays from the message date', function () {
      expect(starts('Re: Lunch', 'See you tomorrow at 3pm at the Golden Dragon.')).to.deep.equal([['2026-11-25T15:00:00+01:00', undefined, 'Golden Dragon']]);
      expect(starts('Drinks', 'Drinks tonight at 7:30 pm?')).to.deep.equal([['2026-11-24T19:30:00+01:00', undefined, undefined]]);
      expect(starts('Sync', 'Can we talk next Monday at noon?')).to.deep.equal([['2026-11-30T12:00:00+01:00', undefined, undefined]]);
      expect(starts('Sync', 'morgen um 10 Uhr passt')).to.deep.equal([['2026-11-25T10:00:00+01:00', undefined, undefined]]);
    });

    it('takes the place from "Location:" lines and times from a "Time:" line under the date', function () {
      const [event] = proposeEvents({ ...base, subject: 'Fwd: Board meeting', text: 'Date: 1 December\nTime: 10:30 - 12:00\nLocation: HQ, Room 5' });
      expect(event).to.deep.include({ title: 'Board meeting', start: '2026-12-01T10:30:00+01:00', end: '2026-12-01T12:00:00+01:00', location: 'HQ, Room 5', sourceMessageId: '<m1@example.com>' });
    });

    it('pairs each date with its own time range', function () {
      expect(starts('Slots', 'Slots: 2-4pm on Dec 2, or 11-1pm on December 3rd')).to.deep.equal([
        ['2026-12-02T14:00:00+01:00', '2026-12-02T16:00:00+01:00', undefined],
        ['2026-12-03T11:00:00+01:00', '2026-12-03T13:00:00+01:00', undefined],
      ]);
    });

    it('puts a date without a year in the next year when it would be long past', function () {
      expect(starts('Kickoff', 'Kickoff on January 15th')).to.deep.equal([['2027-01-15', undefined, undefined]]);
      expect(starts('Recap', 'Recap of the meeting on 20 November')).to.deep.equal([['2026-11-20', undefined, undefined]]);
    });

    it('ignores quoted-reply and forwarded headers, and text without dates', function () {
      expect(starts('Re: x', 'Fine.\n\nOn 2026-11-20 10:00, Bob wrote:\n> old text')).to.deep.equal([]);
      const forwarded = 'FYI\nFrom: Anna <a@example.com>\nDate: Mon, 23 Nov 2026 10:00\nSubject: Concert\nTo: me\n\nThe concert is on 12 December 2026 at 20:00 at Konzerthaus.';
      expect(starts('Fwd: Concert', forwarded)).to.deep.equal([['2026-12-12T20:00:00+01:00', undefined, 'Konzerthaus']]);
      expect(starts('Hello', 'Version 1.2.3 is out, call me at 555-1234.')).to.deep.equal([]);
    });

    it('leaves the offset off when the message date has none', function () {
      const [event] = proposeEvents({ subject: 'x', text: 'On 2026-12-01 at 09:00' });
      expect(event!.start).to.equal('2026-12-01T09:00:00');
    });
  });

  describe('over IMAP', function () {
    let servers: MailServers;
    const pool = new ImapPool();
    before(async function () {
      servers = await startMailServers();
    });
    after(async () => {
      await pool.closeAll();
      await servers?.stop();
    });

    it('proposes events from a delivered HTML message, in the sender\'s offset', async function () {
      const raw = await buildMail({
        subject: 'Einladung: Sommerfest',
        html: '<p>Liebe Alle,</p><p>unser Sommerfest ist am <b>25. Juni 2027</b> von 16:00 bis 22:00.</p><p>Ort: Stadtpark, Wien</p>',
        date: 'Tue, 24 Nov 2026 10:00:00 +0100',
        messageId: '<fest@example.com>',
      });
      await servers.imap.deliver('alice', raw);
      const uid = (await listMessages(plainSettings(servers), ALICE.password, {}, pool)).messages[0]!.uid;
      const result = await extractEvents(plainSettings(servers), ALICE.password, { uid }, pool);
      expect(result.subject).to.equal('Einladung: Sommerfest');
      expect(result.proposals).to.have.length(1);
      expect(result.proposals[0]).to.deep.include({
        title: 'Einladung: Sommerfest',
        start: '2027-06-25T16:00:00+01:00',
        end: '2027-06-25T22:00:00+01:00',
        location: 'Stadtpark, Wien',
        sourceMessageId: '<fest@example.com>',
        allDay: false,
      });
    });
  });
});
