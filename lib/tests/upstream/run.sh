#!/usr/bin/env bash
# Run upstream Streamlit's own tests of the files our patches touch, on stock
# upstream and on the patched wheel of one release, and compare (README.md).
#
#   lib/tests/upstream/run.sh SOURCE [RELEASE] [WORKDIR]
#
# SOURCE          a clone (bare is fine) of github.com/streamlit/streamlit
#                 holding the release's tag; or a folder holding an assembled
#                 lib/tests tree and lib/pytest.ini (1.67.0, README.md)
# RELEASE         default 1.28.2; needs lib/tests/upstream/files-RELEASE.txt
# WORKDIR         scratch folder, default /tmp/upstream-tests (outside the
#                 repo: upstream's code is never copied into it)
#
# The wheels come from dist/ (make wheel UPSTREAM=RELEASE) and .cache/upstream
# (DIST_DIR, UPSTREAM_DIR override). Two venvs of their own are made in
# WORKDIR, pinned to the versions of .venv/RELEASE and .venv/stock-RELEASE
# when those exist, plus the test-only packages upstream's tests import.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
MIRROR="${1:?usage: run.sh SOURCE [RELEASE] [WORKDIR]}"
RELEASE="${2:-1.28.2}"
WORKDIR="${3:-/tmp/upstream-tests}"
PYTHON="${PYTHON:-python3}"
DIST_DIR="${DIST_DIR:-$ROOT/dist}"
UPSTREAM_DIR="${UPSTREAM_DIR:-$ROOT/.cache/upstream}"
FILES="$HERE/files-$RELEASE.txt"
EXPECTED="$HERE/expected-$RELEASE.txt"
# What upstream's tests import beyond the project's dev requirements.
TEST_EXTRAS=(parameterized requests-mock testfixtures plotly opencv-python-headless)
# An assembled tree mixes versions: its coverage options and a file that no
# longer collects must not stop the run (the same on both sides).
PYTEST_OPTIONS=()

if [[ -d "$MIRROR/lib/tests" ]]; then
    TREE="$MIRROR"
    TEST_EXTRAS+=(pytest-asyncio matplotlib)
    PYTEST_OPTIONS=(-o addopts= --continue-on-collection-errors)
elif ! git --git-dir="$MIRROR" rev-parse -q --verify "refs/tags/$RELEASE^{commit}" >/dev/null; then
    newest=$(git --git-dir="$MIRROR" tag --list '[0-9]*.[0-9]*.[0-9]*' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -1)
    echo "the mirror has no tag $RELEASE (its newest release tag is $newest)" >&2
    exit 2
fi
[[ -f "$FILES" ]] || { echo "no $FILES: which upstream tests to run on $RELEASE" >&2; exit 2; }

pin() { (cd "$ROOT" && "$PYTHON" -m wheelbuild --print "$@" --release "$RELEASE"); }
PATCHED_WHEEL="$DIST_DIR/$(pin wheel)"
STOCK_WHEEL="$UPSTREAM_DIR/$(pin upstream)"
for wheel in "$PATCHED_WHEEL" "$STOCK_WHEEL"; do
    [[ -f "$wheel" ]] || { echo "missing $wheel (make wheel UPSTREAM=$RELEASE)" >&2; exit 2; }
done

# Upstream's lib/tests tree at the release tag (the tests and their helpers).
SRC="$WORKDIR/$RELEASE"
rm -rf "$SRC"
mkdir -p "$SRC/lib"
if [[ -n "${TREE:-}" ]]; then
    cp -r "$TREE/lib/tests" "$TREE/lib/pytest.ini" "$SRC/lib/"
else
    git --git-dir="$MIRROR" archive --prefix=lib/tests/ "refs/tags/$RELEASE:lib/tests" | tar -x -C "$SRC"
    git --git-dir="$MIRROR" show "refs/tags/$RELEASE:lib/pytest.ini" >"$SRC/lib/pytest.ini"
fi

# venv KIND WHEEL SHARED_VENV: a scratch venv with the wheel, pinned like the shared one.
venv() {
    local kind="$1" wheel="$2" shared="$3" dir="$WORKDIR/venv-$1"
    local constraints="$WORKDIR/constraints-$kind.txt"
    : >"$constraints"
    if [[ -x "$shared/bin/python" ]]; then
        "$shared/bin/python" -m pip freeze --exclude streamlit >"$constraints"
    fi
    rm -rf "$dir"
    "$PYTHON" -m venv "$dir"
    # dev.txt without the browser driver, beside the test.txt it includes
    grep -v '^playwright' "$ROOT/requirements/dev.txt" >"$WORKDIR/dev.txt"
    cp "$ROOT/requirements/test.txt" "$WORKDIR/test.txt"
    "$dir/bin/python" -m pip install -q "$wheel" $(pin requires) \
        -r "$WORKDIR/dev.txt" "${TEST_EXTRAS[@]}" -c "$constraints"
}
venv stock "$STOCK_WHEEL" "$ROOT/.venv/stock-$RELEASE"
venv patched "$PATCHED_WHEEL" "$ROOT/.venv/$RELEASE"

mapfile -t TESTS < <(grep -v -e '^#' -e '^$' "$FILES")
for kind in stock patched; do
    echo "== upstream's tests on $kind $RELEASE"
    (cd "$SRC/lib" && "$WORKDIR/venv-$kind/bin/python" -m pytest -q -p no:cacheprovider \
        -o junit_family=xunit1 --junitxml="$WORKDIR/$kind.xml" "${PYTEST_OPTIONS[@]}" \
        "${TESTS[@]}" | tail -3) || true
done
"$PYTHON" "$HERE/compare.py" "$WORKDIR/stock.xml" "$WORKDIR/patched.xml" "$EXPECTED"
