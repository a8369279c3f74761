#!/bin/sh
# Time assess-record importing 1,000,000 evidence rows into a new log,
# with and without fsync, against copying the same bytes in the same
# run: cat(1) for the copy, dd(1) with conv=fsync for the synced copy.
# Then time 1,000 single-record appends, one process each, against
# 1,000 runs of dd appending a line.  Figures are wall-clock seconds,
# because fsync is time spent waiting for the disk, with the CPU seconds
# (user and system) of the imports beside them, which other load on the
# machine changes less.
#
# The figures of measure() are split into $1 $2 $3 on purpose, and the
# sh -c scripts take their arguments as $1 $2 $3.
# shellcheck disable=SC2046,SC2016
set -eu
: "${GOALKIT_BIN:=build/release/bin}"
rows=${ROWS:-1000000}
singles=${SINGLES:-1000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/assess-record-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# A gradebook export: 1,000 students, 60 goals, a rubric score out of 4,
# a date in the 2026 school year, and a short note on every tenth row.
awk -v n="$rows" 'BEGIN {
	srand(7)
	print "student_id,goal_id,score,max_score,time,assessor,activity_id,note"
	for (i = 1; i <= n; i++) {
		day = 1 + int(i * 60 / n)
		printf "S%04d,G%02d,%d,4,2026-%02d-%02d,%s,A%03d,%s\n",
		    int(rand() * 1000), int(rand() * 60), int(rand() * 5),
		    9 + int((day - 1) / 30), 1 + (day - 1) % 30,
		    (i % 5 == 0 ? "self" : "teacher"), int(rand() * 300),
		    (i % 10 == 0 ? "\"checked, then corrected\"" : "")
	}
}' > "$dir/rows.csv"

# Print the wall-clock seconds, peak KiB and CPU seconds of a command.
measure() {
	/usr/bin/time -f '%e %M %U %S' -o "$dir/time" "$@" >/dev/null
	awk '{ print $1, $2, $3 + $4 }' "$dir/time"
}

set -- $(measure sh -c 'cat "$1" > "$2"' sh "$dir/rows.csv" "$dir/copy.csv")
cat_secs=$1
set -- $(measure dd if="$dir/rows.csv" of="$dir/synced.csv" bs=1M \
    conv=fsync status=none)
dd_secs=$1
set -- $(measure "$GOALKIT_BIN/assess-record" -l "$dir/nosync.csv" \
    --no-sync "$dir/rows.csv")
ns_secs=$1 ns_kb=$2 ns_cpu=$3
set -- $(measure "$GOALKIT_BIN/assess-record" -l "$dir/sync.csv" \
    "$dir/rows.csv")
s_secs=$1 s_kb=$2 s_cpu=$3

# The logs are checked, so the figures are for a whole, valid import.
[ "$(wc -l < "$dir/sync.csv")" -eq $((rows + 1)) ]
"$GOALKIT_BIN/assess-record" --check "$dir/sync.csv"

set -- $(measure sh -c 'i=0; while [ $i -lt "$1" ]; do
	"$2" -l "$3" -s S1 -g G1 --score 1 --time 2026-09-08 || exit 1
	i=$((i + 1)); done' sh "$singles" "$GOALKIT_BIN/assess-record" \
    "$dir/one-sync.csv")
one_s=$1
set -- $(measure sh -c 'i=0; while [ $i -lt "$1" ]; do
	"$2" -l "$3" -s S1 -g G1 --score 1 --time 2026-09-08 --no-sync || exit 1
	i=$((i + 1)); done' sh "$singles" "$GOALKIT_BIN/assess-record" \
    "$dir/one-nosync.csv")
one_ns=$1
set -- $(measure sh -c 'i=0; while [ $i -lt "$1" ]; do
	echo S1,G1,1,2026-09-08 | dd of="$2" oflag=append conv=notrunc,fsync \
	    status=none || exit 1
	i=$((i + 1)); done' sh "$singles" "$dir/dd-sync.csv")
dd_one_s=$1
set -- $(measure sh -c 'i=0; while [ $i -lt "$1" ]; do
	echo S1,G1,1,2026-09-08 | dd of="$2" oflag=append conv=notrunc \
	    status=none || exit 1
	i=$((i + 1)); done' sh "$singles" "$dir/dd-nosync.csv")
dd_one_ns=$1

awk -v rows="$rows" -v in_bytes="$(wc -c < "$dir/rows.csv")" \
    -v log_bytes="$(wc -c < "$dir/sync.csv")" -v cat_s="$cat_secs" \
    -v dd_s="$dd_secs" -v ns="$ns_secs" -v s="$s_secs" -v ns_kb="$ns_kb" \
    -v s_kb="$s_kb" -v ns_cpu="$ns_cpu" -v s_cpu="$s_cpu" -v singles="$singles" -v one_s="$one_s" \
    -v one_ns="$one_ns" -v dd_one_s="$dd_one_s" -v dd_one_ns="$dd_one_ns" '
function rate(n, t) { return t > 0 ? sprintf("%.0f", n / t) : "inf" }
function ratio(a, b) { return b > 0 ? sprintf("%.1f", a / b) : "inf" }
BEGIN {
	printf "assess-record bench: import of %d rows (%d bytes in, %d bytes of log)\n",
	    rows, in_bytes, log_bytes
	printf "  --no-sync: %.2fs (%.2fs CPU), %s records/s, %d KiB peak; cat copy %.2fs, ratio %s\n",
	    ns, ns_cpu, rate(rows, ns), ns_kb, cat_s, ratio(ns, cat_s)
	printf "  with fsync: %.2fs (%.2fs CPU), %s records/s, %d KiB peak; dd conv=fsync copy %.2fs, ratio %s\n",
	    s, s_cpu, rate(rows, s), s_kb, dd_s, ratio(s, dd_s)
	printf "assess-record bench: %d single-record appends, one process each\n",
	    singles
	printf "  --no-sync: %.2fs, %s appends/s; dd append %.2fs, ratio %s\n",
	    one_ns, rate(singles, one_ns), dd_one_ns, ratio(one_ns, dd_one_ns)
	printf "  with fsync: %.2fs, %s appends/s; dd append with fsync %.2fs, ratio %s\n",
	    one_s, rate(singles, one_s), dd_one_s, ratio(one_s, dd_one_s)
}'
