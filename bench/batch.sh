#!/bin/sh
# The figures of docs/batch.md: `paralex batch` on generated document sets,
# measured with /usr/bin/time (wall time, peak resident memory).
#
#   bench/batch.sh [BUILD [PAIRS]]      from the source root; BUILD default build,
#                                       PAIRS default 10000
#
# Sets are made in $TMPDIR/paralex-bench (bench/gen_corpus.py: Programme-sized
# pairs, one in five with a defect, one in ten as texts; bench/gen_pair.py:
# one pair of about 1 MB and one of about 10 MB) and kept for the next run.
set -eu
build=${1:-build}
pairs=${2:-10000}
px=$build/tools/paralex
work=${TMPDIR:-/tmp}/paralex-bench
mkdir -p "$work"
[ -d "$work/set-$pairs" ] || python3 bench/gen_corpus.py "$pairs" "$work/set-$pairs" >/dev/null
[ -d "$work/set-100" ] || python3 bench/gen_corpus.py 100 "$work/set-100" >/dev/null
for mb in 1 10; do
	mkdir -p "$work/pair-${mb}MB"
	[ -f "$work/pair-${mb}MB/large.ru.xml" ] ||
		python3 bench/gen_pair.py "${mb}MB" "$work/pair-${mb}MB/large.ru.xml" "$work/pair-${mb}MB/large.zh.xml" >/dev/null
done
find "$work/set-$pairs" -name '*.xml' | sort >"$work/xml-files"

# measure LABEL COMMAND…: one line "LABEL  SECONDS s  PEAK MiB"
measure() {
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || true
	read -r secs kb <<EOT
$(tail -n 1 "$work/time")
EOT
	printf '%-48s %8.2f s %8d MiB\n' "$label" "$secs" $((kb / 1024))
	echo "$secs" >"$work/last"
}

cores=$(nproc)
echo "paralex batch on $pairs pairs ($(wc -l <"$work/xml-files") XML files), $cores cores"
measure "xmllint --schema schemas/paralex.xsd (XML files)" \
	sh -c "xargs xmllint --noout --schema schemas/paralex.xsd <'$work/xml-files'"
x=$(cat "$work/last")
measure "paralex validate (XML files)" sh -c "xargs $px validate -q <'$work/xml-files'"
# reports to standard output (streamed; -o holds the report to write it atomically)
measure "paralex batch --jobs 1" sh -c "$px batch -q --jobs 1 --format json '$work/set-$pairs' >'$work/r1.jsonl'"
j1=$(cat "$work/last")
measure "paralex batch --jobs 2" sh -c "$px batch -q --jobs 2 --format json '$work/set-$pairs' >'$work/r2.jsonl'"
j2=$(cat "$work/last")
cmp -s "$work/r1.jsonl" "$work/r2.jsonl" && echo "  the two reports are the same bytes"
measure "paralex batch --jobs 1, 100 pairs" sh -c "$px batch -q --jobs 1 --format json '$work/set-100' >'$work/r100.jsonl'"
measure "paralex batch, pair of 1 MB" "$px" batch -q --jobs 1 "$work/pair-1MB"
m1=$(cat "$work/last")
measure "paralex batch, pair of 10 MB" "$px" batch -q --jobs 1 "$work/pair-10MB"
m10=$(cat "$work/last")
python3 - "$x" "$j1" "$j2" "$m1" "$m10" <<'PY'
import sys
x, j1, j2, m1, m10 = map(float, sys.argv[1:])
print("batch --jobs 1 / xmllint: %.1fx (target at most 2x)" % (j1 / x))
print("batch --jobs 1 / --jobs 2: %.2fx (target at least 1.8x on 2 cores)" % (j1 / j2))
print("pair of 10 MB / pair of 1 MB: %.1fx the time (target at most 11x)" % (m10 / m1))
PY
