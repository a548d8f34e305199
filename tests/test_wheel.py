"""The released wheel, installed into a fresh venv, passes the whole test suite.

scripts/build_wheels.sh puts the wheel in dist/ (scripts/test.sh builds it
first and sets PHILOXFLOW_REQUIRE_WHEEL=1, so CI fails rather than skips).
The suite runs from a copy of tests/ outside the source tree, with nothing of
the source tree on sys.path, so it imports the installed package; a test added
to the copy checks that it does. The reference corpus in it is what shows
that the wheel's libm bindings still give TensorFlow's bits.
"""

import os
import pathlib
import platform
import re
import shutil
import subprocess
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
HERE = pathlib.Path(__file__).resolve().parent
REQUIRED = os.environ.get("PHILOXFLOW_REQUIRE_WHEEL") == "1"
NESTED = "PHILOXFLOW_WHEEL_UNDER_TEST"

CHECK_INSTALLED = '''\
import pathlib
import sys

import philoxflow
from philoxflow import _core


def test_imports_the_installed_wheel():
    prefix = pathlib.Path(sys.prefix).resolve()
    for module in (philoxflow, _core):
        path = pathlib.Path(module.__file__).resolve()
        assert "site-packages" in path.parts and path.is_relative_to(prefix), path
    assert pathlib.Path(_core.__file__).name == "_core.abi3.so"
    # TF 1.15's op definitions (data the op builder reads) ship inside the package.
    assert (pathlib.Path(philoxflow.__file__).parent / "framework" / "op_defs.json.gz").is_file()
'''


def wheel_or_skip():
    arch = platform.machine()
    wheels = sorted((ROOT / "dist").glob(f"philoxflow-*-cp39-abi3-manylinux_*_{arch}.whl"))
    problem = None
    if not wheels:
        problem = f"no manylinux {arch} wheel in dist/: run scripts/build_wheels.sh"
    else:
        # What goes into a wheel (not the development build's extension in python/).
        sources = [p for d in ("rust", "python") for p in (ROOT / d).rglob("*")
                   if p.suffix in (".rs", ".py", ".pyi", ".typed", ".gz")]
        sources += [ROOT / "Cargo.toml", ROOT / "Cargo.lock", ROOT / "pyproject.toml"]
        newest = max(p.stat().st_mtime for p in sources)
        if wheels[-1].stat().st_mtime < newest:
            problem = f"{wheels[-1].name} is older than the sources: rerun scripts/build_wheels.sh"
    if problem:
        if REQUIRED:
            pytest.fail(problem)
        pytest.skip(problem)
    return wheels[-1]


@pytest.mark.skipif(os.environ.get(NESTED) == "1", reason="already inside the wheel's run")
def test_installed_wheel_passes_the_suite(tmp_path):
    wheel = wheel_or_skip()
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update({NESTED: "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    subprocess.run([py, "-m", "pip", "install", "-q", str(wheel), "pytest>=7"], env=env,
                   check=True, cwd=tmp_path)
    suite = tmp_path / "tests"
    shutil.copytree(HERE, suite, ignore=shutil.ignore_patterns("__pycache__", "test_wheel.py"))
    (suite / "test_zz_installed_wheel.py").write_text(CHECK_INSTALLED)
    out = subprocess.run(
        [py, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "--rootdir", str(suite),
         str(suite)],
        env=env, cwd=tmp_path, capture_output=True, text=True)
    log = out.stdout + out.stderr
    # On failure show pytest's failure reports, not the long list of passes.
    at = log.find("= FAILURES =")
    assert out.returncode == 0, log[at:at + 8000] if at >= 0 else log[-8000:]
    assert re.search(r"PASSED \S*test_zz_installed_wheel\.py::test_imports_the_installed_wheel",
                     log), log[-6000:]
    assert re.search(r"PASSED \S*test_reference\.py::", log), "the reference corpus did not run"
