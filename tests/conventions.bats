#!/usr/bin/env bats
# Rules every goalkit program shares: help, version, usage errors, missing
# files, write errors, standard input, empty input; and how the shared
# reader and writer treat awkward CSV and TSV.

bats_require_minimum_version 1.5.0
load test_helper

# The programs built by make, one per line.
programs() {
	local p
	for p in "$GOALKIT_BIN"/*; do
		[ -x "$p" ] && basename "$p"
	done
}

# Arguments that make program $1 read one main input (appended after
# them) and write a table to standard output.
output_args() {
	case $1 in
	goalmap-check) echo "--order" ;;
	goal-analyze) echo "" ;;
	assess-record) echo "--dry-run -l $BATS_TEST_TMPDIR/new-log.csv" ;;
	mastery-calc) echo "" ;;
	suggest-activity) echo "-G $SAMPLES/goals.csv -A $SAMPLES/activities.csv" ;;
	progress-chart) echo "--summary" ;;
	*) return 1 ;;
	esac
}

# A valid main input for program $1.
main_input() {
	case $1 in
	goalmap-check | goal-analyze) echo "$SAMPLES/goals.csv" ;;
	assess-record | mastery-calc | progress-chart) echo "$SAMPLES/evidence.csv" ;;
	suggest-activity) echo "$FIXTURES/conventions/mastery.csv" ;;
	esac
}

@test "conventions: every built program is known to this file" {
	local p
	[ -n "$(programs)" ] || fail "no program in $GOALKIT_BIN"
	for p in $(programs); do
		output_args "$p" >/dev/null || fail "no arguments known for $p"
	done
}

@test "conventions --help: usage on stdout and status 0" {
	local p
	for p in $(programs); do
		run -0 --separate-stderr "$p" --help
		[[ "$output" == "usage: $p "* ]] || fail "$p --help: '$output'"
		[ -z "$stderr" ] || fail "$p --help wrote to stderr: $stderr"
		run -0 --separate-stderr "$p" -h
		[[ "$output" == "usage: $p "* ]] || fail "$p -h: '$output'"
	done
}

@test "conventions --version: program and goalkit version" {
	local p
	for p in $(programs); do
		run -0 --separate-stderr "$p" --version
		[ "$output" = "$p (goalkit) 0.1.0" ] || fail "$p --version: '$output'"
		run -0 --separate-stderr "$p" -V
		[ "$output" = "$p (goalkit) 0.1.0" ] || fail "$p -V: '$output'"
	done
}

@test "conventions: bad option gives usage on stderr and 2" {
	local p
	for p in $(programs); do
		run -2 --separate-stderr "$p" --no-such-option
		[ -z "$output" ] || fail "$p wrote to stdout: $output"
		[[ "$stderr" == "$p: unrecognized option '--no-such-option'"$'\n'"usage: $p "* ]] ||
		    fail "$p stderr: $stderr"
	done
}

@test "conventions: missing file names it and exits 2" {
	local p
	for p in $(programs); do
		# shellcheck disable=SC2046
		run -2 --separate-stderr "$p" $(output_args "$p") nosuch.csv
		[ "$stderr" = "$p: nosuch.csv: No such file or directory" ] ||
		    fail "$p stderr: $stderr"
	done
}

@test "conventions: write error on stdout exits 2" {
	local p
	[ -w /dev/full ] || skip "/dev/full is not writable here"
	for p in $(programs); do
		run -2 --separate-stderr bash -c "$p $(output_args "$p") '$(main_input "$p")' >/dev/full"
		[ "$stderr" = "$p: <stdout>: No space left on device" ] ||
		    fail "$p stderr: $stderr"
	done
}

@test "conventions: folder as input exits 2" {
	# A folder opens but cannot be read: an I/O error named by the
	# system, as for a missing file, not a list of missing columns.
	local p
	mkdir folder
	for p in $(programs); do
		# shellcheck disable=SC2046
		run -2 --separate-stderr "$p" $(output_args "$p") folder
		[ "$stderr" = "$p: folder: Is a directory" ] || fail "$p stderr: $stderr"
	done
}

@test "conventions: malformed header is one CSV error" {
	# Text after the closing quote of the first name, at byte 13; the
	# columns behind it are not reported missing.
	local p
	printf '"student_id"x,goal_id\n' >bad-header.csv
	for p in $(programs); do
		# shellcheck disable=SC2046
		run -1 --separate-stderr "$p" $(output_args "$p") bad-header.csv
		[ "$stderr" = "$p: bad-header.csv:1: malformed CSV at byte 13: unexpected character after a closing quote" ] ||
		    fail "$p stderr: $stderr"
	done
}

@test "conventions: --help and --version to a full disk exit 2" {
	local p opt
	[ -w /dev/full ] || skip "/dev/full is not writable here"
	for p in $(programs); do
		for opt in --help --version; do
			run -2 --separate-stderr bash -c "$p $opt >/dev/full"
			[ "$stderr" = "$p: <stdout>: No space left on device" ] ||
			    fail "$p $opt stderr: $stderr"
		done
	done
}

@test "conventions: - and no operand read standard input" {
	local p args input
	for p in $(programs); do
		args=$(output_args "$p")
		input=$(main_input "$p")
		# shellcheck disable=SC2086
		"$p" $args "$input" >from-file.out 2>/dev/null || true
		# shellcheck disable=SC2086
		"$p" $args - <"$input" >from-dash.out 2>/dev/null || true
		# shellcheck disable=SC2086
		"$p" $args <"$input" >from-stdin.out 2>/dev/null || true
		[ -s from-file.out ] || fail "$p wrote nothing for $input"
		cmp from-file.out from-dash.out || fail "$p: '-' differs from the file"
		cmp from-file.out from-stdin.out || fail "$p: stdin differs from the file"
	done
}

@test "make install: a later PREFIX is honoured" {
	# goal-analyze has the data folder compiled in: built for the default
	# PREFIX first, it must be rebuilt when installed under another one.
	skip_if_sanitized
	mkdir src
	cp -r "$REPO/Makefile" "$REPO/cmd" "$REPO/common" "$REPO/man" "$REPO/.ci" src/
	make -s -C src >/dev/null 2>&1
	make -s -C src install PREFIX="$PWD/inst" >/dev/null 2>&1
	rm -rf src
	printf 'goal_id,statement\nA,Calculate the density of an object\n' >goals.csv
	run -0 --separate-stderr env -u GOALKIT_VERBS inst/bin/goal-analyze goals.csv
	assert_line --index 1 "A,calculate,apply,yes,no-criteria"
	[ -f inst/share/man/man1/goal-analyze.1 ]
	[ -f inst/share/man/man7/goalkit.7 ]
}

@test "conventions --help: every long option of the synopsis" {
	# The long options the SYNOPSIS of each man page shows must all be in
	# the program's --help, so that neither lags behind the other.
	local p opt help
	for p in $(programs); do
		help=$("$p" --help)
		for opt in $(awk '/^\.Sh SYNOPSIS/ { f = 1; next } /^\.Sh / { f = 0 } f' \
		    "$REPO/man/$p.1" | grep -o 'Fl Fl [a-z-]*' | sed 's/^Fl Fl /--/' | sort -u); do
			[[ "$help" == *"$opt"* ]] || fail "$p --help lacks $opt"
		done
	done
}

@test "conventions: empty input is handled without a crash" {
	local p
	for p in $(programs); do
		# shellcheck disable=SC2046
		run --separate-stderr "$p" $(output_args "$p") "$FIXTURES/csv/empty.csv"
		[ "$status" -le 1 ] || fail "$p on empty input: status $status: $stderr"
	done
}

# Reading, through goalmap-check --order, which writes every input column back.

@test "reader: Windows-1252 is warned about once" {
	# Excel's plain CSV writes é as the single byte 0xe9, which is not
	# UTF-8.  Line 2 starts at byte 26 with "Jos", so 0xe9 is byte 29.
	# Valid UTF-8 (é as 0xc3 0xa9 on line 4) is no problem.  Rows come
	# in byte order: 0xc3 sorts before 0xe9.
	printf 'student_id,goal_id,score\nJos\351,G1,1\nRen\351,G1,1\nJos\303\251,G1,1\n' >ev.csv
	run -0 --separate-stderr mastery-calc ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv:2: warning: invalid UTF-8 at byte 29, so some characters may show wrongly: save the file as CSV UTF-8, or convert it with iconv -f WINDOWS-1252 -t UTF-8"
	assert_line --index 1 --partial $'Jos\303\251,G1,'
	assert_line --index 2 --partial $'Jos\351,G1,'
	assert_line --index 3 --partial $'Ren\351,G1,'
}

@test "reader: an Excel sep= first line names the delimiter" {
	# Excel writes "sep=;" above the header to name the delimiter.  The
	# header is then line 2, so the bad score is reported on line 4.
	printf 'sep=;\r\ngoal_id;statement;threshold\r\nA.1;Add, then check;0.8\r\nA.2;Add;x\r\n' >goals.csv
	run -1 --separate-stderr goalmap-check --order goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:4: threshold: invalid threshold 'x' (expected a proportion 0..1)"
	run -0 --separate-stderr goalmap-check --order --csv <(head -3 goals.csv)
	assert_output $'goal_id,statement,threshold,depth\nA.1,"Add, then check",0.8,0'
}

@test "reader: data as header gets a hint" {
	# Only the first missing column gets the hint.
	printf '1,2,3\n4,5,6\n' >nohead.csv
	run -1 --separate-stderr mastery-calc nohead.csv
	assert_equal "${stderr%%$'\n'*}" "mastery-calc: nohead.csv:1: missing column 'student_id' (the first line contains only numbers: the file may have no header line)"
	assert_equal "${#stderr_lines[@]}" 3
	assert_equal "${stderr_lines[1]}" "mastery-calc: nohead.csv:1: missing column 'goal_id'"
	printf 'student_id goal_id score\nS1 G1 1\n' >spaces.csv
	run -1 --separate-stderr mastery-calc spaces.csv
	assert_equal "${stderr_lines[0]}" "mastery-calc: spaces.csv:1: missing column 'student_id' (the header line is one column: give -d for its delimiter)"
	run -0 --separate-stderr mastery-calc -d ' ' --csv spaces.csv
	assert_line -n 1 --partial S1,G1,mastered,1.0000
}

@test "reader: byte order mark is removed from the header" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/bom.csv"
	assert_output $'goal_id,statement,depth\nA.1,Add fractions,0'
}

@test "reader: CRLF ends records, inside quotes it is kept" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/crlf.csv"
	assert_output $'goal_id,statement,depth\nA.1,Add fractions,0\nA.2,"Subtract\r\nfractions",0'
}

@test "reader: no final newline still gives the last record" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/no-final-newline.csv"
	assert_output $'goal_id,statement,depth\nA.1,Add fractions,0'
}

@test "reader: quoted delimiter stays in its field" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/quoted-delim.csv"
	assert_output $'goal_id,statement,depth\nA.1,"Add, subtract and compare fractions",0'
}

@test "reader: quoted newline counts toward line numbers" {
	# The record of A.2 starts on physical line 4 because A.1's
	# statement spans lines 2 and 3.  A.1 and A.2 are equally close to
	# A.9; the first in the file is suggested.
	run -1 --separate-stderr goalmap-check "$FIXTURES/csv/quoted-newline.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/quoted-newline.csv:4: requires: unknown goal 'A.9' (did you mean 'A.1'?)"
}

@test "reader: lone CR line ends count as lines" {
	# Files written for classic Mac OS end every line in a lone CR.
	# Counted by hand: header 1, A.1 on 2 and 3 (a CR inside its quotes),
	# A.2 on 4, A.3 on 5.  The CR inside quotes is kept and written back
	# quoted, and records end in LF on output.
	run -1 --separate-stderr goalmap-check "$FIXTURES/csv/cr-only.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/cr-only.csv:5: requires: unknown goal 'A.9' (did you mean 'A.1'?)"
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/cr-only-valid.csv"
	assert_output $'goal_id,statement,requires,depth\nA.1,"Add\rfractions",,0\nA.2,Subtract,A.1,1'
}

@test "reader: doubled quotes are one quote" {
	run -0 --separate-stderr goalmap-check --order --tsv "$FIXTURES/csv/doubled-quotes.csv"
	assert_output $'goal_id\tstatement\tdepth\nA.1\tExplain what "unit rate" means\t0'
}

@test "reader: empty fields are empty" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/empty-fields.csv"
	assert_output $'goal_id,statement,requires,part_of,grade,depth\nA.1,Add fractions,,,,0\nA.2,Compare fractions,A.1,,5,1'
}

@test "reader: semicolon delimiter is detected and kept" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/semicolon.csv"
	assert_output $'goal_id;statement;threshold;depth\nA.1;Add fractions, then simplify;0.8;0'
}

@test "reader: TSV escapes are undone and written again" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/escapes.tsv"
	assert_output $'goal_id\tstatement\tcriteria\tdepth\nA.1\tAdd fractions\tI can add:\\tline one\\nline two \\\\ done\t0'
}

@test "reader: TSV escapes become real characters in CSV" {
	run -0 --separate-stderr goalmap-check --order --csv "$FIXTURES/csv/escapes.tsv"
	assert_output "$(printf 'goal_id,statement,criteria,depth\nA.1,Add fractions,"I can add:\tline one\nline two \\ done",0')"
}

@test "reader: non-ASCII UTF-8 passes through unchanged" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/utf8.csv"
	assert_output $'goal_id,statement,depth\nÉ.1,Résoudre une équation — niveau 5,0\n数学.2,计算单位速率,0'
}

@test "reader: duplicate header name not read is a warning" {
	run -0 --separate-stderr goalmap-check "$FIXTURES/csv/dup-header.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/dup-header.csv:1: warning: column 'note' appears twice"
}

@test "reader: duplicate header name that is read is an error" {
	run -1 --separate-stderr goalmap-check "$FIXTURES/csv/dup-goal-id-header.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/dup-goal-id-header.csv:1: column 'goal_id' appears twice"
}

@test "reader: trailing delimiter makes an unnamed, ignored column" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/trailing-delim.csv"
	assert_output $'goal_id,statement,,depth\nA.1,Add fractions,,0'
	assert_equal "$stderr" ""
}

@test "reader: unnamed index column of a spreadsheet is ignored" {
	run -0 --separate-stderr goalmap-check "$FIXTURES/csv/unnamed-column.csv"
	assert_equal "$stderr" ""
}

@test "reader: stray quote is an error with line and byte" {
	# "goal_id,statement\n" is 18 bytes and "A.1,Add 3" 9 more, so the
	# quote is byte 28.
	run -1 --separate-stderr goalmap-check "$FIXTURES/csv/stray-quote.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/stray-quote.csv:2: malformed CSV at byte 28: stray quote in an unquoted field"
}

@test "reader: unterminated quote names where it opened" {
	# The opening quote is byte 23: 18 bytes of header, then "A.1," is 4.
	run -1 --separate-stderr goalmap-check "$FIXTURES/csv/unterminated.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/unterminated.csv:2: malformed CSV at byte 23: unterminated quoted field runs to the end of the input"
}

@test "reader: ids keep their leading zeros" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/leading-zero.csv"
	assert_output $'goal_id,statement,requires,depth\n007,Count to 100,,0\n07,Count to 20,007,1'
}

@test "reader: short record gets empty fields" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/ragged-short.csv"
	assert_output $'goal_id,statement,requires,grade,depth\nA.1,Add fractions,,,0\nA.2,Compare fractions,A.1,5,1'
}

@test "reader: record with an extra field is an error" {
	run -1 --separate-stderr goalmap-check "$FIXTURES/csv/ragged-long.csv"
	assert_equal "$stderr" "goalmap-check: $FIXTURES/csv/ragged-long.csv:2: too many fields: 3 (the header has 2)"
}

@test "reader: blank lines are skipped and lines still counted" {
	printf 'goal_id,statement,requires\n\n\nA.1,Add fractions,A.7\n' >blank.csv
	run -1 --separate-stderr goalmap-check blank.csv
	assert_equal "$stderr" "goalmap-check: blank.csv:4: requires: unknown goal 'A.7' (did you mean 'A.1'?)"
}

@test "reader: NUL byte is rejected with its position" {
	printf 'goal_id,statement\nA.1,Add\000fractions\n' >nul.csv
	run -1 --separate-stderr goalmap-check nul.csv
	assert_equal "$stderr" "goalmap-check: nul.csv:2: NUL byte at byte 26"
}

@test "reader: UTF-16 text names its encoding" {
	# A spreadsheet's "Unicode text" is UTF-16 with a byte order mark,
	# whose NUL bytes would otherwise be the whole message.
	printf 'goal_id\tstatement\nA.1\tAdd\n' | iconv -f UTF-8 -t UTF-16 >goals.tsv
	run -1 --separate-stderr goalmap-check goals.tsv
	assert_equal "$stderr" "goalmap-check: goals.tsv:1: UTF-16 text is not supported: save it as UTF-8, or convert it with iconv -f UTF-16 -t UTF-8"
}

@test "reader: header-only input is an empty goal map" {
	run -0 --separate-stderr goalmap-check --order "$FIXTURES/csv/header-only.csv"
	assert_output "goal_id,statement,requires,depth"
}

@test "reader -d: explicit delimiter overrides detection" {
	printf 'goal_id|statement\nA.1|Add; then simplify\n' >pipe.txt
	run -0 --separate-stderr goalmap-check -d '|' --order --csv pipe.txt
	assert_output $'goal_id,statement,depth\nA.1,Add; then simplify,0'
}

@test "reader -c: mapped column is read under another name" {
	printf 'skill,text\nA.1,Add fractions\n' >mapped.csv
	run -0 --separate-stderr goalmap-check -c goal_id=skill -c statement=text --order mapped.csv
	assert_output $'skill,text,depth\nA.1,Add fractions,0'
}

@test "reader -c: mapped column that is missing names both names" {
	printf 'skill,text\nA.1,Add fractions\n' >mapped.csv
	run -1 --separate-stderr goalmap-check -c goal_id=skil -c statement=text mapped.csv
	assert_equal "$stderr" "goalmap-check: mapped.csv:1: missing column 'skil' (read as goal_id)"
}

@test "options -c: mapping without = is a usage error" {
	run -2 --separate-stderr goalmap-check -c goal_id "$SAMPLES/goals.csv"
	assert_equal "$stderr" "goalmap-check: -c: invalid mapping 'goal_id' (expected role=name, e.g. student_id=user_id)"
}

@test "options -d: two characters is a usage error" {
	run -2 --separate-stderr goalmap-check -d ';;' "$SAMPLES/goals.csv"
	assert_equal "$stderr" "goalmap-check: -d: invalid character ';;' (expected one ASCII character other than a quote or newline, or 'tab')"
}

# Writing.

@test "options -d: non-ASCII character is a usage error" {
	# A multibyte character cannot be one byte, and a lone byte of 0x80
	# or above would cut UTF-8 characters apart.
	printf 'goal_id,statement\nA,x\n' >goals.csv
	run -2 --separate-stderr goalmap-check -d 'é' goals.csv
	assert_equal "$stderr" "goalmap-check: -d: invalid character 'é' (expected one ASCII character other than a quote or newline, or 'tab')"
	run -2 --separate-stderr goalmap-check -d $'\247' goals.csv
	assert_equal "$stderr" "goalmap-check: -d: invalid character '"$'\247'"' (expected one ASCII character other than a quote or newline, or 'tab')"
	run -2 --separate-stderr goalmap-check --list-sep $'\247' goals.csv
	assert_equal "$stderr" "goalmap-check: --list-sep: invalid character '"$'\247'"' (expected one ASCII character other than a quote or newline, or 'tab')"
}

@test "writer --excel: BOM, CRLF and formula guard, numbers untouched" {
	printf 'goal_id,statement,weight\n=A1,@SUM(1),-0.5\n-B,+plus,0.8\n' >formula.csv
	run -0 --separate-stderr goalmap-check --excel --order formula.csv
	assert_output "$(printf '\357\273\277goal_id,statement,weight,depth\r\n'"'"'-B,'"'"'+plus,0.8,0\r\n'"'"'=A1,'"'"'@SUM(1),-0.5,0\r')"
}

@test "writer: fields with a quote or newline are quoted, others not" {
	printf 'goal_id,statement\nA.1,"say ""hi"""\nA.2,"two\nlines"\nA.3,"plain"\n' >q.csv
	run -0 --separate-stderr goalmap-check --order q.csv
	assert_output $'goal_id,statement,depth\nA.1,"say ""hi""",0\nA.2,"two\nlines",0\nA.3,plain,0'
}

@test "writer --excel: dates, times and fractions in text stay text" {
	# LibreOffice reads 1/2 and 3:30 as a date and a time (next test),
	# and the grade band 6-8 has the same form.  Expected by hand: those
	# become ="...", while the ISO date, the number 0.5 and 1.2.3 (no
	# separator) are written as they are.
	printf 'goal_id,statement,grade,note\nA,a,6-8,1/2\nB,b,2026-03-14,3:30\nC,c,0.5,1.2.3\n' >dates.csv
	run -0 --separate-stderr goalmap-check --excel --order dates.csv
	assert_output "$(printf '\357\273\277goal_id,statement,grade,note,depth\r\nA,a,"=""6-8""","=""1/2""",0\r\nB,b,2026-03-14,"=""3:30""",0\r\nC,c,0.5,1.2.3,0\r')"
}

@test "writer --excel: boolean words and long digit ids stay text" {
	# Expected by hand: TRUE and False would become booleans and the 16
	# digits a number of 15 significant digits, so they become ="...";
	# TRUTH is no boolean and 15 digits fit a number exactly.
	printf 'goal_id,statement,note\nA,a,TRUE\nB,b,False\nC,c,1234567890123456\nD,d,TRUTH\nE,e,123456789012345\n' >values.csv
	run -0 --separate-stderr goalmap-check --excel --order values.csv
	assert_output "$(printf '\357\273\277goal_id,statement,note,depth\r\nA,a,"=""TRUE""",0\r\nB,b,"=""False""",0\r\nC,c,"=""1234567890123456""",0\r\nD,d,TRUTH,0\r\nE,e,123456789012345,0\r')"
}

@test "--decimal-comma: points still read" {
	# The log writes 0,9; the sample goal map writes thresholds as 0.8 and
	# mastery-calc writes its estimates with a point.  Expected by hand:
	# one score 0.9 gives estimate 0.9000 against threshold 0.8000.
	printf 'student_id;goal_id;score\nS001;ARG.2;0,9\n' >ev.csv
	run -0 --separate-stderr mastery-calc --decimal-comma -G "$SAMPLES/goals.csv" ev.csv
	assert_line --regexp '^S001;ARG\.2;mastered;0\.9000;0\.8000;1;'
	mastery-calc -G "$SAMPLES/goals.csv" "$SAMPLES/evidence.csv" >mastery.csv
	run -0 --separate-stderr progress-chart --decimal-comma --summary mastery.csv
	assert_equal "$stderr" ""
}

@test "--null: cells that are the word read as empty" {
	# A and B come from a database export: part_of NULL means none, and
	# " NA " with spaces is empty too under the second --null.
	printf 'goal_id,statement,part_of,grade\nA,Add,NULL, NA \nB,Add two,A,NULL\n' >goals.csv
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: part_of: unknown goal 'NULL'"
	run -0 --separate-stderr goalmap-check --null NULL --null NA --order goals.csv
	assert_output $'goal_id,statement,part_of,grade,depth\nA,Add,,,0\nB,Add two,A,,0'
	# The word is trimmed as the cells are.
	run -0 --separate-stderr goalmap-check --null ' NULL ' --null ' NA' --order goals.csv
	assert_output $'goal_id,statement,part_of,grade,depth\nA,Add,,,0\nB,Add two,A,,0'
}

@test "--null: an empty score read as not assessed yet" {
	# NA in the score column is empty, so the row is skipped with the
	# warning of SPEC.md 2.4 and S1 keeps the one score 0.5.
	printf 'student_id,goal_id,score\nS1,G1,0.5\nS1,G1,NA\n' >ev.csv
	run -0 --separate-stderr mastery-calc --null NA ev.csv
	assert_equal "$stderr" "mastery-calc: ev.csv: warning: score: skipped 1 row without a score (not assessed yet)"
	assert_line -n 1 S1,G1,progressing,0.5000,0.8000,1,0.5000,,,,decaying-average:0.65,evidence,,
}

@test "--null: an empty word is a usage error" {
	run -2 --separate-stderr goalmap-check --null '' /dev/null
	assert_equal "$stderr" "goalmap-check: --null: empty word (an empty cell is empty already)"
}

@test "writer --excel: numeric ids stay text" {
	# goal_id is a column of ids, so 3.10 and 12 become ="..."; weight
	# is not, so 0.5 stays a number.  Expected by hand, in --order's
	# natural order of ids.
	printf 'goal_id,statement,weight\n3.10,a,0.5\n12,b,1\n' >ids.csv
	run -0 --separate-stderr goalmap-check --excel --order ids.csv
	assert_output "$(printf '\357\273\277goal_id,statement,weight,depth\r\n"=""3.10""",a,0.5,0\r\n"=""12""",b,1,0\r')"
}

@test "writer --excel: LibreOffice keeps 1/2 and 3:30 as text" {
	# LibreOffice Calc imports the file headless; without --excel it reads
	# 1/2 as the date January 2 and 3:30 as a time (checked first, so the
	# test shows the problem is real), with --excel both stay text.
	command -v soffice >/dev/null || skip "LibreOffice (libreoffice-calc) is not installed"
	skip_if_sanitized
	printf 'goal_id,statement,note\nA,a,1/2\nB,b,3:30\n' >goals.csv
	goalmap-check --order goals.csv >plain.csv
	goalmap-check --order --excel goals.csv >excel.csv
	soffice --headless --norestore \
	    "-env:UserInstallation=file://$BATS_TEST_TMPDIR/lo-profile" \
	    --infilter=CSV:44,34,76,1 --convert-to fods --outdir out \
	    plain.csv excel.csv >/dev/null 2>&1
	run -0 python3 "$FIXTURES/spreadsheet/read-fods.py" out/plain.fods
	assert_line --index 1 --regexp $'^string:A\tstring:a\tdate:'
	assert_line --index 2 --regexp $'^string:B\tstring:b\ttime:'
	run -0 python3 "$FIXTURES/spreadsheet/read-fods.py" out/excel.fods
	assert_line --index 1 $'string:A\tstring:a\tstring=formula:1/2\tfloat:0'
	assert_line --index 2 $'string:B\tstring:b\tstring=formula:3:30\tfloat:0'
}

# Manual pages.

@test "man pages: mandoc -Tlint finds nothing" {
	local page
	for page in "$REPO"/man/*.[157]; do
		run -0 --separate-stderr mandoc -Tlint -W warning "$page"
		[ -z "$output$stderr" ] || fail "$page: $output$stderr"
	done
}

@test "man pages: every program has one, listing exit status 0, 1 and 2" {
	local p page
	for p in $(programs); do
		page=$REPO/man/$p.1
		[ -f "$page" ] || fail "no man page for $p"
		run -0 awk '/^\.Sh EXIT STATUS/ { on = 1; next } /^\.Sh / { on = 0 } on && /^\.It [012]$/ { print $2 }' "$page"
		[ "$output" = $'0\n1\n2' ] || fail "$p(1) EXIT STATUS lists: $output"
	done
}

@test "writer: field holding a delimiter above ASCII @ is quoted" {
	# '|' (0x7c) is above the range of the quote, CR and LF bytes.
	printf 'goal_id|statement\nx|"y|z"\n' >pipe.csv
	run -0 --separate-stderr goalmap-check -d '|' --order pipe.csv
	assert_output $'goal_id|statement|depth\nx|"y|z"|0'
}
