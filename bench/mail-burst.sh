#!/usr/bin/env bash
# Mail in bursts: N patients with an e-mail address press Send at once; does every front desk hear of its
# request first, and as fast as the mail server allows? Publishes the Release build and runs it in Production
# on 127.0.0.1 (SQLite in a temp folder) against an in-process SMTP server on 127.0.0.1 that waits a set time
# per message. Prints, from the first post: the first and last front-desk e-mail, the first and last
# confirmation, whether every front-desk e-mail came before any confirmation, the SMTP connections used and
# the most open at once, and the last front-desk e-mail against the floor (front-desk messages x server time /
# connections; when the burst exceeds Mail:MaxMessagesPerMinute, the ideal sender's last arrival under that
# limit if later). Goal: ratio <= 1.1. A benchmark, not a test: exits 1
# when the goal is missed, an e-mail is missing or a confirmation came first. Loopback only; bounded.
#
#   bench/mail-burst.sh                                  # 12 posts, 5 s per message, 2 connections, 30/min
#   bench/mail-burst.sh --connections 1
#   bench/mail-burst.sh --posts 20 --delay-seconds 2 --per-minute 0
#
# --connections and --per-minute reach the site as Mail__MaxConnections and Mail__MaxMessagesPerMinute.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

publish=$(mktemp -d)
trap 'rm -rf "$publish"' EXIT
echo "Publishing (Release) ..." >&2
dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >&2
dotnet build bench/MailBurst -c Release --nologo -v quiet >&2

echo "Mail in bursts, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/MailBurst/bin/Release/net10.0/MailBurst.dll "$publish" "$@"
