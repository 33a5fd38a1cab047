# SPDX-License-Identifier: Apache-2.0
"""The ABI gate watches the public surface only (CTest abi_suppressions, label abi).

Usage: test-abignore.py SOURCE_DIR WORK_DIR

Takes the committed baseline abi/libbtxdose.abi, writes altered copies of it, and runs
the gate's own comparison on each (abi/check-abi.sh --compare: the same abidiff command
with abi/libbtxdose.abignore):

- every change to a public type (a type of include/btxdose/*.h: a struct member's type,
  offset or presence, an enum value, a typedef, an anonymous enum or struct) must still
  fail the gate;
- every change to an internal type (declared in lib/) must pass it;
- moving declarations to other lines must pass it.

Each altered copy is first compared with no suppressions at all, which must report an
ABI change: so a pass means the suppression hid a real change, and a failure is not an
artefact of a broken copy. Weakening abi/libbtxdose.abignore so that it hides a public
type (by name, by location, or everything) makes this test fail.
"""

import os
import re
import subprocess
import sys

SRC = os.path.abspath(sys.argv[1])
WORK = os.path.abspath(sys.argv[2])
CHECK = os.path.join(SRC, "abi", "check-abi.sh")
BASELINE = os.path.join(SRC, "abi", "libbtxdose.abi")
ABI_CHANGE = (4, 12)   # abidiff: 4 = ABI change, 8 = incompatible change (with 4)

os.makedirs(WORK, exist_ok=True)
NO_SUPPRESSIONS = os.path.join(WORK, "empty.abignore")
with open(NO_SUPPRESSIONS, "w") as f:
    f.write("")
with open(BASELINE) as f:
    BASE = f.read()

failures = []

# The types this test adds use these ids; the baseline's own ids must not clash with them.
for synthetic in ("5e1f0001", "5e1f0003", "5e1f0004", "7e1f0001", "7e1f0002", "7e1f0003",
                  "7e1f0004"):
    if "id='%s'" % synthetic in BASE:
        raise AssertionError("the baseline already uses type id %s: change the test's ids"
                             % synthetic)


def gate(old, new, suppressions=None):
    """Run the gate's comparison; returns (exit code, report)."""
    argv = ["bash", CHECK, "--compare", old, new, SRC]
    if suppressions:
        argv.append(suppressions)
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       universal_newlines=True)
    return p.returncode, p.stdout


def write(name, text):
    path = os.path.join(WORK, name + ".abi")
    with open(path, "w") as f:
        f.write(text)
    return path


def sub(text, pattern, repl, flags=0):
    """re.subn that must change something."""
    out, n = re.subn(pattern, repl, text, flags=flags)
    if n == 0 or out == text:
        raise AssertionError("alteration did not apply: %r" % pattern)
    return out


def in_blocks(text, kind, name, fn):
    """Apply fn to every definition <KIND name='NAME' ...>...</KIND> (not to
    declaration-only lines); at least one must exist."""
    pat = re.compile(r"<%s name='%s' [^>]*[^/]>.*?</%s>" % (kind, re.escape(name), kind),
                     re.S)
    count = [0]

    def one(m):
        count[0] += 1
        return fn(m.group(0))
    out = pat.sub(one, text)
    if count[0] == 0:
        raise AssertionError("no definition of %s %s in the baseline" % (kind, name))
    return out


def type_id(text, typedef):
    m = re.search(r"<typedef-decl name='%s' [^>]*\bid='([0-9a-f]+)'" % typedef, text)
    if not m:
        raise AssertionError("no typedef %s in the baseline" % typedef)
    return m.group(1)


def check(name, old_text, new_text, public, markers=()):
    """public: the gate must fail and its report name every marker; else it must pass."""
    old = write(name + ".old", old_text)
    new = write(name + ".new", new_text)
    rc0, rep0 = gate(old, new, NO_SUPPRESSIONS)
    if rc0 not in ABI_CHANGE:
        failures.append("%s: without suppressions abidiff should see an ABI change, got "
                        "exit %d:\n%s" % (name, rc0, rep0))
        return
    rc, rep = gate(old, new)
    if public:
        missing = [m for m in markers if m not in rep]
        if rc not in ABI_CHANGE or missing:
            failures.append("%s: a public change must fail the gate (exit %d, report "
                            "lacks %s):\n%s" % (name, rc, missing, rep))
            return
    elif rc != 0:
        failures.append("%s: an internal change must pass the gate (exit %d):\n%s"
                        % (name, rc, rep))
        return
    print("ok   %-40s %s" % (name, "fails the gate" if public else "passes the gate"))


