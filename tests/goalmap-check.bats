#!/usr/bin/env bats
# goalmap-check: every diagnostic with its exact message and status, the
# output modes, scale and the real Coherence Map.

bats_require_minimum_version 1.5.0
load test_helper

# Write stdin to goals.csv in the test folder.
map() {
	cat >goals.csv
}

@test "goalmap-check: sample goal map is valid" {
	run -0 --separate-stderr goalmap-check "$SAMPLES/goals.csv"
	assert_output ""
	assert_equal "$stderr" ""
}

@test "goalmap-check: missing goal_id column" {
	printf 'id,statement\nA,Add\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:1: missing column 'goal_id'"
}

@test "goalmap-check: missing statement column" {
	printf 'goal_id,text\nA,Add\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:1: missing column 'statement'"
}

@test "goalmap-check: empty goal id" {
	printf 'goal_id,statement\nA,Add\n  ,Subtract\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: goal_id: empty goal id"
}

@test "goalmap-check: duplicate goal id names the first line" {
	printf 'goal_id,statement\nA,Add\nB,Subtract\nA,Add again\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:4: goal_id: duplicate goal 'A' (first on line 2)"
}

@test "goalmap-check: unknown requires suggests the closest id" {
	printf 'goal_id,statement,requires\nARG.1,Claim,\nARG.2,Evidence,ARG.9\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: requires: unknown goal 'ARG.9' (did you mean 'ARG.1'?)"
}

@test "goalmap-check: unknown requires far from every id has no suggestion" {
	printf 'goal_id,statement,requires\nARG.1,Claim,\nARG.2,Evidence,FRACTIONS\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: requires: unknown goal 'FRACTIONS'"
}

@test "goalmap-check: unknown part_of" {
	printf 'goal_id,statement,part_of\nRATE.1,Divide,RATE.10\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: part_of: unknown goal 'RATE.10' (did you mean 'RATE.1'?)"
}

@test "goalmap-check: goal requiring itself" {
	printf 'goal_id,statement,requires\nA,Add,A\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: requires: goal 'A' requires itself"
}

@test "goalmap-check: requires cycle is reported once with its path" {
	printf 'goal_id,statement,requires\nA,Add,C\nB,Subtract,A\nC,Compare,B\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: requires: cycle A -> C -> B -> A"
}

@test "goalmap-check: two separate cycles are both reported" {
	printf 'goal_id,statement,requires\nA,a,B\nB,b,A\nC,c,D\nD,d,C\nE,e,A;C\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: requires: cycle A -> B -> A
goalmap-check: goals.csv:4: requires: cycle C -> D -> C"
}

@test "goalmap-check: part_of cycle" {
	printf 'goal_id,statement,part_of\nA,Whole,B\nB,Part,A\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: part_of: cycle A -> B -> A"
}

@test "goalmap-check: diamond is not a cycle" {
	# D requires B and C, which both require A.
	printf 'goal_id,statement,requires,standards\nA,a,,S1\nB,b,A,S1\nC,c,A,S1\nD,d,B;C,S1\n' | map
	run -0 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" ""
}

@test "goalmap-check: core goal requiring an extended goal" {
	printf 'goal_id,statement,requires,scope,standards\nA,a,,extended,S\nB,b,A,core,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: requires: core goal 'B' requires extended goal 'A'"
}

@test "goalmap-check: invalid scope" {
	printf 'goal_id,statement,scope,standards\nA,a,basic,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: scope: invalid scope 'basic' (expected core or extended)"
}

@test "goalmap-check: invalid thresholds" {
	printf 'goal_id,statement,threshold,standards\nA,a,1.5,S\nB,b,abc,S\nC,c,-0.1,S\nD,d,0.8,S\nE,e,1,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: threshold: invalid threshold '1.5' (expected a proportion 0..1)
goalmap-check: goals.csv:3: threshold: invalid threshold 'abc' (expected a proportion 0..1)
goalmap-check: goals.csv:4: threshold: invalid threshold '-0.1' (expected a proportion 0..1)"
}

