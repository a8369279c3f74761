#!/bin/sh
# The main job on the sample class: check the goal map, then write what
# a teacher would look at into demo-output/.  Run by `make demo`.
set -eu
: "${GOALKIT_BIN:=build/release/bin}"
PATH=$GOALKIT_BIN:$PATH
cd "$(dirname "$0")/.."
out=demo-output
mkdir -p "$out"

echo "== goalmap-check: the sample goal map against its standards"
goalmap-check -s samples/standards.csv samples/goals.csv
goalmap-check --stats -s samples/standards.csv samples/goals.csv
goalmap-check --order samples/goals.csv >"$out/goals-in-order.csv"
if command -v dot >/dev/null; then
	goalmap-check --dot --cluster samples/goals.csv | dot -Tsvg -o "$out/goal-map.svg"
fi

echo
echo "wrote:"
ls -1 "$out" | sed "s|^|  $out/|"
