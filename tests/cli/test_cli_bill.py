# SPDX-License-Identifier: Apache-2.0
"""Tests of `btxdose bill` and `btxdose check --bill` (docs/cli.md, docs/billing.md), run
by CTest as

    python3 tests/cli/test_cli_bill.py BTXDOSE ROOT [--py-env NAME=VALUE ...] [unittest args]

ROOT is the source tree: the worked examples are read from the table of docs/billing.md
(the numbers typed there, never read back from the library) and every row is run through
`btxdose bill --json`. With --py-env (the environment that loads the Python package
against the same library: BTXDOSE_LIBRARY, PYTHONPATH, ...) the JSON is also compared
member by member with btxdose.bill(...).to_dict(). Standard library only.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import unittest

BINARY = None
ROOT = None
PY_ENV = None  # dict of extra environment for the Python package, or None
# A Windows build runs the tool through the Wine wrapper CTest passes (docs/windows.md).
EMULATOR = shlex.split(os.environ.get("BTX_EMULATOR", ""))

TODAY = "2026-03-02"
# Members of `bill --json` that Python's to_dict() does not have: the tool's header and
# the exit status (as every command's JSON).
TOOL_ONLY = {"tool", "library_version", "data_version", "exit_status"}


def run(*args):
    p = subprocess.run([*EMULATOR, BINARY, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def bill_args(e):
    args = ["bill", "--date", e["date"], "--product", e["product"], "--indication",
            e["indication"], "--units", e["units_text"]]
    if e["setting"] is not None:
        args += ["--setting", e["setting"]]
    return args


def bill_json(e):
    rc, out, err = run(*bill_args(e), "--json")
    if rc != 0:
        raise AssertionError("%s: exit %d: %s" % (" ".join(bill_args(e)), rc, err))
    return json.loads(out)


# ---- the worked examples of docs/billing.md ----

def number(text):
    """'2,500' -> 2500, '98.75' -> 98.75 (a whole number as int, as the JSON has it)."""
    v = float(text.replace(",", ""))
    return int(v) if v.is_integer() else v


DOSE = re.compile(r"^(?P<product>.+?) (?P<units>[\d,]+(?:\.\d+)?) U, (?P<indication>[^,(]+?)"
                  r"(?: \(off label\))?(?:, `(?P<setting>[a-z_]+)`)?"
                  r"(?:, (?P<date>\d{4}-\d\d-\d\d))?$")
SAME = re.compile(r"^the same on (?P<date>\d{4}-\d\d-\d\d)$")
VIAL = re.compile(r"^(\d+) x ([\d,]+)$")
LINE = re.compile(r"^(J\d{4})(?: (JW|JZ))? x ([\d,]+)$")
REMARK = re.compile(r"\s*\(([^()]*)\)")


def parse_vials(cell):
    """'1 x 500 + 2 x 300 U' -> [{'units': 500, 'count': 1}, {'units': 300, 'count': 2}]"""
    assert cell.endswith(" U"), cell
    out = []
    for part in cell[:-2].split(" + "):
        m = VIAL.match(part.strip())
        assert m, "vials: cannot read %r" % cell
        out.append({"units": number(m.group(2)), "count": int(m.group(1))})
    return out


def parse_lines(cell):
    """The lines cell -> (status, lines [(hcpcs, modifier, billing units)], remarks)."""
    if cell == "none: not covered, self-pay":
        return "cosmetic_self_pay", [], []
    m = re.match(r"^none \(`([a-z_]+)`\)$", cell)
    if m:
        return m.group(1), [], []
    remarks = REMARK.findall(cell)
    lines = []
    for item in REMARK.sub("", cell).split(";"):
        m = LINE.match(item.strip())
        assert m, "lines: cannot read %r" % cell
        lines.append((m.group(1), m.group(2) or "", number(m.group(3))))
    return "drug_lines", lines, remarks


def doc_examples():
    """Every row of the worked-examples table, each a dict of what the doc says."""
    text = open(os.path.join(ROOT, "docs", "billing.md"), encoding="utf-8").read()
    section = text[text.index("## Worked examples"):]
    rows = [ln for ln in section.splitlines() if ln.startswith("| ")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header == ["dose", "vials", "opened / discarded", "lines", "CPT (advisory)"], header
    examples, prev = [], None
    for row in rows[1:]:
        if row.startswith("|---"):
            continue
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        assert len(cells) == 5, row
        dose, vials, amounts, lines, cpt = cells
        e = {"row": row}
        m = SAME.match(dose)
        if m:
            assert prev is not None, row
            for key in ("product", "indication", "units", "units_text", "setting", "vials",
                        "opened", "discarded", "cpt"):
                e[key] = prev[key]
            e["date"] = m.group("date")
        else:
            m = DOSE.match(dose)
            assert m, "dose: cannot read %r" % dose
            e["product"] = m.group("product")
            e["indication"] = m.group("indication")
            e["units_text"] = m.group("units").replace(",", "")
            e["units"] = number(m.group("units"))
            e["setting"] = m.group("setting")
            e["date"] = m.group("date") or TODAY
        if vials:
            e["vials"] = parse_vials(vials)
        if amounts:
            m = re.match(r"^([\d,.]+) / ([\d,.]+) U$", amounts)
            assert m, "opened / discarded: cannot read %r" % amounts
            e["opened"], e["discarded"] = number(m.group(1)), number(m.group(2))
        if cpt:
            e["cpt"] = [] if cpt == "none" else [c.strip() for c in cpt.split(",")]
        for key in ("vials", "opened", "discarded", "cpt"):
            assert key in e, "%s: no %s" % (row, key)
        e["status"], e["lines"], e["remarks"] = parse_lines(lines)
        examples.append(e)
        prev = e
    return examples


class WorkedExamples(unittest.TestCase):
    """Every row of docs/billing.md's worked examples, through `btxdose bill --json`."""

    @classmethod
    def setUpClass(cls):
        cls.examples = doc_examples()

    def test_table_is_read(self):
        # The table is the one of the examples: cosmetic, no code, no code on the
        # date, JZ optional and absent, a setting without JW/JZ, each code.
        self.assertGreaterEqual(len(self.examples), 20)
        statuses = {e["status"] for e in self.examples}
        self.assertEqual(statuses, {"drug_lines", "cosmetic_self_pay", "no_code",
                                    "no_code_on_date"})
        codes = {l[0] for e in self.examples for l in e["lines"]}
        self.assertEqual(codes, {"J0585", "J0586", "J0587", "J0588", "J0589"})
        self.assertIn("rhc", {e["setting"] for e in self.examples})

    def test_every_example(self):
        for e in self.examples:
            with self.subTest(row=e["row"]):
                self.check_example(e, bill_json(e))

    def check_example(self, e, d):
        self.assertEqual(d["date"], e["date"])
        self.assertEqual(d["product"].lower(), e["product"].lower())
        self.assertEqual(d["indication"], e["indication"].replace(" ", "_"))
        self.assertEqual(d["setting"], e["setting"] or "office")
        self.assertEqual(d["dose_units"], e["units"])
        self.assertEqual(d["vials"], e["vials"])
        self.assertEqual(d["opened_units"], e["opened"])
        self.assertEqual(d["discarded_units"], e["discarded"])
        self.assertEqual(d["cpt"], e["cpt"])
        self.assertIs(d["cpt_advisory"], True)
        self.assertEqual(d["status"], e["status"])
        cosmetic = e["status"] == "cosmetic_self_pay"
        self.assertEqual(d["category"], "cosmetic" if cosmetic else "therapeutic")
        self.assertIs(d["covered"], not cosmetic)
        got = [(l["hcpcs"], l["modifier"], l["billing_units"]) for l in d["lines"]]
        self.assertEqual(got, e["lines"])
        if e["lines"]:
            self.assertEqual(d["hcpcs"], e["lines"][0][0])
            self.assertIn(d["billing_unit"], (1, 5, 100))
            self.assertEqual(d["waste_modifiers"],
                             "not_in_setting" if "JW/JZ do not apply" in e["remarks"]
                             else "jw_jz")
            optional = "JZ optional" in e["remarks"]
            for l in d["lines"]:
                self.assertIs(l["modifier_required"],
                              l["modifier"] != "" and not (optional and l["modifier"] == "JZ"))
        else:
            # No drug line: no code, no billing unit, no JW/JZ answer.
            self.assertIsNone(d["hcpcs"])
            self.assertIsNone(d["billing_unit"])
            self.assertIsNone(d["waste_modifiers"])
        self.check_sources(d)
        self.assertEqual(d["exit_status"], 0)

    def check_sources(self, d):
        """Every number carries its sources, and every source id resolves in
        docs/sources.md."""
        src = d["sources"]
        self.assertEqual(len(src["lines"]), len(d["lines"]))
        self.assertRegex(src["status"], r"\[B[HM]\d")
        self.assertRegex(src["vials"], r"\[BP\d")
        self.assertIn("BW16", src["vials"])
        for s in src["lines"]:
            self.assertRegex(s, r"\[BR\d")
        if d["lines"]:
            self.assertRegex(src["modifiers"], r"\[BW\d")
        if d["cpt"]:
            self.assertRegex(src["cpt"], r"\[BC\d")
        with open(os.path.join(ROOT, "docs", "sources.md"), encoding="utf-8") as f:
            known = set(re.findall(r"^### (B[A-Z]\d+)\s*$", f.read(), re.M))
        texts = [src["status"], src["modifiers"], src["cpt"], src["vials"], *src["lines"]]
        for t in texts:
            for group in re.findall(r"\[([^\]]*)\]", t):
                for sid in group.split(","):
                    self.assertIn(sid.strip(), known, t)

    def test_text_form(self):
        # The same answers for people: the vials, each line and the CPT codes.
        e = self.examples[0]  # BOTOX 1.25 U strabismus
        rc, out, err = run(*bill_args(e))
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "")
        self.assertIn("vials      1 x 100 U: 100 U opened, 98.75 U discarded", out)
        self.assertRegex(out, r"lines\s+J0585\s+x 2\s+1.25 U administered")
        self.assertRegex(out, r"\n\s+J0585 JW\s+x 98\s+98.75 U discarded")
        self.assertIn("67345 (advisory", out)
        for key in ("status", "line 1", "line 2", "JW/JZ", "cpt", "vials"):
            self.assertRegex(out, r"\n  %s\s+.*\[B" % re.escape(key))
        for e in self.examples:
            rc, out, err = run(*bill_args(e))
            self.assertEqual(rc, 0, err)
            if e["status"] == "cosmetic_self_pay":
                self.assertIn("none: not covered, self-pay", out)
                self.assertIn("code       none", out)
            elif e["status"] != "drug_lines":
                self.assertIn("(%s)" % e["status"], out)
            for hcpcs, mod, units in e["lines"]:
                self.assertRegex(out, r"%s %-2s\s+x %d " % (hcpcs, mod, units))
            if "JZ optional" in e["remarks"]:
                self.assertIn("(JZ optional on this date)", out)

    def test_same_as_python(self):
        if PY_ENV is None:
            self.skipTest("no --py-env given: the Python package is not compared")
        calls = [[e["date"], e["product"], e["indication"], e["units"], e["setting"] or "office"]
                 for e in self.examples]
        script = ("import json, sys, btxdose\n"
                  "calls = json.load(sys.stdin)\n"
                  "print(json.dumps([btxdose.bill(*c).to_dict() for c in calls]))\n")
        env = dict(os.environ)
        env.update(PY_ENV)
        p = subprocess.run([sys.executable, "-c", script], input=json.dumps(calls),
                           capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        python = json.loads(p.stdout)
        self.assertEqual(len(python), len(self.examples))
        for e, py in zip(self.examples, python):
            with self.subTest(row=e["row"]):
                cli = bill_json(e)
                self.assertEqual(set(cli) - set(py), TOOL_ONLY)
                self.assertEqual(set(py) - set(cli), set())
                for key, value in py.items():
                    if key == "lines":
                        self.assertEqual(len(cli["lines"]), len(value))
                        for c, q in zip(cli["lines"], value):
                            self.assertEqual(c, q)
                    else:
                        self.assertEqual(cli[key], value, key)


# ---- names, settings and bad input ----

BASE = ["bill", "--date", TODAY, "--product", "botox", "--indication", "chronic migraine",
        "--units", "155"]


def with_option(name, value):
    """BASE with one option's value replaced (or added)."""
    args = list(BASE)
    if name in args:
        args[args.index(name) + 1] = value
    else:
        args += [name, value]
    return args


class Names(unittest.TestCase):
    def answer(self, *args):
        rc, out, err = run(*args, "--json")
        self.assertEqual(rc, 0, err)
        return json.loads(out)

    def test_product_and_indication_names_as_check(self):
        # Brand, nonproprietary name and abbreviations, any case: the lookups of check.
        ref = self.answer(*BASE)
        for product in ("BOTOX", "Botox", "onabotulinumtoxinA", "ONABOTULINUMTOXINA"):
            for indication in ("chronic_migraine", "Chronic Migraine"):
                args = with_option("--product", product)
                args[args.index("--indication") + 1] = indication
                d = self.answer(*args)
                self.assertEqual(d["product"], "BOTOX")
                self.assertEqual(d["indication"], "chronic_migraine")
                self.assertEqual(d["lines"], ref["lines"])
        d = self.answer("bill", "--date", TODAY, "--product", "botox", "--indication", "OAB",
                        "--units", "100")
        self.assertEqual(d["indication"], "overactive_bladder")
        self.assertEqual(d["cpt"], ["52287"])
        d = self.answer("bill", "--date", TODAY, "--product", "abobotulinumtoxinA",
                        "--indication", "cervical dystonia", "--units", "500")
        self.assertEqual((d["product"], d["hcpcs"]), ("Dysport", "J0586"))

    def test_nonproprietary_name_is_the_labelled_product(self):
        # As in check: onabotulinumtoxinA for glabellar lines is BOTOX Cosmetic, whose 50 U
        # vial is orderable (20 U: one 50 U vial, 30 U discarded); the brand BOTOX is taken
        # as written (one 100 U vial, 80 U discarded). Both are cosmetic: no drug line.
        d = self.answer("bill", "--date", TODAY, "--product", "onabotulinumtoxinA",
                        "--indication", "glabellar lines", "--units", "20")
        self.assertEqual(d["product"], "BOTOX Cosmetic")
        self.assertEqual((d["vials"], d["discarded_units"]), ([{"units": 50, "count": 1}], 30))
        d = self.answer("bill", "--date", TODAY, "--product", "botox",
                        "--indication", "glabellar lines", "--units", "20")
        self.assertEqual(d["product"], "BOTOX")
        self.assertEqual((d["vials"], d["discarded_units"]), ([{"units": 100, "count": 1}], 80))
        self.assertEqual((d["covered"], d["lines"]), (False, []))
        # check --bill reads --propose the same way.
        with tempfile.TemporaryDirectory(prefix="btxdose-cli-bill-") as tmp:
            path = os.path.join(tmp, "empty.csv")
            with open(path, "w") as f:
                f.write("date,product,indication,units\n")
            rc, out, err = run("check", "--history", path, "--propose",
                               TODAY + ",onabotulinumtoxinA,glabellar_lines,20", "--bill",
                               "--json")
            self.assertIn(rc, (0, 1), err)
            self.assertEqual(json.loads(out)["bill"]["product"], "BOTOX Cosmetic")

    def test_settings(self):
        # (name, spelled-out form, whether JW/JZ apply): docs/billing.md's settings table.
        settings = [("office", "physician office", True),
                    ("hospital_outpatient", "hospital outpatient department", True),
                    ("asc", "ambulatory surgical center", True),
                    ("cah", "critical access hospital", True),
                    ("rhc", "rural health clinic", False),
                    ("fqhc", "federally qualified health center", False),
                    ("inpatient", "INPATIENT", False)]
        for name, spelled, applies in settings:
            for text in (name, spelled, name.upper()):
                d = self.answer(*with_option("--setting", text))
                self.assertEqual(d["setting"], name)
                if applies:
                    self.assertEqual(d["waste_modifiers"], "jw_jz")
                    self.assertEqual([l["modifier"] for l in d["lines"]], ["", "JW"])
                else:
                    self.assertEqual(d["waste_modifiers"], "not_in_setting")
                    self.assertEqual(d["lines"], [{"hcpcs": "J0585", "modifier": "",
                                                   "billing_units": 155,
                                                   "modifier_required": False}])
        # office is the default
        self.assertEqual(self.answer(*BASE)["setting"], "office")

    def test_help(self):
        rc, out, _ = run("help", "bill")
        self.assertEqual(rc, 0)
        for word in ("--date", "--product", "--indication", "--units", "--setting", "--json",
                     "office", "hospital_outpatient", "asc", "cah", "rhc", "fqhc", "inpatient"):
            self.assertIn(word, out)
        rc, out, _ = run("help")
        self.assertIn("bill --date", out)
        rc, out, _ = run("help", "check")
        self.assertIn("--bill", out)


class BadInput(unittest.TestCase):
    def refused(self, args, *words):
        rc, out, err = run(*args)
        self.assertEqual(rc, 2, (args, out, err))
        self.assertEqual(out, "", args)
        lines = err.splitlines()
        self.assertEqual(len(lines), 1, err)
        self.assertTrue(lines[0].startswith("btxdose: "), err)
        for w in words:
            self.assertIn(w, lines[0])
        # Never a guessed line.
        self.assertNotRegex(err, r"J05\d\d")

    def test_bad_values_are_named(self):
        cases = [
            (with_option("--product", "Botux"), "--product", "'Botux'"),
            (with_option("--product", ""), "--product", "missing"),
            (with_option("--indication", "strabismux"), "--indication", "'strabismux'"),
            (with_option("--units", "0"), "--units", "0 is not a dose"),
            (with_option("--units", "-5"), "--units", "-5"),
            (with_option("--units", "-0"), "--units", "-0"),
            (with_option("--units", "0.0001"), "--units", "0.0001"),
            (with_option("--units", "nan"), "--units", "'nan'"),
            (with_option("--units", "inf"), "--units", "'inf'"),
            (with_option("--units", "-inf"), "--units", "'-inf'"),
            (with_option("--units", "1e999"), "--units", "'1e999'"),
            (with_option("--units", "100000.5"), "--units", "100000.5"),
            (with_option("--units", "ten"), "--units", "'ten'"),
            (with_option("--date", "1899-12-31"), "--date", "1899-12-31",
             "1900-01-01..2199-12-31"),
            (with_option("--date", "2200-01-01"), "--date", "2200-01-01"),
            (with_option("--date", "2026-02-30"), "--date", "'2026-02-30'"),
            (with_option("--setting", "home"), "--setting", "'home'", "office", "inpatient"),
            (with_option("--setting", ""), "--setting", "missing"),
        ]
        for args, *words in cases:
            with self.subTest(args=args):
                self.refused(args, *words)
                self.refused(args + ["--json"], *words)

    def test_usage(self):
        for missing in ("--date", "--product", "--indication", "--units"):
            args = list(BASE)
            i = args.index(missing)
            del args[i:i + 2]
            with self.subTest(missing=missing):
                self.refused(args, missing, "required")
        self.refused(BASE + ["--history", "x.csv"], "unknown option", "--history")
        self.refused(BASE + ["--setting", "rhc", "--setting", "asc"], "given twice")
        self.refused(BASE + ["extra"], "unexpected argument")

    def test_largest_dose_is_answered(self):
        # The bound itself is a dose (100000 U of BOTOX: 500 vials of 200 U).
        rc, out, err = run(*with_option("--units", "100000"), "--json")
        self.assertEqual(rc, 0, err)
        self.assertEqual(json.loads(out)["vials"], [{"units": 200, "count": 500}])


# ---- check --bill ----

class CheckBill(unittest.TestCase):
    def setUp(self):
        self.history = os.path.join(ROOT, "examples", "data", "history.csv")
        self.check = ["check", "--history", self.history,
                      "--propose", "2026-12-01,botox,chronic_migraine,155"]

    def test_json(self):
        rc, out, err = run(*self.check, "--json")
        self.assertEqual(rc, 0, err)
        plain = json.loads(out)
        self.assertNotIn("bill", plain)
        rc, out, err = run(*self.check, "--bill", "--json")
        self.assertEqual(rc, 0, err)
        d = json.loads(out)
        # The findings are those without --bill; the bill is that of `btxdose bill`.
        self.assertEqual(d["findings"], plain["findings"])
        self.assertEqual(d["exit_status"], plain["exit_status"])
        rc, out, err = run("bill", "--date", "2026-12-01", "--product", "botox",
                           "--indication", "chronic_migraine", "--units", "155", "--json")
        self.assertEqual(rc, 0, err)
        alone = json.loads(out)
        self.assertEqual(d["bill"], {k: v for k, v in alone.items() if k not in TOOL_ONLY})
        self.assertEqual([(l["hcpcs"], l["modifier"], l["billing_units"])
                          for l in d["bill"]["lines"]], [("J0585", "", 155), ("J0585", "JW", 45)])
        self.assertEqual(d["bill"]["vials"], [{"units": 200, "count": 1}])
        self.assertEqual(d["bill"]["cpt"], ["64615"])

    def test_setting(self):
        rc, out, err = run(*self.check, "--bill", "--setting", "fqhc", "--json")
        self.assertEqual(rc, 0, err)
        b = json.loads(out)["bill"]
        self.assertEqual(b["setting"], "fqhc")
        self.assertEqual(b["waste_modifiers"], "not_in_setting")
        self.assertEqual(len(b["lines"]), 1)

    def test_text(self):
        rc, plain, err = run(*self.check)
        self.assertEqual(rc, 0, err)
        rc, out, err = run(*self.check, "--bill")
        self.assertEqual(rc, 0, err)
        # The findings first, unchanged, then the plan and the lines.
        self.assertTrue(out.startswith(plain), out)
        rest = out[len(plain):]
        self.assertIn("vials      1 x 200 U: 200 U opened, 45 U discarded", rest)
        self.assertRegex(rest, r"lines\s+J0585\s+x 155\s")
        self.assertRegex(rest, r"J0585 JW\s+x 45\s")
        self.assertIn("64615", rest)
        self.assertIn("[BH1", rest)

    def test_fail_keeps_exit_1(self):
        # The bill does not change the check's verdict.
        args = ["check", "--history", self.history,
                "--propose", "2026-11-24,botox,chronic_migraine,155", "--bill", "--json"]
        rc, out, err = run(*args)
        self.assertEqual(rc, 1, err)
        d = json.loads(out)
        self.assertEqual(d["result"], "fail")
        self.assertEqual(len(d["bill"]["lines"]), 2)

    def test_cosmetic(self):
        with tempfile.TemporaryDirectory(prefix="btxdose-cli-bill-") as tmp:
            path = os.path.join(tmp, "empty.csv")
            with open(path, "w") as f:
                f.write("date,product,indication,units\n")
            rc, out, err = run("check", "--history", path, "--propose",
                               "2026-03-02,BOTOX Cosmetic,glabellar_lines,20", "--bill")
            self.assertEqual(rc, 0, err)
            self.assertIn("none: not covered, self-pay", out)

    def test_bad_input(self):
        def refused(args, *words):
            rc, out, err = run(*args)
            self.assertEqual(rc, 2, (args, out, err))
            self.assertEqual(out, "")
            self.assertEqual(len(err.splitlines()), 1, err)
            for w in words:
                self.assertIn(w, err)
        refused(self.check + ["--bill", "--setting", "home"], "--setting", "'home'")
        refused(self.check + ["--setting", "rhc"], "--setting", "--bill")
        # A proposal of 0 units is checked, but it is no dose to bill.
        zero = ["check", "--history", self.history,
                "--propose", "2026-12-01,botox,chronic_migraine,0"]
        rc, _, err = run(*zero)
        self.assertEqual(rc, 0, err)
        refused(zero + ["--bill"], "units", "0 is not a dose")
        refused(["next", "--history", self.history,
                 "--propose", "2026-12-01,botox,chronic_migraine,155", "--bill"],
                "unknown option", "--bill")


def main():
    global BINARY, ROOT, PY_ENV
    argv = sys.argv[1:]
    if len(argv) < 2:
        print("usage: test_cli_bill.py BTXDOSE_BINARY SOURCE_ROOT [--py-env NAME=VALUE ...] "
              "[unittest args]", file=sys.stderr)
        return 2
    BINARY = os.path.abspath(argv[0])
    ROOT = os.path.abspath(argv[1])
    rest = []
    i = 2
    while i < len(argv):
        if argv[i] == "--py-env" and i + 1 < len(argv):
            name, _, value = argv[i + 1].partition("=")
            PY_ENV = PY_ENV or {}
            PY_ENV[name] = value
            i += 2
        else:
            rest.append(argv[i])
            i += 1
    prog = unittest.main(argv=[sys.argv[0], *rest], exit=False, verbosity=1)
    return 0 if prog.result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