@test "goalmap-check: invalid aims" {
	printf 'goal_id,statement,aim,standards\nA,a,fast,S\nB,b,0,S\nC,c,118,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: aim: invalid aim 'fast' (expected a rate per minute above 0)
goalmap-check: goals.csv:3: aim: invalid aim '0' (expected a rate per minute above 0)"
}

@test "goalmap-check: implied requires is a warning" {
	# C requires B and A, and B already requires A.
	printf 'goal_id,statement,requires,standards\nA,a,,S\nB,b,A,S\nC,c,B;A,S\n' | map
	run -0 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:4: warning: requires: 'C' requires 'A', already implied through 'B'"
}

@test "goalmap-check --strict: warnings make status 1" {
	printf 'goal_id,statement,requires,standards\nA,a,,S\nB,b,A,S\nC,c,B;A,S\n' | map
	run -1 --separate-stderr goalmap-check --strict goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:4: warning: requires: 'C' requires 'A', already implied through 'B'"
}

@test "goalmap-check: core goal with no standard is a warning" {
	printf 'goal_id,statement,standards,scope\nA,a,S1,core\nB,b,,core\nC,c,,extended\n' | map
	run -0 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: warning: standards: core goal 'B' is aligned with no standard"
}

@test "goalmap-check: part of an aligned goal counts as aligned" {
	printf 'goal_id,statement,standards,part_of\nA,a,S1,\nB,b,,A\nC,c,,B\n' | map
	run -0 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" ""
}

@test "goalmap-check -s: unknown and uncovered standards" {
	printf 'goal_id,statement,standards\nA,a,S1\nB,b,S9\n' | map
	printf 'standard_id,description\nS1,one\nS2,two\n' >standards.csv
	run -0 --separate-stderr goalmap-check -s standards.csv goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: warning: standards: unknown standard 'S9' (not in standards.csv)
goalmap-check: standards.csv:3: warning: standards: no goal covers standard 'S2'"
}

@test "goalmap-check -s: the sample's uncovered standards" {
	# samples/standards.csv lists 5-ESS1-2 and 6.RP.A.3c on purpose: no
	# sample goal covers them.
	run -0 --separate-stderr goalmap-check -s "$SAMPLES/standards.csv" "$SAMPLES/goals.csv"
	assert_equal "$(printf '%s\n' "$stderr" | sed 's|.*standards.csv:[0-9]*: ||')" "warning: standards: no goal covers standard '5-ESS1-2'
warning: standards: no goal covers standard '6.RP.A.3c'"
}

@test "goalmap-check -s: missing standard_id column" {
	printf 'goal_id,statement,standards\nA,a,S1\n' | map
	printf 'code,description\nS1,one\n' >standards.csv
	run -1 --separate-stderr goalmap-check -s standards.csv goals.csv
	assert_equal "$stderr" "goalmap-check: standards.csv:1: missing column 'standard_id'"
}

@test "goalmap-check: requiring a goal of a later grade is a warning" {
	printf 'goal_id,statement,requires,grade,standards\nA,a,,6,S\nB,b,A,5,S\nC,c,,K,S\nD,d,C,1,S\nE,e,,6-8,S\nF,f,E,6,S\n' | map
	run -0 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: warning: requires: goal 'B' (grade 5) requires goal 'A' of a later grade (6)"
}

@test "goalmap-check: name repeated in one list is a warning" {
	printf 'goal_id,statement,requires,standards\nA,a,,S\nB,b,A;A,S\n' | map
	run -0 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: warning: requires: 'A' appears twice in the list"
}

@test "goalmap-check --list-sep: lists separated by another character" {
	printf 'goal_id,statement,requires,standards\nA,a,,S\nB,b,,S\nC,c,"A|B",S\n' | map
	run -0 --separate-stderr goalmap-check --list-sep '|' --order goals.csv
	assert_line --index 3 'C,c,A|B,S,1'
}

