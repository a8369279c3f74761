#!/usr/bin/env bats
# suggest-activity: goal order, activity choice, fit, reasons, groups and
# every diagnostic.  Expected values are worked out by hand from the
# fixtures; each test says how.

bats_require_minimum_version 1.5.0
load test_helper

F=$FIXTURES/suggest-activity

# suggest-activity on the sample goal map and catalog.
sample() {
	suggest-activity -G "$SAMPLES/goals.csv" -A "$SAMPLES/activities.csv" "$@"
}

# suggest-activity on the goal-order fixtures.
order() {
	suggest-activity -G "$F/order-goals.csv" -A "$F/order-activities.csv" "$@"
}

# suggest-activity on the effectiveness fixtures.
effect() {
	suggest-activity -G "$F/eff-goals.csv" -A "$F/eff-activities.csv" "$@"
}

@test "suggest-activity -h: usage on stdout" {
	run -0 --separate-stderr suggest-activity -h
	assert_line --index 0 "usage: suggest-activity [-hV] -A activities -G goals [-E evidence] [-n count]"
	assert_equal "$stderr" ""
}

@test "suggest-activity -V: version" {
	run -0 suggest-activity -V
	assert_output "suggest-activity (goalkit) 0.1.0"
}

@test "suggest-activity: unknown option prints usage, status 2" {
	run -2 --separate-stderr suggest-activity -Z
	assert_output ""
	assert_equal "${stderr_lines[0]}" "suggest-activity: invalid option -- 'Z'"
	assert_equal "${stderr_lines[1]}" "usage: suggest-activity [-hV] -A activities -G goals [-E evidence] [-n count]"
}

@test "suggest-activity: -G is required" {
	run -2 --separate-stderr suggest-activity -A "$SAMPLES/activities.csv" /dev/null
	assert_equal "$stderr" "suggest-activity: missing option -G (the goal map)"
}

@test "suggest-activity: -A is required" {
	run -2 --separate-stderr suggest-activity -G "$SAMPLES/goals.csv" /dev/null
	assert_equal "$stderr" "suggest-activity: missing option -A (the activity catalog)"
}

@test "suggest-activity --project: needs --groups" {
	run -2 --separate-stderr sample --project ARG.2 "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: --project needs --groups SIZE"
}

@test "suggest-activity --student: not with --groups" {
	run -2 --separate-stderr sample --student S001 --groups 3 "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: --student cannot be used with --groups"
}

@test "suggest-activity: two inputs from stdin" {
	run -2 --separate-stderr sample -R - -
	assert_equal "$stderr" "suggest-activity: only one input can be standard input"
}

@test "suggest-activity: two mastery tables" {
	run -2 --separate-stderr sample "$F/class.csv" "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: only one mastery table can be given"
}

@test "suggest-activity: missing mastery table" {
	run -2 --separate-stderr sample nosuch.csv
	assert_output ""
	assert_equal "$stderr" "suggest-activity: nosuch.csv: No such file or directory"
}

@test "suggest-activity -E: missing evidence log" {
	run -2 --separate-stderr sample -E nosuch.csv "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: nosuch.csv: No such file or directory"
}

@test "suggest-activity: invalid option values" {
	run -2 --separate-stderr sample -n 0 "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: -n: invalid value '0' (allowed 1-1000)"
	run -2 --separate-stderr sample --alternatives 101 "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: --alternatives: invalid value '101' (allowed 1-100)"
	run -2 --separate-stderr sample --groups x "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: --groups: invalid value 'x' (allowed 1-100000)"
}

@test "suggest-activity: header-only table gives a header" {
	printf 'student_id,goal_id,status\n' >m.csv
	run -0 --separate-stderr sample m.csv
	assert_output "student_id,rank,goal_id,activity_id,type,choice,fit,reason"
	assert_equal "$stderr" ""
}

@test "suggest-activity: missing status column" {
	printf 'student_id,goal_id\nS1,ARG.2\n' >m.csv
	run -1 --separate-stderr sample m.csv
	assert_output ""
	assert_equal "$stderr" "suggest-activity: m.csv:1: missing column 'status'"
}

@test "suggest-activity: unknown goal in the table" {
	printf 'student_id,goal_id,status\nS1,ARG.2,mastered\nS1,ARG.99,mastered\n' >m.csv
	run -1 --separate-stderr sample m.csv
	assert_output ""
	assert_equal "$stderr" "suggest-activity: m.csv:3: goal_id: unknown goal 'ARG.99' (did you mean 'ARG.9'?)"
}

@test "suggest-activity: unknown status" {
	printf 'student_id,goal_id,status\nS1,ARG.2,done\n' >m.csv
	run -1 --separate-stderr sample m.csv
	assert_equal "$stderr" "suggest-activity: m.csv:2: status: unknown status 'done' (expected mastered, progressing, stalled, slipped or not-started)"
}

@test "suggest-activity: invalid estimate and time" {
	printf 'student_id,goal_id,status,estimate,last_time\nS1,ARG.2,progressing,-0.5,\nS1,ARG.3,progressing,0.5,03/14/2026\n' >m.csv
	run -1 --separate-stderr sample m.csv
	assert_equal "${stderr_lines[0]}" "suggest-activity: m.csv:2: estimate: invalid number '-0.5'"
	assert_equal "${stderr_lines[1]}" "suggest-activity: m.csv:3: last_time: invalid time '03/14/2026' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]])"
}

