#!/bin/sh
# The C examples against an INSTALLED libparalex, as a user builds them:
#
#   test-installed.sh BUILDDIR SOURCEDIR
#
# 1. install BUILDDIR into a fresh temporary DESTDIR (never into the system);
# 2. point pkg-config at the paralex.pc installed there
#    (PKG_CONFIG_PATH, and PKG_CONFIG_SYSROOT_DIR so that its -I and -L
#    point inside the DESTDIR);
# 3. compile check_pair.c and apply_protocol.c with `cc` and nothing but
#    `pkg-config --cflags --libs paralex` (-std=c11 -Wall -Wextra -Wpedantic
#    -Werror: the examples and the public headers compile clean);
# 4. run them, with LD_LIBRARY_PATH at the installed library, on the shipped
#    examples: a clean pair, a pair with a changed date (PX063), and the
#    protocol of 2025 applied to the Programme;
# 5. remove the DESTDIR.
#
# Exit 0 passed, 1 failed (the first failure says what and why), 77 skipped
# (no cc or no pkg-config). Environment (set by examples/c/meson.build):
# PX_PYTHON (python3), PX_SANITIZE (b_sanitize: none, address,undefined…),
# PX_BUILD_CC (the build's compiler, used instead of cc in a sanitized build);
# CC overrides cc.
set -u

me=examples-c
fail() {
	echo "$me: FAIL: $*" >&2
	exit 1
}
skip() {
	echo "$me: SKIP: $*" >&2
	exit 77
}

[ $# -eq 2 ] || fail "usage: $0 BUILDDIR SOURCEDIR"
build=$(cd "$1" && pwd) || fail "no build directory '$1'"
src=$(cd "$2" && pwd) || fail "no source directory '$2'"
here=$src/examples/c
python=${PX_PYTHON:-python3}
sanitize=${PX_SANITIZE:-none}

# --- tools -----------------------------------------------------------------
cc=${CC:-cc}
if [ "$sanitize" != none ] && [ -n "${PX_BUILD_CC:-}" ]; then
	# the sanitizer runtime must be the library's: same compiler, same -fsanitize
	cc=$PX_BUILD_CC
fi
# shellcheck disable=SC2086 # the compiler may be a command with arguments
set -- $cc
command -v "$1" >/dev/null 2>&1 ||
	skip "no C compiler '$1' (Debian: apt-get install gcc, or build-essential)"
command -v pkg-config >/dev/null 2>&1 ||
	skip "no pkg-config (Debian: apt-get install pkg-config, or pkgconf)"
command -v meson >/dev/null 2>&1 ||
	skip "no meson in PATH to install the build with (Debian: apt-get install meson)"
command -v "$python" >/dev/null 2>&1 ||
	skip "no python3 (Debian: apt-get install python3)"
[ -x "$build/tools/paralex" ] || fail "$build/tools/paralex is not built (ninja -C $build)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/paralex-examples-c.XXXXXX") || fail "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
root=$tmp/root   # the DESTDIR
bin=$tmp/bin     # the compiled examples
out=$tmp/out     # what they write
mkdir "$bin" "$out" || fail "cannot create directories in $tmp"

# --- 1. install into the DESTDIR ---------------------------------------------
# runtime,devel: the library, the command, the headers and paralex.pc (the
# generated docs are not needed here, and may not be built).
if ! meson install -C "$build" --destdir "$root" --no-rebuild --quiet --tags runtime,devel \
	>"$tmp/install.log" 2>&1; then
	cat "$tmp/install.log" >&2
	fail "meson install -C $build --destdir $root failed (is the build complete? ninja -C $build)"
fi

# --- 2. pkg-config at the installed paralex.pc --------------------------------
pcs=$(find "$root" -name paralex.pc -path '*/pkgconfig/*')
[ -n "$pcs" ] || fail "meson install put no pkgconfig/paralex.pc under $root (lib/meson.build: pkg.generate)"
[ "$(printf '%s\n' "$pcs" | wc -l)" -eq 1 ] || fail "more than one paralex.pc installed: $pcs"
pcdir=$(dirname "$pcs")
PKG_CONFIG_PATH=$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
PKG_CONFIG_SYSROOT_DIR=$root
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

