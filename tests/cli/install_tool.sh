#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The installed btxdose runs from any prefix: installs the build into a fresh prefix,
# moves the prefix elsewhere, and runs the tool there with a clean environment (env -i:
# no LD_LIBRARY_PATH, no PATH) from another directory. The tool must find the library of
# its own prefix through its install RPATH ($ORIGIN/../LIBDIR).
#   install_tool.sh BUILD_DIR WORK_DIR EXAMPLES_DATA_DIR
set -euo pipefail
build=$1 work=$2 data=$3
cmake=${CMAKE_COMMAND:-cmake}
rm -rf "$work"
mkdir -p "$work"
"$cmake" --install "$build" --prefix "$work/installed" >"$work/install.log"
mv "$work/installed" "$work/moved"
prefix="$work/moved"
bin="$prefix/bin/btxdose"
test -x "$bin" || { echo "btxdose not installed in bin/"; exit 1; }

# The RPATH is relative to the executable, never a path of the build tree.
dyn=$(readelf -d "$bin")
grep -Eq 'R(UN)?PATH.*\[\$ORIGIN/' <<<"$dyn" || { echo "no \$ORIGIN RPATH:"; grep PATH <<<"$dyn"; exit 1; }
if grep -q "$build" <<<"$dyn"; then echo "the RPATH names the build tree"; exit 1; fi

cd /
# The library that loads is the one of the moved prefix.
loaded=$(env -i LD_TRACE_LOADED_OBJECTS=1 "$bin")
lib=$(sed -n 's/^[[:space:]]*libbtxdose\.so\.1 => \([^ ]*\) .*/\1/p' <<<"$loaded")
case "$lib" in
"$prefix"/*) ;;
*) echo "libbtxdose.so.1 resolved to '$lib', not under $prefix:"; echo "$loaded"; exit 1 ;;
esac

env -i "$bin" version >"$work/version.out"
grep -q '^btxdose ' "$work/version.out"
grep -q '^libbtxdose ' "$work/version.out"
status=0
env -i "$bin" check --history "$data/history.csv" \
    --propose 2026-12-01,botox,chronic_migraine,155 >"$work/check.out" || status=$?
test "$status" -eq 0 || { echo "check exited $status"; cat "$work/check.out"; exit 1; }
grep -q '^result     PASS' "$work/check.out"
echo "install_tool: $bin runs with env -i and loads $lib"
