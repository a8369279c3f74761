/* goalkit: see LICENSE. Finding the performance verb of a goal statement and what is wrong with it. */

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#include "analyze.h"

/* Forms of the first word to try: as written, or also inflected. */
enum inflect {
	AS_WRITTEN,
	THIRD_PERSON,		/* calculates, identifies */
	GERUND,			/* also calculating */
	ANY_FORM		/* also calculated */
};

static const char *const learner_subjects[] = {
	"all students", "each student", "every student", "the students",
	"the student", "students", "student", "all learners", "each learner",
	"the learners", "the learner", "learners", "learner", "the pupils",
	"the pupil", "pupils", "pupil", "the children", "children",
	"the child", "participants", "i", "we", "you", NULL
};

static const char *const teacher_subjects[] = {
	"the teachers", "the teacher", "teachers", "teacher",
	"the instructors", "the instructor", "instructors", "instructor",
	NULL
};

/*
 * Abbreviations that stand for a whole lead-in: "students will be able to",
 * "the learner will", "we are learning to".
 */
static const char *const lead_abbreviations[] = {
	"swbat", "tswbat", "tlw", "tsw", "walt", NULL
};

/* What may follow a subject before the verb. */
static const char *const modals[] = {
	"will be able to", "should be able to", "shall be able to",
	"must be able to", "will be expected to", "are expected to",
	"is expected to", "will learn how to", "will learn to",
	"will know how to", "are able to", "is able to", "am able to",
	"are learning to", "am learning to", "are learning how to",
	"am learning how to",
	"be able to", "able to", "learn how to", "learn to", "know how to",
	"will", "can", "should", "shall", "must", "may", NULL
};

/* Modals that may start a statement without a subject. */
static const char *const bare_modals[] = {
	"is able to", "are able to", "be able to", "able to", "learn how to",
	"learn to", "know how to", NULL
};

/* After "students will be", these make the learner the one taught. */
static const char *const taught[] = {
	"taught", "shown", "given", "introduced", "exposed", "provided",
	"presented", "told", "lectured", "instructed", "guided", NULL
};

static const char *const passive_aux[] = {
	"will be", "are being", "will get", "are", "is", "get", "be", NULL
};

/* Openings of a clause set off by a comma before the verb ("Given a table, ..."). */
static const char *const clause_openers[] = {
	"given", "using", "with", "without", "when", "after", "in", "for",
	"from", "by", "through", "upon", "based", "following", "during",
	"before", "while", "within", "at", "as", "if", NULL
};

/* Openings that end at the first comma ("By the end of the unit, ..."). */
static const char *const time_openers[] = {
	"by the end of", "at the end of", "upon completion of",
	"on completion of", "after completing", NULL
};

/* Learner nouns: "help students ..." is about the teacher. */
static const char *const learner_objects[] = {
	"the students", "all students", "our students", "students",
	"the learners", "learners", "the pupils", "pupils", "the children",
	"children", "the class", "kids", NULL
};

/*
 * A verb followed by one of these is taken for a noun: "the use of", "a
 * table, graph or text".
 */
static const char *const noun_followers[] = {
	"of", "is", "are", "was", "were", "has", "have", "and", "or",
	"and/or", "nor", "but", NULL
};

/* Where the statement turns to examples, which add no performance. */
static const char *const example_markers[] = {
	"for example", "for instance", "e.g", "i.e", "such as", NULL
};

static const char *const coordinators[] = {
	",", "and", "or", "and/or", ";", "then", NULL
};

/*
 * Nonzero when the character at s[i] belongs in a word: letters and digits
 * of any script, and the apostrophe U+2019.  Other general punctuation
 * (dashes, quotes, bullets, the ellipsis), U+00B7, guillemets and the
 * bullets of the geometric shapes block are not.
 */
