#!/usr/bin/env bats
# Tests of mastery-calc.  Expected values were worked out by hand from the
# formulas in mastery-calc(1); each test says how.

bats_require_minimum_version 1.5.0
load test_helper

F=$FIXTURES/mastery-calc
HEADER=student_id,goal_id,status,estimate,threshold,evidence,latest,first_time,last_time,mastered_time,method,basis,last_activity,stalled_activity

# Scores 2, 3, 4 on a 0..4 rubric, one day apart.
rubric() {
	printf 'time,student_id,goal_id,score,max_score,activity_id\n'
	printf '2026-03-02,S1,G1,2,4,A1\n2026-03-03,S1,G1,3,4,A2\n'
	printf '2026-03-04,S1,G1,4,4,A3\n'
}

# Print the estimate column of the one data row of mastery-calc's output.
estimate() {
	mastery-calc "$@" | awk -F, 'NR == 2 { print $4 }'
}

@test "mastery-calc: one score gives that score" {
	printf 'student_id,goal_id,score\nS1,G1,0.7\n' >ev.csv
	run -0 mastery-calc ev.csv
	assert_output - <<-EOF
	$HEADER
	S1,G1,progressing,0.7000,0.8000,1,0.7000,,,,decaying-average:0.65,evidence,,
	EOF
}

@test "mastery-calc: two scores take the decaying average" {
	# 0.5 x (1 - 0.65) + 1 x 0.65 = 0.825, at or above 0.8.
	printf 'student_id,goal_id,score\nS1,G1,0.5\nS1,G1,1\n' >ev.csv
	run -0 mastery-calc ev.csv
	assert_output - <<-EOF
	$HEADER
	S1,G1,mastered,0.8250,0.8000,2,1.0000,,,,decaying-average:0.65,evidence,,
	EOF
}

@test "mastery-calc -m weighted-average: worked rubric value" {
	# 4 x 0.65 + mean(2, 3) x 0.35 = 2.6 + 0.875 = 3.475, printed 3.48.
	rubric >ev.csv
	run -0 estimate -m weighted-average --scale 4 -t 3 ev.csv
	assert_output 3.48
}

@test "mastery-calc -m decaying-average: worked rubric value" {
	# d = 2; 2 x 0.35 + 3 x 0.65 = 2.65; 2.65 x 0.35 + 4 x 0.65 = 3.5275.
	rubric >ev.csv
	run -0 estimate -m decaying-average --scale 4 -t 3 ev.csv
	assert_output 3.53
}

@test "mastery-calc -m decaying-average: 1, 2, 3, 4 give 3.48" {
	# 1; 1.65; 2.5275; 2.5275 x 0.35 + 4 x 0.65 = 3.484625.
	printf 'student_id,goal_id,score\nS,G,1\nS,G,2\nS,G,3\nS,G,4\n' >ev.csv
	run -0 estimate --max-score 4 --scale 4 ev.csv
	assert_output 3.48
}

@test "mastery-calc -m n-times:2: mean of the scores at the threshold" {
	# 3 and 4 reach 3 of 4; their mean is 3.5.
	rubric >ev.csv
	run -0 mastery-calc -m n-times:2 --scale 4 -t 3 ev.csv
	assert_line -n 1 S1,G1,mastered,3.50,3.00,3,4.00,2026-03-02,2026-03-04,2026-03-04,n-times:2,evidence,A3,
}

@test "mastery-calc -m n-times:3: too few qualifying scores leave no estimate" {
	rubric >ev.csv
	run -0 mastery-calc -m n-times:3 --scale 4 -t 3 ev.csv
	assert_line -n 1 S1,G1,progressing,,3.00,3,4.00,2026-03-02,2026-03-04,,n-times:3,evidence,A3,
}

@test "mastery-calc -m latest, highest, mean: simple methods" {
	# Latest 4; highest 4, first reached on 03-04; mean (2+3+4)/3 = 3.
	rubric >ev.csv
	run -0 estimate -m latest --scale 4 ev.csv
	assert_output 4.00
	run -0 estimate -m highest --scale 4 ev.csv
	assert_output 4.00
	run -0 estimate -m mean --scale 4 ev.csv
	assert_output 3.00
}

@test "mastery-calc -m bkt: one correct answer gives 0.6927" {
	# Posterior 0.3 x 0.9 / (0.3 x 0.9 + 0.7 x 0.2) = 0.6585, then
	# 0.6585 + (1 - 0.6585) x 0.1 = 0.6927; threshold 0.95 for bkt.
	printf 'student_id,goal_id,score\nS1,G1,1\n' >ev.csv
	run -0 mastery-calc -m bkt ev.csv
	assert_line -n 1 S1,G1,progressing,0.6927,0.9500,1,1.0000,,,,bkt,evidence,,
}

@test "mastery-calc -m bkt --correct-at: a wrong answer lowers the estimate" {
	# 0.6 is below --correct-at 0.7, so wrong: 0.3 x 0.1 / (0.03 + 0.7 x
	# 0.8) = 0.050847, then + 0.949153 x 0.1 = 0.1458.
	printf 'student_id,goal_id,score\nS1,G1,0.6\n' >ev.csv
	run -0 estimate -m bkt --correct-at 0.7 ev.csv
	assert_output 0.1458
}

@test "mastery-calc --params: per-goal BKT parameters" {
	# prior 0.5, learn 0, guess 0.25, slip 0.25, one correct:
	# 0.5 x 0.75 / (0.375 + 0.125) = 0.75.
	printf 'goal_id,prior,learn,guess,slip\nG1,0.5,0,0.25,0.25\n' >p.csv
	printf 'student_id,goal_id,score\nS1,G1,1\nS1,G2,1\n' >ev.csv
	run -0 mastery-calc -m bkt --params p.csv ev.csv
	assert_line -n 1 S1,G1,progressing,0.7500,0.9500,1,1.0000,,,,bkt,evidence,,
	assert_line -n 2 S1,G2,progressing,0.6927,0.9500,1,1.0000,,,,bkt,evidence,,
}

