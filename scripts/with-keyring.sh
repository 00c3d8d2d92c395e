#!/usr/bin/env bash
# Runs a command inside a private D-Bus session that has a headless, unlocked gnome-keyring (a real
# Secret Service), so the vault's keychain tests exercise the real thing without touching the user's
# keyring: HOME and the XDG folders point into a temporary folder that is removed afterwards.
# Exports PYRA_TEST_SECRET_SERVICE=1 so the tests know a Secret Service is expected (and fail, rather
# than skip, when it does not work). Exits with the command's exit code.
#   usage: scripts/with-keyring.sh CMD [ARGS...]
set -euo pipefail
if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keyring: '$tool' is missing; run 'bash scripts/ensure-system-deps.sh' (Debian packages dbus, gnome-keyring)." >&2
    exit 1
  fi
done

sandbox="$(mktemp -d "${TMPDIR:-/tmp}/pyra-keyring.XXXXXX")"
trap 'rm -rf "$sandbox"' EXIT
mkdir -m 700 "$sandbox/home" "$sandbox/data" "$sandbox/config" "$sandbox/cache" "$sandbox/runtime"

# Keep npm's cache where it was: a fresh HOME would otherwise make npx look for an empty one.
export npm_config_cache="${npm_config_cache:-${HOME:-$sandbox/home}/.npm}"
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/data" XDG_CONFIG_HOME="$sandbox/config"
export XDG_CACHE_HOME="$sandbox/cache" XDG_RUNTIME_DIR="$sandbox/runtime"
export PYRA_TEST_SECRET_SERVICE=1
export npm_config_update_notifier=false

# Runs inside the new bus: start the keyring (it daemonizes and exits with the bus), export what it
# prints (GNOME_KEYRING_CONTROL=...), check it answers, then hand over to the command.
inner='
set -euo pipefail
while IFS= read -r assignment; do
  [ -n "$assignment" ] && export "$assignment"
done < <(printf "%s" "pyra-test-keyring" | gnome-keyring-daemon --unlock --components=secrets)
# The daemon forks before it owns its bus name: wait for it, or a first client would make D-Bus start
# a second daemon.
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
    break
  fi
  sleep 0.05
done
if command -v secret-tool >/dev/null 2>&1; then
  printf "%s" probe | secret-tool store --label=pyra-probe pyra-probe x || {
    echo "with-keyring: the headless gnome-keyring did not accept a test item; the Secret Service is not working." >&2
    exit 1
  }
  secret-tool clear pyra-probe x || true
fi
exec "$@"
'
# As root with a low fd hard limit, dbus-daemon prints a harmless "Failed to set fd limit" notice.
set +e
dbus-run-session -- bash -c "$inner" with-keyring "$@"
status=$?
set -e
exit "$status"
