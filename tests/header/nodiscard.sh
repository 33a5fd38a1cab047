#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# BTX_NODISCARD works: nodiscard.c compiles as it is, and does not compile when it ignores
# the status of a call (the compiler's "unused result" warning, an error with -Werror).
# Usage: nodiscard.sh COMPILER LANGUAGE-FLAGS INCLUDE-DIR... (language flags in one word,
# e.g. "-std=c99" or "-x c++ -std=c++17").
set -u
compiler=$1
lang=$2
shift 2
includes=()
for dir in "$@"; do includes+=("-I$dir"); done
src="$(dirname "$0")/nodiscard.c"
# shellcheck disable=SC2086
if ! out=$("$compiler" $lang -Wall -Wextra -Werror -c -o /dev/null "${includes[@]}" "$src" 2>&1); then
    echo "nodiscard.c does not compile as it is:"; echo "$out"; exit 1
fi
# shellcheck disable=SC2086
if out=$("$compiler" $lang -Wall -Wextra -Werror -c -o /dev/null -DIGNORE_RESULT "${includes[@]}" "$src" 2>&1); then
    echo "an ignored status code compiled without a warning: BTX_NODISCARD has no effect"; exit 1
fi
if ! grep -qiE "unused|nodiscard" <<<"$out"; then
    echo "the ignored status code failed for another reason:"; echo "$out"; exit 1
fi
echo "ok: $compiler $lang warns about an ignored status code"
