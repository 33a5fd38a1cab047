#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the built library into a fresh prefix, then builds and runs consumer.c
# twice: through pkg-config and through find_package(btxdose 1 CONFIG REQUIRED).
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
test -f "$libdir/libbtxdose.a" || { echo "libbtxdose.a not installed"; exit 1; }
test -f "$prefix/include/btxdose/btxdose.h" || { echo "headers not installed"; exit 1; }

# 1. pkg-config
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs btxdose)
"$cc" -o "$work/consumer_pc" "$src/consumer.c" $flags
LD_LIBRARY_PATH="$libdir" "$work/consumer_pc"
# The program must really load the installed SONAME.
# (ldd's output is captured first: with pipefail, `ldd | grep -q` fails whenever grep
# exits before ldd has written everything.)
deps=$(LD_LIBRARY_PATH="$libdir" ldd "$work/consumer_pc")
grep -q "libbtxdose.so.1 => $libdir" <<<"$deps" || { echo "consumer does not load $libdir/libbtxdose.so.1"; exit 1; }
# Static linking through pkg-config --static.
"$cc" -o "$work/consumer_pc_static" "$src/consumer.c" \
    $(pkg-config --cflags btxdose) "$libdir/libbtxdose.a" $(pkg-config --libs-only-l --static btxdose | sed 's/-lbtxdose//')
"$work/consumer_pc_static"

# 2. CMake package
"$cmake" -S "$src" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_C_COMPILER="$cc" >"$work/cmake-configure.log"
"$cmake" --build "$work/cmake-build" >"$work/cmake-build.log"
LD_LIBRARY_PATH="$libdir" "$work/cmake-build/consumer"
"$work/cmake-build/consumer_static"
echo "consumer: pkg-config and find_package both OK"
