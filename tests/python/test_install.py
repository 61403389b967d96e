"""`cmake --install` puts the module where SOVA_PYTHON_INSTALL_DIR says, and it imports from there."""

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import unittest

BUILD_DIR = os.environ.get("SOVA_BUILD_DIR")
INSTALL_DIR = os.environ.get("SOVA_PYTHON_INSTALL_DIR")  # under a prefix such as /usr/local
USR_INSTALL_DIR = os.environ.get("SOVA_PYTHON_USR_INSTALL_DIR")  # under /usr, as the .deb has it
CMAKE = os.environ.get("CMAKE_COMMAND", "cmake")


@unittest.skipUnless(BUILD_DIR and INSTALL_DIR and USR_INSTALL_DIR,
                     "needs SOVA_BUILD_DIR and SOVA_PYTHON_(USR_)INSTALL_DIR (set by CTest)")
class InstallTest(unittest.TestCase):
    def test_installed_module_imports(self):
        self.installs_and_imports("local", INSTALL_DIR)

    def test_a_prefix_ending_in_usr_gets_the_folder_of_debian_packages(self):
        self.installs_and_imports("usr", USR_INSTALL_DIR)

    def installs_and_imports(self, last_folder, install_dir):
        scratch = tempfile.mkdtemp(prefix="sova-python-install-")
        prefix = os.path.join(scratch, last_folder)
        try:
            subprocess.run([CMAKE, "--install", BUILD_DIR, "--prefix", prefix, "--component", "python"],
                           check=True, stdout=subprocess.DEVNULL)
            folder = os.path.join(prefix, install_dir)
            self.assertEqual([name for name in os.listdir(folder) if name.startswith("sova")],
                             ["sova" + sysconfig.get_config_var("EXT_SUFFIX")])
            script = "import sova; print(sova.__file__); print(sova.analyze('Київ').tokens[0].stem)"
            env = dict(os.environ, PYTHONPATH=folder)
            done = subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=prefix,
                                  stdout=subprocess.PIPE, encoding="utf-8")
            where, stem = done.stdout.splitlines()
            self.assertEqual(os.path.dirname(where), folder)
            self.assertEqual(stem, "київ")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
