#!/usr/bin/env bats
# Tests of assess-record: recording evidence into an append-only log.
# Expected logs are written out by hand from the evidence format: the
# full header, then the values given, with record ids made from the
# fixed clock GOALKIT_RECORD_CLOCK.

bats_require_minimum_version 1.5.0
load test_helper

HEADER=record_id,time,student_id,goal_id,score,max_score,assessor,activity_id,criterion,minutes,errors,recorded_by,voids,note
ID1=20260908T150000.000000Z-00000000-000000-00000001
ID2=20260908T150000.000000Z-00000000-000000-00000002

fixed_clock() {
	export GOALKIT_RECORD_CLOCK=2026-09-08T15:00:00Z
}

@test "assess-record -h: prints usage on stdout" {
	run -0 --separate-stderr assess-record -h
	assert_line --index 0 --partial "usage: assess-record [-hV] [--allow-future]"
	[ -z "$stderr" ]
}

@test "assess-record: unknown option fails with status 2" {
	run -2 --separate-stderr assess-record --bogus
	[ "${stderr_lines[0]}" = "assess-record: unrecognized option '--bogus'" ]
	[ "${stderr_lines[1]%% *}" = "usage:" ]
}

@test "assess-record -V: prints the version" {
	run -0 assess-record -V
	assert_output --regexp '^assess-record \(goalkit\) [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "assess-record -s: one record creates the log with the full header" {
	fixed_clock
	run -0 --separate-stderr assess-record -l log.csv -s S014 -g RATE.2 \
	    --score 3/4 --by self -a A7 --note "checked my unit rates" \
	    --time 2026-09-08T10:15
	expected="$HEADER
$ID1,2026-09-08T10:15:00,S014,RATE.2,3,4,self,A7,,,,,,checked my unit rates"
	[ "$output" = "$expected" ]
	[ "$(cat log.csv)" = "$expected" ]
	[ -z "$stderr" ]
}

@test "assess-record --score: N, N/M and N% give score and max_score" {
	fixed_clock
	# Each case: options, then the score and max_score columns expected.
	while IFS='|' read -r opts want; do
		rm -f log.csv
		# shellcheck disable=SC2086
		assess-record -l log.csv -s S1 -g G1 --time 2026-09-08 $opts >/dev/null ||
		    fail "case '$opts' failed"
		got=$(sed -n 2p log.csv | cut -d, -f5,6)
		[ "$got" = "$want" ] || fail "case '$opts': got '$got', expected '$want'"
	done <<-'EOF'
	--score 3 --max 4|3,4
	--score 3 --max-score 4|3,4
	--score 3/4|3,4
	--score 75%|75,100
	--score 0.5|0.5,
	--score +1|1,
	--score 2.5/4|2.5,4
	EOF
}

@test "assess-record --decimal-comma: reads 3,5 and stores 3.5" {
	run -0 assess-record -l log.csv --decimal-comma -s S1 -g G1 \
	    --score 3,5 --max 4 --time 2026-09-08
	[ "$(sed -n 2p log.csv | cut -d, -f5,6)" = "3.5,4" ]
}

@test "assess-record --time: stores the ISO 8601 form" {
	while IFS='|' read -r given want; do
		rm -f log.csv
		assess-record -l log.csv -s S1 -g G1 --score 1 --time "$given" >/dev/null ||
		    fail "case '$given' failed"
		got=$(sed -n 2p log.csv | cut -d, -f2)
		[ "$got" = "$want" ] || fail "case '$given': got '$got', expected '$want'"
	done <<-'EOF'
	2026-03-14|2026-03-14
	2026-03-14T09:30|2026-03-14T09:30:00
	2026-03-14 09:30:00Z|2026-03-14T09:30:00Z
	2026-03-14T09:30:00-05:00|2026-03-14T09:30:00-05:00
	EOF
}

@test "assess-record: time defaults to now with its offset" {
	before=$(date -u +%s)
	run -0 assess-record -l log.csv -s S1 -g G1 --score 1
	after=$(date -u +%s)
	time=$(sed -n 2p log.csv | cut -d, -f2)
	# TZ=UTC in the test helper, so the offset is written as Z.
	[[ $time =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$ ]] ||
	    fail "time '$time'"
	secs=$(date -u -d "$time" +%s)
	[ "$secs" -ge "$before" ] && [ "$secs" -le "$after" ]
}

@test "assess-record --time: 03/04/2026 is rejected, naming the forms" {
	run -1 --separate-stderr assess-record -l log.csv -s S1 -g G1 --score 1 \
	    --time 03/04/2026
	[ "$stderr" = "assess-record: --time: invalid time '03/04/2026' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]], or give --date-format)" ]
	[ ! -e log.csv ]
}