static int
is_word_byte(const char *s, size_t i)
{
	unsigned char c = s[i], c1 = s[i + 1];

	if (c == 0xe2 && c1 == 0x80)
		return (unsigned char)s[i + 2] == 0x99;	/* U+2019 ’ */
	if (c == 0xe2 && (c1 == 0x96 || c1 == 0x97))
		return 0;
	if (c == 0xc2 && (c1 == 0xb7 || c1 == 0xab || c1 == 0xbb))
		return 0;
	return isalnum(c) || c >= 0x80;
}

/*
 * Return the bytes of the UTF-8 character at s[i], at least 1.  A
 * character cut short by the end of the string ends there: its bytes are
 * read in order, so none after the terminating NUL is read.
 */
static size_t
char_len(const char *s, size_t i)
{
	unsigned char c = s[i];
	size_t n = 1, k;

	if (c >= 0xf0)
		n = 4;
	else if (c >= 0xe0)
		n = 3;
	else if (c >= 0xc0)
		n = 2;
	for (k = 1; k < n; k++)
		if (s[i + k] == '\0')
			return k;
	return n;
}

/*
 * Length of an HTML tag ("<p>", "</p>", "<br/>") or of the entity "&nbsp;"
 * at s[i], as Moodle and other exports write them, or 0.
 */
static size_t
markup_len(const char *s, size_t i)
{
	size_t k;

	if (strncmp(s + i, "&nbsp;", 6) == 0)
		return 6;
	if (s[i] != '<' || !(isalpha((unsigned char)s[i + 1]) ||
	    (s[i + 1] == '/' && isalpha((unsigned char)s[i + 2]))))
		return 0;
	for (k = i + 1; s[k] != '\0' && s[k] != '<'; k++)
		if (s[k] == '>')
			return k + 1 - i;
	return 0;
}

static void
push_token(struct tokens *tk, const char *s, size_t off, size_t len, int word)
{
	struct token *t;
	size_t i;

	tk->t = xreallocarray(tk->t, tk->n + 1, sizeof(*tk->t));
	t = &tk->t[tk->n++];
	t->off = off;
	t->len = len;
	t->word = word;
	t->low = xstrndup(s + off, len);
	for (i = 0; i < len; i++)
		t->low[i] = tolower((unsigned char)t->low[i]);
}

