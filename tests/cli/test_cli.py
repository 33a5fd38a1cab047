#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of the btxdose command-line tool (tools/btxdose), run by CTest as

    python3 tests/cli/test_cli.py PATH/TO/btxdose PATH/TO/examples/data

Standard library only. Expected numbers are typed from the label facts and the
design (400 U per 3 months, 12-week chronic-migraine schedule, 155 U / 31 sites /
7 regions, 200 U in 4 mL = 5 U per 0.1 mL), never read back from the library.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile
import unittest

BINARY = None
DATA = None
# A Windows build runs the tool through the Wine wrapper CTest passes (docs/windows.md).
EMULATOR = shlex.split(os.environ.get("BTX_EMULATOR", ""))

DEMO = ["--propose", "2026-12-01,botox,chronic_migraine,155"]
HEADER = "date,product,indication,units\n"


def run(*args, stdin=None, cwd=None):
    p = subprocess.run([*EMULATOR, BINARY, *args], input=stdin, capture_output=True,
                       text=True, cwd=cwd, timeout=60)
    return p.returncode, p.stdout, p.stderr


class Tmp(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="btxdose-cli-")
        self.dir = self._dir.name

    def tearDown(self):
        self._dir.cleanup()

    def write(self, name, content, mode="w"):
        path = os.path.join(self.dir, name)
        if "b" in mode:
            with open(path, mode) as f:
                f.write(content)
        else:
            with open(path, mode, encoding="utf-8", newline="") as f:
                f.write(content)
        return path

    def check_json(self, *args):
        rc, out, err = run(*args, "--json")
        self.assertIn(rc, (0, 1), err)
        return rc, json.loads(out)


def header_version():
    """The version the public header declares (btxdose/version.h, generated into the build
    tree: CTest passes its path in BTX_VERSION_HEADER)."""
    import re
    text = open(os.environ["BTX_VERSION_HEADER"]).read()
    part = [int(re.search(r"#define BTXDOSE_VERSION_%s (\d+)" % k, text).group(1))
            for k in ("MAJOR", "MINOR", "PATCH")]
    return "%d.%d.%d" % tuple(part), part[0] * 10000 + part[1] * 100 + part[2]


class Version(unittest.TestCase):
    def test_version(self):
        version, _ = header_version()
        for argv in (["version"], ["--version"]):
            rc, out, err = run(*argv)
            self.assertEqual(rc, 0, err)
            self.assertIn("btxdose " + version, out)
            self.assertIn("libbtxdose " + version, out)
            self.assertIn("data: ", out)
            self.assertEqual(err, "")

    def test_version_json(self):
        rc, out, _ = run("version", "--json")
        self.assertEqual(rc, 0)
        doc = json.loads(out)
        version, number = header_version()
        self.assertEqual(doc["tool_version"], version)
        self.assertEqual(doc["library_version"], version)
        self.assertEqual(doc["library_version_number"], number)
        self.assertTrue(doc["data_version"])

    def test_help(self):
        rc, out, _ = run("help")
        self.assertEqual(rc, 0)
        for word in ("protocol", "check", "next", "headroom", "--history", "--propose"):
            self.assertIn(word, out)

    def test_usage_errors(self):
        rc, out, err = run()
        self.assertEqual(rc, 2)
        self.assertIn("usage", err)
        rc, _, err = run("frobnicate")
        self.assertEqual(rc, 2)
        self.assertIn("unknown command", err)
        rc, _, err = run("version", "--bogus")
        self.assertEqual(rc, 2)
        self.assertIn("--bogus", err)


