#!/bin/sh
# Make samples/evidence.csv: eight weeks of formative-assessment evidence
# for the sample class (2026-09-08 to 2026-10-30), appended through
# assess-record itself the way a teacher and the students would.
#
#   sh samples/make-evidence.sh [LOG]
#
# Grade 5 (S001-S007) works through the argument goals ARG.2-ARG.12,
# grade 6 (S008-S012) through the unit rate goals RATE.1-RATE.13, each
# student at a pace of their own, moving on to the next goal once the
# current one is mastered.  Three grade 5 readers (S002, S004, S006) take
# timed one-minute reading probes for FLU.1.  Teacher scores come in one
# import per lesson, as a gradebook export would, and self-assessments
# from an exit-ticket export.  Peer scores and corrections are typed one
# at a time.  Three students stop improving under one activity: S003
# under A07 (ARG.5), S010 under A27 (RATE.5) and S006 under A40 (FLU.1).
#
# Scores follow a fixed formula per student and lesson, so the output is
# the same on every run: record ids take their clock from
# GOALKIT_RECORD_CLOCK, set to the day of entry plus a count of the calls
# so far.

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

# Print the class plan, one line per lesson of a student: date, lesson
# number, student, goal, score out of 4, activity, and the criterion on
# ARG.7.  Lessons are on Tuesdays, Wednesdays and Thursdays.  Each
# student works through the goals of their grade in the order of their
# prerequisites, one goal at a time, and moves on once the decaying
# average of the goal (weight 0.65, as mastery-calc computes it by
# default) reaches its threshold.
#
# Students are listed as ID:GRADE:START:GAIN.  On a goal, scores start
# at START, one point lower (but at least 1) on every third goal, and
# rise by GAIN tenths of a point per lesson.  From the fourth lesson on
# a goal, a score is one point lower on a bad day, when the lesson number
# plus the student number is a multiple of 7.  ARG.7 is scored per
# rubric criterion (claim, evidence, reasoning), reasoning one point
# below the other two.  S003 under A07 (ARG.5) and S010 under A27
# (RATE.5) stop improving: their scores there stay put.
plan() {
	awk -F, '
	FILENAME == ARGV[1] {
		if (FNR > 1) {
			n = split($3, g, ";")
			for (i = 1; i <= n; i++)
				acts[g[i]] = acts[g[i]] ($1 ",")
		}
		next
	}
	END {
		# The thresholds of goals.csv, 0.8 where it gives none.
		thr["RATE.1"] = 0.9
		order[5] = "ARG.2 ARG.3 ARG.4 ARG.5 ARG.6 ARG.7 ARG.8 " \
		    "ARG.9 ARG.10 ARG.11 ARG.12"
		order[6] = "RATE.1 RATE.4 RATE.2 RATE.5 RATE.6 RATE.7 " \
		    "RATE.8 RATE.9 RATE.3 RATE.11 RATE.13 RATE.12"
		# student:grade:start:gain
		n = split("S001:5:2:10 S002:5:1:8 S003:5:2:8 S004:5:1:8 " \
		    "S005:5:3:10 S006:5:1:10 S007:5:2:10 S008:6:2:12 " \
		    "S009:6:3:10 S010:6:1:9 S011:6:2:8 S012:6:3:12", st, " ")
		split("2026-09-08 2026-09-09 2026-09-10 " \
		    "2026-09-15 2026-09-16 2026-09-17 " \
		    "2026-09-22 2026-09-23 2026-09-24 " \
		    "2026-09-29 2026-09-30 2026-10-01 " \
		    "2026-10-06 2026-10-07 2026-10-08 " \
		    "2026-10-13 2026-10-14 2026-10-15 " \
		    "2026-10-20 2026-10-21 2026-10-22 " \
		    "2026-10-27 2026-10-28 2026-10-29", day, " ")
		for (i = 1; i <= n; i++) {
			split(st[i], f, ":")
			id = f[1]
			num = substr(id, 2) + 0
			ng = split(order[f[2]], goals, " ")
			gi = 1
			k = 0
			for (l = 1; l <= 24 && gi <= ng; l++) {
				goal = goals[gi]
				na = split(acts[goal], a, ",") - 1
				act = a[num % na + 1]
				first = f[3] - ((gi + num) % 3 == 0)
				if (first < 1)
					first = 1
				score = int(first + k * f[4] / 10)
				if (k >= 3 && (l + num) % 7 == 0)
					score--
				if (id == "S003" && goal == "ARG.5") {
					act = "A07"
					score = 2
				}
				if (id == "S010" && goal == "RATE.5") {
					act = "A27"
					score = 1
				}
				if (score > 4)
					score = 4
				if (score < 0)
					score = 0
				if (goal == "ARG.7") {
					r = score > 0 ? score - 1 : 0
					x = (2 * score + r) / 12
					printf "%s,%d,%s,%s,%d,%s,claim\n", \
					    day[l], l, id, goal, score, act
					printf "%s,%d,%s,%s,%d,%s,evidence\n", \
					    day[l], l, id, goal, score, act
					printf "%s,%d,%s,%s,%d,%s,reasoning\n", \
					    day[l], l, id, goal, r, act
				} else {
					x = score / 4
					printf "%s,%d,%s,%s,%d,%s,\n", \
					    day[l], l, id, goal, score, act
				}
				d = k == 0 ? x : d * 0.35 + x * 0.65
				t = goal in thr ? thr[goal] : 0.8
				if (d >= t - 1e-9) {
					gi++
					k = 0
				} else
					k++
			}
		}
	}' "$samples/activities.csv"
}

