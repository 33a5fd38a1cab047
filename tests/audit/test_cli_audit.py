# SPDX-License-Identifier: Apache-2.0
"""`btxdose audit`: the population audit subcommand (tools/btxdose/cmd_audit.c).

    test_cli_audit.py PATH/TO/btxdose

Expected values are typed from design.md section 6 and label-facts.md (90-day policy:
400 U of onabotulinumtoxinA; pediatric upper limb session: lower of 6 U/kg and 200 U).
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TOOL = None
# A Windows build runs the tool through the Wine wrapper CTest passes (docs/windows.md).
EMULATOR = shlex.split(os.environ.get("BTX_EMULATOR", ""))

POPULATION = """patient,date,product,indication,units,weight_kg,birth_date,comment
P7,2025-03-31,Botox,upper limb spasticity,100,,,third
P7,2025-01-01,Botox,chronic_migraine,155,,,first
"Doe, J",2025-01-10,Botox,upper_limb_spasticity,121,20,2015-06-01,"six U/kg is 120"
P7,2025-03-26,BOTOX,chronic_migraine,155,,,second
P7,2025-04-01,Botox,overactive_bladder,50,,,fourth
"""


def run(*args, stdin=None):
    return subprocess.run([*EMULATOR, TOOL, "audit", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


class AuditCommand(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.csv = str(Path(cls.dir.name) / "population.csv")
        Path(cls.csv).write_text(POPULATION)
        probe = run("--help")
        if "unknown command" in probe.stderr:
            raise AssertionError("`btxdose audit` is not in the command table of "
                                 "tools/btxdose/main.c")

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_text(self):
        r = run("--input", self.csv, "--window-days", "90")
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stdout.splitlines()
        self.assertIn("line", lines[0])
        # Sorted by patient, then date: "Doe, J" first; lines are the file's.
        self.assertTrue(lines[1].startswith("4 "), lines)
        self.assertIn("Doe, J", lines[1])
        self.assertIn("over_session", lines[1])
        self.assertIn("botox_ped_uls_session", lines[1])
        self.assertTrue(lines[2].startswith("2 "), lines)
        self.assertIn("410.000", lines[2])
        self.assertIn("ona_adult_window_policy", lines[2])
        self.assertIn("5 rows, 2 patients, 2 flagged: over_window 1, too_soon 0, schedule 0, "
                      "over_session 1, not_labelled 0, not_checked 0", lines[-1])

    def test_json_and_label_window(self):
        r = run("--input", self.csv, "--json")
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["rows"], 5)
        self.assertEqual(doc["patients"], 2)
        self.assertEqual(doc["window"], {"length": 3, "unit": "months"})
        self.assertEqual(doc["flagged"], 2)
        rows = doc["flagged_rows"]
        self.assertEqual([x["line"] for x in rows], [4, 2])
        self.assertEqual(rows[1]["window_total"], 410)
        self.assertEqual(rows[1]["flags"], ["over_window"])
        self.assertEqual(rows[1]["rule"], 1)
        self.assertEqual(rows[1]["rule_name"], "ona_adult_window")
        self.assertEqual(rows[0]["patient"], "Doe, J")
        self.assertEqual(doc["flag_counts"]["over_session"], 1)

    def test_stdin_limit_and_spacing(self):
        r = run("--input", "-", "--json", "--limit", "1", "--min-spacing-days", "10",
                stdin=POPULATION)
        doc = json.loads(r.stdout)
        self.assertEqual(doc["min_spacing_days"], 10)
        # 2025-03-31 and 2025-04-01 are 1 day after a visit: spacing (rule 100) on both.
        self.assertEqual(doc["flagged"], 3)
        self.assertEqual(len(doc["flagged_rows"]), 1)

    def test_nothing_flagged(self):
        r = run("--input", "-", stdin="patient,date,product,indication,units\n"
                                      "1,2025-01-01,Botox,chronic migraine,155\n"
                                      "1,2025-04-01,Botox,chronic migraine,155\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("2 rows, 1 patients, 0 flagged", r.stdout)

    def test_bad_input(self):
        r = run("--input", "-", stdin="patient,date,product,indication,units\n"
                                      "1,2025-01-01,Botox,chronic migraine,155\n"
                                      "2,2025-02-30,Botox,chronic migraine,155\n")
        self.assertEqual(r.returncode, 2)
        self.assertIn("<stdin>:3: date:", r.stderr)
        r = run("--input", "-", stdin="date,product,indication,units\n")
        self.assertEqual(r.returncode, 2)
        self.assertIn("patient", r.stderr)
        r = run("--input", "-", stdin="patient,date,product,indication,units,weight_kg\n"
                                      "1,2025-01-01,Botox,,155,-3\n")
        self.assertEqual(r.returncode, 2)
        self.assertIn("weight_kg", r.stderr)
        self.assertEqual(run().returncode, 2)
        self.assertEqual(run("--input", self.csv, "--window-days", "0").returncode, 2)
        self.assertEqual(run("--input", self.csv, "--bogus", "1").returncode, 2)
        self.assertEqual(run("--input", "/nonexistent/file.csv").returncode, 2)


if __name__ == "__main__":
    TOOL = sys.argv.pop(1)
    unittest.main(verbosity=1)
