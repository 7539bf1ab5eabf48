#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer harnesses of fuzz/ (clang, -DCONCORD_FUZZ=ON: libFuzzer with
# AddressSanitizer and UndefinedBehaviorSanitizer) in ./build-fuzz and runs each for a given
# time, one after the other, then prints per target the executions, the CPU seconds, the new
# corpus entries, and the crashes with the file that reproduces each.
#
#   bash bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default: 60 s, every target)
#
# Targets: text html pdf recognize symbols dates query facts (fuzz/NAME_fuzzer.cc). Seeds are
# read from fuzz/corpus/NAME/ (hand-made inputs) and from the project's own documents of the
# target's kind (corpus/, tests/gold/: linked into $FUZZ_WORK/NAME/documents/), and never
# written; what the fuzzer finds is kept in a scratch
# folder outside the repository's files, $FUZZ_WORK (default build-fuzz/work/NAME/: corpus/
# for new inputs, which later runs start from, and crash-*, timeout-*, oom-* artifacts),
# with the run's log in log.txt. Needs clang++-16 and libclang-rt-16-dev (Debian 12); set
# FUZZ_CXX/FUZZ_CC for another clang. Runs niced, one target at a time, one worker. An input
# that takes more than 25 s counts as a hang (timeout-*). A crash stops that target's run;
# reproduce it with build-fuzz/fuzz/NAME_fuzzer FILE, minimize with -minimize_crash=1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all=(text html pdf recognize symbols dates query facts)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
cxx=${FUZZ_CXX:-clang++-16}
cc=${FUZZ_CC:-clang-16}
command -v "$cxx" >/dev/null || { echo "$cxx not found (apt-get install clang-16 libclang-rt-16-dev libomp-16-dev)" >&2; exit 2; }
for t in "${targets[@]}"; do
  [ -f "fuzz/${t}_fuzzer.cc" ] || { echo "unknown target '$t' (one of: ${all[*]})" >&2; exit 2; }
done

build=$PWD/build-fuzz
work=${FUZZ_WORK:-$build/work}
CC=$cc CXX=$cxx cmake -S . -B "$build" -DCONCORD_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
nice cmake --build "$build" -j "$(nproc)" --target $(printf '%s_fuzzer ' "${targets[@]}") >/dev/null

printf '%-10s %12s %8s %8s %8s  %s\n' target executions cpu_s new crashes artifacts
status=0
for t in "${targets[@]}"; do
  dir=$work/$t
  mkdir -p "$dir/corpus" "$dir/documents"
  # The project's own documents of the target's kind, as seeds beside fuzz/corpus/NAME/.
  case $t in
    html) kinds=(-name '*.html') ;;
    pdf) kinds=(-name '*.pdf') ;;
    text | recognize) kinds=(-name '*.txt') ;;
    *) kinds=() ;;
  esac
  if ((${#kinds[@]})); then
    find corpus tests/gold -type f "${kinds[@]}" -exec ln -sf "$PWD/{}" "$dir/documents/" \;
  fi
  own=()
  [ -d "fuzz/corpus/$t" ] && own=("fuzz/corpus/$t")
  before=$(find "$dir/corpus" -type f | wc -l)
  set +e
  TIMEFORMAT='%U %S'
  { time nice "$build/fuzz/${t}_fuzzer" -max_total_time="$seconds" -timeout=25 \
      -print_final_stats=1 -artifact_prefix="$dir/" "$dir/corpus" "$dir/documents" ${own[@]+"${own[@]}"} \
      >"$dir/log.txt" 2>&1; } 2>"$dir/time.txt"
  rc=$?
  set -e
  cpu=$(awk '{printf "%.0f", $1 + $2}' "$dir/time.txt")
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$dir/log.txt" | awk '{print $2}' | tail -1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$dir/log.txt" | tail -1 | tr -d '#')
  after=$(find "$dir/corpus" -type f | wc -l)
  artifacts=$(grep -o "Test unit written to [^ ]*" "$dir/log.txt" | awk '{print $5}' | tr '\n' ' ' || true) 
  crashes=$(grep -c "Test unit written to" "$dir/log.txt" || true)
  printf '%-10s %12s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "$cpu" "$((after - before))" \
    "$crashes" "${artifacts:--}"
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -m3 -E 'ERROR: |SUMMARY: |runtime error' "$dir/log.txt" | sed 's/^/    /' || true
  fi
done
echo "logs and new inputs: $work"
exit $status
