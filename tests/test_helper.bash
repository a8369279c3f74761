# Loaded by every goalkit test file: puts the freshly built programs first
# on PATH and runs each test inside its own temporary folder.

load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

REPO=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
SAMPLES=$REPO/samples
FIXTURES=$REPO/tests/fixtures
REAL=$(cd "$REPO/.." && pwd)/shared/data/real
export REPO SAMPLES FIXTURES REAL

: "${GOALKIT_BIN:=$REPO/build/release/bin}"
PATH=$GOALKIT_BIN:/usr/local/bin:/usr/bin:/bin
export PATH GOALKIT_BIN
export LC_ALL=C TZ=UTC

# Sanitizer builds stop at the first report so a leak fails its test.
export ASAN_OPTIONS=abort_on_error=0:exitcode=99:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99

setup() {
	cd "$BATS_TEST_TMPDIR" || exit 1
}

# Skip the test when the real public data folder is not beside the repository.
require_real() {
	if [ ! -d "$REAL/$1" ]; then
		skip "real data $REAL/$1 is absent (it ships beside the repository as ../shared/data/real)"
	fi
}

# Skip under sanitizers, for tests that measure or fork many processes.
skip_if_sanitized() {
	if [ "${GOALKIT_SANITIZE:-}" = 1 ]; then
		skip "too slow under AddressSanitizer"
	fi
}