@test "suggest-activity: second row for a student and goal" {
	printf 'student_id,goal_id,status\nS1,ARG.2,mastered\nS1,ARG.2,progressing\n' >m.csv
	run -1 --separate-stderr sample m.csv
	assert_equal "$stderr" "suggest-activity: m.csv:3: goal_id: second row for student 'S1' and goal 'ARG.2'"
}

@test "suggest-activity: empty student id" {
	printf 'student_id,goal_id,status\n,ARG.2,mastered\n' >m.csv
	run -1 --separate-stderr sample m.csv
	assert_equal "$stderr" "suggest-activity: m.csv:2: student_id: empty id"
}

@test "suggest-activity -A: catalog errors" {
	printf 'activity_id,goals,type,place\nA1,ARG.2,lecture,any\nA2,ARG.2,game,garden\nA3,ARG.2,game,school\nA3,ARG.3,game,school\n,ARG.2,game,\n' >a.csv
	run -1 --separate-stderr suggest-activity -G "$SAMPLES/goals.csv" -A a.csv "$F/class.csv"
	assert_output ""
	assert_equal "${stderr_lines[0]}" "suggest-activity: a.csv:2: type: unknown type 'lecture' (expected explanation, video, reading, worked-example, practice, game, classification, simulation, project, discussion, tutoring or other)"
	assert_equal "${stderr_lines[1]}" "suggest-activity: a.csv:3: place: invalid place 'garden' (expected school, home or any)"
	assert_equal "${stderr_lines[2]}" "suggest-activity: a.csv:5: activity_id: duplicate activity 'A3' (first on line 4)"
	assert_equal "${stderr_lines[3]}" "suggest-activity: a.csv:6: activity_id: empty id"
	[ "${#stderr_lines[@]}" -eq 4 ]
}

@test "suggest-activity -A: unknown and repeated goals are warnings" {
	printf 'activity_id,goals,requires\nA1,ARG.2;ARG.2;BIO.1,ARG.0\n' >a.csv
	printf 'student_id,goal_id,status\nS1,ARG.2,not-started\n' >m.csv
	run -0 --separate-stderr suggest-activity -G "$SAMPLES/goals.csv" -A a.csv -n 1 m.csv
	assert_equal "${stderr_lines[0]}" "suggest-activity: a.csv:2: warning: goals: goal 'ARG.2' is listed twice"
	assert_equal "${stderr_lines[1]}" "suggest-activity: a.csv:2: warning: goals: unknown goal 'BIO.1' left out"
	assert_equal "${stderr_lines[2]}" "suggest-activity: a.csv:2: warning: requires: unknown goal 'ARG.0' left out"
	# ARG.2 and ARG.3 unlock the same nine goals; ARG.2 wins by id and A1
	# is its only activity, with no type: fit 0.5*0.5 + 0.3*0.5 + 0.2 = 0.60.
	assert_output "student_id,rank,goal_id,activity_id,type,choice,fit,reason
S1,1,ARG.2,A1,,free,0.60,Ready: it requires no other goal."
}

@test "suggest-activity -R: roster errors" {
	printf 'student_id,home_access\nS001,satellite\nS002,none\nS002,none\n' >r.csv
	run -1 --separate-stderr sample -R r.csv "$F/class.csv"
	assert_equal "${stderr_lines[0]}" "suggest-activity: r.csv:2: home_access: invalid value 'satellite' (expected online, offline or none)"
	assert_equal "${stderr_lines[1]}" "suggest-activity: r.csv:4: student_id: duplicate student 'S002'"
}

@test "suggest-activity -P: duplicate student and unknown interest" {
	printf 'student_id,likes,interests\nS001,game,Music\nS001,video,\n' >p.csv
	run -1 --separate-stderr sample -P p.csv "$F/class.csv"
	assert_equal "${stderr_lines[0]}" "suggest-activity: p.csv:2: warning: interests: no goal or subject 'Music'"
	assert_equal "${stderr_lines[1]}" "suggest-activity: p.csv:3: student_id: duplicate student 'S001'"
}

@test "suggest-activity --student: unknown student" {
	run -1 --separate-stderr sample --student S999 "$F/class.csv"
	assert_output ""
	assert_equal "$stderr" "suggest-activity: --student: no student 'S999' in the mastery table or roster"
}

@test "suggest-activity: goal order stalled, slipped, progressing, new" {
	# Q stalled on S1, slipped on L1, progresses on P1.  N2 unlocks N3 and
	# N4, N1 nothing, so N2 comes first.  N3 needs N2; X1 is extended and
	# Q neither chose it nor mastered the grade's core goals.
	run -0 --separate-stderr order -n 10 "$F/order-mastery.csv"
	assert_output - <<'EOF'
student_id,rank,goal_id,activity_id,type,choice,fit,reason
Q,1,S1,KS1b,game,free,0.60,"Stalled on KS1a, so this is a different kind of activity."
Q,2,L1,KL1,practice,free,0.50,Slipped below mastery (0.70 for 0.80); you have used it once.
Q,3,P1,KP1,reading,free,0.50,In progress (0.50 for 0.80); you have used it once.
Q,4,N2,KN2,practice,free,0.60,Ready: it requires no other goal.
Q,5,N1,KN1,practice,free,0.60,Ready: it requires no other goal.
EOF
}

