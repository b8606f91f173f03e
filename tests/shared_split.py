"""Running the tests of a suite that read ../shared apart from the rest.

A clone with nothing beside it has no ../shared. ctest runs a suite's tests that need it
under a name of their own, with --shared; that run exits 77 (ctest's SKIP_RETURN_CODE) with
the reason when ../shared is absent, so it shows as skipped, neither failed nor silently
passed. The plain run leaves those tests out.
"""
import os
import sys
import unittest


def _tests(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from _tests(t)
        else:
            yield t


def main(module, needs_shared, shared_dir):
    """Runs module's tests: with --shared on the command line, those named in needs_shared
    (test method names), else the others. Exits with the status ctest reads."""
    shared = "--shared" in sys.argv
    if shared and not os.path.isdir(shared_dir):
        print(f"skipped: {shared_dir} is not present (tests that use the shared examples and references)")
        sys.exit(77)
    everything = unittest.defaultTestLoader.loadTestsFromModule(module)
    chosen = unittest.TestSuite(t for t in _tests(everything) if (t._testMethodName in needs_shared) == shared)
    result = unittest.TextTestRunner(verbosity=1).run(chosen)
    sys.exit(0 if result.wasSuccessful() else 1)
