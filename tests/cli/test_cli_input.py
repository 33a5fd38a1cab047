#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Malformed input files for every command that reads one, and the row counts of good
ones. Run by CTest (`cli_input`) as

    python3 tests/cli/test_cli_input.py PATH/TO/btxdose

Every malformed file must give exit status 2, nothing on standard output and exactly one
line on standard error of the form `btxdose: FILE:LINE: what is wrong`, in each of
check, next, headroom (a history) and audit (a population). Line numbers as
docs/cli.md states them: line 1 is the first line (after a byte order mark); LF ends a
line, CRLF is one line end, an LF inside a quoted field ends a line too; a row is
reported at the line where it starts. The expected lines are counted by hand below.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import unittest

BINARY = None
# A Windows build runs the tool through the Wine wrapper CTest passes (docs/windows.md);
# its output lines end in CRLF (text mode), read here as LF.
EMULATOR = shlex.split(os.environ.get("BTX_EMULATOR", ""))

H_HEADER = b"date,product,indication,units\n"
H_ROW = b"2026-09-08,botox,chronic_migraine,155\n"
P_HEADER = b"patient,date,product,indication,units,weight_kg,birth_date\n"
P_ROW = b"p1,2025-01-01,botox,chronic_migraine,155,,\n"

HISTORY_COMMANDS = {
    "check": ["--propose", "2026-12-01,botox,chronic_migraine,155"],
    "next": ["--propose", "2026-12-01,botox,chronic_migraine,155"],
    "headroom": ["--date", "2026-12-01", "--product", "botox"],
}


def run(*args, stdin=None):
    p = subprocess.run([*EMULATOR, BINARY, *args], input=stdin, capture_output=True, timeout=60)
    return p.returncode, text(p.stdout), text(p.stderr)


def text(data):
    out = data.decode("utf-8", "replace")
    return out.replace("\r\n", "\n") if EMULATOR else out


class Files(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="btxdose-input-")
        self.dir = self._dir.name

    def tearDown(self):
        self._dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def refused(self, argv, path, where):
        """argv exits 2 with one line naming path:where on stderr and no output."""
        rc, out, err = run(*argv)
        self.assertEqual(rc, 2, f"{argv}: {err}")
        self.assertEqual(out, "", argv)
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertTrue(err.startswith("btxdose: " + path + ":" + where), f"{where!r} in {err!r}")

    def history_refused(self, name, data, where):
        path = self.write(name, data)
        for command, extra in HISTORY_COMMANDS.items():
            with self.subTest(command=command, file=name):
                self.refused([command, "--history", path, *extra], path, where)

    def audit_refused(self, name, data, where, *extra):
        path = self.write(name, data)
        with self.subTest(command="audit", file=name):
            self.refused(["audit", "--input", path, *extra], path, where)


class IssueReproduction(Files):
    def test_nul_byte_in_the_audit(self):
        # Exactly the reproduction of the issue: before, 2 rows and no over-window row.
        script = ("printf 'patient,date,product,indication,units\\np1,2025-01-01,botox,"
                  "chronic_migraine,155\\np1,2025-01-10,botox,chronic_migraine,155\\0\\np1,"
                  "2025-01-20,botox,chronic_migraine,300\\n' > nul-byte.csv; "
                  + shlex.join([*EMULATOR, BINARY]) + " audit --input nul-byte.csv")
        p = subprocess.run(["bash", "-c", script], cwd=self.dir, capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stdout, "")
        self.assertEqual(p.stderr, "btxdose: nul-byte.csv:3: NUL byte in a text file\n")
        # Without the NUL byte: 3 rows, and the 300 U row is over the window.
        with open(os.path.join(self.dir, "nul-byte.csv"), "rb") as f:
            data = f.read().replace(b"\0", b"")
        path = self.write("ok.csv", data)
        rc, out, err = run("audit", "--input", path, "--json")
        self.assertEqual(rc, 1, err)
        doc = json.loads(out)
        self.assertEqual(doc["rows"], 3)
        self.assertEqual(doc["flag_counts"]["over_window"], 1)
        over = [r for r in doc["flagged_rows"] if "over_window" in r["flags"]]
        self.assertEqual([r["line"] for r in over], [4])


