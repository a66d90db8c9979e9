#!/usr/bin/env bash
# Booking latency: does a slow mail server slow down patients? Publishes the Release build and runs two
# copies in Production over HTTPS on 127.0.0.1, one sending to an SMTP server that answers at once and one
# to a server that waits 5 s per message (both in-process, 127.0.0.1). Books alternately on each, timing
# only the POST, and prints p50/p99 per server and the ratio. Goal: p50 slow <= 1.2x fast. A benchmark,
# not a test: exits 1 when the goal is missed. Loopback only; bounded (BOOKINGS per server, default 200).
#
#   bench/booking.sh
#   BOOKINGS=500 bench/booking.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out="$PWD/bench/out"
publish="$out/publish-booking"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

echo "Publishing Release to $publish ..." >&2
rm -rf "$publish"
dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >&2
dotnet build bench/BookingBench -c Release --nologo -v quiet >&2

echo
echo "Booking POST latency, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
dotnet bench/BookingBench/bin/Release/net10.0/BookingBench.dll \
    "$publish/AbovePT.Web.dll" "$work/cert.pem" "$work/key.pem" "${BOOKINGS:-200}"