# Self-assessments: each student's own rating, one point above the
# teacher's for the overconfident S011, and one below for S009 unless the
# teacher's score is 0 or 4.
self_ratings() {
	awk -F, '{
		s = $3
		if ($1 == "S011")
			s = s < 4 ? s + 1 : 4
		if ($1 == "S009" && s > 0 && s < 4)
			s--
		printf "%s,%s,%d,4,%s,,\n", $1, $2, s, $5
	}'
}

# A timed one-minute reading probe: student, activity, words correct,
# errors, at time $1.
probe() {
	record -s "$2" -g FLU.1 --score "$4" --minutes 1 --errors "$5" \
	    --activity "$3" --time "$1" --recorded-by ms.rivera
}

# --- Lessons ------------------------------------------------------------

# Enter the teacher's scores of each lesson as one import, and after each
# Thursday lesson the self-assessment tickets (none for ARG.7, whose
# paragraphs a partner scores instead).  The gradebook export of
# 2026-09-10 has one typo, corrected below: S007's score is one point
# too low.
plan > "$tmp/plan.csv"
for l in $(seq 1 24); do
	d=$(awk -F, -v l="$l" '$2 == l { print $1; exit }' "$tmp/plan.csv")
	on_day "$d"
	awk -F, -v l="$l" -v OFS=, '$2 == l {
		if ($1 == "2026-09-10" && $3 == "S007")
			$5--
		print $3, $4, $5, 4, $6, $7, ""
	}' "$tmp/plan.csv" > "$tmp/lesson.csv"
	import teacher "${d}T10:15" "$tmp/lesson.csv"
	if [ $((l % 3)) -eq 0 ]; then
		awk -F, '$2 != "ARG.7"' "$tmp/lesson.csv" | self_ratings \
		    > "$tmp/tickets.csv"
		import self "${d}T10:40" "$tmp/tickets.csv"
	fi
done

# Peer scores of ARG.7 paragraphs, typed in from the students' forms:
# on the first day two students write one, they score each other's
# evidence, one point above the teacher.
peerday=$(awk -F, '$4 == "ARG.7" && $7 == "evidence" { n[$1]++ }
    END { for (d in n) if (n[d] >= 2) print d }' "$tmp/plan.csv" | sort |
    head -n 1)
