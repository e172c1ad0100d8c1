"""Packaging hook (the rest is in pyproject.toml): the tool's own styles, the CSS, the vendored fonts and the
colour profile in styles/, go into the wheel as edition/_styles, so that an installed tool builds editions
that have no styles/ of their own (``edition.styles.PACKAGE_STYLES``)."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithStyles(build_py):
    def run(self):
        super().run()
        if not getattr(self, "editable_mode", False):  # an editable install reads styles/ where it is
            target = Path(self.build_lib) / "edition" / "_styles"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(Path(__file__).resolve().parent / "styles", target)


setup(cmdclass={"build_py": BuildWithStyles})
