#!/usr/bin/env bash
# Two builds of concord-query on one database, run in alternation: pair after pair, the old
# build then the new one, then the other way round. On a machine whose speed drifts from one
# minute to the next, a block of runs of one build then a block of the other favours
# whichever runs first (10-20% on the machine of the README's figures); alternating pairs
# do not. Prints a Markdown row per command: medians of wall time and of peak memory.
# Usage: bash bench/ab.sh OLD_QUERY NEW_QUERY DB PAIRS 'ARGS' ['ARGS'...]
#   e.g. bash bench/ab.sh /tmp/old/build/query/concord-query build/query/concord-query \
#            /tmp/db 10 'check' 'check --json' 'xref SSE'
# Run it from the folder the paths in the outputs should be relative to. Outputs go to
# /dev/null; a command's exit status is not checked (check exits 4 when it finds something).
# Needs: python3 (standard library), GNU time (/usr/bin/time).
set -euo pipefail
if [ $# -lt 5 ]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
for tool in /usr/bin/time /usr/bin/python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install time python3)"; exit 1; }
done
exec /usr/bin/python3 - "$@" <<'EOF'
import shlex, statistics, subprocess, sys, time

old, new, db, pairs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
print("| command | old | new | old ÷ new | peak memory old → new |")
print("|---|---:|---:|---:|---|")
for args in sys.argv[5:]:
    wall = {old: [], new: []}
    peak = {old: [], new: []}
    for i in range(pairs):
        for program in (old, new) if i % 2 == 0 else (new, old):
            start = time.perf_counter()
            run = subprocess.run(["/usr/bin/time", "-f", "%M", program, "--db", db] + shlex.split(args),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall[program].append(time.perf_counter() - start)
            peak[program].append(int(run.stderr.strip().splitlines()[-1]))
    w_old, w_new = statistics.median(wall[old]), statistics.median(wall[new])
    print("| `%s` | %.3f s | %.3f s | %.2f× | %d → %d MB |" % (
        args, w_old, w_new, w_old / w_new,
        statistics.median(peak[old]) / 1000, statistics.median(peak[new]) / 1000))
EOF
