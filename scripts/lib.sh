# Shared by scripts/demo and scripts/test: install what is missing, build.
# Sourced, not run.

# Debian packages paralex needs to build and test.
PX_PACKAGES="gcc libc6-dev pkg-config meson ninja-build python3 libxml2-dev libicu-dev libstemmer-dev libcmocka-dev libjansson-dev doxygen valgrind python3-junitparser python3-sarif-python-om parallel"

px_install_deps() {
	missing=""
	for p in $PX_PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "==> installing Debian packages:$missing"
	if [ "$(id -u)" = 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "error: missing packages:$missing; run this command as root (or install them) and try again" >&2
		exit 2
	fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq || { echo "error: apt-get update failed" >&2; exit 2; }
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ echo "error: apt-get install$missing failed" >&2; exit 2; }
}

# px_build DIR [meson options…]: configure once, then build.
px_build() {
	dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		echo "==> configuring $dir"
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log" >&2; rm -f "$dir.setup.log"; exit 2; }
		rm -f "$dir.setup.log"
	fi
	echo "==> building $dir"
	ninja -C "$dir" >/dev/null || { ninja -C "$dir" >&2; exit 2; }
}