@test "mastery-calc -m bkt: impossible evidence, no NaN" {
	# G1: prior 0 and guess 0, so a correct answer has probability 0 and
	# Bayes' rule is 0/0; G2: prior 1 and slip 0, the same for a wrong
	# answer.  The estimate stays where it was (0 and 1), learn being 0.
	printf 'goal_id,prior,learn,guess,slip\nG1,0,0,0,0.1\nG2,1,0,0.2,0\n' >p.csv
	printf 'student_id,goal_id,score\nS1,G1,1\nS1,G2,0\n' >ev.csv
	run -0 mastery-calc -m bkt --params p.csv ev.csv
	assert_line -n 1 S1,G1,progressing,0.0000,0.9500,1,1.0000,,,,bkt,evidence,,
	assert_line -n 2 S1,G2,mastered,1.0000,0.9500,1,0.0000,,,,bkt,evidence,,
	run -0 mastery-calc -m bkt --params p.csv --explain ev.csv
	refute_output --regexp '[Nn][Aa][Nn]|[Ii][Nn][Ff]'
}

@test "mastery-calc --params: guess + slip of 1 is rejected" {
	printf 'goal_id,prior,learn,guess,slip\nG1,0.5,0,0.5,0.5\n' >p.csv
	printf 'student_id,goal_id,score\nS1,G1,1\n' >ev.csv
	run -1 --separate-stderr mastery-calc -m bkt --params p.csv ev.csv
	assert_equal "$stderr" "mastery-calc: p.csv:2: slip: guess + slip must be below 1 '1'"
}

# Write 50,000 answers of 2,500 students on one goal, drawn from a BKT
# model with prior 0.4, learn 0.15, guess 0.2 and slip 0.1 (awk seed 7).
synthetic_bkt() {
	awk 'BEGIN {
		srand(7)
		print "student_id,goal_id,score"
		for (s = 1; s <= 2500; s++) {
			known = rand() < 0.4
			for (t = 1; t <= 20; t++) {
				if (known)
					correct = rand() >= 0.1
				else
					correct = rand() < 0.2
				print "S" s ",G1," correct
				if (!known && rand() < 0.15)
					known = 1
			}
		}
	}'
}

@test "mastery-calc --fit: recovers known BKT parameters within 0.03" {
	synthetic_bkt >ev.csv
	run -0 mastery-calc -m bkt --fit fit.csv ev.csv
	run -0 awk -F, 'NR == 2 {
		d["prior"] = $2 - 0.4; d["learn"] = $3 - 0.15
		d["guess"] = $4 - 0.2; d["slip"] = $5 - 0.1
		for (k in d) if (d[k] > 0.03 || d[k] < -0.03)
			print k, "off by", d[k]
		print $1, $7, $8, $9
	}' fit.csv
	assert_output "G1 2500 50000 fitted"
}

@test "mastery-calc --fit: the same input gives the same parameters" {
	synthetic_bkt >ev.csv
	mastery-calc -m bkt --fit a.csv ev.csv >out-a.csv
	mastery-calc -m bkt --fit b.csv ev.csv >out-b.csv
	run -0 cmp a.csv b.csv
	run -0 cmp out-a.csv out-b.csv
}

@test "mastery-calc --fit: a goal with little evidence keeps the defaults" {
	printf 'student_id,goal_id,score\nS1,G1,1\nS1,G1,0\n' >ev.csv
	run -0 --separate-stderr mastery-calc -m bkt --fit fit.csv ev.csv
	assert_equal "$stderr" "mastery-calc: fit.csv: warning: goal 'G1': too little evidence to fit (2 pieces from 1 student, need 50 from 5); using the defaults"
	run -0 cat fit.csv
	assert_output - <<-EOF
	goal_id,prior,learn,guess,slip,forget,students,evidence,source
	G1,0.3000,0.1000,0.2000,0.1000,0.0000,1,2,default
	EOF
}

@test "mastery-calc --fit --max-guess --max-slip: the bounds hold" {
	# The data were drawn with guess 0.2 and slip 0.1, both above these
	# bounds, so the fit must stop at the bounds themselves.
	synthetic_bkt >ev.csv
	run -0 mastery-calc -m bkt --fit fit.csv --max-guess 0.1 \
	    --max-slip 0.05 ev.csv
	run -0 awk -F, 'NR == 2 { print $4, $5 }' fit.csv
	assert_output "0.1000 0.0500"
}

@test "mastery-calc --fit: one piece from one student is singular" {
	printf 'student_id,goal_id,score\nS1,G1,1\n' >ev.csv
	run -0 --separate-stderr mastery-calc -m bkt --fit fit.csv ev.csv
	assert_equal "$stderr" "mastery-calc: fit.csv: warning: goal 'G1': too little evidence to fit (1 piece from 1 student, need 50 from 5); using the defaults"
}

@test "mastery-calc --fit: needs -m bkt" {
	run -2 --separate-stderr mastery-calc --fit fit.csv /dev/null
	assert_equal "$stderr" "mastery-calc: --fit: needs -m bkt"
}

@test "mastery-calc: late-entered earlier work does not become the latest" {
	# Rows: 03-02 0.6, 03-04 0.9, then 03-03 0.2 appended late.  In time
	# order the latest is 0.9; the decaying average runs 0.6, 0.34, 0.704.
	run -0 mastery-calc -m latest "$F/late.csv"
	assert_line -n 1 S1,G1,mastered,0.9000,0.8000,3,0.9000,2026-03-02,2026-03-04,2026-03-04,latest,evidence,A2,
	run -0 estimate "$F/late.csv"
	assert_output 0.7040
}

@test "mastery-calc --order-by recorded: takes evidence as recorded" {
	# By record_id the 0.2 comes last: mastered at 0.9, then slipped.
	run -0 mastery-calc -m latest --order-by recorded "$F/late.csv"
	assert_line -n 1 S1,G1,slipped,0.2000,0.8000,3,0.2000,2026-03-02,2026-03-03,2026-03-04,latest,evidence,A3,
}

