#!/usr/bin/env python3
"""make install and the .deb: the installed tree works after it is moved, and the package
has the files, the control data and the Debian dependencies a clean Debian 12 needs.

Usage: install_test.py BUILD_DIR SOURCE_DIR
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

BUILD = SOURCE = None

FILES = ["bin/seam", "lib/seam/libseam-server.so", "share/man/man1/seam.1", "share/man/man1/seam-check.1", "share/man/man1/seam-trl.1",
         "share/bash-completion/completions/seam", "share/zsh/vendor-completions/_seam",
         "share/fish/vendor_completions.d/seam.fish", "share/seam/schemas/trained_model.schema.json",
         "share/seam/rules", "share/seam/trl/levels.yaml"]


def run(*argv, **kw):
    return subprocess.run(argv, capture_output=True, text=True, timeout=300, **kw)


class Install(unittest.TestCase):
    def test_a_moved_install_works(self):
        with tempfile.TemporaryDirectory() as tmp:
            prefix = os.path.join(tmp, "prefix")
            r = run("cmake", "--install", BUILD, "--prefix", prefix)
            self.assertEqual(r.returncode, 0, r.stderr)
            for f in FILES:
                self.assertTrue(os.path.exists(os.path.join(prefix, f)), f)
            moved = os.path.join(tmp, "elsewhere")
            shutil.move(prefix, moved)
            seam = os.path.join(moved, "bin", "seam")
            self.assertEqual(run(seam, "--version").returncode, 0)
            r = run(seam, "check", "--fail-on", "never", os.path.join(SOURCE, "examples", "turbine-maintenance"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("errors", r.stdout)
            # The server commands run in a module that the moved binary must still find.
            r = run(seam, "admin", "migrate", "--db", os.path.join(tmp, "seam.db"))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("schema", r.stdout)
            # The Python package, for Debian's interpreter; sanitizer builds have none, since a
            # plain interpreter cannot load their runtimes.
            if os.path.isdir(os.path.join(BUILD, "python")):
                (package,) = glob.glob(os.path.join(moved, "lib", "python3*", "dist-packages", "seam"))
                self.assertTrue(glob.glob(os.path.join(package, "_seam*.so")), os.listdir(package))
                example = os.path.join(SOURCE, "examples", "turbine-maintenance")
                r = run("/usr/bin/python3", "-c", "import seam, sys; print(len(seam.check(sys.argv[1])['findings']))",
                        example, env={**os.environ, "PYTHONPATH": os.path.dirname(package)})
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertGreater(int(r.stdout), 0)
            r = run("man", "-l", "-Tutf8", os.path.join(moved, "share/man/man1/seam-check.1")) if shutil.which("man") else None
            if r is not None:
                self.assertIn("seam-check", r.stdout)


class Package(unittest.TestCase):
    def test_the_deb_has_its_files_control_and_dependencies(self):
        if not shutil.which("dpkg-deb") or not shutil.which("cpack"):
            self.skipTest("dpkg-deb or cpack is not installed")
        with tempfile.TemporaryDirectory() as tmp:
            r = run("cpack", "-G", "DEB", "-B", tmp, "--config", os.path.join(BUILD, "CPackConfig.cmake"))
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            debs = glob.glob(os.path.join(tmp, "*.deb"))
            self.assertEqual(len(debs), 1, os.listdir(tmp))
            info = run("dpkg-deb", "-I", debs[0]).stdout
            for want in ("Package: seam", "Architecture: amd64", "Section: science", "Maintainer: "):
                self.assertIn(want, info)
            depends = next(line for line in info.splitlines() if line.strip().startswith("Depends:"))
            for lib in ("libyaml-0-2", "libsimdjson14", "libsodium23", "libpq5", "libsqlite3-0", "libc6"):
                self.assertIn(lib, depends)
            listing = run("dpkg-deb", "-c", debs[0]).stdout
            for f in FILES:
                self.assertIn("./usr/" + f, listing)
            root = os.path.join(tmp, "root")
            self.assertEqual(run("dpkg-deb", "-x", debs[0], root).returncode, 0)
            r = run(os.path.join(root, "usr", "bin", "seam"), "--version")
            self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    BUILD, SOURCE = (os.path.abspath(a) for a in sys.argv[1:3])
    del sys.argv[1:3]
    unittest.main(verbosity=2)
