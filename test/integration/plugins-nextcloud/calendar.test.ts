// The Nextcloud plugin's calendar tools through the approval queue and the real host, against
// Radicale: list, create (destructive, the whole event in the approval), recurring events expanded,
// etag-checked update and delete.
import { expect } from 'chai';
import { usePluginAccount } from '../plugins-email/plugin-rig.js';
import { eventRef, setUpAccount, startDavServers } from './helpers.js';

describe('nextcloud plugin: calendar tools (through the approval queue, Radicale)', function () {
  this.timeout(60_000);
  const ctx = usePluginAccount('nextcloud', startDavServers, setUpAccount);

  it('list_calendars is read-only and names every calendar with its url', async function () {
    const { result, request } = await ctx.rig.call('nextcloud__list_calendars');
    expect(request.risk).to.equal('read-only');
    expect(result.text).to.equal(
      [`2 calendar(s):`, `- "Personal" — url ${ctx.servers.radicale.url}alice/personal/`, `- "Work" — url ${ctx.servers.radicale.url}alice/work/`].join('\n'),
    );
  });

  it('create_event is destructive, shows the event in the approval, and the event is there afterwards', async function () {
    const args = { calendar: 'Work', title: 'Dentist', start: '2026-12-02T09:30:00+01:00', end: '2026-12-02T10:00:00+01:00', location: 'Main St 5', description: 'Bring the card' };
    const { result, request } = await ctx.rig.call('nextcloud__create_event', args);
    expect(request.risk).to.equal('destructive');
    expect(JSON.parse(request.argsText)).to.deep.equal(args);
    expect(result.ok, result.error).to.equal(true);
    expect(result.text).to.match(new RegExp(`^Created "Dentist" \\(2026-12-02T09:30:00\\+01:00 to 2026-12-02T10:00:00\\+01:00 at "Main St 5"\\) in "Work"\\.\\nurl ${ctx.servers.radicale.url}alice/work/[^ ]+\\.ics`));
    const listing = await ctx.rig.text('nextcloud__list_events', { start: '2026-12-01', end: '2026-12-03' });
    expect(listing).to.match(/^1 event\(s\) from 2026-12-01 to 2026-12-03/);
    expect(listing).to.include('- 2026-12-02T08:30:00Z to 2026-12-02T09:00:00Z | "Dentist" | at "Main St 5" | calendar "Work"').and.include('description: "Bring the card"');
  });

  it('list_events expands recurring events inside the range only, and can keep to one calendar', async function () {
    await ctx.rig.text('nextcloud__create_event', { calendar: 'Personal', title: 'Standup', start: '2027-01-04T09:00:00Z', end: '2027-01-04T09:15:00Z', recurrence: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=20' });
    await ctx.rig.text('nextcloud__create_event', { calendar: 'Work', title: 'Holiday', start: '2027-01-13', end: '2027-01-15' });
    const listing = await ctx.rig.text('nextcloud__list_events', { start: '2027-01-10T00:00:00Z', end: '2027-01-20T00:00:00Z' });
    const heads = listing.split('\n').filter((l) => l.startsWith('- '));
    expect(heads).to.deep.equal([
      '- 2027-01-11T09:00:00Z to 2027-01-11T09:15:00Z | "Standup" | calendar "Personal" | recurring (occurrence 2027-01-11T09:00:00Z)',
      '- 2027-01-13 to 2027-01-15 (exclusive), all day | "Holiday" | calendar "Work"',
      '- 2027-01-13T09:00:00Z to 2027-01-13T09:15:00Z | "Standup" | calendar "Personal" | recurring (occurrence 2027-01-13T09:00:00Z)',
      '- 2027-01-18T09:00:00Z to 2027-01-18T09:15:00Z | "Standup" | calendar "Personal" | recurring (occurrence 2027-01-18T09:00:00Z)',
    ]);
    const workOnly = await ctx.rig.text('nextcloud__list_events', { start: '2027-01-10T00:00:00Z', end: '2027-01-20T00:00:00Z', calendar: 'work' });
    expect(workOnly).to.match(/^1 event\(s\)/);
  });

  it('update_event changes only the fields given when the etag matches; a stale etag changes nothing', async function () {
    await ctx.rig.text('nextcloud__create_event', { calendar: 'Work', title: 'Review', start: '2027-02-01T10:00:00Z' });
    const range = { start: '2027-02-01', end: '2027-02-02' };
    const read = eventRef(await ctx.rig.text('nextcloud__list_events', range), 'Review');
    const { result, request } = await ctx.rig.call('nextcloud__update_event', { ...read, title: 'Design review', start: '2027-02-01T11:00:00Z' });
    expect(request.risk).to.equal('destructive');
    expect(result.text).to.match(/^Updated the event: title = "Design review", start = "2027-02-01T11:00:00Z"\./);
    const after = await ctx.rig.text('nextcloud__list_events', range);
    expect(after).to.include('- 2027-02-01T11:00:00Z to 2027-02-01T12:00:00Z | "Design review"');
    const stale = await ctx.rig.error('nextcloud__update_event', { ...read, title: 'Lost update' });
    expect(stale).to.equal(`conflict: The event ${read.url} was changed on the server since it was read; list it again and retry.`);
    expect(await ctx.rig.text('nextcloud__list_events', range)).to.include('"Design review"').and.not.include('Lost update');
  });

  it('delete_event needs the current etag, then removes the event', async function () {
    await ctx.rig.text('nextcloud__create_event', { calendar: 'Personal', title: 'Cancelled party', start: '2027-06-05' });
    const range = { start: '2027-06-01', end: '2027-06-10' };
    const read = eventRef(await ctx.rig.text('nextcloud__list_events', range), 'Cancelled party');
    expect(await ctx.rig.error('nextcloud__delete_event', { url: read.url, etag: '"not-the-etag"' })).to.match(/^conflict: The event .* was changed on the server/);
    expect(await ctx.rig.text('nextcloud__delete_event', read)).to.equal(`Deleted the event ${read.url}.`);
    expect(await ctx.rig.text('nextcloud__list_events', range)).to.equal('No events from 2027-06-01 to 2027-06-10.');
  });

  it('an unknown calendar, a bad date and a url outside the account are clear errors', async function () {
    expect(await ctx.rig.error('nextcloud__create_event', { calendar: 'Nope', title: 'x', start: '2027-01-01' })).to.equal('not found: No calendar is named "Nope". Calendars: "Personal", "Work".');
    expect(await ctx.rig.error('nextcloud__create_event', { calendar: 'Work', title: 'x', start: 'tomorrow' })).to.match(/^invalid argument: start must be an ISO date/);
    expect(await ctx.rig.error('nextcloud__delete_event', { url: `${ctx.servers.radicale.url}bob/work/x.ics`, etag: '"x"' })).to.equal(`invalid argument: url must point inside ${ctx.servers.radicale.url}alice/.`);
  });
});
