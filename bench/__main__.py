"""``python -m bench`` (or ``make bench``): run every benchmark in this folder, one after another.

Each script prints its own figures next to a baseline measured in the same run; pass names to run
only some (``python -m bench search webhook``).
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(names: list[str]) -> int:
    scripts = sorted(p for p in HERE.glob("*.py")  # helpers (cputime, webhook_apps) have no __main__ block
                     if not p.name.startswith("_") and 'if __name__ == "__main__"' in p.read_text())
    if names:
        scripts = [p for p in scripts if p.stem in names]
    failed = 0
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        failed += subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
