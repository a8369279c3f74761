#!/usr/bin/env bats
# README.md cannot go stale: every command in a ```console block runs, in
# order, and must print the output shown under it; every ```sh block must
# parse, and every make target it names must exist; the ```crontab line
# must name a script of the repository.

bats_require_minimum_version 1.5.0
load test_helper

README=$REPO/README.md

# Write the fenced blocks of README.md whose info string is $1 into
# block-N.txt, N from 1, and print how many there are.
extract_blocks() {
	awk -v kind="$1" '
	/^```/ && !inside {
		inside = 1
		wanted = substr($0, 4) == kind
		if (wanted)
			file = sprintf("block-%d.txt", ++n)
		next
	}
	/^```/ && inside {
		inside = 0
		if (wanted)
			close(file)
		next
	}
	inside && wanted { print > file }
	END { print n + 0 }' "$README"
}

# Split console block $1 into cmd-N.sh and out-N.txt for each "$ " line
# and the output lines under it, continuing a command after a trailing
# backslash.  Print how many commands there are.
split_console() {
	awk '
	continued { print > cmd; continued = /\\$/; next }
	/^\$ / {
		n++
		cmd = sprintf("cmd-%d.sh", n)
		out = sprintf("out-%d.txt", n)
		printf "" > out
		print substr($0, 3) > cmd
		continued = /\\$/
		next
	}
	n { print > out }
	END { print n + 0 }' "$1"
}

@test "readme: console commands print the output shown" {
	# The commands run from a folder that looks like the repository root,
	# so that samples/ paths work and what they write stays here.
	mkdir work
	ln -s "$SAMPLES" work/samples
	run -0 extract_blocks console
	nblocks=$output
	[ "$nblocks" -ge 7 ] || fail "only $nblocks console blocks found"
	for b in $(seq "$nblocks"); do
		mkdir "split-$b"
		ncmd=$(cd "split-$b" && split_console "../block-$b.txt")
		for c in $(seq "$ncmd"); do
			cmd=$(cat "split-$b/cmd-$c.sh")
			actual=$(cd work && bash -c "$cmd" 2>&1) ||
			    fail "command failed with status $?: $cmd"
			expected=$(cat "split-$b/out-$c.txt")
			[ "$actual" = "$expected" ] ||
			    fail "$(printf 'output differs for: %s\n' "$cmd"; diff <(echo "$expected") <(echo "$actual"))"
		done
	done
}

@test "readme: sh blocks parse and name real make targets" {
	run -0 extract_blocks sh
	nblocks=$output
	[ "$nblocks" -ge 3 ] || fail "only $nblocks sh blocks found"
	for b in $(seq "$nblocks"); do
		run -0 bash -n "block-$b.txt"
		while read -r line; do
			# Each make line without its comment, as words.
			set -- ${line%%#*}
			[ "${1:-}" = make ] || continue
			shift
			# make -n prints the commands of a target without running them.
			run -0 make -n -C "$REPO" "$@"
		done <"block-$b.txt"
	done
}

@test "readme: crontab line runs the nightly script" {
	run -0 extract_blocks crontab
	assert_output 1
	read -r minute hour day month weekday script in out rest <block-1.txt
	# Five schedule fields, as crontab(5) wants: 02:15, Monday to Friday.
	assert_equal "$minute $hour $day $month $weekday" "15 2 * * 1-5"
	assert_equal "${script#/opt/goalkit/}" samples/nightly.sh
	# cron runs the script itself, so it must be executable.
	[ -x "$REPO/samples/nightly.sh" ] || fail "samples/nightly.sh is not executable"
	assert_equal "$rest" "2>>/srv/class/nightly.log"
}

@test "readme: program table lists every program" {
	for p in goalmap-check goal-analyze assess-record mastery-calc \
	    suggest-activity progress-chart; do
		[ -x "$GOALKIT_BIN/$p" ] || fail "$p is not built"
		run -0 grep -c "^| \[*$p[]|( ]" "$README"
		assert_output 1
	done
}