@test "assess-record --date-format: clock time stays ISO" {
	# No --time: the record gets the clock's time, which is ISO 8601
	# whatever format --date-format gives for the input's times.
	local iso='^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]Z$'
	run -0 assess-record -l log.csv --date-format %m/%d/%Y -s S1 -g G1 --score 1
	[[ "$(sed -n 2p log.csv | cut -d, -f2)" =~ $iso ]]
	printf 'student_id,goal_id,score,time\nS2,G1,1,03/04/2026\nS3,G1,1,\n' >rows.csv
	run -0 --separate-stderr assess-record -l log.csv --date-format %m/%d/%Y rows.csv
	[ "$(sed -n 3p log.csv | cut -d, -f2,3)" = "2026-03-04,S2" ]
	[ "$(sed -n 4p log.csv | cut -d, -f3)" = "S3" ]
	[[ "$(sed -n 4p log.csv | cut -d, -f2)" =~ $iso ]]
	[ "$stderr" = "assess-record: rows.csv: warning: time: 1 row without a time recorded at the current time (give --time to choose another)" ]
}

@test "assess-record --date-format: reads 03/04/2026 as March 4" {
	run -0 assess-record -l log.csv --date-format %m/%d/%Y -s S1 -g G1 \
	    --score 1 --time 03/04/2026
	[ "$(sed -n 2p log.csv | cut -d, -f2)" = "2026-03-04" ]
}

@test "assess-record --time: more than a day ahead needs --allow-future" {
	ahead=$(date -u -d '+3 days' +%Y-%m-%d)
	run -1 --separate-stderr assess-record -l log.csv -s S1 -g G1 --score 1 \
	    --time "$ahead"
	[ "$stderr" = "assess-record: --time: '$ahead' is more than a day in the future (give --allow-future if it is right)" ]
	run -0 assess-record -l log.csv -s S1 -g G1 --score 1 --time "$ahead" \
	    --allow-future
	[ "$(sed -n 2p log.csv | cut -d, -f2)" = "$ahead" ]
}

@test "assess-record -G: unknown goal suggests the closest id" {
	run -1 --separate-stderr assess-record -l log.csv -G "$SAMPLES/goals.csv" \
	    -s S001 -g RATE.22 --score 1 --time 2026-09-08
	[ "$stderr" = "assess-record: -g: unknown goal 'RATE.22' (did you mean 'RATE.2'?)" ]
	[ ! -e log.csv ]
}

@test "assess-record -R: unknown student is rejected" {
	run -1 --separate-stderr assess-record -l log.csv -R "$SAMPLES/students.csv" \
	    -s S099 -g RATE.2 --score 1 --time 2026-09-08
	[ "$stderr" = "assess-record: -s: unknown student 'S099'" ]
}

@test "assess-record: invalid values are rejected with exact messages" {
	# Each case: options, then the expected message.
	while IFS='|' read -r opts want; do
		# shellcheck disable=SC2086
		run -1 --separate-stderr assess-record -l log.csv -s S1 -g G1 \
		    --time 2026-09-08 $opts
		[ "$stderr" = "assess-record: $want" ] ||
		    fail "case '$opts': got '$stderr'"
		[ ! -e log.csv ] || fail "case '$opts' wrote the log"
	done <<-'EOF'
	--score 5/4|--score: '5/4' is above the maximum 4
	--score 5 --max 4|--score: '5' is above the maximum 4
	--score 2|--score: '2' is above the default maximum 1 (give max_score, --max-score, N/M or N%)
	--score -1|--score: negative score '-1'
	--score 0/0|--score: maximum must be greater than 0 in '0/0'
	--score 0 --max 0|--max-score: must be greater than 0, not '0'
	--score abc|--score: invalid score 'abc' (expected a number, N/M or N%)
	--score nan|--score: invalid score 'nan' (expected a number, N/M or N%)
	--score 3/4 --max 5|--score: '3/4' conflicts with max_score '5'
	--score 1 --by boss|--by: invalid assessor 'boss' (expected teacher, self, peer or system)
	--score 1 --minutes 0|--minutes: must be greater than 0, not '0'
	--score 1 --minutes x|--minutes: invalid number 'x'
	--score 1 --minutes 1 --errors -2|--errors: invalid count '-2' (expected a whole number 0 or more)
	--score 95.5 --minutes 1|--score: a timed probe's score counts words or facts, so it must be a whole number, not '95.5'
	EOF
}

@test "assess-record -s: an empty student id is rejected" {
	run -1 --separate-stderr assess-record -l log.csv -s ' ' -g G1 --score 1
	[ "$stderr" = "assess-record: -s: missing value" ]
}

