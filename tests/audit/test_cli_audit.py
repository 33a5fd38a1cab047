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


# The child: 20 kg, Dysport for lower limb spasticity, 350 U (17.5 U/kg). The label
# allows at most 15 U/kg per leg treated: 300 U for one leg, 600 U for two.
LIMBS = """patient,date,product,indication,units,weight_kg,birth_date,limbs
one,2026-03-02,Dysport,lower_limb_spasticity,350,20,2018-03-01,1
two,2026-03-02,Dysport,lower_limb_spasticity,350,20,2018-03-01,2
unsaid,2026-03-02,Dysport,lower_limb_spasticity,350,20,2018-03-01,
"""


class Limbs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def flagged(self, text, *args):
        r = run("--input", "-", "--json", *args, stdin=text)
        self.assertEqual(r.returncode, 1, r.stderr)
        doc = json.loads(r.stdout)
        return {x["patient"]: x for x in doc["flagged_rows"]}, doc

    def test_one_leg_is_over_the_session_two_are_not_unsaid_is_not_checked(self):
        rows, doc = self.flagged(LIMBS)
        self.assertEqual(doc["rows"], 3)
        self.assertEqual(sorted(rows), ["one", "unsaid"])
        self.assertEqual((rows["one"]["flags"], rows["one"]["rule"], rows["one"]["rule_name"],
                          rows["one"]["limbs"]),
                         (["over_session"], 27, "dysport_ped_lls_limb", 1))
        self.assertEqual((rows["unsaid"]["flags"], rows["unsaid"]["limbs"]),
                         (["not_checked"], None))

    def test_json_input_and_text_and_output_file(self):
        docs = [{"patient": p, "date": "2026-03-02", "product": "Dysport",
                 "indication": "lower_limb_spasticity", "units": 350, "weight_kg": 20,
                 "birth_date": "2018-03-01", **({"limbs": n} if n else {})}
                for p, n in (("one", 1), ("two", 2), ("unsaid", None))]
        rows, _ = self.flagged(json.dumps(docs), "--format", "json")
        self.assertEqual({p: x["limbs"] for p, x in rows.items()}, {"one": 1, "unsaid": None})
        r = run("--input", "-", stdin=LIMBS)
        lines = r.stdout.splitlines()
        self.assertIn(" limbs ", lines[0])
        one = [x for x in lines if x.startswith("2 ")][0]
        self.assertRegex(one, r" 350\.000 +1 +")
        unsaid = [x for x in lines if x.startswith("4 ")][0]
        self.assertRegex(unsaid, r" 350\.000 +- +")
        out = str(Path(self.dir.name) / "flagged.csv")
        r = run("--input", "-", "--output", out, stdin=LIMBS)
        self.assertEqual(r.returncode, 1, r.stderr)
        text = Path(out).read_text().splitlines()
        self.assertTrue(text[0].endswith(",rule_name,limbs"), text[0])
        self.assertTrue(text[1].startswith("2,one,") and text[1].endswith(",1"), text[1])
        self.assertTrue(text[2].startswith("4,unsaid,") and text[2].endswith(","), text[2])

    def test_bad_limbs_name_the_line_and_the_column(self):
        header = "patient,date,product,indication,units,limbs\n"
        good = "a,2026-03-02,Dysport,lower_limb_spasticity,350,2\n"
        for value, words in (("3", "limbs: '3' is not a number of limbs treated"),
                             ("-1", "limbs: '-1' is not a number of limbs treated"),
                             ("two", "limbs: 'two' is not a number of limbs treated"),
                             ("0", "limbs: '0' is not a number of limbs treated")):
            r = run("--input", "-", stdin=header + good +
                    f"b,2026-03-02,Dysport,lower_limb_spasticity,350,{value}\n")
            self.assertEqual((r.returncode, r.stdout), (2, ""), r.stderr)
            self.assertEqual(r.stderr.strip(), f"btxdose: <stdin>:3: {words}: 1 or 2 (empty: "
                                               "not stated)")
        for extra in ([], ["--sorted"]):
            r = run("--input", "-", *extra, stdin=header + good +
                    "b,2026-03-02,Botox,chronic_migraine,155,2\n")
            self.assertEqual((r.returncode, r.stdout), (2, ""), r.stderr)
            self.assertTrue(r.stderr.startswith("btxdose: <stdin>:3: limbs: 2 on a "
                                                "chronic_migraine record: refused by "
                                                "libbtxdose: "), r.stderr)
        r = run("--input", "-", "--format", "json",
                stdin='[{"patient": "a", "date": "2026-03-02", "product": "Dysport", '
                      '"indication": "lower_limb_spasticity", "units": 350, "limbs": "2"}]')
        self.assertEqual(r.returncode, 2)
        self.assertIn("<stdin>:1: limbs: expected a number, found a string", r.stderr)


if __name__ == "__main__":
    TOOL = sys.argv.pop(1)
    unittest.main(verbosity=1)
