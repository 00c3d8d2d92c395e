// The rclone WebDAV launcher: Nextcloud-shaped base URL, basic auth, files on disk, restart, crash.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRclone, type RcloneServer } from '../../helpers/servers/index.js';

const auth = (user: string, password: string) => ({ authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') });

describe('test server: rclone WebDAV', function () {
  let server: RcloneServer;
  before(async function () {
    server = await startRclone({ user: 'alice', password: 'alice-pw' });
  });
  after(async () => server?.stop());

  it('serves the folder under /remote.php/dav/files/USER/', async function () {
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/remote\.php\/dav\/files\/alice\/$/);
    const put = await fetch(server.url + 'hello.txt', { method: 'PUT', headers: auth('alice', 'alice-pw'), body: 'hi there' });
    expect(put.status).to.equal(201);
    expect(readFileSync(join(server.dir, 'hello.txt'), 'utf8')).to.equal('hi there');
    writeFileSync(join(server.dir, 'seeded.txt'), 'seeded');
    const get = await fetch(server.url + 'seeded.txt', { headers: auth('alice', 'alice-pw') });
    expect(await get.text()).to.equal('seeded');
  });

  it('refuses a bad password with 401', async function () {
    const res = await fetch(server.url, { method: 'PROPFIND', headers: { ...auth('alice', 'nope'), depth: '0' } });
    expect(res.status).to.equal(401);
  });

  it('a killed server refuses connections; restart brings the same files back', async function () {
    await server.kill();
    const error = await fetch(server.url, { headers: auth('alice', 'alice-pw') }).then(() => null, (e: Error) => e);
    expect((error?.cause as NodeJS.ErrnoException | undefined)?.code).to.equal('ECONNREFUSED');
    await server.restart();
    const get = await fetch(server.url + 'hello.txt', { headers: auth('alice', 'alice-pw') });
    expect(await get.text()).to.equal('hi there');
  });
});