@test "mastery-calc: late evidence read from a pipe is replayed too" {
	run -0 --separate-stderr bash -c "cat '$F/late.csv' | mastery-calc"
	assert_line -n 1 S1,G1,progressing,0.7040,0.8000,3,0.9000,2026-03-02,2026-03-04,,decaying-average:0.65,evidence,A2,
}

@test "mastery-calc: voided records and their voiding records are dropped" {
	# r3 (0.2) is voided by r4; the rest is 0.4 then 0.9:
	# 0.4 x 0.35 + 0.9 x 0.65 = 0.725.
	run -0 mastery-calc "$F/voids.csv"
	assert_line -n 1 S1,G1,progressing,0.7250,0.8000,2,0.9000,2026-03-02,2026-03-03,,decaying-average:0.65,evidence,,
}

@test "mastery-calc: voided records read from a pipe are dropped too" {
	# Finding voided records reads standard input twice.
	run -0 bash -c "cat '$F/voids.csv' | mastery-calc --explain"
	assert_output - <<-EOF
	student_id,goal_id,time,activity_id,assessor,score,weight,estimate,source
	S1,G1,2026-03-02,,teacher,0.4000,0.3500,0.4000,<stdin>:2
	S1,G1,2026-03-03,,teacher,0.9000,0.6500,0.7250,<stdin>:3
	EOF
}

@test "mastery-calc: an exact 4.675 on a scale prints as 4.68" {
	# The mean of 4.6 and 4.75 of 10 is 4.675; the double is just below.
	printf 'student_id,goal_id,score,max_score\nS,G,4.6,10\nS,G,4.75,10\n' >ev.csv
	run -0 estimate -m mean --scale 10 ev.csv
	assert_output 4.68
	printf 'student_id,goal_id,score\nS,G,0.46755\n' >ev.csv
	run -0 estimate -m latest ev.csv
	assert_output 0.4676
}

@test "mastery-calc: a stalled sequence names its activity" {
	# A1 three times: 0.5, 0.4, 0.5; the last is no higher than the first.
	# 0.5; 0.5 x 0.35 + 0.4 x 0.65 = 0.435; 0.435 x 0.35 + 0.5 x 0.65 =
	# 0.47725.
	run -0 mastery-calc "$F/stalled.csv"
	assert_line -n 1 S1,G1,stalled,0.4773,0.8000,3,0.5000,2026-03-02,2026-03-04,,decaying-average:0.65,evidence,A1,A1
}

@test "mastery-calc --stall-window: a longer window is not reached" {
	run -0 mastery-calc --stall-window 4 "$F/stalled.csv"
	assert_line -n 1 S1,G1,progressing,0.4773,0.8000,3,0.5000,2026-03-02,2026-03-04,,decaying-average:0.65,evidence,A1,
}

@test "mastery-calc: a slipped sequence keeps its mastered time" {
	# Latest 0.9 reaches 0.8 on 03-02; 0.5 on 03-09 falls below.
	run -0 mastery-calc -m latest "$F/slipped.csv"
	assert_line -n 1 S1,G1,slipped,0.5000,0.8000,2,0.5000,2026-03-02T09:00:00,2026-03-09T09:00:00,2026-03-02T09:00:00,latest,evidence,A2,
}

@test "mastery-calc --min-evidence: one lucky quiz is not mastery" {
	printf 'student_id,goal_id,score\nS1,G1,1\n' >ev.csv
	run -0 mastery-calc --min-evidence 2 ev.csv
	assert_line -n 1 S1,G1,progressing,1.0000,0.8000,1,1.0000,,,,decaying-average:0.65,evidence,,
}

@test "mastery-calc --assessors: self-assessment does not count by default" {
	printf 'student_id,goal_id,score,assessor\nS1,G1,1,self\nS1,G1,0.5,teacher\n' >ev.csv
	run -0 estimate ev.csv
	assert_output 0.5000
	# Counting self too: 1 x 0.35 + 0.5 x 0.65 = 0.675.
	run -0 estimate --assessors teacher,self ev.csv
	assert_output 0.6750
}

@test "mastery-calc -G: roll-up of parts" {
	# W has parts P1 (0.9) and P2 (0.7, threshold 0.6), both mastered:
	# W is mastered with the mean 0.8.  Q keeps its own evidence.  S2 has
	# only P1 at 0.5, so W is progressing at 0.5.
	run -0 mastery-calc -G "$F/parts-goals.csv" "$F/parts-evidence.csv"
	assert_output - <<-EOF
	$HEADER
	S1,P1,mastered,0.9000,0.8000,1,0.9000,2026-03-02,2026-03-02,2026-03-02,decaying-average:0.65,evidence,,
	S1,P2,mastered,0.7000,0.6000,1,0.7000,2026-03-03,2026-03-03,2026-03-03,decaying-average:0.65,evidence,,
	S1,Q,progressing,0.5000,0.8000,1,0.5000,2026-03-04,2026-03-04,,decaying-average:0.65,evidence,,
	S1,Q1,mastered,1.0000,0.8000,1,1.0000,2026-03-05,2026-03-05,2026-03-05,decaying-average:0.65,evidence,,
	S1,W,mastered,0.8000,0.8000,2,,2026-03-02,2026-03-03,2026-03-03,decaying-average:0.65,parts,,
	S2,P1,progressing,0.5000,0.8000,1,0.5000,2026-03-02,2026-03-02,,decaying-average:0.65,evidence,,
	S2,P2,not-started,,0.6000,0,,,,,decaying-average:0.65,,,
	S2,Q,not-started,,0.8000,0,,,,,decaying-average:0.65,,,
	S2,Q1,not-started,,0.8000,0,,,,,decaying-average:0.65,,,
	S2,W,progressing,0.5000,0.8000,1,,2026-03-02,2026-03-02,,decaying-average:0.65,parts,,
	EOF
}

@test "mastery-calc -G: a goal not in the map is warned about" {
	printf 'time,student_id,goal_id,score\n2026-03-02,S1,ARG.22,1\n' >ev.csv
	run -0 --separate-stderr mastery-calc -G "$SAMPLES/goals.csv" ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:2: warning: goal_id: goal not in the goal map 'ARG.22' (counted with the default threshold)"
	assert_line S1,ARG.22,mastered,1.0000,0.8000,1,1.0000,2026-03-02,2026-03-02,2026-03-02,decaying-average:0.65,evidence,,
}

