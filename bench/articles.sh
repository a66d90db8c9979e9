#!/usr/bin/env bash
# Article page vs. a static file of the same size, both served by the same Release process on 127.0.0.1,
# measured with wrk. Prints both requests/second and their ratio; the goal is a ratio of at least 0.8
# (rendering an article must cost about what sending a file costs: it is cached, never parsed per request).
# A benchmark, not a test.
#
#   bench/articles.sh                          # 15 s per target, 2 threads, 32 connections
#   DURATION=30s CONNECTIONS=64 bench/articles.sh
#
# Needs the .NET SDK and wrk (installed with apt-get when missing). The static file is generated into the
# publish output (bench/out/publish, git-ignored), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export PORT=${PORT:-5197}
duration=${DURATION:-15s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-32}
article_path=/articles/knee-pain-after-running
static_name=bench-static.html

if ! command -v wrk >/dev/null 2>&1; then
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi

source scripts/serve-release.sh
serve_release
publish="$PWD/bench/out/publish"

# Production answers plain http with a redirect to HTTPS; a TLS-terminating proxy on this host (loopback is
# a trusted proxy) says the request came over HTTPS, and so do curl and wrk here.
proxy_header="X-Forwarded-Proto: https"

# Measured bodies only: a redirect or error would make the comparison meaningless.
body_bytes() {
    local status bytes
    read -r status bytes < <(curl -sS -H "$proxy_header" -o /dev/null -w '%{http_code} %{size_download}\n' "$1")
    [ "$status" = 200 ] || { echo "$1 answered $status, not 200" >&2; return 1; }
    echo "$bytes"
}

# wrk sends no Accept-Encoding, so both targets go out uncompressed: compare like with like.
article_bytes=$(body_bytes "$origin$article_path")

# A file of exactly the article's size, registered in the static asset manifest the way the build registers
# wwwroot files (MapStaticAssets serves only what the manifest lists). The server reads the manifest at
# start-up, so it is restarted after this.
kill "$site_pid"; wait "$site_pid" 2>/dev/null || true
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
(
    cd "$publish"
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="$origin" Site__BaseUrl="$origin" \
    ConnectionStrings__Clinic="Data Source=$site_data/clinic.db" Mail__Delivery=Pickup Mail__PickupDirectory="$site_data/mail" \
    exec dotnet AbovePT.Web.dll
) >"$PWD/bench/out/site.log" 2>&1 &
site_pid=$!
for _ in $(seq 1 60); do
    curl -fsS -H "$proxy_header" -o /dev/null "$origin/$static_name" 2>/dev/null && break
    sleep 0.5
done

static_bytes=$(body_bytes "$origin/$static_name")
[ "$static_bytes" -eq "$article_bytes" ] || { echo "static file is $static_bytes bytes, article $article_bytes" >&2; exit 1; }

rps() {
    wrk -t"$threads" -c"$connections" -d"$duration" -H "$proxy_header" "$1" | tee -a "$PWD/bench/out/wrk.log" | awk '/^Requests\/sec:/ { print $2 }'
}

: >"$PWD/bench/out/wrk.log"
echo "Warming up (JIT, tiered compilation) ..." >&2
wrk -t"$threads" -c"$connections" -d5s -H "$proxy_header" "$origin$article_path" >/dev/null
wrk -t"$threads" -c"$connections" -d5s -H "$proxy_header" "$origin/$static_name" >/dev/null

article_rps=$(rps "$origin$article_path")
static_rps=$(rps "$origin/$static_name")
ratio=$(awk -v a="$article_rps" -v s="$static_rps" 'BEGIN { printf "%.2f", a / s }')

echo
echo "wrk -t$threads -c$connections -d$duration, $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "article page  $article_path  ($article_bytes bytes): $article_rps requests/s"
echo "static file   /$static_name  ($static_bytes bytes): $static_rps requests/s"
echo "ratio article/static: $ratio (goal >= 0.8)"
echo "Full wrk output: bench/out/wrk.log"
