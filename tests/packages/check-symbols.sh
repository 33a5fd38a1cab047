#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# CTest deb_symbols: the Debian symbols file generated from abi/exports.txt and
# lib/libbtxdose.map (cmake/packaging.cmake) against the library itself.
#  1. dpkg-gensymbols -c4 on the built library: the file lists exactly the symbols the
#     library exports, each with the version node it has in the library;
#  2. every symbol of node BTXDOSE_X.Y carries the minimal version X.Y.0, and none is
#     newer than the project version.
# Usage: check-symbols.sh LIBRARY SYMBOLS_FILE PROJECT_VERSION WORK_DIR
set -euo pipefail
lib=$(realpath "$1") symbols=$(realpath "$2") version=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work"   # dpkg-gensymbols reads nothing else here (no debian/ directory)

head -n1 "$symbols" | grep -qx "libbtxdose.so.1 libbtxdose1 #MINVER#" \
    || { echo "FAIL: the first line must be 'libbtxdose.so.1 libbtxdose1 #MINVER#'"; exit 1; }
if ! dpkg-gensymbols -plibbtxdose1 -v"$version" -c4 -e"$lib" -I"$symbols" -O"$work/symbols.out"; then
    echo "FAIL: $symbols does not list exactly the symbols of $lib (diff above);"
    echo "      abi/exports.txt and the library disagree (see also the CTest abi_exports)"
    exit 1
fi

fail=0 n=0
while read -r sym ver; do
    n=$((n + 1))
    node=${sym#*@BTXDOSE_}
    if [ "$ver" != "$node.0" ]; then
        echo "FAIL: $sym has minimal version $ver, want $node.0 (its version node)"
        fail=1
    fi
    if dpkg --compare-versions "$ver" gt "$version"; then
        echo "FAIL: $sym: $ver is newer than the project version $version"
        fail=1
    fi
done < <(sed -n 's/^ \([^ ]*@BTXDOSE_[0-9.]*\) \([0-9.]*\)$/\1 \2/p' "$symbols")
nlines=$(grep -c '^ ' "$symbols")
[ "$n" -eq "$nlines" ] || { echo "FAIL: $((nlines - n)) symbol line(s) not of the form ' name@BTXDOSE_X.Y X.Y.0'"; fail=1; }
[ "$n" -gt 0 ] || { echo "FAIL: no symbols"; fail=1; }
[ $fail -eq 0 ] || exit 1
echo "symbols: $n symbols, each at its version node's first release"
