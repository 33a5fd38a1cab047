#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian packages, end to end (docs/packaging.md; .ci/run calls it). As root, on
# Debian 12 with lintian installed:
#   1. build them: cmake --workflow --preset deb (a release build in build-deb/; the
#      .deb files in build-deb/packages/);
#   2. lintian: any error fails (warnings are printed; docs/packaging.md says why each
#      is left); the symbols file against the library (check-symbols.sh);
#   3. dpkg -i the four; ldconfig's cache now has libbtxdose.so.1;
#   4. with a clean environment (env -i PATH=/usr/bin:/bin) and from outside the source
#      tree: build tests/consumer against /usr with pkg-config and with CMake and run
#      it; run the installed btxdose (version, and a check on the sample history);
#      import btxdose with /usr/bin/python3; find both man pages with man -w;
#   5. dpkg -r, then dpkg -P: nothing of the packages is left and ldconfig's cache no
#      longer has the library.
# Usage: tests/packages/run.sh [--keep-installed]
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/build-deb
keep=0
[ "${1:-}" = "--keep-installed" ] && keep=1
pkgs=(libbtxdose1 libbtxdose-dev btxdose-tools python3-btxdose)
clean_env=(env -i PATH=/usr/bin:/bin)

step() { printf '\n-- packages: %s\n' "$*"; }
die() { echo "FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "run as root (dpkg -i)"
for tool in lintian dpkg dpkg-deb dpkg-gensymbols ldconfig man cmake pkg-config cc; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: lintian dpkg-dev man-db cmake pkgconf build-essential)"
done

# grep reads to the end (no -q): with pipefail, a grep -q that stops at its match can
# leave the writer killed by SIGPIPE and the pipeline false although it matched.
installed() { dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | grep -x installed >/dev/null; }
in_ldconfig() { ldconfig -p | grep 'libbtxdose\.so\.1 ' >/dev/null; }

# A leftover from an earlier, interrupted run would hide what this run installs.
for p in "${pkgs[@]}"; do
    if dpkg-query -W "$p" >/dev/null 2>&1; then
        echo "note: $p is already on this system (an earlier run?); purging it first"
        dpkg -P "${pkgs[@]}" >/dev/null
        break
    fi
done
if in_ldconfig; then
    die "ldconfig -p already lists libbtxdose.so.1 (installed by something else?):
$(ldconfig -p | grep libbtxdose)"
fi

step "build (cmake --workflow --preset deb)"
rm -rf "$build/packages"
(cd "$src" && cmake --workflow --preset deb) >"$src/build-deb.log" 2>&1 \
    || { tail -n 40 "$src/build-deb.log"; die "the deb workflow failed (build-deb.log)"; }
mv "$src/build-deb.log" "$build/workflow.log"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
arch=$(dpkg --print-architecture)
debs=("$build/packages/libbtxdose1_${version}_$arch.deb"
      "$build/packages/libbtxdose-dev_${version}_$arch.deb"
      "$build/packages/btxdose-tools_${version}_$arch.deb"
      "$build/packages/python3-btxdose_${version}_all.deb")
for d in "${debs[@]}"; do
    [ -f "$d" ] || die "$d was not made"