class Protocol(unittest.TestCase):
    REGIONS = {  # Table 2 of the BOTOX PI (label-facts 1.1): units, sites, bilateral
        "Corrugator": (10, 2, True),
        "Procerus": (5, 1, False),
        "Frontalis": (20, 4, True),
        "Temporalis": (40, 8, True),
        "Occipitalis": (30, 6, True),
        "Cervical paraspinal muscle group": (20, 4, True),
        "Trapezius": (30, 6, True),
    }

    def test_chronic_migraine_text(self):
        rc, out, err = run("protocol", "botox", "chronic_migraine", "--vial", "200",
                           "--diluent", "4")
        self.assertEqual(rc, 0, err)
        for text in ("BOTOX", "chronic_migraine", "approved", "155 U", "31", "12 weeks",
                     "schedule", "secondary", "source", "5 U per 0.1 mL", "3.1 mL"):
            self.assertIn(text, out)
        for name in self.REGIONS:
            self.assertIn(name, out)
        temporalis = [l for l in out.splitlines() if l.strip().startswith("Temporalis")]
        self.assertEqual(len(temporalis), 1)
        self.assertIn("40 U", temporalis[0])
        self.assertIn("0.8 mL", temporalis[0])

    def test_chronic_migraine_json(self):
        rc, out, err = run("protocol", "botox", "chronic_migraine", "--vial", "200",
                           "--diluent", "4", "--json")
        self.assertEqual(rc, 0, err)
        p = json.loads(out)
        self.assertTrue(p["found"])
        self.assertEqual(p["product"], "BOTOX")
        self.assertEqual(p["indication"], "chronic_migraine")
        self.assertEqual(p["population"], "adult")
        self.assertEqual(p["label_status"], "approved")
        self.assertEqual(p["dose_units"], 155)
        self.assertEqual(p["sites"], 31)
        self.assertEqual(p["units_per_site"], 5)
        self.assertEqual(p["regions_count"], 7)
        self.assertEqual(p["interval_length"], 12)
        self.assertEqual(p["interval_unit"], "weeks")
        self.assertEqual(p["interval_kind"], "schedule")
        self.assertEqual(p["evidence"], "secondary")
        self.assertTrue(p["source"])
        self.assertEqual(p["dilution"]["units_per_0_1ml"], 5)
        self.assertEqual(p["dilution"]["dose_volume_ml"], 3.1)
        regions = {r["name"]: r for r in p["regions"]}
        self.assertEqual(set(regions), set(self.REGIONS))
        for name, (units, sites, bilateral) in self.REGIONS.items():
            r = regions[name]
            self.assertEqual(r["units"], units, name)
            self.assertEqual(r["sites"], sites, name)
            self.assertEqual(r["bilateral"], bilateral, name)
            self.assertAlmostEqual(r["volume_ml_min"], units / 50.0, places=6)
            self.assertAlmostEqual(r["volume_ml_max"], units / 50.0, places=6)

    def test_without_dilution(self):
        rc, out, _ = run("protocol", "Botox", "chronic migraine", "--json")
        self.assertEqual(rc, 0)
        p = json.loads(out)
        self.assertIsNone(p["dilution"])
        self.assertIsNone(p["regions"][0]["volume_ml_min"])

    def test_not_established(self):
        rc, out, _ = run("protocol", "botox", "episodic_migraine")
        self.assertEqual(rc, 1)
        self.assertIn("not_established", out)
        rc, out, _ = run("protocol", "botox", "episodic_migraine", "--json")
        self.assertEqual(rc, 1)
        p = json.loads(out)
        self.assertFalse(p["found"])
        self.assertEqual(p["label_status"], "not_established")
        self.assertEqual(p["regions"], [])

    def test_not_labelled(self):
        rc, out, _ = run("protocol", "dysport", "cluster_headache", "--json")
        self.assertEqual(rc, 1)
        self.assertEqual(json.loads(out)["label_status"], "not_labelled")

    def test_bad_arguments(self):
        cases = [
            (["protocol", "botux", "chronic_migraine"], "product"),
            (["protocol", "botox", "migrane"], "indication"),
            (["protocol", "botox"], "PRODUCT and INDICATION"),
            (["protocol", "botox", "chronic_migraine", "--vial", "200"], "--diluent"),
            (["protocol", "botox", "chronic_migraine", "--vial", "-1", "--diluent", "4"],
             "--vial"),
            (["protocol", "botox", "chronic_migraine", "--vial", "nan", "--diluent", "4"],
             "--vial"),
            (["protocol", "botox", "chronic_migraine", "--history", "x.csv"], "--history"),
        ]
        for argv, word in cases:
            rc, out, err = run(*argv)
            self.assertEqual(rc, 2, argv)
            self.assertIn(word, err, argv)
            self.assertEqual(out, "", argv)