@test "assess-record --minutes: a timed probe keeps its count and errors" {
	fixed_clock
	run -0 assess-record -l log.csv -s S001 -g FLU.1 --score 95 \
	    --minutes 1 --errors 3 --activity A39 --time 2026-09-08
	# A probe's score is words correct, with no max_score.
	[ "$(sed -n 2p log.csv)" = "$ID1,2026-09-08,S001,FLU.1,95,,teacher,A39,,1,3,,," ]
}

@test "assess-record: notes round-trip exactly" {
	fixed_clock
	run -0 assess-record -l log.csv "$FIXTURES/assess-record/notes.csv"
	# Python's csv module reads both files independently of goalkit.
	python3 - "$FIXTURES/assess-record/notes.csv" log.csv <<-'EOF'
	import csv, sys
	def notes(path):
	    with open(path, newline="", encoding="utf-8") as f:
	        return [row["note"] for row in csv.DictReader(f)]
	given, stored = notes(sys.argv[1]), notes(sys.argv[2])
	assert given == stored, (given, stored)
	assert len(stored) == 6
	EOF
}

@test "assess-record -c: maps the columns of an export" {
	fixed_clock
	printf 'user,skill,correct,when\nS003,ARG.2,1,2026-09-09\n' > quiz.csv
	run -0 assess-record -l log.csv -c student_id=user -c goal_id=skill \
	    -c score=correct -c time=when quiz.csv
	[ "$(sed -n 2p log.csv)" = "$ID1,2026-09-09,S003,ARG.2,1,,teacher,,,,,,," ]
}

@test "assess-record: input columns the log lacks are named" {
	printf 'student_id,goal_id,score,user_name,quiz\nS1,G1,1,ann,q1\n' > quiz.csv
	run -1 --separate-stderr assess-record -l log.csv quiz.csv
	[ "$stderr" = "assess-record: quiz.csv:1: columns the log log.csv does not have: 'user_name', 'quiz' (map them with -c role=name, or remove them)" ]
	[ ! -e log.csv ]
}

@test "assess-record -c: a role column mapped away is not read" {
	printf 'student_id,goal_id,score,correct\nS1,G1,0.5,1\n' > quiz.csv
	run -1 --separate-stderr assess-record -l log.csv -c score=correct quiz.csv
	[ "$stderr" = "assess-record: quiz.csv:1: column 'score' is not read, because -c reads score from 'correct'" ]
}

@test "assess-record: a missing required input column is named" {
	printf 'student_id,score\nS1,1\n' > quiz.csv
	run -1 --separate-stderr assess-record -l log.csv quiz.csv
	[ "$stderr" = "assess-record: quiz.csv:1: missing column 'goal_id'" ]
}

@test "assess-record: one bad row appends nothing and every bad row is named" {
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-01 >/dev/null
	cp log.csv before.csv
	printf 'student_id,goal_id,score,time\nS1,G1,1,2026-09-08\nS1,G2,7,2026-09-08\nS2,G1,1,2026-13-01\nS3,,1,2026-09-08\n' > rows.csv
	run -1 --separate-stderr assess-record -l log.csv rows.csv
	[ "${stderr_lines[0]}" = "assess-record: rows.csv:3: score: '7' is above the default maximum 1 (give max_score, --max-score, N/M or N%)" ]
	[ "${stderr_lines[1]}" = "assess-record: rows.csv:4: time: invalid time '2026-13-01' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]], or give --date-format)" ]
	[ "${stderr_lines[2]}" = "assess-record: rows.csv:5: goal_id: missing value" ]
	[ "${#stderr_lines[@]}" -eq 3 ]
	[ -z "$output" ]
	cmp log.csv before.csv
}

@test "assess-record: a row starting on a later line is named by its first line" {
	printf 'student_id,goal_id,score,note\nS1,G1,1,"a\nb"\nS1,G1,x,\n' > rows.csv
	run -1 --separate-stderr assess-record -l log.csv --time 2026-09-08 rows.csv
	[ "$stderr" = "assess-record: rows.csv:4: score: invalid score 'x' (expected a number, N/M or N%)" ]
}

@test "assess-record: rows without a score are skipped with one warning" {
	printf 'student_id,goal_id,score\nS1,G1,\nS2,G1,1\nS3,G1,\n' > rows.csv
	run -0 --separate-stderr assess-record -l log.csv --time 2026-09-08 rows.csv
	[ "$stderr" = "assess-record: rows.csv: warning: skipped 2 rows without a score" ]
	[ "$(wc -l < log.csv)" -eq 2 ]
	[ "$(sed -n 2p log.csv | cut -d, -f3)" = "S2" ]
}

