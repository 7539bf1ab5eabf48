#!/usr/bin/env bash
# OCR: character error rate and symbol recall on generated scans (a two-page resolution-like
# text with four citations, typeset, rendered at 150 and 300 dpi, clean or with 0.5% / 2% of
# the pixels flipped, embedded as image-only PDFs by tests/support.cc), seconds per page on
# one core; then the real scanned PDF of ../shared/corpora (22 pages) indexed cold and again
# from the OCR cache, timed with /usr/bin/time, and the symbols found in it.
# Usage: bash bench/ocr.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target concord-tests concord-index concord-query -j "$(nproc)" >/dev/null
echo "== generated scans (tests/ocr/ocr_test.cc, tag [.ocr-bench])"
"$build/tests/concord-tests" "[.ocr-bench]" | grep -E '^(dpi|[0-9]+ )'
scan=../shared/corpora/un-docs-pdf/A_45_696_Add.1.en.pdf
if [ -f "$scan" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir "$work/in"
  cp "$scan" "$work/in/"
  echo "== $scan ($(pdfinfo "$scan" | sed -n 's/^Pages: *//p') pages), cold then from the cache"
  for run in cold cached; do
    /usr/bin/time -f "$run: %e s wall, %U s user, %M KB max RSS" \
      "$build/indexer/concord-index" --db "$work/db-$run" --ocr-cache "$work/cache" "$work/in" | tail -n 1
  done
  "$build/query/concord-query" --db "$work/db-cold" entities --type symbol | head -n 8
fi