@test "suggest-activity: extended goal offered for an interest" {
	printf 'student_id,interests\nQ,art\n' >p.csv
	run -0 order -n 10 -P p.csv "$F/order-mastery.csv"
	assert_line --index 6 'Q,6,X1,KX1,project,free,0.60,"Ready: it requires no other goal, and it matches your interests."'
	[ "${#lines[@]}" -eq 7 ]
}

@test "suggest-activity: extended goal offered once the core is mastered" {
	{
		echo student_id,goal_id,status
		for g in S1 P1 L1 N1 N2 N3 N4; do echo "R,$g,mastered"; done
	} >m.csv
	run -0 order m.csv
	assert_output 'student_id,rank,goal_id,activity_id,type,choice,fit,reason
R,1,X1,KX1,project,free,0.60,"Ready: it requires no other goal, and you have mastered the core goals of grade 4."'
}

@test "suggest-activity -n: limits the goals per student" {
	run -0 order -n 2 "$F/order-mastery.csv"
	assert_equal "${#lines[@]}" 3
	assert_line --index 2 --partial "Q,2,L1,"
}

@test "suggest-activity: stalled goal with no other activity" {
	printf 'student_id,goal_id,status,stalled_activity\nQ,P1,stalled,KP1\n' >m.csv
	run -0 order -n 1 m.csv
	assert_output 'student_id,rank,goal_id,activity_id,type,choice,fit,reason
Q,1,P1,,,coach,,"Stalled on KP1 and no other activity in the catalog fits, so plan the next step with the teacher."'
}

@test "suggest-activity: sample class, stalled with a revisit" {
	# S001 stalled on ARG.5 under A07 (classification).  A08 and A09 are
	# the other ARG.5 activities, both classification, so the choice is
	# free; both untried: 0.5*0.5 + 0.3*0.5 + 0.2 = 0.60.  ARG.4 was
	# mastered at 0.81 for 0.80, within the 0.05 margin: revisit it with
	# A06, used once (last_activity): 0.25 + 0.15 + 0.2/2 = 0.50.
	run -0 sample -n 3 --student S001 "$F/class.csv"
	assert_output - <<'EOF'
student_id,rank,goal_id,activity_id,type,choice,fit,reason
S001,1,ARG.5,A08,classification,free,0.60,"Stalled on A07, so this is a different activity."
S001,1,ARG.5,A09,classification,free,0.60,"Stalled on A07, so this is a different activity."
S001,2,ARG.4,A06,worked-example,free,0.50,Revisit ARG.4 because it was mastered only narrowly (0.81 for 0.80); a gap in a prerequisite is a common cause of no progress on ARG.5; you have used it once.
S001,3,ARG.6,A10,worked-example,free,0.50,In progress (0.60 for 0.80); you have used it once.
EOF
}

@test "suggest-activity --revisit-days: prerequisite mastered long ago" {
	# ARG.4 mastered 2026-02-02, ARG.5 last evidence 2026-03-02: 28 days.
	run -0 sample -n 2 --student S001 --revisit-margin 0 --revisit-days 20 "$F/class.csv"
	assert_line --index 3 "S001,2,ARG.4,A06,worked-example,free,0.50,Revisit ARG.4 because it was mastered 28 days before work on ARG.5 stalled; a gap in a prerequisite is a common cause of no progress on ARG.5; you have used it once."
	run -0 sample -n 2 --student S001 --revisit-margin 0 --revisit-days 28 "$F/class.csv"
	refute_line --partial "Revisit"
}

@test "suggest-activity: sample class, stalled gets another type" {
	# S003 stalled on ARG.7 under A11 (practice); A12 is tutoring.
	# Preferences: S003 likes reading and characters and dislikes games,
	# so the RATE.1 game A22 gets 0.25 + 0.3*0.25 + 0.2 = 0.53 and the
	# practice set A21 0.60.
	run -0 sample -P "$SAMPLES/preferences.csv" --student S003 "$F/class.csv"
	assert_output - <<'EOF'
student_id,rank,goal_id,activity_id,type,choice,fit,reason
S003,1,ARG.7,A12,tutoring,free,0.60,"Stalled on A11, so this is a different kind of activity."
S003,2,RATE.1,A21,practice,coach,0.60,Ready: it requires no other goal.
S003,2,RATE.1,A22,game,coach,0.53,Ready: it requires no other goal; you dislike game.
S003,3,RATE.4,A25,practice,free,0.60,Ready: it requires no other goal.
EOF
}

@test "suggest-activity -R: school stand-in for an online home activity" {
	# S002 is offline at home, so A05 (home, online) is replaced by A04,
	# the other ARG.3 classification activity.  A04 was S002's last
	# activity: 0.25 + 0.3*0.75 (likes classification) + 0.1 = 0.58.
	run -0 sample -R "$SAMPLES/students.csv" -P "$SAMPLES/preferences.csv" -n 1 --student S002 "$F/class.csv"
	assert_output 'student_id,rank,goal_id,activity_id,type,choice,fit,reason
S002,1,ARG.3,A04,classification,free,0.58,"In progress (0.50 for 0.80); you like classification; you have used it once; it takes the place of A05, which needs internet at home."'
}