# ---- sanity: the baseline against itself ----
rc, rep = gate(BASELINE, BASELINE)
if rc != 0:
    failures.append("baseline against itself: exit %d\n%s" % (rc, rep))

I32 = type_id(BASE, "int32_t")
U32 = type_id(BASE, "uint32_t")
INT_ENUM_UNDERLYING = re.search(
    r"<enum-decl name='btx_error' [^>]*>\s*<underlying-type type-id='([0-9a-f]+)'", BASE).group(1)


def member_type(struct, member, new_type):
    return lambda block: sub(block, r"(<var-decl name='%s' type-id=')%s'" % (member, I32),
                             r"\g<1>%s'" % new_type)


# ---- public types: each change must fail the gate ----

# A member's type (same size, int32_t -> uint32_t) in the frozen 24-byte record.
check("public_member_type_frozen_struct", BASE,
      in_blocks(BASE, "class-decl", "btx_administration",
                member_type("btx_administration", "product", U32)),
      True, ["btx_administration", "product"])

# The same in a size-prefixed struct (the kind that may only grow at the end).
check("public_member_type_size_prefixed", BASE,
      in_blocks(BASE, "class-decl", "btx_finding", member_type("btx_finding", "code", U32)),
      True, ["btx_finding", "code"])


def swap_status_severity(block):
    block = sub(block, r"<var-decl name='status' ", "<var-decl name='@@tmp' ")
    block = sub(block, r"<var-decl name='severity' ", "<var-decl name='status' ")
    return sub(block, r"<var-decl name='@@tmp' ", "<var-decl name='severity' ")


# Two members swapped: each one's offset changes, the size does not.
check("public_member_offset", BASE,
      in_blocks(BASE, "class-decl", "btx_finding", swap_status_severity),
      True, ["btx_finding", "offset changed"])

# A member removed from the middle of a size-prefixed struct.
check("public_member_removed", BASE,
      in_blocks(BASE, "class-decl", "btx_policy",
                lambda b: sub(b, r"\n\s*<data-member [^>]*>\s*<var-decl name='history_complete'"
                                 r"[^>]*/>\s*</data-member>", "")),
      True, ["btx_policy", "history_complete"])


def append_member(block):
    block = sub(block, r"^(<class-decl name='btx_policy' size-in-bits=')320'", r"\g<1>384'")
    return sub(block, r"(\n\s*)</class-decl>$",
               r"\1  <data-member access='public' layout-offset-in-bits='320'>"
               r"\1    <var-decl name='appended' type-id='%s' visibility='default' "
               r"filepath='include/btxdose/record.h' line='68' column='1'/>"
               r"\1  </data-member>\1</class-decl>" % I32)


# A member appended at the end (compatible by the size-prefix rule, but an ABI change all
# the same: the baseline must record it, in its own commit).
check("public_member_appended", BASE,
      in_blocks(BASE, "class-decl", "btx_policy", append_member),
      True, ["btx_policy", "appended"])

# An enum value renumbered (btx_error, reached by no function: found only because the
# gate compares types that no function reaches).
check("public_enum_renumbered", BASE,
      sub(BASE, r"<enumerator name='BTX_ENOSPC' value='-4'/>",
          "<enumerator name='BTX_ENOSPC' value='-9'/>"),
      True, ["btx_error", "BTX_ENOSPC"])

check("public_flag_renumbered", BASE,
      sub(BASE, r"<enumerator name='BTX_AUDIT_SCHEDULE' value='4'/>",
          "<enumerator name='BTX_AUDIT_SCHEDULE' value='64'/>"),
      True, ["btx_audit_flag", "BTX_AUDIT_SCHEDULE"])

# An enumerator removed.
check("public_enumerator_removed", BASE,
      in_blocks(BASE, "enum-decl", "btx_product",
                lambda b: sub(b, r"\n\s*<enumerator name='[A-Z_]+' value='[0-9]+'/>(\s*</enum-decl>)$",
                              r"\1")),
      True, ["btx_product"])