class MalformedBytes(Files):
    """The same bad bytes on line 3 of a history and of a population."""

    CASES = [
        # name, bytes placed inside the third line's product field, expected message
        ("nul-byte", b"bo\0tox", "3: NUL byte in a text file"),
        ("ff", b"bo\xfftox", "3: invalid UTF-8"),
        ("overlong", b"bo\xc0\xaftox", "3: invalid UTF-8"),
        ("surrogate", b"bo\xed\xa0\x80tox", "3: invalid UTF-8"),
        ("above-max", b"bo\xf4\x90\x80\x80tox", "3: invalid UTF-8"),
        ("lone-continuation", b"bo\x80tox", "3: invalid UTF-8"),
        ("lone-cr", b"bo\rtox", "3: carriage return without a line feed"),
    ]

    def test_history_and_population(self):
        for name, bad, where in self.CASES:
            h = H_HEADER + H_ROW + b"2026-10-08," + bad + b",chronic_migraine,5\n" + H_ROW
            self.history_refused(name + ".csv", h, where)
            p = (P_HEADER + P_ROW + b"p1,2025-02-01," + bad + b",chronic_migraine,5,,\n" +
                 P_ROW)
            self.audit_refused(name + ".csv", p, where)

    def test_cut_utf8_at_the_end(self):
        # A multi-byte character cut off by the end of the file, on its last line.
        self.history_refused("cut.csv", H_HEADER + H_ROW + b"2026-10-08,botox,\xe2\x82",
                             "3: invalid UTF-8")
        self.audit_refused("cut.csv", P_HEADER + P_ROW + b"p\xe2\x82", "3: invalid UTF-8")

    def test_good_utf8_is_read(self):
        # A patient text in UTF-8 (2-, 3- and 4-byte characters) is kept as written.
        name = "Zo\u00eb \u5f20 \U0001f600"
        later = P_ROW[2:].replace(b"2025-01-01", b"2025-01-10")  # within 12 weeks
        p = P_HEADER + name.encode() + P_ROW[2:] + name.encode() + later
        rc, out, err = run("audit", "--input", self.write("u2.csv", p), "--json")
        self.assertEqual(rc, 1, err)
        doc = json.loads(out)
        self.assertEqual((doc["rows"], doc["patients"]), (2, 1))
        self.assertEqual(doc["flagged_rows"][0]["patient"], name)

    def test_json(self):
        rec = b'{"date": "2026-09-08", "product": "botox", "indication": "", "units": 5}'
        for name, bad, where in self.CASES:
            if name == "lone-cr":
                continue  # a CR alone is whitespace in JSON (RFC 8259), and a control
                          # character inside a string
            data = (b"[\n" + rec + b",\n" + b'{"date": "2026-10-08", "product": "' + bad +
                    b'", "indication": "", "units": 5}\n]\n')
            self.history_refused(name + ".json", data, where)
            pdata = data.replace(b'{"date"', b'{"patient": "p1", "date"')
            self.audit_refused(name + ".json", pdata, where)


