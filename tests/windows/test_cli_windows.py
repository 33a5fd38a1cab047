#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The btxdose tool built for Windows, under Wine: no Linux-only assumption about paths,
line ends, file names or standard input (docs/windows.md, "The tool on Windows"). Run by
CTest (`cli_windows`, a mingw build) as

    BTX_EMULATOR=BUILD/wine/run python3 tests/windows/test_cli_windows.py btxdose.exe DATA_DIR

Wine maps drive Z: to the root of this machine's file system, so Z:\\tmp\\x\\h.csv is
/tmp/x/h.csv. Every answer is compared with the answer for the same data read the plain
way (a POSIX path, LF line ends, a file): the tool must give the same.
"""
import gzip
import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
import unittest

BINARY = None
DATA = None
EMULATOR = shlex.split(os.environ.get("BTX_EMULATOR", ""))

PROPOSE = ["--propose", "2026-10-01,botox,chronic_migraine,155"]
# Outside the ANSI code page of an English Windows (1252): with main()'s argv the name
# would reach the tool as '?' characters and could not be opened.
UTF8_NAME = "Ωμέγα-日本-é"


def run_raw(*args, stdin=None, cwd=None):
    p = subprocess.run([*EMULATOR, BINARY, *args], input=stdin, capture_output=True,
                       cwd=cwd, timeout=60)
    return p.returncode, p.stdout, p.stderr


def run(*args, stdin=None, cwd=None):
    rc, out, err = run_raw(*args, stdin=stdin, cwd=cwd)
    return rc, out.decode("utf-8").replace("\r\n", "\n"), err.decode("utf-8").replace("\r\n", "\n")


def windows_path(posix_path, slash="\\"):
    """The path as a Windows program names it: drive Z:, backslashes (or slash)."""
    return "Z:" + os.path.abspath(posix_path).replace("/", slash)


def answer(out):
    """A JSON answer without the name of the file it was read from."""
    doc = json.loads(out)
    for key in ("history", "input"):
        if isinstance(doc.get(key), dict):
            doc[key].pop("file", None)
        elif key in doc:
            doc.pop(key)
    return doc


class Tmp(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="btxdose-win-")
        self.dir = self._dir.name

    def tearDown(self):
        self._dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def reference(self, command, *args):
        """The answer for the sample history read by its POSIX path."""
        rc, out, err = run(command, "--history", os.path.join(DATA, "history.csv"), *args,
                           "--json")
        self.assertIn(rc, (0, 1), err)
        return rc, answer(out)


class Paths(Tmp):
    def test_drive_letter_and_backslashes(self):
        want = self.reference("check", *PROPOSE)
        for path in (windows_path(os.path.join(DATA, "history.csv")),
                     windows_path(os.path.join(DATA, "history.csv"), "/"),
                     windows_path(DATA) + "/history.csv"):
            with self.subTest(path=path):
                rc, out, err = run("check", "--history", path, *PROPOSE, "--json")
                self.assertEqual((rc, answer(out)), want, err)
                self.assertEqual(json.loads(out)["history"]["file"], path)

    def test_relative_backslash_path(self):
        want = self.reference("next", *PROPOSE)
        parent = os.path.dirname(DATA)
        rel = os.path.basename(DATA) + "\\history.csv"
        rc, out, err = run("next", "--history", rel, *PROPOSE, "--json", cwd=parent)
        self.assertEqual((rc, answer(out)), want, err)

    def test_format_from_the_last_component_only(self):
        # A directory whose name ends in .json, a file with no extension: no format to
        # tell from the name, whichever separator the path uses.
        with open(os.path.join(DATA, "history.csv"), "rb") as f:
            data = f.read()
        path = self.write(os.path.join("data.json", "history"), data)
        for p in (windows_path(path), windows_path(path, "/")):
            with self.subTest(path=p):
                rc, _, err = run("check", "--history", p, *PROPOSE)
                self.assertEqual(rc, 2)
                self.assertIn("cannot tell the format", err)
                rc, out, err = run("check", "--history", p, "--format", "csv", *PROPOSE,
                                   "--json")
                self.assertEqual((rc, answer(out)), self.reference("check", *PROPOSE), err)
        # An upper-case extension after a backslash.
        upper = self.write("HISTORY.CSV", data)
        args = ["--date", "2026-10-01", "--product", "botox"]
        rc, out, err = run("headroom", "--history", windows_path(upper), *args, "--json")
        self.assertEqual((rc, answer(out)), self.reference("headroom", *args), err)

    def test_missing_file_names_the_path_as_given(self):
        path = "Z:\\nowhere\\at all\\history.csv"
        rc, out, err = run("check", "--history", path, *PROPOSE)
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertTrue(err.startswith(f"btxdose: {path}: cannot open: "), err)


class LineEnds(Tmp):
    def test_crlf_csv_and_json_give_the_same_answers(self):
        for name in ("history.csv", "history.json"):
            with open(os.path.join(DATA, name), "rb") as f:
                lf = f.read()
            self.assertNotIn(b"\r", lf)
            crlf = self.write("crlf-" + name, lf.replace(b"\n", b"\r\n"))
            for command in ("check", "next"):
                with self.subTest(file=name, command=command):
                    rc, out, err = run(command, "--history", windows_path(crlf), *PROPOSE,
                                       "--json")
                    self.assertEqual((rc, answer(out)), self.reference(command, *PROPOSE), err)

    def test_crlf_line_numbers(self):
        data = (b"date,product,indication,units\r\n2026-06-16,botox,chronic_migraine,155\r\n"
                b"2026-09-08,botax,chronic_migraine,155\r\n")
        path = self.write("bad.csv", data)
        rc, out, err = run("check", "--history", path, *PROPOSE)
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith(f"btxdose: {path}:3: "), err)

    def test_output_lines_end_in_crlf(self):
        # Standard output is in text mode, as Windows programs write it.
        rc, out, err = run_raw("version")
        self.assertEqual(rc, 0, err)
        self.assertTrue(out.endswith(b"\r\n"), out)
        self.assertEqual(out.count(b"\n"), out.count(b"\r\n"), out)


class Utf8Names(Tmp):
    def test_utf8_file_and_directory_names(self):
        with open(os.path.join(DATA, "history.csv"), "rb") as f:
            data = f.read()
        path = self.write(os.path.join(UTF8_NAME, UTF8_NAME + ".csv"), data)
        want = self.reference("check", *PROPOSE)
        for p in (path, windows_path(path)):
            with self.subTest(path=p):
                rc, out, err = run("check", "--history", p, *PROPOSE, "--json")
                self.assertEqual((rc, answer(out)), want, err)
                # The name comes back as it was given, in UTF-8.
                self.assertEqual(json.loads(out)["history"]["file"], p)

    def test_missing_utf8_name_is_reported_in_utf8(self):
        p = os.path.join(self.dir, UTF8_NAME + "-missing.csv")
        rc, out, err = run("next", "--history", p, *PROPOSE)
        self.assertEqual(rc, 2)
        self.assertTrue(err.startswith(f"btxdose: {p}: cannot open: "), err)


class StandardInput(Tmp):
    POPULATION = (b"patient,date,product,indication,units,comment\r\n"
                  b"p1,2025-01-01,botox,chronic_migraine,155,a\x1ab\r\n"
                  b"p1,2025-01-10,botox,chronic_migraine,155,second\r\n"
                  b"p1,2025-01-20,botox,chronic_migraine,300,third\r\n")

    def test_ctrl_z_is_a_byte_not_the_end(self):
        # In text mode the Microsoft runtime ends standard input at a Ctrl-Z byte (0x1A):
        # the audit would see one row. Binary mode reads all three, as from a file.
        path = self.write("population.csv", self.POPULATION)
        rc_f, out_f, err_f = run("audit", "--input", path, "--json")
        rc_s, out_s, err_s = run("audit", "--input", "-", "--format", "csv", "--json",
                                 stdin=self.POPULATION)
        self.assertEqual(rc_f, 1, err_f)
        self.assertEqual(json.loads(out_f)["rows"], 3)
        self.assertEqual((rc_s, answer(out_s)), (rc_f, answer(out_f)), err_s)

    def test_crlf_and_errors_on_standard_input(self):
        with open(os.path.join(DATA, "history.csv"), "rb") as f:
            crlf = f.read().replace(b"\n", b"\r\n")
        rc, out, err = run("check", "--history", "-", "--format", "csv", *PROPOSE, "--json",
                           stdin=crlf)
        self.assertEqual((rc, answer(out)), self.reference("check", *PROPOSE), err)
        # A lone CR (which text mode would pass on too) and a NUL byte, with their lines.
        for bad, where in ((b"bo\rtox", "3: carriage return without a line feed"),
                           (b"bo\0tox", "3: NUL byte in a text file")):
            data = (b"date,product,indication,units\r\n2026-06-16,botox,chronic_migraine,155"
                    b"\r\n2026-09-08," + bad + b",chronic_migraine,155\r\n")
            with self.subTest(bad=bad):
                rc, out, err = run("check", "--history", "-", "--format", "csv", *PROPOSE,
                                   stdin=data)
                self.assertEqual(rc, 2)
                self.assertTrue(err.startswith(f"btxdose: <stdin>:{where}"), err)
                self.assertEqual(len(err.splitlines()), 1, err)


class Audit(Tmp):
    """The streaming audit's files on Windows: --output, gzip, a pipe left open."""
    POPULATION = StandardInput.POPULATION

    def test_output_replaces_a_file_with_a_utf8_name(self):
        src = self.write("population.csv", self.POPULATION)
        out = self.write(UTF8_NAME + "-flagged.csv", b"old contents\r\n")
        for path in (out, windows_path(out)):
            with self.subTest(output=path):
                rc, stdout, err = run("audit", "--input", windows_path(src), "--output", path)
                self.assertEqual(rc, 1, err)
                self.assertIn(f"written to {path}", stdout)
                with open(out, "rb") as f:
                    rows = f.read().decode("utf-8").splitlines()
                self.assertTrue(rows[0].startswith("line,patient,date"), rows)
                self.assertEqual(len(rows), 3, rows)   # the header and two flagged rows
        # No temporary file is left next to it.
        self.assertEqual(sorted(os.listdir(self.dir)),
                         sorted(["population.csv", UTF8_NAME + "-flagged.csv"]))

    def test_gzip_by_a_windows_path_and_on_standard_input(self):
        plain = self.write("population.csv", self.POPULATION)
        gz = self.write("population.csv.gz", gzip.compress(self.POPULATION))
        rc, want, err = run("audit", "--input", plain, "--json")
        self.assertEqual(rc, 1, err)
        rc, out, err = run("audit", "--input", windows_path(gz), "--json")
        self.assertEqual((rc, answer(out)), (1, answer(want)), err)
        rc, out, err = run("audit", "--input", "-", "--format", "csv", "--json",
                           stdin=gzip.compress(self.POPULATION))
        self.assertEqual((rc, answer(out)), (1, answer(want)), err)

    def test_bad_row_with_the_pipe_left_open(self):
        # The first block holds a NUL byte; more than a block follows and the pipe stays
        # open: the tool must stop at the bad row, not wait for the end of the input.
        rows = b"".join(b"p%d,2025-01-01,botox,chronic_migraine,155\n" % i
                        for i in range(16000))
        data = (b"patient,date,product,indication,units\n"
                b"p1,2025-01-01,bo\0tox,chronic_migraine,155\n" + rows)
        p = subprocess.Popen([*EMULATOR, BINARY, "audit", "--input", "-", "--format", "csv"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)

        def feed():
            try:
                p.stdin.write(data)
                p.stdin.flush()
            except (BrokenPipeError, OSError):
                pass

        threading.Thread(target=feed, daemon=True).start()
        try:
            rc = p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
            self.fail("the tool waited for the end of an open pipe after a bad row")
        finally:
            try:
                p.stdin.close()
            except OSError:
                pass
        err = p.stderr.read().decode("utf-8").replace("\r\n", "\n")
        p.stdout.close()
        p.stderr.close()
        self.assertEqual(rc, 2, err)
        self.assertEqual(err, "btxdose: <stdin>:2: NUL byte in a text file\n")


def main():
    global BINARY, DATA
    if len(sys.argv) < 3:
        print("usage: test_cli_windows.py BTXDOSE_EXE EXAMPLES_DATA_DIR [unittest args]",
              file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    DATA = os.path.abspath(sys.argv[2])
    if not BINARY.lower().endswith(".exe") or not EMULATOR:
        print("test_cli_windows.py: a Windows btxdose.exe and BTX_EMULATOR are needed",
              file=sys.stderr)
        return 2
    prog = unittest.main(argv=[sys.argv[0], *sys.argv[3:]], exit=False, verbosity=1)
    r = prog.result
    print(f"{r.testsRun - len(r.failures) - len(r.errors)} passed, "
          f"{len(r.failures) + len(r.errors)} failed")
    return 0 if r.wasSuccessful() and r.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
