"""The build's one step beyond pyproject.toml: the demo forum ships inside the package.

`sessions/` (the contract's folder, committed) is the one source of the demo's programme, sample
and participants; every build copies those three files into the built package as
`roundtable/demo/`, where an installed roundtable reads them (workspace.py, importlib.resources).
An editable install builds no copy: run from the checkout, it reads `sessions/` itself.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DEMO_FILES = ("gegf-2014.toml", "gegf-2014.sample.toml", "gegf-2014-participants.csv")


class BuildWithDemo(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "roundtable" / "demo"
        self.mkpath(str(target))
        for name in DEMO_FILES:
            self.copy_file(str(Path("sessions") / name), str(target / name))

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        demo = [] if self.editable_mode else [str(Path(self.build_lib) / "roundtable" / "demo" / n) for n in DEMO_FILES]
        return super().get_outputs(include_bytecode) + demo


setup(cmdclass={"build_py": BuildWithDemo})