class MalformedRows(Files):
    def test_history(self):
        cases = [
            ("quote.csv", H_HEADER + H_ROW + b'2026-10-08,"botox,chronic_migraine,5\n' +
             H_ROW + H_ROW, "3: unterminated quoted field"),
            ("after-quote.csv", H_HEADER + H_ROW + b'2026-10-08,"botox"x,,5\n',
             "3: text after a closing quote"),
            ("inner-quote.csv", H_HEADER + H_ROW + b'2026-10-08,bo"tox,,5\n',
             "3: quote inside an unquoted field"),
            ("short.csv", H_HEADER + H_ROW + b"2026-10-08,botox,5\n",
             "3: expected 4 fields as in the header, found 3"),
            ("long.csv", H_HEADER + H_ROW + b"2026-10-08,botox,,5,x\n",
             "3: expected 4 fields as in the header, found 5"),
            ("commas.csv", H_HEADER + H_ROW + b",,,\n", "3: date: missing"),
            ("date.csv", H_HEADER + H_ROW + b"2026-02-30,botox,,5\n", "3: date:"),
            ("product.csv", H_HEADER + H_ROW + b"2026-10-08,botux,,5\n", "3: product:"),
            ("indication.csv", H_HEADER + H_ROW + b"2026-10-08,botox,migrane,5\n",
             "3: indication:"),
            ("units.csv", H_HEADER + H_ROW + b"2026-10-08,botox,,12abc\n", "3: units:"),
            ("negative.csv", H_HEADER + H_ROW + b"2026-10-08,botox,,-5\n",
             "3: units: -5 is negative"),
            ("longline.csv", H_HEADER + H_ROW + b"2026-10-08,botox,," + b"1" * 5000 + b"\n",
             "3: line longer than 4096 bytes"),
        ]
        for name, data, where in cases:
            self.history_refused(name, data, where)

    def test_population(self):
        cases = [
            ("quote.csv", P_HEADER + P_ROW + b'"p1,2025-02-01,botox,,5,,\n' + P_ROW,
             "3: unterminated quoted field"),
            ("short.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,5,\n",
             "3: expected 7 fields as in the header, found 6"),
            ("long.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,5,,,\n",
             "3: expected 7 fields as in the header, found 8"),
            ("patient.csv", P_HEADER + P_ROW + b",2025-02-01,botox,,5,,\n", "3: patient:"),
            ("date.csv", P_HEADER + P_ROW + b"p1,2025-02-30,botox,,5,,\n", "3: date:"),
            ("product.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botux,,5,,\n", "3: product:"),
            ("indication.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,migrane,5,,\n",
             "3: indication:"),
            ("units.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,five,,\n", "3: units:"),
            ("units-big.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,100001,,\n",
             "3: units:"),
            ("weight.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,5,heavy,\n",
             "3: weight_kg:"),
            # Syntax the tool reads; a range only the library knows: named by the library.
            ("weight-neg.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,5,-3,\n",
             "3: weight_kg: refused by libbtxdose"),
            ("weight-big.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,5,5000,\n",
             "3: weight_kg: refused by libbtxdose"),
            ("birth.csv", P_HEADER + P_ROW + b"p1,2025-02-01,botox,,5,,2015-13-01\n",
             "3: birth_date:"),
            # 20 lines of 4000 bytes in one quoted field: each line is short enough,
            # the row is not (reported at the line where it starts).
            ("bigrow.csv", b"patient,date,product,indication,units,comment\n" +
             b"p1,2025-01-01,botox,,5,\n" + b'p1,2025-02-01,botox,,5,"' +
             (b"x" * 4000 + b"\n") * 20 + b'"\n', "3: row longer than 65536 bytes"),
            ("header.csv", b"date,product,indication,units\n" + H_ROW,
             "1: header: missing column 'patient'"),
            ("twice.csv", b"patient,date,product,indication,units,Date\n",
             "1: header: column 'date' appears twice"),
        ]
        for name, data, where in cases:
            self.audit_refused(name, data, where)

    def test_population_json(self):
        good = b'{"patient": "p1", "date": "2025-01-01", "product": "botox", ' \
               b'"indication": "", "units": 5}'
        cases = [
            ("string.json", b"[\n" + good + b',\n{"patient": "p1", "date": "2025-02-01\n',
             "3: control character in a string"),
            ("unterminated.json", b"[\n" + good + b',\n{"patient": "p1", "date": "2025',
             "3: unterminated string"),
            ("missing.json", b"[\n" + good + b',\n{"patient": "p1",\n "date": "2025-02-01",'
             b'\n "product": "botox", "units": 5}]', "3: indication: missing"),
            ("date.json", b"[\n" + good + b',\n{"patient": "p1",\n "date": "2025-02-30",'
             b'\n "product": "botox", "indication": "", "units": 5}]', "4: date:"),
            ("weight.json", b"[\n" + good + b',\n{"patient": "p1", "date": "2025-02-01", '
             b'"product": "botox", "indication": "",\n"units": 5, "weight_kg": "20"}]',
             "4: weight_kg: expected a number"),
            ("nested.json", b"[\n" + good + b',\n{"patient": "p1", "x": [1]}]', "3: x:"),
            ("trailing.json", b"[\n" + good + b"\n]\n]", "4: unexpected text"),
            # A bad byte where a second \\u escape must follow: one message, the byte's.
            ("surrogate-nul.json", b'[{"patient": "\\ud800\0"}]', "1: NUL byte"),
            ("surrogate.json", b'[{"patient": "\\ud800x"}]', "1: unpaired surrogate"),
        ]
        for name, data, where in cases:
            self.audit_refused(name, data, where)

    def test_options_named_with_the_library(self):
        """A value the library refuses names the option and the library's field."""
        csv = self.write("h.csv", H_HEADER + H_ROW)
        propose = ["--propose", "2026-12-01,botox,chronic_migraine,155"]
        cases = [
            (["check", "--history", csv, *propose, "--weight-kg", "5000"],
             "check: --weight-kg: libbtxdose refused the patient's weight_kg"),
            (["next", "--history", csv, *propose, "--window-weeks", "100000"],
             "next: --window-weeks: libbtxdose refused the policy's window_length"),
            (["audit", "--input", self.write("p.csv", P_HEADER + P_ROW), "--window-days",
              "100001"], "audit: --window-days: libbtxdose refused the policy's window_length"),
        ]
        for argv, text in cases:
            with self.subTest(argv=argv):
                rc, out, err = run(*argv)
                self.assertEqual((rc, out), (2, ""), err)
                self.assertTrue(err.startswith("btxdose: " + text + ": "), err)
                self.assertEqual(len(err.splitlines()), 1, err)


    def test_birth_date_after_the_date_checked(self):
        """A birth date after the date asked about is refused (exit 2) by check, next and
        headroom, naming --birth-date, both dates and the library's field; on the date
        itself it is a newborn, not an error."""
        csv = self.write("h.csv", H_HEADER + H_ROW)
        for command, args in HISTORY_COMMANDS.items():
            with self.subTest(command=command):
                rc, out, err = run(command, "--history", csv, *args,
                                   "--birth-date", "2026-12-02")
                self.assertEqual((rc, out), (2, ""), err)
                self.assertEqual(err, f"btxdose: {command}: --birth-date: libbtxdose refused "
                                      "the patient's birth_date: 2026-12-02 is after the "
                                      "date checked, 2026-12-01\n")
                rc, out, err = run(command, "--history", csv, *args,
                                   "--birth-date", "2026-12-01", "--weight-kg", "3.5",
                                   "--weight-date", "2026-12-01")
                self.assertIn(rc, (0, 1), err)
                self.assertNotEqual(out, "", err)

    def test_weight_after_the_date_checked(self):
        """A weight measured after the date asked about is not used: headroom needs the
        weight (exit 1), check reports the child's window not checked."""
        csv = self.write("h.csv", H_HEADER + H_ROW)
        child = ["--birth-date", "2016-01-01", "--weight-kg", "30"]
        rc, out, err = run("headroom", "--history", csv, "--date", "2026-12-01",
                           "--product", "botox", *child, "--weight-date", "2026-12-02",
                           "--json")
        self.assertEqual(rc, 1, err)
        self.assertEqual(json.loads(out)["result"], "weight_needed")
        rc, out, err = run("headroom", "--history", csv, "--date", "2026-12-01",
                           "--product", "botox", *child, "--weight-date", "2026-12-01",
                           "--json")
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["headroom_units"], 300 - 155)
        rc, out, err = run("check", "--history", csv, "--propose",
                           "2026-12-01,botox,upper_limb_spasticity,100", *child,
                           "--weight-date", "2026-12-02", "--json")
        findings = json.loads(out)["findings"]
        window = [f for f in findings if f["rule"] == "ona_pediatric_window"]
        self.assertEqual(len(window), 1, out)
        self.assertEqual(window[0]["status"], "not_checked")
        self.assertIn("measured after this date", window[0]["message"])