@test "suggest-activity -R: online students get the home activity" {
	# S005 is online at home: A04 and A05 are both offered, same type.
	run -0 sample -R "$SAMPLES/students.csv" -n 2 --student S005 "$F/class.csv"
	assert_line --index 4 "S005,2,ARG.3,A04,classification,free,0.60,Ready: it requires no other goal."
	assert_line --index 5 "S005,2,ARG.3,A05,classification,free,0.60,Ready: it requires no other goal."
}

@test "suggest-activity -R: roster students missing from the table" {
	# S004 has only a not-started row; S005 is in the roster only.  Both
	# start with ARG.2 (nine goals unlocked, first by id): three
	# activities of two types, so coach.
	run -0 sample -R "$SAMPLES/students.csv" -n 1 "$F/class.csv"
	assert_line --index 8 "S005,1,ARG.2,A01,classification,coach,0.60,Ready: it requires no other goal."
	assert_line --index 9 "S005,1,ARG.2,A02,practice,coach,0.60,Ready: it requires no other goal."
}

@test "suggest-activity --alternatives: limits the activities per goal" {
	run -0 sample -R "$SAMPLES/students.csv" -P "$SAMPLES/preferences.csv" -n 1 --alternatives 1 --student S008 "$F/class.csv"
	# S008 likes games and sports: A03 (practice, sports) scores
	# 0.25 + 0.3*0.75 + 0.2 = 0.68, above A01 and A02 at 0.60.
	assert_output "student_id,rank,goal_id,activity_id,type,choice,fit,reason
S008,1,ARG.2,A03,practice,free,0.68,Ready: it requires no other goal; you like sports."
}

@test "suggest-activity -E: effectiveness weighted by similar profiles" {
	# T has G1 = 1 outside G3.  Cosine weights over G1, G2: U (1,1)
	# 1/sqrt(2) = 0.7071, V (0,1) 0, W (1,0) 1.
	# P1: U improved 0.4 -> 0.6, V fell, W stayed at 0.2:
	#   (1 + 0.7071) / (2 + 1.7071) = 0.4605; fit 0.2303 + 0.15 + 0.2 = 0.58.
	# P2: W rose 0.2 -> 0.9, V fell 0.3 -> 0.2:
	#   (1 + 1) / (2 + 1) = 0.6667; fit 0.3333 + 0.15 + 0.2 = 0.68.
	run -0 --separate-stderr effect -E "$F/eff-evidence.csv" --student T "$F/eff-mastery.csv"
	assert_output - <<'EOF'
student_id,rank,goal_id,activity_id,type,choice,fit,reason
T,1,G3,P2,game,coach,0.68,Ready: G1 is mastered; 1 of 2 students improved after it.
T,1,G3,P1,practice,coach,0.58,Ready: G1 is mastered; 1 of 3 students improved after it.
EOF
	assert_equal "$stderr" ""
}

@test "suggest-activity -E: own use counts for variety" {
	# U used P1 twice: variety 1/3.  P1 weights U 1, V 0.7071, W 0.7071,
	# U improved: (1 + 1) / (2 + 2.4142) = 0.4531; fit 0.2265 + 0.15 +
	# 0.0667 = 0.44.  P2: V and W at 0.7071, W improved: 1.7071 / 3.4142
	# = 0.5; fit 0.60.
	run -0 effect -E "$F/eff-evidence.csv" --student U "$F/eff-mastery.csv"
	assert_line --index 1 "U,1,G3,P2,game,coach,0.60,In progress (0.60 for 0.80); 1 of 2 students improved after it."
	assert_line --index 2 "U,1,G3,P1,practice,coach,0.44,In progress (0.60 for 0.80); 1 of 3 students improved after it; you have used it 2 times."
}

@test "suggest-activity -E: voided, self-assessed and unscored records" {
	# Record 13 voids record 10, W's rise under P2, and record 11 is a
	# self score, so W's first P2 record has no later one and P2 is left
	# with V, who fell and weighs 0 for T: 1 / 2 = 0.5; fit 0.60.
	# Counting record 10 or 11 would make W improve: 1 of 2.
	{
		cat "$F/eff-evidence.csv"
		echo "11,2026-03-06,W,G3,1,self,P2,"
		echo "12,2026-03-07,W,G3,,teacher,P2,"
		echo "13,2026-03-08,W,G3,0,teacher,,10"
		echo "14,2026-03-08,W,BIO.1,1,teacher,P2,"
	} >e.csv
	run -0 --separate-stderr effect -E e.csv --student T "$F/eff-mastery.csv"
	assert_line --index 1 "T,1,G3,P2,game,coach,0.60,Ready: G1 is mastered; 0 of 1 student improved after it."
	assert_line --index 2 "T,1,G3,P1,practice,coach,0.58,Ready: G1 is mastered; 1 of 3 students improved after it."
	assert_equal "${stderr_lines[0]}" "suggest-activity: e.csv: warning: 1 record with an empty score skipped"
	assert_equal "${stderr_lines[1]}" "suggest-activity: e.csv: warning: 1 record about goals not in the goal map skipped"
}