@test "mastery-calc -R: students without evidence are not started" {
	printf 'student_id\nS1\nS2\n' >roster.csv
	printf 'student_id,goal_id,score\nS1,G1,1\n' >ev.csv
	run -0 mastery-calc -R roster.csv ev.csv
	assert_output - <<-EOF
	$HEADER
	S1,G1,mastered,1.0000,0.8000,1,1.0000,,,,decaying-average:0.65,evidence,,
	S2,G1,not-started,,0.8000,0,,,,,decaying-average:0.65,,,
	EOF
}

@test "mastery-calc -G: a fluency goal needs both accuracy and the rate aim" {
	# FLU.1 needs 0.95 accuracy and 118 words a minute.  S1 reads 120
	# with 2 errors: 120 / 122 = 0.9836, aim met.  S2 reads 100 with no
	# error: accuracy 1, but the rate is below the aim.
	printf 'time,student_id,goal_id,score,minutes,errors\n' >ev.csv
	printf '2026-03-02,S1,FLU.1,120,1,2\n2026-03-02,S2,FLU.1,100,1,0\n' >>ev.csv
	run -0 bash -c "mastery-calc -G '$SAMPLES/goals.csv' ev.csv | grep FLU"
	assert_output - <<-EOF
	S1,FLU.1,mastered,0.9836,0.9500,1,0.9836,2026-03-02,2026-03-02,2026-03-02,decaying-average:0.65,evidence,,
	S2,FLU.1,progressing,1.0000,0.9500,1,1.0000,2026-03-02,2026-03-02,,decaying-average:0.65,evidence,,
	EOF
}

@test "mastery-calc --calibration: an overconfident student" {
	# S1: self 0.9 vs nearest teacher 0.6 (a day later); self 4/4 vs
	# teacher 2/4; the self 1 on G3 has no teacher evidence within 7 days.
	# Mean self (0.9 + 1) / 2, teacher (0.6 + 0.5) / 2, bias 0.4.
	run -0 mastery-calc --calibration "$F/calibration.csv"
	assert_output - <<-EOF
	student_id,self_assessments,pairs,mean_self,mean_teacher,bias,mean_abs_diff
	S1,3,2,0.9500,0.5500,0.4000,0.4000
	S2,1,1,0.5000,0.7000,-0.2000,0.2000
	EOF
}

@test "mastery-calc --calibration --by-goal: one row per student and goal" {
	run -0 mastery-calc --calibration --by-goal "$F/calibration.csv"
	assert_output - <<-EOF
	student_id,goal_id,self_assessments,pairs,mean_self,mean_teacher,bias,mean_abs_diff
	S1,G1,1,1,0.9000,0.6000,0.3000,0.3000
	S1,G2,1,1,1.0000,0.5000,0.5000,0.5000
	S1,G3,1,0,,,,
	S2,G1,1,1,0.5000,0.7000,-0.2000,0.2000
	EOF
}

@test "mastery-calc --calibration --window: a narrower window matches less" {
	# With a window of 0 days only S2's same-day pair remains.
	run -0 mastery-calc --calibration --window 0 "$F/calibration.csv"
	assert_line -n 1 S1,3,0,,,,
	assert_line -n 2 S2,1,1,0.5000,0.7000,-0.2000,0.2000
}

@test "mastery-calc --calibration: needs dates, not order numbers" {
	printf 'order_id,student_id,goal_id,score,assessor\n1,S1,G1,1,self\n' >ev.csv
	run -2 --separate-stderr mastery-calc --calibration -c time=order_id ev.csv
	assert_equal "$stderr" "mastery-calc: --calibration: needs dates in the time column to find teacher evidence within 7 days"
}

@test "mastery-calc --rates: rate, celeration and interim aim" {
	# 10, 20, 40 a minute a week apart: log10 rate rises 0.30103 a week,
	# so the celeration is 10^0.30103 = 2.00.  Interim aim 40 x 1.5 = 60;
	# S2's 90 x 1.5 = 135 is capped at FLU.1's aim of 118.
	run -0 mastery-calc --rates -G "$SAMPLES/goals.csv" "$F/rates.csv"
	assert_output - <<-EOF
	student_id,goal_id,timings,days,rate,error_rate,celeration,aim,interim_aim
	S1,FLU.1,3,3,40.00,0.00,2.00,118.00,60.00
	S2,FLU.1,1,1,90.00,,,118.00,118.00
	EOF
}

@test "mastery-calc --explain: the weight of each piece" {
	# Decaying average of 2, 3, 4 of 4: weights 0.35^2 = 0.1225,
	# 0.65 x 0.35 = 0.2275 and 0.65; they sum to 1.
	rubric >ev.csv
	run -0 mastery-calc --explain --scale 4 ev.csv
	assert_output - <<-EOF
	student_id,goal_id,time,activity_id,assessor,score,weight,estimate,source
	S1,G1,2026-03-02,A1,teacher,2.00,0.1225,2.00,ev.csv:2
	S1,G1,2026-03-03,A2,teacher,3.00,0.2275,2.65,ev.csv:3
	S1,G1,2026-03-04,A3,teacher,4.00,0.6500,3.53,ev.csv:4
	EOF
}

# A lesson scored on two rubric criteria three times, each 5 of 8 in all:
# 3 + 2, 2 + 3, then 1 + 4.  $1 picks the row order: "file" or "shuffled".
criteria() {
	printf 'time,student_id,goal_id,score,max_score,activity_id,criterion\n'
	if [ "$1" = shuffled ]; then
		printf '2026-03-04,S1,G1,4,4,A1,c2\n2026-03-02,S1,G1,3,4,A1,c1\n'
		printf '2026-03-03,S1,G1,3,4,A1,c2\n2026-03-04,S1,G1,1,4,A1,c1\n'
		printf '2026-03-02,S1,G1,2,4,A1,c2\n2026-03-03,S1,G1,2,4,A1,c1\n'
		return
	fi
	printf '2026-03-02,S1,G1,3,4,A1,c1\n2026-03-02,S1,G1,2,4,A1,c2\n'
	printf '2026-03-03,S1,G1,2,4,A1,c1\n2026-03-03,S1,G1,3,4,A1,c2\n'
	printf '2026-03-04,S1,G1,1,4,A1,c1\n2026-03-04,S1,G1,4,4,A1,c2\n'
}

