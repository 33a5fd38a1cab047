# SPDX-License-Identifier: Apache-2.0
"""The package's search for the C library (python/btxdose/_loader.py) as pure logic:
os.name, the environment, the file system and the loader are stand-ins, so the Windows
search (libbtxdose-1.dll, btxdose.dll, BTXDOSE_LIBRARY, next to the package, PATH) is
tested on Linux. Nothing is loaded.

Run by pytest with tests/python (python_tests), and alone in a Windows cross build
(python_loader): `python3 tests/python/test_loader.py`. It loads _loader.py from its file,
without importing the package (which would load the library).
"""

from __future__ import annotations

import importlib.util
import sys
import unittest
from pathlib import Path
from typing import Dict, List, Optional, Set

LOADER = Path(__file__).resolve().parents[2] / "python" / "btxdose" / "_loader.py"
_spec = importlib.util.spec_from_file_location("btxdose_loader_under_test", LOADER)
assert _spec is not None and _spec.loader is not None
loader = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(loader)

WIN_PKG = r"C:\Program Files\App\Lib\site-packages\btxdose"
POSIX_PKG = "/usr/lib/python3/dist-packages/btxdose"


class FakeFS:
    """Files and directories that exist; everything else does not."""

    def __init__(self, files: Set[str], dirs: Optional[Dict[str, List[str]]] = None) -> None:
        self.files = set(files)
        self.dirs = dirs or {}

    def fs(self):
        return loader.FileSystem(lambda p: p in self.files, lambda p: p in self.dirs,
                                 self.listdir)

    def listdir(self, p: str) -> List[str]:
        if p not in self.dirs:
            raise OSError(f"no directory {p}")
        return list(self.dirs[p])


class Loads:
    """A stand-in for ctypes.CDLL: records every path, refuses the ones in `bad`."""

    def __init__(self, bad: Set[str] = frozenset()) -> None:
        self.calls: List[str] = []
        self.bad = bad

    def __call__(self, path: str):
        self.calls.append(path)
        if path in self.bad:
            raise OSError(f"[WinError 193] {path} is not a valid Win32 application")
        return ("handle", path)


def no_find_library(name: str) -> Optional[str]:
    raise AssertionError("find_library must not be asked on Windows")


class Names(unittest.TestCase):
    def test_windows_names(self) -> None:
        self.assertEqual(loader.library_names("nt"), ("libbtxdose-1.dll", "btxdose.dll"))

    def test_posix_name_is_the_soname(self) -> None:
        self.assertEqual(loader.library_names("posix"), ("libbtxdose.so.1",))


