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