@test "goalmap-check --format csv: findings as a table" {
	printf 'goal_id,statement,requires,standards\nA,a,C,S\nB,b,A,S\nC,c,B,S\nD,d,X,\n' | map
	run -1 --separate-stderr goalmap-check --format csv goals.csv
	assert_equal "$stderr" ""
	assert_output "severity,code,goal_id,file,line,message
error,requires-cycle,A,goals.csv,2,requires: cycle A -> C -> B -> A
error,unknown-requires,D,goals.csv,5,requires: unknown goal 'X'
warning,no-standard,D,goals.csv,5,standards: core goal 'D' is aligned with no standard"
}

@test "goalmap-check --format: unknown format is a usage error" {
	run -2 --separate-stderr goalmap-check --format json "$SAMPLES/goals.csv"
	assert_equal "$stderr" "goalmap-check: --format: invalid format 'json' (expected text or csv)"
}

@test "goalmap-check --order: prerequisites first, ties by id, with depth" {
	# Worked by hand: A and C need nothing (depth 0); B needs A (1);
	# D needs B and C (2).  Ready at the start: A, C; A first by id.
	printf 'goal_id,statement,requires,standards\nD,d,B;C,S\nC,c,,S\nB,b,A,S\nA,a,,S\n' | map
	run -0 --separate-stderr goalmap-check --order goals.csv
	assert_output "goal_id,statement,requires,standards,depth
A,a,,S,0
B,b,A,S,1
C,c,,S,0
D,d,B;C,S,2"
}

@test "goalmap-check --order: map with a cycle writes nothing" {
	printf 'goal_id,statement,requires\nA,a,B\nB,b,A\n' | map
	run -1 --separate-stderr goalmap-check --order goals.csv
	assert_output ""
	assert_equal "$stderr" "goalmap-check: goals.csv:2: requires: cycle A -> B -> A"
}

@test "goalmap-check --order: 200,000-goal chain does not overflow the stack" {
	awk 'BEGIN { print "goal_id,statement,requires,standards";
		print "G1,s,,S";
		for (i = 2; i <= 200000; i++) printf "G%d,s,G%d,S\n", i, i - 1 }' >chain.csv
	run -0 --separate-stderr goalmap-check --order chain.csv
	assert_equal "${#lines[@]}" 200001
	assert_equal "${lines[200000]}" "G200000,s,G199999,S,199999"
}

@test "goalmap-check: 200,000-goal cycle is found without recursion" {
	awk 'BEGIN { print "goal_id,statement,requires,standards";
		print "G1,s,G200000,S";
		for (i = 2; i <= 200000; i++) printf "G%d,s,G%d,S\n", i, i - 1 }' >ring.csv
	run -1 --separate-stderr goalmap-check ring.csv
	[[ "$stderr" == "goalmap-check: ring.csv:2: requires: cycle G1 -> G200000 -> G199999 -> "* ]]
	[[ "$stderr" == *" -> G2 -> G1" ]]
}

@test "goalmap-check --dot: Graphviz renders well-formed SVG" {
	run -0 --separate-stderr goalmap-check --dot "$SAMPLES/goals.csv"
	printf '%s\n' "$output" >map.dot
	dot -Tsvg map.dot -o map.svg
	xmllint --noout map.svg
	grep -q '<title>RATE.5&#45;&gt;RATE.7</title>' map.svg
	run grep -c '<g id="node' map.svg
	assert_output "$(($(wc -l <"$SAMPLES/goals.csv") - 1))"
}

@test "goalmap-check --dot: edges and styles by kind" {
	printf 'goal_id,statement,requires,part_of,scope,standards\nA,"Say ""hi""",,C,core,S\nB,b,A,,extended,\nC,c,,,core,S\n' | map
	run -0 --separate-stderr goalmap-check --dot goals.csv
	assert_line --partial '"A" [label="A\nSay \"hi\""];'
	assert_line --partial '"B" [label="B\nb", style="rounded,dashed", fillcolor="#ffffff"];'
	assert_line --partial '"A" -> "B";'
	assert_line --partial '"A" -> "C" [style=dashed, arrowhead=empty, color="#0072b2"];'
}

