#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing (root + apt-get), or says
# exactly what to install. Never skips silently.
set -euo pipefail
need=()
# A headless Secret Service for the vault's keychain tests (see scripts/with-keyring.sh).
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || need+=(libsecret-tools)
{ command -v dbus-run-session && command -v dbus-daemon && command -v dbus-send; } >/dev/null 2>&1 || need+=(dbus)
# Real mail and DAV servers for the email/Nextcloud integration tests (test/helpers/servers/).
{ { command -v dovecot || [ -x /usr/sbin/dovecot ]; } && { [ -x /usr/lib/dovecot/imap ] || [ -x /usr/libexec/dovecot/imap ]; }; } >/dev/null 2>&1 || need+=(dovecot-imapd)
command -v radicale >/dev/null 2>&1 || need+=(radicale)
command -v rclone >/dev/null 2>&1 || need+=(rclone)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: ${need[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The test suite needs these system packages: ${need[*]}" >&2
  echo "Install them (for example: sudo apt-get install ${need[*]}) and run npm test again." >&2
  exit 1
fi
