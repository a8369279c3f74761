#!/usr/bin/env bats
# progress-chart: terminal views, SVG, the HTML report, tracking sheets
# and the summary table.  Fixtures are in tests/fixtures/progress-chart:
# mastery.csv and evidence.csv describe students S1-S3 on goals F.1,
# F.2 and READ.1 by hand; timed.csv holds one student's timed readings.

bats_require_minimum_version 1.5.0
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
	F=$FIXTURES/progress-chart
	# The report date is fixed: 1773360000 is 2026-03-13T00:00:00Z.
	export SOURCE_DATE_EPOCH=1773360000
}

# Count the distinct colours of a PNG and the share of pixels that are not
# white, with python3's standard library only: inflate the IDAT chunks and
# undo the per-row filters of 8-bit RGB or RGBA images.
png_stats() {
	python3 - "$1" <<'EOF'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
assert depth == 8 and ctype in (2, 6), 'unsupported PNG type'
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours, inked, i = bytearray(stride), set(), 0, 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[x] = (line[x] + pred) & 255
    for x in range(0, stride, bpp):
        px = bytes(line[x:x + 3])
        colours.add(px)
        if px != b'\xff\xff\xff':
            inked += 1
    prev = line
print(len(colours), round(inked / (w * h), 3))
EOF
}

@test "progress-chart -h: prints the usage on stdout" {
	run -0 --separate-stderr progress-chart -h
	assert_line --index 0 "usage: progress-chart [-hV] [--ascii] [--celeration | --class | --map | --summary]"
	[ -z "$stderr" ]
}

@test "progress-chart -V: prints the version" {
	run -0 progress-chart -V
	assert_output "progress-chart (goalkit) 0.1.0"
}

@test "progress-chart: unknown option fails with usage" {
	run -2 --separate-stderr progress-chart --nosuch
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = "progress-chart: unrecognized option '--nosuch'" ]
	[ "${stderr_lines[1]}" = "usage: progress-chart [-hV] [--ascii] [--celeration | --class | --map | --summary]" ]
}

@test "progress-chart: missing file fails with status 2" {
	run -2 --separate-stderr progress-chart nosuch.csv
	[ "$stderr" = "progress-chart: nosuch.csv: No such file or directory" ]
}

@test "progress-chart: class grid shows a symbol per status" {
	# Statuses as written in mastery.csv; pairs without a row are not
	# started.  Counts: F.1 is mastered by S1 only, F.2 stalled by S1.
	run -0 --separate-stderr progress-chart -R "$F/students.csv" \
	    "$F/mastery.csv"
	assert_output - <<'EOF'
3 students, 3 goals
● mastered  ◐ progressing  ✗ stalled  ↓ slipped  · not-started

            F F R
            . . E
            1 2 A
                D
                .
                1
S1          ● ✗ ◐
S2          ↓ · ·
S3          ◐ · ·
mastered    1 0 0
stalled     0 1 0
EOF
}

@test "progress-chart --ascii: class grid in letters" {
	run -0 progress-chart --ascii "$F/mastery.csv"
	assert_line --index 0 "3 students, 3 goals"
	assert_line --index 1 "M mastered  P progressing  S stalled  D slipped  - not-started"
	assert_line --index 8 "S1          M S P"
	assert_line --index 9 "S2          D - -"
	assert_line --index 10 "S3          P - -"
}

@test "progress-chart: class grid wraps goals to the width" {
	# 60 goals need 120 columns; at 80 columns 34 fit per block: the
	# label takes 11 and each goal 2, and (80 - 11) / 2 = 34.
	{
		echo student_id,goal_id,status
		for g in $(seq -w 1 60); do echo "S1,G$g,mastered"; done
	} >wide.csv
	run -0 progress-chart --ascii wide.csv
	longest=$(printf '%s\n' "$output" | awk '{ if (length > m) m = length } END { print m }')
	[ "$longest" -le 80 ]
	[ "$(printf '%s\n' "$output" | grep -c '^S1 ')" -eq 2 ]
	[ "$(printf '%s\n' "$output" | grep '^S1 ' | head -1 | tr -cd M | wc -c)" -eq 34 ]
}

@test "progress-chart -s: a line per goal with sparkline and status" {
	# Sparklines from evidence.csv in time order, one level per eighth:
	# F.1 scores 2/4, 3/4, 4/4 and a self score 1/1 give = * # #; F.2
	# keeps 0.4 and 0.4 because record 6 is voided by record 7, and both
	# are dropped.  READ.1 is timed: accuracy 10/12, 20/21 and 40/40.
	run -0 --separate-stderr progress-chart --ascii -s S1 "$F/mastery.csv" \
	    "$F/evidence.csv"
	assert_output - <<'EOF'
S1: 1 of 3 goals mastered, 1 stalled
goal    evidence          estimate     status
F.1     =*##              0.90 / 0.80  mastered 2026-03-09
F.2     --                0.40 / 0.75  stalled on A2
READ.1  *##               0.80 / 0.90  progressing
EOF
}

@test "progress-chart -s: evidence alone judges the latest score" {
	# S2 scored 1 then 0.5 on F.1: mastered once, now below 0.8.
	run -0 progress-chart --ascii -s S2 "$F/evidence.csv"
	assert_output - <<'EOF'
S2: 0 of 3 goals mastered
goal    evidence          estimate     status
F.1     #=                0.50 / 0.80  slipped below threshold
not started: F.2 READ.1
EOF
}

@test "progress-chart -s: unknown student gets a warning and an empty view" {
	run -0 --separate-stderr progress-chart -s S9 "$F/mastery.csv"
	[ "$stderr" = "progress-chart: warning: -s: no data for student 'S9'" ]
	assert_line --index 0 "S9: 0 of 3 goals mastered"
	assert_line --index 2 "not started: F.1 F.2 READ.1"
}

@test "progress-chart -s: student not on the roster fails" {
	run -2 --separate-stderr progress-chart -R "$F/students.csv" -s S9 \
	    "$F/mastery.csv"
	[ "$stderr" = "progress-chart: -s: unknown student 'S9' (not in the roster)" ]
}

