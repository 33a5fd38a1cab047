"""``python3 -m btxdose --version``: the versions of the loaded library and its data."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python3 -m btxdose",
        description="Python bindings of libbtxdose (botulinum-toxin dose checks).")
    parser.add_argument("--version", action="store_true",
                        help="print the library and clinical data versions and exit")
    parser.add_argument("--library", action="store_true",
                        help="print the path of the loaded shared library and exit")
    args = parser.parse_args(argv)
    try:
        import btxdose
    except (OSError, ImportError) as e:
        print(f"btxdose: {e}", file=sys.stderr)
        return 1
    if args.library:
        print(btxdose.library_path)
        return 0
    if args.version:
        print(f"libbtxdose {btxdose.version()}")
        print(f"data {btxdose.data_version()}")
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
