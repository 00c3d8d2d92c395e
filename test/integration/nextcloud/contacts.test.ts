// Contacts against a real Radicale: create (vCard 3 and 4), search by name/email/phone, read,
// update with ETag check, unknown fields kept.
import { expect } from 'chai';
import { DiscoveryCache, createContact, listAddressBooks, readContact, searchContacts, updateContact } from '../../../plugins/nextcloud/lib/index.js';
import { startRadicale, type RadicaleServer } from '../../helpers/servers/index.js';
import { ALICE, rejection, settingsFor } from './helpers.js';

const auth = { authorization: 'Basic ' + Buffer.from(`${ALICE.user}:${ALICE.password}`).toString('base64') };

describe('nextcloud: contacts (Radicale)', function () {
  let server: RadicaleServer;
  let bookUrl: string;
  const cache = new DiscoveryCache();
  const settings = () => settingsFor(server.url);

  before(async function () {
    server = await startRadicale({ users: [ALICE] });
    bookUrl = await server.createAddressBook(ALICE, 'contacts', 'Contacts');
    await server.createCalendar(ALICE, 'cal');
    await createContact(settings(), ALICE.password, {
      addressBookUrl: bookUrl,
      contact: { name: 'Anna Müller', emails: [{ value: 'anna@example.com', type: 'work' }], phones: [{ value: '+49 170 1234567', type: 'cell' }], organization: 'ACME GmbH' },
    }, { cache });
    await createContact(settings(), ALICE.password, { addressBookUrl: bookUrl, contact: { name: 'Bob Builder', emails: ['bob@builder.example'] }, version: '4.0' }, { cache });
    // A card written by another client, with a field this plugin does not know.
    const foreign = 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:carol-1\r\nFN:Carol Diaz\r\nN:Diaz;Carol;;;\r\nEMAIL:carol@example.org\r\nX-SOCIAL:@carol\r\nEND:VCARD\r\n';
    const put = await fetch(`${bookUrl}carol-1.vcf`, { method: 'PUT', headers: { ...auth, 'content-type': 'text/vcard' }, body: foreign });
    expect(put.status).to.equal(201);
  });
  after(async () => server?.stop());

  it('lists address books found through discovery', async function () {
    const books = await listAddressBooks(settings(), ALICE.password, { cache });
    expect(books).to.deep.equal([{ url: bookUrl, name: 'Contacts' }]);
  });

  it('searches by name, email and phone (in any format)', async function () {
    const byName = await searchContacts(settings(), ALICE.password, { query: 'müll' }, { cache });
    expect(byName.contacts.map((c) => c.name)).to.deep.equal(['Anna Müller']);
    expect(byName.contacts[0]).to.deep.include({ givenName: 'Anna', familyName: 'Müller', organization: 'ACME GmbH', version: '3.0' });
    expect(byName.contacts[0]!.emails).to.deep.equal([{ value: 'anna@example.com', type: 'work' }]);
    const byEmail = await searchContacts(settings(), ALICE.password, { query: 'builder.example', field: 'email' }, { cache });
    expect(byEmail.contacts.map((c) => [c.name, c.version])).to.deep.equal([['Bob Builder', '4.0']]);
    for (const phone of ['0170 1234567', '+491701234567', '1234567']) {
      const byPhone = await searchContacts(settings(), ALICE.password, { query: phone, field: 'phone' }, { cache });
      expect(byPhone.contacts.map((c) => c.name), phone).to.deep.equal(['Anna Müller']);
    }
    const none = await searchContacts(settings(), ALICE.password, { query: 'zebra' }, { cache });
    expect(none.contacts).to.deep.equal([]);
  });

  it('reads one contact with its etag', async function () {
    const contact = await readContact(settings(), ALICE.password, { url: `${bookUrl}carol-1.vcf` }, { cache });
    expect(contact).to.deep.include({ uid: 'carol-1', name: 'Carol Diaz', givenName: 'Carol', familyName: 'Diaz' });
    expect(contact.etag).to.be.a('string');
    const missing = await rejection(readContact(settings(), ALICE.password, { url: `${bookUrl}nobody.vcf` }, { cache }));
    expect(missing.kind).to.equal('notFound');
  });

  it('updates a contact and keeps fields it does not know', async function () {
    const before = await readContact(settings(), ALICE.password, { url: `${bookUrl}carol-1.vcf` }, { cache });
    await updateContact(settings(), ALICE.password, { url: before.url, etag: before.etag!, changes: { phones: [{ value: '+1 555 0100', type: 'home' }], note: 'Met at the fair' } }, { cache });
    const after = await readContact(settings(), ALICE.password, { url: before.url }, { cache });
    expect(after.phones).to.deep.equal([{ value: '+1 555 0100', type: 'home' }]);
    expect(after.note).to.equal('Met at the fair');
    expect(after.emails).to.deep.equal([{ value: 'carol@example.org' }]);
    const raw = await (await fetch(before.url, { headers: auth })).text();
    expect(raw).to.include('X-SOCIAL:@carol').and.to.include('VERSION:3.0');
  });

  it('refuses an update based on a stale etag with conflict', async function () {
    const stale = await readContact(settings(), ALICE.password, { url: `${bookUrl}carol-1.vcf` }, { cache });
    await updateContact(settings(), ALICE.password, { url: stale.url, etag: stale.etag!, changes: { organization: 'First' } }, { cache });
    const error = await rejection(updateContact(settings(), ALICE.password, { url: stale.url, etag: stale.etag!, changes: { organization: 'Second' } }, { cache }));
    expect(error.kind).to.equal('conflict');
    expect((await readContact(settings(), ALICE.password, { url: stale.url }, { cache })).organization).to.equal('First');
  });

  it('gives authenticationFailed for a wrong app password', async function () {
    const error = await rejection(searchContacts(settings(), 'wrong', { query: 'anna' }, { cache: new DiscoveryCache() }));
    expect(error.kind).to.equal('authenticationFailed');
    expect(error.message).to.match(/^127\.0\.0\.1:\d+ rejected the login: wrong user name or app password\.$/);
  });
});
