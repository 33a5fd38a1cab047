#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Python distribution (python/pyproject.toml, python/setup.py; docs/python.md),
# offline, with Debian's python3-venv, python3-setuptools and python3-wheel (.ci/run
# calls it):
#   1. every module of the package and setup.py parse as Python 3.9;
#   2. python3 -m venv --system-site-packages; pip install --no-index
#      --no-build-isolation ./python; the venv imports the installed copy;
#   3. the Python test suite (tests/python) with the venv's python, on the library of
#      BUILD_DIR (BTXDOSE_LIBRARY), from outside the source tree;
#   4. a wheel that carries libbtxdose.so.1 (BTXDOSE_BUNDLE_LIBRARY), installed into a
#      second venv: it imports with a clean environment and loads its own copy;
#   5. pip uninstall removes the package.
# Usage: tests/pip/run.sh [BUILD_DIR]     (default: build, e.g. after the default workflow)
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(realpath "${1:-$src/build}")
python=/usr/bin/python3
lib=$build/lib/libbtxdose.so.1

step() { printf '\n-- pip: %s\n' "$*"; }
die() { echo "FAIL: $*" >&2; exit 1; }

[ -e "$lib" ] || die "$lib not found: build the library first (cmake --workflow --preset default)"
for m in venv ensurepip setuptools wheel pytest; do
    "$python" -c "import $m" 2>/dev/null \
        || die "$python cannot import $m (Debian: python3-venv python3-setuptools python3-wheel python3-pytest)"
done

work=$(mktemp -d /tmp/btxdose-pip.XXXXXX)
clean_tree() { rm -rf "$src/python/build" "$src/python/btxdose.egg-info"; }
trap 'rm -rf "$work"; clean_tree' EXIT
clean_tree   # a stale setuptools build directory would put stale files in the wheel
cd "$work"   # away from the source tree: nothing may be imported from it

step "Python 3.9 syntax"
"$python" - "$src/python" <<'EOF'
import ast, pathlib, sys
files = sorted(pathlib.Path(sys.argv[1]).glob("btxdose/*.py")) + [pathlib.Path(sys.argv[1], "setup.py")]
for f in files:
    ast.parse(f.read_text(encoding="utf-8"), str(f), feature_version=(3, 9))
print(f"{len(files)} files parse as Python 3.9")
EOF

step "pip install --no-index --no-build-isolation ./python into a fresh venv"
"$python" -m venv --system-site-packages venv
(cd "$src" && "$work/venv/bin/pip" install --no-index --no-build-isolation --no-cache-dir ./python) \
    >pip.log 2>&1 || { cat pip.log; die "pip install ./python failed"; }
tail -n1 pip.log
where=$(BTXDOSE_LIBRARY="$lib" venv/bin/python -c \
    'import btxdose; print(btxdose.__file__); print(btxdose.__version__); print(btxdose.library_path)')
printf '%s\n' "$where"
file=$(sed -n 1p <<<"$where")
case "$file" in
    "$work"/venv/lib/python3*/site-packages/btxdose/__init__.py) ;;
    *) die "the venv imported btxdose from $file, not from its site-packages" ;;
esac
# The distribution's version (setup.py, from CMakeLists.txt) is the library's.
libver=$(sed -n 2p <<<"$where")
meta=$(venv/bin/python -c 'import importlib.metadata as m; print(m.version("btxdose"))')
[ "$meta" = "$libver" ] || die "the distribution's version is $meta, the library's $libver"

step "the Python test suite with the venv's python"
BTXDOSE_LIBRARY="$lib" venv/bin/python - <<'EOF'
import btxdose, sys
assert btxdose.__file__.startswith(sys.prefix), btxdose.__file__
EOF
BTXDOSE_LIBRARY="$lib" venv/bin/python -m pytest -q -p no:cacheprovider "$src/tests/python" \
    || die "tests/python failed with the pip-installed package"

step "a wheel that carries libbtxdose.so.1"
(cd "$src" && BTXDOSE_BUNDLE_LIBRARY="$lib" "$work/venv/bin/pip" wheel --no-index \
    --no-build-isolation --no-deps --no-cache-dir -w "$work/wheels" ./python) >wheel.log 2>&1 \
    || { cat wheel.log; die "pip wheel failed"; }
clean_tree
whl=$(ls wheels/btxdose-*-py3-none-linux_*.whl) || die "no platform wheel in $(ls wheels)"
echo "$whl"
"$python" -m venv bundled
bundled/bin/pip install --no-index --no-cache-dir "$whl" >>wheel.log 2>&1 || { cat wheel.log; die "installing $whl failed"; }
loaded=$(env -i PATH=/usr/bin:/bin bundled/bin/python -c 'import btxdose; print(btxdose.library_path)')
case "$loaded" in
    "$work"/bundled/lib/python3*/site-packages/btxdose/libbtxdose.so.1) echo "loads $loaded" ;;
    *) die "the wheel's package loaded $loaded, not its own libbtxdose.so.1" ;;
esac

step "pip uninstall"
venv/bin/pip uninstall -y btxdose >/dev/null
if BTXDOSE_LIBRARY="$lib" venv/bin/python -c 'import btxdose' 2>/dev/null; then
    die "btxdose still imports after pip uninstall"
fi
echo
echo "pip: installed offline into a venv, tests passed, bundled wheel loads its library"
