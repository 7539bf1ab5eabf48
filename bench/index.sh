#!/usr/bin/env bash
# Indexing speed: concord-index against Xapian's own omindex (xapian-omega), both building a
# fresh Xapian database from the same files, measured in the same hyperfine run.
# Usage: bash bench/index.sh [CORPORA_DIR]   (default: ../shared/corpora beside the project)
# Needs: hyperfine, xapian-omega, poppler-utils (omindex extracts PDFs with pdftotext).
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:-../shared/corpora}
[ -d "$corpora" ] || { echo "no corpora at $corpora; nothing to measure"; exit 0; }
for p in hyperfine xapian-omega poppler-utils; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && apt-get install -y -qq "$p" >/dev/null; }
done
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target concord-index >/dev/null
index=$PWD/build/indexer/concord-index
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-5}
# Pages without text are read by OCR (which omindex skips) into a cache of this run's,
# emptied before each run from scratch so that every run does the same work.
export CONCORD_OCR_CACHE=$work/ocr-cache

for corpus in ungdc un-docs-pdf unsc-meetings-html; do
  src="$corpora/$corpus"
  [ -d "$src" ] || continue
  # Both tools see the same files: a copy without the corpus README.
  rm -rf "$work/src" && mkdir -p "$work/src" && cp -r "$src"/. "$work/src/" && rm -f "$work/src/README.md"
  files=$(find "$work/src" -type f | wc -l)
  bytes=$(du -sb "$work/src" | cut -f1)
  echo "== $corpus: $files files, $((bytes / 1048576)) MiB"
  hyperfine --runs "$runs" --warmup 1 --export-json "$work/$corpus.json" \
    --prepare "rm -rf $work/c.db $work/o.db $CONCORD_OCR_CACHE" \
    -n concord-index "$index --quiet --db $work/c.db $work/src || test \$? -eq 3" \
    -n omindex "omindex --db=$work/o.db --url=/ $work/src >/dev/null 2>&1; true"
  # Incremental: nothing changed since the last run.
  "$index" --quiet --db "$work/c.db" "$work/src" || true
  omindex --db="$work/o.db" --url=/ "$work/src" >/dev/null 2>&1 || true
  hyperfine --runs "$runs" --warmup 1 \
    -n concord-index-unchanged "$index --quiet --db $work/c.db $work/src || test \$? -eq 3" \
    -n omindex-unchanged "omindex --db=$work/o.db --url=/ $work/src >/dev/null 2>&1; true"
  echo "database sizes: concord $(du -sh "$work/c.db" | cut -f1), omindex $(du -sh "$work/o.db" | cut -f1)"
done