void
tokenize(const char *s, struct tokens *tk)
{
	size_t i = 0, start, n;

	tk->t = NULL;
	tk->n = 0;
	while (s[i] != '\0') {
		if (isspace((unsigned char)s[i]) ||
		    ((unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0xa0)) {
			i += isspace((unsigned char)s[i]) ? 1 : 2;
			continue;
		}
		if ((n = markup_len(s, i)) > 0) {
			i += n;	/* a tag of HTML exports reads as a space */
			continue;
		}
		start = i;
		if (!is_word_byte(s, i)) {
			i += char_len(s, i);
			push_token(tk, s, start, i - start, 0);
			continue;
		}
		while (s[i] != '\0') {
			if (is_word_byte(s, i))
				i += char_len(s, i);
			else if (strchr("'-/.", s[i]) != NULL && s[i + 1] != '\0' &&
			    is_word_byte(s, i + 1))
				i++;
			else
				break;
		}
		push_token(tk, s, start, i - start, 1);
	}
}

void
tokens_free(struct tokens *tk)
{
	size_t i;

	for (i = 0; i < tk->n; i++)
		free(tk->t[i].low);
	free(tk->t);
	tk->t = NULL;
	tk->n = 0;
}

/*
 * Number of tokens from i that spell phrase (words separated by one
 * space), or 0.
 */
static size_t
match_phrase(const struct tokens *tk, size_t i, const char *phrase)
{
	size_t n = 0, len;
	const char *p = phrase, *sp;

	while (*p != '\0') {
		sp = strchr(p, ' ');
		len = sp != NULL ? (size_t)(sp - p) : strlen(p);
		if (i + n >= tk->n || strlen(tk->t[i + n].low) != len ||
		    memcmp(tk->t[i + n].low, p, len) != 0)
			return 0;
		n++;
		p += len;
		if (*p == ' ')
			p++;
	}
	return n;
}

/* The longest phrase of list matching at i: its token count, or 0. */
static size_t
match_list(const struct tokens *tk, size_t i, const char *const *list)
{
	size_t best = 0, n;

	for (; *list != NULL; list++)
		if ((n = match_phrase(tk, i, *list)) > best)
			best = n;
	return best;
}

static int
token_is(const struct tokens *tk, size_t i, const char *s)
{
	return i < tk->n && strcmp(tk->t[i].low, s) == 0;
}

/*
 * Write the base forms that word may be an inflection of into forms[],
 * each at most len + 1 bytes plus NUL; return how many.
 */
static size_t
base_forms(const char *w, enum inflect how, char forms[][64])
{
	size_t len = strlen(w), n = 0;

#define FORM(stem, stemlen, suffix) do {				\
	if ((stemlen) > 1 && (stemlen) + strlen(suffix) < 64) {		\
		memcpy(forms[n], (stem), (stemlen));			\
		strcpy(forms[n] + (stemlen), (suffix));			\
		n++;							\
	}								\
} while (0)

	if (len >= 60 || how == AS_WRITTEN)
		return 0;
	if (len > 3 && strcmp(w + len - 3, "ies") == 0)
		FORM(w, len - 3, "y");
	if (len > 2 && strcmp(w + len - 2, "es") == 0)
		FORM(w, len - 2, "");
	if (len > 1 && w[len - 1] == 's' && w[len - 2] != 's')
		FORM(w, len - 1, "");
	if (how == THIRD_PERSON)
		return n;
	if (len > 4 && strcmp(w + len - 3, "ing") == 0) {
		FORM(w, len - 3, "");
		FORM(w, len - 3, "e");
		if (w[len - 4] == w[len - 5])
			FORM(w, len - 4, "");
	}
	if (how != ANY_FORM)
		return n;
	if (len > 3 && strcmp(w + len - 3, "ied") == 0)
		FORM(w, len - 3, "y");
	if (len > 3 && strcmp(w + len - 2, "ed") == 0) {
		FORM(w, len - 2, "");
		FORM(w, len - 1, "");
		if (w[len - 3] == w[len - 4])
			FORM(w, len - 3, "");
	}
#undef FORM
	return n;
}

/* Look up the words i..i+nw-1 with the first word replaced by first. */
static const struct verb *
lookup_words(const struct verbs *vs, const struct tokens *tk, size_t i,
    size_t nw, const char *first)
{
	const struct verb *v;
	char *key;
	size_t k, len = strlen(first), pos;

	for (k = 1; k < nw; k++)
		len += 1 + strlen(tk->t[i + k].low);
	key = xmalloc(len + 1);
	pos = strlen(first);
	memcpy(key, first, pos);
	for (k = 1; k < nw; k++) {
		key[pos++] = ' ';
		memcpy(key + pos, tk->t[i + k].low, strlen(tk->t[i + k].low));
		pos += strlen(tk->t[i + k].low);
	}
	key[pos] = '\0';
	v = verbs_get(vs, key, pos);
	free(key);
	return v;
}

/*
 * The longest term of the list starting at token i, with the first word
 * in any form how allows; nouns only when nouns is set.  *ntok gets the
 * number of tokens it spans.
 */
static const struct verb *
match_term(const struct verbs *vs, const struct tokens *tk, size_t i,
    enum inflect how, int nouns, size_t *ntok)
{
	char forms[8][64];
	const struct verb *v;
	size_t nw, nforms, f, avail = 0;

	while (i + avail < tk->n && tk->t[i + avail].word &&
	    avail < vs->maxwords)
		avail++;
	if (avail == 0)
		return NULL;
	nforms = base_forms(tk->t[i].low, how, forms);
	for (nw = avail; nw >= 1; nw--) {
		v = lookup_words(vs, tk, i, nw, tk->t[i].low);
		for (f = 0; v == NULL && f < nforms; f++)
			v = lookup_words(vs, tk, i, nw, forms[f]);
		if (v != NULL && (nouns || !v->noun)) {
			*ntok = nw;
			return v;
		}
	}
	return NULL;
}

