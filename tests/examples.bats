#!/usr/bin/env bats
# Runs the commands shown in the EXAMPLES section of each man page, from
# the repository root, and compares their standard output with the lines
# the page shows under them.  In a page, an example is a literal display
# whose command lines start with "$ "; the lines up to the next command or
# the end of the display are the exact output.

bats_require_minimum_version 1.5.0
load test_helper

# Print the examples of page $1 with mdoc escapes undone, one block after
# another, each block ending with a line "%%".
extract_examples() {
	awk '
	/^\.Sh / { inex = ($2 == "EXAMPLES"); next }
	!inex { next }
	/^\.Bd -literal/ { inblock = 1; next }
	/^\.Ed/ { if (inblock) print "%%"; inblock = 0; next }
	inblock {
		gsub(/\\&/, ""); gsub(/\\e/, "\\"); gsub(/\\\(aq/, "'\''");
		gsub(/\\-/, "-"); gsub(/\\\(dq/, "\""); gsub(/\\\(ga/, "`");
		gsub(/\\\(ti/, "~"); gsub(/\\\(ha/, "^");
		print
	}' "$1"
}

# Run every example of man page $1 and fail on the first output that
# differs from the page.
check_examples() {
	local page=$REPO/man/$1 cmd= actual line n=0
	local -a expected=()

	[ -f "$page" ] || fail "man page $1 is missing"
	while IFS= read -r line; do
		if [ "$line" = "%%" ] || [ "${line#\$ }" != "$line" ]; then
			if [ -n "$cmd" ]; then
				n=$((n + 1))
				compare_example "$1" "$n" "$cmd" "${expected[@]}" || return 1
			fi
			cmd=
			expected=()
			[ "$line" = "%%" ] && continue
			cmd=${line#\$ }
			while [ "${cmd%\\}" != "$cmd" ] && IFS= read -r line; do
				cmd="$cmd"$'\n'"$line"
			done
		elif [ -n "$cmd" ]; then
			expected+=("$line")
		fi
	done < <(extract_examples "$page")
	[ "$n" -gt 0 ] || fail "man page $1 has no example to run"
}

# Run command $3 (example $2 of page $1) and compare its output with the
# remaining arguments, one line each.
compare_example() {
	local page=$1 n=$2 cmd=$3 want got
	shift 3

	want=$(printf '%s\n' "$@")
	got=$(cd "$REPO" && bash -c "$cmd" 2>"$BATS_TEST_TMPDIR/stderr") || true
	if [ "$got" != "$want" ]; then
		printf 'example %d of %s differs:\n$ %s\n' "$n" "$page" "$cmd"
		diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") || true
		cat "$BATS_TEST_TMPDIR/stderr"
		return 1
	fi
}

@test "examples: assess-record(1)" {
	check_examples assess-record.1
}

@test "examples: goalkit(7)" {
	check_examples goalkit.7
}

@test "examples: goalmap-check(1)" {
	check_examples goalmap-check.1
}

@test "examples: goal-analyze(1)" {
	check_examples goal-analyze.1
}

@test "examples: mastery-calc(1)" {
	check_examples mastery-calc.1
}

@test "examples: progress-chart(1)" {
	check_examples progress-chart.1
}

@test "examples: suggest-activity(1)" {
	check_examples suggest-activity.1
}