@test "goalmap-check --dot --cluster: one cluster per grade" {
	run -0 --separate-stderr goalmap-check --dot --cluster "$SAMPLES/goals.csv"
	# The sample has goals of grades 4, 5, 6 and 7.
	run -0 bash -c "goalmap-check --dot --cluster '$SAMPLES/goals.csv' | grep -c 'subgraph'"
	assert_output 4
	goalmap-check --dot --cluster "$SAMPLES/goals.csv" | dot -Tsvg | xmllint --noout -
}

@test "goalmap-check --cluster: needs --dot" {
	run -2 --separate-stderr goalmap-check --cluster "$SAMPLES/goals.csv"
	assert_equal "$stderr" "goalmap-check: --cluster needs --dot"
}

@test "goalmap-check: output modes cannot be combined" {
	run -2 --separate-stderr goalmap-check --order --dot "$SAMPLES/goals.csv"
	assert_equal "$stderr" "goalmap-check: --order, --dot and --stats cannot be combined"
}

@test "goalmap-check: one goal map at a time" {
	run -2 --separate-stderr goalmap-check "$SAMPLES/goals.csv" "$SAMPLES/goals.csv"
	assert_equal "$stderr" "goalmap-check: too many operands: one goal map at a time"
}

@test "goalmap-check --stats: counts of the sample map" {
	# Independent counts with awk over the sample (lists split on ';').
	local counts
	counts=$(awk -F, 'NR > 1 { n++ } END { print n }' "$SAMPLES/goals.csv")
	run -0 --separate-stderr goalmap-check --stats -s "$SAMPLES/standards.csv" "$SAMPLES/goals.csv"
	assert_line --index 0 "measure,value"
	assert_line --index 1 "goals,$counts"
	assert_output --partial "standards_listed,$(($(wc -l <"$SAMPLES/standards.csv") - 1))"
}

@test "goalmap-check --stats: hand-counted small map" {
	# 4 goals, 1 extended; requires A<-B, A<-C, B<-D, C<-D (4 edges);
	# part_of B->A (1); depth of D is 2; standards S1, S2 cited.
	printf 'goal_id,statement,requires,part_of,scope,standards\nA,a,,,core,S1\nB,b,A,A,core,S2\nC,c,A,,core,S1;S2\nD,d,B;C,,extended,\n' | map
	run -0 --separate-stderr goalmap-check --stats goals.csv
	assert_output "measure,value
goals,4
core,3
extended,1
requires_edges,4
part_of_edges,1
max_depth,2
standards_cited,2"
}

@test "goalmap-check: excerpt of the real Coherence Map checks clean" {
	# tests/fixtures/real/README.md: 86 goals, every reference resolves;
	# an independent Python check found 36 implied (redundant) links.
	run -0 --separate-stderr goalmap-check "$FIXTURES/real/atc-grade6-rp.csv"
	assert_output ""
	run -0 bash -c "goalmap-check --format csv '$FIXTURES/real/atc-grade6-rp.csv' | grep -c '^warning,redundant-requires,'"
	assert_output 36
	run -0 bash -c "goalmap-check --format csv '$FIXTURES/real/atc-grade6-rp.csv' | grep -c '^error' || true"
	assert_output 0
}

@test "goalmap-check: full real Coherence Map converted by the sample script" {
	require_real atc-coherence-map
	"$REPO/samples/atc-goalmap.sh" "$REAL/atc-coherence-map" >atc.csv
	# 480 standards, 757 links, acyclic; an independent Python check found
	# 154 implied links and no later-grade prerequisite.
	run -0 bash -c "goalmap-check --format csv atc.csv | tail -n +2 | cut -d, -f1,2 | sort | uniq -c | sed 's/^ *//'"
	assert_output "154 warning,redundant-requires"
	run -0 --separate-stderr goalmap-check --stats atc.csv
	assert_line "goals,480"
	assert_line "requires_edges,757"
}

