#!/bin/sh
# Time goal-analyze on a generated map of 100,000 goals with 300,000
# requires links, against goalmap-check --stats on the same map in the
# same run.  Both load and check the map; goalmap-check also looks for
# redundant links, goal-analyze reads every statement.
set -eu
: "${GOALKIT_BIN:=build/release/bin}"
goals=${GOALS:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Goal i requires three distinct goals among those before it, so the map
# is acyclic.  Statements cycle through lead-ins, verbs of every level,
# vague and compound forms; every fifth goal has no criteria.
awk -v n="$goals" -v map="$dir/goals.csv" 'BEGIN {
	srand(42)
	split("Students will be able to|SWBAT|I can|The learner will|", lead, "|")
	split("calculate|explain|identify|distinguish|justify|design|understand|compare and contrast", verb, "|")
	print "goal_id,statement,requires,standards,criteria" > map
	for (i = 1; i <= n; i++) {
		req = ""
		delete seen
		for (j = 0; j < 3 && i > 3; j++) {
			do p = 1 + int(rand() * (i - 1)); while (p in seen)
			seen[p] = 1
			req = req (req == "" ? "" : ";") "G" p
		}
		printf "G%d,%s %s the quantities of problem %d in a table,%s,S.%d,%s\n",
		    i, lead[1 + i % 5], verb[1 + i % 8], i, req, i % 500,
		    (i % 5 ? "I can show it." : "") >> map
	}
}'

measure() {
	/usr/bin/time -f '%U %M' -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || true
	cat "$dir/time"
}

set -- $(measure "$GOALKIT_BIN/goalmap-check" --stats "$dir/goals.csv")
base_secs=$1 base_kb=$2
set -- $(measure "$GOALKIT_BIN/goal-analyze" "$dir/goals.csv")
an_secs=$1 an_kb=$2
set -- $(measure "$GOALKIT_BIN/goal-analyze" -p "G$goals" "$dir/goals.csv")
path_secs=$1 path_kb=$2

echo "goal-analyze bench: $goals goals, $(wc -c <"$dir/goals.csv") bytes"
echo "  goalmap-check --stats (baseline): ${base_secs}s CPU, ${base_kb} KiB peak"
echo "  goal-analyze (statement analysis): ${an_secs}s CPU, ${an_kb} KiB peak"
echo "  goal-analyze -p G$goals (learning path): ${path_secs}s CPU, ${path_kb} KiB peak"
awk -v a="$an_secs" -v p="$path_secs" -v b="$base_secs" 'BEGIN {
	printf "  ratio analysis/baseline time: %.2f; path/baseline: %.2f\n",
	    (b > 0 ? a / b : 0), (b > 0 ? p / b : 0)
}'