@test "mastery-calc: a lesson's rubric criteria are one piece of evidence" {
	# samples/evidence.csv scores S001's ARG.7 work under A12 on claim,
	# evidence and reasoning (teacher rows; the peer row does not count):
	# 10-15 2 + 2 + 1 = 5/12, 10-20 3 + 3 + 2 = 8/12, 10-21 and 10-22
	# 4 + 4 + 3 = 11/12.  Decaying average, by hand: 0.4167, then
	# 0.4167 x 0.35 + 0.6667 x 0.65 = 0.5792, 0.5792 x 0.35 + 0.9167 x
	# 0.65 = 0.7985, 0.7985 x 0.35 + 0.9167 x 0.65 = 0.8753: mastered on
	# 10-22 with four pieces, not twelve rows.
	run -0 mastery-calc -G "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv"
	assert_line S001,ARG.7,mastered,0.8753,0.8000,4,0.9167,2026-10-15T10:15:00,2026-10-22T10:15:00,2026-10-22T10:15:00,decaying-average:0.65,evidence,A12,
	# S006 under A11: 1 + 1 + 0 = 2/12, then 5/12, 8/12: 0.1667, 0.1667 x
	# 0.35 + 0.4167 x 0.65 = 0.3292, 0.3292 x 0.35 + 0.6667 x 0.65 =
	# 0.5485.  S005: 8/12, 11/12 gives 0.6667 x 0.35 + 0.9167 x 0.65 =
	# 0.8292, mastered on 10-07.
	assert_line S006,ARG.7,progressing,0.5485,0.8000,3,0.6667,2026-10-27T10:15:00,2026-10-29T10:15:00,,decaying-average:0.65,evidence,A11,
	assert_line S005,ARG.7,mastered,0.8292,0.8000,2,0.9167,2026-10-06T10:15:00,2026-10-07T10:15:00,2026-10-07T10:15:00,decaying-average:0.65,evidence,A12,
	# Mean (5 + 8 + 11 + 11) / 48 = 0.7292; highest and latest 11/12,
	# first reached on 10-21.
	run -0 bash -c "mastery-calc -m mean '$SAMPLES/evidence.csv' | grep '^S001,ARG.7,'"
	assert_output S001,ARG.7,progressing,0.7292,0.8000,4,0.9167,2026-10-15T10:15:00,2026-10-22T10:15:00,,mean,evidence,A12,
	run -0 bash -c "mastery-calc -m highest '$SAMPLES/evidence.csv' | grep '^S001,ARG.7,'"
	assert_output S001,ARG.7,mastered,0.9167,0.8000,4,0.9167,2026-10-15T10:15:00,2026-10-22T10:15:00,2026-10-21T10:15:00,highest,evidence,A12,
}

@test "mastery-calc --explain: merged criteria list the lines of their rows" {
	# The weights of four pieces: 0.35^3, 0.65 x 0.35^2, 0.65 x 0.35,
	# 0.65.  The rows are lines 270-272, 295-297, 311-313 and 327-329
	# of the file (grep -n).
	run -0 bash -c "mastery-calc --explain '$SAMPLES/evidence.csv' | grep '^S001,ARG.7,'"
	assert_output - <<-EOF
	S001,ARG.7,2026-10-15T10:15:00,A12,teacher,0.4167,0.0429,0.4167,$SAMPLES/evidence.csv:270+271+272
	S001,ARG.7,2026-10-20T10:15:00,A12,teacher,0.6667,0.0796,0.5792,$SAMPLES/evidence.csv:295+296+297
	S001,ARG.7,2026-10-21T10:15:00,A12,teacher,0.9167,0.2275,0.7985,$SAMPLES/evidence.csv:311+312+313
	S001,ARG.7,2026-10-22T10:15:00,A12,teacher,0.9167,0.6500,0.8753,$SAMPLES/evidence.csv:327+328+329
	EOF
}

@test "mastery-calc: criteria repeating the same total are stalled" {
	# Each lesson is (3 + 2), (2 + 3), (1 + 4) of 8 = 0.625: no
	# improvement over three pieces from A1.  Row by row, the last three
	# rows would be 3/4, 1/4, 4/4 and the last above the first.
	criteria file >ev.csv
	run -0 mastery-calc ev.csv
	assert_line -n 1 S1,G1,stalled,0.6250,0.8000,3,0.6250,2026-03-02,2026-03-04,,decaying-average:0.65,evidence,A1,A1
}

@test "mastery-calc: criteria rows in any file order make the same lessons" {
	# The rows of criteria() shuffled, so every pair arrives out of
	# order: the lessons and the stall are the same, with and without
	# --explain (which keeps every piece in memory), which lists the
	# lines of a lesson in file order.
	criteria shuffled >ev.csv
	run -0 mastery-calc ev.csv
	assert_line -n 1 S1,G1,stalled,0.6250,0.8000,3,0.6250,2026-03-02,2026-03-04,,decaying-average:0.65,evidence,A1,A1
	run -0 mastery-calc --explain ev.csv
	assert_output - <<-EOF
	student_id,goal_id,time,activity_id,assessor,score,weight,estimate,source
	S1,G1,2026-03-02,A1,teacher,0.6250,0.1225,0.6250,ev.csv:3+6
	S1,G1,2026-03-03,A1,teacher,0.6250,0.2275,0.6250,ev.csv:4+7
	S1,G1,2026-03-04,A1,teacher,0.6250,0.6500,0.6250,ev.csv:2+5
	EOF
}