class CheckDemo(Tmp):
    """The sample history of examples/data (story in docs/cli.md)."""

    def csv(self):
        return os.path.join(DATA, "history.csv")

    def test_demo_text(self):
        rc, out, err = run("check", "--history", self.csv(), *DEMO)
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        for text in ("window_limit", "PASS", "ona_adult_window", "limit 400, counted 175, "
                     "proposed 155, remaining 70", "2026-09-02 .. 2026-12-01", "too_soon",
                     "botox_chronic_migraine_interval", "age_unknown", "history_incomplete",
                     "message", "source", "evidence"):
            self.assertIn(text, out)

    def test_demo_json(self):
        rc, doc = self.check_json("check", "--history", self.csv(), *DEMO)
        self.assertEqual(rc, 0)
        self.assertEqual(doc["result"], "pass")
        self.assertEqual(doc["exit_status"], 0)
        self.assertEqual(doc["history"]["records"], 6)
        self.assertEqual(doc["proposal"], {"date": "2026-12-01", "product": "BOTOX",
                                           "product_code": 1, "indication": "chronic_migraine",
                                           "indication_code": 1, "units": 155,
                                           "limbs": None})
        codes = [f["code"] for f in doc["findings"]]
        self.assertEqual(codes, ["window_limit", "too_soon", "age_unknown",
                                 "history_incomplete"])
        w = doc["findings"][0]
        self.assertEqual((w["status"], w["severity"], w["rule"], w["rule_id"]),
                         ("pass", "info", "ona_adult_window", 1))
        self.assertEqual((w["limit_units"], w["total_units"], w["proposed_units"],
                          w["remaining_units"]), (400, 175, 155, 70))
        self.assertEqual((w["window_start"], w["window_end"], w["earliest_date"]),
                         ("2026-09-02", "2026-12-01", "2026-12-01"))
        self.assertEqual(w["evidence"], "secondary")
        t = doc["findings"][1]
        self.assertEqual((t["status"], t["rule_id"], t["earliest_date"]),
                         ("pass", 60, "2026-12-01"))
        self.assertIsNone(t["window_start"])
        for f in doc["findings"]:
            self.assertTrue(f["message"])
            self.assertTrue(f["source"])
            self.assertNotEqual(f["status"], "fail")
        for f in doc["findings"][2:]:
            self.assertIsNone(f["evidence"])

    def test_csv_and_json_agree(self):
        _, a = self.check_json("check", "--history", self.csv(), *DEMO)
        _, b = self.check_json("check", "--history", os.path.join(DATA, "history.json"), *DEMO)
        self.assertEqual(a["findings"], b["findings"])
        self.assertEqual(b["history"]["records"], 6)

    def test_too_soon_is_a_fail(self):
        # One week early: the 12-week schedule fails (a warning, since it is a schedule).
        rc, doc = self.check_json("check", "--history", self.csv(), "--propose",
                                  "2026-11-24,botox,chronic_migraine,155")
        self.assertEqual(rc, 1)
        self.assertEqual(doc["result"], "fail")
        self.assertEqual(doc["exit_status"], 1)
        t = [f for f in doc["findings"] if f["code"] == "too_soon"][0]
        self.assertEqual((t["status"], t["severity"], t["earliest_date"]),
                         ("fail", "warning", "2026-12-01"))
        w = doc["findings"][0]
        self.assertEqual((w["status"], w["total_units"], w["remaining_units"]),
                         ("pass", 175, 70))
        rc, out, _ = run("check", "--history", self.csv(), "--propose",
                         "2026-11-24,botox,chronic_migraine,155")
        self.assertEqual(rc, 1)
        self.assertIn("FAIL", out)

    def test_planned_session_counts(self):
        # 2026-12-08 is 84 days after 2026-09-08 but only 77 days before the planned
        # 2027-02-23 session: the schedule fails on the planned side.
        rc, doc = self.check_json("check", "--history", self.csv(), "--propose",
                                  "2026-12-08,botox,chronic_migraine,155")
        self.assertEqual(rc, 1)
        t = [f for f in doc["findings"] if f["code"] == "too_soon"][0]
        self.assertEqual(t["status"], "fail")

    def test_window_overflow(self):
        # 175 U counted + 250 U = 425 U > 400 U; 250 U is above the 155 U protocol dose.
        rc, doc = self.check_json("check", "--history", self.csv(), "--propose",
                                  "2026-12-01,botox,chronic_migraine,250")
        self.assertEqual(rc, 1)
        w = doc["findings"][0]
        self.assertEqual((w["code"], w["status"], w["severity"], w["remaining_units"]),
                         ("window_limit", "fail", "critical", -25))
        a = [f for f in doc["findings"] if f["code"] == "above_protocol"]
        self.assertEqual(len(a), 1)
        self.assertEqual((a[0]["status"], a[0]["severity"], a[0]["limit_units"]),
                         ("fail", "warning", 155))

    def test_policy_and_patient(self):
        # 330 U of 400 U is >= 0.8 of the limit: a warning that still passes.
        rc, doc = self.check_json("check", "--history", self.csv(), *DEMO,
                                  "--warn-fraction", "0.8", "--history-complete",
                                  "--birth-date", "1980-05-02")
        self.assertEqual(rc, 0)
        codes = [f["code"] for f in doc["findings"]]
        self.assertNotIn("history_incomplete", codes)
        self.assertNotIn("age_unknown", codes)
        w = doc["findings"][0]
        self.assertEqual((w["status"], w["severity"]), ("pass", "warning"))
        self.assertEqual(doc["policy"]["warn_fraction"], 0.8)
        self.assertTrue(doc["policy"]["history_complete"])
        self.assertEqual(doc["patient"]["birth_date"], "1980-05-02")

    def test_policy_window_and_spacing(self):
        rc, doc = self.check_json("check", "--history", self.csv(), *DEMO,
                                  "--window-days", "90")
        self.assertEqual(rc, 0)
        w = doc["findings"][0]
        self.assertEqual((w["rule"], w["rule_id"]), ("ona_adult_window_policy", 4))
        # 2026-10-20 (glabellar) is 42 days before 2026-12-01: the spacing fails.
        rc, doc = self.check_json("check", "--history", self.csv(), *DEMO,
                                  "--min-spacing-days", "60")
        self.assertEqual(rc, 1)
        s = [f for f in doc["findings"] if f["rule_id"] == 100]
        self.assertEqual(len(s), 1)
        self.assertEqual((s[0]["code"], s[0]["status"]), ("too_soon", "fail"))
        self.assertIsNone(s[0]["evidence"])

    def test_child_without_weight(self):
        # Born 2015: 11 years old. Pediatric window without a weight: not checked
        # (175 + 155 = 330 <= 340); chronic migraine is labelled from 18: NOT_LABELLED.
        rc, doc = self.check_json("check", "--history", self.csv(), *DEMO,
                                  "--birth-date", "2015-01-01")
        self.assertEqual(rc, 1)
        w = doc["findings"][0]
        self.assertEqual((w["rule"], w["status"], w["severity"], w["limit_units"]),
                         ("ona_pediatric_window", "not_checked", "critical", 340))
        self.assertIsNone(w["earliest_date"])
        self.assertIn("not_labelled", [f["code"] for f in doc["findings"]])
        rc, out, _ = run("check", "--history", self.csv(), *DEMO, "--birth-date", "2015-01-01")
        self.assertIn("NOT_CHECKED", out)

    def test_child_with_weight(self):
        # 20 kg: 10 U/kg = 200 U < 340 U; 175 + 155 = 330 > 200.
        rc, doc = self.check_json("check", "--history", self.csv(), *DEMO,
                                  "--birth-date", "2015-01-01", "--weight-kg", "20",
                                  "--weight-date", "2026-11-01")
        self.assertEqual(rc, 1)
        w = doc["findings"][0]
        self.assertEqual((w["status"], w["limit_units"], w["remaining_units"]),
                         ("fail", 200, -130))

    def test_header_only_history(self):
        path = self.write("empty-history.csv", HEADER)
        rc, doc = self.check_json("check", "--history", path, *DEMO)
        self.assertEqual(rc, 0)
        self.assertEqual(doc["history"]["records"], 0)
        self.assertEqual(doc["findings"][0]["total_units"], 0)
        path = self.write("empty-history.json", "[ ]\n")
        rc, doc = self.check_json("check", "--history", path, *DEMO)
        self.assertEqual(rc, 0)
        self.assertEqual(doc["history"]["records"], 0)

    def test_csv_variants(self):
        # Columns in any order, CRLF, a byte order mark, quotes, spaces, blank lines,
        # an empty indication, names in other spellings: all the same 175 U.
        text = ("\ufeffunits,Indication,DATE,product\r\n"
                "155,chronic_migraine,2026-09-08,BOTOX\r\n"
                "\r\n"
                ' 20 ,"glabellar_lines", 2026-10-20 , "BOTOX Cosmetic" \r\n')
        path = self.write("v.csv", text)
        rc, doc = self.check_json("check", "--history", path, *DEMO)
        self.assertEqual(rc, 0)
        self.assertEqual(doc["history"]["records"], 2)
        self.assertEqual(doc["findings"][0]["total_units"], 175)
        path = self.write("noind.csv", HEADER + "2026-09-08,onabotulinumtoxinA,,175\n")
        rc, doc = self.check_json("check", "--history", path, *DEMO)
        self.assertEqual(doc["findings"][0]["total_units"], 175)
        # Without the chronic migraine session the interval rule has nothing before D.
        self.assertEqual(doc["findings"][1]["status"], "pass")

    def test_stdin_and_format(self):
        with open(self.csv()) as f:
            data = f.read()
        rc, out, err = run("check", "--history", "-", "--format", "csv", *DEMO, "--json",
                           stdin=data)
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["history"]["file"], "<stdin>")
        path = self.write("history.txt", data)
        rc, _, err = run("check", "--history", path, *DEMO)
        self.assertEqual(rc, 2)
        self.assertIn("--format", err)
        rc, _, err = run("check", "--history", path, "--format", "csv", *DEMO)
        self.assertEqual(rc, 0, err)
        rc, _, err = run("check", "--history", "-", *DEMO, stdin=data)
        self.assertEqual(rc, 2)


