#!/usr/bin/env bash
# What each database stores, table by table, compacted: a Xapian database's size on disk
# depends on how often its indexer committed (each commit leaves B-tree blocks part-filled),
# so two databases are compared after xapian-compact has rewritten both with full blocks.
# Usage: bash bench/index_size.sh DB...      (Concord's, omindex's or any Xapian glass database)
# Needs: xapian-compact (xapian-tools). The databases are only read; the copies are removed.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: bash bench/index_size.sh DB..." >&2; exit 2; }
command -v xapian-compact >/dev/null || { echo "missing xapian-compact (apt-get install xapian-tools)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
printf '| database | on disk MiB | compacted MiB | postlist | position | termlist | docdata |\n'
printf '|---|---:|---:|---:|---:|---:|---:|\n'
i=0
for db in "$@"; do
  i=$((i + 1))
  copy=$work/c$i
  xapian-compact "$db" "$copy" >/dev/null
  total=0
  for t in "$db"/*.glass; do total=$((total + $(size "$t"))); done
  compact=0
  for t in "$copy"/*.glass; do compact=$((compact + $(size "$t"))); done
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$db" "$(mib "$total")" "$(mib "$compact")" \
    "$(mib "$(size "$copy/postlist.glass")")" "$(mib "$(size "$copy/position.glass")")" \
    "$(mib "$(size "$copy/termlist.glass")")" "$(mib "$(size "$copy/docdata.glass")")"
  rm -rf "$copy"
done