@test "suggest-activity -E: evidence errors" {
	{
		echo "time,student_id,goal_id,score,max_score,minutes"
		echo "2026-03-02,U,G3,five,,"
		echo "2026-03-02,U,G3,5,4,"
		echo "yesterday,U,G3,1,,"
		echo "2026-03-02,U,G3,1,zero,"
		echo "2026-03-02,U,G3,40,,0"
		echo "2026-03-02,,G3,1,,"
	} >e.csv
	# Every row is bad, so the suggestions come without past effectiveness.
	run -1 --separate-stderr effect -E e.csv "$F/eff-mastery.csv"
	assert_line --index 1 "T,1,G3,P1,practice,coach,0.60,Ready: G1 is mastered."
	assert_equal "${#lines[@]}" 5
	assert_equal "$stderr" "suggest-activity: e.csv:2: score: invalid score 'five'
suggest-activity: e.csv:3: score: invalid score '5' (maximum 4)
suggest-activity: e.csv:4: time: invalid time 'yesterday' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]])
suggest-activity: e.csv:5: max_score: invalid maximum 'zero'
suggest-activity: e.csv:6: minutes: invalid length '0'
suggest-activity: e.csv:7: student_id: empty id"
}

@test "suggest-activity -E: missing score column" {
	printf 'time,student_id,goal_id\n' >e.csv
	run -1 --separate-stderr effect -E e.csv "$F/eff-mastery.csv"
	assert_equal "$stderr" "suggest-activity: e.csv:1: missing column 'score'"
}

@test "suggest-activity -E: log in file order without a time column" {
	# Without times the rows count in file order: the same outcomes.
	cut -d, -f1,3- "$F/eff-evidence.csv" >e.csv
	run -0 effect -E e.csv --student T "$F/eff-mastery.csv"
	assert_line --index 1 "T,1,G3,P2,game,coach,0.68,Ready: G1 is mastered; 1 of 2 students improved after it."
}

@test "suggest-activity -E: later rows with earlier times come first" {
	# U's two P1 rows swapped in the file but not in time: still improved.
	awk -F, 'NR == 2 { held = $0; next } { print } NR == 3 { print held }' \
	    "$F/eff-evidence.csv" >e.csv
	run -0 effect -E e.csv --student T "$F/eff-mastery.csv"
	assert_line --index 2 "T,1,G3,P1,practice,coach,0.58,Ready: G1 is mastered; 1 of 3 students improved after it."
}

@test "suggest-activity --max-score: scores out of 4" {
	# The same log on a 0..4 scale gives the same proportions.
	awk -F, -v OFS=, 'NR > 1 { $5 = $5 * 4 } { print }' "$F/eff-evidence.csv" >e.csv
	run -0 effect -E e.csv --max-score 4 --student T "$F/eff-mastery.csv"
	assert_line --index 1 "T,1,G3,P2,game,coach,0.68,Ready: G1 is mastered; 1 of 2 students improved after it."
	run -1 --separate-stderr effect -E e.csv --student T "$F/eff-mastery.csv"
	assert_equal "${stderr_lines[0]}" "suggest-activity: e.csv:2: score: invalid score '1.6' (maximum 1)"
}

@test "suggest-activity --groups: balanced groups by first goal" {
	# First goals: S004-S007 and S005..S012 from the roster start ARG.2
	# (S004 has only a not-started row); S001 ARG.5, S002 ARG.3, S003
	# ARG.7.  The nine ARG.2 students, all at estimate 0, in roster order,
	# make groups of 3 at most: 3, 3, 3.  A01, A02 and A03 are offered to
	# everyone at 0.60; A01 wins by id.
	run -0 sample -R "$SAMPLES/students.csv" --groups 3 "$F/class.csv"
	assert_output - <<'EOF'
group_id,goal_id,students,activity_id
1,ARG.2,S004;S005;S006,A01
2,ARG.2,S007;S008;S009,A01
3,ARG.2,S010;S011;S012,A01
4,ARG.3,S002,A04
5,ARG.5,S001,A08
6,ARG.7,S003,A12
EOF
}

@test "suggest-activity --groups: sizes differ by at most one" {
	# Nine ARG.2 students in groups of at most 4: three groups of 3.
	run -0 sample -R "$SAMPLES/students.csv" --groups 4 "$F/class.csv"
	assert_line --index 1 "1,ARG.2,S004;S005;S006,A01"
	assert_line --index 3 "3,ARG.2,S010;S011;S012,A01"
}

@test "suggest-activity --project: mixed groups cover the project goals" {
	# Project goals ARG.2 and ARG.3.  Mastered: S001 both, S003 both,
	# S002 ARG.2; nobody else.  Six students in groups of at most 2:
	# three groups of 2.  S001 and S003 (two goals each) go to groups 1
	# and 2.  S002 goes to group 3, the only one where it adds a goal
	# (ARG.2).  The rest add nothing and fill the smallest groups in order.
	printf 'student_id\nS001\nS002\nS003\nS004\nS005\nS006\n' >r.csv
	run -0 sample -R r.csv --groups 2 --project 'ARG.2, ARG.3' "$F/class.csv"
	assert_output - <<'EOF'
group_id,students,mastered,missing
1,S001;S004,ARG.2;ARG.3,
2,S003;S005,ARG.2;ARG.3,
3,S002;S006,ARG.2,ARG.3
EOF
}

