# SPDX-License-Identifier: Apache-2.0
"""The private ctypes layer: symbol table, struct mirrors, error mapping, loading."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import textwrap
from ctypes import byref, c_size_t, sizeof
from pathlib import Path

import pytest

import btxdose
from btxdose import _ffi
from conftest import PYTHON_DIR, REPO, child_env

MAP_FILE = REPO / "lib" / "libbtxdose.map"


def map_symbols(node: str) -> list:
    """Symbols listed under ``global:`` of one version node of the linker map."""
    text = re.sub(r"/\*.*?\*/", "", MAP_FILE.read_text(), flags=re.S)
    m = re.search(re.escape(node) + r"\s*\{(.*?)\}", text, flags=re.S)
    assert m, f"no node {node} in {MAP_FILE}"
    body = m.group(1).split("local:")[0].replace("global:", "")
    return [s.strip() for s in body.split(";") if s.strip()]


def test_table_declares_every_1_0_symbol() -> None:
    declared = [name for name, _, _, _ in _ffi.FUNCTIONS]
    exported = map_symbols("BTXDOSE_1.0")
    assert len(exported) == 37
    assert len(declared) == len(set(declared)) == 37
    assert sorted(declared) == sorted(exported)


def test_every_function_has_explicit_restype_and_errcheck_for_status() -> None:
    for name, argtypes, restype, errcheck in _ffi.FUNCTIONS:
        fn = getattr(_ffi.lib, name)
        assert restype is not None, name
        assert fn.restype is restype, name
        assert list(fn.argtypes) == list(argtypes), name
        if restype is ctypes.c_int and name not in ("btx_version_number",
                                                     "btx_product_substance"):
            assert errcheck is _ffi.check_status, name
        if restype is ctypes.c_char_p:
            assert errcheck is _ffi.to_str, name
            assert isinstance(fn(1) if argtypes else fn(), str), name


def test_administration_mirror_is_24_bytes() -> None:
    A = _ffi.Administration_c
    assert sizeof(A) == 24
    assert [getattr(A, f).offset for f in ("date", "product", "indication", "flags", "units")] \
        == [0, 4, 8, 12, 16]
    assert _ffi.lib.btx_sizeof_administration() == 24


@pytest.mark.parametrize("mirror,sizer,lp64", [
    (_ffi.Patient_c, "btx_sizeof_patient", 24),
    (_ffi.Policy_c, "btx_sizeof_policy", 40),
    (_ffi.Protocol_c, "btx_sizeof_protocol", 176),
    (_ffi.Region_c, "btx_sizeof_region", 72),
    (_ffi.Finding_c, "btx_sizeof_finding", 88),
])
def test_size_prefixed_mirrors(mirror, sizer, lp64) -> None:
    assert sizeof(mirror) == getattr(_ffi.lib, sizer)()
    if sizeof(ctypes.c_void_p) == 8:
        assert sizeof(mirror) == lp64
    assert mirror().struct_size == sizeof(mirror)      # the constructor sets it
    assert mirror(struct_size=8).struct_size == 8       # unless the caller does


def test_finding_and_protocol_offsets() -> None:
    if sizeof(ctypes.c_void_p) != 8:
        pytest.skip("LP64 offsets")
    F, P = _ffi.Finding_c, _ffi.Protocol_c
    assert (F.code.offset, F.limit_units.offset, F.window_start.offset, F.evidence.offset,
            F.message.offset, F.source.offset) == (8, 24, 56, 68, 72, 80)
    assert (P.dose_units.offset, P.sites.offset, P.reserved.offset, P.source.offset) \
        == (32, 96, 124, 128)
    # 1.2: appended after source, nothing before it moved
    assert (P.per_limb.offset, P.reserved2.offset, P.limb_cap_units.offset,
            P.limb_cap_units_per_kg.offset, P.site_max_units.offset, P.site_max_ml.offset) \
        == (136, 140, 144, 152, 160, 168)


@pytest.mark.parametrize("code,cls,base", [
    (-1, btxdose.BtxInvalidError, ValueError),
    (-2, btxdose.BtxRangeError, ValueError),
    (-3, btxdose.BtxNotFoundError, LookupError),
    (-4, btxdose.BtxNoSpaceError, btxdose.BtxError),
    (-5, btxdose.BtxParseError, ValueError),
    (-6, btxdose.BtxVersionError, btxdose.BtxError),
    (-7, btxdose.BtxNeverError, btxdose.BtxError),
    (-8, btxdose.BtxWeightError, btxdose.BtxError),
])
def test_error_mapping(code, cls, base) -> None:
    err = _ffi.error_for(code, "btx_something")
    assert type(err) is cls and isinstance(err, base) and isinstance(err, btxdose.BtxError)
    assert err.code == code == cls.CODE == int(btxdose.ErrorCode(code))
    text = _ffi.lib.btx_strerror(code)
    assert text and text != "unknown error"
    assert err.text == text and text in str(err) and "btx_something" in str(err)
    with pytest.raises(cls):
        _ffi.check_status(code, None, ())


def test_unknown_code_is_the_base_class() -> None:
    err = _ffi.error_for(-99)
    assert type(err) is btxdose.BtxError and err.code == -99
    assert _ffi.check_status(0, None, ()) == 0


def test_raw_call_errcheck_raises_with_library_text() -> None:
    out = ctypes.c_int32(0)
    with pytest.raises(btxdose.BtxParseError) as ei:
        _ffi.lib.btx_date_parse(b"2025-02-29", byref(out))
    assert ei.value.code == -5
    assert _ffi.lib.btx_strerror(-5) in str(ei.value)


def test_wrong_struct_size_is_refused_protocol() -> None:
    p = _ffi.Protocol_c()
    p.struct_size = 8
    with pytest.raises(btxdose.BtxVersionError) as ei:
        _ffi.lib.btx_protocol_lookup(1, 1, 1, byref(p))
    assert ei.value.code == -6


def _raw_evaluate(patient=None, findings=None, capacity=4):
    prop = _ffi.Administration_c(date=20180, product=1, indication=1, flags=0, units=155.0)
    if findings is None:
        findings = (_ffi.Finding_c * capacity)()
        findings[0].struct_size = sizeof(_ffi.Finding_c)
    count = c_size_t(0)
    _ffi.lib.btx_evaluate(patient, None, None, 0, byref(prop), findings, capacity,
                          byref(count))
    return count.value


def test_wrong_struct_size_is_refused_patient_and_findings() -> None:
    assert _raw_evaluate() >= 1
    small = _ffi.Patient_c(birth_date=_ffi.DATE_UNKNOWN, weight_date=_ffi.DATE_UNKNOWN)
    small.struct_size = 16
    with pytest.raises(btxdose.BtxVersionError):
        _raw_evaluate(patient=byref(small))
    findings = (_ffi.Finding_c * 4)()
    findings[0].struct_size = 40
    with pytest.raises(btxdose.BtxVersionError):
        _raw_evaluate(findings=findings)
    policy = _ffi.Policy_c()
    policy.struct_size = 32
    prop = _ffi.Administration_c(date=20180, product=1, indication=1, flags=0, units=1.0)
    out = ctypes.c_int32(0)
    with pytest.raises(btxdose.BtxVersionError):
        _ffi.lib.btx_earliest_date(None, byref(policy), None, 0, byref(prop), byref(out))


# ---------------------------------------------------------------------- loading

def _run(code: str, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=60)


def test_loads_the_soname() -> None:
    name = os.path.basename(btxdose.library_path)
    if os.environ.get("BTXDOSE_LIBRARY"):
        assert btxdose.library_path == os.environ["BTXDOSE_LIBRARY"]
    else:
        assert name == "libbtxdose.so.1"


def test_btxdose_library_missing_file_is_oserror_naming_it(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "libbtxdose.so.1")
    r = _run("import btxdose", child_env(BTXDOSE_LIBRARY=missing))
    assert r.returncode != 0
    assert "OSError" in r.stderr and missing in r.stderr


def _copy_package(dest: Path) -> Path:
    pkg = dest / "btxdose"
    shutil.copytree(PYTHON_DIR / "btxdose", pkg,
                    ignore=shutil.ignore_patterns("__pycache__", "*.so*", "_audit.py"))
    return pkg


def test_copy_next_to_package_is_found(tmp_path: Path) -> None:
    pkg = _copy_package(tmp_path)
    shutil.copyfile(os.path.realpath(btxdose.library_path), pkg / "libbtxdose.so.1")
    env = child_env()
    env.pop("BTXDOSE_LIBRARY", None)
    env["PYTHONPATH"] = str(tmp_path)
    r = _run("import btxdose; print(btxdose.library_path)", env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(pkg / "libbtxdose.so.1")


def test_not_found_names_every_place_tried(tmp_path: Path) -> None:
    if ctypes.util.find_library("btxdose"):
        pytest.skip("a libbtxdose is installed system-wide")
    pkg = _copy_package(tmp_path)
    env = child_env()
    env.pop("BTXDOSE_LIBRARY", None)
    env.pop("LD_LIBRARY_PATH", None)
    env["PYTHONPATH"] = str(tmp_path)
    r = _run("import btxdose", env)
    assert r.returncode != 0
    assert "OSError" in r.stderr
    assert str(pkg / "libbtxdose.so.1") in r.stderr
    assert "find_library" in r.stderr and "BTXDOSE_LIBRARY" in r.stderr


def _stub_library(tmp_path: Path, body: str) -> str:
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        pytest.skip("no C compiler to build a stub library")
    src = tmp_path / "stub.c"
    src.write_text(textwrap.dedent(body))
    out = tmp_path / "libbtxdose.so.1"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(out), str(src)], check=True)
    return str(out)


def test_missing_symbol_is_importerror_naming_it(tmp_path: Path) -> None:
    lib = _stub_library(tmp_path, """
        int btx_version_number(void) { return 10000; }
        const char *btx_version(void) { return "1.0.0"; }
        const char *btx_strerror(int c) { (void)c; return "stub"; }
    """)
    r = _run("import btxdose", child_env(BTXDOSE_LIBRARY=lib))
    assert r.returncode != 0
    assert "ImportError" in r.stderr and "btx_evaluate" in r.stderr


def _all_symbols_stub(version_number: int, admin_size: int) -> str:
    lines = []
    for name, _, restype, _ in _ffi.FUNCTIONS:
        if name == "btx_version_number":
            lines.append(f"int {name}(void) {{ return {version_number}; }}")
        elif name == "btx_sizeof_administration":
            lines.append(f"unsigned long {name}(void) {{ return {admin_size}; }}")
        elif name.startswith("btx_sizeof_"):
            mirror = {"protocol": _ffi.Protocol_c, "region": _ffi.Region_c,
                      "patient": _ffi.Patient_c, "policy": _ffi.Policy_c,
                      "finding": _ffi.Finding_c}[name[len("btx_sizeof_"):]]
            lines.append(f"unsigned long {name}(void) {{ return {sizeof(mirror)}; }}")
        elif restype is ctypes.c_char_p:
            lines.append(f'const char *{name}(void) {{ return "stub"; }}')
        else:
            lines.append(f"int {name}(void) {{ return 0; }}")
    return "\n".join(lines) + "\n"


def test_wrong_major_version_is_importerror(tmp_path: Path) -> None:
    lib = _stub_library(tmp_path, _all_symbols_stub(20000, 24))
    r = _run("import btxdose", child_env(BTXDOSE_LIBRARY=lib))
    assert r.returncode != 0
    assert "ImportError" in r.stderr and "major version" in r.stderr


def test_mirror_size_mismatch_is_importerror(tmp_path: Path) -> None:
    lib = _stub_library(tmp_path, _all_symbols_stub(10000, 32))
    r = _run("import btxdose", child_env(BTXDOSE_LIBRARY=lib))
    assert r.returncode != 0
    assert "ImportError" in r.stderr and "btx_administration" in r.stderr


# ---------------------------------------------------------------------- the audit hook

def _package_with_audit(tmp_path: Path, source: str) -> dict:
    pkg = _copy_package(tmp_path)
    shutil.copyfile(os.path.realpath(btxdose.library_path), pkg / "libbtxdose.so.1")
    (pkg / "_audit.py").write_text(textwrap.dedent(source))
    env = child_env()
    env.pop("BTXDOSE_LIBRARY", None)
    env["PYTHONPATH"] = str(tmp_path)
    return env


def test_audit_module_is_exported_when_present(tmp_path: Path) -> None:
    env = _package_with_audit(tmp_path, """
        __all__ = ["audit", "AuditRow"]
        def audit(rows): return "audited"
        class AuditRow: pass
    """)
    r = _run("import btxdose; print(btxdose.audit([]), 'AuditRow' in btxdose.__all__)", env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["audited", "True"]


def test_audit_module_errors_are_not_hidden(tmp_path: Path) -> None:
    env = _package_with_audit(tmp_path, """
        from .no_such_module import audit
    """)
    r = _run("import btxdose", env)
    assert r.returncode != 0 and "no_such_module" in r.stderr


def test_bind_refuses_a_missing_symbol() -> None:
    with pytest.raises(ImportError, match="btx_no_such_function"):
        _ffi.bind("btx_no_such_function", [], ctypes.c_int)


def test_library_without_1_2_symbols_imports_and_names_the_missing_one(tmp_path: Path) -> None:
    # A 1.0 library: the package imports; a 1.2 function raises BtxUnavailableError
    # (a NotImplementedError) naming the symbol when it is called, not before.
    lib = _stub_library(tmp_path, _all_symbols_stub(10000, 24))
    code = ("import btxdose\n"
            "assert not hasattr(btxdose._ffi.lib, 'btx_product_from_ndc')\n"
            "try:\n"
            "    btxdose.product_from_ndc('0023-1145-01')\n"
            "except btxdose.BtxUnavailableError as e:\n"
            "    assert isinstance(e, NotImplementedError)\n"
            "    print(e.symbol, e.since)\n")
    r = _run(code, child_env(BTXDOSE_LIBRARY=lib))
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["btx_product_from_ndc", "1.2"]


def test_optional_functions_are_declared_when_present() -> None:
    for name, argtypes, restype, _, since in _ffi.OPTIONAL_FUNCTIONS:
        assert name.startswith("btx_") and since == "1.2"
        if _ffi.has(name):
            fn = _ffi.optional(name)
            assert fn.restype is restype and list(fn.argtypes) == list(argtypes)
    # the 1.2 catalog functions are part of this source tree's library
    assert _ffi.has("btx_substance_lookup") and _ffi.has("btx_product_for_indication")
