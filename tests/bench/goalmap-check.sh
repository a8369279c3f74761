#!/bin/sh
# Time goalmap-check on a generated map of 100,000 goals with 300,000
# requires links, against tsort(1) sorting the same links in the same run.
set -eu
: "${GOALKIT_BIN:=build/release/bin}"
goals=${GOALS:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Goal i requires three distinct goals among those before it, so the map
# is acyclic; every tenth goal is part of the goal ten places on.
awk -v n="$goals" -v map="$dir/goals.csv" -v links="$dir/links.txt" 'BEGIN {
	srand(42)
	print "goal_id,statement,requires,part_of,standards,grade" > map
	for (i = 1; i <= n; i++) {
		req = ""
		delete seen
		for (j = 0; j < 3 && i > 3; j++) {
			do p = 1 + int(rand() * (i - 1)); while (p in seen)
			seen[p] = 1
			req = req (req == "" ? "" : ";") "G" p
			print "G" p, "G" i > links
		}
		part = (i % 10 == 0 && i + 10 <= n) ? "G" (i + 10) : ""
		printf "G%d,Solve problem type %d with a written explanation,%s,%s,S.%d,%d\n",
		    i, i, req, part, i % 500, 5 >> map
	}
}'

measure() {
	/usr/bin/time -f '%U %M' -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || true
	cat "$dir/time"
}

set -- $(measure "$GOALKIT_BIN/goalmap-check" --stats "$dir/goals.csv")
gk_secs=$1 gk_kb=$2
set -- $(measure tsort "$dir/links.txt")
ts_secs=$1 ts_kb=$2
set -- $(measure "$GOALKIT_BIN/goalmap-check" "$dir/goals.csv")
ck_secs=$1 ck_kb=$2

size=$(wc -c <"$dir/goals.csv")
echo "goalmap-check bench: $goals goals, $(wc -l <"$dir/links.txt") requires links, $size bytes"
echo "  goalmap-check --stats: ${gk_secs}s CPU, ${gk_kb} KiB peak"
echo "  goalmap-check (all checks): ${ck_secs}s CPU, ${ck_kb} KiB peak"
echo "  tsort (baseline, links only): ${ts_secs}s CPU, ${ts_kb} KiB peak"
awk -v a="$ck_secs" -v b="$ts_secs" -v m="$ck_kb" -v s="$size" 'BEGIN {
	printf "  ratio check/tsort time: %.2f; peak memory / input size: %.1f\n",
	    (b > 0 ? a / b : 0), m * 1024 / s
}'
