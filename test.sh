#!/usr/bin/env bash
# Runs every test in AbovePT.sln on SQLite, then the database, appointment, mail, staff and inbox tests again on a
# throw-away PostgreSQL server (pg_virtualenv), and ends with one line: "N passed, N failed".
# Installs what the tests need when it is missing (Debian's Chromium for the browser tests, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# pg_virtualenv (postgresql-common) and a server for it to run.
{ command -v pg_virtualenv >/dev/null 2>&1 && compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; } || need_apt+=(postgresql)
if ((${#need_apt[@]})); then
    echo "Installing ${need_apt[*]} (Debian packages) ..."
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Build once; the migration check and the tests reuse this build.
dotnet build AbovePT.sln

# A model change without its migration would leave production's database behind the code: refuse it, for each
# provider's migrations.
dotnet tool restore >/dev/null
for context in SqliteClinicDbContext PostgreSqlClinicDbContext; do
    if ! ef_output=$(dotnet ef migrations has-pending-model-changes --project src/AbovePT.Web --context "$context" --no-build 2>&1); then
        echo "$ef_output" >&2
        echo "The EF Core model has changes that no $context migration covers (or the check could not run). Add the" >&2
        echo "migration for both providers: scripts/add-migration.sh <Name>" >&2
        exit 1
    fi
done

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
# Tests of several instances on one database need PostgreSQL: they run in the second run only.
dotnet test AbovePT.sln --no-build \
    --filter "FullyQualifiedName!~AbovePT.Web.Tests.Data.PostgreSql." \
    --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "$results" \
    --blame-hang-timeout 5m || status=$?

# The same tests of everything that stores or reads the clinic's data, on PostgreSQL: a server of its own in a
# temporary folder (-t, even as root, so it never meets another run's cluster), on a free port, dropped
# afterwards. Each test site makes and drops a database on it.
if ! pg_virtualenv -t env ABOVEPT_TEST_DATABASE=PostgreSql dotnet test tests/AbovePT.Web.Tests --no-build \
    --filter "FullyQualifiedName~AbovePT.Web.Tests.Data.|FullyQualifiedName~AbovePT.Web.Tests.Appointments.|FullyQualifiedName~AbovePT.Web.Tests.Staff.|FullyQualifiedName~AbovePT.Web.Tests.Inbox.|FullyQualifiedName~AbovePT.Web.Tests.Privacy.|FullyQualifiedName~AbovePT.Web.Tests.Languages.|FullyQualifiedName~AbovePT.Web.Tests.Security.KeyPersistence" \
    --logger "trx;LogFileName=postgresql.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" \
    --blame-hang-timeout 5m; then
    [ -e "$results/postgresql.trx" ] || echo "The PostgreSQL tests did not run: pg_virtualenv could not start a server (see above)." >&2
    status=1
fi

passed=0 failed=0 total=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed)))
    total=$((total + $(value total)))
done

if [ "$total" -eq 0 ]; then
    echo "No test ran." >&2
    status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
