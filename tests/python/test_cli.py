# SPDX-License-Identifier: Apache-2.0
"""`python3 -m btxdose --version`, and the package under another interpreter."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from typing import List, Optional

import pytest

import btxdose
from conftest import child_env


def test_module_version(env) -> None:
    r = subprocess.run([sys.executable, "-m", "btxdose", "--version"], env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"libbtxdose {btxdose.version()}"
    assert lines[1] == f"data {btxdose.data_version()}"


def test_module_library(env) -> None:
    r = subprocess.run([sys.executable, "-m", "btxdose", "--library"], env=env,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == btxdose.library_path


def _other_pythons() -> List[str]:
    """python3 executables on PATH, in PATH order, that are not /usr/bin/python3."""
    system = os.path.realpath("/usr/bin/python3")
    seen, out = set(), []
    for d in os.environ.get("PATH", "").split(os.pathsep):
        exe = os.path.join(d, "python3")
        if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
            continue
        real = os.path.realpath(exe)
        if real == system or real in seen:
            continue
        seen.add(real)
        out.append(exe)
    return out


def _first_working(cands: List[str]) -> Optional[str]:
    for exe in cands:
        try:
            r = subprocess.run([exe, "-c", "import sys; print(sys.executable)"],
                               capture_output=True, text=True, timeout=60)
        except OSError:
            continue
        if r.returncode == 0 and os.path.realpath(r.stdout.strip()) != \
                os.path.realpath("/usr/bin/python3"):
            return exe
    return None


SCRIPT = """
import datetime, sys, btxdose as bx
assert sys.version_info >= (3, 9), sys.version
p = bx.protocol("Botox", "chronic migraine")
assert (p.dose_units, p.sites, p.regions) == (155.0, 31, 7), p
h = [bx.Administration(datetime.date(2025, 1, 6), "Botox", "chronic migraine", 155)]
prop = bx.Administration(datetime.date(2025, 4, 1), "Botox", "chronic migraine", 155)
fs = bx.evaluate(h, prop)
assert fs and fs[0].code == bx.FindingCode.WINDOW_LIMIT
print(sys.version.split()[0], bx.version())
"""


def test_other_python_on_path() -> None:
    exe = _first_working(_other_pythons())
    if exe is None:
        pytest.skip("no python3 on PATH other than /usr/bin/python3")
    r = subprocess.run([exe, "-c", SCRIPT], env=child_env(), capture_output=True, text=True,
                       timeout=120)
    if r.returncode != 0 and "sys.version_info >= (3, 9)" in r.stderr:
        pytest.skip(f"{exe} is older than Python 3.9")
    assert r.returncode == 0, r.stderr
    assert btxdose.version() in r.stdout


@pytest.mark.parametrize("name", ["python3.9", "python3.10", "python3.12", "python3.13"])
def test_named_python_versions(name) -> None:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} not on PATH")
    probe = subprocess.run([exe, "-c", "pass"], capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"{name} on PATH does not run here")
    r = subprocess.run([exe, "-c", SCRIPT], env=child_env(), capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