static int
is_adverb(const struct verbs *vs, const struct tokens *tk, size_t i)
{
	const char *w;
	size_t len, ntok;

	if (i >= tk->n || !tk->t[i].word)
		return 0;
	w = tk->t[i].low;
	len = strlen(w);
	if (strcmp(w, "also") == 0 || strcmp(w, "then") == 0 ||
	    strcmp(w, "first") == 0)
		return 1;
	return len > 4 && strcmp(w + len - 2, "ly") == 0 &&
	    match_term(vs, tk, i, AS_WRITTEN, 0, &ntok) == NULL;
}

/*
 * Skip the marks of a list item: bullets ("-", "*", "\u2022") and numbers or
 * letters followed by "." or ")" ("1.", "b)"); also opening quotes.
 */
static size_t
skip_bullets(const struct tokens *tk, size_t i)
{
	static const char *const bullets[] = {
		"-", "*", "+", ">", "\xe2\x80\xa2", "\xe2\x80\x93",
		"\xe2\x80\x94", "\xc2\xb7", "\xe2\x97\xa6", "\xe2\x96\xaa",
		"\"", "\xe2\x80\x9c", "\xe2\x80\x98", NULL
	};
	const char *w;
	size_t len;

	for (;;) {
		if (i < tk->n && match_list(tk, i, bullets) > 0) {
			i++;
			continue;
		}
		if (i + 1 >= tk->n || !tk->t[i].word ||
		    !(token_is(tk, i + 1, ".") || token_is(tk, i + 1, ")")))
			return i;
		w = tk->t[i].low;
		len = strspn(w, "0123456789");
		if (!((len > 0 && len <= 3 && w[len] == '\0') ||
		    (isalpha((unsigned char)w[0]) && w[1] == '\0' &&
		    strcmp(w, "i") != 0)))
			return i;
		i += 2;
	}
}

/*
 * Skip a label such as "Objective:" (up to three words before a colon, the
 * first not a verb).
 */
static size_t
skip_label(const struct verbs *vs, const struct tokens *tk, size_t i)
{
	size_t k, ntok;

	i = skip_bullets(tk, i);

	/* A mark in brackets, such as "(+)" for an optional standard. */
	if (token_is(tk, i, "(") || token_is(tk, i, "["))
		for (k = i + 1; k < tk->n && k < i + 5; k++)
			if (token_is(tk, k, ")") || token_is(tk, k, "]")) {
				i = k + 1;
				break;
			}

	if (match_term(vs, tk, i, AS_WRITTEN, 0, &ntok) != NULL)
		return i;
	for (k = i; k < tk->n && k < i + 4; k++) {
		if (strcmp(tk->t[k].low, ":") == 0)
			return k > i ? k + 1 : i;
		if (!tk->t[k].word)
			break;
	}
	return i;
}

/* Skip the colons, commas, dashes and dots that may end a lead-in ("SWBAT:"). */
static size_t
skip_lead_punct(const struct tokens *tk, size_t i)
{
	static const char *const marks[] = {
		":", ",", "-", ".", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xe2\x80\xa6", NULL
	};

	while (i < tk->n && !tk->t[i].word && match_list(tk, i, marks) > 0)
		i++;
	return i;
}

/*
 * Skip the lead-in of a statement: labels, time openings, the subject and
 * its modal ("Students will be able to", "SWBAT", "I can").  Set *teacher
 * when the subject is a teacher or the learner is the one being taught.
 * Return the index of the first token after it.
 */
