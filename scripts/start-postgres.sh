#!/usr/bin/env bash
# Start Debian's PostgreSQL on loopback and create the amity test database.
# Prints only the URL to use as AMITY_TEST_PG_URL on stdout (all other output goes to stderr). Needs root (CI, a dev container).
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  echo "start-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
cluster=$(pg_lsclusters --no-header | head -1)
if [ -z "$cluster" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -1)
  pg_createcluster "$ver" main >&2
  cluster=$(pg_lsclusters --no-header | head -1)
fi
read -r ver name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  pg_ctlcluster "$ver" "$name" start >&2
fi
for _ in $(seq 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='amity'\"" | grep -q 1 \
  || su postgres -c "psql -p $port -qc \"CREATE ROLE amity LOGIN PASSWORD 'amity' CREATEDB\"" >&2
su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='amity_test'\"" | grep -q 1 \
  || su postgres -c "createdb -p $port -O amity amity_test" >&2
echo "postgresql://amity:amity@127.0.0.1:$port/amity_test"
