// Calendars against a real Radicale: discovery, listing, CRUD, recurrence expansion, ETag conflicts.
import { expect } from 'chai';
import {
  DiscoveryCache,
  createEvent,
  deleteEvent,
  listCalendars,
  listEvents,
  updateEvent,
} from '../../../plugins/nextcloud/lib/index.js';
import { startRadicale, type RadicaleServer } from '../../helpers/servers/index.js';
import { ALICE, rejection, settingsFor } from './helpers.js';

describe('nextcloud: calendar (Radicale)', function () {
  let server: RadicaleServer;
  let calendarUrl: string;
  const cache = new DiscoveryCache();
  const settings = () => settingsFor(server.url);

  before(async function () {
    server = await startRadicale({ users: [ALICE, { user: 'mallory', password: 'm' }] });
    calendarUrl = await server.createCalendar(ALICE, 'work', 'Work');
    await server.createCalendar(ALICE, 'home', 'Home');
    await server.createAddressBook(ALICE, 'contacts');
  });
  after(async () => server?.stop());

  it('lists the calendars found through discovery (not the address book)', async function () {
    const calendars = await listCalendars(settings(), ALICE.password, { cache });
    expect(calendars.map((c) => c.name).sort()).to.deep.equal(['Home', 'Work']);
    expect(calendars.find((c) => c.name === 'Work')!.url).to.equal(calendarUrl);
  });

  it('creates an event and finds it in a time range, but not outside it', async function () {
    const created = await createEvent(
      settings(),
      ALICE.password,
      { calendarUrl, event: { title: 'Dentist', start: '2026-12-02T09:30:00+01:00', end: '2026-12-02T10:00:00+01:00', location: 'Main St 5', description: 'Bring card' } },
      { cache },
    );
    expect(created.url).to.match(new RegExp(`^${calendarUrl}.+\\.ics$`));
    const { events } = await listEvents(settings(), ALICE.password, { calendarUrl, start: '2026-12-01', end: '2026-12-03' }, { cache });
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.include({ title: 'Dentist', start: '2026-12-02T08:30:00Z', end: '2026-12-02T09:00:00Z', allDay: false, location: 'Main St 5', description: 'Bring card', recurring: false, uid: created.uid });
    const none = await listEvents(settings(), ALICE.password, { calendarUrl, start: '2026-12-03', end: '2026-12-10' }, { cache });
    expect(none.events).to.have.length(0);
  });

  it('expands a recurring event inside the range only', async function () {
    await createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'Standup', start: '2027-01-04T09:00:00Z', end: '2027-01-04T09:15:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20' } }, { cache });
    await createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'Holiday', start: '2027-01-13', end: '2027-01-15' } }, { cache });
    const { events } = await listEvents(settings(), ALICE.password, { start: '2027-01-10T00:00:00Z', end: '2027-01-20T00:00:00Z' }, { cache });
    expect(events.map((e) => [e.title, e.start])).to.deep.equal([
      ['Standup', '2027-01-11T09:00:00Z'],
      ['Holiday', '2027-01-13'],
      ['Standup', '2027-01-13T09:00:00Z'],
      ['Standup', '2027-01-18T09:00:00Z'],
    ]);
    const standup = events.find((e) => e.title === 'Standup')!;
    expect(standup).to.deep.include({ recurring: true, recurrenceId: '2027-01-11T09:00:00Z' });
    expect(events.find((e) => e.title === 'Holiday')).to.deep.include({ allDay: true, end: '2027-01-15' });
  });

  it('updates an event when the etag matches, and refuses a stale etag with conflict', async function () {
    const created = await createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'Review', start: '2027-02-01T10:00:00Z' } }, { cache });
    const inFebruary = async () => (await listEvents(settings(), ALICE.password, { calendarUrl, start: '2027-02-01', end: '2027-02-02' }, { cache })).events.filter((e) => e.uid === created.uid);
    const [read] = await inFebruary();
    expect(read!.etag).to.be.a('string');
    const updated = await updateEvent(settings(), ALICE.password, { url: created.url, etag: read!.etag!, changes: { title: 'Design review', start: '2027-02-01T11:00:00Z' } }, { cache });
    const [after] = await inFebruary();
    expect(after).to.deep.include({ title: 'Design review', start: '2027-02-01T11:00:00Z', end: '2027-02-01T12:00:00Z' });
    expect(after!.etag).to.not.equal(read!.etag);
    if (updated.etag) expect(updated.etag).to.equal(after!.etag);

    const error = await rejection(updateEvent(settings(), ALICE.password, { url: created.url, etag: read!.etag!, changes: { title: 'Lost update' } }, { cache }));
    expect(error.kind).to.equal('conflict');
    expect(error.message).to.match(/was changed on the server since it was read/);
    const [still] = await inFebruary();
    expect(still!.title).to.equal('Design review');
  });

  it('deletes an event; deleting it again says notFound', async function () {
    const created = await createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'Temp', start: '2027-03-01' } }, { cache });
    expect(await deleteEvent(settings(), ALICE.password, { url: created.url }, { cache })).to.deep.equal({ url: created.url, deleted: true });
    const error = await rejection(deleteEvent(settings(), ALICE.password, { url: created.url }, { cache }));
    expect(error.kind).to.equal('notFound');
  });

  it('refuses to delete with a stale etag (the server checks If-Match)', async function () {
    const created = await createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'Keep', start: '2027-04-01' } }, { cache });
    const [read] = (await listEvents(settings(), ALICE.password, { calendarUrl, start: '2027-04-01', end: '2027-04-02' }, { cache })).events.filter((e) => e.uid === created.uid);
    await updateEvent(settings(), ALICE.password, { url: created.url, etag: read!.etag!, changes: { location: 'Elsewhere' } }, { cache });
    const error = await rejection(deleteEvent(settings(), ALICE.password, { url: created.url, etag: read!.etag! }, { cache }));
    expect(error.kind).to.equal('conflict');
    const [still] = (await listEvents(settings(), ALICE.password, { calendarUrl, start: '2027-04-01', end: '2027-04-02' }, { cache })).events.filter((e) => e.uid === created.uid);
    expect(still!.location).to.equal('Elsewhere');
  });

  it('refuses event URLs outside the user\'s calendar home', async function () {
    for (const url of [`${server.url}mallory/work/x.ics`, `${calendarUrl}../../mallory/x.ics`, 'http://127.0.0.1:1/alice/work/x.ics', `${calendarUrl}%2e%2e/%2e%2e/mallory/x.ics`]) {
      const error = await rejection(deleteEvent(settings(), ALICE.password, { url }, { cache }));
      expect(error.kind, url).to.equal('invalidArgument');
    }
  });

  it('rejects bad input before sending anything', async function () {
    expect((await rejection(createEvent(settings(), ALICE.password, { calendarUrl, event: { title: '', start: '2027-01-01' } }, { cache }))).kind).to.equal('invalidArgument');
    expect((await rejection(createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'x', start: 'next tuesday' } }, { cache }))).kind).to.equal('invalidArgument');
    expect((await rejection(createEvent(settings(), ALICE.password, { calendarUrl, event: { title: 'x', start: '2027-01-02', end: '2027-01-01' } }, { cache }))).kind).to.equal('invalidArgument');
    expect((await rejection(listEvents(settings(), ALICE.password, { start: '2027-01-01', end: '2029-01-01' }, { cache }))).kind).to.equal('invalidArgument');
  });
});
