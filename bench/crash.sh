#!/usr/bin/env bash
# Crash consistency: kills concord-index with SIGKILL at random moments of runs over a
# changing archive, then runs it again and checks the index: documents = files, no path
# twice, every file findable, every concord-query command answers. Prints the figures.
#
#   bash bench/crash.sh [TRIALS] [FILES]     (default: 30 trials over 2000 files)
#
# Needs the programs built in ./build (bash tools/run.sh demo, or cmake). Uses only bash,
# coreutils, grep and the two programs. Each trial first changes the archive (edits, deletes
# and adds files), then starts the indexer (commits every 50 files and every 0.5 s) and kills
# it after a random delay of 10 to 400 ms; a run that finished first counts as not cut.
set -euo pipefail
cd "$(dirname "$0")/.."
trials=${1:-30}
files=${2:-2000}
index=$PWD/build/indexer/concord-index
query=$PWD/build/query/concord-query
[ -x "$index" ] && [ -x "$query" ] || { echo "build the programs first (bash tools/run.sh demo)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
archive=$work/archive
db=$work/db

body=""
for w in $(seq 1 400); do body+="cooperative solidarity economy word$((w % 97)) "; done
write_file() {  # write_file N VERSION
  local dir=$archive/d$(($1 / 200))
  mkdir -p "$dir"
  printf 'Title: File %s\n\nuniqueword%s version%s the ILO and resolution A/RES/77/281\n%s\n' \
    "$1" "$1" "$2" "$body" >"$dir/f$1.txt"
}
for i in $(seq 0 $((files - 1))); do write_file "$i" 0; done
next_new=$files

cut=0 recovered=0 lost=0 extra=0 duplicates=0 unfindable=0 command_failures=0
for trial in $(seq 1 "$trials"); do
  if [ "$trial" -gt 1 ]; then  # edit a fifth of the files, delete 5, add 5
    for _ in $(seq 1 $((files / 5))); do
      i=$((RANDOM % next_new))
      [ -e "$archive/d$((i / 200))/f$i.txt" ] && write_file "$i" "$trial"
    done
    for _ in $(seq 1 5); do
      i=$((RANDOM % next_new))
      rm -f "$archive/d$((i / 200))/f$i.txt"
    done
    for _ in $(seq 1 5); do write_file "$next_new" "$trial"; next_new=$((next_new + 1)); done
  fi
  "$index" --quiet --db "$db" --commit-every 50 --commit-interval 0.5 "$archive" 2>/dev/null &
  pid=$!
  sleep "$(printf '0.%03d' $((10 + RANDOM % 390)))"
  kill -9 "$pid" 2>/dev/null || true
  status=0
  { wait "$pid"; } 2>/dev/null || status=$?
  [ "$status" -eq 137 ] && cut=$((cut + 1))

  # Recovery: a full run, then the checks.
  if "$index" --quiet --db "$db" "$archive" 2>"$work/err"; then recovered=$((recovered + 1)); fi
  on_disk=$(find "$archive" -type f -name '*.txt' | wc -l)
  documents=$("$query" --db "$db" --json stats | grep -m1 '"documents"' | grep -o '[0-9]*')
  [ "$documents" -lt "$on_disk" ] && lost=$((lost + on_disk - documents))
  [ "$documents" -gt "$on_disk" ] && extra=$((extra + documents - on_disk))
  "$query" --db "$db" --json search cooperative --limit $((on_disk + 100)) |
    grep -o '"path": "[^"]*"' | sort >"$work/paths"
  duplicates=$((duplicates + $(uniq -d "$work/paths" | wc -l)))
  unfindable=$((unfindable + on_disk - $(uniq "$work/paths" | wc -l)))
  some_file=$(find "$archive" -type f -name '*.txt' -print -quit)
  for command in "search cooperative" "show $some_file" "stats" "failures" "mentions ILO" \
    "entities" "xref A/RES/77/281" "check --all" "graph"; do
    code=0
    # shellcheck disable=SC2086
    timeout 60 "$query" --db "$db" $command >/dev/null 2>&1 || code=$?
    if [ "$code" -ne 0 ] && ! { [ "${command%% *}" = check ] && [ "$code" -eq 4 ]; }; then
      command_failures=$((command_failures + 1))
      echo "trial $trial: concord-query $command exited $code" >&2
    fi
  done
done

echo "kill -9 trials:              $trials (over $files files, changed between trials)"
echo "runs cut short by the kill:  $cut"
echo "recovery runs that succeeded: $recovered of $trials"
echo "documents lost:              $lost"
echo "documents in excess:         $extra"
echo "paths indexed twice:         $duplicates"
echo "files not findable:          $unfindable"
echo "query commands that failed:  $command_failures of $((trials * 9))"
[ "$recovered" -eq "$trials" ] && [ "$lost" -eq 0 ] && [ "$extra" -eq 0 ] &&
  [ "$duplicates" -eq 0 ] && [ "$unfindable" -eq 0 ] && [ "$command_failures" -eq 0 ]
