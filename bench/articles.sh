#!/usr/bin/env bash
# Kept pages against the floor: the article, the list and the feed as the site answers them (Release,
# Production, 127.0.0.1) against a bare `dotnet new web` app (bench/BareBytes) answering the very same bytes
# (body and headers, the site's security headers included) from memory, each with `Accept-Encoding: br` (what every browser sends), `gzip`, and none. Measured with wrk
# in interleaved rounds (site, bare, site, bare ...), one ratio per round from neighbouring runs, the medians
# printed per row. Goal: every ratio at least 0.8. A benchmark, not a test; it never fails on the goal.
#
#   bench/articles.sh                                   # 3 rounds x 5 s per row and target, 2 threads, 32 connections
#   ROUNDS=5 DURATION=10s CONNECTIONS=64 bench/articles.sh
#
# Needs the .NET SDK and wrk (installed with apt-get when missing). Publishes into bench/out/articles/
# (git-ignored). The bare app's bytes are fetched from the running site first, so both answer the same
# bodies; the script checks that they do.
#
# Plain http on loopback, as behind a TLS-terminating proxy on the same host: the requests carry
# X-Forwarded-Proto: https (loopback is a trusted proxy), so Production serves them instead of redirecting.
# TLS would cost both sides the same and only blur the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
duration=${DURATION:-5s}
rounds=${ROUNDS:-3}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
proxy_header="X-Forwarded-Proto: https"
pages=(/articles/knee-pain-after-running /articles /feed.xml)
codings=(br gzip identity)
out="$PWD/bench/out/articles"

if ! command -v wrk >/dev/null 2>&1; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

pids=()
data=$(mktemp -d)
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    rm -rf "$data"
}
trap cleanup EXIT

wait_for() { # origin path pid log
    for _ in $(seq 1 120); do
        curl -fsS -H "$proxy_header" -o /dev/null "$1$2" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || break
        sleep 0.5
    done
    cat "$4" >&2
    echo "Nothing answered $1$2." >&2
    return 1
}

rm -rf "$out"
mkdir -p "$out"
echo "Publishing the site and the bare app (Release) to $out ..." >&2
dotnet publish src/AbovePT.Web -c Release -o "$out/site" --nologo -v quiet >&2
dotnet publish bench/BareBytes -c Release -o "$out/bare" --nologo -v quiet >&2

site="http://127.0.0.1:$(free_port)"
(
    cd "$out/site"
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$site" Site__BaseUrl="https://localhost" \
    DataProtection__KeysPath="$data/keys" ConnectionStrings__Clinic="Data Source=$data/clinic.db" \
    Mail__Delivery=Pickup Mail__PickupDirectory="$data/mail" \
    exec dotnet AbovePT.Web.dll
) >"$out/site.log" 2>&1 &
pids+=($!)
wait_for "$site" "${pages[0]}" "${pids[-1]}" "$out/site.log"

# The site's bytes, per page and coding, become the bare app's.
fetch() { # origin path coding body-file -> prints "status content-encoding content-type"
    local accept=() status encoding
    [ "$3" = identity ] || accept=(-H "Accept-Encoding: $3")
    status=$(curl -sS -H "$proxy_header" "${accept[@]}" -o "$4" -D "$4.headers" -w '%{http_code}' "$1$2")
    encoding=$(tr -d '\r' <"$4.headers" | awk -F': ' 'tolower($1) == "content-encoding" { e = $2 } END { print (e == "" ? "identity" : e) }')
    echo "$status $encoding"
}
for i in "${!pages[@]}"; do
    folder="$out/pages/$i"
    mkdir -p "$folder"
    printf '%s\n' "${pages[$i]}" >"$folder/path"
    for coding in "${codings[@]}"; do
        read -r status encoding < <(fetch "$site" "${pages[$i]}" "$coding" "$folder/$coding")
        [ "$status" = 200 ] || { echo "${pages[$i]} ($coding) answered $status, not 200" >&2; exit 1; }
        [ "$encoding" = "$coding" ] || { echo "${pages[$i]} asked for $coding came as $encoding" >&2; exit 1; }
        # The status line and the blank line end are not headers; the bare app replays the rest.
        tr -d '\r' <"$folder/$coding.headers" | sed -n '2,$p' | sed '/^$/d' >"$folder/$coding.tmp"
        mv "$folder/$coding.tmp" "$folder/$coding.headers"
    done
done

bare="http://127.0.0.1:$(free_port)"
(cd "$out/bare" && ASPNETCORE_URLS="$bare" exec dotnet BareBytes.dll "$out/pages") >"$out/bare.log" 2>&1 &
pids+=($!)
wait_for "$bare" "${pages[0]}" "${pids[-1]}" "$out/bare.log"
for i in "${!pages[@]}"; do
    for coding in "${codings[@]}"; do
        read -r status encoding < <(fetch "$bare" "${pages[$i]}" "$coding" "$data/check")
        if [ "$status" != 200 ] || [ "$encoding" != "$coding" ] || ! cmp -s "$data/check" "$out/pages/$i/$coding"; then
            echo "The bare app does not answer ${pages[$i]} ($coding) with the site's bytes." >&2
            exit 1
        fi
    done
done

run_wrk() { # duration url coding
    local accept=()
    [ "$3" = identity ] || accept=(-H "Accept-Encoding: $3")
    wrk -t"$threads" -c"$connections" -d"$1" -H "$proxy_header" "${accept[@]}" "$2"
}
rps() { run_wrk "$duration" "$1" "$2" | tee -a "$out/wrk.log" | awk '/^Requests\/sec:/ { print $2 }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Warming up (JIT, tiered compilation) ..." >&2
for page in "${pages[@]}"; do
    for coding in "${codings[@]}"; do
        run_wrk 2s "$site$page" "$coding" >/dev/null
        run_wrk 2s "$bare$page" "$coding" >/dev/null
    done
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows="" details=""
for i in "${!pages[@]}"; do
    page=${pages[$i]}
    for coding in "${codings[@]}"; do
        sites="" bares="" ratios=""
        for round in $(seq 1 "$rounds"); do
            s=$(rps "$site$page" "$coding")
            b=$(rps "$bare$page" "$coding")
            r=$(awk -v s="$s" -v b="$b" 'BEGIN { printf "%.2f", s / b }')
            echo "$page $coding round $round: site $s, bare $b requests/s, ratio $r" >&2
            details+="  $page $coding round $round: site $s, bare $b, ratio $r"$'\n'
            sites+="$s"$'\n' bares+="$b"$'\n' ratios+="$r"$'\n'
        done
        bytes=$(stat -c %s "$out/pages/$i/$coding")
        rows+=$(printf '| %s | %s | %s | %.0f | %.0f | %s |' "$page" "$coding" "$bytes" \
            "$(printf '%s' "$sites" | median)" "$(printf '%s' "$bares" | median)" "$(printf '%s' "$ratios" | median)")$'\n'
    done
done

echo
echo "wrk -t$threads -c$connections -d$duration, median of $rounds interleaved rounds, $(nproc) cores, load average $load_before before / $(cut -d' ' -f1-3 /proc/loadavg) after, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| page | Accept-Encoding | bytes | site req/s | bare app req/s | site / bare (goal >= 0.8) |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
printf '%s' "$rows"
echo
printf '%s' "$details"
echo "Full wrk output: bench/out/articles/wrk.log"