class WindowsSearch(unittest.TestCase):
    def test_btxdose_library_is_used_alone(self) -> None:
        dll = r"D:\deploy\libbtxdose-1.dll"
        fs = FakeFS({dll, WIN_PKG + r"\libbtxdose-1.dll"})
        load = Loads()
        handle, path = loader.locate({"BTXDOSE_LIBRARY": dll, "PATH": r"C:\x"}, "nt",
                                     WIN_PKG, fs.fs(), load, no_find_library)
        self.assertEqual(path, dll)
        self.assertEqual(load.calls, [dll])

    def test_btxdose_library_missing_is_an_error_naming_it(self) -> None:
        dll = r"D:\deploy\btxdose.dll"
        with self.assertRaises(OSError) as cm:
            loader.locate({"BTXDOSE_LIBRARY": dll}, "nt", WIN_PKG,
                          FakeFS({WIN_PKG + r"\btxdose.dll"}).fs(), Loads(), no_find_library)
        self.assertIn(dll, str(cm.exception))
        self.assertIn("no such file", str(cm.exception))

    def test_next_to_the_package_first_versioned_name_first(self) -> None:
        both = {WIN_PKG + r"\libbtxdose-1.dll", WIN_PKG + r"\btxdose.dll"}
        load = Loads()
        _, path = loader.locate({"PATH": r"C:\bin"}, "nt", WIN_PKG, FakeFS(both).fs(), load,
                                no_find_library)
        self.assertEqual(path, WIN_PKG + r"\libbtxdose-1.dll")
        only_plain = {WIN_PKG + r"\btxdose.dll", r"C:\bin\libbtxdose-1.dll"}
        _, path = loader.locate({"PATH": r"C:\bin"}, "nt", WIN_PKG, FakeFS(only_plain).fs(),
                                Loads(), no_find_library)
        self.assertEqual(path, WIN_PKG + r"\btxdose.dll")

    def test_path_in_order_with_semicolons_quotes_and_drive_letters(self) -> None:
        env = {"PATH": r'C:\Windows\system32;;"C:\Program Files\BTX\bin" ; D:\tools;'}
        self.assertEqual(loader.path_directories(env, "nt"),
                         [r"C:\Windows\system32", r"C:\Program Files\BTX\bin", r"D:\tools"])
        fs = FakeFS({r"D:\tools\libbtxdose-1.dll", r"C:\Program Files\BTX\bin\btxdose.dll"})
        _, path = loader.locate(env, "nt", WIN_PKG, fs.fs(), Loads(), no_find_library)
        # The earlier PATH directory wins, whatever its file's name.
        self.assertEqual(path, r"C:\Program Files\BTX\bin\btxdose.dll")

    def test_candidate_order(self) -> None:
        env = {"PATH": r"C:\a;D:\b"}
        got = [p for _, p in loader.candidates(WIN_PKG, env, "nt", FakeFS(set()).fs())]
        self.assertEqual(got, [
            WIN_PKG + r"\libbtxdose-1.dll", WIN_PKG + r"\btxdose.dll",
            r"C:\a\libbtxdose-1.dll", r"C:\a\btxdose.dll",
            r"D:\b\libbtxdose-1.dll", r"D:\b\btxdose.dll"])

    def test_build_tree_of_a_checkout(self) -> None:
        root = r"C:\src\libbtxdose"
        pkg = root + r"\python\btxdose"
        fs = FakeFS({root + r"\include\btxdose\btxdose.h",
                     root + r"\build-mingw\lib\libbtxdose-1.dll"},
                    {root: ["build-mingw", "build", "docs", "buildnotes.txt"],
                     root + r"\build-mingw": [], root + r"\build": []})
        got = [p for w, p in loader.candidates(pkg, {}, "nt", fs.fs()) if w == "build tree"]
        self.assertEqual(got, [root + r"\build\lib\libbtxdose-1.dll",
                               root + r"\build\lib\btxdose.dll",
                               root + r"\build-mingw\lib\libbtxdose-1.dll",
                               root + r"\build-mingw\lib\btxdose.dll"])
        _, path = loader.locate({}, "nt", pkg, fs.fs(), Loads(), no_find_library)
        self.assertEqual(path, root + r"\build-mingw\lib\libbtxdose-1.dll")

    def test_a_file_that_does_not_load_is_skipped_and_reported(self) -> None:
        bad = WIN_PKG + r"\libbtxdose-1.dll"
        good = r"C:\bin\btxdose.dll"
        load = Loads(bad={bad})
        _, path = loader.locate({"PATH": r"C:\bin"}, "nt", WIN_PKG, FakeFS({bad, good}).fs(),
                                load, no_find_library)
        self.assertEqual(path, good)
        self.assertEqual(load.calls, [bad, good])

    def test_nothing_found_names_every_place_and_both_names(self) -> None:
        with self.assertRaises(OSError) as cm:
            loader.locate({"PATH": r"C:\a"}, "nt", WIN_PKG, FakeFS(set()).fs(), Loads(),
                          no_find_library)
        text = str(cm.exception)
        for p in (WIN_PKG + r"\libbtxdose-1.dll", WIN_PKG + r"\btxdose.dll",
                  r"C:\a\libbtxdose-1.dll", r"C:\a\btxdose.dll"):
            self.assertIn(p, text)
        self.assertIn("libbtxdose-1.dll or btxdose.dll", text)
        self.assertIn("BTXDOSE_LIBRARY", text)
        self.assertNotIn("find_library", text)


class PosixSearch(unittest.TestCase):
    def test_path_is_not_searched_and_find_library_is_last(self) -> None:
        asked: List[str] = []

        def find_library(name: str) -> Optional[str]:
            asked.append(name)
            return "libbtxdose.so.1"

        env = {"PATH": "/usr/bin:/opt/btx/lib"}
        fs = FakeFS({"/opt/btx/lib/libbtxdose.so.1"})
        load = Loads()
        _, path = loader.locate(env, "posix", POSIX_PKG, fs.fs(), load, find_library)
        self.assertEqual(path, "libbtxdose.so.1")
        self.assertEqual(asked, ["btxdose"])
        self.assertEqual(load.calls, ["libbtxdose.so.1"])
        self.assertEqual(loader.path_directories(env, "posix"), [])

    def test_next_to_the_package_is_the_soname(self) -> None:
        fs = FakeFS({POSIX_PKG + "/libbtxdose.so.1", POSIX_PKG + "/libbtxdose-1.dll"})
        _, path = loader.locate({}, "posix", POSIX_PKG, fs.fs(), Loads(), None)
        self.assertEqual(path, POSIX_PKG + "/libbtxdose.so.1")

    def test_a_dll_is_never_a_posix_candidate(self) -> None:
        fs = FakeFS({POSIX_PKG + "/libbtxdose-1.dll"})
        with self.assertRaises(OSError) as cm:
            loader.locate({}, "posix", POSIX_PKG, fs.fs(), Loads(), lambda n: None)
        self.assertIn('find_library("btxdose") (nothing found)', str(cm.exception))
        self.assertNotIn(".dll", str(cm.exception))


if __name__ == "__main__":
    prog = unittest.main(exit=False, verbosity=1)
    result = prog.result
    print(f"{result.testsRun - len(result.failures) - len(result.errors)} passed, "
          f"{len(result.failures) + len(result.errors)} failed")
    sys.exit(0 if result.wasSuccessful() and result.testsRun > 0 else 1)
