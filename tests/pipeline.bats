#!/usr/bin/env bats
# The main job end to end: the demo script of make demo, the nightly job
# of samples/nightly.sh, and samples/real-pipeline.sh on the real data.

bats_require_minimum_version 1.5.0
load test_helper

# Copy the sample tables into folder $1, as a school's input folder.
sample_inputs() {
	mkdir -p "$1"
	cp "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv" "$SAMPLES/activities.csv" \
	    "$SAMPLES/students.csv" "$SAMPLES/preferences.csv" "$1"
}

# Print the messages of the nightly log $1 without their prefix and time.
log_messages() {
	printf '%s\n' "$1" | sed 's/^nightly: [0-9T:-]* //'
}

# Print the status counts of a mastery table as STATUS=N, by datamash.
status_counts() {
	datamash -t, --header-in -s -g 3 count 3 <"$1" | tr , =
}

@test "demo: every program writes its output" {
	run -0 --separate-stderr sh "$SAMPLES/demo.sh" out
	assert_equal "$stderr" ""
	for f in goalmap-findings.csv goalmap-stats.csv goals-in-order.csv \
	    goal-map.svg goal-analysis.csv evidence.csv recorded.csv \
	    mastery.csv calibration.csv suggestions.csv summary.csv \
	    report.html; do
		assert_line "  out/$f"
		[ -s "out/$f" ] || fail "out/$f is missing or empty"
	done
	run -0 xmllint --noout out/goal-map.svg
	run -0 xmllint --html --noout out/report.html
}

@test "demo: summary counts match the tables" {
	sh "$SAMPLES/demo.sh" out >summary.txt
	# The counts come from the tables the demo wrote, counted by datamash,
	# and from samples/students.csv, which lists 12 students.
	run -0 status_counts out/mastery.csv
	assert_output "mastered=78
not-started=217
progressing=14
stalled=3"
	run -0 bash -c "datamash -t, --header-in count 1 <out/suggestions.csv"
	assert_output 62
	run -0 bash -c "datamash -t, --header-in -s -g 1 count 1 <out/goalmap-findings.csv"
	assert_output "warning,2"
	run -0 cat summary.txt
	assert_line "goal map      26 goals, 24 prerequisite links, 0 errors, 2 warnings"
	assert_line "mastery       12 students: 78 mastered, 14 progressing, 3 stalled, 217 not started"
	assert_line "suggestions   62 activities offered, 5 of them for stalled goals"
}

@test "demo: self-assessment goes to a copy of the log" {
	run -0 sh "$SAMPLES/demo.sh" out
	assert_line "evidence      1 self-assessment appended to a copy of the log"
	# The copy is the sample log plus one record, and the sample is unchanged.
	run -0 cmp -n "$(wc -c <"$SAMPLES/evidence.csv")" "$SAMPLES/evidence.csv" out/evidence.csv
	run -0 git -C "$REPO" diff --quiet -- samples/evidence.csv
	run -0 tail -n 1 out/evidence.csv
	assert_output --regexp ',2026-10-30T10:40:00,S009,RATE.8,3,4,self,A32,,,,,,I compared the price per ounce$'
	run -0 assess-record -G "$SAMPLES/goals.csv" -R "$SAMPLES/students.csv" --check out/evidence.csv
}

@test "demo: mastery matches mastery-calc on the sample log" {
	run -0 sh "$SAMPLES/demo.sh" out
	# A self-assessment does not count toward mastery by default, so the
	# table is the same as from the sample log itself.
	mastery-calc -G "$SAMPLES/goals.csv" -R "$SAMPLES/students.csv" \
	    "$SAMPLES/evidence.csv" >expected.csv
	run -0 cmp expected.csv out/mastery.csv
}

@test "nightly: writes dated outputs, one log line per step" {
	sample_inputs in
	day=$(date +%Y-%m-%d)
	run -0 --separate-stderr sh "$SAMPLES/nightly.sh" in out
	assert_output ""
	# 313 lines: a header and 12 students times 26 goals; 39 lines: a
	# header, 26 goals and 12 students.
	run -0 log_messages "$stderr"
	assert_line --index 0 "goal map: ok"
	assert_line --index 1 "mastery: ok, wrote out/mastery-$day.csv (313 lines)"
	assert_line --index 2 --regexp "^suggestions: ok, wrote out/suggestions-$day.csv \([0-9]+ lines\)$"
	assert_line --index 3 "summary: ok, wrote out/summary-$day.csv (39 lines)"
	assert_line --index 4 --regexp "^report: ok, wrote out/report-$day.html \([0-9]+ lines\)$"
	assert_line --index 5 "finished"
	assert_equal "${#lines[@]}" 6
	# The outputs are those of the programs run by hand, as in progress-chart(1).
	mastery-calc -G in/goals.csv -R in/students.csv in/evidence.csv >mastery.csv
	run -0 cmp mastery.csv "out/mastery-$day.csv"
	progress-chart --summary -G in/goals.csv -R in/students.csv mastery.csv >summary.csv
	run -0 cmp summary.csv "out/summary-$day.csv"
	run -0 ls -A out
	assert_output ".nightly.lock
mastery-$day.csv
report-$day.html
suggestions-$day.csv
summary-$day.csv"
}

