#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every defined dynamic symbol, with its version node, must be exactly abi/exports.txt.
# A symbol slipped into an old node, left unversioned or not btx_-prefixed fails.
set -euo pipefail
lib=$1 expected=$2
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDRBV]$/ {print $3}' | sort)
if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "exported symbols differ from $expected (see docs/abi.md)"
    exit 1
fi
bad=$(printf '%s\n' "$actual" | grep -v '^btx_[a-z0-9_]*@@BTXDOSE_1\.[0-9]*$' || true)
if [ -n "$bad" ]; then
    echo "symbols outside btx_*@@BTXDOSE_1.x: $bad"
    exit 1
fi
echo "exports match $expected"
