#!/bin/sh
# Time suggest-activity on a generated school: 30,000 students, 60 goals,
# 300 activities, a 1,800,000-row mastery table and a 10,000,000-row
# evidence log, against two baselines reading the same evidence log in
# the same run: wc -l (the cost of reading the bytes) and
# datamash -s -g student_id,goal_id count (a sort and group by pair).
set -eu
: "${GOALKIT_BIN:=build/release/bin}"
export LC_ALL=C
students=${STUDENTS:-30000}
rows=${ROWS:-10000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# BENCH_DATA=folder keeps the generated files there and reuses them.
data=${BENCH_DATA:-$dir}

# Park-Miller generator: exact in awk's doubles, so every awk prints the
# same files for the same sizes.
gen() {
	awk -v students="$students" -v rows="$rows" -v dir="$data" '
	function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
	BEGIN {
		seed = 20260105
		ngoals = 60; nacts = 300
		split("explanation video reading worked-example practice game classification simulation project discussion tutoring other", types, " ")
		split("space-theme sports characters cooking music", feats, " ")
		split("online offline none", access, " ")

		# Six chains of ten goals; each goal also requires one goal of
		# the chain before, so the map is acyclic.  Every tenth goal is
		# extended.
		f = dir "/goals.csv"
		print "goal_id,statement,requires,scope,grade,subject,threshold" > f
		for (g = 1; g <= ngoals; g++) {
			req = ""
			if ((g - 1) % 10 != 0)
				req = "G" (g - 1)
			if (g > 10)
				req = req (req == "" ? "" : ";") "G" (g - 10)
			printf "G%d,Solve problem type %d,%s,%s,5,Subject %d,%s\n", g, g,
			    req, (g % 10 == 0 ? "extended" : "core"),
			    int((g - 1) / 10), (g % 3 == 0 ? "0.9" : "") > f
		}

		# Five activities per goal; one in seven is an online home activity.
		f = dir "/activities.csv"
		print "activity_id,goals,type,features,place,needs" > f
		for (a = 1; a <= nacts; a++) {
			g = (a - 1) % ngoals + 1
			home = (a % 7 == 0)
			printf "A%d,G%d,%s,%s,%s,%s\n", a, g, types[rnd(12) + 1],
			    feats[rnd(5) + 1], (home ? "home" : "any"),
			    (home ? "online" : "") > f
		}

		f = dir "/students.csv"
		p = dir "/preferences.csv"
		m = dir "/mastery.csv"
		print "student_id,grade,home_access" > f
		print "student_id,likes,dislikes,interests" > p
		print "student_id,goal_id,status,estimate,threshold,last_time,mastered_time,last_activity,stalled_activity" > m
		for (s = 1; s <= students; s++) {
			printf "S%d,5,%s\n", s, access[rnd(3) + 1] > f
			printf "S%d,%s,%s,Subject %d\n", s, types[rnd(12) + 1],
			    feats[rnd(5) + 1], rnd(6) > p
			# A student has mastered the first L goals of each chain.
			level = rnd(10)
			for (g = 1; g <= ngoals; g++) {
				k = (g - 1) % 10
				a = "A" (g + ngoals * rnd(5))
				if (k < level)
					printf "S%d,G%d,mastered,0.%d,0.8,2026-03-%02d,2026-02-%02d,%s,\n",
					    s, g, 80 + rnd(20), 1 + rnd(28), 1 + rnd(28), a > m
				else if (k == level && rnd(5) == 0)
					printf "S%d,G%d,stalled,0.%d,0.8,2026-04-%02d,,%s,%s\n",
					    s, g, 20 + rnd(40), 1 + rnd(28), a, a > m
				else if (k == level)
					printf "S%d,G%d,progressing,0.%d,0.8,2026-04-%02d,,%s,\n",
					    s, g, 20 + rnd(50), 1 + rnd(28), a > m
				else
					printf "S%d,G%d,not-started,,0.8,,,,\n", s, g > m
			}
		}

		f = dir "/evidence.csv"
		print "record_id,time,student_id,goal_id,score,max_score,assessor,activity_id,voids" > f
		for (r = 1; r <= rows; r++) {
			g = rnd(ngoals) + 1
			printf "R%d,2026-%02d-%02dT%02d:%02d,S%d,G%d,%d,4,teacher,A%d,\n",
			    r, 1 + rnd(6), 1 + rnd(28), 8 + rnd(8), rnd(60),
			    rnd(students) + 1, g, rnd(5), g + ngoals * rnd(5) > f
		}
	}'
}

measure() {
	/usr/bin/time -f '%e %U %M' -o "$dir/time" "$@" >"$dir/out" 2>"$dir/stderr" || {
		cat "$dir/stderr" >&2
		exit 1
	}
	cat "$dir/time"
}

[ -f "$data/evidence.csv" ] || gen
d=$data
set -- $(measure "$GOALKIT_BIN/suggest-activity" -G "$d/goals.csv" \
    -A "$d/activities.csv" -R "$d/students.csv" -P "$d/preferences.csv" \
    -E "$d/evidence.csv" "$d/mastery.csv")
sa_secs=$1 sa_user=$2 sa_kb=$3
sa_rows=$(($(wc -l <"$dir/out") - 1))
set -- $(measure "$GOALKIT_BIN/suggest-activity" -G "$d/goals.csv" \
    -A "$d/activities.csv" -R "$d/students.csv" -P "$d/preferences.csv" \
    "$d/mastery.csv")
nx_secs=$1 nx_user=$2 nx_kb=$3
set -- $(measure wc -l "$d/evidence.csv")
wc_secs=$1 wc_user=$2
set -- $(measure sh -c 'datamash -t, -s --header-in -g 3,4 count 3 <"$1"' \
    sh "$d/evidence.csv")
dm_secs=$1 dm_user=$2 dm_kb=$3

# User CPU time is given beside elapsed time because the elapsed time
# grows with whatever else the machine runs.
echo "suggest-activity bench: $students students, 60 goals, 300 activities," \
    "$rows evidence rows ($(wc -c <"$d/evidence.csv") bytes)"
echo "  suggest-activity -E: ${sa_secs}s elapsed, ${sa_user}s user," \
    "${sa_kb} KiB peak, $sa_rows suggestions"
echo "  suggest-activity without -E: ${nx_secs}s elapsed, ${nx_user}s user," \
    "${nx_kb} KiB peak"
echo "  wc -l evidence (baseline): ${wc_secs}s elapsed, ${wc_user}s user"
echo "  datamash -s -g student_id,goal_id count (baseline): ${dm_secs}s" \
    "elapsed, ${dm_user}s user, ${dm_kb} KiB peak"
awk -v a="$sa_user" -v d="$dm_user" 'BEGIN {
	printf "  ratio of user time, suggest-activity -E / datamash: %.2f\n",
	    (d > 0 ? a / d : 0)
}'
