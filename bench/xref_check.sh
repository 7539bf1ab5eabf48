#!/usr/bin/env bash
# xref and check on a generated archive of 20,000 documents, against the naive rescan a user
# would otherwise do (grep over the same files for the same acronym or symbol), measured in the
# same hyperfine run. Reports the indexing time, the medians and the ratios.
# Usage: bash bench/xref_check.sh            (DOCS=20000 RUNS=10 BUILD=build by default)
# Needs: python3 (standard library), hyperfine, GNU time (/usr/bin/time), grep.
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${DOCS:-20000}
runs=${RUNS:-10}
build=${BUILD:-build}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
for tool in hyperfine /usr/bin/time /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine time python3)"; exit 1; }
done
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target concord-index concord-query >/dev/null
index=$build/indexer/concord-index
query=$build/query/concord-query
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/python3 bench/make_archive.py "$work/archive" --docs "$docs"
echo "archive: $(find "$work/archive" -type f | wc -l) files, $(du -sh "$work/archive" | cut -f1)"
/usr/bin/time -f "indexing: %e s elapsed, %U s user, %M KB max RSS" \
  "$index" --quiet --db "$work/db" "$work/archive" || test $? -eq 3
echo "database: $(du -sh "$work/db" | cut -f1)"

q="$query --db $work/db"
commands=(
  -n "xref SSE" "$q xref SSE"
  -n "xref UNTFSSE" "$q xref UNTFSSE"
  -n "xref resolution 77/281" "$q xref 'resolution 77/281'"
)
# check: exit 0 (clean) or 4 (findings) both count as success; the placeholder exits 2.
set +e
$q check >/dev/null 2>&1
check_status=$?
set -e
if [ "$check_status" -eq 0 ] || [ "$check_status" -eq 4 ]; then
  commands+=(-n "check" "$q check >/dev/null; test \$? -le 4")
else
  echo "check: not available in this build (exit $check_status); skipped"
fi
# The peer: rescanning the files for the acronym (files citing it; lines citing it per file).
commands+=(
  -n "grep -rl SSE" "grep -rlw SSE $work/archive"
  -n "grep -rc SSE" "grep -rcw SSE $work/archive"
  -n "grep -rl UNTFSSE" "grep -rlw UNTFSSE $work/archive"
  -n "grep -rc UNTFSSE" "grep -rcw UNTFSSE $work/archive"
  -n "grep -rc 77/281" "grep -rcF 77/281 $work/archive"
)
hyperfine --runs "$runs" --warmup 1 --ignore-failure --export-json "$work/times.json" "${commands[@]}" >/dev/null

/usr/bin/python3 - "$work/times.json" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
median = {name: r["median"] for name, r in results.items()}
print("%-26s %10s %10s %10s" % ("command", "median s", "min s", "max s"))
for name, r in results.items():
    print("%-26s %10.3f %10.3f %10.3f" % (name, r["median"], r["min"], r["max"]))
print()
pairs = [("xref SSE", "grep -rc SSE"), ("xref UNTFSSE", "grep -rc UNTFSSE"),
         ("xref resolution 77/281", "grep -rc 77/281"), ("xref UNTFSSE", "grep -rl UNTFSSE")]
if "check" in median:
    pairs.append(("check", "grep -rc SSE"))
for ours, peer in pairs:
    print("%-26s is %5.2fx the time of %s" % (ours, median[ours] / median[peer], peer))
slow = [n for n in median if not n.startswith("grep") and median[n] >= 1.0]
print("\nall concord commands under a second" if not slow else "\nOVER A SECOND: " + ", ".join(slow))
EOF
