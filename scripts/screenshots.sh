#!/usr/bin/env bash
# Renders what patients and the front desk see into docs/screenshots/: the home page, the knee-pain article in
# English and in Spanish and the appointment request form at a phone (375x812) and a desktop (1280x800) size,
# and the front desk's e-mail as a mail client shows its HTML part; then the staff request inbox and a request's
# page. Re-run it whenever the look changes, and commit the PNGs.
#
#   scripts/screenshots.sh
#
# Uses the Release build on 127.0.0.1 and Debian's Chromium (installed when missing); no third party.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/serve-release.sh
shots="$PWD/docs/screenshots"
mkdir -p "$shots"

chromium=$(find_chromium)
# Bots are turned away when they post faster than a person could; this script is not a person.
export Appointments__MinimumFillSeconds=0
serve_release

shoot() { # name url width height
    "$chromium" "${chromium_flags[@]}" --hide-scrollbars --force-device-scale-factor=1 \
        --window-size="$3,$4" --virtual-time-budget=3000 --screenshot="$shots/$1.png" "$2" >/dev/null 2>&1
    echo "docs/screenshots/$1.png"
}

for page in home:/ article:/articles/knee-pain-after-running article-es:/es/articulos/dolor-de-rodilla-al-correr \
        request-form:/appointments/request; do
    name=${page%%:*} path=${page#*:}
    status=$(curl -sk -o /dev/null -w '%{http_code}' "$origin$path")
    if [ "$status" != 200 ]; then
        echo "skipped $name: $path answers $status" >&2
        continue
    fi
    shoot "$name-phone" "$origin$path" 375 812
    shoot "$name-desktop" "$origin$path" 1280 800
done

# The front-desk e-mail: post one request the way a browser does (token and cookie from the form), then
# render the HTML part of the .eml the site wrote to its pickup folder.
if [ "$(curl -sk -o /dev/null -w '%{http_code}' "$origin/appointments/request")" = 200 ]; then
    python3 - "$origin" <<'PY2'
import html, http.cookiejar, re, ssl, sys, urllib.parse, urllib.request
origin = sys.argv[1]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE  # the throw-away local certificate
opener = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), urllib.request.HTTPSHandler(context=context))
form = opener.open(f"{origin}/appointments/request?from=knee-pain-after-running").read().decode()
# Every hidden field the page carries (antiforgery token, form token, source article), whatever their order.
fields = []
for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", form):
    name, value = re.search(r'name="([^"]*)"', tag), re.search(r'value="([^"]*)"', tag)
    if name:
        fields.append((name.group(1), html.unescape(value.group(1)) if value else ""))
fields += [
    ("Location", "queen-creek"), ("FirstName", "Maria"), ("LastName", "Alvarez"),
    ("Phone", "(480) 555-0142"), ("Email", "maria.alvarez@example.com"), ("ContactMethod", "text"),
    ("PatientType", "new"), ("Reason", "knee"),
    ("Message", "My right knee aches after my morning runs, mostly going downhill."),
    ("PreferredDays", "tue"), ("PreferredDays", "thu"), ("PreferredTimes", "morning"),
    ("Referral", "no"), ("Insurance", "Blue Cross Blue Shield"), ("Consent", "true"),
]
response = opener.open(f"{origin}/appointments/request", urllib.parse.urlencode(fields).encode())
print(f"posted a request: {response.status} {response.url}", file=sys.stderr)
PY2

    eml=""
    for _ in $(seq 1 40); do
        eml=$(grep -l -r -i "^To:.*queencreek@" "$site_data/mail" 2>/dev/null | head -n 1 || true)
        [ -n "$eml" ] && break
        sleep 0.5
    done
    if [ -z "$eml" ]; then
        echo "skipped front-desk-email: no e-mail to the Queen Creek front desk arrived in the pickup folder" >&2
    else
        python3 - "$eml" "$site_data/email.html" <<'PY'
import email, email.policy, sys
message = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
html = message.get_body(preferencelist=("html",))
if html is None:
    sys.exit("The front-desk e-mail has no HTML part.")
# A mail client shows the headers above the body; so does the picture.
header = "".join(
    f"<div><b>{name}:</b> {str(message[name]).replace('&', '&amp;').replace('<', '&lt;')}</div>"
    for name in ("From", "To", "Reply-To", "Subject") if message[name])
page = html.get_content()
chrome = f'<div style="font:14px system-ui,sans-serif;padding:12px;border-bottom:1px solid #ccc;background:#f6f6f6">{header}</div>'
open(sys.argv[2], "w", encoding="utf-8").write(chrome + page)
PY
        shoot front-desk-email-desktop "file://$site_data/email.html" 1000 900
        shoot front-desk-email-phone "file://$site_data/email.html" 375 812
    fi
fi

# The staff side: the request inbox and a request's page, rendered by the front desk's day journey in the browser
# tests (it signs a desk in with a password and an authenticator code, which a plain screenshot cannot).
echo "rendering the inbox and a request's page through the front desk's day journey ..." >&2
ABOVEPT_SCREENSHOTS="$shots" CHROMIUM_PATH="$chromium" dotnet test tests/AbovePT.BrowserTests -c Release --nologo -v quiet \
    --filter "FullyQualifiedName~FrontDeskDayTests" >&2
for shot in inbox-phone inbox-desktop request-page-phone request-page-desktop; do
    echo "docs/screenshots/$shot.png"
done