@test "mastery-calc: a voided criterion row leaves the lesson" {
	# r1 (c1 1/4) is voided by r3 and entered again as r4 (c1 3/4):
	# the lesson is (3 + 3) / 8 = 0.75, one piece; with r1 it would be
	# 7/12.
	cat >ev.csv <<-EOF
	record_id,time,student_id,goal_id,score,max_score,activity_id,criterion,voids
	r1,2026-03-02,S1,G1,1,4,A1,c1,
	r2,2026-03-02,S1,G1,3,4,A1,c2,
	r3,2026-03-02,S1,G1,,,,,r1
	r4,2026-03-02,S1,G1,3,4,A1,c1,
	EOF
	run -0 mastery-calc ev.csv
	assert_line -n 1 S1,G1,progressing,0.7500,0.8000,1,0.7500,2026-03-02,2026-03-02,,decaying-average:0.65,evidence,A1,
	run -0 mastery-calc --explain ev.csv
	assert_line -n 1 S1,G1,2026-03-02,A1,teacher,0.7500,1.0000,0.7500,ev.csv:3+5
}

@test "mastery-calc -m bkt: a lesson's criteria are one observation" {
	# c1 3/4 and c2 1/4 make 4/8 = 0.5, at --correct-at 0.5: one correct
	# answer, 0.6927 as in the bkt test above.  Row by row it would be
	# a correct and a wrong answer.
	printf 'time,student_id,goal_id,score,max_score,criterion\n' >ev.csv
	printf '2026-03-02,S1,G1,3,4,c1\n2026-03-02,S1,G1,1,4,c2\n' >>ev.csv
	run -0 mastery-calc -m bkt ev.csv
	assert_line -n 1 S1,G1,progressing,0.6927,0.9500,1,0.5000,2026-03-02,2026-03-02,,bkt,evidence,,
}

@test "mastery-calc --calibration: a self-assessment on criteria is one" {
	# Self c1 4/4 + c2 4/4 = 1, teacher the same day 2/4 + 2/4 = 0.5:
	# one self-assessment, one pair, bias 0.5.
	cat >ev.csv <<-EOF
	time,student_id,goal_id,score,max_score,assessor,criterion
	2026-03-02,S1,G1,4,4,self,c1
	2026-03-02,S1,G1,4,4,self,c2
	2026-03-02,S1,G1,2,4,teacher,c1
	2026-03-02,S1,G1,2,4,teacher,c2
	EOF
	run -0 mastery-calc --calibration ev.csv
	assert_line -n 1 S1,1,1,1.0000,0.5000,0.5000,0.5000
}

@test "mastery-calc: rows of criteria from other lessons stay apart" {
	# Same time, other activity (A2) and a row without a criterion: three
	# pieces, 0.5 (c1 + c2 of A1), 1 (A2) and 0.25 (no criterion), in
	# file order at one time.  Latest is 0.25.
	printf 'time,student_id,goal_id,score,max_score,activity_id,criterion\n' >ev.csv
	printf '2026-03-02,S1,G1,1,4,A1,c1\n2026-03-02,S1,G1,4,4,A2,c1\n' >>ev.csv
	printf '2026-03-02,S1,G1,3,4,A1,c2\n2026-03-02,S1,G1,1,4,A1,\n' >>ev.csv
	run -0 mastery-calc -m mean ev.csv
	assert_line -n 1 S1,G1,progressing,0.5833,0.8000,3,0.2500,2026-03-02,2026-03-02,,mean,evidence,A1,
}

@test "mastery-calc: an integer time column orders the evidence" {
	# order_id puts the 0 first, then the 1: the latest is 1.
	printf 'order_id,student_id,goal_id,score\n20,S1,G1,1\n10,S1,G1,0\n' >ev.csv
	run -0 mastery-calc -m latest -c time=order_id ev.csv
	assert_line -n 1 S1,G1,mastered,1.0000,0.8000,2,1.0000,10,20,20,latest,evidence,,
}

@test "mastery-calc: 3,000 students, whole and ordered" {
	# More students than one run of the two-thread writer (256), so
	# runs are formatted on both threads and joined.  awk computes each
	# decaying average, a x 0.35 + b x 0.65, for first score a and
	# second score b; sort gives the byte order of the ids.
	awk 'BEGIN {
		print "student_id,goal_id,score"
		for (r = 0; r < 2; r++)
			for (s = 1; s <= 3000; s++)
				for (g = 1; g <= 2; g++)
					printf "S%d,G%d,%s\n", s, g, \
					    r == 0 ? (s + g) % 5 / 4 : (s * g) % 3 / 2
	}' >ev.csv
	awk -F, 'NR > 1 {
		k = $1 "," $2
		if (k in first)
			printf "%s,%.4f\n", k, first[k] * 0.35 + $3 * 0.65
		else
			first[k] = $3
	}' ev.csv | LC_ALL=C sort -t, -k1,1 -k2,2 >expected
	run -0 mastery-calc ev.csv
	printf '%s\n' "$output" | awk -F, 'NR > 1 { print $1 "," $2 "," $4 }' >got
	assert_equal "$(wc -l <got)" 6000
	run diff expected got
	assert_success
}

@test "mastery-calc: one thread, same table" {
	# As user nobody limited to one process, no thread can be started,
	# so both passes fall back to one thread.
	[ "$(id -u)" = 0 ] || skip "needs root to run as nobody"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"
	if [ "${GOALKIT_SANITIZE:-}" = 1 ]; then
		skip "LeakSanitizer starts a thread of its own at exit"
	fi
	awk 'BEGIN {
		print "student_id,goal_id,score"
		for (s = 1; s <= 3000; s++)
			printf "S%d,G%d,%d\n", s, s % 3, s % 2
	}' >ev.csv
	chmod a+r ev.csv
	run -0 mastery-calc ev.csv
	local threaded=$output
	run -0 --separate-stderr setpriv --reuid=65534 --regid=65534 \
	    --clear-groups bash -c 'ulimit -u 1 && exec "$0" ev.csv' \
	    "$(command -v mastery-calc)"
	assert_equal "$stderr" ""
	assert_equal "$output" "$threaded"
}

