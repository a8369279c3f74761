/* goalkit: see LICENSE. Write a deterministic evidence log for benchmarks. */

/*
 * Usage: gen-evidence [rows [students [goals [activities [days]]]]]
 * Defaults: 10000000 rows, 30000 students, 60 goals, 300 activities and
 * 180 school days from 2026-01-05.  Rows are appended in time order except
 * about one in a thousand, which is late make-up work dated a few days
 * earlier.  The same arguments always give the same bytes.
 */

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Days from 1970-01-01 to 2026-01-05, the first day of the log. */
#define FIRST_DAY	20458

static uint64_t state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: small, fast and the same on every platform. */
static uint64_t
next_random(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

static long
uniform(long n)
{
	return (long)(next_random() % (uint64_t)n);
}

static void
civil_from_days(long days, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	days += 719468;
	era = days / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static long
arg(int argc, char **argv, int i, long def)
{
	return argc > i ? strtol(argv[i], NULL, 10) : def;
}

int
main(int argc, char **argv)
{
	long rows, students, goals, activities, days, i, day, minute;
	long student, goal, activity, per_goal;
	int y, m, d, score;
	const char *assessor;

	rows = arg(argc, argv, 1, 10000000);
	students = arg(argc, argv, 2, 30000);
	goals = arg(argc, argv, 3, 60);
	activities = arg(argc, argv, 4, 300);
	days = arg(argc, argv, 5, 180);
	if (rows < 1 || students < 1 || goals < 1 || activities < goals ||
	    days < 1) {
		fprintf(stderr, "gen-evidence: invalid arguments\n");
		return 2;
	}
	per_goal = activities / goals;

	puts("record_id,time,student_id,goal_id,score,max_score,assessor,"
	    "activity_id");
	for (i = 0; i < rows; i++) {
		day = i * days / rows;
		if (uniform(1000) == 0 && day >= 7)
			day -= 1 + uniform(6);
		civil_from_days(FIRST_DAY + day, &y, &m, &d);
		minute = 8 * 60 + uniform(7 * 60);
		student = uniform(students);
		goal = uniform(goals);
		activity = goal * per_goal + uniform(per_goal);
		score = (int)uniform(5);
		switch (uniform(20)) {
		case 0:
			assessor = "self";
			break;
		case 1: case 2: case 3:
			assessor = "system";
			break;
		default:
			assessor = "teacher";
			break;
		}
		printf("R%08ld,%04d-%02d-%02dT%02ld:%02ld,S%05ld,G%02ld,%d,4,"
		    "%s,A%03ld\n", i + 1, y, m, d, minute / 60, minute % 60,
		    student + 1, goal + 1, score, assessor, activity + 1);
	}
	return ferror(stdout) || fflush(stdout) != 0 ? 2 : 0;
}
