#!/usr/bin/env bash
# The README's two set-up commands: `bash tools/run.sh demo` and `bash tools/run.sh test`.
# Each installs the Debian packages that are missing (quick when all are there), builds in
# ./build, then either indexes corpus/ and runs sample queries, mentions, a cross-reference
# and the citation check (demo), or runs every test (test), then builds again in
# ./build-asan with AddressSanitizer and UndefinedBehaviorSanitizer (-DCONCORD_SANITIZE=ON)
# and runs the tests there too, except those labelled slow (ctest -LE slow).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(g++ cmake make pkg-config libxapian-dev libpoppler-cpp-dev libxml2-dev libcli11-dev
          catch2 libicu-dev nlohmann-json3-dev libmsgpack-cxx-dev zlib1g-dev libzstd-dev libxxhash-dev libjemalloc-dev qpdf graphviz
          libcpp-httplib-dev libkainjow-mustache-dev chromium chromium-driver xapian-tools
          man-db bash-completion libtesseract-dev tesseract-ocr-eng tesseract-ocr-fra
          tesseract-ocr-spa)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "Installing missing packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build -j "$(nproc)"
}

case "${1:-}" in
  demo)
    install_missing
    build
    db=build/demo.db
    rm -rf "$db"
    set -x
    build/indexer/concord-index --db "$db" corpus/ || [ $? -eq 3 ]
    build/query/concord-query --db "$db" stats
    build/query/concord-query --db "$db" search '"social and solidarity economy"' --limit 3
    build/query/concord-query --db "$db" search 'resolution 77/281 type:pdf' --limit 3
    build/query/concord-query --db "$db" search 'economie lang:fr' --limit 3
    build/query/concord-query --db "$db" search 'cooperative* date:2023..2024' --limit 3
    build/query/concord-query --db "$db" failures
    build/query/concord-query --db "$db" mentions UNRISD
    build/query/concord-query --db "$db" entities --discovered
    build/query/concord-query --db "$db" xref 'resolution 77/281' --limit 3
    build/query/concord-query --db "$db" check || [ $? -eq 4 ]
    build/query/concord-query cases
    set +x
    echo
    echo "The same archive in a browser: build/web/concord-web --db $db   (then open http://127.0.0.1:8080/)"
    ;;
  test)
    install_missing
    build
    (cd build && ctest --output-on-failure -j "$(nproc)")
    # The sanitizer build: the test binary and the programs it runs (no benchmarks).
    cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONCORD_SANITIZE=ON >/dev/null
    cmake --build build-asan -j "$(nproc)" --target concord-tests
    (cd build-asan && ctest --output-on-failure -j "$(nproc)" -LE slow)
    ;;
  *)
    echo "usage: bash tools/run.sh demo|test" >&2
    exit 2
    ;;
esac