done
ls "$src"/*.deb >/dev/null 2>&1 && die "a .deb was written to the source root"

step "lintian"
maintainer=$(dpkg-deb -f "${debs[0]}" Maintainer)
suppress=()
if ! [[ $maintainer =~ \<[^@\>]+@[^\>]+\> ]]; then
    # The project has no published address yet: the packages name the maintainers
    # without one until a distributor sets BTX_PACKAGE_MAINTAINER (docs/packaging.md).
    echo "NOTE: Maintainer is '$maintainer' (no address): lintian's malformed-contact is"
    echo "      suppressed for this run. Set -DBTX_PACKAGE_MAINTAINER='Name <address>'."
    suppress=(--suppress-tags malformed-contact)
fi
lintian_out=$(lintian --display-level '>=warning' "${suppress[@]}" "${debs[@]}" 2>&1) || true
[ -n "$lintian_out" ] && printf '%s\n' "$lintian_out"
if grep -q '^E: ' <<<"$lintian_out"; then
    die "lintian reports errors"
fi
echo "lintian: no errors"
bash "$src/tests/packages/check-symbols.sh" "$build/lib/libbtxdose.so.$version" \
    "$build/packaging/symbols" "$version" "$build/check-symbols"
shlibs=$(dpkg-deb --ctrl-tarfile "${debs[0]}" | tar -xO ./shlibs)
[ "$shlibs" = "libbtxdose 1 libbtxdose1 (>= $version)" ] || die "libbtxdose1's shlibs: '$shlibs'"
triggers=$(dpkg-deb --ctrl-tarfile "${debs[0]}" | tar -xO ./triggers | grep -v '^#')
[ "$triggers" = "activate-noawait ldconfig" ] || die "libbtxdose1's triggers: '$triggers'"
depends=$(dpkg-deb -f "${debs[2]}" Depends)
grep -q 'libbtxdose1 (>= [0-9.]*)' <<<"$depends" || die "btxdose-tools' Depends has no libbtxdose1: '$depends'"
grep -q 'libc6' <<<"$depends" || die "btxdose-tools' Depends has no libc6 (dpkg-shlibdeps did not run?): '$depends'"
echo "btxdose-tools Depends: $depends"

step "ldconfig -p before: no libbtxdose"
in_ldconfig && die "ldconfig -p lists libbtxdose.so.1 before the install"

step "dpkg -i"
trap 'if [ $keep -eq 0 ]; then dpkg -P "${pkgs[@]}" >/dev/null 2>&1 || true; fi' EXIT
dpkg -i "${debs[@]}"
for p in "${pkgs[@]}"; do
    installed "$p" || die "$p is not installed"
done
in_ldconfig || die "ldconfig -p does not list libbtxdose.so.1 after the install (trigger?)"
ldconfig -p | grep 'libbtxdose\.so\.1 '
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
[ -e "/usr/lib/$multiarch/libbtxdose.so.1" ] || die "libbtxdose.so.1 is not in /usr/lib/$multiarch"

work=$(mktemp -d /tmp/btxdose-packages.XXXXXX)
trap 'rm -rf "$work"; if [ $keep -eq 0 ]; then dpkg -P "${pkgs[@]}" >/dev/null 2>&1 || true; fi' EXIT
cd "$work"   # away from the source tree: nothing may come from it

step "consumer program against /usr (pkg-config, then find_package)"
"${clean_env[@]}" sh -c 'cc -o consumer_pc "$1" $(pkg-config --cflags --libs btxdose)' sh \
    "$src/tests/consumer/consumer.c"
"${clean_env[@]}" ./consumer_pc
# (/lib is /usr/lib on a merged-/usr system: compare real paths.)
loaded=$(ldd ./consumer_pc | sed -n 's/^[[:space:]]*libbtxdose\.so\.1 => \(.*\) (0x.*$/\1/p')
[ -n "$loaded" ] && [ "$(realpath "$loaded")" = "$(realpath "/usr/lib/$multiarch/libbtxdose.so.1")" ] \
    || die "consumer_pc loads '${loaded}', not /usr/lib/$multiarch/libbtxdose.so.1"
"${clean_env[@]}" cmake -S "$src/tests/consumer" -B cmake-build >cmake.log \
    || { cat cmake.log; die "find_package(btxdose) against /usr failed"; }
"${clean_env[@]}" cmake --build cmake-build >>cmake.log || { cat cmake.log; die "consumer build failed"; }
"${clean_env[@]}" ./cmake-build/consumer
"${clean_env[@]}" ./cmake-build/consumer_static

step "the installed btxdose tool"
out=$("${clean_env[@]}" btxdose version)
printf '%s\n' "$out"
grep -q "$version" <<<"$out" || die "btxdose version does not say $version"
[ "$(command -v btxdose)" = /usr/bin/btxdose ] || die "btxdose is not /usr/bin/btxdose"
rc=0
"${clean_env[@]}" btxdose check --history "$src/examples/data/history.csv" \
    --propose 2026-12-01,botox,chronic_migraine,155 >check.out || rc=$?
[ $rc -le 1 ] || { cat check.out; die "btxdose check exited $rc"; }
grep -qi 'botox' check.out || { cat check.out; die "btxdose check printed no finding"; }

step "import btxdose with /usr/bin/python3"
pyout=$("${clean_env[@]}" /usr/bin/python3 -c "import btxdose; print(btxdose.__version__)")
echo "btxdose.__version__ = $pyout"
[ "$pyout" = "$version" ] || die "python3: btxdose.__version__ is '$pyout', want $version"
where=$("${clean_env[@]}" /usr/bin/python3 -c "import btxdose; print(btxdose.__file__); print(btxdose.library_path)")
printf '%s\n' "$where"
grep -q '^/usr/lib/python3/dist-packages/btxdose/__init__.py$' <<<"$where" \
    || die "python3 imported btxdose from elsewhere"

step "man pages"
man -w btxdose || die "man -w btxdose: not found (a dpkg path-exclude for /usr/share/man?)"
man -w 3 libbtxdose || die "man -w 3 libbtxdose: not found"
for page in "1 btxdose" "3 libbtxdose"; do
    warnings=$("${clean_env[@]}" MANWIDTH=80 man --warnings $page 2>&1 >/dev/null) || die "man $page failed"
    [ -z "$warnings" ] || die "man $page: $warnings"
done

if [ $keep -eq 1 ]; then
    trap 'rm -rf "$work"' EXIT
    echo "packages left installed (--keep-installed)"
    exit 0
fi

step "dpkg -r, then dpkg -P"
dpkg -r "${pkgs[@]}"
in_ldconfig && die "ldconfig -p still lists libbtxdose.so.1 after dpkg -r"
for p in "${pkgs[@]}"; do
    installed "$p" && die "$p is still installed"
done
known=()
for p in "${pkgs[@]}"; do
    dpkg-query -W "$p" >/dev/null 2>&1 && known+=("$p")   # removed, with files left to purge
done
[ ${#known[@]} -eq 0 ] || dpkg -P "${known[@]}"
for p in "${pkgs[@]}"; do
    dpkg-query -W "$p" >/dev/null 2>&1 && die "$p is still known to dpkg after dpkg -P"
done
for path in /usr/lib/$multiarch/libbtxdose.so.1 /usr/include/btxdose /usr/bin/btxdose \
            /usr/lib/python3/dist-packages/btxdose /usr/share/doc/libbtxdose1; do
    [ -e "$path" ] && die "$path is left after dpkg -P"
done
in_ldconfig && die "ldconfig -p still lists libbtxdose.so.1 after dpkg -P"
echo
echo "packages: built, lintian-clean (no errors), installed, used, removed"
