#!/usr/bin/env bash
# concord-web under load: wrk with 8 concurrent connections on the generated archive
# (20,000 documents by default), page by page: p50, p95 and p99 latency, requests per second
# and errors, with the server's own style sheet (a static answer) as the floor measured in
# the same run; then the server's resident memory before and after 10,000 more searches.
# Usage: bash bench/web.sh      (DOCS=20000 SECONDS_PER_PAGE=15 BUILD=build; DB=path reuses
#                                a database built from bench/make_archive.py's archive)
# Needs: wrk, python3 (standard library), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${DOCS:-20000}
seconds=${SECONDS_PER_PAGE:-15}
build=${BUILD:-build}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
for tool in wrk /usr/bin/python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk python3 time)"; exit 1; }
done
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target concord-index concord-web >/dev/null
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
db=${DB:-}
if [ -z "$db" ]; then
  db=$work/db
  /usr/bin/python3 bench/make_archive.py "$work/archive" --docs "$docs"
  echo "archive: $(find "$work/archive" -type f | wc -l) files, $(du -sh "$work/archive" | cut -f1)"
  /usr/bin/time -f "indexing: %e s" "$build/indexer/concord-index" --quiet --db "$db" "$work/archive" || test $? -eq 3
fi

"$build/web/concord-web" --db "$db" --listen 127.0.0.1:0 --query-seconds 2 >"$work/web.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q 'http://' "$work/web.log" && break; sleep 0.1; done
site=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/web.log")
echo "server: $(head -1 "$work/web.log")"

# A document and an entity of the archive, found through the site itself.
doc=$(curl -s "$site/search?q=cooperative" | grep -o 'href="/doc?path=[^"#]*' | head -1 | sed 's/href="//; s/&amp;/\&/g')

cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT p50=%.1f p95=%.1f p99=%.1f rps=%.1f requests=%d errors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
EOF

# The pages that read the whole archive (check, health) or every citing document (entity)
# are computed once per index revision and kept: their first request, on a server that has
# not answered them yet, is the cost of computing them (one client, nothing else running).
for page in "/entity?id=UNTFSSE" "/entity?id=A%2FRES%2F77%2F281" "/entity?id=ILO" "/check" "/health"; do
  printf 'first request (computed) %-28s %7.1f ms\n' "$page" \
    "$(curl -s -o /dev/null -w '%{time_total}' "$site$page" | awk '{print $1 * 1000}')"
done

printf '%-34s %9s %9s %9s %9s %9s %7s\n' page "p50 ms" "p95 ms" "p99 ms" "req/s" requests errors
measure() {  # NAME PATH
  local line
  line=$(wrk -t2 -c8 -d"${seconds}s" --timeout 60s -s "$work/report.lua" "$site$2" | grep '^RESULT')
  set -- "$1" $line
  printf '%-34s %9s %9s %9s %9s %9s %7s\n' "$1" "${3#p50=}" "${4#p95=}" "${5#p99=}" "${6#rps=}" "${7#requests=}" "${8#errors=}"
  [ "$1" != "search: cooperative" ] || search_rps=${6#rps=}
}
search_rps=1
measure "static style sheet (floor)" "/static/concord.css"
measure "search: cooperative" "/search?q=cooperative"
measure "search: org:ILO lang:fr" "/search?q=org%3AILO%20lang%3Afr"
measure "search: \"decent work\" date:2023" "/search?q=%22decent%20work%22%20date%3A2023"
measure "document" "$doc"
measure "entity: UNTFSSE" "/entity?id=UNTFSSE"
measure "entity: UNTFSSE, concordance p. 40" "/entity?id=UNTFSSE&page=40"
measure "entity: ILO, French mentions" "/entity?id=ILO&lang=fr"
measure "archive health" "/health"
measure "check" "/check"

rss() { ps -o rss= -p "$server" | tr -d ' '; }
# Memory over 10,000 more searches (the duration from the search rate measured above).
before=$(rss)
secs=$(/usr/bin/python3 -c "import math; print(max(5, math.ceil(10000 / max(1.0, $search_rps))) + 2)")
out=$(wrk -t2 -c8 -d"${secs}s" --timeout 60s -s "$work/report.lua" "$site/search?q=cooperative" | grep '^RESULT')
after=$(rss)
echo "memory: ${before} KB resident before, ${after} KB after ${out##*requests=} more searches (requests, errors)"
