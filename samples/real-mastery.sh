#!/bin/sh
# real-mastery.sh [OUTPUT_DIR]: run mastery-calc on the full public
# student response logs of the shared data folder beside the repository
# (or REAL), read as they are through -c column mappings, and write the
# results to OUTPUT_DIR (default ./real-mastery).  The logs may not be
# redistributed, so they stay in that folder and this script only reads
# them.
#
# For each log it writes the mastery table by the default method, by BKT
# with parameters fitted per skill (and the fitted parameters), and
# prints one line per run with its row count and time.
#
# The programs are taken from GOALKIT_BIN when it is set, else from the
# build folder of the clone that holds this script.

set -eu
here=$(cd "$(dirname "$0")" && pwd)
real=${REAL:-$(cd "$here/../.." && pwd)/shared/data/real}
bin=${GOALKIT_BIN:-$here/../build/release/bin}
out=${1:-real-mastery}

if [ ! -d "$real" ]; then
	echo "real-mastery: $real: No such directory" >&2
	exit 2
fi
mkdir -p "$out"

# run NAME LOG MAPPING...: the default method, then BKT fitted per skill.
run() {
	name=$1 log=$2
	shift 2
	if [ ! -f "$log" ]; then
		echo "real-mastery: $log: missing, skipped" >&2
		return 0
	fi
	for m in decaying-average bkt; do
		fit=
		[ "$m" = bkt ] && fit="--fit $out/$name-bkt-params.csv"
		start=$(date +%s.%N)
		# shellcheck disable=SC2086
		"$bin/mastery-calc" -m "$m" $fit "$@" "$log" \
		    >"$out/$name-$m.csv" 2>"$out/$name-$m.log" || {
			echo "real-mastery: $name -m $m failed:" >&2
			cat "$out/$name-$m.log" >&2
			exit 1
		}
		end=$(date +%s.%N)
		awk -v n="$name" -v m="$m" -v s="$start" -v e="$end" \
		    -v rows="$(($(wc -l <"$out/$name-$m.csv") - 1))" 'BEGIN {
			printf "%-24s %-17s %8d student-goal rows  %6.2fs\n",
			    n, m, rows, e - s
		}'
	done
}

run assistments09-skills \
    "$real/assistments2009-pybkt-subset/as_no_answer_text.csv" \
    -c student_id=user_id -c goal_id=skill_name -c score=correct \
    -c time=order_id
run assistments09-train \
    "$real/kt-benchmarks-lpp/assistments09_preprocessed_data_train.csv" \
    -c student_id=user_id -c goal_id=skill_id -c score=correct \
    -c time=timestamp
run assistments09-test \
    "$real/kt-benchmarks-lpp/assistments09_preprocessed_data_test.csv" \
    -c student_id=user_id -c goal_id=skill_id -c score=correct \
    -c time=timestamp
run assistments17-test \
    "$real/kt-benchmarks-lpp/assistments17_first_attempt_preprocessed_data_test.csv" \
    -c student_id=user_id -c goal_id=skill_id -c score=correct \
    -c time=timestamp
run oulad \
    "$real/oulad-assessments/studentAssessment.csv" \
    --max-score 100 -c student_id=id_student -c goal_id=id_assessment \
    -c time=date_submitted
