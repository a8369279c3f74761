#!/usr/bin/env bats
# --excel output opened by a real spreadsheet: LibreOffice Calc imports it
# headless and writes a flat OpenDocument file, whose cells are read back
# with tests/fixtures/spreadsheet/read-fods.py.

bats_require_minimum_version 1.5.0
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	command -v soffice >/dev/null || skip "LibreOffice (libreoffice-calc) is not installed"
	skip_if_sanitized
}

# Import CSV file $1 as LibreOffice does for a user who picks UTF-8,
# comma-separated, and print its cells.
import_csv() {
	soffice --headless --norestore \
	    "-env:UserInstallation=file://$BATS_TEST_TMPDIR/lo-profile" \
	    --infilter=CSV:44,34,76,1 --convert-to fods --outdir out "$1" >/dev/null 2>&1
	python3 "$FIXTURES/spreadsheet/read-fods.py" "out/$(basename "${1%.*}").fods"
}

@test "spreadsheet: --excel ids, notes and formulas come through as text" {
	printf '%s\n' 'goal_id,statement,criteria,threshold' \
	    '007,"Count to 100, by ones and tens","I can count:' 'out loud, to 100",0.8' \
	    '0042,=SUM(A1:A3),@cmd,1' >goals.csv
	goalmap-check --order --excel goals.csv >excel.csv
	run -0 import_csv excel.csv
	# Expected cells: the header as text; 007 and 0042 as text (through the
	# ="..." formula, whose value is a string); the comma and the line
	# break kept inside one cell; =SUM and @cmd as text with the guard
	# quote, never run; numbers as numbers.
	assert_output "$(printf '%s\t' 'string:goal_id' 'string:statement' 'string:criteria' 'string:threshold')string:depth
$(printf '%s\t' 'string=formula:007' 'string:Count to 100, by ones and tens' 'string:I can count:\nout loud, to 100' 'float:0.8')float:0
$(printf '%s\t' 'string=formula:0042' "string:'=SUM(A1:A3)" "string:'@cmd" 'float:1')float:0"
}

@test "spreadsheet: --excel keeps boolean words and long ids as text" {
	printf '%s\n' 'goal_id,statement' 'TRUE,Count' 'false,Write' \
	    '1234567890123456789,Read' '3.10,Spell' '3.1,Say' >goals.csv
	goalmap-check --order --excel goals.csv >excel.csv
	run -0 import_csv excel.csv
	# Expected cells: LibreOffice Calc 7.4 reads TRUE and false as
	# booleans, 1234567890123456789 as 1.23456789012346E+18, and 3.10 as
	# the number 3.1, the same as goal 3.1, when they are plain; through
	# ="..." every one of these ids stays text.  --order lists goals in
	# natural order: 3.1, 3.10, then the longer number.
	assert_output "$(printf '%s\t' 'string:goal_id' 'string:statement')string:depth
$(printf '%s\t' 'string=formula:3.1' 'string:Say')float:0
$(printf '%s\t' 'string=formula:3.10' 'string:Spell')float:0
$(printf '%s\t' 'string=formula:1234567890123456789' 'string:Read')float:0
$(printf '%s\t' 'string=formula:TRUE' 'string:Count')float:0
$(printf '%s\t' 'string=formula:false' 'string:Write')float:0"
}

@test "spreadsheet: without --excel an id with a leading zero is lost" {
	# The reason --excel exists: a spreadsheet reads 007 as the number 7.
	printf 'goal_id,statement\n007,Count\n' >goals.csv
	goalmap-check --order goals.csv >plain.csv
	run -0 import_csv plain.csv
	assert_line --index 1 "$(printf 'float:7\tstring:Count\tfloat:0')"
}

@test "spreadsheet: mastery-calc --excel keeps evidence text as text" {
	# No program writes an evidence note with --excel (assess-record keeps
	# its log plain CSV), so the free text here is an activity id taken
	# from the log, which mastery-calc writes as last_activity: one with a
	# comma and a line break, one that is a formula.
	printf '%s\n' 'time,student_id,goal_id,score,activity_id' \
	    '2026-10-01,007,G.1,0.5,"Lab 3, part 2' 'redo"' \
	    '2026-10-02,0042,G.1,0.9,"=HYPERLINK(""http://example.com"")"' >evidence.csv
	mastery-calc --excel evidence.csv >excel.csv
	run -0 import_csv excel.csv
	# Expected cells, by hand: 0042 and 007 as text through the ="..."
	# formula; the formula as text behind the guard quote; the comma and
	# the line break inside one cell; estimates as numbers.
	assert_line --index 1 --regexp "^string=formula:0042	string:G.1	string:mastered	float:0.9	.*	string:'=HYPERLINK\(\"http://example.com\"\)$"
	assert_line --index 2 --regexp '^string=formula:007	string:G.1	string:progressing	float:0.5	.*	string:Lab 3, part 2\\nredo$'
}

@test "spreadsheet: evidence log with text settings keeps notes as text" {
	# assess-record keeps the log plain CSV, so README.md says to import it
	# with the id columns as Text and formulas not evaluated.  The filter
	# options give columns 1, 3 and 4 (record_id, student_id, goal_id) the
	# format 2 (Text) and set token 13, Evaluate formulas, to false.
	printf '%s\n' 'student,skill,points,comment' \
	    '007,G.1,3,"Good start, but' 'check the units"' \
	    '007,G.2,1,=1+1 was the whole answer' >export.csv
	GOALKIT_RECORD_CLOCK=2026-10-30T16:00:00Z assess-record -l evidence.csv \
	    -c student_id=student -c goal_id=skill -c score=points \
	    -c note=comment --max-score 4 --time 2026-10-30 export.csv >/dev/null
	soffice --headless --norestore \
	    "-env:UserInstallation=file://$BATS_TEST_TMPDIR/lo-profile" \
	    --infilter=CSV:44,34,76,1,1/2/3/2/4/2,0,false,false,false,false,false,-1,false \
	    --convert-to fods --outdir out evidence.csv >/dev/null 2>&1
	run -0 python3 "$FIXTURES/spreadsheet/read-fods.py" out/evidence.fods
	# Expected cells, by hand: 007 as text, the note with its comma and line
	# break in one cell, and the note starting with = as text.  The reader
	# drops runs of empty cells, so the note follows the assessor.
	assert_line --index 1 "$(printf '%s\t' 'string:20261030T160000.000000Z-00000000-000000-00000001' 'date:2026-10-30' 'string:007' 'string:G.1' 'float:3' 'float:4' 'string:teacher')string:Good start, but\ncheck the units"
	assert_line --index 2 "$(printf '%s\t' 'string:20261030T160000.000000Z-00000000-000000-00000002' 'date:2026-10-30' 'string:007' 'string:G.2' 'float:1' 'float:4' 'string:teacher')string:=1+1 was the whole answer"
}

@test "spreadsheet: evidence log with default settings runs a note" {
	# The reason for those settings: imported as any CSV, 007 becomes the
	# number 7 and a note starting with = becomes a formula (here an error).
	printf '%s\n' 'student,skill,points,comment' \
	    '007,G.2,1,=1+1 was the whole answer' >export.csv
	GOALKIT_RECORD_CLOCK=2026-10-30T16:00:00Z assess-record -l evidence.csv \
	    -c student_id=student -c goal_id=skill -c score=points \
	    -c note=comment --max-score 4 --time 2026-10-30 export.csv >/dev/null
	run -0 import_csv evidence.csv
	assert_line --index 1 --regexp "	float:7	string:G.2	.*	string=formula:Err:509$"
}
