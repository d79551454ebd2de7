#!/bin/sh
# Fuzz one target for a while, the way the figures of fuzz/README.md were made.
#
#   fuzz/run.sh TARGET [SECONDS [BUILD]]      (from the source root)
#
# BUILD (default build-fuzz) is a build with -Dfuzz=true. New inputs go to
# BUILD/fuzz/work/TARGET (the corpus in fuzz/TARGET/corpus is only read),
# crashes, leaks and timeouts to BUILD/fuzz/work/TARGET-artifacts/, the log to
# BUILD/fuzz/work/TARGET.log. Fork mode with -ignore_crashes keeps fuzzing
# after a crash, so that one bug does not end the run.
set -eu
t=$1
secs=${2:-900}
build=${3:-build-fuzz}
case $t in
import) max_len=20480 ;;
validate | render) max_len=32768 ;;
check | amend | prose) max_len=65536 ;;
*) echo "unknown target '$t' (import validate check amend render prose)" >&2; exit 2 ;;
esac
work=$build/fuzz/work
mkdir -p "$work/$t" "$work/$t-artifacts"
LC_ALL=C.UTF-8 ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
"$build/fuzz/fuzz-$t" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	-max_total_time="$secs" -max_len=$max_len -rss_limit_mb=2048 -timeout=10 \
	-dict="fuzz/$t/dict" -artifact_prefix="$work/$t-artifacts/" -print_final_stats=1 \
	"$work/$t" "fuzz/$t/corpus" 2>&1 | tee "$work/$t.log"
