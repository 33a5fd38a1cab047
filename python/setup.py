# SPDX-License-Identifier: Apache-2.0
"""Build script of the btxdose distribution; the metadata is in pyproject.toml.

It does two things pyproject.toml cannot:

* the version: read from ``project(btxdose VERSION X.Y.Z ...)`` in ../CMakeLists.txt,
  the one place the project's version is set (docs/abi.md), or from PKG-INFO when
  built from an sdist;
* an optional wheel that carries the shared library: with ``BTXDOSE_BUNDLE_LIBRARY``
  set to a built ``libbtxdose.so.1``, the file is copied into the package as
  ``btxdose/libbtxdose.so.1`` (where the package looks second, after
  ``BTXDOSE_LIBRARY``) and the wheel is tagged for this platform
  (``py3-none-linux_<arch>``). Without it the wheel is pure Python (``py3-none-any``).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import Optional

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))
SONAME = "libbtxdose.so.1"
_VERSION_RE = re.compile(r"project\(\s*btxdose\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)\b")


def _version() -> str:
    cmakelists = os.path.join(HERE, os.pardir, "CMakeLists.txt")
    if os.path.isfile(cmakelists):
        with open(cmakelists, encoding="utf-8") as f:
            m = _VERSION_RE.search(f.read())
        if not m:
            sys.exit(f"btxdose setup.py: no 'project(btxdose VERSION X.Y.Z' in {cmakelists}")
        return m.group(1)
    pkg_info = os.path.join(HERE, "PKG-INFO")
    if os.path.isfile(pkg_info):
        with open(pkg_info, encoding="utf-8") as f:
            for line in f:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    sys.exit("btxdose setup.py: cannot find the version: build from the libbtxdose "
             "source tree (python/ next to CMakeLists.txt) or from an sdist")


def _bundled_library() -> Optional[str]:
    path = os.environ.get("BTXDOSE_BUNDLE_LIBRARY")
    if not path:
        return None
    if not os.path.isfile(path):
        sys.exit(f"btxdose setup.py: BTXDOSE_BUNDLE_LIBRARY={path!r}: no such file "
                 "(give an absolute path: pip runs this script in python/)")
    return path


class BuildPy(build_py):
    """Copies the library named by BTXDOSE_BUNDLE_LIBRARY into the built package."""

    def run(self) -> None:
        super().run()
        lib = _bundled_library()
        if lib is not None and not self.dry_run:
            dest = os.path.join(self.build_lib, "btxdose", SONAME)
            shutil.copyfile(os.path.realpath(lib), dest)
            os.chmod(dest, 0o644)


class BinaryDistribution(Distribution):
    """With a bundled library the wheel is not pure: it is tagged for this platform."""

    def has_ext_modules(self) -> bool:  # type: ignore[override]
        return _bundled_library() is not None


cmdclass = {"build_py": BuildPy}

if _bundled_library() is not None:
    from wheel.bdist_wheel import bdist_wheel

    class BdistWheel(bdist_wheel):
        """py3-none-<platform>: any Python 3 (ctypes, no extension module), one platform."""

        def get_tag(self):  # type: ignore[no-untyped-def]
            _, _, plat = super().get_tag()
            return "py3", "none", plat

    cmdclass["bdist_wheel"] = BdistWheel

setup(
    version=_version(),
    packages=find_packages(include=["btxdose", "btxdose.*"]),
    package_data={"btxdose": ["py.typed"]},
    include_package_data=False,
    # Symbolic links to the project's LICENSE and NOTICE (Apache-2.0, section 4).
    license_files=["LICENSE", "NOTICE"],
    cmdclass=cmdclass,
    distclass=BinaryDistribution,
)