static size_t
skip_lead_in(const struct verbs *vs, const struct tokens *tk, size_t i,
    int *teacher)
{
	size_t n, k;

	i = skip_label(vs, tk, i);
	if ((n = match_list(tk, i, time_openers)) > 0) {
		/* The subject may follow without a comma. */
		for (k = i + n; k < tk->n && !token_is(tk, k, ","); k++)
			if (match_list(tk, k, lead_abbreviations) > 0 ||
			    match_list(tk, k, teacher_subjects) > 0 ||
			    (match_list(tk, k, learner_subjects) > 0 &&
			    !token_is(tk, k, "i")))
				break;
		if (token_is(tk, k, ","))
			i = k + 1;
		else if (k < tk->n)
			i = k;
	}
	if ((n = match_list(tk, i, lead_abbreviations)) > 0)
		return skip_lead_punct(tk, i + n);
	if ((n = match_list(tk, i, teacher_subjects)) > 0) {
		*teacher = 1;
		i += n;
	} else if ((n = match_list(tk, i, learner_subjects)) > 0) {
		k = i + n;
		if ((n = match_list(tk, k, passive_aux)) > 0 &&
		    match_list(tk, k + n, taught) > 0)
			*teacher = 1;
		i = k;
	} else {
		/* "To be able to", "Be able to", "To calculate". */
		if (token_is(tk, i, "to") &&
		    match_list(tk, i + 1, bare_modals) > 0)
			i++;
		if ((n = match_list(tk, i, bare_modals)) > 0)
			i += n;
		if (token_is(tk, i, "to"))
			i++;
		return n > 0 ? skip_lead_punct(tk, i) : i;
	}
	i += match_list(tk, i, modals);
	return skip_lead_punct(tk, i);
}

/* Nonzero when the verb ending before token i has a learner as its object. */
static int
learner_object(const struct tokens *tk, size_t i)
{
	return match_list(tk, i, learner_objects) > 0;
}

/*
 * Nonzero when a verb spanning tokens m..m+ntok-1 is followed by an object
 * or complement (a word that does not make it a noun).
 */
static int
has_object(const struct tokens *tk, size_t m, size_t ntok)
{
	size_t k = m + ntok;

	return k < tk->n && tk->t[k].word &&
	    match_list(tk, k, noun_followers) == 0;
}

static void
add_part(struct analysis *a, const struct verb *v)
{
	if (a->nparts < MAX_PARTS)
		a->parts[a->nparts] = v;
	a->nparts++;
	if (v->level == LEVEL_VAGUE && a->vague == NULL)
		a->vague = v;
}

/* Index after a coordinator at i (", and" counts as one), or i when none. */
static size_t
skip_coordinator(const struct tokens *tk, size_t i)
{
	size_t n;

	if (i >= tk->n)
		return i;
	if (strcmp(tk->t[i].low, ".") == 0 || strcmp(tk->t[i].low, "?") == 0 ||
	    strcmp(tk->t[i].low, "!") == 0)
		return i + 1;
	if ((n = match_list(tk, i, coordinators)) == 0)
		return i;
	i += n;
	if (token_is(tk, i - 1, ",") && (n = match_list(tk, i, coordinators)) > 0 &&
	    !token_is(tk, i, ","))
		i += n;
	return i;
}

/*
 * A performance verb at m after a coordinator, adverbs and "to" skipped,
 * in the forms how allows.
 */
static const struct verb *
verb_after(const struct verbs *vs, const struct tokens *tk, size_t *m,
    enum inflect how, size_t *ntok)
{
	const struct verb *v;

	while (is_adverb(vs, tk, *m) || token_is(tk, *m, "to"))
		(*m)++;
	if (*m >= tk->n || !tk->t[*m].word)
		return NULL;
	v = match_term(vs, tk, *m, how, 0, ntok);
	if (v == NULL || v->level == LEVEL_TEACHER)
		return NULL;
	return v;
}

/*
 * Collect the performances joined to the main verb, which ends before
 * token i.  A series right after it ("add, subtract and divide") counts
 * whole.  Later, a verb after "and", "or", a comma, a semicolon or a
 * sentence end counts when an object follows it.  Verbs are taken as
 * written, or also inflected like "plans, coordinates and manages" when
 * how says the main verb was.
 */
