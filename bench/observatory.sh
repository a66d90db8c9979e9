#!/usr/bin/env bash
# Publishes the site (Release), runs it in Production over HTTPS on 127.0.0.1 with a throw-away
# self-signed certificate, and scans it with the MDN HTTP Observatory (npm @mdn/mdn-http-observatory).
# Prints each test, the grade and the score; exits non-zero when the grade is below A+ or the plain-http
# port does not redirect to HTTPS. Nothing leaves the machine.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

missing=()
for tool in node npm openssl curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if ((${#missing[@]})); then
    echo "Installing ${missing[*]} (Debian packages) ..."
    sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    pkgs=(); for t in "${missing[@]}"; do case $t in node|npm) pkgs+=(nodejs npm) ;; *) pkgs+=("$t") ;; esac; done
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
fi

# The scanner's install scripts download the browsers' HSTS preload list from the internet. We skip
# them and give it an empty list: a local host is never preloaded, so the scan is the same.
(cd bench/observatory && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
preload=bench/observatory/node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
[ -f "$preload" ] || echo '{}' >"$preload"

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing (Release) ..."
dotnet publish src/AbovePT.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'; }
https_port=$(free_port)
http_port=$(free_port)
while [ "$http_port" = "$https_port" ]; do http_port=$(free_port); done

(
    cd "$work/app"
    export ASPNETCORE_ENVIRONMENT=Production \
        ASPNETCORE_URLS="https://127.0.0.1:$https_port;http://127.0.0.1:$http_port" \
        ASPNETCORE_HTTPS_PORT="$https_port" \
        Kestrel__Certificates__Default__Path="$work/cert.pem" \
        Kestrel__Certificates__Default__KeyPath="$work/key.pem" \
        DataProtection__KeysPath="$work/keys" \
        ConnectionStrings__Clinic="Data Source=$work/clinic.db" \
        Mail__Delivery=Pickup \
        Mail__PickupDirectory="$work/mail"
    exec dotnet AbovePT.Web.dll
) >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 60); do
    if curl -sk -o /dev/null "https://127.0.0.1:$https_port/"; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "The site did not start:" >&2; cat "$work/server.log" >&2; exit 1; fi
    sleep 0.5
done

echo "Site on https://localhost:$https_port/ (http on port $http_port)"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/privacy")
echo "http://127.0.0.1:$http_port/privacy -> $redirect"
status=0
[[ $redirect == "308 https://127.0.0.1:$https_port/privacy" ]] || { echo "expected a 308 to HTTPS" >&2; status=1; }

# The scanner only reads the home page, which sets no cookie; the form's antiforgery cookie is shown here.
cookie=$(curl -sk -D - -o /dev/null "https://localhost:$https_port/appointments/request" | grep -i '^set-cookie:' | tr -d '\r' || true)
echo "form page: ${cookie:-no cookie}"
[[ $cookie == *"__Host-"*"secure"*"samesite=strict"*"httponly"* ]] || { echo "expected a __Host- cookie, Secure, SameSite=Strict, HttpOnly" >&2; status=1; }

echo "MDN HTTP Observatory, https://localhost:$https_port/:"
# The certificate is trusted for this process only, instead of turning verification off.
NODE_EXTRA_CA_CERTS="$work/cert.pem" node bench/observatory/scan.mjs "localhost:$https_port" A+ || status=1
exit "$status"