@test "progress-chart --summary: counts per goal and per student" {
	# Counted by hand from mastery.csv with the roster's three students;
	# shares are counts divided by 3.
	run -0 progress-chart --summary -R "$F/students.csv" "$F/mastery.csv"
	assert_output - <<'EOF'
kind,id,total,mastered,progressing,stalled,slipped,not_started,share_mastered,core_total,core_mastered,share_core_mastered
goal,F.1,3,1,1,0,1,0,0.3333,,,
goal,F.2,3,0,0,1,0,2,0.0000,,,
goal,READ.1,3,0,1,0,0,2,0.0000,,,
student,S1,3,1,1,1,0,0,0.3333,3,1,0.3333
student,S2,3,0,0,0,1,2,0.0000,3,0,0.0000
student,S3,3,0,1,0,0,2,0.0000,3,0,0.0000
EOF
}

@test "progress-chart --summary --tsv: tab-separated" {
	run -0 progress-chart --summary --tsv "$F/mastery.csv"
	assert_line --index 1 "$(printf 'goal\tF.1\t3\t1\t1\t0\t1\t0\t0.3333\t\t\t')"
}

@test "progress-chart -f svg: class heatmap is well-formed" {
	run -0 progress-chart -f svg -o heat.svg "$F/mastery.csv"
	[ -z "$output" ]
	run -0 xmllint --noout heat.svg
	grep -q 'viewBox="0 0 ' heat.svg
	grep -q '<title id="pc1-title">Mastery by student and goal</title>' heat.svg
	grep -q '>Students</text>' heat.svg
	grep -q '>Goals</text>' heat.svg
}

