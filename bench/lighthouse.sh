#!/usr/bin/env bash
# Measures the pages the way the web measures them: Lighthouse 12.2.3 (mobile and desktop presets) against
# the Release build served over HTTPS on 127.0.0.1 in Production, with Debian's Chromium. Prints the four category scores per page
# and the total bytes transferred, as a Markdown table for docs/quality.md. A benchmark, not a test.
#
#   bench/lighthouse.sh                 # every page, both presets
#   PORT=5190 bench/lighthouse.sh       # another port
#
# Needs: the .NET SDK, node/npm (Lighthouse is installed into bench/out/, git-ignored) and chromium
# (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/serve-release.sh
out="$PWD/bench/out"
tools="$out/lighthouse"
reports="$out/lighthouse-reports"
# Each English page, then its Spanish twin: the two languages should score the same.
pages=(/ /articles/knee-pain-after-running /appointments/request /es/articulos/dolor-de-rodilla-al-correr /es/citas/solicitar)

CHROME_PATH=$(find_chromium)
export CHROME_PATH
command -v npm >/dev/null 2>&1 || { echo "Lighthouse needs node and npm (apt-get install nodejs npm)." >&2; exit 1; }

mkdir -p "$tools" "$reports"
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
    echo "Installing lighthouse@12.2.3 into $tools ..." >&2
    [ -f "$tools/package.json" ] || echo '{ "private": true }' >"$tools/package.json"
    (cd "$tools" && npm i -E --no-audit --no-fund --silent lighthouse@12.2.3)
fi

serve_release
flags="${chromium_flags[*]}"

echo
echo "Lighthouse 12.2.3, $(date -u '+%Y-%m-%d %H:%M UTC'), $("$CHROME_PATH" --version 2>/dev/null | head -n 1)"
echo
echo "| page | preset | performance | accessibility | best practices | SEO | transfer (bytes) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for path in "${pages[@]}"; do
    status=$(curl -sk -o /dev/null -w '%{http_code}' "$origin$path")
    if [ "$status" != 200 ]; then
        echo "| \`$path\` | - | (answers $status: not measured) | | | | |"
        continue
    fi
    for preset in mobile desktop; do
        name=$(echo "${path#/}" | tr '/' '_'); name=${name:-home}
        report="$reports/$name-$preset"
        preset_args=()
        [ "$preset" = desktop ] && preset_args=(--preset=desktop)
        "$tools/node_modules/.bin/lighthouse" "$origin$path" "${preset_args[@]}" --quiet \
            --only-categories=performance,accessibility,best-practices,seo \
            --chrome-flags="$flags" --output=json --output=html --output-path="$report" >/dev/null 2>"$reports/$name-$preset.log"
        node -e '
            const r = require(process.argv[1]);
            const score = id => Math.round(r.categories[id].score * 100);
            const bytes = r.audits["total-byte-weight"].numericValue;
            console.log(`| \`${process.argv[2]}\` | ${process.argv[3]} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} | ${bytes} |`);
        ' "$report.report.json" "$path" "$preset"
    done
done
echo
echo "Full reports (HTML and JSON): $reports"
