#!/usr/bin/env bash
# ABI gate: dump the built library exactly as the baseline was dumped, then compare.
# Usage: check-abi.sh LIB SOURCE_DIR OUT_XML     (any non-zero abidiff exit fails)
#        check-abi.sh --update LIB SOURCE_DIR    (rewrite abi/libbtxdose.abi; commit it alone)
set -euo pipefail
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
lib=$1 src=$2 out=${3:-}
abidw_opts=(--no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash
            --load-all-types --drop-private-types --headers-dir "$src/include/btxdose")
if [ "$update" = 1 ]; then
    abidw "${abidw_opts[@]}" --out-file "$src/abi/libbtxdose.abi" "$lib"
    grep -q '<abi-instr' "$src/abi/libbtxdose.abi" || { echo "no DWARF in $lib: build RelWithDebInfo"; exit 1; }
    nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBV]$/ {print $3}' | sort > "$src/abi/exports.txt"
    echo "updated abi/libbtxdose.abi and abi/exports.txt"
    exit 0
fi
abidw "${abidw_opts[@]}" --out-file "$out" "$lib"
grep -q '<abi-instr' "$out" || { echo "no DWARF in $lib: the ABI gate needs a -g build"; exit 1; }
set +e
abidiff --no-added-syms --non-reachable-types --suppressions "$src/abi/libbtxdose.abignore" \
        "$src/abi/libbtxdose.abi" "$out"
rc=$?
set -e
if [ $rc -ne 0 ]; then
    echo "abidiff exit $rc: the ABI differs from abi/libbtxdose.abi (see docs/abi.md)"
    exit 1
fi
echo "ABI matches abi/libbtxdose.abi"