@test "assess-record: options fill empty cells of the input" {
	fixed_clock
	printf 'student_id,goal_id,score,assessor\nS1,G1,3,\nS2,G1,2,teacher\n' |
	    assess-record -l log.csv --by self --max-score 4 --time 2026-09-08 \
	    --activity A11 >/dev/null
	[ "$(sed -n 2p log.csv)" = "$ID1,2026-09-08,S1,G1,3,4,self,A11,,,,,," ]
	[ "$(sed -n 3p log.csv)" = "$ID2,2026-09-08,S2,G1,2,4,teacher,A11,,,,,," ]
}

@test "assess-record: a bad default option fails once with status 2" {
	printf 'student_id,goal_id,score\nS1,G1,1\n' > rows.csv
	run -2 --separate-stderr assess-record -l log.csv --minutes abc rows.csv
	[ "$stderr" = "assess-record: --minutes: invalid number 'abc'" ]
}

@test "assess-record: an existing log keeps its own columns" {
	cp "$FIXTURES/assess-record/small-log.csv" log.csv
	printf 'student_id,goal_id,score,time,session\nS2,ARG.3,1,2026-09-02,afternoon\n' |
	    assess-record -l log.csv >/dev/null
	expected="time,student_id,goal_id,score,session
2026-09-01,S001,ARG.2,1,morning
2026-09-02,S2,ARG.3,1,afternoon"
	[ "$(cat log.csv)" = "$expected" ]
}

@test "assess-record: an option for a column the log lacks is rejected" {
	cp "$FIXTURES/assess-record/small-log.csv" log.csv
	run -1 --separate-stderr assess-record -l log.csv -s S1 -g G1 --score 1 \
	    --criterion C1 --time 2026-09-02
	[ "$stderr" = "assess-record: --criterion: the log log.csv has no criterion column" ]
}

@test "assess-record -l: a file that is not an evidence log is rejected" {
	cp "$SAMPLES/students.csv" log.csv
	run -1 --separate-stderr assess-record -l log.csv -s S1 -g G1 --score 1
	[ "${stderr_lines[0]}" = "assess-record: log.csv:1: missing column 'time' (is this an evidence log?)" ]
	cmp log.csv "$SAMPLES/students.csv"
}

@test "assess-record: TSV input and a .tsv log" {
	fixed_clock
	run -0 assess-record -l log.tsv "$FIXTURES/assess-record/quiz.tsv"
	expected=$(printf '%s\n%s' "$(echo "$HEADER" | tr , '\t')" \
	    "$ID1	2026-09-09	S001	ARG.2	1		teacher							tab\\there")
	[ "$(cat log.tsv)" = "$expected" ]
	[ "$output" = "$expected" ]
}

