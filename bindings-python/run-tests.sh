#!/usr/bin/env bash
# Builds the Python package and tests it: format and lints (ruff), Python 3.9 syntax (vermin),
# type stubs (mypy stubtest), pytest (the shared vectors, the API, DataFrames, the README) and
# every notebook under examples/notebooks.
#
# Works from a fresh clone with python3 (3.9+) and a Rust toolchain: it makes a virtualenv at
# .venv (or $OPENNESS_VENV), installs requirements-dev.txt into it when that file changed since
# the last run, builds the wheel with maturin (incrementally, in the workspace's target/) and
# installs it. Extra arguments go to pytest.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="${OPENNESS_VENV:-$root/.venv}"
python="$venv/bin/python"

if [ ! -x "$python" ]; then
    echo "run-tests.sh: creating the virtualenv $venv" >&2
    if ! "${PYTHON:-python3}" -m venv "$venv"; then
        echo "run-tests.sh: cannot create a virtualenv; on Debian: apt-get install python3-venv" >&2
        exit 1
    fi
fi

requirements="$here/requirements-dev.txt"
stamp="$venv/.openness-requirements"
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "run-tests.sh: installing the test requirements" >&2
    "$python" -m pip install --quiet --upgrade pip
    "$python" -m pip install --quiet -r "$requirements"
    echo "$wanted" >"$stamp"
fi

echo "run-tests.sh: building the wheel" >&2
wheels="$root/target/python-wheels"
rm -rf "$wheels"
"$venv/bin/maturin" build --quiet --release --manifest-path "$here/Cargo.toml" --out "$wheels" \
    --interpreter "$python"
"$python" -m pip install --quiet --no-deps --force-reinstall "$wheels"/openness-*.whl

echo "run-tests.sh: checking the Python sources' format and lints (ruff)" >&2
(cd "$here" && "$venv/bin/ruff" format --check --quiet python tests benchmarks \
    && "$venv/bin/ruff" check --quiet python tests benchmarks)

# Only CPython 3.11 runs here; vermin reads the sources for anything newer than the oldest
# Python the wheel declares (3.9), annotations included.
echo "run-tests.sh: checking that the package's sources run on Python 3.9 (vermin)" >&2
"$venv/bin/vermin" --quiet --no-tips --eval-annotations --target=3.9- --violations \
    "$here/python"

echo "run-tests.sh: checking the type stubs" >&2
(cd "$here/tests" && "$python" -m mypy.stubtest openness --mypy-config-file "$here/pyproject.toml")

echo "run-tests.sh: running pytest (vectors, API, DataFrames, notebooks)" >&2
cd "$here"
"$python" -m pytest tests "$@"
