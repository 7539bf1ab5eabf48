#!/usr/bin/env bash
# Builds the recognition benchmark (Release) and runs it on the UN General Debate corpus.
# Usage: bench/recognize.sh [RUNS]   (from anywhere; the corpus is ../shared/corpora/ungdc)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
corpus="$here/../shared/corpora/ungdc"
if [ ! -d "$corpus" ]; then
  echo "corpus folder $corpus is absent; nothing to benchmark"
  exit 0
fi
build="${BUILD_DIR:-${TMPDIR:-/tmp}/concord-bench-build}"
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --target concord-recognize-bench -j "$(nproc)" >/dev/null
"$build/bench/concord-recognize-bench" "$corpus" "${1:-5}"

# Peer, measured in the same run: GNU grep listing every whole-word, case-sensitive occurrence
# of the gazetteer's acronyms (what a shell user would do). It finds no long forms, symbols,
# definitions or misspellings, and reads the files from the page cache rather than memory.
command -v hyperfine >/dev/null || { echo "hyperfine missing: peer not measured"; exit 0; }
acronyms=$(grep -v '^#' "$here/data/gazetteer.tsv" | cut -f4 | tr '|' '\n' | grep -E '^[A-Z][A-Z0-9-]+$' | sort -u | paste -sd '|')
json=$(mktemp)
hyperfine --runs "${1:-5}" --warmup 1 --export-json "$json" \
  -n "grep acronyms" "grep -rowE --include='*.txt' --exclude=README.md '($acronyms)' $corpus > /dev/null" >/dev/null
bytes=$(find "$corpus" -name '*.txt' ! -name README.md -printf '%s\n' | awk '{s+=$1} END {print s}')
/usr/bin/python3 - "$json" "$bytes" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
median = r["median"]
print(f"peer grep    {median:.3f} s median, {int(sys.argv[2]) / median / 1e6:.1f} MB/s (acronyms only)")
PY
rm -f "$json"