@test "assess-record --void: cancels a record, keeping its student and goal" {
	fixed_clock
	assess-record -l log.csv -s S1 -g G1 --score 3/4 --by peer --time 2026-09-08 >/dev/null
	export GOALKIT_RECORD_CLOCK=2026-09-09T08:00:00Z
	run -0 assess-record -l log.csv --void "$ID1" --note "wrong student" \
	    --recorded-by teacher1 --time 2026-09-09
	void=20260909T080000.000000Z-00000000-000000-00000001
	[ "$(sed -n 3p log.csv)" = "$void,2026-09-09,S1,G1,3,4,peer,,,,,teacher1,$ID1,wrong student" ]
	[ "$output" = "$HEADER
$void,2026-09-09,S1,G1,3,4,peer,,,,,teacher1,$ID1,wrong student" ]
	run -0 assess-record --check log.csv
}

@test "assess-record --void: unknown, voided and void records are rejected" {
	fixed_clock
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	GOALKIT_RECORD_CLOCK=2026-09-08T15:01:00Z assess-record -l log.csv \
	    --void "$ID1" >/dev/null
	cp log.csv before.csv
	run -1 --separate-stderr assess-record -l log.csv --void nosuch
	[ "$stderr" = "assess-record: --void: unknown record 'nosuch'" ]
	run -1 --separate-stderr assess-record -l log.csv --void "$ID1"
	[ "$stderr" = "assess-record: --void: record '$ID1' is already voided" ]
	void=$(sed -n 3p log.csv | cut -d, -f1)
	run -1 --separate-stderr assess-record -l log.csv --void "$void"
	[ "$stderr" = "assess-record: --void: record '$void' is itself a void" ]
	cmp log.csv before.csv
}

@test "assess-record --void: a record without a score is rejected" {
	cat > log.csv <<-EOF
	$HEADER
	r1,2026-09-08,S1,G1,,,teacher,,,,,,,
	EOF
	run -1 --separate-stderr assess-record -l log.csv --void r1
	[ "$stderr" = "assess-record: --void: record 'r1' has no score, so readers skip it already" ]
}

@test "assess-record --void: a log without a voids column is rejected" {
	cp "$FIXTURES/assess-record/small-log.csv" log.csv
	run -1 --separate-stderr assess-record -l log.csv --void r1
	[ "$stderr" = "assess-record: --void: the log log.csv has no voids column" ]
	cmp log.csv "$FIXTURES/assess-record/small-log.csv"
}

@test "assess-record --void: a missing log is an error" {
	run -2 --separate-stderr assess-record -l log.csv --void x
	[ "$stderr" = "assess-record: log.csv: No such file or directory" ]
}

@test "assess-record: voids in the input are checked against the log" {
	fixed_clock
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	printf 'student_id,goal_id,score,time,voids\nS1,G1,1,2026-09-09,%s\nS1,G1,1,2026-09-09,nosuch\n' "$ID1" > rows.csv
	GOALKIT_RECORD_CLOCK=2026-09-09T08:00:00Z run -1 --separate-stderr \
	    assess-record -l log.csv rows.csv
	[ "$stderr" = "assess-record: rows.csv:3: voids: unknown record 'nosuch'" ]
	[ "$(wc -l < log.csv)" -eq 2 ]
}

@test "assess-record --void: a void earlier in the log still counts" {
	# A merge of two logs can put a void before the record it names.
	cat > log.csv <<-EOF
	$HEADER
	r2,2026-09-08,S1,G1,1,,teacher,,,,,,r1,
	r1,2026-09-08,S1,G1,1,,teacher,,,,,,,
	EOF
	run -0 assess-record --check log.csv
	run -1 --separate-stderr assess-record -l log.csv --void r1
	[ "$stderr" = "assess-record: --void: record 'r1' is already voided" ]
}

@test "assess-record: output piped to another log keeps its record ids" {
	fixed_clock
	assess-record -l a.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	GOALKIT_RECORD_CLOCK=2026-09-08T15:01:00Z assess-record -l a.csv \
	    --void "$ID1" --time 2026-09-08 >/dev/null
	run -0 assess-record -l b.csv a.csv
	cmp a.csv b.csv
	run -1 --separate-stderr assess-record -l b.csv a.csv
	[ "${stderr_lines[0]}" = "assess-record: a.csv:2: record_id: record id '$ID1' is already in the log" ]
	cmp a.csv b.csv
}

@test "assess-record: a record id repeated in the input is rejected" {
	printf 'record_id,student_id,goal_id,score,time\nx1,S1,G1,1,2026-09-08\nx1,S2,G1,1,2026-09-08\n' > rows.csv
	run -1 --separate-stderr assess-record -l log.csv rows.csv
	[ "$stderr" = "assess-record: rows.csv:3: record_id: record id 'x1' appears twice in the input" ]
}

@test "assess-record --dry-run: prints the records and writes nothing" {
	fixed_clock
	run -0 assess-record -l log.csv --dry-run -s S1 -g G1 --score 1 --time 2026-09-08
	[ "$output" = "$HEADER
$ID1,2026-09-08,S1,G1,1,,teacher,,,,,,," ]
	[ ! -e log.csv ]
}

@test "assess-record: record ids have a fixed width and sort by time" {
	for i in 1 2 3; do
		assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	done
	tail -n +2 log.csv | cut -d, -f1 > ids
	while read -r id; do
		[[ $id =~ ^[0-9]{8}T[0-9]{6}\.[0-9]{6}Z-[0-9a-f]{8}-[0-9a-f]{6}-[0-9a-f]{8}$ ]] ||
		    fail "id '$id'"
	done < ids
	sort -c ids
	[ "$(sort -u ids | wc -l)" -eq 3 ]
}

@test "assess-record: GOALKIT_RECORD_CLOCK must be a time" {
	GOALKIT_RECORD_CLOCK=soon run -2 --separate-stderr assess-record -l log.csv \
	    -s S1 -g G1 --score 1
	[ "$stderr" = "assess-record: GOALKIT_RECORD_CLOCK: invalid time 'soon' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]])" ]
}

@test "assess-record: a fixed clock cannot repeat a record id" {
	fixed_clock
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	cp log.csv before.csv
	run -1 --separate-stderr assess-record -l log.csv -s S2 -g G1 --score 1 \
	    --time 2026-09-08
	[ "$stderr" = "assess-record: GOALKIT_RECORD_CLOCK: record id '$ID1' is already in the log; give each run its own clock" ]
	cmp log.csv before.csv
}

@test "assess-record --check: a valid log passes quietly" {
	assess-record -l log.csv "$FIXTURES/assess-record/notes.csv" >/dev/null
	run -0 --separate-stderr assess-record --check log.csv
	[ -z "$output" ] && [ -z "$stderr" ]
}

@test "assess-record --check: finds duplicate ids, bad voids and bad rows" {
	cat > log.csv <<-EOF
	$HEADER
	r1,2026-09-08,S1,G1,1,,teacher,,,,,,,
	r1,2026-09-08,S1,G1,1,,teacher,,,,,,,
	r2,2026-09-08,S1,G1,1,,teacher,,,,,,nosuch,
	r3,2026-09-08,S1,G1,5,4,teacher,,,,,,,
	r4,2026-09-08,S1,G1,1,,teacher,,,,,,r1,
	r5,2026-09-08,S1,G1,1,,teacher,,,,,,r1,
	r6,2026-09-08,S1,G1,1,,teacher,,,,,,r4,
	r7,2026-09-08,S1,G1,1,,teacher,,,,,,r3,
	EOF
	# r7 voids r3, whose score is wrong: r3 is still a known record.
	run -1 --separate-stderr assess-record --check log.csv
	[ "${stderr_lines[0]}" = "assess-record: log.csv:3: record_id: duplicate record id 'r1' (first on line 2)" ]
	[ "${stderr_lines[1]}" = "assess-record: log.csv:5: score: '5' is above the maximum 4" ]
	[ "${stderr_lines[2]}" = "assess-record: log.csv:4: voids: unknown record 'nosuch'" ]
	[ "${stderr_lines[3]}" = "assess-record: log.csv:7: voids: record 'r1' is already voided on line 6" ]
	[ "${stderr_lines[4]}" = "assess-record: log.csv:8: voids: record 'r4' is itself a void" ]
	[ "${#stderr_lines[@]}" -eq 5 ]
}

@test "assess-record --check: -G checks goal ids of the log" {
	printf 'time,student_id,goal_id,score\n2026-09-08,S1,ARG.99,1\n' > log.csv
	run -1 --separate-stderr assess-record -G "$SAMPLES/goals.csv" --check log.csv
	[ "$stderr" = "assess-record: log.csv:2: goal_id: unknown goal 'ARG.99' (did you mean 'ARG.9'?)" ]
}

@test "assess-record --check: a missing log is an error" {
	run -2 --separate-stderr assess-record --check nosuch.csv
	[ "$stderr" = "assess-record: nosuch.csv: No such file or directory" ]
}

@test "assess-record: man page void example runs" {
	# The two commands of assess-record(1), EXAMPLES, "Cancel a score".
	cp "$SAMPLES/evidence.csv" evidence.csv
	run -0 --separate-stderr assess-record -l evidence.csv --void \
	    20260909T160002.000000Z-00000000-000000-00000007 \
	    --note "entered for S007, was S006"
	run -0 --separate-stderr assess-record -l evidence.csv -s S006 -g ARG.2 --score 3/4 \
	    --time 2026-09-09T10:15
	run -0 assess-record --check evidence.csv
}

@test "assess-record: a torn line of one byte says 1 byte" {
	printf 'record_id,time,student_id,goal_id,score\nR1,2026-01-01,S1,G1,1\nX' >log.csv
	run -1 --separate-stderr assess-record --check log.csv
	assert_equal "$stderr" "assess-record: log.csv:3: torn last line: 1 byte after the last whole record (run assess-record --repair log.csv)"
	run -0 --separate-stderr assess-record --repair log.csv
	assert_equal "$stderr" "assess-record: log.csv: moved the 1 byte of a torn last line to log.csv.torn"
}

@test "assess-record: a torn last line is refused, then repaired" {
	fixed_clock
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	cp log.csv whole.csv
	printf '%s,2026-09-08,S2,G1,1,,teacher,,,,,,,"cut in the mid' "$ID2" >> log.csv
	cp log.csv torn.csv
	run -1 --separate-stderr assess-record -l log.csv -s S3 -g G1 --score 1
	[ "$stderr" = "assess-record: log.csv: the log ends in a torn line (a write cut short); run assess-record --repair log.csv first" ]
	cmp log.csv torn.csv
	torn=$(($(wc -c < torn.csv) - $(wc -c < whole.csv)))
	run -1 --separate-stderr assess-record --check log.csv
	[ "$stderr" = "assess-record: log.csv:3: torn last line: $torn bytes after the last whole record (run assess-record --repair log.csv)" ]
	run -0 --separate-stderr assess-record --repair log.csv
	[ "$stderr" = "assess-record: log.csv: moved the $torn bytes of a torn last line to log.csv.torn" ]
	cmp log.csv whole.csv
	# Nothing is lost: the log and the side file make up the torn log.
	cat log.csv log.csv.torn | cmp - torn.csv
	unset GOALKIT_RECORD_CLOCK
	run -0 assess-record -l log.csv -s S3 -g G1 --score 1 --time 2026-09-08
	run -0 assess-record --check log.csv
}

@test "assess-record --repair: a torn line inside quotes is found" {
	fixed_clock
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	cp log.csv whole.csv
	# The write stopped right after a newline inside a quoted note.
	printf '%s,2026-09-08,S2,G1,1,,teacher,,,,,,,"first line\n' "$ID2" >> log.csv
	torn=$(($(wc -c < log.csv) - $(wc -c < whole.csv)))
	run -0 --separate-stderr assess-record --repair log.csv
	[ "$stderr" = "assess-record: log.csv: moved the $torn bytes of a torn last line to log.csv.torn" ]
	cmp log.csv whole.csv
}

@test "assess-record --repair: a second repair uses a new side file" {
	printf 'time,student_id,goal_id,score\n2026-09-08,S1' > log.csv
	touch log.csv.torn
	run -0 --separate-stderr assess-record --repair log.csv
	[ "$stderr" = "assess-record: log.csv: moved the 13 bytes of a torn last line to log.csv.torn.2" ]
	[ "$(cat log.csv.torn.2)" = "2026-09-08,S1" ]
}

@test "assess-record --repair: a whole log is left alone" {
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	cp log.csv whole.csv
	run -0 --separate-stderr assess-record --repair log.csv
	[ -z "$stderr" ]
	cmp log.csv whole.csv
	[ ! -e log.csv.torn ]
}

@test "assess-record: a write cut by the file size limit leaves the log as it was" {
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null
	cp log.csv before.csv
	for i in $(seq 1 200); do echo "S$i,G1,1,2026-09-08"; done |
	    sed '1i student_id,goal_id,score,time' > rows.csv
	# bash counts ulimit -f in blocks of 1024 bytes: the batch is larger.
	[ "$(wc -c < rows.csv)" -gt 4096 ]
	run -2 --separate-stderr bash -c 'ulimit -f 4; assess-record -l log.csv rows.csv'
	[ "$stderr" = "assess-record: log.csv: File too large" ]
	[ -z "$output" ]
	cmp log.csv before.csv
	run -0 assess-record --check log.csv
}

@test "assess-record: a full disk leaves the log as it was" {
	[ "$(id -u)" -eq 0 ] || skip "mounting a small tmpfs needs root"
	for i in $(seq 1 200); do echo "S$i,G1,1,2026-09-08"; done |
	    sed '1i student_id,goal_id,score,time' > rows.csv
	# A 64 KiB tmpfs in a private mount namespace, filled but for one
	# page, so the batch of about 16 KiB runs out of space part way.
	cat > full.sh <<-'EOF'
	mkdir disk
	mount -t tmpfs -o size=64k tmpfs disk || exit 77
	cd disk || exit 3
	assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 >/dev/null || exit 3
	cp log.csv ../before.csv
	dd if=/dev/zero of=fill bs=4096 2>/dev/null
	truncate -s -4096 fill
	assess-record -l log.csv ../rows.csv > ../out 2> ../err
	echo $? > ../status
	cp log.csv ../after.csv
	EOF
	run unshare -m sh full.sh
	[ "$status" -ne 77 ] || skip "cannot mount a tmpfs here"
	[ "$status" -eq 0 ]
	[ "$(cat status)" -eq 2 ]
	[ "$(cat err)" = "assess-record: log.csv: No space left on device" ]
	[ ! -s out ]
	cmp before.csv after.csv
}

@test "assess-record -l: a log that is not a regular file is refused" {
	[ -e /dev/full ] || skip "/dev/full is absent"
	run -2 --separate-stderr assess-record -l /dev/full -s S1 -g G1 --score 1
	[ "$stderr" = "assess-record: /dev/full: not a regular file" ]
}

@test "assess-record: 20 concurrent writers of 500 records each lose nothing" {
	# Each writer appends its records one process at a time, so the 20
	# compete for the lock 10,000 times.  Under sanitizers each writer
	# appends 20 batches of 25 instead, to keep the run short.
	local w
	for w in $(seq 1 20); do
		(
			if [ "${GOALKIT_SANITIZE:-}" = 1 ]; then
				for b in $(seq 1 20); do
					for i in $(seq 1 25); do
						echo "S$w,G$b-$i,1,2026-09-08"
					done | sed '1i student_id,goal_id,score,time' |
					    assess-record -l log.csv >/dev/null || echo fail >> failures
				done
			else
				for i in $(seq 1 500); do
					assess-record -l log.csv -s "S$w" -g "G$i" --score 1 \
					    --time 2026-09-08 >/dev/null || echo fail >> failures
				done
			fi
		) &
	done
	wait
	[ ! -e failures ]
	# One header, 10,000 records, every id unique, every row whole.
	[ "$(grep -c '^record_id,' log.csv)" -eq 1 ]
	[ "$(wc -l < log.csv)" -eq 10001 ]
	[ "$(tail -n +2 log.csv | cut -d, -f1 | sort -u | wc -l)" -eq 10000 ]
	[ "$(tail -n +2 log.csv | cut -d, -f3,4 | sort -u | wc -l)" -eq 10000 ]
	run -0 assess-record --check log.csv
	# The lock orders the appends, so file order is recording order.
	tail -n +2 log.csv | cut -d, -f1 | sort -c
}

@test "assess-record: a failed first write creates no log" {
	for i in $(seq 1 200); do echo "S$i,G1,1,2026-09-08"; done |
	    sed '1i student_id,goal_id,score,time' > rows.csv
	run -2 --separate-stderr bash -c 'ulimit -f 4; assess-record -l log.csv rows.csv'
	[ "$stderr" = "assess-record: log.csv: File too large" ]
	# Neither the log nor its temporary file is left behind.
	[ ! -e log.csv ]
	[ -z "$(find . -name '.log.csv.*')" ]
}

@test "assess-record: an empty log gets its header" {
	fixed_clock
	touch log.csv
	run -0 assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08
	[ "$(cat log.csv)" = "$HEADER
$ID1,2026-09-08,S1,G1,1,,teacher,,,,,,," ]
}

@test "assess-record: writers racing to create a log write one header" {
	local w
	for w in $(seq 1 20); do
		assess-record -l new.csv -s "S$w" -g G1 --score 1 --time 2026-09-08 \
		    >/dev/null &
	done
	wait
	[ "$(grep -c '^record_id,' new.csv)" -eq 1 ]
	[ "$(wc -l < new.csv)" -eq 21 ]
	run -0 assess-record --check new.csv
}

@test "assess-record: a failed write to stdout is status 2" {
	[ -w /dev/full ] || skip "/dev/full is not writable"
	run -2 --separate-stderr bash -c 'assess-record -l log.csv -s S1 -g G1 --score 1 --time 2026-09-08 > /dev/full'
	[ "$stderr" = "assess-record: <stdout>: No space left on device" ]
}

@test "assess-record: a missing input file is status 2" {
	run -2 --separate-stderr assess-record -l log.csv nosuch.csv
	[ "$stderr" = "assess-record: nosuch.csv: No such file or directory" ]
	[ ! -e log.csv ]
}

@test "assess-record: empty input appends nothing and prints the header" {
	run -0 assess-record -l log.csv < /dev/null
	[ "$output" = "$HEADER" ]
	[ ! -e log.csv ]
}

@test "assess-record: option combinations are checked" {
	# Each case: arguments, then the expected message.
	while IFS='|' read -r args want; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr assess-record $args
		[ "$stderr" = "assess-record: $want" ] ||
		    fail "case '$args': got '$stderr'"
	done <<-'EOF'
	-s S1 -g G1 --score 1|-l: missing (the log to append to)
	-l - -s S1 -g G1 --score 1|-l: the log must be a file, not standard input
	-l log.csv -s S1 --score 1|-g: missing (one record needs -s, -g and --score)
	-l log.csv -s S1 -g G1|--score: missing (one record needs -s, -g and --score)
	-l log.csv -s S1 -g G1 --score 1 rows.csv|-s: cannot be combined with input files
	-l log.csv --void r1 -s S1|--void cannot be combined with -s
	-l log.csv --void r1 rows.csv|--void: cannot be combined with input files
	-l log.csv --check log.csv|--check takes only a log: give no -l, record options or files
	--check a.csv --repair a.csv|--check and --repair cannot be combined
	-l log.csv --excel -s S1 -g G1 --score 1|--excel: not supported, because a log stays plain CSV or TSV
	EOF
}

@test "assess-record: samples/evidence.csv is what its script makes" {
	run -0 sh "$SAMPLES/make-evidence.sh" evidence.csv
	cmp evidence.csv "$SAMPLES/evidence.csv"
	run -0 assess-record -G "$SAMPLES/goals.csv" -R "$SAMPLES/students.csv" \
	    --check "$SAMPLES/evidence.csv"
}
