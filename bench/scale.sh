#!/usr/bin/env bash
# Concord against its peers as the archive grows: Xapian's omindex and quest, Recoll's
# recollindex and recollq, and ripgrep / grep for the rescan a user would otherwise do, all
# measured in the same runs on the same generated archive (bench/make_archive.py, 70% text,
# 20% HTML, 10% PDF by default).
#
# Usage: bash bench/scale.sh [SIZE...]        (default: 2000 20000; add 100000 for the full
#                                              growth table, about 40 minutes more)
# Environment: MIX=70,20,10  RUNS=5 (query runs)  INDEX_RUNS (default 3 up to 2,000 files,
#   else 1)  BUILD=build  OUT=build/scale.md  KEEP=DIR (keep archives and databases there)
# Needs: python3, hyperfine, GNU time (/usr/bin/time), xapian-omega (omindex), xapian-tools
#   (quest), recoll (recollindex, recollq), ripgrep, poppler-utils (omindex reads PDFs with
#   pdftotext). Missing Debian packages are installed when running as root.
#
# For each size it prints and appends to $OUT: indexing from scratch (median seconds, CPU
# used, peak memory, database size against the archive's), a re-run with nothing changed,
# and the query commands with their peer, whole processes, medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000)
mix=${MIX:-70,20,10}
runs=${RUNS:-5}
build=${BUILD:-build}
case "$build" in /*) ;; *) build=$PWD/$build ;; esac
out=${OUT:-$build/scale.md}

need=()
for pair in hyperfine:hyperfine time:/usr/bin/time xapian-omega:omindex xapian-tools:quest \
  recoll:recollindex ripgrep:rg poppler-utils:pdftotext; do
  command -v "${pair#*:}" >/dev/null || need+=("${pair%%:*}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (apt-get install ${need[*]})"; exit 1
  fi
fi
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target concord-index concord-query >/dev/null
index=$build/indexer/concord-index
query=$build/query/concord-query
if [ -n "${KEEP:-}" ]; then
  work=$KEEP && mkdir -p "$work"
else
  work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
fi

# median seconds of a hyperfine export, by command name
median() { python3 -c 'import json,sys; r={x["command"]:x for x in json.load(open(sys.argv[1]))["results"]}; print("%.3f" % r[sys.argv[2]]["median"])' "$1" "$2"; }
median_ms() { python3 -c 'import json,sys; r={x["command"]:x for x in json.load(open(sys.argv[1]))["results"]}; print("%.1f" % (1000 * r[sys.argv[2]]["median"]))' "$1" "$2"; }
ratio() { python3 -c 'import sys; print("%.2f" % (float(sys.argv[1]) / float(sys.argv[2])))' "$1" "$2"; }
# "seconds cpu% peakMiB" of one run under GNU time
timed() {
  local log=$1; shift
  /usr/bin/time -f "%e %P %M" -o "$log" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$log" | awk '{ printf "%s %s %.0f\n", $1, $2, $3 / 1024 }'
}
size_mib() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

{
  echo "# Concord and its peers on generated archives ($(date -u +%Y-%m-%d), $(nproc) cores, mix $mix)"
  echo
} >>"$out"

for n in "${sizes[@]}"; do
  dir=$work/n$n
  archive=$dir/archive
  mkdir -p "$dir"
  [ -d "$archive" ] || python3 bench/make_archive.py "$archive" --docs "$n" --mix "$mix" >/dev/null
  arch_mib=$(size_mib "$archive")
  echo "== $n files, $arch_mib MiB"
  cdb=$dir/concord.db odb=$dir/omega.db rconf=$dir/recoll
  mkdir -p "$rconf"
  printf 'topdirs = %s\nloglevel = 1\n' "$archive" >"$rconf/recoll.conf"
  index_runs=${INDEX_RUNS:-$([ "$n" -le 2000 ] && echo 3 || echo 1)}

  # Indexing from scratch: medians (hyperfine), then one more run each under GNU time for
  # the CPU share and peak memory; that run's database is the one queried. Concord's OCR
  # cache (pages without text, which the peers skip) is a folder of this run's, emptied
  # before each run from scratch: a warm cache from an earlier run would hide that work.
  export CONCORD_OCR_CACHE=$dir/ocr-cache
  hyperfine --runs "$index_runs" --export-json "$dir/index.json" \
    --prepare "rm -rf $cdb $odb $rconf/xapiandb $rconf/*.db* $rconf/idxstatus.txt $CONCORD_OCR_CACHE" \
    -n concord "$index --quiet --db $cdb $archive" \
    -n omindex "omindex --db $odb --url / $archive" \
    -n recollindex "recollindex -c $rconf" >/dev/null
  rm -rf "$cdb" "$odb" "$rconf/xapiandb" "$CONCORD_OCR_CACHE"
  read -r c_s c_cpu c_mem < <(timed "$dir/t.c" "$index" --quiet --db "$cdb" "$archive")
  read -r o_s o_cpu o_mem < <(timed "$dir/t.o" omindex --db "$odb" --url / "$archive")
  read -r r_s r_cpu r_mem < <(timed "$dir/t.r" recollindex -c "$rconf")
  c_med=$(median "$dir/index.json" concord)
  o_med=$(median "$dir/index.json" omindex)
  r_med=$(median "$dir/index.json" recollindex)
  c_db=$(size_mib "$cdb") o_db=$(size_mib "$odb") r_db=$(size_mib "$rconf/xapiandb")

  # A re-run with nothing changed.
  hyperfine --runs "$runs" --warmup 1 --export-json "$dir/rerun.json" \
    -n concord "$index --quiet --db $cdb $archive" \
    -n omindex "omindex --db $odb --url / $archive" \
    -n recollindex "recollindex -c $rconf" >/dev/null

  # Queries, whole processes. The peers answer the nearest question they can: a word or a
  # phrase (quest, recollq), the files and lines holding a string (rg, grep), with no
  # variant spellings, symbol forms or sentences.
  q="$query --db $cdb"
  hyperfine --runs "$runs" --warmup 1 -N --export-json "$dir/query.json" \
    -n "search cooperative" "$q search cooperative" \
    -n "quest cooperative" "quest -d $odb -m 10 cooperative" \
    -n "recollq cooperative" "recollq -c $rconf -n 10 cooperative" \
    -n "search phrase" "$q search '\"solidarity economy\"'" \
    -n "quest phrase" "quest -d $odb -m 10 '\"solidarity economy\"'" \
    -n "recollq phrase" "recollq -c $rconf -n 10 '\"solidarity economy\"'" \
    -n "mentions A/RES/77/281" "$q mentions A/RES/77/281 --csv" \
    -n "rg -c 77/281" "rg -c '77 ?/ ?281' $archive" \
    -n "xref UNTFSSE" "$q xref UNTFSSE" \
    -n "grep -rlw UNTFSSE" "grep -rlw UNTFSSE $archive" \
    -n "check" "sh -c '$q check >/dev/null; test \$? -le 4'" >/dev/null
  read -r m_s _ m_mem < <(timed "$dir/t.m" $q mentions A/RES/77/281 --csv)
  read -r k_s _ k_mem < <(timed "$dir/t.k" $q check)
  read -r x_s _ x_mem < <(timed "$dir/t.x" $q xref UNTFSSE)

  {
    echo "## $n files ($arch_mib MiB)"
    echo
    echo "| indexing from scratch | median s | CPU | peak MiB | database MiB | × archive | its time ÷ Concord's |"
    echo "|---|---:|---:|---:|---:|---:|---|"
    echo "| concord-index | $c_med | $c_cpu | $c_mem | $c_db | $(ratio "$c_db" "$arch_mib") | |"
    echo "| omindex | $o_med | $o_cpu | $o_mem | $o_db | $(ratio "$o_db" "$arch_mib") | $(ratio "$o_med" "$c_med") |"
    echo "| recollindex | $r_med | $r_cpu | $r_mem | $r_db | $(ratio "$r_db" "$arch_mib") | $(ratio "$r_med" "$c_med") |"
    echo
    rc=$(median_ms "$dir/rerun.json" concord) ro=$(median_ms "$dir/rerun.json" omindex) rr=$(median_ms "$dir/rerun.json" recollindex)
    echo "Re-run, nothing changed: concord-index $rc ms, omindex $ro ms ($(ratio "$rc" "$ro")× omindex's time), recollindex $rr ms."
    echo
    echo "| query (whole process) | median ms | peer | peer median ms | ratio |"
    echo "|---|---:|---|---:|---:|"
    for pair in "search cooperative:quest cooperative" "search cooperative:recollq cooperative" \
      "search phrase:quest phrase" "search phrase:recollq phrase" \
      "mentions A/RES/77/281:rg -c 77/281" "xref UNTFSSE:grep -rlw UNTFSSE"; do
      a=${pair%%:*} b=${pair#*:}
      ma=$(median_ms "$dir/query.json" "$a") mb=$(median_ms "$dir/query.json" "$b")
      echo "| $a | $ma | $b | $mb | $(ratio "$ma" "$mb")× |"
    done
    echo "| check | $(median_ms "$dir/query.json" check) | | | |"
    echo
    echo "Peak memory: mentions A/RES/77/281 --csv $m_mem MiB, check $k_mem MiB, xref UNTFSSE $x_mem MiB."
    echo
  } | tee -a "$out"
done
echo "written to $out"
