#!/bin/sh
# Make samples/evidence.csv: eight weeks of formative-assessment evidence
# for the sample class (2026-09-08 to 2026-10-30), appended through
# assess-record itself the way a teacher and the students would.
#
#   sh samples/make-evidence.sh [LOG]
#
# Grade 5 (S001-S007) works through the argument goals ARG.2-ARG.7,
# grade 6 (S008-S012) through the unit rate goals RATE.1-RATE.8, and
# three grade 5 readers (S002, S004, S006) take timed one-minute reading
# probes for FLU.1.  Teacher scores come in one import per lesson, as a
# gradebook export would, and self-assessments from an exit-ticket
# export.  Peer scores and corrections are typed one at a time.  Three students
# stop improving under one activity: S003 under A07 (ARG.5), S010 under
# A27 (RATE.5) and S006 under A40 (FLU.1).
#
# Scores follow a fixed formula per student, so the output is the same
# on every run: record ids take their clock from GOALKIT_RECORD_CLOCK,
# set to the day of entry plus a count of the calls so far.

set -eu

log=${1:-samples/evidence.csv}
ar=${GOALKIT_BIN:+$GOALKIT_BIN/}assess-record
samples=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -f "$log"

entries=0
day=

# Enter the evidence that follows on day $1.
on_day() {
	day=$1
}

# Run assess-record with the next clock value: the day of entry at
# 16:00 UTC plus one second per call so far, unique across the script.
record() {
	entries=$((entries + 1))
	GOALKIT_RECORD_CLOCK=$(printf '%sT16:%02d:%02dZ' "$day" \
	    $((entries / 60)) $((entries % 60))) \
	    "$ar" -l "$log" -G "$samples/goals.csv" \
	    -R "$samples/students.csv" --no-sync "$@" >/dev/null
}

# Import the CSV rows (student,goal,score,max,activity,criterion,note)
# of file $3 as one gradebook export of assessor $1 at time $2.  Input
# comes from a file, not a pipe, so record() runs in this shell and its
# count of calls goes on.
import() {
	{
		echo "student,skill,points,out_of,activity,criterion,comment"
		cat "$3"
	} > "$tmp/export.csv"
	record -c student_id=student -c goal_id=skill -c score=points \
	    -c max_score=out_of -c activity_id=activity -c note=comment \
	    --by "$1" --time "$2" --recorded-by ms.rivera "$tmp/export.csv"
}

# Rubric scores 0-4 for lesson $1 of goal $2 (attempt $3, 0-based) for
# the students listed after it as ID:ACTIVITY:START:GAIN; the score is
# START + attempt x GAIN / 10, rounded down and capped at 4.
scores() {
	goal=$1 attempt=$2
	shift 2
	for s in "$@"; do
		echo "$s"
	done | awk -F: -v goal="$goal" -v k="$attempt" '{
		score = int($3 + k * $4 / 10)
		if (score > 4)
			score = 4
		printf "%s,%s,%d,4,%s,,\n", $1, goal, score, $2
	}'
}

# Self-assessments: each student's own rating, one point above the
# teacher's for the overconfident S005 and S011, one below for S009.
self_ratings() {
	awk -F, '{
		s = $3
		if ($1 == "S005" || $1 == "S011")
			s = s < 4 ? s + 1 : 4
		if ($1 == "S009")
			s = s > 0 ? s - 1 : 0
		printf "%s,%s,%d,4,%s,,\n", $1, $2, s, $5
	}'
}

# One week of a goal for one grade: two teacher-scored lessons (Tuesday,
# Thursday), with exit-ticket self-assessments after the second.
week() {
	tue=$1 thu=$2 goal=$3 first=$4
	shift 4
	on_day "$tue"
	scores "$goal" "$first" "$@" > "$tmp/lesson.csv"
	import teacher "${tue}T10:15" "$tmp/lesson.csv"
	on_day "$thu"
	scores "$goal" $((first + 1)) "$@" > "$tmp/lesson.csv"
	import teacher "${thu}T10:15" "$tmp/lesson.csv"
	self_ratings < "$tmp/lesson.csv" > "$tmp/tickets.csv"
	import self "${thu}T10:40" "$tmp/tickets.csv"
}

