#!/bin/sh
# Convert the Achieve the Core Coherence Map (Common Core mathematics
# standards with prerequisite links, CC0) into a goalkit goal map, or with
# -s into a goalkit standards table, on standard output.
#
# Input: DIR/standards.csv (one record per standard, keyed by a numeric
# standard_id) and DIR/prerequisite_edges.csv.  The data set documents an
# edge row "from_standard_id,from_code,to_standard_id,to_code" as: "from"
# is the prerequisite and "to" builds on it.  So each goal's requires
# lists the codes of the edges whose "to" it is.
#
# Each standard becomes one core goal whose goal_id and standards are its
# code, statement is statement_text unchanged and subject is Mathematics.
# The grade HS (Common Core high school) is written 9-12, so every grade
# is a number, a band or K.  Goals and their requires lists follow the
# order of standards.csv.
#
# Only POSIX sh and awk are needed.  POSIX awk has no CSV parser, so
# read_record below joins the physical lines of a record until its double
# quotes balance (desc_html and some cluster names hold CR LF inside
# quotes) and then splits it by RFC 4180 rules.

prog=${0##*/}

usage()
{
	cat <<EOF
usage: $prog [-s] [-r ERE] [DIR]
Convert the Achieve the Core Coherence Map in DIR into a goalkit goal map
(goal_id,statement,requires,standards,scope,grade,subject) on standard
output.  DIR defaults to ../shared/data/real/atc-coherence-map beside
the repository that holds this script.
  -s      write a standards table (standard_id,description,grade,subject)
  -r ERE  keep only the standards whose code matches the extended regular
          expression ERE, plus every standard they require, directly or
          through other standards
  -h      show this help
EOF
}

mode=goals
pattern=
while getopts hr:s opt; do
	case $opt in
	h)	usage
		exit 0 ;;
	r)	pattern=$OPTARG ;;
	s)	mode=standards ;;
	*)	usage >&2
		exit 2 ;;
	esac
done
shift $((OPTIND - 1))