class Next(unittest.TestCase):
    def csv(self):
        return os.path.join(DATA, "history.csv")

    def test_next(self):
        rc, out, err = run("next", "--history", self.csv(), "--propose",
                           "2026-11-01,botox,chronic_migraine,155")
        self.assertEqual(rc, 0, err)
        self.assertIn("2026-12-01", out)
        rc, out, _ = run("next", "--history", self.csv(), "--propose",
                         "2026-11-01,botox,chronic_migraine,155", "--json")
        doc = json.loads(out)
        self.assertEqual((doc["result"], doc["earliest_date"], doc["exit_status"]),
                         ("ok", "2026-12-01", 0))

    def test_next_joins_planned_session(self):
        # After 2026-12-01 every date until the planned 2027-02-23 session is too close
        # to it; on 2027-02-23 the dose joins that session (155 + 155 = 310 <= 400).
        rc, out, _ = run("next", "--history", self.csv(), "--propose",
                         "2026-12-02,botox,chronic_migraine,155", "--json")
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["earliest_date"], "2027-02-23")

    def test_never(self):
        rc, out, err = run("next", "--history", self.csv(), "--propose",
                           "2026-12-01,botox,chronic_migraine,500")
        self.assertEqual(rc, 1, err)
        self.assertIn("never", out)
        rc, out, _ = run("next", "--history", self.csv(), "--propose",
                         "2026-12-01,botox,chronic_migraine,500", "--json")
        self.assertEqual(rc, 1)
        doc = json.loads(out)
        self.assertEqual((doc["result"], doc["earliest_date"]), ("never", None))

    def test_weight_needed(self):
        rc, out, _ = run("next", "--history", self.csv(), *DEMO, "--birth-date", "2015-01-01",
                         "--json")
        self.assertEqual(rc, 1)
        doc = json.loads(out)
        self.assertEqual((doc["result"], doc["earliest_date"]), ("weight_needed", None))
        rc, out, _ = run("next", "--history", self.csv(), *DEMO, "--birth-date", "2015-01-01")
        self.assertEqual(rc, 1)
        self.assertIn("weight", out)


class Headroom(unittest.TestCase):
    def csv(self):
        return os.path.join(DATA, "history.csv")

    def test_headroom(self):
        rc, out, err = run("headroom", "--history", self.csv(), "--date", "2026-12-01",
                           "--product", "botox", "--indication", "chronic_migraine")
        self.assertEqual(rc, 0, err)
        self.assertIn("225 U", out)  # 400 - (155 + 20)
        rc, out, _ = run("headroom", "--history", self.csv(), "--date", "2026-12-01",
                         "--product", "botox cosmetic", "--json")
        self.assertEqual(rc, 0)
        doc = json.loads(out)
        self.assertEqual((doc["result"], doc["headroom_units"], doc["unlimited"]),
                         ("ok", 225, False))
        self.assertIsNone(doc["dose"]["indication"])

    def test_unlimited(self):
        rc, out, _ = run("headroom", "--history", self.csv(), "--date", "2026-12-01",
                         "--product", "dysport")
        self.assertEqual(rc, 0)
        self.assertIn("unlimited (no window rule)", out)
        rc, out, _ = run("headroom", "--history", self.csv(), "--date", "2026-12-01",
                         "--product", "xeomin", "--json")
        doc = json.loads(out)
        self.assertEqual((doc["result"], doc["headroom_units"], doc["unlimited"]),
                         ("unlimited", None, True))

    def test_weight_needed(self):
        rc, out, _ = run("headroom", "--history", self.csv(), "--date", "2026-12-01",
                         "--product", "botox", "--birth-date", "2015-01-01")
        self.assertEqual(rc, 1)
        self.assertIn("weight", out)
        # 30 kg: 300 U limit - 175 U = 125 U.
        rc, out, _ = run("headroom", "--history", self.csv(), "--date", "2026-12-01",
                         "--product", "botox", "--birth-date", "2015-01-01",
                         "--weight-kg", "30", "--json")
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["headroom_units"], 125)

    def test_usage(self):
        rc, _, err = run("headroom", "--history", self.csv(), "--date", "2026-12-01")
        self.assertEqual(rc, 2)
        self.assertIn("--product", err)
        rc, _, err = run("headroom", "--history", self.csv(), "--date", "2026-13-01",
                         "--product", "botox")
        self.assertEqual(rc, 2)
        self.assertIn("--date", err)


