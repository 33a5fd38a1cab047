#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs a libbtxdose build into a fresh prefix, then builds ehr_check.c against it
# twice (pkg-config through the Makefile, find_package through CMakeLists.txt), runs
# both, and checks that they print the same findings. (The installed btxdose tool is
# tested by tests/cli/install_tool.sh.)
#   run-example.sh BUILD_DIR WORK_DIR EXAMPLE_SRC_DIR
set -euo pipefail
build=$1 work=$2 src=$3
cmake=${CMAKE_COMMAND:-cmake}
cc=${CC:-cc}
rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log"

libdir=$(find "$prefix" -name libbtxdose.so.1 -printf '%h\n' | head -n1)
test -n "$libdir" || { echo "libbtxdose.so.1 not installed"; exit 1; }

# 1. pkg-config, through the example's Makefile, built out of the source tree.
mkdir -p "$work/make"
PKG_CONFIG_PATH="$libdir/pkgconfig" make -s -C "$work/make" -f "$src/Makefile" CC="$cc" \
    CFLAGS="-O2 -Wall -Wextra -Wpedantic -Wconversion -Werror" >"$work/make.log"
LD_LIBRARY_PATH="$libdir" "$work/make/ehr_check" >"$work/make.out"
# The program must really load the installed SONAME.
deps=$(LD_LIBRARY_PATH="$libdir" ldd "$work/make/ehr_check")
grep -q "libbtxdose.so.1 => $libdir" <<<"$deps"

# 2. find_package(btxdose 1 CONFIG REQUIRED), through the example's CMakeLists.txt.
"$cmake" -S "$src" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" >"$work/cmake-configure.log"
"$cmake" --build "$work/cmake-build" >"$work/cmake-build.log"
LD_LIBRARY_PATH="$libdir" "$work/cmake-build/ehr_check" >"$work/cmake.out"

cmp "$work/make.out" "$work/cmake.out"
cat "$work/make.out"
# The sample: 175 U counted in the worst window, 155 U proposed, 400 U limit, 80% warning.
grep -q "window_limit" "$work/make.out"
grep -q "175 U counted + 155 U proposed of 400 U (70 U left)" "$work/make.out"
grep -q "headroom on 2026-12-01: 225 U" "$work/make.out"
grep -q "earliest date for this dose: 2026-12-01" "$work/make.out"
grep -q "order may be signed" "$work/make.out"

echo "example: pkg-config and find_package builds agree"
