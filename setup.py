"""Compile the splitter's modules into C extensions with mypyc, where a C compiler is at hand.

Everything else about the package is in pyproject.toml. Without a compiler, or
with ``LOCALIZE_PURE_PYTHON=1``, the package installs as plain Python: the same
results, more slowly. Once every module is compiled, a checksum of their
sources is written beside them, so that sources edited later run instead of
stale compiled code (see ``src/localize/compiled.py``).
"""

import importlib.util
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

PACKAGE = Path(__file__).parent / "src" / "localize"
SPLITTING = PACKAGE / "splitting"


def _compiled():
    """``localize/compiled.py``, loaded from its file: the package's dependencies are not
    installed while it builds."""
    spec = importlib.util.spec_from_file_location("compiled", PACKAGE / "compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithStamp(build_ext):
    """Build the extensions, then record what they were compiled from, if all were built."""

    def run(self):
        stamp = Path(self.get_ext_fullpath("localize.splitting.segment")).parent
        stamp = stamp / _compiled().STAMP
        stamp.unlink(missing_ok=True)
        super().run()
        if self.extensions and all(Path(self.get_ext_fullpath(e.name)).is_file()
                                   for e in self.extensions):
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(_compiled().source_digest(SPLITTING) + "\n", encoding="ascii")


def _extensions():
    if os.environ.get("LOCALIZE_PURE_PYTHON"):
        return []
    from mypyc.build import mypycify

    modules = sorted(str(p.relative_to(Path(__file__).parent))
                     for p in SPLITTING.glob("*.py") if p.name != "__init__.py")
    extensions = mypycify(modules, opt_level="3", group_name="localize_splitting")
    for extension in extensions:
        extension.optional = True  # a failed build leaves the sources to run
    return extensions


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildWithStamp})
