#!/bin/sh
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
exec "$build/bench/concord-recognize-bench" "$corpus" "${1:-5}"