on_day "$peerday"
awk -F, -v d="$peerday" '$1 == d && $4 == "ARG.7" && $7 == "evidence"' \
    "$tmp/plan.csv" | head -n 2 > "$tmp/peers.csv"
# shellcheck disable=SC2046
set -- $(cut -d, -f3 "$tmp/peers.csv")
while IFS=, read -r _ _ s g sc a _; do
	partner=$1
	[ "$partner" = "$s" ] && partner=$2
	sc=$((sc < 4 ? sc + 1 : 4))
	record -s "$s" -g "$g" --score "$sc/4" --by peer --criterion evidence \
	    --activity "$a" --time "${peerday}T10:50" \
	    --note "Partner: $partner. \"Add a because sentence.\""
done < "$tmp/peers.csv"

# --- Grade 5: reading fluency probes ------------------------------------

# Twice a week from the second week.  S002 improves to the aim of 118
# words correct per minute by the sixth week, and S004 more slowly.
# S006's words correct stay near 71 under A40 from the fourth week on.
n=0
for d in 2026-09-15 2026-09-18 2026-09-22 2026-09-25 2026-09-29 \
    2026-10-02 2026-10-06 2026-10-09 2026-10-13 2026-10-16 2026-10-20 \
    2026-10-23 2026-10-27 2026-10-30; do
	on_day "$d"
	probe "${d}T08:30" S002 A39 $((78 + 4 * n)) $((6 - n / 3))
	probe "${d}T08:35" S004 A39 $((60 + 3 * n)) $((8 - n / 2))
	if [ "$n" -lt 6 ]; then
		probe "${d}T08:40" S006 A39 $((58 + 2 * n)) 7
	else
		probe "${d}T08:40" S006 A40 $((70 + n % 3)) 6
	fi
	n=$((n + 1))
done

# A peer check of unit prices, typed in.
on_day 2026-10-29
record -s S011 -g RATE.7 --score 2/4 --by peer --activity A31 \
    --time 2026-10-29T11:05 --note "Partner: S008. Rounded \$0.125 to \$0.12"

# --- Corrections ---------------------------------------------------------

# Each void names a record by its id, found in the log by student, goal,
# activity and time as a teacher would look it up.
record_id() {
	awk -F, -v s="$1" -v g="$2" -v t="$3" -v c="$4" \
	    '$3 == s && $4 == g && $2 == t && $7 == c { print $1; exit }' "$log"
}

# S007's score of 2026-09-10 typed one point too low: void it and enter
# the right one.
on_day 2026-09-11
IFS=, read -r _ _ _ _ sc a _ <<EOT
$(awk -F, '$1 == "2026-09-10" && $3 == "S007"' "$tmp/plan.csv")
EOT
record --void "$(record_id S007 ARG.2 2026-09-10T10:15:00 teacher)" \
    --time 2026-09-11T08:00 --recorded-by ms.rivera \
    --note "Typo: S007 scored $sc, not $((sc - 1))"
record -s S007 -g ARG.2 --score "$sc/4" --activity "$a" \
    --time 2026-09-10T10:15 --recorded-by ms.rivera \
    --note "Re-entered after the typo"

# A self-assessment typed under the wrong goal.
on_day 2026-09-18
record -s S009 -g RATE.4 --score 3/4 --by self --activity A23 \
    --time 2026-09-17T10:40 --recorded-by S009
record --void "$(record_id S009 RATE.4 2026-09-17T10:40:00 self)" \
    --time 2026-09-18T08:00 --recorded-by ms.rivera \
    --note "Wrong goal: this ticket was about RATE.2"

# A probe entered twice.
on_day 2026-10-09
probe 2026-10-09T08:30 S002 A39 $((78 + 4 * 7)) $((6 - 7 / 3))
record --void "$(awk -F, '$3 == "S002" && $4 == "FLU.1" &&
    $2 == "2026-10-09T08:30:00" { id = $1 } END { print id }' "$log")" \
    --time 2026-10-09T12:00 --recorded-by ms.rivera \
    --note "Entered twice"
