# SPDX-License-Identifier: Apache-2.0
"""Helpers of the FHIR reader tests: the fixtures (tests/python/fixtures/fhir), copies
to change, the findings by code, and the guard of the tests that need
btx_product_from_ndc."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import btxdose
from btxdose import fhir

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fhir"
NY = "America/New_York"

def require_ndc() -> None:
    """Raises BtxUnavailableError (naming the symbol) when the library has no
    btx_product_from_ndc (libbtxdose 1.2): an NDC test then fails at once, clearly."""
    if not hasattr(btxdose._ffi.lib, "btx_product_from_ndc"):
        raise btxdose.BtxUnavailableError("btx_product_from_ndc", "1.2")


def load(name: str) -> Dict[str, Any]:
    """A fresh copy of a fixture."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def resource(bundle: Dict[str, Any], rid: str) -> Dict[str, Any]:
    """The (first) resource with that id in a Bundle."""
    for e in bundle["entry"]:
        if e.get("resource", {}).get("id") == rid:
            return e["resource"]
    raise KeyError(rid)


def changed(name: str, rid: str, change: Callable[[Dict[str, Any]], None]) -> Dict[str, Any]:
    """A fixture with one resource changed in place by ``change``."""
    bundle = load(name)
    change(resource(bundle, rid))
    return bundle


def by_code(findings: List[btxdose.Finding]) -> Dict[str, btxdose.Finding]:
    """The findings by code name (the first of each code)."""
    out: Dict[str, btxdose.Finding] = {}
    for f in findings:
        out.setdefault(f.code_name, f)
    return out


def failed(findings: List[btxdose.Finding]) -> List[str]:
    return sorted(f.code_name for f in findings if f.failed)


def notice_codes(notices: List[fhir.Notice], resource_name: Optional[str] = None) -> List[str]:
    return [n.code for n in notices if resource_name is None or n.resource == resource_name]


def cli(*args: str, env: Dict[str, str]) -> subprocess.CompletedProcess:
    """``python3 -m btxdose ARGS``."""
    return subprocess.run([sys.executable, "-m", "btxdose", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def write(tmp_path: Path, data: Any, name: str = "input.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def deep(x: Any) -> Any:
    return copy.deepcopy(x)