static void
find_parts(const struct verbs *vs, const struct tokens *tk, size_t i,
    enum inflect how, struct analysis *a)
{
	const struct verb *v;
	size_t m, ntok;

	while ((m = skip_coordinator(tk, i)) != i) {
		if ((v = verb_after(vs, tk, &m, how, &ntok)) == NULL)
			break;
		add_part(a, v);
		i = m + ntok;
	}
	for (; i < tk->n; i++) {
		if (match_list(tk, i, example_markers) > 0)
			break;
		if ((m = skip_coordinator(tk, i)) == i)
			continue;
		if ((v = verb_after(vs, tk, &m, how, &ntok)) == NULL ||
		    !has_object(tk, m, ntok))
			continue;
		add_part(a, v);
		i = m + ntok - 1;
	}
}

static size_t
count_words(const char *s)
{
	size_t n = 0, i = 0, len = 0;
	int in = 0, counted = 0;

	while (s[i] != '\0') {
		if (isspace((unsigned char)s[i]) ||
		    (len = markup_len(s, i)) > 0) {
			in = 0;
			i += isspace((unsigned char)s[i]) ? 1 : len;
			continue;
		}
		if (!in) {
			in = 1;
			counted = 0;
		}
		/* A bullet or a dash standing alone is not a word. */
		if (!counted && is_word_byte(s, i)) {
			counted = 1;
			n++;
		}
		i += char_len(s, i);
	}
	return n;
}

char *
plain_text(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *q = out;
	size_t i = 0, len;
	int space = 0;

	while (s[i] != '\0') {
		if (isspace((unsigned char)s[i]))
			len = 1;
		else if ((len = markup_len(s, i)) == 0) {
			if (space && q > out)
				*q++ = ' ';
			space = 0;
			*q++ = s[i++];
			continue;
		}
		space = 1;
		i += len;
	}
	*q = '\0';
	return out;
}

char *
normalise(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *q = out;
	unsigned char c;

	for (; *s != '\0'; s++) {
		c = *s;
		if (isalnum(c) || c >= 0x80)
			*q++ = tolower(c);
		else if (q > out && q[-1] != ' ')
			*q++ = ' ';
	}
	if (q > out && q[-1] == ' ')
		q--;
	*q = '\0';
	return out;
}

/*
 * Nonzero when the verb at token at is written as the base form of v, as
 * "calculate" and not "calculates".
 */
static int
is_base_form(const struct tokens *tk, size_t at, const struct verb *v)
{
	size_t len = strlen(tk->t[at].low);

	return strncmp(tk->t[at].low, v->term, len) == 0 &&
	    (v->term[len] == '\0' || v->term[len] == ' ');
}

/*
 * Nonzero when an inflected verb at token at is used as a verb: followed
 * by its object, or by a comma, "and" or "or" and another inflected verb
 * ("Plans, coordinates and manages").  A plural noun heading a topic name, as in
 * "Graphs of functions" or "Sequences and series", is not.
 */
static int
inflected_is_verb(const struct verbs *vs, const struct tokens *tk,
    size_t at, size_t ntok)
{
	const struct verb *next;
	size_t k = at + ntok, n;

	if (has_object(tk, at, ntok))
		return 1;
	if (!(token_is(tk, k, ",") || token_is(tk, k, "and") ||
	    token_is(tk, k, "or")) || k + 1 >= tk->n || !tk->t[k + 1].word)
		return 0;
	next = match_term(vs, tk, k + 1, THIRD_PERSON, 0, &n);
	return next != NULL && !is_base_form(tk, k + 1, next);
}

/* The verb at token i after adverbs, in the forms how allows; *at gets its index. */
static const struct verb *
verb_at(const struct verbs *vs, const struct tokens *tk, size_t i,
    enum inflect how, size_t *at, size_t *ntok)
{
	const struct verb *v;