# An enumerator appended (compatible, but abidiff alone calls it harmless and passes it;
# the gate must not, or the new value would stay unprotected).
check("public_enumerator_appended", BASE,
      sub(BASE, r"(\n\s*)(<enumerator name='BTX_EWEIGHT' value='-8'/>)",
          r"\1\2\1<enumerator name='BTX_ETESTAPPENDED' value='-99'/>"),
      True, ["btx_error", "BTX_ETESTAPPENDED"])

# A public typedef retargeted (btx_date: int32_t -> uint32_t).
check("public_typedef", BASE,
      sub(BASE, r"(<typedef-decl name='btx_date' type-id=')%s'" % I32, r"\g<1>%s'" % U32),
      True, ["btx_date"])

# A public enum removed from the headers altogether.
check("public_enum_removed", BASE,
      sub(BASE, r"\n\s*<enum-decl name='btx_audit_flag' .*?</enum-decl>", "", re.S),
      True, ["btx_audit_flag"])

# Anonymous types of a public header: an `enum { ... };` and a `typedef struct { ... }`,
# declared in include/btxdose/ (no such type exists today; the gate must not need a name
# to see one). The same types declared in lib/ are the control: they pass.
ANCHOR = "    <enum-decl name='btx_error' "


def with_anonymous(text, where, value, offset):
    decls = (
        "    <enum-decl name='' is-anonymous='yes' is-non-reachable='yes' filepath='%(w)s' "
        "line='90' column='1' id='5e1f0001'>\n"
        "      <underlying-type type-id='%(u)s'/>\n"
        "      <enumerator name='BTX_TEST_LIMIT_A' value='%(v)d'/>\n"
        "      <enumerator name='BTX_TEST_LIMIT_B' value='64'/>\n"
        "    </enum-decl>\n"
        "    <class-decl name='' size-in-bits='64' is-struct='yes' is-anonymous='yes' "
        "naming-typedef-id='5e1f0004' is-non-reachable='yes' visibility='default' "
        "filepath='%(w)s' line='95' column='1' id='5e1f0003'>\n"
        "      <data-member access='public' layout-offset-in-bits='0'>\n"
        "        <var-decl name='first' type-id='%(i)s' visibility='default' filepath='%(w)s' "
        "line='96' column='1'/>\n"
        "      </data-member>\n"
        "      <data-member access='public' layout-offset-in-bits='%(o)d'>\n"
        "        <var-decl name='second' type-id='%(i)s' visibility='default' filepath='%(w)s' "
        "line='97' column='1'/>\n"
        "      </data-member>\n"
        "    </class-decl>\n"
        "    <typedef-decl name='btx_test_pair' type-id='5e1f0003' filepath='%(w)s' "
        "line='98' column='1' id='5e1f0004'/>\n") % {
            "w": where, "u": INT_ENUM_UNDERLYING, "v": value, "i": I32, "o": offset}
    if text.count(ANCHOR) != 1:
        raise AssertionError("anchor for the anonymous types not found once")
    return text.replace(ANCHOR, decls + ANCHOR)


ENUM_ONLY = re.compile(r"\n    <class-decl name='' .*?</class-decl>\n    <typedef-decl name='btx_test_pair' [^\n]*", re.S)
STRUCT_ONLY = re.compile(r"\n    <enum-decl name='' is-anonymous='yes' [^\n]*line='90'.*?</enum-decl>", re.S)


def anonymous_pair(where, keep, changed):
    old = with_anonymous(BASE, where, 16, 32)
    new = with_anonymous(BASE, where, 17 if changed == "enum" else 16,
                         40 if changed == "struct" else 32)
    drop = ENUM_ONLY if keep == "enum" else STRUCT_ONLY
    return sub(old, drop, ""), sub(new, drop, "")


check("public_anonymous_enum", *anonymous_pair("include/btxdose/catalog.h", "enum", "enum"),
      public=True, markers=["BTX_TEST_LIMIT_A"])
check("public_anonymous_struct", *anonymous_pair("include/btxdose/record.h", "struct", "struct"),
      public=True, markers=["btx_test_pair", "second"])
check("internal_anonymous_struct", *anonymous_pair("lib/evaluate.c", "struct", "struct"),
      public=False)

