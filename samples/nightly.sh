#!/bin/sh
# nightly.sh INPUT_DIR OUTPUT_DIR: the job a school runs from cron.
#
# INPUT_DIR holds goals.csv, evidence.csv and activities.csv, and
# optionally students.csv and preferences.csv.  The job writes, for
# today's date D, OUTPUT_DIR/mastery-D.csv, suggestions-D.csv,
# summary-D.csv and report-D.html.  Each output is written to a temporary
# file beside it and renamed into place, so a reader sees the old file or
# the new one, never a partial one.  A bad row in an input is left out
# and logged, and the outputs are still written.  A failed step leaves
# the other outputs to be made: without a mastery table, the summary and report
# judge each goal from its latest score, and the report has no
# suggestions.  Every step logs one line to standard error.  The exit
# status is 0 when every step succeeded, 1 when any failed or the lock
# could not be taken, and 2 on a usage error, a missing input or an
# output folder it cannot write in.
#
# A lock on OUTPUT_DIR/.nightly.lock (flock(1)) keeps two overlapping runs
# apart: the second logs that another run holds it and waits up to
# NIGHTLY_LOCK_WAIT seconds (default 600) before giving up.
#
# The programs are taken from GOALKIT_BIN when it is set, else from the
# build folder of the clone that holds this script, else from PATH and
# /usr/local/bin, because cron runs jobs with PATH=/usr/bin:/bin.
#
# Crontab line for 02:15 every school night:
#   15 2 * * 1-5  /opt/goalkit/samples/nightly.sh /srv/class/in /srv/class/out 2>>/srv/class/nightly.log

set -u
prog=nightly

if [ $# -ne 2 ]; then
	echo "usage: $prog INPUT_DIR OUTPUT_DIR" >&2
	exit 2
fi
in=$1
out=$2
day=$(date +%Y-%m-%d)
failed=0

root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${GOALKIT_BIN:-}" ]; then
	PATH=$GOALKIT_BIN:$PATH
elif [ -x "$root/build/release/bin/mastery-calc" ]; then
	PATH=$root/build/release/bin:$PATH
fi
PATH=$PATH:/usr/local/bin

log() {
	echo "$prog: $(date +%Y-%m-%dT%H:%M:%S) $*" >&2
}

for f in goals.csv evidence.csv activities.csv; do
	if [ ! -r "$in/$f" ]; then
		log "missing input $in/$f"
		exit 2
	fi
done
if ! mkdir -p "$out"; then
	log "cannot create the output folder $out"
	exit 2
fi
# Each step writes a temporary file in OUTPUT_DIR, so check that it can.
probe=$out/.probe.$$.tmp
if ! err=$( (: >"$probe") 2>&1 ); then
	log "cannot write in the output folder $out: ${err##*: }"
	exit 2
fi
rm -f "$probe"

# Optional inputs become options only when present.
roster=
prefs=
[ -r "$in/students.csv" ] && roster=$in/students.csv
[ -r "$in/preferences.csv" ] && prefs=$in/preferences.csv

lock=$out/.nightly.lock
# A redirection that fails on exec ends the shell before any test of its
# status, so open the lock in a subshell first to log why it fails.
if ! err=$( (exec 9>>"$lock") 2>&1 ); then
	log "cannot open the lock file $lock: ${err##*: }"
	exit 2
fi
exec 9>>"$lock"
if ! flock -n 9; then
	wait_s=${NIGHTLY_LOCK_WAIT:-600}
	log "another run holds $lock; waiting up to ${wait_s}s"
	if ! flock -w "$wait_s" 9; then
		log "gave up waiting for $lock after ${wait_s}s"
		exit 1
	fi
	log "took $lock"
fi

# Temporary files of this run are removed when it exits or is stopped
# by a signal it can catch.
trap 'rm -f "$out"/.*."$$".tmp "$out"/.*."$$".err' EXIT
trap 'exit 1' HUP INT TERM

# step NAME OUTPUT COMMAND...: run COMMAND with standard output to a
# temporary file beside OUTPUT, and rename it over OUTPUT on success.
# Status 1 means bad data: the programs leave out the rows in error and
# still write the whole table, so a table with rows is kept then too,
# and the run is marked failed.  Log one line: what was written and the
# first warning, or the first error.  Return the status of COMMAND, or 0
# when its table was kept.
step() {
	name=$1
	target=$2
	shift 2
	tmp=$out/.$name.$$.tmp
	if "$@" >"$tmp" 2>"$tmp.err"; then
		status=0
	else
		status=$?
	fi

	if [ "$status" -eq 1 ] && [ "$(wc -l <"$tmp")" -gt 1 ] &&
	    mv -f "$tmp" "$target"; then
		log "$name: wrote $target ($(wc -l <"$target") lines)" \
		    "without the rows in error, first:" \
		    "$(grep -v -m 1 ': warning: ' "$tmp.err")"
		rm -f "$tmp.err"
		failed=1
		return 0
	fi

	if [ "$status" -eq 0 ] && mv -f "$tmp" "$target"; then
		warnings=$(wc -l <"$tmp.err")
		if [ "$warnings" -eq 1 ]; then
			log "$name: ok, wrote $target ($(wc -l <"$target") lines," \
			    "1 warning: $(cat "$tmp.err"))"
		elif [ "$warnings" -gt 1 ]; then
			log "$name: ok, wrote $target ($(wc -l <"$target") lines," \
			    "$warnings warnings, first: $(head -n 1 "$tmp.err"))"
		else
			log "$name: ok, wrote $target ($(wc -l <"$target") lines)"
		fi
		rm -f "$tmp.err"
		return 0
	fi

	[ "$status" -ne 0 ] || status=2	# the rename failed
	log "$name: failed with status $status: $(head -n 1 "$tmp.err")"
	rm -f "$tmp" "$tmp.err"
	failed=1
	return "$status"
}

goals=$in/goals.csv
evidence=$in/evidence.csv
mastery=$out/mastery-$day.csv
suggestions=$out/suggestions-$day.csv

if goalmap-check "$goals" 2>"$out/.check.$$.err"; then
	log "goal map: ok"
else
	log "goal map: invalid: $(head -n 1 "$out/.check.$$.err")"
	failed=1
fi
rm -f "$out/.check.$$.err"

have_mastery=0
step mastery "$mastery" mastery-calc -G "$goals" ${roster:+-R "$roster"} \
    "$evidence" && have_mastery=1

have_suggestions=0
if [ "$have_mastery" -eq 1 ]; then
	step suggestions "$suggestions" suggest-activity -G "$goals" \
	    -A "$in/activities.csv" -E "$evidence" ${roster:+-R "$roster"} \
	    ${prefs:+-P "$prefs"} "$mastery" && have_suggestions=1
else
	log "suggestions: skipped, no mastery table"
	failed=1
fi

# Without today's mastery table, progress-chart judges each goal from
# its latest teacher or system score.
if [ "$have_mastery" -eq 0 ]; then
	mastery=
fi
if [ "$have_suggestions" -eq 0 ]; then
	suggestions=
fi
step summary "$out/summary-$day.csv" progress-chart --summary -G "$goals" \
    ${roster:+-R "$roster"} "${mastery:-$evidence}"
step report "$out/report-$day.html" progress-chart -f html -G "$goals" \
    ${roster:+-R "$roster"} ${suggestions:+-S "$suggestions"} \
    ${mastery:+"$mastery"} "$evidence"

if [ "$failed" -ne 0 ]; then
	log "finished with failures"
	exit 1
fi
log "finished"
exit 0