@test "suggest-activity --project: unknown goal" {
	run -2 --separate-stderr sample --groups 2 --project ARG.2,ARG.77 "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: --project: unknown goal 'ARG.77'"
}

@test "suggest-activity: TSV table gives TSV output" {
	printf 'student_id\tgoal_id\tstatus\nS1\tARG.2\tmastered\n' >m.tsv
	run -0 sample -n 1 --alternatives 1 m.tsv
	assert_output "$(printf 'student_id\trank\tgoal_id\tactivity_id\ttype\tchoice\tfit\treason\nS1\t1\tARG.3\tA04\tclassification\tfree\t0.60\tReady: it requires no other goal.')"
}

@test "suggest-activity: renamed columns through -c" {
	# Mappings apply to every table read, so only columns the goal map
	# and catalog do not have are renamed here.
	printf 'learner,goal_id,state\nS1,ARG.2,mastered\n' >m.csv
	run -0 sample -c student_id=learner -c status=state -n 1 --alternatives 1 m.csv
	assert_line --index 1 "S1,1,ARG.3,A04,classification,free,0.60,Ready: it requires no other goal."
}

@test "suggest-activity: write error gives status 2" {
	if ! (: >/dev/full) 2>/dev/null; then skip "/dev/full is not writable"; fi
	run -2 --separate-stderr bash -c 'suggest-activity -G "$1" -A "$2" "$3" >/dev/full' \
	    sh "$SAMPLES/goals.csv" "$SAMPLES/activities.csv" "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: <stdout>: No space left on device"
}

@test "suggest-activity: sample class pipeline, one student" {
	# mastery-calc gives S003 ARG.5 stalled on A07 (classification), with
	# its prerequisite ARG.4 mastered (0.8712), and no other goal in
	# progress, so the goals after ARG.5 are those that require no other
	# goal.  Effects for S003, from the cosine-weighted formula over the
	# log (checked with a separate Python computation): A08 0.5785 (S001,
	# S004, S007 used it on ARG.5, two improved), A09 0.4694 (S002, S005,
	# one improved); no student with evidence on RATE.1 or RATE.4 shares
	# a goal with S003, so their weights are 0 and A21, A22, A25 get 0.5.
	# S003 has no record under these activities (variety 1) and dislikes
	# games, so A08: 0.5*0.5785 + 0.3*0.5 + 0.2 = 0.64, A09: 0.5*0.4694 +
	# 0.15 + 0.2 = 0.58, A21 and A25: 0.25 + 0.15 + 0.2 = 0.60 and A22:
	# 0.25 + 0.3*0.25 + 0.2 = 0.525, 0.53 rounded half up.
	mastery-calc -G "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv" >m.csv
	run -0 --separate-stderr sample -P "$SAMPLES/preferences.csv" -E "$SAMPLES/evidence.csv" --student S003 m.csv
	assert_output - <<'EOF2'
student_id,rank,goal_id,activity_id,type,choice,fit,reason
S003,1,ARG.5,A08,classification,free,0.64,"Stalled on A07, so this is a different activity; 2 of 3 students improved after it."
S003,1,ARG.5,A09,classification,free,0.58,"Stalled on A07, so this is a different activity; 1 of 2 students improved after it."
S003,2,RATE.1,A21,practice,coach,0.60,Ready: it requires no other goal; 2 of 3 students improved after it.
S003,2,RATE.1,A22,game,coach,0.53,Ready: it requires no other goal; 1 of 2 students improved after it; you dislike game.
S003,3,RATE.4,A25,practice,free,0.60,Ready: it requires no other goal; 3 of 5 students improved after it.
EOF2
	assert_equal "$stderr" ""
}

@test "suggest-activity --groups: sample class, two students on ARG.6" {
	# S002 and S004 mastered ARG.4 and both score 1, 1, 2 out of 4 on
	# ARG.6 (0.4125, by hand: 0.25 x 0.35 + 0.5 x 0.65), whose only
	# activity is A10: one group.  S003, stalled on ARG.5 under A07, is
	# offered A08, whose fit (0.64) is above A09's (0.58), as in the test
	# above, and S010, stalled on RATE.5 under A27, is not offered A27.
	mastery-calc -G "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv" >m.csv
	run -0 sample -R "$SAMPLES/students.csv" -E "$SAMPLES/evidence.csv" --groups 4 m.csv
	assert_line "1,ARG.5,S003,A08"
	assert_line "2,ARG.6,S002;S004,A10"
	assert_line --regexp '^[0-9]+,RATE\.5,S010,A2[689]$'
}

