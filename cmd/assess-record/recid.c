/* goalkit: see LICENSE. Record ids that are unique across processes and hosts and sort by time. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "value.h"
#include "assess-record.h"

/*
 * The environment variable that fixes the clock of record ids, so a
 * script can make the same log twice.  Its value is an ISO 8601 time.
 */
#define CLOCK_VARIABLE	"GOALKIT_RECORD_CLOCK"

/* FNV-1a, 32 bits: a short, stable hash of the host name. */
static uint32_t
hash_name(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

void
recid_init(struct recid *id)
{
	char host[256];
	const char *clock;
	struct gktime t;
	struct field f;

	memset(id, 0, sizeof(*id));
	clock = getenv(CLOCK_VARIABLE);
	if (clock != NULL && *clock != '\0') {
		f.p = clock;
		f.len = strlen(clock);
		if (value_time(f, NULL, &t) != 0)
			die(EXIT_TROUBLE, "%s: invalid time '%s' (expected "
			    "%s)", CLOCK_VARIABLE, clock, value_time_forms);
		id->fixed = 1;
		id->usecs = t.secs * 1000000;
		return;
	}
	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	id->host = hash_name(host);
	/*
	 * Linux process ids stay below 2^22 (PID_MAX_LIMIT), so they fit in
	 * 6 hex digits.  Larger ids elsewhere keep their low 24 bits.
	 */
	id->pid = (uint32_t)getpid() & 0xffffff;
}

void
recid_stamp(struct recid *id)
{
	struct timespec ts;

	if (id->fixed)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	id->usecs = (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Format the part of the ids that is the same for a whole batch. */
static void
format_prefix(struct recid *id)
{
	struct gktime t;
	char day[48];

	t.secs = id->usecs / 1000000;
	t.has_clock = 1;
	t.has_offset = 1;
	t.offset_min = 0;
	gktime_format(&t, day, sizeof(day));
	/* "2026-09-08T15:30:00Z" becomes "20260908T153000". */
	snprintf(id->prefix, sizeof(id->prefix), "%.4s%.2s%.2sT%.2s%.2s%.2s."
	    "%06uZ-%08x-%06x-", day, day + 5, day + 8, day + 11, day + 14,
	    day + 17, (unsigned)(id->usecs % 1000000), (unsigned)id->host,
	    (unsigned)id->pid);
	id->prefix_usecs = id->usecs;
	id->has_prefix = 1;
}

void
recid_next(struct recid *id, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t count = ++id->count;
	int i;

	if (!id->has_prefix || id->prefix_usecs != id->usecs)
		format_prefix(id);
	memcpy(buf, id->prefix, RECID_PREFIX_LEN);
	for (i = RECID_LEN - 1; i >= RECID_PREFIX_LEN; i--) {
		buf[i] = hex[count & 0xf];
		count >>= 4;
	}
	buf[RECID_LEN] = '\0';
}
