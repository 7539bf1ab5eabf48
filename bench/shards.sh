#!/usr/bin/env bash
# What reading an archive as shards costs: each query command on one database, on the same
# documents split in two local shards (two --db), and on those two shards served by
# xapian-tcpsrv on loopback (a stub file of two `remote` lines), medians in the same run,
# with the ratio to the single database.
# Usage: bash bench/shards.sh ONE SHARD1 SHARD2 [FOLDER]
#   ONE: a database of the whole archive; SHARD1, SHARD2: databases of its two halves,
#   indexed with the same folders (see README "Several machines: shards"); FOLDER: a folder
#   of the archive, for an `xref --path` row. RUNS=5 by default.
# Needs: hyperfine, xapian-tcpsrv (xapian-tools), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
one=${1:?usage: bench/shards.sh ONE SHARD1 SHARD2}
s1=${2:?usage}
s2=${3:?usage}
folder=${4:-}
runs=${RUNS:-5}
query=$(realpath "${BUILD:-build}/query/concord-query")
for tool in hyperfine xapian-tcpsrv python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine xapian-tools python3)"; exit 1; }
done
work=$(mktemp -d)
p1=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
p2=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$p1" "$s1" >"$work/t1.log" 2>&1 &
t1=$!
setsid xapian-tcpsrv --interface 127.0.0.1 --port "$p2" "$s2" >"$work/t2.log" 2>&1 &
t2=$!
trap 'kill -- -$t1 -$t2 2>/dev/null; rm -rf "$work"' EXIT
printf 'remote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$p1" "$p2" > "$work/remote.stub"
sleep 1
echo "archive: $("$query" --db "$one" stats | sed -n 2p | tr -s ' ')"
printf '| command | one database ms | two local shards ms | ratio | two remote shards ms | ratio |\n'
printf '|---|---:|---:|---:|---:|---:|\n'
run() {  # LABEL ARGS...
  local label=$1
  shift
  local args=""
  for a in "$@"; do args+=" $(printf '%q' "$a")"; done
  # Each must answer (0, or 4: check found errors) before it is timed: a failure is not a time.
  for db in "--db $one" "--db $s1 --db $s2" "--db $work/remote.stub"; do
    local code=0
    eval "$query $db$args" >/dev/null 2>"$work/err" || code=$?
    if [ "$code" -ne 0 ] && [ "$code" -ne 4 ]; then
      echo "$label with $db failed (exit $code): $(cat "$work/err")" >&2
      exit 1
    fi
  done
  hyperfine -N -w 1 -r "$runs" -i --style none --export-json "$work/h.json" \
    "$query --db $one$args" "$query --db $s1 --db $s2$args" \
    "$query --db $work/remote.stub$args" >/dev/null 2>&1
  python3 - "$label" "$work/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))["results"]
m = [x["median"] * 1000 for x in r]
print(f"| {sys.argv[1]} | {m[0]:.0f} | {m[1]:.0f} | {m[1]/m[0]:.2f} | {m[2]:.0f} | {m[2]/m[0]:.2f} |")
PY
}
run '`search cooperative`' search cooperative
run '`search "decent work" date:2023`' search '"decent work" date:2023'
run '`mentions UNTFSSE --lang es`' mentions UNTFSSE --lang es
run '`xref UNTFSSE`' xref UNTFSSE
[ -z "$folder" ] || run "\`xref UNTFSSE --path $(basename "$folder")\`" xref UNTFSSE --path "$folder"
run '`stats`' stats
run '`check`' check
