#!/usr/bin/env bash
# Release artifacts in dist/: abi3 manylinux_2_28 wheels and an sdist, checked.
#
#   bash scripts/build_wheels.sh            # x86-64 (+ aarch64 if rustup has its target)
#   TARGETS="x86_64-unknown-linux-gnu" bash scripts/build_wheels.sh
#
# Wheels are linked by zig (the `ziglang` PyPI package) against glibc 2.28's
# symbol versions, and maturin audits them for the manylinux_2_28 policy.
# Why 2_28 and not 2_17: normals are bit-exact because they call the system
# libm's logf/sincosf/log/sincos dynamically (rust/src/libm.rs). Linked for
# 2.17, logf would bind its old SVID-compat symbol logf@GLIBC_2.2.5; linked
# for 2.28 every libm function binds the same version TensorFlow 2.21's
# libtensorflow_cc.so.2 binds (checked below), while the native build here
# binds log/exp/pow@GLIBC_2.29. The installed wheel is then run against the
# reference corpus by tests/test_wheel.py.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
POLICY=manylinux_2_28
# A guard against accidental bloat: the extension (every dtype's kernels, the SIMD
# backends) is 1.6 MB compressed and the TF 1.15 graph API ~0.7 MB of Python.
MAX_WHEEL_BYTES=$((3 * 1024 * 1024))

if ! "$PY" -c "import maturin, ziglang" 2>/dev/null; then
  "$PY" -m pip install -q "maturin>=1.5,<2" "ziglang>=0.13,<0.18"
fi
# maturin finds zig as `python -m ziglang` through the first python on PATH.
export PATH="$(cd "$(dirname "$PY")" && pwd):$PATH"
MATURIN=("$PY" -m maturin)

if [[ -z "${TARGETS:-}" ]]; then
  TARGETS="x86_64-unknown-linux-gnu"
  if rustup target list --installed 2>/dev/null | grep -qx aarch64-unknown-linux-gnu; then
    TARGETS+=" aarch64-unknown-linux-gnu"
  else
    echo "build_wheels: no aarch64 wheel (rustup has no aarch64-unknown-linux-gnu target;" \
         "'rustup target add aarch64-unknown-linux-gnu' to build one)" >&2
  fi
fi

VERSION=$("$PY" -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])" 2>/dev/null \
  || sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
mkdir -p dist
rm -f dist/philoxflow-"$VERSION"-*.whl dist/philoxflow-"$VERSION".tar.gz

for target in $TARGETS; do
  echo "build_wheels: $target"
  "${MATURIN[@]}" build --release --zig --target "$target" --compatibility "$POLICY" \
    --auditwheel check -o dist -q
done
"${MATURIN[@]}" sdist -o dist

# ---------------------------------------------------------------- checks
"$PY" - "$VERSION" "$POLICY" "$MAX_WHEEL_BYTES" $TARGETS <<'EOF'
"""Each wheel's tags, size, files and dynamic symbols; the sdist's files."""
import glob
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile

version, policy, max_bytes, *targets = sys.argv[1:]
max_bytes = int(max_bytes)
# What TensorFlow 2.21's libtensorflow_cc.so.2 binds on x86-64 for each libm
# function philoxflow calls (objdump -T); the wheel must bind the same.
X86_LIBM = {
    "logf": "GLIBC_2.27", "sincosf": "GLIBC_2.2.5", "log": "GLIBC_2.2.5",
    "sincos": "GLIBC_2.2.5", "exp": "GLIBC_2.2.5", "log1p": "GLIBC_2.2.5",
    "pow": "GLIBC_2.2.5", "lgamma_r": "GLIBC_2.2.5",
}
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def glibc(v):
    return tuple(int(x) for x in v.split("_", 1)[1].split("."))


limit = tuple(int(x) for x in policy.split("_")[1:3])
for target in targets:
    arch = target.split("-")[0]
    tag = f"cp39-abi3-{policy}_{arch}"
    wheels = glob.glob(f"dist/philoxflow-{version}-cp39-abi3-*{policy}_{arch}*.whl")
    check(len(wheels) == 1, f"{arch}: one {tag} wheel in dist/ ({wheels})")
    if len(wheels) != 1:
        continue
    whl = wheels[0]
    size = __import__("os").path.getsize(whl)
    check(size <= max_bytes, f"{arch}: wheel is {size / 1e6:.2f} MB (<= {max_bytes / 2**20:.0f} MiB)")
    with zipfile.ZipFile(whl) as z:
        names = z.namelist()
        meta = z.read(f"philoxflow-{version}.dist-info/WHEEL").decode()
        check(f"Tag: {tag}" in meta and "Root-Is-Purelib: false" in meta,
              f"{arch}: WHEEL metadata tags {tag}")
        for f in ("py.typed", "_core.pyi", "bitgen.pyi", "bitgen.py", "__init__.py",
                  "framework/op_defs.json.gz"):
            check(f"philoxflow/{f}" in names, f"{arch}: ships philoxflow/{f}")
        so = [n for n in names if re.fullmatch(r"philoxflow/_core\.abi3\.so", n)]
        check(len(so) == 1, f"{arch}: one abi3 extension ({so})")
        if not so:
            continue
        with tempfile.NamedTemporaryFile(suffix=".so") as tmp:
            tmp.write(z.read(so[0]))
            tmp.flush()
            dyn = subprocess.run(["readelf", "-W", "--dyn-syms", tmp.name], check=True,
                                 capture_output=True, text=True).stdout
            needed = subprocess.run(["readelf", "-W", "-d", tmp.name], check=True,
                                    capture_output=True, text=True).stdout
    bound = {}
    versions = set()
    for line in dyn.splitlines():
        m = re.search(r"\sUND\s+(\S+?)@(GLIBC_[\d.]+)", line)
        if m:
            bound[m.group(1)] = m.group(2)
            versions.add(m.group(2))
    newest = max(versions, key=glibc)
    check(glibc(newest) <= limit, f"{arch}: newest glibc symbol version {newest} <= {policy}")
    check("[libm.so.6]" in needed, f"{arch}: links the system libm dynamically")
    libm = {k: bound.get(k) for k in X86_LIBM}
    if arch == "x86_64":
        check(libm == X86_LIBM, f"{arch}: libm symbols bind TF 2.21's versions {libm}")
    else:
        check(all(libm.values()), f"{arch}: libm functions are dynamic imports {libm}")

sdists = glob.glob(f"dist/philoxflow-{version}.tar.gz")
check(len(sdists) == 1, f"sdist philoxflow-{version}.tar.gz in dist/")
if sdists:
    with tarfile.open(sdists[0]) as t:
        names = {n.split("/", 1)[1] for n in t.getnames() if "/" in n}
    for f in ("pyproject.toml", "Cargo.toml", "Cargo.lock", "README.md", "rust/src/lib.rs",
              "rust/src/bitgen.rs", "python/philoxflow/__init__.py", "python/philoxflow/py.typed"):
        check(f in names, f"sdist has {f}")
    check(not any(n.startswith(("target/", ".venv/")) for n in names), "sdist has no build output")
if failures:
    sys.exit(f"build_wheels: {len(failures)} check(s) failed")
EOF
ls -l dist/philoxflow-"$VERSION"*