class BadInput(Tmp):
    """Every bad input exits 2 with a message naming the file, the line and the field."""

    def expect_bad(self, name, content, where, mode="w", fmt=None):
        path = self.write(name, content, mode)
        args = ["check", "--history", path, *DEMO]
        if fmt:
            args += ["--format", fmt]
        rc, out, err = run(*args)
        self.assertEqual(rc, 2, f"{name}: {err}")
        self.assertEqual(out, "", name)
        self.assertIn(path + ":" + where if where.startswith(tuple("0123456789")) else where,
                      err, name)
        self.assertEqual(len(err.strip().splitlines()), 1, err)

    def test_csv(self):
        good = "2026-09-08,BOTOX,chronic_migraine,155\n"
        cases = [
            ("neg.csv", HEADER + good + good.replace("09-08", "10-08") + "2026-11-01,botox,,-5\n",
             "4: units: -5 is negative"),
            ("nan.csv", HEADER + "2026-11-01,botox,,nan\n", "2: units:"),
            ("NaN.csv", HEADER + "2026-11-01,botox,,NaN\n", "2: units:"),
            ("inf.csv", HEADER + "2026-11-01,botox,,inf\n", "2: units:"),
            ("infinity.csv", HEADER + "2026-11-01,botox,,-Infinity\n", "2: units:"),
            ("hex.csv", HEADER + "2026-11-01,botox,,0x10\n", "2: units:"),
            ("huge.csv", HEADER + "2026-11-01,botox,,1e999\n", "2: units:"),
            ("over.csv", HEADER + "2026-11-01,botox,,100001\n", "2: units:"),
            ("garbage.csv", HEADER + "2026-11-01,botox,,12abc\n", "2: units:"),
            ("space.csv", HEADER + "2026-11-01,botox,,1 2\n", "2: units:"),
            ("nbsp.csv", HEADER + "2026-11-01,botox,,1\u00a0\n", "2: units:"),
            ("nounits.csv", HEADER + "2026-11-01,botox,,\n", "2: units:"),
            ("date.csv", HEADER + "2026-02-29,botox,,5\n", "2: date:"),
            ("date2.csv", HEADER + "2026-2-01,botox,,5\n", "2: date:"),
            ("date3.csv", HEADER + "01/02/2026,botox,,5\n", "2: date:"),
            ("date4.csv", HEADER + "1899-12-31,botox,,5\n", "2: date:"),
            ("date5.csv", HEADER + "2026-01-01T10:00,botox,,5\n", "2: date:"),
            ("nodate.csv", HEADER + ",botox,,5\n", "2: date:"),
            ("product.csv", HEADER + good + "2026-11-01,Botux,,5\n", "3: product:"),
            ("noproduct.csv", HEADER + "2026-11-01,,,5\n", "2: product:"),
            ("indication.csv", HEADER + "2026-11-01,botox,migrane,5\n", "2: indication:"),
            ("trailing.csv", HEADER + "2026-11-01,botox,,5,\n", "2:"),
            ("short.csv", HEADER + "2026-11-01,botox,5\n", "2:"),
            ("quote.csv", HEADER + '2026-11-01,"botox,,5\n', "2:"),
            ("quote2.csv", HEADER + '2026-11-01,"botox"x,,5\n', "2:"),
            ("blank-then-bad.csv", HEADER + "\n\n" + "2026-11-01,botox,,-1\n", "4: units:"),
            ("missing.csv", "date,product,units\n2026-11-01,botox,5\n", "1: header:"),
            ("unknown.csv", "date,product,indication,units,notes\n", "1: header:"),
            ("dup.csv", "date,product,indication,units,date\n", "1: header:"),
            ("noheader.csv", good, "1: header:"),
            ("blankheader.csv", "\n" + HEADER, "1: header:"),
        ]
        for name, content, where in cases:
            with self.subTest(name=name):
                self.expect_bad(name, content, where)

    def test_empty_file(self):
        self.expect_bad("empty.csv", "", "empty file")
        self.expect_bad("empty.json", "", "empty file")

    def test_long_line(self):
        big = HEADER + "2026-11-01,botox,chronic_migraine," + "1" * (10 * 1024 * 1024) + "\n"
        self.expect_bad("long.csv", big, "2: line longer than 4096 bytes")
        # A line of exactly 4096 bytes is fine up to the units check.
        line = "2020-01-01,botox,chronic_migraine,"
        line += "0" * (4096 - len(line) - 1) + "5"
        self.assertEqual(len(line), 4096)
        path = self.write("edge.csv", HEADER + line + "\n")
        rc, _, err = run("check", "--history", path, *DEMO)
        self.assertEqual(rc, 0, err)
        path = self.write("edge2.csv", HEADER + line + "5\n")
        rc, _, err = run("check", "--history", path, *DEMO)
        self.assertEqual(rc, 2)
        self.assertIn(":2: line longer", err)

    def test_nul_byte(self):
        self.expect_bad("nul-byte.csv", (HEADER + "2026-11-01,bo\0tox,,5\n").encode(), "2:",
                        mode="wb")
        self.expect_bad("nul-byte.json", b'[{"date":"2026-11-01",\0}]', "1:", mode="wb")

    def test_json(self):
        rec = '{"date": "2026-09-08", "product": "BOTOX", "indication": "chronic_migraine", ' \
              '"units": 155}'
        cases = [
            ("neg.json", "[\n" + rec + ",\n" + rec + ",\n"
             '{"date": "2026-11-01", "product": "botox",\n "indication": "",\n "units": -5}]',
             "6: units: -5 is negative"),
            ("string-units.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":"5"}]', "1: units:"),
            ("nan.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":NaN}]', "1: units:"),
            ("inf.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":Infinity}]', "1: units:"),
            ("huge.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":1e999}]', "1: units:"),
            ("lead0.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":05}]', "1: units:"),
            ("bool.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":true}]', "1: units:"),
            ("null-ind.json", '[{"date":"2026-11-01","product":"botox","indication":null,'
             '"units":5}]', "1: indication:"),
            ("date.json", '[{"date":"2026-02-29","product":"botox","indication":"",'
             '"units":5}]', "1: date:"),
            ("date-num.json", '[{"date":20260201,"product":"botox","indication":"",'
             '"units":5}]', "1: date:"),
            ("product.json", '[\n{"date":"2026-11-01",\n"product":"botux","indication":"",'
             '"units":5}]', "3: product:"),
            ("indication.json", '[{"date":"2026-11-01","product":"botox",'
             '"indication":"migrane","units":5}]', "1: indication:"),
            ("missing.json", '[{"date":"2026-11-01","product":"botox","units":5}]',
             "1: indication:"),
            ("extra.json", '[{"date":"2026-11-01","product":"botox","indication":"",'
             '"units":5,"lot":"A1"}]', "1: unknown member 'lot'"),
            ("dup.json", '[{"date":"2026-11-01","date":"2026-11-01","product":"botox",'
             '"indication":"","units":5}]', "1: date:"),
            ("trailing.json", "[" + rec + "]\n]", "2:"),
            ("trailing-comma.json", "[" + rec + ",]", "1:"),
            ("object.json", rec, "1:"),
            ("nested.json", "[[" + rec + "]]", "1:"),
            ("unterminated.json", "[" + rec, "1:"),
            ("string.json", '[{"date":"2026-11-01', "1:"),
            ("escape.json", '[{"date":"2026\\x11-01","product":"botox","indication":"",'
             '"units":5}]', "1:"),
            ("control.json", '[{"date":"2026-11-01","product":"bo\ttox","indication":"",'
             '"units":5}]', "1:"),
            ("comment.json", "// history\n[]", "1:"),
            ("single.json", "[{'date':'2026-11-01'}]", "1:"),
            ("true.json", "true", "1:"),
        ]
        for name, content, where in cases:
            with self.subTest(name=name):
                self.expect_bad(name, content, where)

    def test_json_escapes_are_decoded(self):
        path = self.write("esc.json", '[{"date":"2026-09-08","product":"BOTOX\\u0020Cosmetic",'
                                      '"indication":"glabellar\\u005flines","units":2.0e1}]')
        rc, doc = self.check_json("check", "--history", path, *DEMO)
        self.assertEqual(rc, 0)
        self.assertEqual(doc["findings"][0]["total_units"], 20)

    def test_file_errors(self):
        rc, _, err = run("check", "--history", os.path.join(self.dir, "nope.csv"), *DEMO)
        self.assertEqual(rc, 2)
        self.assertIn("nope.csv", err)
        path = self.write("h.xml", "<x/>")
        rc, _, err = run("check", "--history", path, *DEMO)
        self.assertEqual(rc, 2)
        self.assertIn("h.xml", err)
        # A JSON file read as CSV fails on its header, never silently.
        path = self.write("h.csv", "[]\n")
        rc, _, err = run("check", "--history", path, *DEMO)
        self.assertEqual(rc, 2)
        self.assertIn("h.csv:1: header", err)

    def test_options(self):
        csv = os.path.join(DATA, "history.csv")
        cases = [
            (["check", *DEMO], "--history"),
            (["check", "--history", csv], "--propose"),
            (["next", "--history", csv], "--propose"),
            (["check", "--history", csv, "--propose", "2026-12-01,botox,155"], "--propose"),
            (["check", "--history", csv, "--propose", "2026-12-01,botox,,155"],
             "--propose: indication"),
            (["check", "--history", csv, "--propose", "2026-12-01,botox,chronic_migraine,-1"],
             "--propose: units"),
            (["check", "--history", csv, "--propose", "2026-12-32,botox,chronic_migraine,1"],
             "--propose: date"),
            (["check", "--history", csv, "--propose", "2026-12-01,bot,chronic_migraine,1"],
             "--propose: product"),
            (["check", "--history", csv, *DEMO, "--window-days", "90", "--window-weeks", "12"],
             "--window-weeks"),
            (["check", "--history", csv, *DEMO, "--window-days", "-5"], "--window-days"),
            (["check", "--history", csv, *DEMO, "--window-months", "x"], "--window-months"),
            (["check", "--history", csv, *DEMO, "--warn-fraction", "1.5"], "--warn-fraction"),
            (["check", "--history", csv, *DEMO, "--warn-fraction", "nan"], "--warn-fraction"),
            (["check", "--history", csv, *DEMO, "--min-spacing-days", "1.5"],
             "--min-spacing-days"),
            (["check", "--history", csv, *DEMO, "--weight-kg", "-3"], "--weight-kg"),
            (["check", "--history", csv, *DEMO, "--birth-date", "yesterday"], "--birth-date"),
            (["check", "--history", csv, *DEMO, "--json", "--json"], "twice"),
            (["check", "--history", csv, *DEMO, "--format", "xml"], "--format"),
            (["check", "--history", csv, *DEMO, "--pediatric"], "--pediatric"),
            (["check", "--history", csv, *DEMO, "extra"], "extra"),
            (["check", "--history", csv, *DEMO, "--window-days"], "needs a value"),
            (["check", "--history", csv, *DEMO, "--json=1"], "takes no value"),
            # Refused by the library: the tool says which argument.
            (["check", "--history", csv, *DEMO, "--weight-kg", "5000"], "patient"),
            (["next", "--history", csv, *DEMO, "--window-days", "200000"], "policy"),
            (["headroom", "--history", csv, "--date", "2026-12-01", "--product", "botox",
              "--window-months", "5000"], "policy"),
        ]
        for argv, word in cases:
            with self.subTest(argv=argv):
                rc, out, err = run(*argv)
                self.assertEqual(rc, 2, err)
                self.assertEqual(out, "")
                self.assertIn(word, err)

    def test_option_equals_form(self):
        csv = os.path.join(DATA, "history.csv")
        rc, _, err = run("check", "--history=" + csv,
                         "--propose=2026-12-01,botox,chronic_migraine,155")
        self.assertEqual(rc, 0, err)