@test "nightly: a failed step leaves the others to run" {
	sample_inputs in
	day=$(date +%Y-%m-%d)
	printf 'activity_id,title\nA01,Sort the claims\n' >in/activities.csv
	run -1 --separate-stderr sh "$SAMPLES/nightly.sh" in out
	run -0 log_messages "$stderr"
	assert_line "suggestions: failed with status 1: suggest-activity: in/activities.csv:1: missing column 'goals'"
	assert_line "summary: ok, wrote out/summary-$day.csv (39 lines)"
	assert_line --index 4 --regexp "^report: ok, wrote out/report-$day.html "
	assert_line "finished with failures"
	[ -s "out/mastery-$day.csv" ]
	[ ! -e "out/suggestions-$day.csv" ]
	# The report says nothing of suggestions it did not get.
	run -1 grep -c 'Next' "out/report-$day.html"
}

@test "nightly: bad evidence row is left out" {
	# mastery-calc and progress-chart leave out a row with an invalid
	# score, write the rest and exit with status 1 (their man pages).
	sample_inputs in
	day=$(date +%Y-%m-%d)
	awk -F, -v OFS=, 'NR == 5 { $5 = "banana" } 1' in/evidence.csv >evidence.csv
	mv evidence.csv in/evidence.csv
	run -1 --separate-stderr sh "$SAMPLES/nightly.sh" in out
	run -0 log_messages "$stderr"
	assert_line --index 1 "mastery: wrote out/mastery-$day.csv (313 lines) without the rows in error, first: mastery-calc: in/evidence.csv:5: score: invalid score 'banana'"
	assert_line --index 3 "summary: ok, wrote out/summary-$day.csv (39 lines)"
	assert_line --index 4 --regexp "^report: wrote out/report-$day.html \([0-9]+ lines\) without the rows in error, first: progress-chart: in/evidence.csv:5: "
	assert_line --index 5 "finished with failures"
	# The table kept is the one mastery-calc writes without that row.
	sed 5d in/evidence.csv >good.csv
	mastery-calc -G in/goals.csv -R in/students.csv good.csv >mastery.csv
	run -0 cmp mastery.csv "out/mastery-$day.csv"
}

@test "nightly: a failed step keeps the previous output" {
	sample_inputs in
	day=$(date +%Y-%m-%d)
	run -0 sh "$SAMPLES/nightly.sh" in out
	cp "out/suggestions-$day.csv" before.csv
	printf 'activity_id,title\n' >in/activities.csv
	run -1 sh "$SAMPLES/nightly.sh" in out
	run -0 cmp before.csv "out/suggestions-$day.csv"
	# No temporary file is left behind.
	run -0 ls -A out
	refute_output --partial tmp
	refute_output --partial .err
}

@test "nightly: a held lock makes the run wait, then give up" {
	sample_inputs in
	mkdir out
	exec 8>out/.nightly.lock
	flock 8
	# The run must not inherit descriptor 8, which shares the test's lock.
	NIGHTLY_LOCK_WAIT=1 run -1 --separate-stderr sh "$SAMPLES/nightly.sh" in out 8>&-
	exec 8>&-
	run -0 log_messages "$stderr"
	assert_output "another run holds out/.nightly.lock; waiting up to 1s
gave up waiting for out/.nightly.lock after 1s"
	run -0 ls -A out
	assert_output .nightly.lock
}

@test "nightly: two overlapping runs take turns" {
	sample_inputs in
	day=$(date +%Y-%m-%d)
	mkdir out
	# Hold the lock while both runs start, so that they overlap for sure.
	# The runs close descriptor 8, which shares the test's lock, and 3,
	# which bats waits on.
	exec 8>out/.nightly.lock
	flock 8
	sh "$SAMPLES/nightly.sh" in out 2>first.log 8>&- 3>&- &
	first=$!
	sh "$SAMPLES/nightly.sh" in out 2>second.log 8>&- 3>&- &
	second=$!
	tries=0
	until [ "$(cat first.log second.log 2>/dev/null | grep -c 'another run holds')" -eq 2 ]; do
		tries=$((tries + 1))
		[ "$tries" -lt 100 ] || fail "the runs did not report the lock"
		sleep 0.1
	done
	exec 8>&-
	wait "$first" || fail "the first run failed with status $?"
	wait "$second" || fail "the second run failed with status $?"
	for log in first.log second.log; do
		run -0 grep -c 'another run holds out/.nightly.lock; waiting up to 600s' "$log"
		assert_output 1
		run -0 tail -n 1 "$log"
		assert_output --regexp ' finished$'
	done
	# The outputs are whole: the same as mastery-calc run by hand.
	mastery-calc -G in/goals.csv -R in/students.csv in/evidence.csv >mastery.csv
	run -0 cmp mastery.csv "out/mastery-$day.csv"
}

