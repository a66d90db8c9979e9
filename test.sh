#!/usr/bin/env bash
# Runs every test in AbovePT.sln and ends with one line: "N passed, N failed".
# Installs what the tests need when it is missing (Debian's Chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if ((${#need_apt[@]})); then
    echo "Installing ${need_apt[*]} (Debian packages) ..."
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Build once; the migration check and the tests reuse this build.
dotnet build AbovePT.sln

# A model change without its migration would leave production's database behind the code: refuse it.
dotnet tool restore >/dev/null
if ! ef_output=$(dotnet ef migrations has-pending-model-changes --project src/AbovePT.Web --no-build 2>&1); then
    echo "$ef_output" >&2
    echo "The EF Core model has changes that no migration covers (or the check could not run). Add a migration" >&2
    echo "(see the <remarks> on src/AbovePT.Web/Data/ClinicDbContext.cs):" >&2
    echo "  dotnet ef migrations add <Name> --project src/AbovePT.Web --output-dir Data/Migrations" >&2
    exit 1
fi

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

status=0
dotnet test AbovePT.sln --no-build \
    --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "$results" \
    --blame-hang-timeout 5m || status=$?

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
