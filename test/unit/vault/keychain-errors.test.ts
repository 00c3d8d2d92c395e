import { expect } from 'chai';
import { KeychainUnavailableError } from '../../../app/vault/errors.js';
import { classifyKeychainError, keychainServiceName } from '../../../app/vault/keychain-backend.js';

describe('keychain error classification', function () {
  it('turns "no Secret Service" failures into KeychainUnavailableError with a readable reason', function () {
    const cases: Array<[string, RegExp]> = [
      ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead', /no D-Bus session bus/],
      ['Cannot autolaunch D-Bus without X11 $DISPLAY', /no D-Bus session bus/],
      ['Platform failure: DBus error: Failed to connect to socket /nonexistent: No such file or directory', /cannot be reached/],
      ['The name org.freedesktop.secrets was not provided by any .service files', /no Secret Service/],
      ['org.freedesktop.DBus.Error.AccessDenied: Rejected send message', /denied access/],
      ["Couldn't access platform storage: Secret Service: no result found", /locked or has no default collection/],
      ['The operation was aborted due to timeout', /did not answer in time/],
    ];
    for (const [message, reason] of cases) {
      const classified = classifyKeychainError(Object.assign(new Error(message), { code: 'GenericFailure' }));
      expect(classified, message).to.be.instanceOf(KeychainUnavailableError);
      expect((classified as KeychainUnavailableError).reason).to.match(reason).and.include(message);
      expect(classified.message).to.include('PYRA_VAULT_PASSPHRASE').and.include('Secret Service');
    }
  });

  it('passes other failures through unchanged', function () {
    const err = new Error('Entry is matched by 2 credentials: Ambiguous');
    expect(classifyKeychainError(err)).to.equal(err);
  });

  it('names the keychain service per home: pyra:<12 hex>, distinct for distinct homes', function () {
    const a = keychainServiceName('/nonexistent/home-a');
    expect(a).to.match(/^pyra:[0-9a-f]{12}$/);
    expect(keychainServiceName('/nonexistent/home-a')).to.equal(a);
    expect(keychainServiceName('/nonexistent/home-b')).not.to.equal(a);
  });
});