@test "mastery-calc: 60,000 rows, none lost" {
	# Rows cross between the two threads in batches of 4,096, so this log
	# fills 15 of them.  Every row is a student of its own, so the folding
	# thread creates a pair per row and lags the reading thread, and
	# batches queue up to the end.  Each pair must count its one piece.
	awk 'BEGIN {
		print "student_id,goal_id,score"
		for (s = 1; s <= 60000; s++)
			printf "S%d,G1,%d\n", s, s % 2
	}' >ev.csv
	run -0 mastery-calc ev.csv
	run -0 awk -F, 'NR > 1 { n++; if ($6 != 1) bad++ }
	    END { print n, bad + 0 }' <<<"$output"
	assert_output "60000 0"
}

@test "mastery-calc: a percent score is out of 100" {
	printf 'student_id,goal_id,score\nS1,G1,85%%\n' >ev.csv
	run -0 estimate ev.csv
	assert_output 0.8500
}

@test "mastery-calc: TSV input gives TSV output" {
	printf 'student_id\tgoal_id\tscore\nS1\tG1\t1\n' >ev.tsv
	run -0 mastery-calc ev.tsv
	assert_line -n 1 "$(printf 'S1\tG1\tmastered\t1.0000\t0.8000\t1\t1.0000\t\t\t\tdecaying-average:0.65\tevidence\t\t')"
}

@test "mastery-calc: rows without a score are skipped with one warning" {
	printf 'student_id,goal_id,score\nS1,G1,\nS1,G1,1\nS1,G1, \n' >ev.csv
	run -0 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv: warning: score: skipped 2 rows without a score (not assessed yet)"
	assert_line -n 1 S1,G1,mastered,1.0000,0.8000,1,1.0000,,,,decaying-average:0.65,evidence,,
}

@test "mastery-calc: invalid cells are errors with file and line" {
	printf 'time,student_id,goal_id,score,max_score,assessor,minutes\n' >ev.csv
	printf '2026-03-02,S1,G1,abc,,,\n' >>ev.csv
	printf '2026-03-02,S1,G1,5,4,,\n' >>ev.csv
	printf '2026-03-02,S1,G1,1,0,,\n' >>ev.csv
	printf '2026-03-02,S1,G1,1,,coach,\n' >>ev.csv
	printf '03/02/2026,S1,G1,1,,,\n' >>ev.csv
	printf '2026-03-02,,G1,1,,,\n' >>ev.csv
	printf '2026-03-02,S1,G1,1,,,-1\n' >>ev.csv
	printf '2026-03-02,S1,G1,-1,,,\n' >>ev.csv
	printf '2026-03-02,S1,G1,1,,,\n' >>ev.csv
	run -1 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:2: score: invalid score 'abc'
mastery-calc: ev.csv:3: score: score above its max_score 4 '5'
mastery-calc: ev.csv:4: max_score: invalid maximum '0'
mastery-calc: ev.csv:5: assessor: unknown assessor (expected teacher, self, peer or system) 'coach'
mastery-calc: ev.csv:6: time: invalid time (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]]) '03/02/2026'
mastery-calc: ev.csv:7: student_id: missing id ''
mastery-calc: ev.csv:8: minutes: invalid length '-1'
mastery-calc: ev.csv:9: score: invalid score '-1'"
	assert_line -n 1 S1,G1,mastered,1.0000,0.8000,1,1.0000,2026-03-02,2026-03-02,2026-03-02,decaying-average:0.65,evidence,,
}

@test "mastery-calc: score above --max-score named" {
	printf 'student_id,goal_id,score\nS1,G1,103\nS1,G1,99\n' >ev.csv
	run -1 --separate-stderr mastery-calc --max-score 100 ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:2: score: score above the maximum 100 (give --max-score for another, or a max_score column) '103'"
}

@test "mastery-calc: peer-only log is warned about" {
	# Peer and self evidence does not count by default, so this log gives
	# an empty table; the warning says why.  With --assessors peer the
	# one rating counts.
	printf 'student_id,goal_id,score,assessor\nS1,G1,1,peer\nS2,G1,1,self\n' >ev.csv
	run -0 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv: warning: assessor: no row counts toward mastery: 2 rows are by assessors not in --assessors (default teacher,system)"
	assert_output "$HEADER"
	run -0 --separate-stderr mastery-calc --assessors peer ev.csv
	assert_equal "$stderr" ""
	assert_line -n 1 S1,G1,mastered,1.0000,0.8000,1,1.0000,,,,decaying-average:0.65,evidence,,
}

@test "mastery-calc: a time of the other kind is an error" {
	printf 'time,student_id,goal_id,score\n3,S1,G1,1\n2026-03-02,S1,G1,1\n' >ev.csv
	run -1 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:3: time: expected an integer like the earlier rows '2026-03-02'"
}

@test "mastery-calc: a missing column is an error" {
	printf 'student,goal_id,score\nS1,G1,1\n' >ev.csv
	run -1 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:1: missing column 'student_id'"
	run -1 --separate-stderr mastery-calc -c student_id=user_id ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:1: missing column 'user_id' (read as student_id)"
}

@test "mastery-calc: malformed CSV is an error" {
	# The x after "G1" is byte 41: 25 bytes of header, 8 of row 2, then 8.
	printf 'student_id,goal_id,score\nS1,G1,1\nS1,"G1"x,1\n' >ev.csv
	run -1 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:3: malformed CSV at byte 41: unexpected character after a closing quote"
}

@test "mastery-calc: a missing file is trouble" {
	run -2 --separate-stderr mastery-calc nosuch.csv
	assert_equal "$stderr" "mastery-calc: nosuch.csv: No such file or directory"
}