if [ $# -gt 1 ]; then
	echo "$prog: too many operands: expected at most one DIR" >&2
	usage >&2
	exit 2
fi
if [ $# -eq 1 ]; then
	dir=$1
else
	root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd) || exit 2
	dir=$root/../shared/data/real/atc-coherence-map
fi

for f in standards.csv prerequisite_edges.csv; do
	if [ ! -f "$dir/$f" ]; then
		echo "$prog: $dir/$f: No such file or directory" >&2
		exit 2
	fi
	if [ ! -r "$dir/$f" ]; then
		echo "$prog: $dir/$f: Permission denied" >&2
		exit 2
	fi
done

# The values go through the environment because awk -v would process
# backslash escapes and turn the ERE "6\.RP" into "6.RP".  LC_ALL=C makes
# length() and substr() count bytes in every awk, so UTF-8 text (such as
# "≠") passes through unchanged.
ATC_PROG=$prog ATC_MODE=$mode ATC_PATTERN=$pattern \
ATC_STANDARDS=$dir/standards.csv ATC_EDGES=$dir/prerequisite_edges.csv \
LC_ALL=C awk '

# Print "PROG: FILE:LINE: message" on standard error and count the error.
# The program writes no output once an input file had an error.
function data_error(file, line, message)
{
	printf "%s: %s:%d: %s\n", prog, file, line, message | stderr
	nerrors++
}

function warn(file, line, message)
{
	printf "%s: %s:%d: warning: %s\n", prog, file, line, message \
	    | stderr
}

# Read the next CSV record of file into fld[1..nfld] and set recline to
# the physical line it starts on.  Blank lines and a UTF-8 byte order mark
# at the start of the file are skipped.  Return 1, or 0 at the end of the
# file.  A malformed record ends the program with status 1, because the
# records after it cannot be trusted.
function read_record(file,    line, rec, quotes, tmp, rc, pos, len, i, val)
{
	do {
		rc = (getline line < file)
		if (rc < 0) {
			printf "%s: %s: read failed\n", prog, file | stderr
			exit 2
		}
		if (rc == 0)
			return 0
		if (++physline[file] == 1)
			sub(/^\357\273\277/, "", line)
	} while (line == "" || line == "\r")
	recline = physline[file]
	rec = line
	tmp = line
	quotes = gsub(/"/, "", tmp)

	# An odd count of quotes means that a quoted field goes on past the
	# line end.  getline dropped that LF, so put it back.
	while (quotes % 2 == 1) {
		rc = (getline line < file)
		if (rc <= 0) {
			data_error(file, recline, "unterminated quoted field")
			exit 1
		}
		physline[file]++
		rec = rec "\n" line
		tmp = line
		quotes += gsub(/"/, "", tmp)
	}
	sub(/\r$/, "", rec)

	split("", fld)
	nfld = 0
	pos = 1
	len = length(rec)
	for (;;) {
		nfld++
		if (substr(rec, pos, 1) != "\"") {
			i = index(substr(rec, pos), ",")
			if (i == 0) {
				fld[nfld] = substr(rec, pos)
				return 1
			}
			fld[nfld] = substr(rec, pos, i - 1)
			pos += i
			continue
		}

		# A quoted field ends at a quote that is not doubled.
		val = ""
		pos++
		for (;;) {
			i = index(substr(rec, pos), "\"")
			if (i == 0) {
				data_error(file, recline, "field " nfld \
				    ": unterminated quoted field")
				exit 1
			}
			val = val substr(rec, pos, i - 1)
			pos += i
			if (substr(rec, pos, 1) != "\"")
				break
			val = val "\""
			pos++
		}
		fld[nfld] = val
		if (pos > len)
			return 1
		if (substr(rec, pos, 1) != ",") {
			data_error(file, recline, "field " nfld \
			    ": text after the closing quote")
			exit 1
		}
		pos++
	}
}

# Read the header of file and set col[name] to each column index, by
# lower-case name with spaces trimmed, or to -1 when the name appears
# twice.  Set width[file] to the number of columns.
function read_header(file, col,    i, name)
{
	if (!read_record(file)) {
		data_error(file, 1, "missing header")
		exit 1
	}
	for (i = 1; i <= nfld; i++) {
		name = fld[i]
		gsub(/^ +| +$/, "", name)
		name = tolower(name)
		if (name in col)
			col[name] = -1
		else
			col[name] = i
	}
	width[file] = nfld
}

# Exit with status 1 unless file has exactly one column called name.
function need_column(file, col, name)
{
	if (!(name in col)) {
		printf "%s: %s: missing column '\''%s'\''\n", prog, file, name \
		    | stderr
		exit 1
	}
	if (col[name] < 0) {
		printf "%s: %s: column '\''%s'\'' appears more than once\n", \
		    prog, file, name | stderr
		exit 1
	}
}

# Return 1 after reporting the current record of file when it has a
# non-empty field past the last header column, else 0.
function too_wide(file,    i)
{
	for (i = width[file] + 1; i <= nfld; i++) {
		if (fld[i] != "") {
			data_error(file, recline, "record has " nfld \
			    " fields but the header has " width[file])
			return 1
		}
	}
	return 0
}

function trim(s)
{
	gsub(/^[ \t]+|[ \t]+$/, "", s)
	return s
}

# Quote a CSV field when RFC 4180 requires it.
function csv(s)
{
	if (s !~ /[",\r\n]/)
		return s
	gsub(/"/, "\"\"", s)
	return "\"" s "\""
}

function read_standards(    id, code)
{
	read_header(stdfile, scol)
	need_column(stdfile, scol, "standard_id")
	need_column(stdfile, scol, "code")
	need_column(stdfile, scol, "grade")
	need_column(stdfile, scol, "statement_text")
	while (read_record(stdfile)) {
		if (too_wide(stdfile))
			continue
		id = trim(fld[scol["standard_id"]])
		code = trim(fld[scol["code"]])
		if (id == "") {
			data_error(stdfile, recline, "standard_id: empty id")
			continue
		}
		if (code == "") {
			data_error(stdfile, recline, "code: empty code")
			continue
		}
		if (id in code_of) {
			data_error(stdfile, recline, \
			    "standard_id: duplicate id '\''" id "'\''")
			continue
		}
		if (code in order) {
			data_error(stdfile, recline, \
			    "code: duplicate code '\''" code "'\''")
			continue
		}
		nstd++
		codes[nstd] = code
		order[code] = nstd
		code_of[id] = code
		statement[code] = fld[scol["statement_text"]]
		grade[code] = trim(fld[scol["grade"]])
		if (grade[code] == "HS")
			grade[code] = "9-12"
		if (statement[code] == "")
			data_error(stdfile, recline, \
			    "statement_text: empty statement for '\''" code "'\''")
	}
}

# Look up the code of a standard id in an edge row.  When the row also
# has a code column, it must agree with standards.csv.
function edge_end(end,    id, code)
{
	id = trim(fld[ecol[end "_standard_id"]])
	if (id == "") {
		data_error(edgefile, recline, end "_standard_id: empty id")
		return ""
	}
	if (!(id in code_of)) {
		data_error(edgefile, recline, end \
		    "_standard_id: unknown standard '\''" id "'\''")
		return ""
	}
	if ((end "_code") in ecol) {
		code = trim(fld[ecol[end "_code"]])
		if (code != code_of[id]) {
			data_error(edgefile, recline, end "_code: '\''" code \
			    "'\'' does not match standard " id " ('\''" \
			    code_of[id] "'\'')")
			return ""
		}
	}
	return code_of[id]
}

function read_edges(    from, to)
{
	read_header(edgefile, ecol)
	need_column(edgefile, ecol, "from_standard_id")
	need_column(edgefile, ecol, "to_standard_id")
	if ("from_code" in ecol)
		need_column(edgefile, ecol, "from_code")
	if ("to_code" in ecol)
		need_column(edgefile, ecol, "to_code")
	while (read_record(edgefile)) {
		if (too_wide(edgefile))
			continue
		from = edge_end("from")
		to = edge_end("to")
		if (from == "" || to == "")
			continue
		if (from == to) {
			data_error(edgefile, recline, "standard '\''" from \
			    "'\'' is its own prerequisite")
			continue
		}
		if ((to SUBSEP from) in edge) {
			warn(edgefile, recline, "duplicate edge '\''" from \
			    "'\'' -> '\''" to "'\'' counted once")
			continue
		}
		edge[to, from] = 1
		nedge++
		edge_from[nedge] = from
		edge_to[nedge] = to
	}
}

# Mark in keep[] the standards whose code matches pattern (all when it is
# empty) and then, until nothing changes, the prerequisites of every
# marked standard.
function select_standards(    i, changed, nmatch)
{
	for (i = 1; i <= nstd; i++) {
		if (pattern == "" || codes[i] ~ pattern) {
			keep[codes[i]] = 1
			nmatch++
		}
	}
	if (nmatch == 0) {
		printf "%s: no standard code matches '\''%s'\''\n", prog, \
		    pattern | stderr
		exit 1
	}
	do {
		changed = 0
		for (i = 1; i <= nedge; i++) {
			if ((edge_to[i] in keep) && !(edge_from[i] in keep)) {
				keep[edge_from[i]] = 1
				changed = 1
			}
		}
	} while (changed)
}

function write_goals(    i, j, code, requires)
{
	print "goal_id,statement,requires,standards,scope,grade,subject"
	for (i = 1; i <= nstd; i++) {
		code = codes[i]
		if (!(code in keep))
			continue
		requires = ""
		for (j = 1; j <= nstd; j++) {
			if ((code SUBSEP codes[j]) in edge)
				requires = requires (requires == "" ? "" : ";") codes[j]
		}
		print csv(code) "," csv(statement[code]) "," csv(requires) "," \
		    csv(code) ",core," csv(grade[code]) ",Mathematics"
	}
}

function write_standards(    i, code)
{
	print "standard_id,description,grade,subject"
	for (i = 1; i <= nstd; i++) {
		code = codes[i]
		if (code in keep)
			print csv(code) "," csv(statement[code]) "," \
			    csv(grade[code]) ",Mathematics"
	}
}

BEGIN {
	# "/dev/stderr" is no POSIX awk file name.  gawk --posix opens it as a
	# file and so truncates standard error when that is a regular file.
	stderr = "cat 1>&2"
	prog = ENVIRON["ATC_PROG"]
	mode = ENVIRON["ATC_MODE"]
	pattern = ENVIRON["ATC_PATTERN"]
	stdfile = ENVIRON["ATC_STANDARDS"]
	edgefile = ENVIRON["ATC_EDGES"]

	read_standards()
	read_edges()
	if (nerrors)
		exit 1
	select_standards()
	if (mode == "standards")
		write_standards()
	else
		write_goals()
	exit 0
}
'
