#!/usr/bin/env bash
# Fault and load runs against the Release build, on 127.0.0.1 only, each loop and wait bounded:
#   smtp-down           SMTP down for a while, then back
#   smtp-hang           SMTP accepting, then hanging beyond the site's timeout
#   smtp-4xx            SMTP refusing with 451, then accepting
#   kill-9              site killed right after requests were stored, then restarted
#   load                200 posts from 20 concurrent clients
#   read-only           database file made read-only (site restarted on it), then writable, no restart
#   corrupt-at-start    database overwritten with garbage before start: other pages 200, form 503, /healthz
#                       Unhealthy, said once in the log; file moved aside, recovery timed, 10 posts
#   read-only-at-start  database immutable (chattr +i) before start: the same checks, then writable again
#   disk-full           database on a 2 MiB tmpfs filled up while sending and posting (needs root to mount;
#                       prints "skipped" otherwise), then space freed: no duplicates, nothing accepted lost
#   front-desk-refused  SMTP 550 to everything: no confirmation before its front desk's e-mail, /healthz
#                       Degraded; then `requests resend-failed` in the publish folder, everything sent in order
# Prints for each: posts, accepted (303), answered 503, rows stored (sqlite3), front-desk e-mails and patients'
# confirmations received, duplicates (same Message-Id twice), undelivered, and notes. Exits non-zero if anything
# accepted was not stored or not e-mailed, or a scenario's check failed (named in its notes).
# Usage: bench/faults.sh [scenario ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v chattr >/dev/null 2>&1 || missing+=(e2fsprogs)
if ((${#missing[@]})); then
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

publish=$(mktemp -d)
trap 'rm -rf "$publish"' EXIT
echo "Publishing (Release) ..."
dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >/dev/null
dotnet build bench/faults -c Release --nologo -v quiet >/dev/null
dotnet bench/faults/bin/Release/net10.0/Faults.dll "$publish" "$@"
