#!/bin/sh
# real-pipeline.sh [REAL_DIR] [OUT_DIR]: the main job on real public data.
#
# REAL_DIR (default ../shared/data/real beside the repository) contains the
# folders described in each folder's SOURCE.md.  OUT_DIR (default
# demo-output/real in the repository) receives every table and report,
# and a summary with the time of each step goes to standard output.
#
# No single public data set has both a goal map with prerequisites and a
# response log on the same goals, so the pipeline runs in three parts and
# joins nothing across them:
#
# 1. atc-coherence-map: the Achieve the Core Coherence Map, 480 Common
#    Core mathematics standards with 757 prerequisite links (CC0), turned
#    into a goal map by samples/atc-goalmap.sh.  goalmap-check checks it
#    against its standards and goal-analyze reviews its statements and
#    writes the learning path to 7.RP.A.3.  There is no evidence on these
#    goals.
# 2. assistments2009-pybkt-subset: 10,791 ASSISTments 2009-2010 skill
#    builder responses (902 students, 2 skills).  The log is read as it
#    is, through -c mappings: student_id=user_id, goal_id=skill_name,
#    score=correct (0 or 1), time=order_id (an integer that orders the
#    responses) and activity_id=sequence_id (the problem set).
#    mastery-calc fits BKT parameters per skill and computes mastery.
#    The goal map has one goal per skill name and the activity catalog one
#    activity per problem set, both derived from the log by awk below.  The
#    log gives no prerequisites, so this goal map has none, and every goal
#    is ready for every student who has not mastered it.  suggest-activity
#    reads the same log for the past effectiveness of each problem set,
#    through --evidence-column, which maps the columns of the log alone.
#    progress-chart writes the summary and the class report.
# 3. kt-benchmarks-lpp: the ASSISTments 2009 train and test logs as
#    preprocessed for knowledge-tracing benchmarks (278,336 responses,
#    tab-separated, integer skill-set ids, in time order per student).
#    mastery-calc fits BKT on both files read through -c mappings, and
#    progress-chart summarises the result against a goal map of the skill
#    ids derived by awk.
#
# Needs POSIX sh, awk and GNU date (for times in nanoseconds).
set -eu

prog=${0##*/}
root=$(cd "$(dirname "$0")/.." && pwd)
: "${GOALKIT_BIN:=$root/build/release/bin}"
PATH=$GOALKIT_BIN:$PATH
real=${1:-$root/../shared/data/real}
out=${2:-$root/demo-output/real}

atc=$real/atc-coherence-map
as_log=$real/assistments2009-pybkt-subset/as_no_answer_text.csv
kt_train=$real/kt-benchmarks-lpp/assistments09_preprocessed_data_train.csv
kt_test=$real/kt-benchmarks-lpp/assistments09_preprocessed_data_test.csv
for f in "$atc/standards.csv" "$atc/prerequisite_edges.csv" "$as_log" \
    "$kt_train" "$kt_test"; do
	if [ ! -r "$f" ]; then
		echo "$prog: $f: No such file or directory" >&2
		exit 2
	fi
done
mkdir -p "$out/logs"
: >"$out/timings.csv"
echo "step,seconds" >"$out/timings.csv"

# step NAME OUTPUT COMMAND...: run COMMAND with standard output to OUTPUT
# (/dev/null when the command writes its own file) and standard error to
# logs/NAME.err, and append the seconds it took to timings.csv.  A failed
# step stops the pipeline with its first message.
step() {
	name=$1
	target=$2
	shift 2
	start=$(date +%s%N)
	if ! "$@" >"$target" 2>"$out/logs/$name.err"; then
		echo "$prog: $name failed: $(head -n 1 "$out/logs/$name.err")" >&2
		exit 1
	fi
	end=$(date +%s%N)
	awk -v n="$name" -v ns=$((end - start)) \
	    'BEGIN { printf "%s,%.2f\n", n, ns / 1e9 }' >>"$out/timings.csv"
}

# Print the number of data rows of the table $1 whose field $3 (separated
# by $2) equals $4, or of all its data rows when $3 is not given.
count() {
	awk -F "$2" -v col="${3:-0}" -v want="${4:-}" \
	    'NR > 1 && (col == 0 || $col == want) { n++ } END { print n + 0 }' "$1"
}

# Print the value of measure $1 in a goalmap-check --stats table $2.
measure() {
	awk -F, -v m="$1" '$1 == m { print $2 }' "$2"
}

# Derive a goal map (argument goals) or an activity catalog (argument
# activities) from the ASSISTments log on standard input.  Columns
# are found by name.  The log has no quoted fields, and a line with a
# double quote stops the program rather than being split wrongly.
derive_assistments() {
	awk -F, -v kind="$1" -v prog="$prog" -v file="$as_log" '
	NR == 1 {
		for (i = 1; i <= NF; i++)
			col[$i] = i
		if (!("skill_name" in col) || !("sequence_id" in col)) {
			printf "%s: %s: missing column skill_name or sequence_id\n",
			    prog, file | "cat 1>&2"
			exit 1
		}
		if (kind == "goals")
			print "goal_id,statement,scope,subject"
		else
			print "activity_id,goals,title,type,source"
		next
	}
	/"/ {
		printf "%s: %s:%d: quoted field, which this step cannot split\n",
		    prog, file, NR | "cat 1>&2"
		exit 1
	}
	{
		skill = $col["skill_name"]
		set = $col["sequence_id"]
		if (kind == "goals" && !(skill in seen)) {
			seen[skill] = 1
			printf "%s,Solve the ASSISTments skill builder problems on %s,core,Mathematics\n", skill, skill
		} else if (kind == "activities" && !(set in seen)) {
			seen[set] = 1
			printf "%s,%s,ASSISTments problem set %s,practice,ASSISTments 2009-2010\n", set, skill, set
		}
	}'
}