class NonproprietaryNames(Tmp):
    """A nonproprietary name is the product labelled for the indication:
    onabotulinumtoxinA for glabellar lines is BOTOX Cosmetic (90 days between sessions,
    20 U per glabellar session), for chronic migraine BOTOX."""

    COSMETIC = HEADER + "2026-07-13,BOTOX Cosmetic,glabellar_lines,20\n"

    def test_generic_cosmetic_proposal_is_too_soon_not_just_unlabelled(self):
        hist = self.write("h.csv", self.COSMETIC)
        rc, doc = self.check_json("check", "--history", hist,
                                  "--propose", "2026-08-01,onabotulinumtoxinA,glabellar_lines,30")
        self.assertEqual(rc, 1)
        self.assertEqual(doc["proposal"]["product"], "BOTOX Cosmetic")
        by = {(f["code"], f["rule"]): f for f in doc["findings"]}
        soon = [f for f in doc["findings"] if f["code"] == "too_soon"]
        self.assertEqual(len(soon), 1)
        self.assertEqual(soon[0]["status"], "fail")
        self.assertEqual(soon[0]["severity"], "critical")
        self.assertEqual(soon[0]["earliest_date"], "2026-10-11")   # 2026-07-13 + 90 days
        self.assertNotIn("not_labelled", {c for c, _ in by})

    def test_generic_name_in_the_history_is_read_with_its_indication(self):
        hist = self.write("h.csv", HEADER + "2026-07-13,onabotulinumtoxinA,glabellar lines,20\n")
        rc, doc = self.check_json("check", "--history", hist,
                                  "--propose", "2026-08-01,BOTOX Cosmetic,glabellar_lines,20")
        self.assertEqual(rc, 1)
        soon = [f for f in doc["findings"] if f["code"] == "too_soon"][0]
        self.assertEqual(soon["status"], "fail")

    def test_generic_therapeutic_indication_is_botox(self):
        hist = self.write("h.csv", self.COSMETIC)
        rc, doc = self.check_json("check", "--history", hist,
                                  "--propose", "2026-08-01,onabotulinumtoxinA,chronic_migraine,155")
        self.assertEqual(doc["proposal"]["product"], "BOTOX")
        self.assertEqual(rc, 0)

    def test_protocol_and_headroom(self):
        rc, out, err = run("protocol", "onabotulinumtoxinA", "glabellar_lines", "--json")
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["product"], "BOTOX Cosmetic")
        hist = self.write("h.csv", self.COSMETIC)
        rc, out, err = run("headroom", "--history", hist, "--date", "2026-08-01",
                           "--product", "onabotulinumtoxinA", "--indication", "glabellar_lines",
                           "--json")
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["dose"]["product"], "BOTOX Cosmetic")

    def test_audit_rows(self):
        rows = self.write("p.csv", "patient,date,product,indication,units\n"
                          "7,2026-07-13,onabotulinumtoxinA,glabellar_lines,20\n"
                          "7,2026-08-01,onabotulinumtoxinA,glabellar_lines,20\n")
        rc, doc = self.check_json("audit", "--input", rows)
        self.assertEqual(rc, 1)
        (row,) = doc["flagged_rows"]
        self.assertEqual((row["product"], row["flags"]), ("BOTOX Cosmetic", ["too_soon"]))

    def test_brand_is_taken_as_written(self):
        hist = self.write("h.csv", self.COSMETIC)
        rc, doc = self.check_json("check", "--history", hist,
                                  "--propose", "2026-08-01,botox,glabellar_lines,20")
        self.assertEqual(doc["proposal"]["product"], "BOTOX")
        self.assertIn("not_labelled", {f["code"] for f in doc["findings"]})


