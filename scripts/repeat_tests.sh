#!/usr/bin/env bash
# Is the suite green every time? Runs it ROUNDS times in file order, ROUNDS times in a random order
# (pytest-randomly, a new seed each run, printed at the top of its log), then once on one core
# (taskset -c 0). Stops at the first red run and names its log; the seed in it repeats the order:
#   .venv/bin/python -m pytest -n 2 --dist loadfile -p randomly --randomly-seed=SEED
# Usage: scripts/repeat_tests.sh [ROUNDS]   (default 5; logs in test-output/repeat/)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
py=.venv/bin/python
logs=test-output/repeat
mkdir -p "$logs"
run() {  # name, then the command's arguments
    local name=$1; shift
    local start=$SECONDS
    if "$@" >"$logs/$name.log" 2>&1; then
        echo "$name: green in $((SECONDS - start)) s ($(tail -1 "$logs/$name.log" | tr -d '='))"
    else
        echo "$name: RED after $((SECONDS - start)) s, see $logs/$name.log"
        grep -E '^(FAILED|ERROR)|randomly-seed' "$logs/$name.log" | head -20
        exit 1
    fi
}
for i in $(seq "$rounds"); do
    run "fixed-order-$i" $py -m pytest -q -n 2 --dist loadfile -p no:randomly
done
for i in $(seq "$rounds"); do
    run "random-order-$i" $py -m pytest -q -n 2 --dist loadfile -p randomly
done
if command -v taskset >/dev/null; then
    run "one-core" taskset -c 0 $py -m pytest -q -n 2 --dist loadfile -p randomly
else
    echo "one-core: skipped (taskset not found; it is in util-linux)"
fi
echo "all $((2 * rounds + 1)) runs green"
