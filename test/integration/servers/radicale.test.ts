// The Radicale launcher: principal discovery, collection helpers, bad password, restart, crash.
import { expect } from 'chai';
import { startRadicale, type RadicaleServer } from '../../helpers/servers/index.js';

const alice = { user: 'alice', password: 'alice-pw' };
const auth = (user: string, password: string) => ({ authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') });

async function propfind(url: string, body: string, user = alice.user, password = alice.password): Promise<Response> {
  return fetch(url, { method: 'PROPFIND', headers: { ...auth(user, password), depth: '0', 'content-type': 'application/xml' }, body });
}

describe('test server: Radicale', function () {
  let server: RadicaleServer;
  before(async function () {
    server = await startRadicale({ users: [alice] });
  });
  after(async () => server?.stop());

  it('answers current-user-principal for the user', async function () {
    const res = await propfind(server.url, '<propfind xmlns="DAV:"><prop><current-user-principal/></prop></propfind>');
    expect(res.status).to.equal(207);
    expect(await res.text()).to.include('<href>/alice/</href>');
  });

  it('creates a calendar and an address book with the right resource types', async function () {
    const calendar = await server.createCalendar(alice, 'work', 'Work');
    const book = await server.createAddressBook(alice, 'friends');
    const body = '<propfind xmlns="DAV:"><prop><resourcetype/><displayname/></prop></propfind>';
    const calendarXml = await (await propfind(calendar, body)).text();
    expect(calendarXml).to.match(/calendar/).and.to.include('Work');
    expect(await (await propfind(book, body)).text()).to.match(/addressbook/);
  });

  it('refuses a bad password with 401', async function () {
    const res = await propfind(server.url + 'alice/', '<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>', 'alice', 'wrong');
    expect(res.status).to.equal(401);
  });

  it('keeps collections across a restart; a killed server refuses connections', async function () {
    await server.kill();
    const error = await fetch(server.url).then(() => null, (e: Error) => e);
    expect((error?.cause as NodeJS.ErrnoException | undefined)?.code).to.equal('ECONNREFUSED');
    await server.restart();
    const res = await propfind(server.url + 'alice/work/', '<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>');
    expect(res.status).to.equal(207);
  });
});
