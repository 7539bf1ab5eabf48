#!/usr/bin/env bash
# Gains and losses of a recognizer change on the real corpora: runs two revisions of Concord
# over ../shared/corpora and lists the mentions and the `check` findings that one finds and the
# other does not, each with its sentence.
#
# Usage: bench/real/gains_losses.sh [OLD [NEW]] [-- CORPUS...]
#   OLD, NEW  git revisions; NEW may be "worktree" (the uncommitted working tree).
#             Defaults: HEAD and worktree.
#   CORPUS    folders under ../shared/corpora to run on (default: all four).
# Writes the report to $OUT (default: build/gains_losses.md) and prints its summary.
#
# Each revision is checked out in a temporary git worktree and built in Release mode with the
# mention dump of bench/dump_mentions_bench.cc (the current version, compiled against that
# revision's library). Findings come from that revision's concord-index and
# `concord-query check --all --json` on the General Debate speeches (ungdc).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
corpora="$here/../shared/corpora"
old=${1:-HEAD}
new=${2:-worktree}
shift $(( $# >= 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
folders=("$@")
[ ${#folders[@]} -eq 0 ] && folders=(un-resolutions-pdf un-docs-pdf unsc-meetings-html ungdc)
if [ ! -d "$corpora" ]; then
  echo "corpora folder $corpora is absent; nothing to compare"
  exit 0
fi
work="${TMPDIR:-/tmp}/concord-gains-losses"
mkdir -p "$work"
out="${OUT:-$here/build/gains_losses.md}"
mkdir -p "$(dirname "$out")"

# The corpus files, README.md files left out (they quote citations on purpose).
list="$work/files.txt"
for f in "${folders[@]}"; do find "$corpora/$f" -type f ! -name README.md; done | sort > "$list"

build_rev() {  # $1 = revision or "worktree"; prints the build folder
  local rev=$1 src bld
  if [ "$rev" = worktree ]; then
    src=$here
    bld="$work/build-worktree"
  else
    local sha
    sha=$(git -C "$here" rev-parse --short "$rev")
    src="$work/src-$sha"
    bld="$work/build-$sha"
    if [ ! -d "$src" ]; then
      git -C "$here" worktree add --detach "$src" "$sha" >/dev/null 2>&1
    fi
  fi
  # A wrapper project: the revision's library and programs, plus the current mention dump.
  local wrap="$bld-wrap"
  mkdir -p "$wrap"
  cp "$here/bench/dump_mentions_bench.cc" "$wrap/dump.cc"
  cat > "$wrap/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.25)
project(concord_gains_losses CXX)
set(BUILD_TESTING OFF CACHE BOOL "" FORCE)
add_subdirectory("$src" concord)
find_package(nlohmann_json REQUIRED)
add_executable(concord-dump "$wrap/dump.cc")
target_link_libraries(concord-dump PRIVATE concord nlohmann_json::nlohmann_json)
# Beside the revision's programs, so that it finds their modules at BIN/../lib/concord.
set_target_properties(concord-dump PROPERTIES RUNTIME_OUTPUT_DIRECTORY "$bld/concord/bench")
EOF
  if ! { cmake -S "$wrap" -B "$bld" -DCMAKE_BUILD_TYPE=Release &&
         cmake --build "$bld" -j "$(nproc)" --target concord-dump concord-index concord-query; \
       } > "$bld.log" 2>&1; then
    tail -20 "$bld.log" >&2
    echo "building $rev failed; see $bld.log" >&2
    exit 1
  fi
  echo "$bld"
}

run_rev() {  # $1 = revision, $2 = label
  local bld
  bld=$(build_rev "$1")
  echo "running $1 over $(wc -l < "$list") files" >&2
  "$bld/concord/bench/concord-dump" < "$list" > "$work/$2.jsonl"
  local db="$work/$2.db"
  rm -rf "$db"
  "$bld/concord/indexer/concord-index" --quiet --db "$db" "$corpora/ungdc" >/dev/null 2>&1 || true
  (cd "$corpora" && "$bld/concord/query/concord-query" --db "$db" --json check --all) \
    > "$work/$2.check.json" 2>/dev/null || true
}

run_rev "$old" old
run_rev "$new" new
python3 "$here/bench/real/gains_losses.py" "$work" "$old" "$new" > "$out"
sed -n '1,/^## Mentions gained/p' "$out" | head -n -1
echo "full report: $out"
