/* goalkit: see LICENSE. The width of UTF-8 ids in characters and columns. */

#include <string.h>

#include "chart.h"

/*
 * Decode the UTF-8 character at s, which is not the terminating NUL, into
 * *cp and return its length in bytes.  A byte that starts no valid
 * sequence is a character of its own, so text in another encoding still
 * gets a width.
 */
size_t
utf8_decode(const char *s, unsigned long *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2;
		*cp = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3;
		*cp = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4;
		*cp = u[0] & 0x07;
	} else {
		*cp = u[0];
		return 1;
	}
	/* The NUL at the end of s is no continuation byte, so this stops. */
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = u[0];
			return 1;
		}
		*cp = *cp << 6 | (u[i] & 0x3f);
	}
	return n;
}

/*
 * Terminal columns of a character: 0 for combining marks and zero-width
 * spaces, 2 for the CJK, Hangul, fullwidth and emoji blocks that
 * terminals draw two columns wide, 1 for the rest.
 */
int
char_width(unsigned long cp)
{
	static const unsigned long wide[][2] = {
		{ 0x1100, 0x115f },	/* Hangul Jamo initials */
		{ 0x2e80, 0x303e },	/* CJK radicals, symbols, punctuation */
		{ 0x3041, 0x33ff },	/* kana, bopomofo, CJK compatibility */
		{ 0x3400, 0x4dbf },	/* CJK extension A */
		{ 0x4e00, 0x9fff },	/* CJK unified ideographs */
		{ 0xa000, 0xa4cf },	/* Yi */
		{ 0xac00, 0xd7a3 },	/* Hangul syllables */
		{ 0xf900, 0xfaff },	/* CJK compatibility ideographs */
		{ 0xfe30, 0xfe4f },	/* CJK compatibility forms */
		{ 0xff00, 0xff60 },	/* fullwidth forms */
		{ 0xffe0, 0xffe6 },
		{ 0x1f300, 0x1f64f },	/* pictographs and emoticons */
		{ 0x1f900, 0x1f9ff },
		{ 0x20000, 0x3fffd }	/* CJK extensions B and later */
	};
	size_t i;

	if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f))
		return 0;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

/* Terminal columns of the first len bytes of s. */
int
text_width_n(const char *s, size_t len)
{
	const char *end = s + len;
	unsigned long cp;
	int w = 0;

	while (s < end && *s != '\0') {
		s += utf8_decode(s, &cp);
		w += char_width(cp);
	}
	return w;
}

int
text_width(const char *s)
{
	return text_width_n(s, strlen(s));
}

/* Characters in s, each multibyte sequence counted once. */
size_t
utf8_length(const char *s)
{
	unsigned long cp;
	size_t n = 0;

	while (*s != '\0') {
		s += utf8_decode(s, &cp);
		n++;
	}
	return n;
}

/* Bytes of the first max characters of s, or all of s when shorter. */
size_t
utf8_prefix(const char *s, size_t max)
{
	unsigned long cp;
	const char *p = s;

	while (*p != '\0' && max-- > 0)
		p += utf8_decode(p, &cp);
	return (size_t)(p - s);
}