# A timed one-minute reading probe: student, activity, words correct,
# errors, at time $1.
probe() {
	record -s "$2" -g FLU.1 --score "$4" --minutes 1 --errors "$5" \
	    --activity "$3" --time "$1" --recorded-by ms.rivera
}

# --- Grade 5: claims, evidence and reasoning ---------------------------

g5_arg2="S001:A02:2:8 S002:A03:1:10 S003:A01:2:6 S004:A01:1:8 S005:A02:2:10 S006:A01:1:6 S007:A01:2:8"
# shellcheck disable=SC2086
week 2026-09-08 2026-09-10 ARG.2 0 $g5_arg2
# shellcheck disable=SC2086
week 2026-09-15 2026-09-17 ARG.3 0 \
    S001:A05:2:8 S002:A04:2:8 S003:A04:2:6 S004:A04:1:10 S005:A05:2:10 \
    S006:A04:1:8 S007:A04:2:6
# shellcheck disable=SC2086
week 2026-09-22 2026-09-24 ARG.4 0 \
    S001:A06:2:8 S002:A06:1:10 S003:A06:2:6 S004:A06:1:8 S005:A06:3:6 \
    S006:A06:1:8 S007:A06:2:8

# ARG.5 over two weeks: S003 stays at 2 under A07 (gain 0).
g5_arg5="S001:A07:1:8 S002:A08:1:8 S003:A07:2:0 S004:A08:1:10 S005:A07:2:8 S006:A09:1:8 S007:A09:1:10"
# shellcheck disable=SC2086
week 2026-09-29 2026-10-01 ARG.5 0 $g5_arg5
# shellcheck disable=SC2086
week 2026-10-06 2026-10-08 ARG.5 2 $g5_arg5

# shellcheck disable=SC2086
week 2026-10-13 2026-10-15 ARG.6 0 \
    S001:A10:2:8 S002:A10:2:6 S004:A10:1:8 S005:A10:2:10 S006:A10:1:8 \
    S007:A10:2:8

# ARG.7: a claim-evidence-reasoning paragraph scored per rubric
# criterion by the teacher, then by a classmate.
cer() {
	awk -F: -v k="$1" '{
		split("claim evidence reasoning", crit, " ")
		for (c = 1; c <= 3; c++) {
			score = int($3 + k * $4 / 10) - (c == 3)
			if (score > 4)
				score = 4
			if (score < 0)
				score = 0
			printf "%s,ARG.7,%d,4,%s,%s,\n", $1, score, $2, crit[c]
		}
	}'
}
g5_arg7="S001:A11:2:8 S002:A11:2:6 S004:A12:1:10 S005:A11:3:6 S006:A12:1:8 S007:A11:2:6"
lesson=0
for d in 2026-10-20 2026-10-27 2026-10-29; do
	on_day "$d"
	echo "$g5_arg7" | tr ' ' '\n' | cer "$lesson" > "$tmp/lesson.csv"
	import teacher "${d}T10:15" "$tmp/lesson.csv"
	lesson=$((lesson + 1))
done

# Peer scores of the second paragraph, typed in from the students' forms.
on_day 2026-10-28
record -s S001 -g ARG.7 --score 3/4 --by peer --criterion evidence \
    --activity A11 --time 2026-10-27T10:50 --note "Partner: S005"
record -s S005 -g ARG.7 --score 4/4 --by peer --criterion evidence \
    --activity A11 --time 2026-10-27T10:50 --note "Partner: S001"
record -s S002 -g ARG.7 --score 2/4 --by peer --criterion reasoning \
    --activity A11 --time 2026-10-27T10:50 \
    --note 'Partner: S007. "Add a because sentence."'
record -s S007 -g ARG.7 --score 3/4 --by peer --criterion reasoning \
    --activity A11 --time 2026-10-27T10:50 --note "Partner: S002"

# --- Grade 5: reading fluency probes ------------------------------------

# Twice a week from the second week.  S002 and S004 improve; S006's words
# correct stay near 71 under A40 from the fourth week on.
n=0
for d in 2026-09-15 2026-09-18 2026-09-22 2026-09-25 2026-09-29 \
    2026-10-02 2026-10-06 2026-10-09 2026-10-13 2026-10-16 2026-10-20 \
    2026-10-23 2026-10-27 2026-10-30; do
	on_day "$d"
	probe "${d}T08:30" S002 A39 $((72 + 3 * n)) $((6 - n / 3))
	probe "${d}T08:35" S004 A39 $((60 + 3 * n)) $((8 - n / 2))
	if [ "$n" -lt 6 ]; then
		probe "${d}T08:40" S006 A39 $((58 + 2 * n)) 7
	else
		probe "${d}T08:40" S006 A40 $((70 + n % 3)) 6
	fi
	n=$((n + 1))
