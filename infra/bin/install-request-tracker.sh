#!/usr/bin/env bash
# Installs Request Tracker 5 from Debian's packages (SQLite database, standalone server) when it is missing: what the
# ticketing-loop tests and `slaflow demo --ticketing rt` run against. Non-interactive; needs root (CI runs as root).
# About 80 s on a 2-core machine. Nothing happens when RT is already installed.
set -euo pipefail
rt_server=/usr/share/request-tracker5/libexec/rt-server
if [ -x "$rt_server" ] && [ -f /var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Request Tracker 5 is not installed and installing it needs root:" >&2
  echo "  sudo $0" >&2
  exit 1
fi
echo "== installing Request Tracker 5 (request-tracker5 rt5-db-sqlite rt5-standalone; about 80 s)"
# dbconfig-common asks whether to create the database: yes, so the package leaves a fresh SQLite database that every
# test instance copies (each instance works on its own copy; the package's file itself is never written).
echo "request-tracker5 request-tracker5/install-database boolean true" | debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone >/dev/null; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends request-tracker5 rt5-db-sqlite rt5-standalone >/dev/null
fi
test -x "$rt_server" || { echo "the packages installed but $rt_server is missing" >&2; exit 1; }
echo "== Request Tracker 5 installed"