# ---- internal types: each change must pass the gate ----

# Rename an internal struct and its typedef (struct pass of lib/audit.c).
renamed = sub(BASE, r"<class-decl name='pass' ", "<class-decl name='pass_state' ")
renamed = sub(renamed, r"<typedef-decl name='pass' ", "<typedef-decl name='pass_state' ")
check("internal_struct_renamed", BASE, renamed, False)

# An internal struct's members and size change (btx__civil of lib/calendar.h; dumps keep
# internal structs as declarations only, so give it a definition on both sides).
CIVIL_DECL = re.compile(r"<class-decl name='btx__civil' is-struct='yes' (is-non-reachable='yes' "
                        r"visibility='default' filepath='lib/calendar.h' line='[0-9]+' column='1') "
                        r"is-declaration-only='yes' (id='[0-9a-f]+')/>")


def civil(members):
    def one(m):
        body = "".join(
            "\n      <data-member access='public' layout-offset-in-bits='%d'>"
            "\n        <var-decl name='%s' type-id='%s' visibility='default' "
            "filepath='lib/calendar.h' line='20' column='1'/>"
            "\n      </data-member>" % (32 * i, n, U32) for i, n in enumerate(members))
        return ("<class-decl name='btx__civil' size-in-bits='%d' is-struct='yes' %s %s>%s"
                "\n    </class-decl>" % (32 * len(members), m.group(1), m.group(2), body))
    return sub(BASE, CIVIL_DECL, one)


check("internal_struct_members", civil(["y", "m", "d"]), civil(["y", "m", "d", "pad"]), False)

# A new translation unit (a future lib/ module) with its internal struct, typedef and
# enums, as abidw writes them.
if "lib/btx_future.c" in BASE or "'future_set'" in BASE:
    raise AssertionError("the baseline already has lib/btx_future.c: pick another name")
NEW_TU = (
    "  <abi-instr address-size='64' path='lib/btx_future.c' language='LANG_C11'>\n"
    "    <class-decl name='future_set' is-struct='yes' is-non-reachable='yes' visibility='default' "
    "filepath='lib/btx_future.c' line='12' column='1' is-declaration-only='yes' id='7e1f0001'/>\n"
    "    <typedef-decl name='future_set' type-id='7e1f0001' filepath='lib/btx_future.c' line='20' "
    "column='1' id='7e1f0002'/>\n"
    "    <enum-decl name='future_kind' is-non-reachable='yes' filepath='lib/btx_future.h' line='8' "
    "column='1' id='7e1f0003'>\n"
    "      <underlying-type type-id='%s'/>\n"
    "    </enum-decl>\n"
    "    <enum-decl name='' is-anonymous='yes' is-non-reachable='yes' filepath='lib/btx_future.c' "
    "line='30' column='1' id='7e1f0004'>\n"
    "      <underlying-type type-id='%s'/>\n"
    "    </enum-decl>\n"
    "  </abi-instr>\n" % (INT_ENUM_UNDERLYING, INT_ENUM_UNDERLYING))
with_tu = sub(BASE, r"</abi-corpus>\s*$", NEW_TU.replace("\\", "\\\\") + "</abi-corpus>\n")
check("internal_types_added", BASE, with_tu, False)
check("internal_types_removed", with_tu, BASE, False)

# All of them at once.
everything = sub(civil(["y", "m", "d", "pad"]), r"<class-decl name='pass' ",
                 "<class-decl name='pass_state' ")
everything = sub(everything, r"</abi-corpus>\s*$", NEW_TU.replace("\\", "\\\\") + "</abi-corpus>\n")
check("internal_all_at_once", civil(["y", "m", "d"]), everything, False)

# ---- locations only: every declaration moved 7 lines down passes (no ABI change) ----
moved = sub(BASE, r"\bline='(\d+)'", lambda m: "line='%d'" % (int(m.group(1)) + 7))
rc, rep = gate(BASELINE, write("moved.new", moved))
if rc != 0:
    failures.append("declarations moved to other lines: exit %d\n%s" % (rc, rep))
else:
    print("ok   %-40s passes the gate" % "locations_only")

if failures:
    print("\nFAILED:\n\n" + "\n\n".join(failures))
    sys.exit(1)
print("all alterations judged as expected")