pc_cflags=$(pkg-config --cflags paralex 2>"$tmp/pc.err") ||
	{ cat "$tmp/pc.err" >&2; fail "pkg-config --cflags paralex failed with $pcs"; }
pc_libs=$(pkg-config --libs paralex 2>"$tmp/pc.err") ||
	{ cat "$tmp/pc.err" >&2; fail "pkg-config --libs paralex failed with $pcs"; }
echo "$me: $pcs (version $(pkg-config --modversion paralex))"
echo "$me: pkg-config --cflags: $pc_cflags"
echo "$me: pkg-config --libs:   $pc_libs"

# the -I and -L of paralex itself must point inside the DESTDIR, at the
# installed headers and library
incdir='' libdir=''
for f in $pc_cflags; do
	case $f in -I"$root"/*) [ -f "${f#-I}/paralex/paralex.h" ] && incdir=${f#-I} ;; esac
done
for f in $pc_libs; do
	case $f in -L"$root"/*) [ -f "${f#-L}/libparalex.so" ] && libdir=${f#-L} ;; esac
done
[ -n "$incdir" ] || fail "pkg-config --cflags paralex gives no -I inside $root holding paralex/paralex.h: '$pc_cflags'"
[ -n "$libdir" ] || fail "pkg-config --libs paralex gives no -L inside $root holding libparalex.so: '$pc_libs'"
[ -f "$incdir/paralex/version.h" ] || fail "$incdir/paralex/version.h is not installed (paralex.h includes it)"

# --- 3. compile the examples --------------------------------------------------
san_flags=
[ "$sanitize" = none ] || san_flags="-fsanitize=$sanitize -fno-omit-frame-pointer"
for prog in check_pair apply_protocol; do
	# shellcheck disable=SC2086 # word splitting of the flags is intended
	if ! $cc -std=c11 -Wall -Wextra -Wpedantic -Werror $san_flags "$here/$prog.c" \
		$pc_cflags $pc_libs -o "$bin/$prog" >"$tmp/cc.log" 2>&1; then
		cat "$tmp/cc.log" >&2
		fail "$prog.c does not compile against the installed library:" \
			"$cc -std=c11 -Wall -Wextra -Wpedantic -Werror $san_flags $prog.c $pc_cflags $pc_libs"
	fi
	echo "$me: compiled $prog.c ($cc -std=c11 -Wall -Wextra -Wpedantic -Werror${san_flags:+ $san_flags} + pkg-config)"
done

# --- 4. run them ---------------------------------------------------------------
# only the installed copy (meson test puts the build's lib/ there)
LD_LIBRARY_PATH=$libdir
export LD_LIBRARY_PATH
# the examples must run on the installed copy, not on one of the system's
if command -v ldd >/dev/null 2>&1; then
	ldd "$bin/check_pair" | grep -q "libparalex.so.1 => $libdir/" ||
		fail "check_pair does not load libparalex.so.1 from $libdir: $(ldd "$bin/check_pair" | grep paralex)"
fi

cd "$src" || fail "cannot cd to $src"

# run NAME EXPECTED-STATUS COMMAND…: stdout to $out/NAME.out, stderr to
# $out/NAME.err; fails with both when the status is another
run() {
	name=$1 want=$2
	shift 2
	"$@" >"$out/$name.out" 2>"$out/$name.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "--- stdout:" >&2
		head -c 4000 "$out/$name.out" >&2
		echo "--- stderr:" >&2
		head -c 4000 "$out/$name.err" >&2
		fail "$name: exit status $got, expected $want: $*"
	fi
	echo "$me: ok: $name (exit $got)"
}

# json FILE PYTHON-EXPRESSION MESSAGE: FILE is JSON (python3 -m json.tool) and
# the expression, of `d` the parsed document, is true
json() {
	"$python" -m json.tool "$1" >/dev/null 2>"$tmp/json.err" ||
		fail "$1 is not JSON: $(cat "$tmp/json.err")"
	"$python" -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" || fail "$3"
}

# a clean pair: exit 0, no finding but infos
run clean 0 "$bin/check_pair" examples/programme.ru.xml examples/programme.zh.xml
json "$out/clean.out" 'all(f["severity"] == "info" for f in d["findings"]) and d["summary"]["errors"] == 0 and d["summary"]["warnings"] == 0 and len(d["alignment"]) > 0' \
	"check_pair on the shipped Programme reports more than infos (or no alignment): $(head -c 2000 "$out/clean.out")"

# the same as plain texts (imported on the fly)
run clean-text 0 "$bin/check_pair" examples/programme.ru.txt examples/programme.zh.txt
json "$out/clean-text.out" 'd["summary"]["errors"] == 0 and d["summary"]["warnings"] == 0' \
	"check_pair on the shipped plain texts reports errors or warnings"

# a changed date in the Chinese text: exit 1, PX063
run defect 1 "$bin/check_pair" examples/programme.ru.xml tests/data/check/cases/date-changed.zh.xml
json "$out/defect.out" 'any(f["rule"] == "PX063" for f in d["findings"]) and d["summary"]["zh"].endswith("date-changed.zh.xml")' \
	"check_pair on date-changed.zh.xml names no PX063: $(head -c 2000 "$out/defect.out")"

# a failure: exit 2, FILE: error…: message on stderr
run missing 2 "$bin/check_pair" examples/programme.ru.xml "$tmp/no-such.zh.xml"
grep -q "^$tmp/no-such.zh.xml: error" "$out/missing.err" ||
	fail "check_pair on a missing file does not say FILE: error: $(cat "$out/missing.err")"

# the protocol of 2025 applied to the Programme, into a directory…
run amend 0 "$bin/apply_protocol" examples/programme.ru.xml examples/programme.zh.xml \
	examples/amendments/protocol-2025.ru.xml examples/amendments/protocol-2025.zh.xml "$out/amended/"
grep -q '^applied 1 instrument; [1-9][0-9]* units\{0,1\} changed' "$out/amend.out" ||
	fail "apply_protocol printed no summary line: $(cat "$out/amend.out")"
for f in programme.ru.xml programme.zh.xml redline.ru.html; do
	[ -s "$out/amended/$f" ] || fail "apply_protocol wrote no $out/amended/$f"
done
grep -q '<ins' "$out/amended/redline.ru.html" || fail "the redline shows no insertion"
# …which the command finds valid, and whose languages still agree
run validate 0 "$build/tools/paralex" validate "$out/amended/programme.ru.xml" "$out/amended/programme.zh.xml"
run amended-check 0 "$bin/check_pair" "$out/amended/programme.ru.xml" "$out/amended/programme.zh.xml"

# …and next to a prefix
run amend-prefix 0 "$bin/apply_protocol" examples/programme.ru.xml examples/programme.zh.xml \
	examples/amendments/protocol-2025.ru.xml examples/amendments/protocol-2025.zh.xml "$out/v2025"
for f in v2025.ru.xml v2025.zh.xml v2025.redline.ru.html; do
	[ -s "$out/$f" ] || fail "apply_protocol wrote no $out/$f"
done
cmp -s "$out/v2025.ru.xml" "$out/amended/programme.ru.xml" || fail "the two runs of apply_protocol differ"

# a protocol that cannot apply to the base (the 2026 one amends the 2025
# version): exit 1, the findings on stderr, nothing written
run amend-findings 1 "$bin/apply_protocol" examples/programme.ru.xml examples/programme.zh.xml \
	examples/amendments/protocol-2026.ru.xml examples/amendments/protocol-2026.zh.xml "$out/v2026"
grep -q 'error\[PX09[0-9]\]' "$out/amend-findings.err" ||
	fail "apply_protocol printed no finding for the 2026 protocol: $(cat "$out/amend-findings.err")"
[ ! -e "$out/v2026.ru.xml" ] || fail "apply_protocol wrote $out/v2026.ru.xml despite findings"

echo "$me: passed"
exit 0