# Derive a goal map of the skill-set ids of the tab-separated logs.
derive_kt_goals() {
	awk -F '\t' '
	FNR == 1 {
		for (i = 1; i <= NF; i++)
			col[$i] = i
		next
	}
	!($col["skill_id"] in seen) {
		seen[$col["skill_id"]] = 1
		ids[++n] = $col["skill_id"]
	}
	END {
		print "goal_id,statement,scope,subject"
		for (i = 1; i <= n; i++)
			printf "%s,Answer the items of ASSISTments 2009 skill set %s,core,Mathematics\n", ids[i], ids[i]
	}' "$@"
}

# --- 1. The Coherence Map: a real goal map with prerequisites -----------

step atc-goals "$out/atc-goals.csv" sh "$root/samples/atc-goalmap.sh" "$atc"
step atc-standards "$out/atc-standards.csv" \
    sh "$root/samples/atc-goalmap.sh" -s "$atc"
step atc-check "$out/atc-findings.csv" goalmap-check --format csv \
    -s "$out/atc-standards.csv" "$out/atc-goals.csv"
step atc-stats "$out/atc-stats.csv" goalmap-check --stats \
    -s "$out/atc-standards.csv" "$out/atc-goals.csv"
step atc-analyze "$out/atc-analysis.csv" goal-analyze \
    -s "$out/atc-standards.csv" "$out/atc-goals.csv"
step atc-path "$out/atc-path-7.RP.A.3.csv" goal-analyze -p 7.RP.A.3 \
    "$out/atc-goals.csv"

# --- 2. An ASSISTments response log, read through -c mappings ----------

step as-goals "$out/as-goals.csv" derive_assistments goals <"$as_log"
step as-activities "$out/as-activities.csv" \
    derive_assistments activities <"$as_log"
step as-mastery "$out/as-mastery.csv" mastery-calc -m bkt \
    --fit "$out/as-bkt-params.csv" -G "$out/as-goals.csv" \
    -c student_id=user_id -c goal_id=skill_name -c score=correct \
    -c time=order_id -c activity_id=sequence_id "$as_log"