	/* Adverbs, also joined: "promptly and efficiently completes". */
	while (is_adverb(vs, tk, i) || ((token_is(tk, i, "and") ||
	    token_is(tk, i, ",")) && i > 0 && is_adverb(vs, tk, i - 1) &&
	    is_adverb(vs, tk, i + 1)))
		i++;
	*at = i;
	v = match_term(vs, tk, i, how, 0, ntok);
	if (v != NULL && !is_base_form(tk, i, v) &&
	    !inflected_is_verb(vs, tk, i, *ntok))
		return NULL;
	return v;
}

/*
 * Find the main verb from token *lead: at the start, else after the comma
 * that ends an opening clause ("Given a table, identify ..."), else a
 * gerund at the start ("Reporting the number of observations").  *lead is
 * moved past a skipped clause and *at gets the verb's index.
 */
static const struct verb *
find_main_verb(const struct verbs *vs, const struct tokens *tk, size_t *lead,
    size_t *at, size_t *ntok, int *teacher)
{
	const struct verb *v;
	size_t k, next;

	if ((v = verb_at(vs, tk, *lead, THIRD_PERSON, at, ntok)) != NULL)
		return v;
	if (match_list(tk, *lead, clause_openers) > 0)
		for (k = *lead; k < tk->n; k++) {
			if (!token_is(tk, k, ","))
				continue;
			next = skip_lead_in(vs, tk, k + 1, teacher);
			if ((v = verb_at(vs, tk, next, THIRD_PERSON, at,
			    ntok)) != NULL) {
				*lead = next;
				return v;
			}
		}
	return verb_at(vs, tk, *lead, GERUND, at, ntok);
}

void
analyse_statement(const struct verbs *vs, const char *s, size_t max_words,
    struct analysis *a)
{
	struct tokens tk;
	const struct verb *v;
	size_t lead, at = 0, ntok = 0;
	int teacher = 0;

	memset(a, 0, sizeof(*a));
	a->same_goal = a->same_std = NOGOAL;
	a->words = count_words(s);
	tokenize(s, &tk);
	lead = skip_lead_in(vs, &tk, 0, &teacher);
	a->norm = normalise(lead < tk.n ? s + tk.t[lead].off : "");
	v = find_main_verb(vs, &tk, &lead, &at, &ntok, &teacher);
	a->start = lead < tk.n ? tk.t[lead].off : strlen(s);
	if (v != NULL) {
		a->verb = v;
		if (!is_base_form(&tk, at, v)) {
			a->verb_off = tk.t[at].off;
			a->verb_len = tk.t[at].len;
		}
		add_part(a, v);
		if (v->level == LEVEL_TEACHER || learner_object(&tk, at + ntok))
			teacher = 1;
		else
			find_parts(vs, &tk, at + ntok, is_base_form(&tk, at, v) ?
			    AS_WRITTEN : THIRD_PERSON, a);
	} else if (!teacher)
		a->findings |= F_NO_VERB;
	if (teacher)
		a->findings |= F_TEACHER;
	else if (a->vague != NULL)
		a->findings |= F_VAGUE;
	if (a->nparts > 1)
		a->findings |= F_COMPOUND;
	if (a->words > max_words)
		a->findings |= F_TOO_LONG;
	if (v != NULL && LEVEL_IS_COGNITIVE(v->level) && !teacher)
		a->level = v->level;
	tokens_free(&tk);
}

void
analysis_free(struct analysis *a)
{
	free(a->norm);
	a->norm = NULL;
}

enum level
text_level(const struct verbs *vs, const char *text, const struct verb **term)
{
	struct tokens tk;
	const struct verb *v;
	enum level best = LEVEL_NONE;
	size_t i, ntok;

	*term = NULL;
	tokenize(text, &tk);
	for (i = 0; i < tk.n; i++) {
		if (!tk.t[i].word ||
		    (v = match_term(vs, &tk, i, ANY_FORM, 1, &ntok)) == NULL)
			continue;
		if (LEVEL_IS_COGNITIVE(v->level) && v->level > best) {
			best = v->level;
			*term = v;
		}
		i += ntok - 1;
	}
	tokens_free(&tk);
	return best;
}
