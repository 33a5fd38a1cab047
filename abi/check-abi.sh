#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# ABI gate: dump the built library exactly as the baseline was dumped, then compare.
# Usage: check-abi.sh LIB SOURCE_DIR OUT_XML     (fails on any ABI change; docs/abi.md)
#        check-abi.sh --update LIB SOURCE_DIR    (rewrite abi/libbtxdose.abi; commit it alone)
#        check-abi.sh --compare OLD_XML NEW_XML SOURCE_DIR [SUPPRESSIONS]
#            the gate's comparison alone, on two dumps (abi/test-abignore.py uses it).
#            Exit 0: no change; 4 or 12: an ABI change (abidiff's bits); anything else:
#            the comparison itself failed. SUPPRESSIONS defaults to abi/libbtxdose.abignore.
#
# The dumps keep source locations, with SOURCE_DIR cut off the front of every path: a
# type of a public header is at `include/btxdose/NAME.h`, an internal one at `lib/...`,
# a system one at its absolute path. abi/libbtxdose.abignore suppresses the types that
# are located in the project's own sources outside include/btxdose.
set -euo pipefail
mode=gate
case "${1:-}" in
    --update) mode=update; shift ;;
    --compare) mode=compare; shift ;;
esac

# compare OLD NEW SUPPRESSIONS: the one abidiff command of the gate. --harmless: abidiff
# counts an appended enum value as harmless and would pass it unrecorded (and a later
# renumbering of that value too); here it fails until the baseline records it.
compare() {
    abidiff --harmless --no-added-syms --non-reachable-types --suppressions "$3" "$1" "$2"
}

if [ "$mode" = compare ]; then
    old=$1 new=$2 src=$3 supp=${4:-$3/abi/libbtxdose.abignore}
    rc=0
    compare "$old" "$new" "$supp" || rc=$?
    exit $rc
fi

lib=$1 src=$2 out=${3:-}
src_logical=$(cd "$src" && pwd -L)
src_physical=$(cd "$src" && pwd -P)
src=$src_physical
abidw_opts=(--no-corpus-path --no-comp-dir-path --type-id-style hash
            --load-all-types --drop-private-types --headers-dir "$src/include/btxdose")

# dump LIB FILE: abidw, then every path under the source tree made relative to it, so the
# baseline names no machine's directories and the suppressions can tell `lib/` from
# `include/btxdose/`.
dump() {
    local tmp
    tmp=$(mktemp)
    abidw "${abidw_opts[@]}" --out-file "$tmp" "$1"
    grep -q '<abi-instr' "$tmp" || { rm -f "$tmp"; echo "no DWARF in $1: the ABI gate needs a -g (RelWithDebInfo) build"; exit 1; }
    SRC1="$src_physical/" SRC2="$src_logical/" \
        perl -pe 's/(\b(?:filepath|path)=\x27)(?:\Q$ENV{SRC1}\E|\Q$ENV{SRC2}\E)/$1/g' "$tmp" > "$2"
    rm -f "$tmp"
}

if [ "$mode" = update ]; then
    dump "$lib" "$src/abi/libbtxdose.abi"
    nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBV]$/ {print $3}' | sort > "$src/abi/exports.txt"
    echo "updated abi/libbtxdose.abi and abi/exports.txt"
    exit 0
fi
dump "$lib" "$out"
rc=0
compare "$src/abi/libbtxdose.abi" "$out" "$src/abi/libbtxdose.abignore" || rc=$?
if [ $rc -ne 0 ]; then
    echo "abidiff exit $rc: the ABI differs from abi/libbtxdose.abi (see docs/abi.md)"
    exit 1
fi
echo "ABI matches abi/libbtxdose.abi"
