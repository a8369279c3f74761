#!/bin/sh
# demo.sh [OUT_DIR]: the main job on the sample class, run by `make demo`.
#
# Every program takes part, in the order a teacher would use them.
# goalmap-check checks the goal map and goal-analyze reviews its
# statements.  assess-record appends one self-assessment to a copy of the
# evidence log, and mastery-calc computes mastery from that copy.
# suggest-activity suggests next activities, and progress-chart writes
# the summary table and the class report.  The files go into OUT_DIR (default demo-output in the
# repository); a short summary and the paths written go to standard
# output.  The samples themselves are never changed.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
: "${GOALKIT_BIN:=$root/build/release/bin}"
PATH=$GOALKIT_BIN:$PATH
out=${1:-$root/demo-output}
shown=${1:-demo-output}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
s=samples

# Print the number of data rows of CSV file $1 whose field $2 equals $3,
# or of all its data rows when only $1 is given.  None of the fields
# counted here contains a quoted comma.
count() {
	awk -F, -v col="${2:-0}" -v want="${3:-}" \
	    'NR > 1 && (col == 0 || $col == want) { n++ } END { print n + 0 }' "$1"
}

# 1. The goal map.  An error stops the demo, and findings go to a table.
goalmap-check --format csv -s "$s/standards.csv" "$s/goals.csv" \
    >"$out/goalmap-findings.csv"
goalmap-check --stats "$s/goals.csv" >"$out/goalmap-stats.csv"
goalmap-check --order "$s/goals.csv" >"$out/goals-in-order.csv"
if command -v dot >/dev/null; then
	goalmap-check --dot --cluster "$s/goals.csv" |
	    dot -Tsvg -o "$out/goal-map.svg"
fi

# 2. The goal statements: verbs, cognitive levels and findings.
goal-analyze "$s/goals.csv" >"$out/goal-analysis.csv"

# 3. A student's exit ticket, appended to a copy of the class log.
# Self-assessments do not count toward mastery by default, but
# mastery-calc --calibration compares them with the teacher's scores.
cp "$s/evidence.csv" "$out/evidence.csv"
assess-record -l "$out/evidence.csv" -G "$s/goals.csv" -R "$s/students.csv" \
    -s S009 -g RATE.8 --score 3/4 --by self --activity A32 \
    --time 2026-10-30T10:40 --note "I compared the price per ounce" \
    >"$out/recorded.csv"

# 4. Mastery of every student on every goal, and self-assessment
# calibration.
mastery-calc -G "$s/goals.csv" -R "$s/students.csv" "$out/evidence.csv" \
    >"$out/mastery.csv"
mastery-calc --calibration "$out/evidence.csv" >"$out/calibration.csv"

# 5. Next activities for each student.
suggest-activity -G "$s/goals.csv" -A "$s/activities.csv" \
    -R "$s/students.csv" -P "$s/preferences.csv" -E "$out/evidence.csv" \
    "$out/mastery.csv" >"$out/suggestions.csv"

# 6. The summary table and the class report.
progress-chart --summary -G "$s/goals.csv" -R "$s/students.csv" \
    "$out/mastery.csv" >"$out/summary.csv"
progress-chart -f html -o "$out/report.html" -G "$s/goals.csv" \
    -R "$s/students.csv" -S "$out/suggestions.csv" "$out/mastery.csv" \
    "$out/evidence.csv"

map_stat() {
	awk -F, -v m="$1" '$1 == m { print $2 }' "$out/goalmap-stats.csv"
}
students=$(count "$s/students.csv")
echo "goalkit demo on the sample class in $s/"
echo
printf 'goal map      %s goals, %s prerequisite links, %s errors, %s warnings\n' \
    "$(map_stat goals)" "$(map_stat requires_edges)" \
    "$(count "$out/goalmap-findings.csv" 1 error)" \
    "$(count "$out/goalmap-findings.csv" 1 warning)"
printf 'statements    %s goals measurable, %s with findings\n' \
    "$(count "$out/goal-analysis.csv" 4 yes)" \
    "$(awk -F, 'NR > 1 && $5 != "" { n++ } END { print n + 0 }' \
    "$out/goal-analysis.csv")"
printf 'evidence      %s self-assessment appended to a copy of the log\n' \
    "$(count "$out/recorded.csv" 7 self)"
printf 'mastery       %s students: %s mastered, %s progressing, %s stalled, %s not started\n' \
    "$students" "$(count "$out/mastery.csv" 3 mastered)" \
    "$(count "$out/mastery.csv" 3 progressing)" \
    "$(count "$out/mastery.csv" 3 stalled)" \
    "$(count "$out/mastery.csv" 3 not-started)"
printf 'suggestions   %s activities offered, %s of them for stalled goals\n' \
    "$(count "$out/suggestions.csv")" \
    "$(awk -F, 'NR > 1 && $8 ~ /^"?Stalled/ { n++ } END { print n + 0 }' \
    "$out/suggestions.csv")"
awk -F, 'NR > 1 && ($6 < 0 ? -$6 : $6) > max + 0 {
	max = $6 < 0 ? -$6 : $6; who = $1; bias = $6
} END {
	printf "calibration   largest self-assessment bias: %s, %+.2f\n", who, bias
}' "$out/calibration.csv"
echo
echo "wrote:"
for f in "$out"/*; do
	echo "  $shown/${f##*/}"
done