@test "suggest-activity --project: sample class" {
	# Mastered (mastery-calc): ARG.5 by S001, S002, S004, S005, S006,
	# S007; ARG.7 by S001, S005, S007; RATE.5 by S008, S009, S011, S012.
	# Twelve students, three groups of 4.  Placed in order, by hand:
	# S001, S005, S007 (two goals each) -> 1, 2, 3; S002, S004, S006 add
	# nothing -> 1, 2, 3 (the smaller group); S008, S009, S011 add
	# RATE.5 -> 1, 2, 3; S012 -> 1, then S003 -> 2 and S010 -> 3, the
	# smaller groups.  Every group has all three goals.
	mastery-calc -G "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv" >m.csv
	run -0 sample --groups 4 --project ARG.5,ARG.7,RATE.5 m.csv
	assert_output - <<'EOF2'
group_id,students,mastered,missing
1,S001;S002;S008;S012,ARG.5;ARG.7;RATE.5,
2,S003;S004;S005;S009,ARG.5;ARG.7;RATE.5,
3,S006;S007;S010;S011,ARG.5;ARG.7;RATE.5,
EOF2
}

@test "suggest-activity -E: long history keeps file order on equal times" {
	# U gets 21 records on G3, more than the insertion sort handles: 18
	# earlier fillers, then at 2026-03-02 the P1 record (0.4) and, later
	# in the file, an unnamed 0.3.  Kept in file order, P1 is followed by
	# 0.3, so U no longer improved: P1 = (1 + 0) / (2 + 1.7071) = 0.2698;
	# fit 0.1349 + 0.15 + 0.2 = 0.48.
	{
		echo "record_id,time,student_id,goal_id,score,assessor,activity_id,voids"
		grep -v ',U,' "$F/eff-evidence.csv" | tail -n +2
		for d in 27 26 25 24 23 22 21 20 19 18 17 16 15 14 13 12 11 10; do
			echo "f$d,2026-02-$d,U,G3,0.1,teacher,,"
		done
		echo "1,2026-03-02,U,G3,0.4,teacher,P1,"
		echo "1b,2026-03-02,U,G3,0.3,teacher,,"
		echo "2,2026-03-03,U,G3,0.6,teacher,P1,"
	} >e.csv
	run -0 effect -E e.csv --student T "$F/eff-mastery.csv"
	assert_line --index 2 "T,1,G3,P1,practice,coach,0.48,Ready: G1 is mastered; 0 of 3 students improved after it."
}

@test "suggest-activity: empty input lacks the required columns" {
	: >m.csv
	run -1 --separate-stderr sample m.csv
	assert_output ""
	assert_equal "$stderr" "suggest-activity: m.csv: missing column 'student_id'
suggest-activity: m.csv: missing column 'goal_id'
suggest-activity: m.csv: missing column 'status'"
}

@test "suggest-activity -A: missing goals column" {
	printf 'activity_id,title\nA1,Card sort\n' >a.csv
	run -1 --separate-stderr suggest-activity -G "$SAMPLES/goals.csv" -A a.csv "$F/class.csv"
	assert_output ""
	assert_equal "$stderr" "suggest-activity: a.csv:1: missing column 'goals'"
}

@test "suggest-activity -E: timed probes against the rate aim" {
	# F1 is mastered at 100 words a minute.  Outside F1 every estimate is
	# 0, so all students weigh 1.  R1: U rose 60 -> 90, V fell 100 -> 95
	# below the aim: (1 + 1) / (2 + 2) = 0.5, fit 0.60.  R2: W rose
	# 80 -> 110, X fell 120 -> 100 but reached the aim: (1 + 2) / (2 + 2)
	# = 0.75, fit 0.375 + 0.15 + 0.2 = 0.725, printed half up as 0.73.
	printf 'goal_id,statement,aim\nF1,Read a passage aloud at 100 words correct per minute,100\n' >g.csv
	printf 'activity_id,goals,type\nR1,F1,practice\nR2,F1,practice\n' >a.csv
	printf 'student_id,goal_id,status\nT,F1,not-started\nU,F1,progressing\nV,F1,progressing\nW,F1,mastered\nX,F1,mastered\n' >m.csv
	{
		echo "time,student_id,goal_id,score,minutes,activity_id"
		echo "2026-03-02,U,F1,60,1,R1"
		echo "2026-03-03,U,F1,180,2,R1"
		echo "2026-03-02,V,F1,100,1,R1"
		echo "2026-03-03,V,F1,95,1,R1"
		echo "2026-03-02,W,F1,80,1,R2"
		echo "2026-03-03,W,F1,110,1,R2"
		echo "2026-03-02,X,F1,120,1,R2"
		echo "2026-03-03,X,F1,100,1,R2"
	} >e.csv
	run -0 --separate-stderr suggest-activity -G g.csv -A a.csv -E e.csv --student T m.csv
	assert_output - <<'EOF2'
student_id,rank,goal_id,activity_id,type,choice,fit,reason
T,1,F1,R2,practice,free,0.73,Ready: it requires no other goal; 2 of 2 students improved after it.
T,1,F1,R1,practice,free,0.60,Ready: it requires no other goal; 1 of 2 students improved after it.
EOF2
}

