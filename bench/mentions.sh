#!/usr/bin/env bash
# `concord-query mentions` on a large archive: time to the first line and to the last, and
# peak memory, for each output format, against `rg -c` counting the lines that cite the same
# resolution in the archive's files (the peer: a plain text scan), measured in the same run.
# Usage: bash bench/mentions.sh DB ARCHIVE [ENTITY] [PATTERN]
#   defaults: ENTITY=A/RES/77/281, PATTERN='77 ?/ ?281' (rg regex for the peer); RUNS=7
# Build DB with bench/make_archive.py and concord-index first (bench/index.sh does both).
# Needs: hyperfine, rg (ripgrep), python3 (standard library), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?usage: bench/mentions.sh DB ARCHIVE [ENTITY] [PATTERN]}
archive=${2:?usage: bench/mentions.sh DB ARCHIVE [ENTITY] [PATTERN]}
entity=${3:-A/RES/77/281}
pattern=${4:-'77 ?/ ?281'}
runs=${RUNS:-7}
query=${BUILD:-build}/query/concord-query
for tool in hyperfine rg /usr/bin/python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine ripgrep python3 time)"; exit 1; }
done
echo "archive: $(find "$archive" -type f | wc -l) files; $("$query" mentions "$entity" --db "$db" | sed -n 2p)"

# Time to the first line: median of RUNS, the reader stops as soon as it has one line.
/usr/bin/python3 - "$query" "$entity" "$db" "$runs" <<'PY'
import statistics, subprocess, sys, time
query, entity, db, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for fmt in ([], ["--jsonl"], ["--csv"]):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        p = subprocess.Popen([query, "mentions", entity, "--db", db] + fmt, stdout=subprocess.PIPE)
        p.stdout.readline()
        times.append(time.perf_counter() - t)
        p.kill(); p.wait()
    print("first line %-8s median %.1f ms" % (" ".join(fmt) or "text", statistics.median(times) * 1000))
PY

for fmt in "" --jsonl --csv; do
  /usr/bin/time -f "peak memory ${fmt:-text}: %M KB" "$query" mentions "$entity" --db "$db" $fmt >/dev/null
done

out=$(mktemp)
trap 'rm -f "$out"' EXIT
hyperfine --warmup 1 --runs "$runs" -N --export-json "$out" \
  "$query mentions $entity --db $db" \
  "$query mentions $entity --db $db --jsonl" \
  "rg -c '$pattern' $archive" >/dev/null
/usr/bin/python3 - "$out" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
peer = results[-1]["median"]
for r in results:
    print("%-70s median %7.3f s  %.2fx rg" % (r["command"][-70:], r["median"], r["median"] / peer))
PY
