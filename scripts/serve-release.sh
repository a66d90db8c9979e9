# Sourced by bench/ and scripts/ tools that need the site as deployed: publishes Release into bench/out/publish
# and serves it over HTTPS on $origin (https://localhost:PORT, Kestrel on 127.0.0.1, a throw-away self-signed
# certificate) until the calling script exits. Sets $origin, $site_data, $site_pid.
#
# Production settings, HTTPS and HSTS included, except for what only a deployment knows: the public origin
# is the local one (so canonical links point at the pages served), the database, keys and the mail pickup
# folder live in a temp folder, and extra settings come from the caller's environment
# (e.g. Appointments__MinimumFillSeconds=0). Browsers pointed at it need --ignore-certificate-errors.

serve_release() {
    local port=${PORT:-5187}
    local out="$PWD/bench/out"
    local publish="$out/publish"
    origin="https://localhost:$port"
    site_data=$(mktemp -d)
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        -keyout "$site_data/key.pem" -out "$site_data/cert.pem" 2>/dev/null

    echo "Publishing Release to $publish ..." >&2
    rm -rf "$publish"
    dotnet publish src/AbovePT.Web -c Release -o "$publish" --nologo -v quiet >&2

    (
        cd "$publish"
        ASPNETCORE_ENVIRONMENT=Production \
        ASPNETCORE_URLS="https://127.0.0.1:$port" \
        ASPNETCORE_HTTPS_PORT="$port" \
        Kestrel__Certificates__Default__Path="$site_data/cert.pem" \
        Kestrel__Certificates__Default__KeyPath="$site_data/key.pem" \
        DataProtection__KeysPath="$site_data/keys" \
        Site__BaseUrl="$origin" \
        ConnectionStrings__Clinic="Data Source=$site_data/clinic.db" \
        Mail__Delivery=Pickup \
        Mail__PickupDirectory="$site_data/mail" \
        exec dotnet AbovePT.Web.dll
    ) >"$out/site.log" 2>&1 &
    site_pid=$!
    trap 'kill "$site_pid" 2>/dev/null || true; wait "$site_pid" 2>/dev/null || true; rm -rf "$site_data"' EXIT

    for _ in $(seq 1 60); do
        curl -fsSk -o /dev/null "$origin/" 2>/dev/null && return 0
        kill -0 "$site_pid" 2>/dev/null || break
        sleep 0.5
    done
    cat "$out/site.log" >&2
    echo "The site did not start on $origin." >&2
    return 1
}

# Debian's Chromium (installed when missing), or the one named by CHROMIUM_PATH.
find_chromium() {
    if [ -n "${CHROMIUM_PATH:-}" ]; then
        echo "$CHROMIUM_PATH"
        return
    fi
    if ! command -v chromium >/dev/null 2>&1; then
        local sudo_cmd=()
        [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
    fi
    command -v chromium
}

# The flags the browser tests use: headless, root without a sandbox, nothing calling home.
# The local certificate is self-signed, hence --ignore-certificate-errors (these tools only ever visit it).
chromium_flags=(--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run
    --disable-background-networking --disable-component-update --disable-sync --ignore-certificate-errors)