done

# --- Grade 6: unit rates ------------------------------------------------

# shellcheck disable=SC2086
week 2026-09-08 2026-09-10 RATE.1 0 \
    S008:A22:2:8 S009:A21:3:6 S010:A21:2:6 S011:A21:1:10 S012:A21:2:8
# shellcheck disable=SC2086
week 2026-09-15 2026-09-17 RATE.4 0 \
    S008:A25:2:8 S009:A25:3:6 S010:A25:2:8 S011:A25:2:8 S012:A25:2:10
# shellcheck disable=SC2086
week 2026-09-22 2026-09-24 RATE.2 0 \
    S008:A23:2:6 S009:A23:3:8 S010:A23:1:8 S011:A23:1:10 S012:A23:2:8

# RATE.5 over two weeks: S010 stays at 1 under A27 (gain 0).
g6_rate5="S008:A28:1:8 S009:A27:2:8 S010:A27:1:0 S011:A28:1:10 S012:A29:2:8"
# shellcheck disable=SC2086
week 2026-09-29 2026-10-01 RATE.5 0 $g6_rate5
# shellcheck disable=SC2086
week 2026-10-06 2026-10-08 RATE.5 2 $g6_rate5
# shellcheck disable=SC2086
week 2026-10-13 2026-10-15 RATE.6 0 \
    S008:A30:2:8 S009:A30:3:6 S011:A30:2:8 S012:A30:2:10
# shellcheck disable=SC2086
week 2026-10-20 2026-10-22 RATE.7 0 \
    S008:A31:2:8 S009:A31:2:10 S011:A31:1:10 S012:A31:2:8
# shellcheck disable=SC2086
week 2026-10-27 2026-10-29 RATE.8 0 \
    S008:A32:2:8 S009:A32:2:8 S011:A32:2:6 S012:A33:3:6

# A peer check of unit prices, typed in.
on_day 2026-10-29
record -s S011 -g RATE.7 --score 2/4 --by peer --activity A31 \
    --time 2026-10-29T11:05 --note "Partner: S012. Rounded \$0.125 to \$0.12"
record -s S012 -g RATE.7 --score 4/4 --by peer --activity A31 \
    --time 2026-10-29T11:05 --note "Partner: S011"

# --- Corrections ---------------------------------------------------------

# Each void names a record by its id, found in the log by student, goal,
# activity and time as a teacher would look it up.
record_id() {
	awk -F, -v s="$1" -v g="$2" -v t="$3" -v c="$4" \
	    '$3 == s && $4 == g && $2 == t && $7 == c { print $1; exit }' "$log"
}

# A score typed as 1 instead of 3: void it and enter the right one.
on_day 2026-09-11
record --void "$(record_id S007 ARG.2 2026-09-10T10:15:00 teacher)" \
    --time 2026-09-11T08:00 --recorded-by ms.rivera \
    --note "Typo: S007 scored 3, not 2"
record -s S007 -g ARG.2 --score 3/4 --activity A01 \
    --time 2026-09-10T10:15 --recorded-by ms.rivera \
    --note "Re-entered after the typo"

# A self-assessment typed under the wrong goal.
on_day 2026-09-25
record -s S009 -g RATE.4 --score 3/4 --by self --activity A23 \
    --time 2026-09-24T10:40 --recorded-by S009
record --void "$(record_id S009 RATE.4 2026-09-24T10:40:00 self)" \
    --time 2026-09-25T08:00 --recorded-by ms.rivera \
    --note "Wrong goal: this ticket was about RATE.2"

# A probe entered twice.
on_day 2026-10-09
probe 2026-10-09T08:30 S002 A39 93 4
record --void "$(awk -F, '$3 == "S002" && $4 == "FLU.1" &&
    $2 == "2026-10-09T08:30:00" { id = $1 } END { print id }' "$log")" \
    --time 2026-10-09T12:00 --recorded-by ms.rivera \
    --note "Entered twice"