@test "progress-chart -f svg: heatmap cells carry letters and patterns" {
	# Nine cells (3 students x 3 goals): M once, P twice, S once, D once
	# and four not started; the legend swatches add one letter each.
	progress-chart -f svg "$F/mastery.csv" >heat.svg
	[ "$(grep -o '>M</text>' heat.svg | wc -l)" -eq 2 ]
	[ "$(grep -o '>P</text>' heat.svg | wc -l)" -eq 3 ]
	[ "$(grep -o '>-</text>' heat.svg | wc -l)" -eq 5 ]
	[ "$(grep -o 'fill="url(#pc1-hatch)"' heat.svg | wc -l)" -eq 2 ]
	[ "$(grep -o 'fill="url(#pc1-dots)"' heat.svg | wc -l)" -eq 2 ]
	grep -q '>not-started (4)</text>' heat.svg
}

@test "progress-chart -f svg: 2000 students are summarised per goal" {
	awk 'BEGIN { print "student_id,goal_id,status";
	    for (s = 1; s <= 2000; s++) for (g = 1; g <= 3; g++)
	    print "S" s ",G" g "," (s % 2 ? "mastered" : "progressing") }' >big.csv
	run -0 progress-chart -f svg -o big.svg big.csv
	run -0 xmllint --noout big.svg
	grep -q '<title id="pc1-title">Students by status per goal</title>' big.svg
	grep -q 'too many for one heatmap; --page 1 to 50 draws 40 at a time' big.svg
	# Half the students mastered each goal: "M 1000" on each of 3 bars.
	[ "$(grep -o '>M 1000</text>' big.svg | wc -l)" -eq 3 ]
}

@test "progress-chart --page: draws one page of the heatmap" {
	awk 'BEGIN { print "student_id,goal_id,status";
	    for (s = 1; s <= 100; s++) print "S" s ",G1,mastered" }' >big.csv
	run -0 progress-chart -f svg --page 3 big.csv
	# Page 3 of 40 rows holds students 81 to 100, in natural order.
	[ "$(printf '%s\n' "$output" | grep -c 'text-anchor="end">S[0-9]*</text>')" -eq 20 ]
	assert_output --partial 'text-anchor="end">S81</text>'
	assert_output --partial '100 students, 1 goal; page 3 of 3'
	run -2 --separate-stderr progress-chart -f svg --page 4 big.csv
	[ "$stderr" = "progress-chart: --page: no page 4 (the class fills 3 pages of 40 students)" ]
}

@test "progress-chart -f svg -s: one panel per goal with evidence" {
	run -0 progress-chart -f svg -s S1 "$F/mastery.csv" "$F/evidence.csv"
	printf '%s\n' "$output" >s1.svg
	run -0 xmllint --noout s1.svg
	grep -q '<title id="pc1-title">Progress of S1</title>' s1.svg
	grep -q 'Proportion of full marks</text>' s1.svg
	grep -q '>Date of the evidence</text>' s1.svg
	# Ticks every 7 days from 2026-03-02 (the padded span is 03-02..03-17).
	grep -q '>2026-03-09</text>' s1.svg
	[ "$(grep -c '<tspan font-weight="bold">' s1.svg)" -eq 3 ]
	# Thresholds of the three goals from mastery.csv.
	grep -q '>0.75</text>' s1.svg
	grep -q '>0.90</text>' s1.svg
	# One mastered marker: F.1 on 2026-03-09.
	[ "$(grep -c '<title>mastered</title>' s1.svg)" -eq 1 ]
}

@test "progress-chart -f svg -s: no evidence still gives a chart" {
	run -0 --separate-stderr progress-chart -f svg -s S3 "$F/mastery.csv"
	printf '%s\n' "$output" >s3.svg
	run -0 xmllint --noout s3.svg
	grep -q 'No scored evidence for S3 yet' s3.svg
}

@test "progress-chart -f svg -s: a single point gives a chart" {
	printf 'time,student_id,goal_id,score\n2026-01-05,A,G,0.5\n' >one.csv
	run -0 progress-chart -f svg -s A one.csv
	printf '%s\n' "$output" >one.svg
	run -0 xmllint --noout one.svg
	# One day is padded by 3 on each side: 2026-01-02 to 2026-01-09.
	grep -q '>2026-01-02</text>' one.svg
	[ "$(grep -c '<circle' one.svg)" -eq 2 ]
}

@test "progress-chart --celeration: celeration per phase" {
	# Phase R1: 10, 20 and 40 a minute a week apart; log10 rises by
	# log10(2) a week, so x2.00.  Phase R2: 15, 18 and 22.5 a minute on
	# days 0, 6 and 13 (the zero count has no logarithm); least squares
	# in python3 gives 10^(7 * slope) = 1.2442, so x1.24.
	run -0 progress-chart --celeration -s T1 "$F/timed.csv"
	printf '%s\n' "$output" >cel.svg
	run -0 xmllint --noout cel.svg
	[ "$(grep -o '>×[0-9.]*</text>' cel.svg | tr '\n' ' ')" = ">×2.00</text> >×1.24</text> " ]
}

@test "progress-chart --celeration: the daily chart's scales" {
	run -0 progress-chart --celeration -s T1 "$F/timed.csv"
	# Six decades labelled 0.001 to 1000, weeks 0 to 19, and the first
	# Sunday dated: 2026-03-01 was a Sunday.
	for label in 0.001 0.01 0.1 1 10 100 1000; do
		assert_output --partial "text-anchor=\"end\">$label</text>"
	done
	assert_output --partial '>19</text>'
	assert_output --partial '>2026-03-01</text>'
	assert_output --partial '>Count per minute</text>'
	assert_output --partial '>Successive calendar days (Sundays dated)</text>'
}

@test "progress-chart --celeration: zero count below the record floor" {
	# 2026-03-22 is day 21: x = 80 + (21 + 0.5) * 5 = 187.5.  The count
	# is 0 in 2 minutes, so the floor is 0.5 a minute, drawn at
	# 96 + (3 - log10 0.5) * 70 = 327.07, and the zero 7 below: 334.1.
	# A count of 1 would sit at 96 + 3 * 70 = 306.
	run -0 progress-chart --celeration -s T1 "$F/timed.csv"
	assert_output --partial '<circle cx="187.5" cy="334.1" r="2.6"'
	refute_output --partial '<circle cx="187.5" cy="306.0"'
	# The phase change to R2 is a dashed line at day 21: x = 185.
	assert_output --partial '<line x1="185.0" y1="96.0" x2="185.0" y2="516.0" stroke="#000000" stroke-width="1.5" stroke-dasharray="8 4"/>'
}

@test "progress-chart --celeration: no timed evidence gives an empty chart" {
	run -0 progress-chart --celeration -s S3 "$F/mastery.csv"
	printf '%s\n' "$output" >cel.svg
	run -0 xmllint --noout cel.svg
	grep -q 'no timed evidence (with minutes) for S3 yet' cel.svg
}

@test "progress-chart --celeration: charts without timings are left out" {
	# A year mistyped as 2062 put 93 empty 140-day charts in between.
	printf 'time,student_id,goal_id,score,minutes\n2026-03-02,A,G,5,1\n2026-03-03,A,G,7,1\n2062-03-04,A,G,6,1\n' >typo.csv
	run -0 progress-chart --celeration -s A typo.csv
	printf '%s\n' "$output" >typo.svg
	run -0 xmllint --noout typo.svg
	[ "$(grep -c '>Standard celeration chart: A, G</text>' typo.svg)" -eq 2 ]
	# 2062-03-04 is day 13152 from Sunday 2026-03-01 (python3 datetime):
	# chart 13152 // 140 = 93, whose weeks start at 93 * 20 = 1860.
	grep -q '>1860</text>' typo.svg
	grep -q '>2062-03-12</text>' typo.svg
}

@test "progress-chart -f svg -s: ticks over ten thousand years" {
	printf 'time,student_id,goal_id,score\n0001-01-01,A,G,1\n9999-12-31,A,G,0\n' >far.csv
	run -0 progress-chart -f svg -s A far.csv
	# 3652059 days by 728000, 2000 years of 364 days: 6 ticks, the
	# second 728000 days after 0001-01-01 (python3 datetime).
	[ "$(grep -c '<line x1="[0-9.]*" y1="[0-9.]*" x2="[0-9.]*" y2="[0-9.]*" stroke="#000000"/><text' <<<"$output")" -eq 6 ]
	assert_output --partial '>1994-03-14</text>'
}

@test "progress-chart --celeration: needs a student" {
	run -2 --separate-stderr progress-chart --celeration "$F/timed.csv"
	[ "$stderr" = "progress-chart: --celeration needs -s student" ]
	run -2 --separate-stderr progress-chart --celeration -s T1 -f html "$F/timed.csv"
	[ "$stderr" = "progress-chart: --celeration draws SVG only (drop -f or use -f svg)" ]
}

@test "progress-chart -f html: a self-contained report" {
	run -0 progress-chart -f html -R "$F/students.csv" -S "$F/suggestions.csv" \
	    -o report.html "$F/mastery.csv" "$F/evidence.csv"
	[ -z "$output" ]
	grep -q '<title>Progress report, 2026-03-13</title>' report.html
	grep -q 'Made on 2026-03-13 from <code>' report.html
	grep -q '@media print' report.html
	# No scripts and nothing fetched: the only URL is the SVG namespace.
	run -1 grep -ci '<script' report.html
	[ "$(grep -o 'https\?://[^"]*' report.html | sort -u)" = "http://www.w3.org/2000/svg" ]
	# A section per student, with the suggestion's reason escaped.
	[ "$(grep -c '<section class="student"' report.html)" -eq 3 ]
	grep -q 'you like games &amp; puzzles.' report.html
}

@test "progress-chart -f html: every inline SVG is well-formed" {
	progress-chart -f html -S "$F/suggestions.csv" "$F/mastery.csv" \
	    "$F/evidence.csv" >report.html
	awk '/<svg /{ n++; f = "svg" n ".svg" } f { print > f } /<\/svg>/{ f = "" }' report.html
	[ "$(ls svg*.svg | wc -l)" -eq 4 ]
	for f in svg*.svg; do
		xmllint --noout "$f"
	done
}

@test "progress-chart -f html: chromium renders a page that is not blank" {
	skip_if_sanitized
	if [ ! -x /usr/bin/chromium ]; then
		skip "chromium is not installed (Debian package chromium; .ci/deps installs it)"
	fi
	progress-chart -f html -R "$F/students.csv" -S "$F/suggestions.csv" \
	    -o report.html "$F/mastery.csv" "$F/evidence.csv"
	timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu \
	    --disable-quic --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync \
	    --user-data-dir="$BATS_TEST_TMPDIR/profile" \
	    --screenshot="$BATS_TEST_TMPDIR/report.png" --window-size=1200,1600 \
	    "file://$BATS_TEST_TMPDIR/report.html" 2>/dev/null
	[ -s report.png ]
	read -r colours inked < <(png_stats report.png)
	# A blank page has one colour; the report has text, tables and the
	# five status colours.
	[ "$colours" -ge 20 ]
	awk -v x="$inked" 'BEGIN { exit !(x > 0.02) }'
}

@test "progress-chart: a mastery table and an evidence log on stdin" {
	run -0 progress-chart --ascii -s S2 - <"$F/evidence.csv"
	assert_line --index 2 "F.1     #=                0.50 / 0.80  slipped below threshold"
}

@test "progress-chart: empty input gives a chart with a message" {
	run -0 progress-chart </dev/null
	assert_output "no students or goals in the input"
	run -0 progress-chart -f svg </dev/null
	printf '%s\n' "$output" >empty.svg
	run -0 xmllint --noout empty.svg
	grep -q 'No students or goals in the input yet' empty.svg
}

@test "progress-chart: evidence without times is in file order" {
	printf 'student_id,goal_id,score\nA,G,0.2\nA,G,0.9\n' >order.csv
	run -0 progress-chart -f svg -s A order.csv
	assert_output --partial '>Evidence of this student, numbered in time order (the input has no dates)</text>'
	# Evidence numbers 1 and 2 of the padded 1..7 sit in the middle of
	# their slots: 70 + 0.5 * 620 / 7 = 114.3 and 70 + 1.5 * 620 / 7.
	assert_output --partial '<circle cx="114.3" cy="166.0"'
	assert_output --partial '<circle cx="202.9" cy="124.0"'
	assert_output --partial 'text-anchor="middle">1</text>'
	assert_output --partial 'text-anchor="middle">7</text>'
	refute_output --partial 'text-anchor="middle">0</text>'
	run -0 progress-chart --ascii -s A order.csv
	assert_line --index 2 "G     .#                0.90 / 0.80  mastered"
}

@test "progress-chart -f svg -s -g: late evidence numbers are padded around" {
	{
		echo student_id,goal_id,score
		for i in $(seq 40); do echo A,G,0.5; done
		echo A,H,0.2
		echo A,H,0.9
	} >late.csv
	run -0 progress-chart -f svg -s A -g H late.csv
	# H has evidence 41 and 42, padded to 38..44: 70 + 3.5 * 620 / 7.
	assert_output --partial '<circle cx="380.0" cy="166.0"'
	assert_output --partial 'text-anchor="middle">38</text>'
	assert_output --partial 'text-anchor="middle">44</text>'
	refute_output --partial 'text-anchor="middle">1</text>'
}

@test "progress-chart: integer times from mastery-calc are read" {
	# mastery-calc orders a log without dates by order_id and copies the
	# order_ids into first_time, last_time and mastered_time.
	printf 'order_id,user,skill,correct\n907,A,G,1\n12,A,G,0\n500,A,H,1\n30,B,G,1\n' >log.csv
	mastery-calc -m latest -c student_id=user -c goal_id=skill \
	    -c score=correct -c time=order_id log.csv >mastery.csv
	grep -q '^A,G,mastered,1.0000,0.8000,2,1.0000,12,907,907,' mastery.csv
	run -0 --separate-stderr progress-chart --summary mastery.csv
	assert_line --index 3 "student,A,2,2,0,0,0,0,1.0000,2,2,1.0000"
	[ "$stderr" = "" ]
}

@test "progress-chart -s: a mastery table alone gives mastered dates" {
	# mastery.csv gives S1 mastered_time 2026-03-09 on F.1.
	run -0 progress-chart --ascii -s S1 "$F/mastery.csv"
	assert_line --index 2 "F.1                       0.90 / 0.80  mastered 2026-03-09"
}

@test "progress-chart -f svg -s: order keys number the evidence" {
	printf 'order_id,user,skill,correct\n907,A,G,1\n12,A,G,0\n500,A,H,1\n30,B,G,1\n' >log.csv
	mastery-calc -m latest -c student_id=user -c goal_id=skill \
	    -c score=correct -c time=order_id log.csv >mastery.csv
	# The mastery table keeps goalkit's names beside the renamed log.
	run -0 progress-chart -f svg -s A -c student_id=user -c goal_id=skill \
	    -c score=correct -c time=order_id mastery.csv log.csv
	printf '%s\n' "$output" >a.svg
	run -0 xmllint --noout a.svg
	# By order_id A's evidence is 12 (G, 0), 500 (H, 1), 907 (G, 1), so
	# G was mastered at evidence 3 and H at 2: x = 70 + (n - 0.5) * 620 / 7.
	grep -q '<path d="M 291.4 108.0 l 5 9 l -10 0 z" fill="#009E73"><title>mastered</title>' a.svg
	grep -q '<path d="M 202.9 204.0 l 5 9 l -10 0 z" fill="#009E73"><title>mastered</title>' a.svg
	grep -q '<circle cx="114.3" cy="178.0"' a.svg
	[ "$(grep -c '<title>mastered</title>' a.svg)" -eq 2 ]
}

@test "progress-chart --date-format: whole-number dates stay dates" {
	printf 'time,student_id,goal_id,score\n20260105,A,G,0.5\n20260112,A,G,0.9\n' >df.csv
	run -0 progress-chart --date-format %Y%m%d --ascii -s A df.csv
	assert_line --index 2 "G     =#                0.90 / 0.80  mastered 2026-01-12"
	printf 'student_id,goal_id,status,mastered_time\nA,G,mastered,20260112\n' >m.csv
	run -0 progress-chart --date-format %Y%m%d --ascii -s A m.csv
	assert_line --index 2 "G                          - / 0.80  mastered 2026-01-12"
	printf 'time,student_id,goal_id,score\n2026-01-05,A,G,0.5\n' >iso.csv
	run -1 --separate-stderr progress-chart --date-format %d.%m.%Y --summary iso.csv
	[ "$stderr" = "progress-chart: iso.csv:2: time: invalid time '2026-01-05' (expected %d.%m.%Y)" ]
}

@test "progress-chart: integer times mixed with dates are errors" {
	printf 'time,student_id,goal_id,score\n5,A,G,1\n2026-01-05,A,G,1\n' >mixed.csv
	run -1 --separate-stderr progress-chart --summary mixed.csv
	[ "$stderr" = "progress-chart: mixed.csv:3: time: invalid order '2026-01-05' (expected a whole number, as in the first row)" ]
}

@test "progress-chart -c: goalkit's own tables keep their names" {
	printf 'user,skill,correct\nS1,F.1,1\nS9,F.2,0\n' >log.csv
	printf 'student_id,rank,goal_id,activity_id\nS1,1,F.2,A1\n' >sugg.csv
	# -G, -R and -S would fail with "missing column 'skill'" if -c
	# applied to them; students.csv lacks S9, so that row is skipped.
	run -0 --separate-stderr progress-chart -c student_id=user \
	    -c goal_id=skill -c score=correct -G "$F/goals.csv" \
	    -R "$F/students.csv" -S sugg.csv --summary log.csv
	[ "$stderr" = "progress-chart: log.csv: warning: student_id: skipped 1 row on students not in the roster, such as 'S9' on line 3" ]
	assert_line --index 1 "goal,F.1,3,1,0,0,0,2,0.3333,,,"
}

@test "progress-chart -c: reads renamed columns" {
	printf 'when,user,skill,correct\n2026-01-05,A,G,1\n' >renamed.csv
	run -0 progress-chart --ascii -s A -c time=when -c student_id=user \
	    -c goal_id=skill -c score=correct renamed.csv
	assert_line --index 2 "G     #                 1.00 / 0.80  mastered 2026-01-05"
}

@test "progress-chart: CRLF and a byte order mark are read" {
	printf '\357\273\277student_id,goal_id,status\r\nS1,G1,mastered\r\n' >crlf.csv
	run -0 progress-chart --summary crlf.csv
	assert_line --index 1 "goal,G1,1,1,0,0,0,0,1.0000,,,"
}

@test "progress-chart: table that is neither input fails" {
	printf 'a,b\n1,2\n' >other.csv
	run -1 --separate-stderr progress-chart other.csv
	[ "$stderr" = "progress-chart: other.csv:1: neither a mastery table (no status column) nor an evidence log (no score column)" ]
}

@test "progress-chart: invalid mastery rows are errors" {
	printf 'student_id,goal_id,status,estimate,mastered_time\nS1,G1,done,,\nS1,G2,mastered,1.5,\nS1,G3,mastered,1,soon\n,G4,mastered,,\n' >bad.csv
	run -1 --separate-stderr progress-chart --summary bad.csv
	[ "${stderr_lines[0]}" = "progress-chart: bad.csv:2: status: unknown status 'done' (expected mastered, progressing, stalled, slipped or not-started)" ]
	[ "${stderr_lines[1]}" = "progress-chart: bad.csv:3: estimate: invalid proportion '1.5' (expected a number from 0 to 1)" ]
	[ "${stderr_lines[2]}" = "progress-chart: bad.csv:4: mastered_time: invalid time 'soon' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]])" ]
	[ "${stderr_lines[3]}" = "progress-chart: bad.csv:5: student_id: empty id" ]
	[ "${#stderr_lines[@]}" -eq 4 ]
}

@test "progress-chart: a pair given twice is an error" {
	printf 'student_id,goal_id,status\nS1,G1,mastered\nS1,G1,stalled\n' >twice.csv
	run -1 --separate-stderr progress-chart --summary twice.csv
	[ "$stderr" = "progress-chart: twice.csv:3: duplicate row for student 'S1' and goal 'G1'" ]
	assert_line --index 1 "goal,G1,1,1,0,0,0,0,1.0000,,,"
}

@test "progress-chart: invalid evidence rows are errors" {
	cat >bad.csv <<'EOF'
time,student_id,goal_id,score,max_score,assessor,minutes,errors
2026-01-05,A,G,2,,,,
2026-01-05,A,G,x,,,,
2026-13-01,A,G,1,,,,
2026-01-05,A,G,1,0,,,
2026-01-05,A,G,1,,robot,,
2026-01-05,A,G,1,,,0,
2026-01-05,A,G,1,,,1,-2
2026-01-05,A,G,,,,,
2026-01-05,A,G,-3,,,1,
EOF
	run -1 --separate-stderr progress-chart --summary bad.csv
	[ "${stderr_lines[0]}" = "progress-chart: bad.csv:2: score: invalid score '2' (allowed 0 to 1, or give the minutes of a timed count)" ]
	[ "${stderr_lines[1]}" = "progress-chart: bad.csv:3: score: invalid number 'x'" ]
	[ "${stderr_lines[2]}" = "progress-chart: bad.csv:4: time: invalid time '2026-13-01' (expected YYYY-MM-DD[Thh:mm[:ss][Z|+hh:mm]])" ]
	[ "${stderr_lines[3]}" = "progress-chart: bad.csv:5: max_score: invalid maximum '0' (expected a number above 0)" ]
	[ "${stderr_lines[4]}" = "progress-chart: bad.csv:6: assessor: unknown assessor 'robot' (expected teacher, self, peer or system)" ]
	[ "${stderr_lines[5]}" = "progress-chart: bad.csv:7: minutes: invalid length '0' (expected a number above 0)" ]
	[ "${stderr_lines[6]}" = "progress-chart: bad.csv:8: errors: invalid count '-2' (expected a number, 0 or more)" ]
	[ "${stderr_lines[7]}" = "progress-chart: bad.csv:10: score: invalid count '-3' (expected 0 or more)" ]
	[ "${stderr_lines[8]}" = "progress-chart: bad.csv: warning: score: skipped 1 row not assessed yet (empty score)" ]
	[ "${#stderr_lines[@]}" -eq 9 ]
}

@test "progress-chart: score over the maximum without minutes column" {
	printf 'student_id,goal_id,score\nA,G,2\n' >bad.csv
	run -1 --separate-stderr progress-chart --summary bad.csv
	[ "$stderr" = "progress-chart: bad.csv:2: score: invalid score '2' (allowed 0 to 1)" ]
}

@test "progress-chart: percent scores are out of 100" {
	printf 'time,student_id,goal_id,score\n2026-01-05,A,G,85%%\n' >pct.csv
	run -0 progress-chart --ascii -s A pct.csv
	assert_line --index 2 "G     *                 0.85 / 0.80  mastered 2026-01-05"
}

@test "progress-chart -R: students not on the roster are skipped" {
	printf 'student_id,goal_id,status\nS9,G1,mastered\nS1,G1,mastered\nS8,G1,slipped\n' >m.csv
	run -0 --separate-stderr progress-chart --summary -R "$F/students.csv" m.csv
	[ "$stderr" = "progress-chart: m.csv: warning: student_id: skipped 2 rows on students not in the roster, such as 'S9' on line 2" ]
	# Only S1 of the roster's S1, S2 and S3 mastered G1.
	assert_line --index 1 "goal,G1,3,1,0,0,0,2,0.3333,,,"
}

@test "progress-chart: option combinations are checked" {
	run -2 --separate-stderr progress-chart --class --summary "$F/mastery.csv"
	[ "$stderr" = "progress-chart: --class and --summary exclude each other" ]
	run -2 --separate-stderr progress-chart --summary -s S1 "$F/mastery.csv"
	[ "$stderr" = "progress-chart: --summary and -s exclude each other" ]
	run -2 --separate-stderr progress-chart --summary -f svg "$F/mastery.csv"
	[ "$stderr" = "progress-chart: --summary writes CSV (drop -f)" ]
	run -2 --separate-stderr progress-chart -f pdf "$F/mastery.csv"
	[ "$stderr" = "progress-chart: -f: invalid format 'pdf' (expected text, svg or html)" ]
	run -2 --separate-stderr progress-chart --map -s S1 "$F/mastery.csv"
	[ "$stderr" = "progress-chart: --map needs the goal map (-G goals.csv)" ]
	run -2 --separate-stderr progress-chart --tracking-sheet S1 "$F/mastery.csv"
	[ "$stderr" = "progress-chart: --tracking-sheet needs the goal map (-G goals.csv)" ]
	run -2 --separate-stderr progress-chart -s S1 -g NOPE "$F/mastery.csv"
	[ "$stderr" = "progress-chart: -g: unknown goal 'NOPE'" ]
}

@test "progress-chart: a failed write to stdout fails with status 2" {
	if ! (: >/dev/full) 2>/dev/null; then
		skip "/dev/full is not writable here"
	fi
	run -2 --separate-stderr bash -c 'progress-chart "$1" >/dev/full' _ \
	    "$F/mastery.csv"
	[ "$stderr" = "progress-chart: <stdout>: No space left on device" ]
}

@test "progress-chart -o: unwritable output fails with status 2" {
	run -2 --separate-stderr progress-chart -o nosuchdir/out.svg "$F/mastery.csv"
	[ "$stderr" = "progress-chart: nosuchdir/out.svg: No such file or directory" ]
}

@test "progress-chart -o: a named pipe is written, not replaced" {
	# Renaming a new file over the pipe would destroy it and leave its
	# reader waiting; the chart must go through the pipe instead.
	mkfifo pipe
	timeout 20 cat pipe >got.svg &
	run -0 progress-chart -o pipe "$F/mastery.csv"
	wait
	[ -p pipe ]
	progress-chart "$F/mastery.csv" >expected.svg
	cmp got.svg expected.svg
}

@test "progress-chart -o: a dangling link gets its target written" {
	mkdir out
	ln -s out/chart.svg link.svg
	run -0 progress-chart -o link.svg "$F/mastery.csv"
	[ -L link.svg ]
	[ -s out/chart.svg ]
}

@test "progress-chart -o: a folder is refused" {
	mkdir out
	run -2 --separate-stderr progress-chart -o out "$F/mastery.csv"
	[ "$stderr" = "progress-chart: out: Is a directory" ]
}

@test "progress-chart: SOURCE_DATE_EPOCH must be a number" {
	SOURCE_DATE_EPOCH=soon run -2 --separate-stderr progress-chart "$F/mastery.csv"
	[ "$stderr" = "progress-chart: SOURCE_DATE_EPOCH: invalid time 'soon' (expected seconds since 1970)" ]
}

@test "progress-chart -G: goals come from the goal map, in its order" {
	# goals.csv adds F.3, which no student has begun: not started.
	run -0 progress-chart --ascii -G "$F/goals.csv" "$F/mastery.csv"
	assert_line --index 2 "            F F F R"
	assert_line --index 8 "S1          M S - P"
}

@test "progress-chart -G: goals not in the map are skipped" {
	# mastery-calc -G writes rows for goals the map lacks, with a warning.
	printf 'student_id,goal_id,status\nS1,X.9,mastered\nS1,F.1,mastered\n' >m.csv
	run -0 --separate-stderr progress-chart -G "$F/goals.csv" --summary m.csv
	[ "$stderr" = "progress-chart: m.csv: warning: goal_id: skipped 1 row on goals not in the goal map, such as 'X.9' on line 2" ]
	refute_output --partial 'X.9'
	assert_line --index 1 "goal,F.1,1,1,0,0,0,0,1.0000,,,"
}

@test "progress-chart --tracking-sheet: goals begun or ready, with boxes" {
	# S1 mastered F.1, stalled on F.2 and began READ.1; F.3 requires
	# F.2, which S1 has not mastered, so it waits.
	run -0 progress-chart --ascii -G "$F/goals.csv" -R "$F/students.csv" \
	    --tracking-sheet S1 "$F/mastery.csv"
	assert_output - <<'EOF'
Tracking sheet for S1, grade 4, 2026-03-13
Tick one box for each goal: not yet, nearly, or I can. Ask your teacher when you
are sure you can.

F.2
  I can compare two fractions with the same denominator.
  Success criteria: I can say which of 3/8 and 5/8 is larger and why.
  [ ] not yet   [ ] nearly   [ ] I can

READ.1
  I can read grade-level text aloud accurately.
  Success criteria: I can read a page aloud with few errors.
  [ ] not yet   [ ] nearly   [ ] I can
EOF
}

@test "progress-chart --tracking-sheet: a goal begun early names its prerequisite" {
	printf 'student_id,goal_id,status\nS1,F.2,progressing\n' >m.csv
	run -0 progress-chart --ascii -G "$F/goals.csv" --tracking-sheet S1 m.csv
	assert_line --index 3 "F.1"
	assert_line --index 7 "F.2 (needs F.1 first)"
}

@test "progress-chart --tracking-sheet -f html: a printable page" {
	run -0 progress-chart -f html -G "$F/goals.csv" --tracking-sheet S1 \
	    "$F/mastery.csv"
	assert_output --partial '<title>Tracking sheet for S1</title>'
	assert_output --partial '@media print'
	assert_output --partial 'I can compare two fractions with the same denominator.'
	[ "$(printf '%s\n' "$output" | grep -o '<span class="box"></span>' | wc -l)" -eq 6 ]
}

@test "progress-chart --map: the goal map coloured by a student's status" {
	run -0 progress-chart -G "$F/goals.csv" --map -s S1 "$F/mastery.csv"
	printf '%s\n' "$output" >map.svg
	run -0 xmllint --noout map.svg
	grep -q '<title id="pc1-title">Goal map for S1</title>' map.svg
	# Two requires links, F.1 -> F.2 -> F.3, so two arrows.
	[ "$(grep -c 'marker-end="url(#pc1-arrow)"' map.svg)" -eq 2 ]
	grep -q '>S stalled</text>' map.svg
	grep -q 'F.3 (extended)</text>' map.svg
}

@test "progress-chart --celeration: the aim from the goal map" {
	# READ.1 has aim 60 a minute: 96 + (3 - log10 60) * 70 = 181.5.
	run -0 progress-chart -G "$F/goals.csv" --celeration -s T1 "$F/timed.csv"
	assert_output --partial 'y1="181.5"'
	assert_output --partial '>aim 60/min</text>'
}

@test "progress-chart: sample class stalls show in every view" {
	# samples/make-evidence.sh makes S003 stop improving under A07 on
	# ARG.5, S010 under A27 on RATE.5 and S006 under A40 on FLU.1.
	mastery-calc -G "$SAMPLES/goals.csv" -R "$SAMPLES/students.csv" \
	    "$SAMPLES/evidence.csv" >mastery.csv
	run -0 progress-chart --ascii -G "$SAMPLES/goals.csv" -s S003 mastery.csv
	assert_line --regexp '^ARG\.5 .* stalled on A07$'
	run -0 progress-chart --ascii -G "$SAMPLES/goals.csv" -s S010 mastery.csv
	assert_line --regexp '^RATE\.5 .* stalled on A27$'
	run -0 progress-chart --summary -G "$SAMPLES/goals.csv" mastery.csv
	assert_line --regexp '^student,S006,26,[0-9]+,[0-9]+,[1-9]'
}

@test "progress-chart --celeration: sample phases agree with mastery-calc --rates" {
	# mastery-calc fits all the timings it is given, so give it one
	# phase at a time: S006's FLU.1 probes under A39, then under A40.
	for a in A39 A40; do
		awk -F, -v a="$a" 'NR == 1 || ($3 == "S006" && $8 == a && $10 != "")' \
		    "$SAMPLES/evidence.csv" >"$a.csv"
		mastery-calc --rates "$a.csv" | awk -F, 'NR == 2 { print $7 }' >"$a.want"
	done
	run -0 progress-chart -G "$SAMPLES/goals.csv" --celeration -s S006 \
	    "$SAMPLES/evidence.csv"
	assert_output --partial "celeration of A39: times $(cat A39.want) per week"
	assert_output --partial "celeration of A40: times $(cat A40.want) per week"
}

@test "progress-chart -f html: report for the sample class" {
	mastery-calc -G "$SAMPLES/goals.csv" -R "$SAMPLES/students.csv" \
	    "$SAMPLES/evidence.csv" >mastery.csv
	suggest-activity -G "$SAMPLES/goals.csv" -A "$SAMPLES/activities.csv" \
	    -R "$SAMPLES/students.csv" mastery.csv >suggestions.csv
	run -0 progress-chart -f html -o report.html -G "$SAMPLES/goals.csv" \
	    -R "$SAMPLES/students.csv" -S suggestions.csv mastery.csv \
	    "$SAMPLES/evidence.csv"
	[ "$(grep -c '<section class="student"' report.html)" -eq 12 ]
	# One heatmap and one progress chart per student.
	[ "$(grep -c '^<svg ' report.html)" -eq 13 ]
	grep -q '<li><b>ARG.5</b> on activity A07: ' report.html
	# Every suggestion row is listed once, as one item.
	rows=$(($(wc -l <suggestions.csv) - 1))
	[ "$(grep -c '^<li>A[0-9]* (' report.html)" -eq "$rows" ]
}

@test "progress-chart -f html: large classes leave out student sections" {
	# Up to 200 students get a section each; 201 get the summaries and
	# six heatmap pages of 40 (the last with one student) instead.
	awk 'BEGIN { print "student_id,goal_id,status";
	    for (s = 1; s <= 201; s++) print "S" s ",G1,progressing" }' >m.csv
	run -0 progress-chart -f html -o report.html m.csv
	run -1 grep -c '<section class="student"' report.html
	grep -q 'With more than 200 students the report leaves out' report.html
	[ "$(grep -c '<figure class="page">' report.html)" -eq 6 ]
	grep -q 'page 6 of 6' report.html
}

@test "progress-chart: class grid with UTF-8 and long ids" {
	printf 'time,student_id,goal_id,score\n2026-01-05,\346\235\216\345\260\217\351\276\215,\316\251.1,1\n2026-01-05,Zo\303\253,GOAL-WITH-A-VERY-LONG-ID,0.5\n' >u.csv
	run -0 progress-chart --ascii u.csv
	# Omega is written whole, not split into its two bytes, and the
	# 24-character id stops at 16 rows with a '~'.
	assert_line --index 2 "            G $(printf '\316\251')"
	assert_line --index 3 "            O ."
	assert_line --index 16 "            R"
	assert_line --index 17 "            ~"
	# The three CJK characters take two columns each: 6 + 5 spaces
	# fill the 11 columns of the student column, as 3 + 8 do for Zoe.
	assert_line --index 18 "$(printf 'Zo\303\253')         P -"
	assert_line --index 19 "$(printf '\346\235\216\345\260\217\351\276\215')      - M"
}

@test "progress-chart -f svg: long ids are cut with a tooltip" {
	id=GOAL-WITH-AN-ID-OF-29-CHARS-X
	printf 'student_id,goal_id,status\nS1,%s,mastered\n' "$id" >m.csv
	run -0 progress-chart -f svg m.csv
	# 23 characters and an ellipsis, LABEL_MAX being 24.
	assert_output --partial "GOAL-WITH-AN-ID-OF-29-C$(printf '\342\200\246')<title>$id</title></text>"
	printf '%s\n' "$output" >m.svg
	run -0 xmllint --noout m.svg
}

@test "progress-chart -f html: long ids may wrap, short ones stay whole" {
	id=GOAL-WITH-AN-ID-OF-29-CHARS-X
	printf 'student_id,goal_id,status\nS1,%s,mastered\nS1,G.1,mastered\n' "$id" >m.csv
	run -0 progress-chart -f html m.csv
	# Ids over 24 characters get the class whose CSS lets them break.
	assert_output --partial "<tr><td class=\"l long\">$id</td>"
	assert_output --partial '<tr><td class="l">G.1</td>'
	assert_output --partial '.long{overflow-wrap:anywhere}'
}

@test "progress-chart -s: no goals gives a message" {
	printf 'student_id,goal_id,score\n' >empty.csv
	run -0 --separate-stderr progress-chart -s A empty.csv
	assert_output "A: 0 of 0 goals mastered
no goals in the input"
	[ "$stderr" = "progress-chart: warning: -s: no data for student 'A'" ]
}

@test "progress-chart -s: long ids are cut to fit 80 columns" {
	# The goal column is at most 16 wide; the status takes what is left
	# of 80: 80 - 16 - 16 - 17 = 31 columns, the last one a '~'.
	printf 'student_id,goal_id,status,stalled_activity\nA,ACTIVITY.VERY.LONG.GOAL.ID,stalled,A-VERY-LONG-ACTIVITY-NAME-THAT-GOES-ON\n' >long.csv
	run -0 progress-chart --ascii -s A long.csv
	assert_line --index 2 "ACTIVITY.VERY.L~                       - / 0.80  stalled on A-VERY-LONG-ACTIVIT~"
	[ "${#lines[2]}" -eq 80 ]
}

@test "progress-chart: a voiding record without a score still voids" {
	# Record 2 cancels record 1 and has no score of its own: neither is
	# evidence, and no "not assessed yet" warning is due.
	printf 'record_id,time,student_id,goal_id,score,voids\n1,2026-01-01,A,G,0.9,\n2,2026-01-02,A,G,,1\n' >void.csv
	run -0 --separate-stderr progress-chart --ascii -s A void.csv
	[ -z "$stderr" ]
	assert_line --index 2 "not started: G"
}

@test "progress-chart -f html -s: one student's page" {
	run -0 progress-chart -f html -s S1 -S "$F/suggestions.csv" \
	    "$F/mastery.csv" "$F/evidence.csv"
	assert_output --partial '<title>Progress of S1, 2026-03-13</title>'
	[ "$(printf '%s\n' "$output" | grep -c '<section class="student"')" -eq 1 ]
	assert_output --partial '<li><b>F.2</b> on activity A2</li>'
	assert_output --partial '<li><b>F.2</b>: the teacher guides the choice<ul>'
}

@test "progress-chart -s: criteria of one lesson make one point" {
	# Teacher lessons scored per criterion: (3 + 1) / 8 = 0.5 on 03-02
	# and (4 + 3) / 8 = 0.875 on 03-03, levels = and #; the self score
	# 2/4 = 0.5 at the same time is another assessor, so it stays its
	# own point.  Row by row the sparkline was *:#=* and the latest
	# teacher score 0.75, below 0.8.
	cat >e.csv <<-'END'
	time,student_id,goal_id,score,max_score,assessor,activity_id,criterion
	2026-03-02,U,G1,3,4,teacher,P1,claim
	2026-03-02,U,G1,1,4,teacher,P1,reasoning
	2026-03-03,U,G1,4,4,teacher,P1,claim
	2026-03-03,U,G1,2,4,self,P1,claim
	2026-03-03,U,G1,3,4,teacher,P1,reasoning
	END
	run -0 progress-chart --ascii -s U e.csv
	assert_output - <<'EOF'
U: 1 of 1 goal mastered
goal  evidence          estimate     status
G1    =#=               0.88 / 0.80  mastered 2026-03-03
EOF
	# The panel spans proportion 0 at y 178 to 1 at y 118, so the two
	# teacher points sit at y 148 and 125.5, joined by one line.
	run -0 progress-chart -f svg -s U e.csv
	printf '%s\n' "$output" >u.svg
	run -0 grep -c '^<circle' u.svg
	assert_output 2
	run -0 grep -c '^<circle cx="[0-9.]*" cy="148.0"' u.svg
	assert_output 1
	run -0 grep -c '^<circle cx="[0-9.]*" cy="125.5"' u.svg
	assert_output 1
	run -0 grep -Ec '^<polyline .* points="[0-9.]+,148.0 [0-9.]+,125.5"' u.svg
	assert_output 1
}