step as-suggest "$out/as-suggestions.csv" suggest-activity \
    -G "$out/as-goals.csv" -A "$out/as-activities.csv" -E "$as_log" \
    --evidence-column student_id=user_id --evidence-column goal_id=skill_name \
    --evidence-column score=correct --evidence-column time=order_id \
    --evidence-column activity_id=sequence_id "$out/as-mastery.csv"

# The mastery table's times are order_id values, not dates; progress-chart
# numbers each student's evidence in that order instead of drawing dates.
step as-summary "$out/as-summary.csv" progress-chart --summary \
    -G "$out/as-goals.csv" "$out/as-mastery.csv"
step as-report /dev/null progress-chart -f html \
    -o "$out/as-report.html" -G "$out/as-goals.csv" \
    -S "$out/as-suggestions.csv" "$out/as-mastery.csv"

# --- 3. The knowledge-tracing benchmark logs, tab-separated -------------

step kt-goals "$out/kt-goals.csv" derive_kt_goals "$kt_train" "$kt_test"
step kt-mastery "$out/kt-mastery.tsv" mastery-calc -m bkt \
    --fit "$out/kt-bkt-params.csv" -G "$out/kt-goals.csv" -d tab \
    -c student_id=user_id -c goal_id=skill_id -c score=correct \
    -c activity_id=item_id "$kt_train" "$kt_test"
step kt-summary "$out/kt-summary.csv" progress-chart --summary \
    -G "$out/kt-goals.csv" "$out/kt-mastery.tsv"

# --- Summary -------------------------------------------------------------

# Print two lines on the mastery table $1 (field separator $2) and its
# BKT parameter file $3: the pairs by status, and how many goals had
# their parameters fitted.
mastery_lines() {
	awk -F "$2" 'NR > 1 { n[$3]++; total++ } END {
		printf "  mastery       %d student-goal pairs, %d with evidence: %d mastered, %d progressing, %d stalled, %d slipped\n",
		    total, total - n["not-started"], n["mastered"], n["progressing"],
		    n["stalled"], n["slipped"]
	}' "$1"
	printf '  BKT           parameters fitted for %s of %s goals, defaults for the others\n' \
	    "$(count "$3" , 9 fitted)" "$(count "$3" ,)"
}

echo "goalkit on real data in $real"
echo
echo "1. Achieve the Core Coherence Map (atc-coherence-map)"
printf '  goal map      %s goals, %s prerequisite links, depth %s, %s errors, %s warnings\n' \
    "$(measure goals "$out/atc-stats.csv")" \
    "$(measure requires_edges "$out/atc-stats.csv")" \
    "$(measure max_depth "$out/atc-stats.csv")" \
    "$(count "$out/atc-findings.csv" , 1 error)" \
    "$(count "$out/atc-findings.csv" , 1 warning)"
printf '  statements    %s of %s measurable\n' \
    "$(count "$out/atc-analysis.csv" , 4 yes)" \
    "$(count "$out/atc-analysis.csv" ,)"
printf '  path          %s goals on the path to 7.RP.A.3\n' \
    "$(count "$out/atc-path-7.RP.A.3.csv" ,)"
echo
echo "2. ASSISTments 2009-2010 skill builder (assistments2009-pybkt-subset)"
printf '  log           %s goals, %s activities (problem sets)\n' \
    "$(count "$out/as-goals.csv" ,)" "$(count "$out/as-activities.csv" ,)"
mastery_lines "$out/as-mastery.csv" , "$out/as-bkt-params.csv"
awk -F, 'NR > 1 {
	printf "  BKT           %s: prior %s, learn %s, guess %s, slip %s\n", $1, $2, $3, $4, $5
}' "$out/as-bkt-params.csv"
printf '  suggestions   %s rows\n' "$(count "$out/as-suggestions.csv" ,)"
echo
echo "3. ASSISTments 2009 train and test (kt-benchmarks-lpp)"
mastery_lines "$out/kt-mastery.tsv" '\t' "$out/kt-bkt-params.csv"
echo
echo "seconds per step:"
awk -F, 'NR > 1 { printf "  %-14s %s\n", $1, $2 }' "$out/timings.csv"
echo
echo "wrote the tables and reports in $out, messages in $out/logs"