@test "goalmap-check --help, --version: write error exits 2" {
	# A full disk must not pass for success, as GNU programs report it.
	[ -w /dev/full ] || skip "/dev/full is not writable here"
	run -2 --separate-stderr bash -c 'goalmap-check --help >/dev/full'
	assert_equal "$stderr" "goalmap-check: <stdout>: No space left on device"
	run -2 --separate-stderr bash -c 'goalmap-check --version >/dev/full'
	assert_equal "$stderr" "goalmap-check: <stdout>: No space left on device"
}

@test "goalmap-check --dot: odd ids stay distinct, SVG stays valid" {
	# Five goals whose ids hold a line feed, a space in its place, a
	# control character, the same written as text, and invalid UTF-8.
	# Expected by hand: five nodes, four edges and no self-loop; the SVG
	# must parse as XML, which control characters would break.
	printf 'goal_id,statement,requires\n"e\nf",newline,\n"e f",space,"e\nf"\n"a\001",control,e f\n"a\\x01",text,"a\001"\nbad\377,"bad \001 byte",a\\x01\n' | map
	run -0 --separate-stderr goalmap-check --dot goals.csv
	printf '%s\n' "$output" >map.dot
	assert_line --partial '"e\nf" -> "e f";'
	assert_line --partial '"a\x01" -> "a\\x01";'
	assert_line --partial '"bad\xff" [label="bad\\xff\nbad \\x01 byte"];'
	dot -Tsvg map.dot -o map.svg
	xmllint --noout map.svg
	run grep -c '<g id="node' map.svg
	assert_output 5
	run grep -c '<g id="edge' map.svg
	assert_output 4
}

@test "goalmap-check -s: unreadable standards list is not a missing column" {
	# A folder cannot be read: the system's message and status 2.  A
	# header with a stray quote: the CSV error, with line and byte.
	printf 'goal_id,statement,standards\nA,Add,S1\n' | map
	mkdir folder
	run -2 --separate-stderr goalmap-check -s folder goals.csv
	assert_equal "$stderr" "goalmap-check: folder: Is a directory"
	printf '"standard_id"x\nS1\n' >standards.csv
	run -1 --separate-stderr goalmap-check -s standards.csv goals.csv
	assert_equal "$stderr" "goalmap-check: standards.csv:1: malformed CSV at byte 14: unexpected character after a closing quote"
}

@test "goalmap-check -s -: goal map on standard input too is a usage error" {
	# Both lists cannot come from one standard input: the second would
	# read nothing and report missing columns.
	run -2 --separate-stderr goalmap-check -s - <"$SAMPLES/standards.csv"
	assert_equal "$stderr" "goalmap-check: -s -: the standards list and the goal map cannot both be read from standard input"
	run -2 --separate-stderr goalmap-check -s - - <"$SAMPLES/standards.csv"
	assert_equal "$stderr" "goalmap-check: -s -: the standards list and the goal map cannot both be read from standard input"
	run -0 --separate-stderr goalmap-check -s - "$SAMPLES/goals.csv" <"$SAMPLES/standards.csv"
	assert_output ""
}

@test "goalmap-check: real Junyi map shows its self-loops and cycle" {
	require_real junyi-exercise-map
	# SOURCE.md of the data set counts 2 self-loops and one 3-node cycle
	# among its prerequisite links; the lists are comma-separated.
	run -1 --separate-stderr goalmap-check -c goal_id=name \
	    -c statement=pretty_display_name -c requires=prerequisites \
	    --list-sep , --format csv "$REAL/junyi-exercise-map/junyi_Exercise_table.csv"
	run -0 bash -c "printf '%s\n' \"\$1\" | grep -c '^error,self-requires,'" _ "$output"
	assert_output 2
	run -1 --separate-stderr goalmap-check -c goal_id=name \
	    -c statement=pretty_display_name -c requires=prerequisites \
	    --list-sep , "$REAL/junyi-exercise-map/junyi_Exercise_table.csv"
	assert_equal "$(printf '%s\n' "$stderr" | grep -c 'requires: cycle ')" 1
	[[ "$stderr" == *"requires: cycle simplifying_radicals -> radical_multiplication_and_division -> adding_and_subtracting_radicals -> simplifying_radicals"* ]]
}

