#!/usr/bin/env bash
# The request inbox on a clinic's two years: publishes the Release build, seeds a fresh SQLite database with
# REQUESTS appointment requests (default 100,000: both clinics, every status, calls and notes, through the site's
# own entities and search keys), invites an admin with `staff invite` and signs in over HTTP (password, then the
# authenticator's code). Prints the plan (EXPLAIN QUERY PLAN) of every statement the inbox's pages send, then
# times the default list, a filter and each kind of search in Production on 127.0.0.1: one request at a time,
# cases interleaved, SAMPLES each (default 300) after a warm-up, p50/p95. Goal: every p95 under 50 ms, and no
# plan scanning a table or an index. A benchmark, not a test: exits 1 when the goal is missed. Loopback only.
#
#   bench/inbox.sh
#   REQUESTS=20000 SAMPLES=100 bench/inbox.sh
#
# Plain http on loopback, as behind a TLS-terminating proxy on the same host: the requests carry
# X-Forwarded-Proto: https (loopback is a trusted proxy), so Production serves them instead of redirecting.
# Publishes into bench/out/publish-inbox/ and keeps the seeded database in bench/out/inbox/ (both git-ignored)
# for a look with sqlite3 afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
publish="$PWD/bench/out/publish-inbox"
data="$PWD/bench/out/inbox"

echo "Publishing Release to $publish ..." >&2
rm -rf "$publish" "$data"
mkdir -p "$data"
dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >&2
dotnet build bench/InboxBench -c Release --nologo -v quiet >&2

echo "Request inbox, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), commit $(git rev-parse --short HEAD)"
dotnet bench/InboxBench/bin/Release/net10.0/InboxBench.dll "$publish" "$data" "${REQUESTS:-100000}" "${SAMPLES:-300}"
