# SPDX-License-Identifier: Apache-2.0
"""pytest setup for the btxdose package tests.

CTest runs these with BTXDOSE_LIBRARY (the library just built) and PYTHONPATH (the
package in python/) set; run by hand from a checkout, the package is found here and the
library in build*/lib as the package's own search does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict

import pytest

REPO = Path(__file__).resolve().parents[2]
PYTHON_DIR = REPO / "python"
EXAMPLES = REPO / "examples" / "python"

try:
    import btxdose  # noqa: F401
except ModuleNotFoundError:
    sys.path.insert(0, str(PYTHON_DIR))


def child_env(**extra: str) -> Dict[str, str]:
    """Environment for a child Python: PYTHONPATH reaching the package, the same library."""
    import btxdose
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(PYTHON_DIR)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    if os.path.isabs(btxdose.library_path):
        env.setdefault("BTXDOSE_LIBRARY", btxdose.library_path)
    env.update(extra)
    return env


@pytest.fixture
def env() -> Dict[str, str]:
    return child_env()
