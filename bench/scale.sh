#!/usr/bin/env bash
# Fault drill of two instances on one PostgreSQL: the Release build twice (Production, Database:Provider=PostgreSql,
# the same Site:BaseUrl and SMTP server on 127.0.0.1), on a throw-away PostgreSQL cluster (pg_virtualenv -t: in a
# temporary folder even as root, so it never meets another run's cluster; dropped afterwards). 300 appointment
# requests by 10 browsers, each form opened on one instance and posted through the other; meanwhile instance B is
# killed with SIGKILL and started again, and the SMTP server answers 451 for 10 s. Then a staff member signs in on one
# instance and opens a staff page on the other with the same cookies.
# Prints posts accepted, rows stored (psql), e-mails received per request, duplicates (and whether each has the same
# Message-Id), undelivered, and whether the staff session was kept; exits non-zero unless every accepted post was
# stored once and e-mailed, at most one message (the one kill) came twice, and the session was kept.
# Usage: bench/scale.sh   (about 3 minutes: an e-mail the killed instance was sending waits for its 2-minute lease)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! { command -v pg_virtualenv >/dev/null 2>&1 && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }; then
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

publish=$(mktemp -d)
trap 'rm -rf "$publish"' EXIT
echo "Publishing (Release) ..."
dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >/dev/null
dotnet build bench/scale -c Release --nologo -v quiet >/dev/null
pg_virtualenv -t dotnet bench/scale/bin/Release/net10.0/Scale.dll "$publish"
