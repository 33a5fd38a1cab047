# SPDX-License-Identifier: Apache-2.0
"""Private: where the btxdose package looks for the C library, and in which order.

Pure logic: every function takes the environment, the operating system's name
(``os.name``), the file-system queries and the loader as arguments, so the search can be
tested on any system (tests/python/test_loader.py) without loading anything. :mod:`._ffi`
calls :func:`locate` with the real ones.

The library's file name is the SONAME ``libbtxdose.so.1`` on Linux and other POSIX
systems; on Windows it is ``libbtxdose-1.dll`` (the mingw build's name, which carries the
ABI generation as the SONAME does), then ``btxdose.dll`` (a DLL renamed or built under
that name). Order (docs/python.md, docs/windows.md):

1. the path in ``BTXDOSE_LIBRARY`` (used alone when set);
2. each name next to the package;
3. a build tree of the source checkout that holds the package: ``build/lib/`` first, then
   every other ``build*/lib/`` in name order;
4. POSIX: ``find_library("btxdose")``, the system's search, then the SONAME through the
   dynamic loader. Windows: each directory of ``PATH``, in order (Python 3.8 and later
   no longer search ``PATH`` when loading a DLL by name, so the package does it).
"""

from __future__ import annotations

import ntpath
import posixpath
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple

#: The POSIX file name: the SONAME, never the unversioned development symlink.
SONAME = "libbtxdose.so.1"
#: The Windows file names, in the order tried.
DLL_NAMES = ("libbtxdose-1.dll", "btxdose.dll")


class FileSystem:
    """The three file-system queries the search makes (replaced in tests)."""

    def __init__(self, isfile: Callable[[str], bool], isdir: Callable[[str], bool],
                 listdir: Callable[[str], List[str]]) -> None:
        self.isfile = isfile
        self.isdir = isdir
        self.listdir = listdir


def library_names(os_name: str) -> Tuple[str, ...]:
    """The file names of the library on a system whose ``os.name`` is os_name."""
    return DLL_NAMES if os_name == "nt" else (SONAME,)


def _path(os_name: str) -> Any:
    return ntpath if os_name == "nt" else posixpath


def repo_root(start: str, os_name: str, fs: FileSystem) -> Optional[str]:
    """The nearest directory at or above ``start`` that is the libbtxdose source tree
    (it holds ``include/btxdose/btxdose.h``), or None."""
    path = _path(os_name)
    here = start
    while True:
        if fs.isfile(path.join(here, "include", "btxdose", "btxdose.h")):
            return here
        parent = path.dirname(here)
        if parent == here:
            return None
        here = parent


def path_directories(environ: Mapping[str, str], os_name: str) -> List[str]:
    """The directories of ``PATH`` on Windows (``;``-separated, quotes removed, empty
    entries left out); none elsewhere."""
    if os_name != "nt":
        return []
    out = []
    for entry in environ.get("PATH", "").split(";"):
        entry = entry.strip().strip('"').strip()
        if entry:
            out.append(entry)
    return out


def candidates(package_dir: str, environ: Mapping[str, str], os_name: str,
               fs: FileSystem) -> List[Tuple[str, str]]:
    """(description, path) pairs to try, in order, when BTXDOSE_LIBRARY is unset."""
    path = _path(os_name)
    names = library_names(os_name)
    out: List[Tuple[str, str]] = [("next to the package", path.join(package_dir, n))
                                  for n in names]
    root = repo_root(package_dir, os_name, fs)
    if root is not None:
        try:
            builds = sorted(n for n in fs.listdir(root)
                            if n.startswith("build") and fs.isdir(path.join(root, n)))
        except OSError:
            builds = []
        if "build" in builds:
            builds.remove("build")
            builds.insert(0, "build")
        for b in builds:
            out += [("build tree", path.join(root, b, "lib", n)) for n in names]
    for d in path_directories(environ, os_name):
        out += [("on PATH", path.join(d, n)) for n in names]
    return out


def locate(environ: Mapping[str, str], os_name: str, package_dir: str, fs: FileSystem,
           load: Callable[[str], Any],
           find_library: Optional[Callable[[str], Optional[str]]]) -> Tuple[Any, str]:
    """Loads the library with ``load`` (``ctypes.CDLL``) from the first place that has it;
    returns the handle and the path (or name) loaded. Raises OSError naming every place
    tried. ``find_library`` (``ctypes.util.find_library``) is asked last, on POSIX only."""
    names = library_names(os_name)
    env = environ.get("BTXDOSE_LIBRARY")
    if env:
        if not fs.isfile(env):
            raise OSError(f"btxdose: BTXDOSE_LIBRARY='{env}': no such file "
                          "(unset BTXDOSE_LIBRARY to search the default places)")
        try:
            return load(env), env
        except OSError as e:
            raise OSError(f"btxdose: BTXDOSE_LIBRARY='{env}' could not be loaded: {e}") from e

    tried: List[str] = []
    for what, path in candidates(package_dir, environ, os_name, fs):
        if not fs.isfile(path):
            tried.append(f"{path} ({what}: not found)")
            continue
        try:
            return load(path), path
        except OSError as e:
            tried.append(f"{path} ({what}: {e})")

    if os_name != "nt" and find_library is not None:
        found = find_library("btxdose")
        if found:
            # Ask the dynamic loader for the SONAME; fall back to the name found only if
            # it is itself a versioned file of major 1.
            tries: Sequence[str] = [SONAME] + (
                [found] if found != SONAME and found.endswith(SONAME) else [])
            for name in tries:
                try:
                    return load(name), name
                except OSError as e:
                    tried.append(f"{name} (find_library found {found!r}: {e})")
        else:
            tried.append('ctypes.util.find_library("btxdose") (nothing found)')

    wanted = " or ".join(names)
    raise OSError("btxdose: cannot find the shared library " + wanted + ". Tried:\n  "
                  + "\n  ".join(tried)
                  + f"\nSet BTXDOSE_LIBRARY to the path of {names[0]}, or install it.")