@test "goalmap-check --null: real Eedi subject tree with NULL roots" {
	require_real eedi-subject-hierarchy
	local tree=$REAL/eedi-subject-hierarchy/subject_metadata.csv
	# The export writes NULL as the ParentId of its 2 roots (SOURCE.md),
	# which reads as an unknown goal until --null NULL makes it empty.
	run -1 --separate-stderr goalmap-check -c goal_id=SubjectId \
	    -c statement=Name -c part_of=ParentId "$tree"
	assert_equal "$stderr" "goalmap-check: $tree:2: part_of: unknown goal 'NULL'
goalmap-check: $tree:372: part_of: unknown goal 'NULL'"
	# Goals and part_of links counted by awk: every row, and every row
	# whose ParentId is not NULL.
	run -0 awk -F, 'NR > 1 { n++; if ($3 != "NULL") e++ }
	    END { print "goals," n; print "part_of_edges," e }' "$tree"
	local expected=$output
	run -0 --separate-stderr goalmap-check --null NULL --stats \
	    -c goal_id=SubjectId -c statement=Name -c part_of=ParentId "$tree"
	assert_equal "$stderr" ""
	assert_equal "$(printf '%s\n' "$output" | grep -E '^(goals|part_of_edges),')" "$expected"
}

@test "goalmap-check -s: standard listed twice is an error" {
	# S9 on lines 3 and 4 would be counted twice by --stats and warned
	# about twice as uncovered.
	printf 'goal_id,statement,standards\nA,Add,S1\n' | map
	printf 'standard_id\nS1\nS9\nS9\n' >standards.csv
	run -1 --separate-stderr goalmap-check -s standards.csv goals.csv
	assert_equal "$stderr" "goalmap-check: standards.csv:4: standard_id: duplicate standard 'S9' (first on line 3)"
	run -1 --separate-stderr goalmap-check --stats -s standards.csv goals.csv
	assert_output ""
}

@test "goalmap-check: findings come in line order" {
	# The duplicate id on line 4 is found before the cycle on line 2.
	printf 'goal_id,statement,requires,standards\nA,a,B,S\nB,b,A,S\nA,again,,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: requires: cycle A -> B -> A
goalmap-check: goals.csv:4: goal_id: duplicate goal 'A' (first on line 2)"
}

@test "goalmap-check: empty statement" {
	printf 'goal_id,statement,standards\nA,a,S\nB,  ,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: statement: goal 'B' has an empty statement"
}

@test "goalmap-check: empty input names what is expected" {
	: >goals.csv
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv: empty input: expected a header line with goal_id and statement"
}

@test "goalmap-check: id differing only in case is suggested" {
	printf 'goal_id,statement,requires,standards\nRATE.1,a,,S\nRATE.2,b,rate.1,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:3: requires: unknown goal 'rate.1' (did you mean 'RATE.1'?)"
}

@test "goalmap-check: goal part of itself" {
	printf 'goal_id,statement,part_of,standards\nA,a,A,S\n' | map
	run -1 --separate-stderr goalmap-check goals.csv
	assert_equal "$stderr" "goalmap-check: goals.csv:2: part_of: goal 'A' is part of itself"
}

@test "goalmap-check --format csv: codes of the other findings" {
	# One map that triggers each remaining code once, read back by code.
	printf 'goal_id,statement,requires,part_of,scope,threshold,aim,grade,standards\nA,a,,A,core,,,5,S1\nB,,A;A,,core,,,5,S1\nC,c,,,core,,,,\nD,d,B;A,,core,,,5,S9\n' | map
	printf 'standard_id\nS1\nS2\n' >standards.csv
	run -1 --separate-stderr goalmap-check --format csv -s standards.csv goals.csv
	run -0 bash -c "printf '%s\n' \"\$1\" | tail -n +2 | cut -d, -f2 | sort | tr '\n' ' '" _ "$output"
	assert_output "duplicate-list-item empty-statement no-standard redundant-requires self-part-of uncovered-standard unknown-standard "
}
