import { expect } from 'chai';
import { Decrypter, Encrypter, Stanza } from 'age-encryption';
import { NativeScryptIdentity, NativeScryptRecipient } from '../../../app/vault/age-scrypt.js';

const PASSPHRASE = 'a long enough passphrase';

async function encryptNative(text: string, logN = 10): Promise<Uint8Array> {
  const e = new Encrypter();
  e.addRecipient(new NativeScryptRecipient(PASSPHRASE, logN));
  return e.encrypt(text);
}

async function decryptNative(bytes: Uint8Array, passphrase = PASSPHRASE): Promise<string> {
  const d = new Decrypter();
  d.addIdentity(new NativeScryptIdentity(passphrase));
  return d.decrypt(bytes, 'text');
}

describe('age scrypt recipient on native crypto', function () {
  it('round-trips and matches age-encryption\'s own passphrase format both ways', async function () {
    const ours = await encryptNative('hello vault');
    expect(await decryptNative(ours)).to.equal('hello vault');
    const reference = new Decrypter();
    reference.addPassphrase(PASSPHRASE);
    expect(await reference.decrypt(ours, 'text')).to.equal('hello vault');

    const theirs = new Encrypter();
    theirs.setScryptWorkFactor(10);
    theirs.setPassphrase(PASSPHRASE);
    expect(await decryptNative(await theirs.encrypt('from age'))).to.equal('from age');
  });

  it('writes the spec\'s stanza: scrypt, a 16-byte salt in unpadded base64, the work factor', async function () {
    const header = Buffer.from(await encryptNative('x', 12)).toString('latin1').split('\n');
    expect(header[0]).to.equal('age-encryption.org/v1');
    expect(header[1]).to.match(/^-> scrypt [A-Za-z0-9+/]{22} 12$/);
  });

  it('does not match with a wrong passphrase (the decrypter then reports no matching identity)', async function () {
    const bytes = await encryptNative('secret');
    let message = '';
    try {
      await decryptNative(bytes, 'wrong passphrase');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.match(/no identity matched/);
  });

  it('refuses stanzas asking for an excessive work factor, or mixed with other recipients', async function () {
    const identity = new NativeScryptIdentity(PASSPHRASE);
    const body = new Uint8Array(32);
    const salt = 'AAAAAAAAAAAAAAAAAAAAAA';
    let err = await identity.unwrapFileKey([new Stanza(['scrypt', salt, '21'], body)]).catch((e: Error) => e);
    expect(String(err)).to.match(/work factor is too high/);
    err = await identity
      .unwrapFileKey([new Stanza(['scrypt', salt, '10'], body), new Stanza(['X25519', 'abc'], body)])
      .catch((e: Error) => e);
    expect(String(err)).to.match(/not the only one/);
    expect(await identity.unwrapFileKey([new Stanza(['X25519', 'abc'], body)])).to.equal(null);
  });
});