class RowCounts(Files):
    """The rows read are the data rows of the file, whatever its line ends."""

    def population(self, rows, sep=b"\n", bom=b"", last=True):
        text = bom + sep.join([b"patient,date,product,indication,units,comment"] + rows)
        return text + sep if last else text

    # Three rows of one patient: the second is within 12 weeks of the first (schedule),
    # the third brings 155 + 155 + 300 = 610 U into 3 months (over the 400 U window).
    ROWS = [b"p1,2025-01-01,botox,chronic_migraine,155,",
            b"p1,2025-01-10,botox,chronic_migraine,155,",
            b"p1,2025-01-20,botox,chronic_migraine,300,"]

    def audit(self, name, data):
        rc, out, err = run("audit", "--input", self.write(name, data), "--json")
        self.assertEqual(rc, 1, f"{name}: {err}")
        doc = json.loads(out)
        return doc["rows"], [r["line"] for r in doc["flagged_rows"]]

    def test_line_ends(self):
        for name, data in [
            ("lf.csv", self.population(self.ROWS)),
            ("crlf.csv", self.population(self.ROWS, sep=b"\r\n")),
            ("no-final-newline.csv", self.population(self.ROWS, last=False)),
            ("crlf-no-final.csv", self.population(self.ROWS, sep=b"\r\n", last=False)),
            ("bom.csv", self.population(self.ROWS, bom=b"\xef\xbb\xbf")),
            ("bom-crlf.csv", self.population(self.ROWS, sep=b"\r\n", bom=b"\xef\xbb\xbf")),
        ]:
            with self.subTest(file=name):
                self.assertEqual(self.audit(name, data), (3, [3, 4]))

    def test_blank_lines_are_lines_not_rows(self):
        data = self.population([self.ROWS[0], b"", b"  \t", self.ROWS[1], b"", self.ROWS[2]])
        self.assertEqual(self.audit("blank.csv", data), (3, [5, 7]))

    def test_quoted_line_ends(self):
        # A comment over three lines (LF and CRLF inside the quotes): the next rows start
        # two lines later, and a row is reported at the line where it starts.
        rows = [self.ROWS[0] + b'"first\nsecond\r\nthird"', self.ROWS[1],
                self.ROWS[2] + b'"a, ""quoted"" b"']
        self.assertEqual(self.audit("quoted.csv", self.population(rows)), (3, [5, 6]))
        rows = [self.ROWS[0], self.ROWS[1] + b'"x\ny"', self.ROWS[2]]
        self.assertEqual(self.audit("quoted2.csv", self.population(rows, sep=b"\r\n")),
                         (3, [3, 5]))
        bad = self.population([rows[0], rows[1], b"p1,2025-02-30,botox,,5,"])
        self.audit_refused("quoted-bad.csv", bad, "5: date:")

    def test_patient_with_a_line_end(self):
        # A patient text with a line end inside quotes: one patient, its rows at the lines
        # where they start, and the text table keeps one line per row.
        data = (b'patient,date,product,indication,units\n"a\nb",2025-01-01,botox,'
                b'chronic_migraine,155\n"a\nb",2025-01-10,botox,chronic_migraine,155\n')
        path = self.write("nl.csv", data)
        rc, out, err = run("audit", "--input", path)
        self.assertEqual(rc, 1, err)
        lines = out.splitlines()
        self.assertEqual(len(lines), 3, out)
        self.assertTrue(lines[1].startswith("4      a?b "), lines[1])
        self.assertTrue(lines[2].startswith("2 rows, 1 patients, 1 flagged"), lines[2])
        rc, out, err = run("audit", "--input", path, "--json")
        self.assertEqual(json.loads(out)["flagged_rows"][0]["patient"], "a\nb")

    def test_json_lines(self):
        text = ('[\n  {"patient": "p1", "date": "2025-01-01", "product": "botox",\n'
                '   "indication": "chronic_migraine", "units": 155},\r\n'
                '  {"patient": "p1", "date": "2025-01-10", "product": "botox", '
                '"indication": "chronic_migraine", "units": 155, "note": null},\n\n'
                '  {"patient": "p1", "date": "2025-01-20", "product": "botox", '
                '"indication": "chronic_migraine", "units": 300, "seen": true}\n]')
        self.assertEqual(self.audit("p.json", text.encode()), (3, [4, 6]))

    def test_history(self):
        rows = [b"2026-09-08,botox,chronic_migraine,155", b"2026-10-20,botox cosmetic,,20",
                b"2027-02-23,botox,chronic_migraine,155"]
        header = b"date,product,indication,units"
        for name, data in [
            ("lf.csv", b"\n".join([header] + rows) + b"\n"),
            ("crlf.csv", b"\r\n".join([header] + rows) + b"\r\n"),
            ("no-final-newline.csv", b"\n".join([header] + rows)),
            ("bom.csv", b"\xef\xbb\xbf" + b"\r\n".join([header] + rows)),
            ("blank.csv", b"\n".join([header, b"", rows[0], b" ", rows[1], rows[2], b""])),
        ]:
            path = self.write(name, data)
            for command, extra in HISTORY_COMMANDS.items():
                with self.subTest(file=name, command=command):
                    rc, out, err = run(command, "--history", path, *extra, "--json")
                    self.assertIn(rc, (0, 1), err)
                    self.assertEqual(json.loads(out)["history"]["records"], 3)

    def test_stdin_and_format(self):
        data = self.population(self.ROWS)
        rc, out, err = run("audit", "--input", "-", "--json", stdin=data)
        self.assertEqual(rc, 1, err)
        self.assertEqual(json.loads(out)["rows"], 3)
        self.assertEqual(json.loads(out)["input"], "<stdin>")
        rc, out, err = run("audit", "--input", "-", "--format", "json", stdin=b"[]")
        self.assertEqual(rc, 0, err)
        self.assertIn("0 rows, 0 patients, 0 flagged", out)


def main():
    global BINARY
    if len(sys.argv) < 2:
        print("usage: test_cli_input.py BTXDOSE_BINARY [unittest args]", file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    prog = unittest.main(argv=[sys.argv[0], *sys.argv[2:]], exit=False, verbosity=1)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