@test "nightly: usage and missing inputs" {
	run -2 --separate-stderr sh "$SAMPLES/nightly.sh" in
	assert_equal "$stderr" "usage: nightly INPUT_DIR OUTPUT_DIR"
	mkdir in
	cp "$SAMPLES/goals.csv" in
	run -2 --separate-stderr sh "$SAMPLES/nightly.sh" in out
	run -0 log_messages "$stderr"
	assert_output "missing input in/evidence.csv"
	[ ! -e out ]
}

@test "nightly: lock file that cannot be opened" {
	# A folder in place of the lock file cannot be opened for writing,
	# even by root; the shell's own message used to end the run unlogged.
	sample_inputs in
	mkdir -p out/.nightly.lock
	run -2 --separate-stderr sh "$SAMPLES/nightly.sh" in out
	run -0 log_messages "$stderr"
	assert_output "cannot open the lock file out/.nightly.lock: Is a directory"
}

@test "nightly: output folder it cannot write in" {
	# Run as an unprivileged user: as root by setpriv(1) as nobody, in a
	# folder outside the test's own, which nobody may not be able to enter.
	local dir runner=()
	if [ "$(id -u)" -eq 0 ]; then
		command -v setpriv >/dev/null || skip "setpriv is needed as root"
		runner=(setpriv --reuid=65534 --regid=65534 --clear-groups)
		"${runner[@]}" test -r "$SAMPLES/nightly.sh" ||
		    skip "nobody cannot read $SAMPLES/nightly.sh"
	fi
	dir=$(mktemp -d /tmp/nightly-test.XXXXXX)
	chmod 755 "$dir"
	sample_inputs "$dir/in"
	chmod -R a+rX "$dir/in"
	mkdir "$dir/out"
	chmod 555 "$dir/out"
	run -2 --separate-stderr "${runner[@]}" sh "$SAMPLES/nightly.sh" "$dir/in" "$dir/out"
	chmod 755 "$dir/out"
	rm -rf "$dir"
	run -0 log_messages "$stderr"
	assert_output "cannot write in the output folder $dir/out: Permission denied"
}

@test "real pipeline: the whole job on the real data" {
	require_real atc-coherence-map
	require_real assistments2009-pybkt-subset
	require_real kt-benchmarks-lpp
	run -0 --separate-stderr sh "$SAMPLES/real-pipeline.sh" "$REAL" out
	assert_equal "$stderr" ""
	# 480 standards and 757 prerequisite edges: atc-coherence-map/SOURCE.md.
	assert_line "  goal map      480 goals, 757 prerequisite links, depth 30, 0 errors, 154 warnings"
	# 902 students on 2 skills: assistments2009-pybkt-subset/SOURCE.md.
	assert_line --regexp '^  mastery       1804 student-goal pairs, 1218 with evidence: '
	assert_line "  BKT           parameters fitted for 2 of 2 goals, defaults for the others"
	# The pairs with evidence, and the problem sets of each skill (one
	# activity each), counted by datamash on the log itself.
	log=$REAL/assistments2009-pybkt-subset/as_no_answer_text.csv
	run -0 bash -c "datamash -t, --header-in -s -g user_id,skill_name count correct <'$log' | wc -l"
	assert_output 1218
	run -0 bash -c "datamash -t, --header-in -s -g skill_name countunique sequence_id <'$log'"
	assert_output "Box and Whisker,8
Table,19"
	run -0 bash -c "datamash -t, --header-in -s -g 2 count 1 <out/as-activities.csv"
	assert_output "Box and Whisker,8
Table,19"
	# Fitted parameters are probabilities, with guess + slip below 1.
	run -0 awk -F, 'NR > 1 && !($4 + $5 < 1 && $2 >= 0 && $2 <= 1 && $3 >= 0 && $3 <= 1)' out/as-bkt-params.csv
	assert_output ""
	# suggest-activity read the log for effectiveness: reasons count
	# students who improved.
	run -0 grep -c 'students improved after it' out/as-suggestions.csv
	[ "$output" -gt 0 ]
	run -0 xmllint --html --noout out/as-report.html
}
