#!/bin/sh
# nightly.sh INPUT_DIR OUTPUT_DIR: the job a school runs from cron.
#
# INPUT_DIR holds goals.csv, evidence.csv and activities.csv, and
# optionally students.csv and preferences.csv.  The job writes, for
# today's date D, OUTPUT_DIR/mastery-D.csv, suggestions-D.csv,
# summary-D.csv and report-D.html.  Each output replaces the old one
# atomically: it is written beside it, then renamed.  A failed step does
# not stop the other steps.  Every step logs one line to standard error.
# The exit status is 1 when any step failed and 2 on a usage error.
# A lock in OUTPUT_DIR keeps two overlapping runs apart: the second says
# so and waits up to NIGHTLY_LOCK_WAIT seconds (default 600).
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

log() {
	echo "$prog: $(date +%Y-%m-%dT%H:%M:%S) $*" >&2
}

for f in goals.csv evidence.csv activities.csv; do
	if [ ! -r "$in/$f" ]; then
		log "missing input $in/$f"
		exit 2
	fi
done
mkdir -p "$out" || exit 2

# Optional inputs become options only when present.
roster=
prefs=
[ -r "$in/students.csv" ] && roster="-R $in/students.csv"
[ -r "$in/preferences.csv" ] && prefs="-P $in/preferences.csv"

exec 9>"$out/.nightly.lock"
if ! flock -n 9; then
	log "another run holds $out/.nightly.lock; waiting up to ${NIGHTLY_LOCK_WAIT:-600}s"
	if ! flock -w "${NIGHTLY_LOCK_WAIT:-600}" 9; then
		log "gave up waiting for $out/.nightly.lock"
		exit 1
	fi
fi

# step NAME OUTPUT COMMAND...: run COMMAND with standard output to a
# temporary file beside OUTPUT and rename it into place on success.
step() {
	name=$1
	target=$2
	shift 2
	tmp="$out/.$name.$$.tmp"
	if "$@" >"$tmp" 2>"$tmp.err"; then
		mv -f "$tmp" "$target"
		log "$name: ok, wrote $target ($(wc -l <"$target") lines)"
		[ -s "$tmp.err" ] && log "$name: $(wc -l <"$tmp.err") warnings, first: $(head -n 1 "$tmp.err")"
		rm -f "$tmp.err"
		return 0
	else
		status=$?
	fi
	log "$name: failed with status $status: $(head -n 1 "$tmp.err")"
	rm -f "$tmp" "$tmp.err"
	failed=1
	return 1
}

# File outputs (-o) are already atomic in progress-chart; log them alike.
step_file() {
	name=$1
	target=$2
	shift 2
	if "$@" 2>"$out/.$name.$$.err"; then
		log "$name: ok, wrote $target"
	else
		status=$?
		log "$name: failed with status $status: $(head -n 1 "$out/.$name.$$.err")"
		failed=1
	fi
	rm -f "$out/.$name.$$.err"
}

mastery=$out/mastery-$day.csv
suggestions=$out/suggestions-$day.csv

if goalmap-check "$in/goals.csv" 2>"$out/.check.$$.err"; then
	log "goal map: ok"
else
	log "goal map: invalid: $(head -n 1 "$out/.check.$$.err")"
	failed=1
fi
rm -f "$out/.check.$$.err"

# shellcheck disable=SC2086
step mastery "$mastery" mastery-calc -G "$in/goals.csv" $roster "$in/evidence.csv"
have_mastery=$?

if [ "$have_mastery" -eq 0 ]; then
	# shellcheck disable=SC2086
	step suggestions "$suggestions" suggest-activity -G "$in/goals.csv" \
	    -A "$in/activities.csv" -E "$in/evidence.csv" $roster $prefs "$mastery"
else
	log "suggestions: skipped, no mastery table"
	failed=1
fi

# shellcheck disable=SC2086
step summary "$out/summary-$day.csv" progress-chart --summary -G "$in/goals.csv" \
    $roster "$in/evidence.csv"

sugg_opt=
[ -r "$suggestions" ] && sugg_opt="-S $suggestions"
# shellcheck disable=SC2086
step_file report "$out/report-$day.html" progress-chart -f html \
    -o "$out/report-$day.html" -G "$in/goals.csv" $roster $sugg_opt \
    "$in/evidence.csv"

if [ "$failed" -ne 0 ]; then
	log "finished with failures"
	exit 1
fi
log "finished"
exit 0
