#!/bin/sh
# shellcheck disable=SC2046 # measure prints three words to split
# Time mastery-calc on the standard workload (10,000,000 evidence rows,
# 30,000 students, 60 goals, 300 activities, 180 days) against
# "datamash -s -g student_id,goal_id mean score" on the same file in the
# same run, and time "bkt --fit" on the largest real log when present.
# ROWS=n makes a smaller workload.
set -eu
: "${GOALKIT_BIN:=build/release/bin}"
rows=${ROWS:-10000000}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cc -O2 -o "$dir/gen-evidence" "$here/gen-evidence.c"
"$dir/gen-evidence" "$rows" 30000 60 300 180 >"$dir/evidence.csv"

# Print "wall-seconds cpu-seconds peak-KiB" of a command reading the
# file $input; its output is thrown away.
measure() {
	/usr/bin/time -f '%e %U %S %M' -o "$dir/time" "$@" <"$input" \
	    >/dev/null 2>"$dir/stderr" || { cat "$dir/stderr" >&2; exit 1; }
	awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/time"
}

input=$dir/evidence.csv
set -- $(measure "$GOALKIT_BIN/mastery-calc" "$input")
mc_wall=$1 mc_cpu=$2 mc_kb=$3
set -- $(measure datamash -t, --header-in -s -g student_id,goal_id mean score)
dm_wall=$1 dm_cpu=$2 dm_kb=$3

echo "mastery-calc bench: $rows rows, $(wc -c <"$dir/evidence.csv") bytes"
echo "  mastery-calc (decaying-average): ${mc_wall}s wall, ${mc_cpu}s CPU, ${mc_kb} KiB peak"
echo "  datamash -s -g mean (baseline): ${dm_wall}s wall, ${dm_cpu}s CPU, ${dm_kb} KiB peak"
awk -v mw="$mc_wall" -v dw="$dm_wall" -v mc="$mc_cpu" -v dc="$dm_cpu" \
    -v mk="$mc_kb" -v dk="$dm_kb" 'BEGIN {
	printf "  datamash/mastery-calc: wall %.2fx, CPU %.2fx, memory %.2fx (target: 3x faster, no more memory)\n",
	    (mw > 0 ? dw / mw : 0), (mc > 0 ? dc / mc : 0), (mk > 0 ? dk / mk : 0)
}'

real=$here/../../../shared/data/real/kt-benchmarks-lpp/assistments09_preprocessed_data_train.csv
if [ -f "$real" ]; then
	input=/dev/null
	set -- $(measure "$GOALKIT_BIN/mastery-calc" -m bkt --fit "$dir/fit.csv" \
	    -c student_id=user_id -c goal_id=skill_id -c score=correct \
	    -c time=timestamp "$real")
	echo "  bkt --fit on assistments09 train ($(($(wc -l <"$real") - 1)) rows): ${1}s wall, ${2}s CPU, ${3} KiB peak"
fi
