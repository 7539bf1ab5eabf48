#!/usr/bin/env bash
# Builds the Debian package from the working tree with the standard tools (dpkg-buildpackage,
# debhelper), installs it on a fresh Debian 12 (a minimal system made by debootstrap in a
# temporary folder, its dependencies resolved by apt from the Debian mirror), and runs the
# installed programs there: index the bundled corpus, search, list mentions, check citations,
# read the manual pages and the completion file. Needs root and the Debian mirror.
#
# Usage: bash tools/deb-smoke.sh [WORK_DIR]   (default: a new folder under /tmp; kept for
#        inspection when the smoke test fails, removed when it passes)
# Prints the package path and each smoke command with its output; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
work=${1:-$(mktemp -d /tmp/concord-deb.XXXXXX)}
mkdir -p "$work"

need=(dpkg-dev debhelper debootstrap)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# The build dependencies, as debian/control lists them.
build_deps=$(awk '/^Build-Depends:/ { on = 1; sub(/^Build-Depends:/, "") } on && /^[A-Z][A-Za-z-]*:/ && !/^Build-Depends/ { exit }
                  on { print }' debian/control | tr ',' '\n' | sed -e 's/(.*)//' -e 's/^ *//' -e 's/ *$//' |
             grep -v '^debhelper-compat' | grep . || true)
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $build_deps >/dev/null

echo "== building the package (dpkg-buildpackage) in $work"
rm -rf "$work/concord"
mkdir -p "$work/concord"
# The tracked files and new ones not ignored: what a commit of the working tree would hold.
(git ls-files; git ls-files --others --exclude-standard) | sort -u |
  while read -r f; do [ -e "$f" ] && printf '%s\n' "$f"; done | tar -cf - -T - | tar -xf - -C "$work/concord"
(cd "$work/concord" && dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1) ||
  { tail -40 "$work/build.log"; echo "package build failed (log: $work/build.log)"; exit 1; }
deb=$(ls "$work"/concord_*_*.deb | grep -v dbgsym | head -n 1)
echo "package: $deb ($(du -h "$deb" | cut -f1))"

echo "== a fresh Debian 12 (debootstrap --variant=minbase bookworm)"
root=$work/root
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
mirror=${mirror:-http://deb.debian.org/debian}
if [ ! -x "$root/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; exit 1; }
fi
cleanup() {
  umount "$root/proc" 2>/dev/null || true
}
trap cleanup EXIT
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
cp "$deb" "$root/tmp/"
cp -r "$src/corpus" "$root/tmp/corpus"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$work/install.log" 2>&1 || { tail -20 "$work/install.log"; exit 1; }
echo "installed: $(in_root dpkg-query -W -f='${Package} ${Version} (${Installed-Size} KiB)' concord)"

echo "== smoke test"
fail=0
check() {  # check DESCRIPTION EXPECTED_EXIT EXPECTED_TEXT COMMAND...
  local what=$1 want_rc=$2 want=$3
  shift 3
  local out rc=0
  out=$(in_root "$@" 2>&1) || rc=$?
  printf '$ %s\n%s\n' "$*" "$(printf '%s\n' "$out" | head -n 8)"
  if [ "$rc" -ne "$want_rc" ] || ! grep -q -- "$want" <<<"$out"; then
    echo "FAILED: $what (exit $rc, wanted $want_rc and \"$want\")"
    fail=1
  fi
}
check "version" 0 "concord-query 0" concord-query --version
check "index the corpus" 0 "33 added" concord-index --db /tmp/db /tmp/corpus
check "search" 0 "documents match" concord-query --db /tmp/db search '"social and solidarity economy"' --limit 3
check "mentions" 0 "UNRISD" concord-query --db /tmp/db mentions UNRISD
check "xref" 0 "A/RES/77/281" concord-query --db /tmp/db xref 'resolution 77/281' --limit 3
check "check" 4 "error" concord-query --db /tmp/db check
check "built-in cases" 0 "passed" concord-query cases
check "data files installed" 0 "gazetteer.tsv" ls /usr/share/concord
check "manual pages" 0 "concord-query.1.gz" ls /usr/share/man/man1
check "bash completion" 0 "complete -F _concord" cat /usr/share/bash-completion/completions/concord-query
check "web server help" 0 "concord-web" concord-web --help
if [ "$fail" -ne 0 ]; then
  echo "smoke test FAILED (work folder kept: $work)"
  exit 1
fi
echo "smoke test passed"
cp "$deb" "$src/build/" 2>/dev/null || true
cleanup
trap - EXIT
[ -n "${1:-}" ] || rm -rf "$work"
