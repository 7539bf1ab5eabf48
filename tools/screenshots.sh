#!/usr/bin/env bash
# Screenshots of the web interface for the README (docs/web-*.png), taken from the real
# program in Debian's headless Chromium, over the bundled corpus.
# Usage: bash tools/screenshots.sh   (after bash tools/run.sh demo, which builds build/demo.db)
set -euo pipefail
cd "$(dirname "$0")/.."
db=build/demo.db
[ -d "$db" ] || build/indexer/concord-index -q --db "$db" corpus/ || [ $? -eq 3 ]
log=$(mktemp)
build/web/concord-web --db "$db" --listen 127.0.0.1:0 --accept build/reviewed.txt >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q 'http://' "$log" && break; sleep 0.1; done
site=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log")
shot() {  # NAME PATH
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,900 \
    --screenshot="docs/web-$1.png" "$site$2" >/dev/null 2>&1
  echo "docs/web-$1.png  <- $2"
}
shot search '/search?q=org:UNTFSSE%20cooperative*'
shot document '/doc?path=corpus/press/2023-04-19_communique_resolution_ess_onu.txt'
shot entity '/entity?id=UNTFSSE'
shot check '/check?status=all'
shot health '/health'
