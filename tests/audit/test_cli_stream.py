#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""`btxdose audit` on files larger than its chunks and blocks: streaming, unsorted input,
--sorted, --output, gzip, standard input, and bad input found late. Run by CTest
(`cli_audit_stream`) as

    python3 tests/audit/test_cli_stream.py PATH/TO/btxdose

The population is generated here (seeded): adults only (no birth dates), no
blepharospasm, so under --window-days 90 the only over-window rule is "more than 400 U of
onabotulinumtoxinA (BOTOX, BOTOX Cosmetic) in the row's day and the 89 before it, every
row of a day counted", which this file computes itself and compares row by row. Other
checks compare the tool with itself across the ways the same rows can be given (sorted or
not, plain or gzip, a file or standard input, LF or CRLF, quoted or not): the answers must
not change.
"""
import csv
import datetime
import gzip
import io
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import unittest

BINARY = None
# A Windows build runs the tool through the Wine wrapper CTest passes (docs/windows.md);
# its output lines end in CRLF (text mode), read here as LF.
EMULATOR = shlex.split(os.environ.get("BTX_EMULATOR", ""))
# The null device as the tool names it (the Windows tool is given Windows' NUL).
DEVNULL = "NUL" if EMULATOR else "/dev/null"

# product spellings, indication, units range, weight
KINDS = [
    (["BOTOX", "Botox", "botox"], "chronic_migraine", (155, 195), 30),
    (["BOTOX"], "cervical dystonia", (150, 300), 10),
    (["BOTOX"], "upper_limb_spasticity", (75, 400), 8),
    (["BOTOX Cosmetic", "botox cosmetic"], "glabellar_lines", (20, 20), 15),
    (["Dysport"], "cervical_dystonia", (500, 1000), 5),
    (["Xeomin"], "glabellar_lines", (20, 20), 5),
    (["Myobloc"], "cervical_dystonia", (2500, 5000), 2),
]
ONA = {"botox", "botox cosmetic"}
HEADER = "patient,date,product,indication,units"
BASE = datetime.date(2020, 1, 1)


def population(patients, seed=7):
    """Rows (patient, date, product, indication, units text), sorted by patient and date."""
    rnd = random.Random(seed)
    weights = [k[3] for k in KINDS]
    rows = []
    for p in range(patients):
        name = "MRN%07d" % (p * 3 + rnd.randrange(3))
        day = rnd.randrange(3 * 365)
        kind = rnd.choices(KINDS, weights)[0]
        for j in range(rnd.randrange(1, 13)):
            if j > 0:
                r = rnd.random()
                if r < 0.08:
                    kind = rnd.choices(KINDS, weights)[0]  # same day, another kind
                elif r < 0.25:
                    day += rnd.randrange(10, 60)             # early
                else:
                    day += rnd.randrange(84, 98)
            lo, hi = kind[2]
            units = str(rnd.randint(lo, hi)) + (".5" if rnd.random() < 0.05 else "")
            date = (BASE + datetime.timedelta(days=day)).isoformat()
            rows.append((name, date, rnd.choice(kind[0]), kind[1], units))
    return rows


def over_window(rows):
    """The rows over the window, as (patient, date, units) with their count: computed here."""
    by_patient = {}
    for r in rows:
        by_patient.setdefault(r[0], []).append(r)
    out = []
    for rs in by_patient.values():
        ona = [(datetime.date.fromisoformat(r[1]), float(r[4]), r) for r in rs
               if r[2].lower() in ONA]
        for d, _, r in ona:
            total = sum(u for e, u, _ in ona if d - datetime.timedelta(days=89) <= e <= d)
            if total > 400:
                out.append((r[0], r[1], float(r[4])))
    return sorted(out)


def csv_text(rows, sep="\n", last=True, bom=False, quote_every=0):
    lines = [HEADER]
    for i, r in enumerate(rows):
        if quote_every and i % quote_every == 0:
            lines.append('"%s",%s,"%s",%s,%s' % r)
        else:
            lines.append(",".join(r))
    text = sep.join(lines) + (sep if last else "")
    return ("\ufeff" if bom else "") + text


def run(*args, stdin=None):
    p = subprocess.run([*EMULATOR, BINARY, "audit", *args], input=stdin, capture_output=True,
                       timeout=300)
    return p.returncode, text(p.stdout), text(p.stderr)


def text(data):
    out = data.decode("utf-8", "replace")
    return out.replace("\r\n", "\n") if EMULATOR else out


class Files(unittest.TestCase):
    ROWS = None  # the population: 6,000 patients, about 39,000 rows, over 1.6 MB

    @classmethod
    def setUpClass(cls):
        cls._dir = tempfile.TemporaryDirectory(prefix="btxdose-stream-")
        cls.dir = cls._dir.name
        if Files.ROWS is None:
            Files.ROWS = population(6000)
            Files.OVER = over_window(Files.ROWS)

    @classmethod
    def tearDownClass(cls):
        cls._dir.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def summary(self, path_or_stdin, *extra, stdin=None):
        rc, out, err = run("--input", path_or_stdin, "--window-days", "90", "--json",
                           "--limit", "0", *extra, stdin=stdin)
        self.assertEqual(rc, 1, err)
        self.assertEqual(err, "")
        return json.loads(out)

    def flagged(self, path, *extra, stdin=None):
        """Every flagged row, from --output, as comparable tuples (no line), and the doc."""
        out_path = os.path.join(self.dir, "flagged.csv")
        rc, out, err = run("--input", path, "--window-days", "90", "--json", "--output",
                           out_path, *extra, stdin=stdin)
        self.assertEqual(rc, 1, err)
        with open(out_path, newline="") as f:
            rows = list(csv.DictReader(f))
        os.unlink(out_path)
        return rows, json.loads(out)

    def refused(self, argv, where, stdin=None):
        rc, out, err = run(*argv, stdin=stdin)
        self.assertEqual(rc, 2, err)
        self.assertEqual(out, "")
        self.assertEqual(len(err.splitlines()), 1, err)
        self.assertTrue(err.startswith("btxdose: " + where), f"{where!r} in {err!r}")
        return err


def key(row):
    return (row["patient"], row["date"], row["product"], row["indication"], row["units"],
            row["window_total"], row["flags"], row["rule"], row["rule_name"])


class Streaming(Files):
    def test_sorted_file_against_the_window_computed_here(self):
        path = self.write("sorted.csv", csv_text(self.ROWS))
        self.assertGreater(os.path.getsize(path), 1 << 20)  # several blocks, chunks
        rows, doc = self.flagged(path)
        self.assertEqual(doc["rows"], len(self.ROWS))
        self.assertEqual(doc["patients"], len({r[0] for r in self.ROWS}))
        self.assertTrue(doc["input_sorted"])
        self.assertEqual(doc["flagged"], len(rows))
        over = sorted((r["patient"], r["date"], float(r["units"])) for r in rows
                      if "over_window" in r["flags"].split("|"))
        self.assertEqual(over, self.OVER)
        self.assertEqual(doc["flag_counts"]["over_window"], len(self.OVER))
        self.assertGreater(len(self.OVER), 100)
        # Each row's line is the file's: its patient, date and units are on that line.
        lines = csv_text(self.ROWS).split("\n")
        for r in rows[:500]:
            f = lines[int(r["line"]) - 1].split(",")
            self.assertEqual((f[0], f[1], float(f[4])), (r["patient"], r["date"],
                                                          float(r["units"])))
        # In patient, then date order.
        order = [(r["patient"], r["date"]) for r in rows]
        self.assertEqual(order, sorted(order))

    def test_unsorted_is_sorted_in_memory(self):
        shuffled = list(self.ROWS)
        random.Random(3).shuffle(shuffled)
        sorted_rows, sorted_doc = self.flagged(self.write("s.csv", csv_text(self.ROWS)))
        path = self.write("shuffled.csv", csv_text(shuffled))
        rows, doc = self.flagged(path)
        self.assertFalse(doc["input_sorted"])
        self.assertEqual(doc["rows"], len(self.ROWS))
        self.assertEqual(doc["flag_counts"], sorted_doc["flag_counts"])
        self.assertEqual(sorted(map(key, rows)), sorted(map(key, sorted_rows)))
        order = [(r["patient"], r["date"]) for r in rows]
        self.assertEqual(order, sorted(order))
        # Standard input that is not sorted: a pipe, read a second time from its copy.
        rows2, doc2 = self.flagged("-", stdin=csv_text(shuffled).encode())
        self.assertEqual([key(r) + (r["line"],) for r in rows2],
                         [key(r) + (r["line"],) for r in rows])
        # Standard input that is the file itself (< FILE): read again from its start.
        with open(path, "rb") as f:
            p = subprocess.run([*EMULATOR, BINARY, "audit", "--input", "-", "--window-days", "90",
                                "--json", "--limit", "0"], stdin=f, capture_output=True,
                               text=True, timeout=300)
        self.assertEqual(p.returncode, 1, p.stderr)
        self.assertEqual(json.loads(p.stdout)["flag_counts"], doc["flag_counts"])
        # Sorted by patient but not by date within one: the same.
        i = next(i for i in range(20000, len(self.ROWS))
                 if self.ROWS[i][0] == self.ROWS[i + 1][0] and self.ROWS[i][1] < self.ROWS[i + 1][1])
        late = self.ROWS[:i] + [self.ROWS[i + 1], self.ROWS[i]] + self.ROWS[i + 2:]
        rows3, doc3 = self.flagged(self.write("late.csv", csv_text(late)))
        self.assertFalse(doc3["input_sorted"])
        self.assertEqual(sorted(map(key, rows3)), sorted(map(key, sorted_rows)))

    def test_sorted_option_refuses_at_the_first_row_out_of_order(self):
        rows = list(self.ROWS)
        i = 30000
        while rows[i][0] == rows[i + 1][0]:
            i += 1
        rows[i], rows[i + 1] = rows[i + 1], rows[i]  # a patient before the one before
        path = self.write("swapped.csv", csv_text(rows))
        out_path = self.write("keep.csv", "left alone\n")
        err = self.refused(["--input", path, "--sorted", "--output", out_path],
                           f"{path}:{i + 3}: patient: not sorted: ")
        self.assertIn(rows[i + 1][0], err)
        with open(out_path) as f:
            self.assertEqual(f.read(), "left alone\n")
        # Without --sorted the same file is fine.
        self.assertFalse(self.summary(path)["input_sorted"])
        # A date before the patient's row before it.
        text = (HEADER + "\np1,2025-02-01,botox,chronic_migraine,155\n"
                "p1,2025-01-01,botox,chronic_migraine,155\n")
        path = self.write("dates.csv", text)
        err = self.refused(["--input", path, "--sorted"], f"{path}:3: date: not sorted: ")
        self.assertIn("2025-01-01 after 2025-02-01", err)
        # Sorted in memory: 2025-02-01 (line 2) comes 31 days after 2025-01-01 (line 3),
        # sooner than chronic migraine's 12-week schedule.
        rc, out, err = run("--input", path, "--json")
        self.assertEqual(rc, 1, err)
        self.assertEqual([(r["line"], r["flags"]) for r in json.loads(out)["flagged_rows"]],
                         [(2, ["schedule"])])
        # Standard input with --sorted: no copy is kept, and unsorted is still refused.
        self.refused(["--input", "-", "--sorted"], "<stdin>:3: date: not sorted: ",
                     stdin=text.encode())

    def test_line_ends_quotes_and_bom_keep_the_rows(self):
        base = self.summary(self.write("plain.csv", csv_text(self.ROWS)))
        for name, text in [
            ("crlf.csv", csv_text(self.ROWS, sep="\r\n")),
            ("no-final.csv", csv_text(self.ROWS, last=False)),
            ("crlf-no-final.csv", csv_text(self.ROWS, sep="\r\n", last=False)),
            ("bom.csv", csv_text(self.ROWS, bom=True)),
            ("quoted.csv", csv_text(self.ROWS, quote_every=7)),
        ]:
            with self.subTest(file=name):
                doc = self.summary(self.write(name, text))
                self.assertEqual(doc["rows"], len(self.ROWS))
                self.assertEqual((doc["patients"], doc["flagged"], doc["flag_counts"]),
                                 (base["patients"], base["flagged"], base["flag_counts"]))

    def test_quoted_line_ends_count_as_lines(self):
        # A comment column with line ends inside quotes every 50 rows: every row after
        # one moves a line down, and the flagged rows' lines say so.
        lines, line_of = [HEADER + ",comment"], []
        n = 1
        for i, r in enumerate(self.ROWS):
            n += 1
            line_of.append(n)
            if i % 50 == 0:
                lines.append(",".join(r) + ',"one\nand, ""two"""')
                n += 1
            else:
                lines.append(",".join(r) + ",")
        path = self.write("comments.csv", "\n".join(lines) + "\n")
        rows, doc = self.flagged(path)
        self.assertEqual(doc["rows"], len(self.ROWS))
        want = {}
        for i, r in enumerate(self.ROWS):
            want.setdefault((r[0], r[1], float(r[4])), []).append(line_of[i])
        for r in rows:
            self.assertIn(int(r["line"]), want[(r["patient"], r["date"], float(r["units"]))])

    def test_bad_row_late_in_the_file(self):
        rows = list(self.ROWS)
        bad = len(rows) - 100
        rows[bad] = (rows[bad][0], "2025-02-30") + rows[bad][2:]
        path = self.write("late-bad.csv", csv_text(rows))
        out_path = os.path.join(self.dir, "never.csv")
        self.refused(["--input", path, "--output", out_path, "--window-days", "90"],
                     f"{path}:{bad + 2}: date: '2025-02-30' is not a valid YYYY-MM-DD date")
        self.assertFalse(os.path.exists(out_path))
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith(".never")], [])
        # The same as JSON; and unsorted from line 3 on, so that the error comes while
        # the rows are kept for the sort.
        self.refused(["--input", path, "--json"], f"{path}:{bad + 2}: date:")
        moved = [rows[-1]] + rows[:-1]
        path = self.write("unsorted-bad.csv", csv_text(moved))
        self.refused(["--input", path, "--output", out_path], f"{path}:{bad + 3}: date:")
        self.assertFalse(os.path.exists(out_path))
        # A NUL byte and a short row, late.
        data = csv_text(self.ROWS).encode()
        at = len(data) - 3000
        line = data[:at].count(b"\n") + 1
        path = self.write("nul-byte.csv", data[:at] + b"\0" + data[at:])
        self.refused(["--input", path], f"{path}:{line}: NUL byte in a text file")
        cut = data.rfind(b"\n", 0, at)
        line = data[:cut].count(b"\n") + 2
        path = self.write("short.csv", data[:cut] + b"\np9,2025-01-01,botox" + data[cut:])
        self.refused(["--input", path], f"{path}:{line}: expected 5 fields as in the header, "
                     "found 3")


    def test_the_first_bad_row_is_named_whatever_the_kind(self):
        # A weight the library refuses (above 1000 kg: the reader takes any number, the
        # library has the last word) and a bad date: whichever comes first in the file
        # is named, whether the other is before or after it, in a chunk or in the next.
        base = [",".join(r) + "," for r in self.ROWS]
        header = HEADER + ",weight_kg"
        weight_at = 20000
        # (rows with a bad date, rows with a bad weight)
        for dates, weights in [([30000], [weight_at]), ([15000], [weight_at]),
                               ([], [weight_at, weight_at + 1])]:
            lines = list(base)
            for at in dates:
                f = lines[at].split(",")
                f[1] = "2025-13-01"
                lines[at] = ",".join(f)
            for at in weights:
                f = lines[at].split(",")
                f[5] = "2000"
                lines[at] = ",".join(f)
            path = self.write("two-bad.csv", header + "\n" + "\n".join(lines) + "\n")
            earlier = min(dates + weights)
            what = ("date: '2025-13-01' is not a valid" if earlier in dates
                    else "weight_kg: refused by libbtxdose")
            where = f"{path}:{earlier + 2}: {what}"
            with self.subTest(dates=dates, weights=weights):
                self.refused(["--input", path], where)
                self.refused(["--input", path, "--sorted", "--json"], where)
        # Unsorted before the bad weight: the rows are checked as they are kept.
        lines = list(base)
        lines[0], lines[-1] = lines[-1], lines[0]
        f = lines[weight_at].split(",")
        f[5] = "-3"
        lines[weight_at] = ",".join(f)
        path = self.write("unsorted-weight.csv", header + "\n" + "\n".join(lines) + "\n")
        self.refused(["--input", path], f"{path}:{weight_at + 2}: weight_kg: refused by libbtxdose")


    def test_a_pipe_left_open_after_a_bad_row(self):
        # The writer sends a bad row and keeps the pipe open: the tool answers at once
        # (the reading thread is not waited for), plain and gzip-compressed.
        text = (HEADER + "\np1,2025-01-01,botox,chronic_migraine,155\n"
                "p1,2025-13-01,botox,chronic_migraine,155\n").encode()
        for data in (text, gzip.compress(text)):
            p = subprocess.Popen([*EMULATOR, BINARY, "audit", "--input", "-"],
                                 stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            p.stdin.write(data)
            p.stdin.flush()
            try:
                rc = p.wait(timeout=20)
            finally:
                if p.poll() is None:
                    p.kill()
                    p.wait()
                p.stdin.close()
            out, err = p.stdout.read(), p.stderr.read()
            p.stdout.close()
            p.stderr.close()
            self.assertEqual((rc, out), (2, b""))
            self.assertEqual(len(err.splitlines()), 1, err)
            self.assertTrue(err.startswith(b"btxdose: <stdin>:3: date: '2025-13-01'"), err)


class Compressed(Files):
    def test_gzip_file_and_stdin(self):
        text = csv_text(self.ROWS).encode()
        plain = self.summary(self.write("p.csv", text))
        gz = self.write("p.csv.gz", gzip.compress(text))
        for doc in [self.summary(gz), self.summary("-", stdin=gzip.compress(text))]:
            del doc["input"]
            want = dict(plain)
            del want["input"]
            self.assertEqual(doc, want)
        # Several members (as `cat a.gz b.gz`), cut in the middle of a line.
        half = len(text) // 2 + 17
        two = self.write("two.csv.gz", gzip.compress(text[:half]) + gzip.compress(text[half:]))
        self.assertEqual(self.summary(two)["flag_counts"], plain["flag_counts"])
        # Unsorted and compressed, from a pipe.
        shuffled = list(self.ROWS)
        random.Random(5).shuffle(shuffled)
        doc = self.summary("-", stdin=gzip.compress(csv_text(shuffled).encode()))
        self.assertEqual((doc["rows"], doc["flag_counts"], doc["input_sorted"]),
                         (plain["rows"], plain["flag_counts"], False))

    def test_damaged_gzip(self):
        data = gzip.compress(csv_text(self.ROWS).encode())
        cut = self.write("cut.csv.gz", data[: len(data) // 2])
        err = self.refused(["--input", cut], cut + ":")
        self.assertIn("gzip data cut off by the end of the input", err)
        # A wrong checksum: every row reads, then the end of the member says it is wrong.
        bad = bytearray(data)
        bad[-8] ^= 0x55
        path = self.write("bad.csv.gz", bytes(bad))
        err = self.refused(["--input", path], path + ":")
        self.assertIn("invalid gzip data (incorrect data check)", err)
        # Trailing bytes that are not a gzip member.
        path = self.write("trail.csv.gz", data + b"junk")
        self.assertIn("invalid gzip data", self.refused(["--input", path], path + ":"))

    def test_gzip_history(self):
        text = (b"date,product,indication,units\n2026-09-08,botox,chronic_migraine,155\n")
        path = self.write("h.csv.gz", gzip.compress(text))
        p = subprocess.run([*EMULATOR, BINARY, "check", "--history", path, "--propose",
                            "2026-12-01,botox,chronic_migraine,155", "--json"],
                           capture_output=True, text=True, timeout=60)
        self.assertIn(p.returncode, (0, 1), p.stderr)
        self.assertEqual(json.loads(p.stdout)["history"]["records"], 1)


SMALL = """patient,date,product,indication,units,weight_kg,birth_date,comment
P7,2025-03-31,Botox,upper limb spasticity,100,,,third
P7,2025-01-01,Botox,chronic_migraine,155,,,first
"Doe, J",2025-01-10,Botox,upper_limb_spasticity,121,20,2015-06-01,"six U/kg is 120"
P7,2025-03-26,BOTOX,chronic_migraine,155,,,second
P7,2025-04-01,Botox,overactive_bladder,50,,,fourth
"""


class Output(Files):
    # The flagged rows of SMALL under --window-days 90, typed from the label facts:
    # "Doe, J", a child of 20 kg, gets 121 U for upper limb spasticity in one session
    # (at most 6 U/kg, 120 U); P7 reaches 155 + 155 + 100 = 410 U of BOTOX in 90 days on
    # 2025-03-31 (at most 400 U).
    WANT = [["4", "Doe, J", "2025-01-10", "BOTOX", "upper_limb_spasticity", "121", "121",
             "over_session", "botox_ped_uls_session"],
            ["2", "P7", "2025-03-31", "BOTOX", "upper_limb_spasticity", "100", "410",
             "over_window", "ona_adult_window_policy"]]

    def test_csv_and_json_lines(self):
        src = self.write("small.csv", SMALL)
        out = os.path.join(self.dir, "out.csv")
        rc, text, err = run("--input", src, "--window-days", "90", "--output", out)
        self.assertEqual(rc, 1, err)
        self.assertIn(f"2 flagged rows written to {out}", text)
        self.assertNotIn("line   patient", text)  # no rows listed with --output
        with open(out, newline="") as f:
            got = list(csv.reader(f))
        self.assertEqual(got[0], ["line", "patient", "date", "product", "indication", "units",
                                  "window_total", "flags", "rule", "rule_name", "limbs"])
        self.assertEqual([r[:8] + r[9:10] for r in got[1:]], self.WANT)
        self.assertEqual([r[10] for r in got[1:]], ["", ""])  # no limbs column: not stated
        for name, extra in [("out.jsonl", []), ("out.txt", ["--output-format", "jsonl"])]:
            out = os.path.join(self.dir, name)
            rc, text, err = run("--input", src, "--window-days", "90", "--output", out, *extra)
            self.assertEqual(rc, 1, err)
            with open(out) as f:
                docs = [json.loads(line) for line in f]
            self.assertEqual([[str(d["line"]), d["patient"], d["date"], d["product"],
                               d["indication"], str(d["units"]), str(d["window_total"]),
                               "|".join(d["flags"]), d["rule_name"]] for d in docs], self.WANT)
            self.assertEqual([d["limbs"] for d in docs], [None, None])
        # --limit lists rows on standard output too; --json names the file.
        rc, text, err = run("--input", src, "--window-days", "90", "--output", out, "--json",
                            "--limit", "1")
        doc = json.loads(text)
        self.assertEqual((doc["output"], len(doc["flagged_rows"]), doc["flagged"]), (out, 1, 2))
        # Into a device: written in place.
        rc, text, err = run("--input", src, "--window-days", "90", "--output", DEVNULL)
        self.assertEqual(rc, 1, err)

    def test_output_errors(self):
        src = self.write("small2.csv", SMALL)
        self.refused(["--input", src, "--output", os.path.join(self.dir, "no", "such.csv")],
                     os.path.join(self.dir, "no", "such.csv") + ": cannot create")
        self.refused(["--input", src, "--output", "-"], "--output: ")
        self.refused(["--input", src, "--output-format", "jsonl"], "audit: --output-format")
        self.refused(["--input", src, "--output", "x.csv", "--output-format", "xml"],
                     "--output-format: ")

    def test_a_long_listing(self):
        # Three visits a day apart per patient under a 30-day spacing policy: the second
        # and the third are too soon, 50,000 rows in all. The listing is larger than what
        # is kept in memory, and comes out whole and in order.
        lines = [HEADER]
        for p in range(25000):
            for day in (1, 2, 3):
                lines.append("P%06d,2025-01-%02d,Xeomin,glabellar_lines,20" % (p, day))
        path = self.write("many.csv", "\n".join(lines) + "\n")
        rc, out, err = run("--input", path, "--json", "--min-spacing-days", "30")
        self.assertEqual(rc, 1, err)
        self.assertGreater(len(out), 8 << 20)
        doc = json.loads(out)
        self.assertEqual(doc["flagged"], 50000)
        self.assertEqual(len(doc["flagged_rows"]), 50000)
        self.assertEqual([r["line"] for r in doc["flagged_rows"][:3]], [3, 4, 6])
        self.assertEqual(doc["flagged_rows"][-1]["line"], 75001)
        self.assertTrue(all("too_soon" in r["flags"] for r in doc["flagged_rows"]))
        rc, out, err = run("--input", path, "--min-spacing-days", "30")
        self.assertEqual(len(out.splitlines()), 50002)


def main():
    global BINARY
    if len(sys.argv) < 2:
        print("usage: test_cli_stream.py BTXDOSE_BINARY [unittest args]", file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv.pop(1))
    prog = unittest.main(exit=False, verbosity=1)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
