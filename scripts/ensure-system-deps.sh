#!/usr/bin/env bash
# Installs the Debian packages the test suite needs when they are missing (root + apt-get), or says
# exactly what to install. Never skips silently.
set -euo pipefail
need=()
# A headless Secret Service for the vault's keychain tests (see scripts/with-keyring.sh).
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v secret-tool >/dev/null 2>&1 || need+=(libsecret-tools)
{ command -v dbus-run-session && command -v dbus-daemon && command -v dbus-send; } >/dev/null 2>&1 || need+=(dbus)
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
