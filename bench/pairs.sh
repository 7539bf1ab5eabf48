#!/usr/bin/env bash
# Two commands of a few milliseconds each (Concord and its peer, say `concord-query search`
# and Xapian's `quest`), measured in alternating rounds: each round is one hyperfine run of
# both, RUNS runs apiece, the order swapped from round to round. On a machine whose speed
# drifts, a long block of one command then a long block of the other measures the drift as
# much as the commands; short rounds side by side do not. Prints a Markdown row: the median of
# every run of each command, and the median of the rounds' ratios (A's median ÷ B's).
# Usage: bash bench/pairs.sh ROUNDS RUNS 'COMMAND_A' 'COMMAND_B' [LABEL]
#   e.g. bash bench/pairs.sh 10 10 "build/query/concord-query --db DB search cooperative" \
#            "quest -d OMEGA_DB cooperative"
# Commands run without a shell (hyperfine -N), after 3 warm-up runs each round; their output
# goes to /dev/null.
# Needs: hyperfine, python3 (standard library).
set -euo pipefail
if [ $# -lt 4 ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
command -v hyperfine >/dev/null || { echo "missing hyperfine (apt-get install hyperfine)"; exit 1; }
rounds=$1 runs=$2 a=$3 b=$4 label=${5:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ((i = 0; i < rounds; i++)); do
  if ((i % 2 == 0)); then first=$a second=$b; else first=$b second=$a; fi
  hyperfine -N -w 3 -r "$runs" --export-json "$work/$i.json" "$first" "$second" >/dev/null 2>&1
done
python3 - "$work" "$rounds" "$a" "$b" "$label" <<'EOF'
import json, statistics, sys
work, rounds, a, b, label = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
times = {a: [], b: []}
ratios = []
for i in range(rounds):
    by = {r["command"]: r for r in json.load(open(f"{work}/{i}.json"))["results"]}
    for c in (a, b):
        times[c] += by[c]["times"]
    ratios.append(statistics.median(by[a]["times"]) / statistics.median(by[b]["times"]))
ma, mb = statistics.median(times[a]) * 1000, statistics.median(times[b]) * 1000
print("| %s | %.1f ms | %.1f ms | %.2f (rounds %.2f–%.2f) |" % (
    label or "`%s` against `%s`" % (a, b), ma, mb, statistics.median(ratios), min(ratios), max(ratios)))
EOF
