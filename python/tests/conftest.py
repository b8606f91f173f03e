"""Where the tests find the seam command (to compare against its JSON) and the examples.
ctest sets SEAM_BINARY, SEAM_SOURCE and PYTHONPATH (build/python); by hand, run
PYTHONPATH=build/python /usr/bin/python3 -m pytest python/ from the source tree."""
import os
import subprocess

import pytest

SOURCE = os.environ.get("SEAM_SOURCE") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("SEAM_BINARY") or os.path.join(SOURCE, "build", "seam")
EXAMPLE = os.path.join(SOURCE, "examples", "turbine-maintenance")


@pytest.fixture
def cli():
    """Runs the seam command and returns its stdout."""
    def run(*args, ok=(0, 1), env=None, stderr=False):
        r = subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=120,
                           env={**os.environ, **(env or {})})
        assert r.returncode in ok, r.stderr
        return (r.stdout, r.stderr) if stderr else r.stdout
    return run