@test "suggest-activity -R: stand-in takes the place of a better offer" {
	# S is offline at home, so H1 (video, home, online) is out.  With one
	# alternative H3 (liked sports: 0.68) would win, but the stand-in for
	# H1, the school video H2 (0.60), must be offered, so it replaces H3.
	printf 'activity_id,goals,type,features,place,needs\nH1,ARG.2,video,,home,online\nH2,ARG.2,video,,school,\nH3,ARG.2,practice,sports,any,\n' >a.csv
	printf 'student_id,home_access\nS,offline\n' >r.csv
	printf 'student_id,likes\nS,sports\n' >p.csv
	printf 'student_id,goal_id,status\n' >m.csv
	run -0 suggest-activity -G "$SAMPLES/goals.csv" -A a.csv -R r.csv -P p.csv -n 1 --alternatives 1 m.csv
	assert_output 'student_id,rank,goal_id,activity_id,type,choice,fit,reason
S,1,ARG.2,H2,video,free,0.60,"Ready: it requires no other goal; it takes the place of H1, which needs internet at home."'
}

@test "suggest-activity --evidence-column: log with its own names" {
	# The effectiveness log renamed, with order_id in place of time: the
	# whole numbers keep the same order, so T's suggestions do not change.
	awk -F, -v OFS=, 'NR == 1 { print "id,order_id,user_id,skill,correct,assessor,sequence_id,voids"; next }
	    { $2 = 100 + NR; print }' "$F/eff-evidence.csv" >e.csv
	run -0 --separate-stderr effect -E e.csv --evidence-column student_id=user_id \
	    --evidence-column goal_id=skill --evidence-column score=correct \
	    --evidence-column time=order_id --evidence-column activity_id=sequence_id \
	    --student T "$F/eff-mastery.csv"
	assert_line --index 1 "T,1,G3,P2,game,coach,0.68,Ready: G1 is mastered; 1 of 2 students improved after it."
	assert_line --index 2 "T,1,G3,P1,practice,coach,0.58,Ready: G1 is mastered; 1 of 3 students improved after it."
	assert_equal "$stderr" ""
}

@test "suggest-activity --evidence-column: invalid mapping" {
	run -2 --separate-stderr sample --evidence-column user_id "$F/class.csv"
	assert_equal "$stderr" "suggest-activity: --evidence-column: invalid mapping 'user_id' (expected role=name, e.g. student_id=user_id)"
}

@test "suggest-activity: whole numbers in table times are no times" {
	# mastery-calc copies order keys into the time columns of a log
	# without times.  ARG.4 counts as mastered at no known time, so only
	# its narrow margin could make it a revisit, and --revisit-margin 0
	# turns that off.
	sed 's/2026-02-02,2026-02-02/1500,1500/; s/2026-03-02,,/2500,,/' "$F/class.csv" >m.csv
	run -0 --separate-stderr sample -n 2 --student S001 --revisit-margin 0 --revisit-days 0 m.csv
	refute_line --partial "Revisit"
	assert_equal "$stderr" ""
}

@test "suggest-activity -E: bad evidence row is left out" {
	# One score in the sample log replaced by text: the row is reported,
	# the other rows still count, and the status says the data had a problem.
	sed '5s/,[0-9]\+,4,/,banana,4,/' "$SAMPLES/evidence.csv" >bad.csv
	mastery-calc -G "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv" >mastery.csv 2>/dev/null
	suggest-activity -G "$SAMPLES/goals.csv" -A "$SAMPLES/activities.csv" \
	    -E "$SAMPLES/evidence.csv" mastery.csv >good.out
	run -1 --separate-stderr suggest-activity -G "$SAMPLES/goals.csv" \
	    -A "$SAMPLES/activities.csv" -E bad.csv mastery.csv
	assert_equal "$stderr" "suggest-activity: bad.csv:5: score: invalid score 'banana'"
	assert_equal "${#lines[@]}" "$(wc -l <good.out)"
	assert_equal "${lines[0]}" "student_id,rank,goal_id,activity_id,type,choice,fit,reason"
}

@test "suggest-activity -E: criteria of one lesson are one record" {
	# Each lesson is scored on two criteria at one time.  Merged, P1
	# gives 5/8 = 0.625 on 03-02, then 6/8 = 0.75 on 03-03: improved,
	# 1 of 1; U used P1 twice.  Effect (1 + 1) / (2 + 1) = 0.6667 (U's
	# weight for U is 1), fit 0.3333 + 0.15 + 0.2 / 3 = 0.55.  P2 has
	# one lesson and no later one: effect 0.5, used once, fit 0.25 +
	# 0.15 + 0.2 / 2 = 0.50.  Row by row, P1's claim 3/4 was followed by
	# its reasoning 2/4: 0 of 1, used 4 times, fit 0.36.
	cat >e.csv <<-'END'
	time,student_id,goal_id,score,max_score,assessor,activity_id,criterion
	2026-03-02,U,G3,3,4,teacher,P1,claim
	2026-03-02,U,G3,2,4,teacher,P1,reasoning
	2026-03-03,U,G3,3,4,teacher,P1,claim
	2026-03-03,U,G3,3,4,teacher,P1,reasoning
	2026-03-04,U,G3,1,4,teacher,P2,claim
	2026-03-04,U,G3,1,4,teacher,P2,reasoning
	END
	run -0 effect -E e.csv --student U "$F/eff-mastery.csv"
	assert_line --index 1 "U,1,G3,P1,practice,coach,0.55,In progress (0.60 for 0.80); 1 of 1 student improved after it; you have used it 2 times."
	assert_line --index 2 "U,1,G3,P2,game,coach,0.50,In progress (0.60 for 0.80); no student has evidence after it yet; you have used it once."
}
