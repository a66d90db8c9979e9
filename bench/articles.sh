#!/usr/bin/env bash
# Article page vs. a static file of the same size, both served by the same Release process on 127.0.0.1,
# measured with wrk. Prints both requests/second and their ratio; the goal is a ratio of at least 0.8
# (an article must cost about what a file costs: it is rendered once and cached, never parsed per request).
# A benchmark, not a test.
#
#   bench/articles.sh                          # 3 rounds x 10 s per target, 2 threads, 32 connections
#   ROUNDS=5 DURATION=20s CONNECTIONS=64 bench/articles.sh
#
# The two targets are measured in alternation, each round giving a ratio of two neighbouring runs; the
# medians are reported, so a burst of load from something else on the machine does not decide the result.
#
# Needs the .NET SDK and wrk (installed with apt-get when missing). Publishes into bench/out/articles/
# (git-ignored); the static file is generated there, never into the repository.
#
# Plain http on loopback, as behind a TLS-terminating proxy on the same host: the requests carry
# X-Forwarded-Proto: https (loopback is a trusted proxy), so Production serves them instead of redirecting.
# TLS would cost both targets the same and only blur the comparison.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port=${PORT:-5197}
duration=${DURATION:-10s}
rounds=${ROUNDS:-3}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
origin="http://127.0.0.1:$port"
article_path=/articles/knee-pain-after-running
static_name=bench-static.html
proxy_header="X-Forwarded-Proto: https"
out="$PWD/bench/out/articles"
publish="$out/publish"

if ! command -v wrk >/dev/null 2>&1; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

site_pid=""
site_data=$(mktemp -d)
stop_site() {
    if [ -n "$site_pid" ]; then
        kill "$site_pid" 2>/dev/null || true
        wait "$site_pid" 2>/dev/null || true
        site_pid=""
    fi
}
trap 'stop_site; rm -rf "$site_data"' EXIT

start_site() {
    (
        cd "$publish"
        ASPNETCORE_ENVIRONMENT=Production \
        ASPNETCORE_URLS="$origin" \
        Site__BaseUrl="https://localhost:$port" \
        DataProtection__KeysPath="$site_data/keys" \
        ConnectionStrings__Clinic="Data Source=$site_data/clinic.db" \
        Mail__Delivery=Pickup \
        Mail__PickupDirectory="$site_data/mail" \
        exec dotnet AbovePT.Web.dll
    ) >>"$out/site.log" 2>&1 &
    site_pid=$!
    for _ in $(seq 1 60); do
        curl -fsS -H "$proxy_header" -o /dev/null "$origin$article_path" 2>/dev/null && return 0
        kill -0 "$site_pid" 2>/dev/null || break
        sleep 0.5
    done
    cat "$out/site.log" >&2
    echo "The site did not start on $origin." >&2
    return 1
}

# Measured bodies only: a redirect or an error page would make the comparison meaningless.
body_bytes() {
    local status bytes
    read -r status bytes < <(curl -sS -H "$proxy_header" -o /dev/null -w '%{http_code} %{size_download}\n' "$1")
    [ "$status" = 200 ] || { echo "$1 answered $status, not 200" >&2; return 1; }
    echo "$bytes"
}

mkdir -p "$out"
: >"$out/site.log"
: >"$out/wrk.log"
echo "Publishing Release to $publish ..." >&2
rm -rf "$publish"
dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >&2

# wrk sends no Accept-Encoding, so both targets go out uncompressed: like with like.
start_site
article_bytes=$(body_bytes "$origin$article_path")
stop_site

# A file of exactly the article's size, registered in the static asset manifest the way the build
# registers wwwroot files (MapStaticAssets serves only what the manifest lists, read at start-up).
head -c "$article_bytes" /dev/zero | tr '\0' 'x' >"$publish/wwwroot/$static_name"
python3 - "$publish" "$static_name" "$article_bytes" <<'PY'
import base64, hashlib, json, pathlib, sys, time
publish, name, size = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
manifest = publish / "AbovePT.Web.staticwebassets.endpoints.json"
data = json.loads(manifest.read_text())
etag = base64.b64encode(hashlib.sha256((publish / "wwwroot" / name).read_bytes()).digest()).decode()
data["Endpoints"] = [e for e in data["Endpoints"] if e["Route"] != name] + [{
    "Route": name, "AssetFile": name, "Selectors": [], "EndpointProperties": [],
    "ResponseHeaders": [
        {"Name": "Cache-Control", "Value": "no-cache"},
        {"Name": "Content-Length", "Value": size},
        {"Name": "Content-Type", "Value": "text/html"},
        {"Name": "ETag", "Value": f'"{etag}"'},
        {"Name": "Last-Modified", "Value": time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime())},
    ]}]
manifest.write_text(json.dumps(data))
PY
start_site
static_bytes=$(body_bytes "$origin/$static_name")
[ "$static_bytes" -eq "$article_bytes" ] || { echo "static file is $static_bytes bytes, article $article_bytes" >&2; exit 1; }

run_wrk() {
    wrk -t"$threads" -c"$connections" -d"$1" -H "$proxy_header" "$2"
}

echo "Warming up (JIT, tiered compilation) ..." >&2
run_wrk 5s "$origin$article_path" >/dev/null
run_wrk 5s "$origin/$static_name" >/dev/null

rps() {
    run_wrk "$duration" "$1" | tee -a "$out/wrk.log" | awk '/^Requests\/sec:/ { print $2 }'
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

articles="" statics="" ratios="" rounds_seen=""
for round in $(seq 1 "$rounds"); do
    a=$(rps "$origin$article_path")
    s=$(rps "$origin/$static_name")
    r=$(awk -v a="$a" -v s="$s" 'BEGIN { printf "%.2f", a / s }')
    echo "round $round: article $a, static $s requests/s, ratio $r" >&2
    rounds_seen+="  round $round: article $a, static $s requests/s, ratio $r"$'\n'
    articles+="$a"$'\n' statics+="$s"$'\n' ratios+="$r"$'\n'
done
article_rps=$(printf '%s' "$articles" | median)
static_rps=$(printf '%s' "$statics" | median)
ratio=$(printf '%s' "$ratios" | median)

echo
echo "wrk -t$threads -c$connections -d$duration, median of $rounds alternating rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "article page  $article_path  ($article_bytes bytes): median $article_rps requests/s"
echo "static file   /$static_name  ($static_bytes bytes): median $static_rps requests/s"
echo "median ratio article/static: $ratio (goal >= 0.8)"
printf '%s' "$rounds_seen"
echo "Full wrk output: bench/out/articles/wrk.log"