@test "mastery-calc: bad option values are usage errors" {
	run -2 --separate-stderr mastery-calc -m median /dev/null
	assert_equal "$stderr" "mastery-calc: -m: unknown method 'median' (expected latest, highest, mean, weighted-average[:W], decaying-average[:W], n-times[:N] or bkt)"
	run -2 --separate-stderr mastery-calc -m decaying-average:2 /dev/null
	assert_equal "$stderr" "mastery-calc: -m: invalid weight '2' in 'decaying-average:2' (allowed 0-1)"
	run -2 --separate-stderr mastery-calc -m n-times:1.5 /dev/null
	assert_equal "$stderr" "mastery-calc: -m: invalid count '1.5' in 'n-times:1.5' (allowed 1-1000)"
	run -2 --separate-stderr mastery-calc --assessors teacher,coach /dev/null
	assert_equal "$stderr" "mastery-calc: --assessors: unknown assessor 'coach' (expected teacher, self, peer or system)"
	run -2 --separate-stderr mastery-calc --order-by day /dev/null
	assert_equal "$stderr" "mastery-calc: --order-by: invalid order 'day' (expected time or recorded)"
	run -2 --separate-stderr mastery-calc -t 5 --scale 4 /dev/null
	assert_equal "$stderr" "mastery-calc: -t: invalid value '5' (allowed 0-4)"
	run -2 --separate-stderr mastery-calc --explain --rates /dev/null
	assert_equal "$stderr" "mastery-calc: --explain, --calibration and --rates cannot be combined"
	run -2 --separate-stderr mastery-calc --by-goal /dev/null
	assert_equal "$stderr" "mastery-calc: --by-goal: needs --calibration"
	run -2 --separate-stderr mastery-calc -m bkt --max-guess 0.6 --max-slip 0.4 /dev/null
	assert_equal "$stderr" "mastery-calc: --max-guess and --max-slip: their sum must be below 1"
}

@test "mastery-calc -h: usage on standard output" {
	run -0 mastery-calc -h
	assert_line -n 0 "usage: mastery-calc [-G goals] [-R students] [-m method] [-t threshold]"
}

@test "mastery-calc: an empty file is an empty log, with a warning" {
	# A nightly job whose export failed gets a table of students not
	# started; the warning tells its log why.
	: >ev.csv
	run -0 --separate-stderr mastery-calc ev.csv
	assert_output "$HEADER"
	assert_equal "$stderr" "mastery-calc: ev.csv: warning: empty file, without even a header: no evidence read"
}

@test "mastery-calc: header-only input gives the header" {
	printf 'student_id,goal_id,score\n' >ev.csv
	run -0 mastery-calc ev.csv
	assert_output "$HEADER"
}

@test "mastery-calc: quoted fields, CRLF and a BOM are read" {
	printf '\357\273\277student_id,goal_id,score,note\r\n"S,1",G1,1,"a ""b""\r\nc"\r\n' >ev.csv
	run -0 mastery-calc ev.csv
	assert_line -n 1 '"S,1",G1,mastered,1.0000,0.8000,1,1.0000,,,,decaying-average:0.65,evidence,,'
}

@test "mastery-calc: real ASSISTments log through -c mappings" {
	require_real assistments2009-pybkt-subset
	local log=$REAL/assistments2009-pybkt-subset/as_no_answer_text.csv
	run -0 mastery-calc -m mean -c student_id=user_id -c goal_id=skill_name \
	    -c score=correct -c time=order_id "$log"
	printf '%s\n' "$output" >mine.csv
	# datamash computes the same means independently.
	run -0 bash -c "datamash -t, --header-in -s -g user_id,skill_name mean correct count correct <'$log' | wc -l"
	local pairs=$output
	run -0 awk 'END { print NR - 1 }' mine.csv
	assert_output "$pairs"
	run -0 bash -c "datamash -t, --header-in -s -g user_id,skill_name mean correct <'$log' | awk -F, '{ printf \"%s,%s,%.4f\n\", \$1, \$2, \$3 }' | sort"
	printf '%s\n' "$output" >theirs.csv
	run -0 bash -c "awk -F, 'NR > 1 { print \$1 \",\" \$2 \",\" \$4 }' mine.csv | sort | diff - theirs.csv"
}

@test "mastery-calc -m bkt --fit: real benchmark log, tab-separated" {
	require_real kt-benchmarks-lpp
	run -0 --separate-stderr mastery-calc -m bkt --fit fit.csv \
	    -c student_id=user_id -c goal_id=skill_id -c score=correct \
	    -c time=timestamp "$REAL/kt-benchmarks-lpp/assistments09_preprocessed_data_test.csv"
	# 623 users; the fitted rows keep guess and slip within their bounds.
	run -0 awk -F '\t' 'NR > 1 { u[$1] = 1 } END { print length(u) }' <<<"$output"
	assert_output 623
	run -0 awk -F, 'NR > 1 && ($4 > 0.3 || $5 > 0.3 || $4 + $5 >= 1) { print }' fit.csv
	assert_output ""
}

@test "mastery-calc: real GLOPs file has no header" {
	require_real assistments-glops
	# SOURCE.md: one row per student, "user_id r1 ... rN", no header,
	# space-separated; the first line is read as the header.
	local f=$REAL/assistments-glops/G4.196-exact.txt
	run -1 --separate-stderr mastery-calc "$f"
	assert_equal "${stderr_lines[0]}" "mastery-calc: $f:1: missing column 'student_id' (the header line is one column: give -d for its delimiter)"
	run -1 --separate-stderr mastery-calc -d ' ' "$f"
	assert_equal "${stderr_lines[0]}" "mastery-calc: $f:1: missing column 'student_id' (the first line contains only numbers: the file may have no header line)"
}

@test "mastery-calc: real OULAD scores with blanks on a 0..100 scale" {
	require_real oulad-assessments
	run -0 --separate-stderr mastery-calc -m latest --max-score 100 \
	    -c student_id=id_student -c goal_id=id_assessment \
	    -c time=date_submitted "$REAL/oulad-assessments/studentAssessment.csv"
	# SOURCE.md: 173 blank scores; no duplicate (assessment, student) pair,
	# so there is one row for each of the 173,912 - 173 scored rows.
	assert_equal "$stderr" "mastery-calc: $REAL/oulad-assessments/studentAssessment.csv: warning: score: skipped 173 rows without a score (not assessed yet)"
	run -0 awk 'END { print NR - 1 }' <<<"$output"
	assert_output 173739
}

@test "mastery-calc: one row without a score says row" {
	printf 'time,student_id,goal_id,score\n2026-03-02,S1,G1,1\n2026-03-03,S1,G1,\n' >ev.csv
	run -0 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv: warning: score: skipped 1 row without a score (not assessed yet)"
}