class Limbs(Tmp):
    """--limbs and the limbs column (libbtxdose 1.2). The issue's child: 20 kg, Dysport for
    lower limb spasticity, 350 U (17.5 U/kg); the label allows at most 15 U/kg per leg
    treated: 300 U for one leg, 600 U for two."""

    CHILD = ["--birth-date", "2018-03-01", "--weight-kg", "20", "--weight-date", "2026-02-01"]
    PROPOSE = ["--propose", "2026-03-02,dysport,lower_limb_spasticity,350"]

    def history(self, rows="", header=HEADER):
        return self.write("h.csv", header + rows)

    def rule_27(self, doc):
        hits = [f for f in doc["findings"] if f["rule_id"] == 27]
        self.assertEqual(len(hits), 1, [f["rule"] for f in doc["findings"]])
        return hits[0]

    def test_one_leg_fails_at_300(self):
        rc, doc = self.check_json("check", "--history", self.history(), *self.PROPOSE,
                                  *self.CHILD, "--limbs", "1")
        self.assertEqual(rc, 1)
        f = self.rule_27(doc)
        self.assertEqual((f["rule"], f["status"], f["limit_units"], f["proposed_units"]),
                         ("dysport_ped_lls_limb", "fail", 300, 350))
        self.assertEqual(doc["proposal"]["limbs"], 1)

    def test_two_legs_pass(self):
        rc, doc = self.check_json("check", "--history", self.history(), *self.PROPOSE,
                                  *self.CHILD, "--limbs=2")
        self.assertEqual((rc, doc["fail_count"]), (0, 0))
        f = self.rule_27(doc)
        self.assertEqual((f["status"], f["limit_units"]), ("pass", 600))
        self.assertEqual(doc["proposal"]["limbs"], 2)
        rc, out, err = run("check", "--history", self.history(), *self.PROPOSE, *self.CHILD,
                           "--limbs", "2")
        self.assertEqual(rc, 0, err)
        self.assertIn("lower_limb_spasticity  350 U  2 limbs", out.splitlines()[0])

    def test_not_stated_is_not_checked(self):
        rc, doc = self.check_json("check", "--history", self.history(), *self.PROPOSE,
                                  *self.CHILD)
        self.assertEqual((rc, doc["fail_count"]), (0, 0))
        self.assertEqual(self.rule_27(doc)["status"], "not_checked")
        self.assertIsNone(doc["proposal"]["limbs"])
        self.assertGreaterEqual(doc["not_checked_count"], 1)

    def test_the_history_column_adds_the_day_s_limbs(self):
        # 150 U in one leg on the same day, 200 U proposed in the other: 350 U in two legs.
        header = "date,product,indication,units,limbs\n"
        propose = ["--propose", "2026-03-02,dysport,lower_limb_spasticity,200", "--limbs", "1"]
        for rows, status in (("2026-03-02,Dysport,lower_limb_spasticity,150,1\n", "pass"),
                             ("2026-03-02,Dysport,lower_limb_spasticity,150,\n", "not_checked"),
                             ("2026-03-02,Dysport,lower_limb_spasticity,150\n", "not_checked")):
            hdr = header if rows.count(",") == 4 else HEADER
            rc, doc = self.check_json("check", "--history", self.history(rows, hdr), *propose,
                                      *self.CHILD)
            self.assertEqual(self.rule_27(doc)["status"], status, rows)
        path = self.write("h.json", json.dumps([
            {"date": "2026-03-02", "product": "Dysport", "indication": "lower_limb_spasticity",
             "units": 150, "limbs": 1}]))
        rc, doc = self.check_json("check", "--history", path, *propose, *self.CHILD)
        self.assertEqual(self.rule_27(doc)["status"], "pass")

    def test_next_takes_limbs(self):
        rc, doc = self.check_json("next", "--history", self.history(), *self.PROPOSE,
                                  *self.CHILD, "--limbs", "1")
        self.assertEqual((rc, doc["result"], doc["proposal"]["limbs"]), (0, "ok", 1))
        self.assertEqual(doc["earliest_date"], "2026-03-02")

    def test_bad_limbs_option(self):
        for value in ("3", "0", "-1", "two", "", "1.0", "01"):
            rc, out, err = run("check", "--history", self.history(), *self.PROPOSE,
                               *self.CHILD, "--limbs", value)
            self.assertEqual((rc, out), (2, ""), value)
            self.assertEqual(err, f"btxdose: --limbs: '{value}' is not a number of limbs "
                                  "treated: 1 or 2\n")
        rc, out, err = run("check", "--history", self.history(),
                           "--propose", "2026-03-02,botox,chronic_migraine,155", "--limbs", "2")
        self.assertEqual((rc, out), (2, ""))
        self.assertTrue(err.startswith("btxdose: --limbs: 2 on a chronic_migraine proposal: "
                                       "refused by libbtxdose: "), err)
        rc, out, err = run("headroom", "--history", self.history(), "--date", "2026-03-02",
                           "--product", "dysport", "--limbs", "1")
        self.assertEqual(rc, 2)
        self.assertIn("unknown option '--limbs'", err)

    def test_bad_limbs_column(self):
        header = "date,product,indication,units,limbs\n"
        good = "2026-01-05,Dysport,lower_limb_spasticity,150,1\n"
        for value in ("3", "-1", "two", "0", "1.5"):
            path = self.history(good + f"2026-01-06,Dysport,lower_limb_spasticity,150,{value}\n",
                                header)
            rc, out, err = run("check", "--history", path, *self.PROPOSE, *self.CHILD)
            self.assertEqual((rc, out), (2, ""), value)
            self.assertEqual(err, f"btxdose: {path}:3: limbs: '{value}' is not a number of "
                                  "limbs treated: 1 or 2 (empty: not stated)\n")
        path = self.history(good + "2026-01-06,Botox,chronic_migraine,155,2\n", header)
        rc, out, err = run("check", "--history", path, *self.PROPOSE, *self.CHILD)
        self.assertEqual((rc, out), (2, ""))
        self.assertTrue(err.startswith(f"btxdose: {path}:3: limbs: 2 on a chronic_migraine "
                                       "record: refused by libbtxdose: "), err)
        path = self.write("h.json", '[{"date": "2026-01-05", "product": "Dysport",\n'
                                    ' "indication": "lower_limb_spasticity", "units": 150,\n'
                                    ' "limbs": 3}]')
        rc, out, err = run("check", "--history", path, *self.PROPOSE, *self.CHILD)
        self.assertEqual((rc, out), (2, ""))
        self.assertIn(f"{path}:3: limbs: '3' is not a number of limbs treated", err)


def main():
    global BINARY, DATA
    if len(sys.argv) < 3:
        print("usage: test_cli.py BTXDOSE_BINARY EXAMPLES_DATA_DIR [unittest args]",
              file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    DATA = os.path.abspath(sys.argv[2])
    prog = unittest.main(argv=[sys.argv[0], *sys.argv[3:]], exit=False, verbosity=1)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
