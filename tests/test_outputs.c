/*
 * No lost data: what paralex writes never destroys what it reads or what it
 * was not asked to replace. Each case runs the command as a user would and
 * compares the bytes (and modes) of every file involved before and after.
 */
#include <dirent.h>
#include <errno.h>
#include <time.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "model/model.h"

#define T 120

static char *cat(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static void put(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
}

static void copy(const char *from, const char *to)
{
	size_t n;
	char *d = slurp(from, &n);
	FILE *f = fopen(to, "wb");
	assert_non_null(f);
	fwrite(d, 1, n, f);
	fclose(f);
	free(d);
}

/* The file's bytes, to compare before and after (free()). */
static char *bytes(const char *path)
{
	size_t n;
	return slurp(path, &n);
}

/* No "*.tmp.*" nor "*.paralex-tmp-*" left in a directory. */
static void no_temporaries(const char *dir)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -E '\\.tmp\\.|paralex-tmp' >/dev/null", dir);
	if (system(cmd) == 0)
		fail_msg("a temporary file was left in %s", dir);
}

/* -o naming an input, directly or through a link or '..': refused before
 * anything is written (exit 2), the input intact. */
static void output_is_an_input(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *ru = cat(dir, "p.ru.xml"), *zh = cat(dir, "p.zh.xml"), *link = cat(dir, "link.xml");
	copy(src_path("examples/programme.ru.xml"), ru);
	copy(src_path("examples/programme.zh.xml"), zh);
	assert_int_equal(symlink(zh, link), 0);
	char *before = bytes(zh);
	char dotdot[4096];
	snprintf(dotdot, sizeof dotdot, "%s/../%s/p.zh.xml", dir, strrchr(dir, '/') + 1);
	const char *outs[] = { zh, link, dotdot };
	for (size_t i = 0; i < 3; i++) {
		struct run r;
		run_paralex(&r, NULL, T, "check", "--format", "html", "-o", outs[i], ru, zh, NULL);
		assert_int_equal(r.status, 2);
		assert_non_null(strstr(r.err, "refusing to overwrite an input"));
		run_free(&r);
		run_paralex(&r, NULL, T, "render", "-o", outs[i], zh, NULL);
		assert_int_equal(r.status, 2);
		run_free(&r);
		char *after = bytes(zh);
		assert_string_equal(before, after);
		free(after);
	}
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	no_temporaries(dir);
	free(before);
	free(ru);
	free(zh);
	free(link);
	free(dir);
}

/* A symbolic link as the output is written through: the file it points to
 * gets the new bytes, the link stays a link. A read-only file, a directory
 * and a device are refused and left as they are. A replaced file keeps its
 * mode. A file paralex did not write needs --force. */
static void output_targets(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *doc = cat(dir, "p.zh.xml"), *real = cat(dir, "real.txt"), *link = cat(dir, "out.txt");
	copy(src_path("examples/programme.zh.xml"), doc);
	put(real, "old\n");
	assert_int_equal(symlink("real.txt", link), 0);
	struct run r;
	/* not written by paralex: refused without --force */
	run_paralex(&r, NULL, T, "render", "-o", link, doc, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--force"));
	run_free(&r);
	char *b = bytes(real);
	assert_string_equal(b, "old\n");
	free(b);
	/* with --force: through the link, mode kept */
	assert_int_equal(chmod(real, 0600), 0);
	run_paralex(&r, NULL, T, "render", "--force", "-o", link, doc, NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	struct stat st;
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(stat(real, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	b = bytes(real);
	assert_non_null(strstr(b, "一、"));
	free(b);
	/* read-only: refused even with --force (and even for root) */
	char *ro = cat(dir, "ro.txt");
	put(ro, "keep\n");
	assert_int_equal(chmod(ro, 0444), 0);
	run_paralex(&r, NULL, T, "render", "--force", "-o", ro, doc, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "read-only"));
	run_free(&r);
	b = bytes(ro);
	assert_string_equal(b, "keep\n");
	free(b);
	/* a directory and a device */
	run_paralex(&r, NULL, T, "render", "--force", "-o", dir, doc, NULL);
	assert_int_equal(r.status, 2);
	run_free(&r);
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	run_paralex(&r, NULL, T, "render", "--force", "-o", "/dev/full", doc, NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "not a regular file"));
	run_free(&r);
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* an output paralex wrote is replaced without --force */
	char *xml = cat(dir, "again.xml");
	run_paralex(&r, NULL, T, "import", "-o", xml, src_path("examples/programme.zh.txt"), NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	run_paralex(&r, NULL, T, "import", "-o", xml, src_path("examples/programme.zh.txt"), NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	no_temporaries(dir);
	chmod(ro, 0644);
	free(ro);
	free(xml);
	free(doc);
	free(real);
	free(link);
	free(dir);
}

/* A write that fails half-way (a full disk) leaves the old file and no
 * temporary file. */
static void failed_write_keeps_the_old_file(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char *f = cat(dir, "x.txt");
	put(f, "old bytes\n");
	assert_int_equal(chmod(f, 0640), 0);
	px_buf b = PX_BUF_INIT;
	for (int i = 0; i < 100000; i++)
		px_buf_puts(&b, "new bytes ");
	px_io_fault_after = 1;
	assert_int_equal(px_buf_write_file(&b, f), PX_EIO);
	px_io_fault_after = 0;
	assert_non_null(strstr(px_error_last()->message, "unchanged"));
	char *after = bytes(f);
	assert_string_equal(after, "old bytes\n");
	free(after);
	struct stat st;
	assert_int_equal(stat(f, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	no_temporaries(dir);
	/* and one that succeeds keeps the mode */
	assert_px_ok(px_buf_write_file(&b, f));
	assert_int_equal(stat(f, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	px_buf_dispose(&b);
	free(f);
	free(dir);
}

/* amend -o into the folder of its inputs is refused; into a directory it
 * wrote before, the directory is replaced as a whole; into a non-empty
 * directory it did not write, only with --force. */
static void amend_output_directory(void **state)
{
	(void)state;
	char *dir = temp_dir();
	const char *names[] = { "programme.ru.xml", "programme.zh.xml", "amendments/protocol-2025.ru.xml",
		"amendments/protocol-2025.zh.xml" };
	char *in[4], *keep[4];
	for (int i = 0; i < 4; i++) {
		char src[256];
		snprintf(src, sizeof src, "examples/%s", names[i]);
		in[i] = cat(dir, strrchr(names[i], '/') ? strrchr(names[i], '/') + 1 : names[i]);
		copy(src_path(src), in[i]);
		keep[i] = bytes(in[i]);
	}
	struct run r;
	run_paralex(&r, NULL, T, "amend", "-q", "-o", dir, in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "holds the input"));
	run_free(&r);
	char *out = cat(dir, "out");
	run_paralex(&r, NULL, T, "amend", "-q", "-o", out, in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	char *mark = cat(out, ".paralex-output"), *cons = cat(out, "programme.ru.xml");
	assert_int_equal(access(mark, F_OK), 0);
	assert_int_equal(access(cons, F_OK), 0);
	/* a stray file of the old run goes with the old directory */
	char *stray = cat(out, "stray.txt");
	put(stray, "x");
	run_paralex(&r, NULL, T, "amend", "-q", "-o", out, in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	assert_int_equal(access(stray, F_OK), -1);
	assert_int_equal(access(cons, F_OK), 0);
	/* a directory of the user's */
	char *mine = cat(dir, "mine"), *note = cat(dir, "mine/note.txt");
	assert_int_equal(mkdir(mine, 0755), 0);
	put(note, "mine");
	run_paralex(&r, NULL, T, "amend", "-q", "-o", mine, in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "--force"));
	run_free(&r);
	char *b = bytes(note);
	assert_string_equal(b, "mine");
	free(b);
	for (int i = 0; i < 4; i++) {
		char *now = bytes(in[i]);
		assert_string_equal(now, keep[i]);
		free(now);
		free(keep[i]);
		free(in[i]);
	}
	no_temporaries(dir);
	free(mine);
	free(note);
	free(stray);
	free(mark);
	free(cons);
	free(out);
	free(dir);
}

/* Does every file of `files` in `dir` have the bytes it has in `ref`? */
static bool same_as(const char *dir, const char *ref, const char *const *files, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char *f = cat(dir, files[k]), *g = cat(ref, files[k]);
		bool ok = access(f, F_OK) == 0;
		if (ok) {
			char *x = bytes(f), *y = bytes(g);
			ok = strcmp(x, y) == 0;
			free(x);
			free(y);
		}
		free(f);
		free(g);
		if (!ok)
			return false;
	}
	return true;
}

/* amend killed (SIGKILL) at moments spread over its run, many times, with
 * two different sets of instruments in turn: the output directory is always
 * wholly the result of one complete run (never old files beside new ones),
 * and the next run leaves no temporary directory behind. */
static void amend_killed_midway(void **state)
{
	(void)state;
	char *dir = temp_dir(), *out = cat(dir, "out"), *ref[2] = { cat(dir, "refA"), cat(dir, "refB") };
	const char *exe = getenv("PX_EXE");
	assert_non_null(exe);
	char in[6][4096];
	const char *names[] = { "examples/programme.ru.xml", "examples/programme.zh.xml",
		"examples/amendments/protocol-2025.ru.xml", "examples/amendments/protocol-2025.zh.xml",
		"examples/amendments/protocol-2026.ru.xml", "examples/amendments/protocol-2026.zh.xml" };
	for (int i = 0; i < 6; i++)
		snprintf(in[i], sizeof in[i], "%s", src_path(names[i]));
	static const char *const files[] = { "programme.ru.xml", "programme.zh.xml", "redline.ru.html",
		"comparison.zh.txt", "timeline.txt", "eid-map.tsv" };
	const size_t nf = sizeof files / sizeof files[0];
	struct run r;
	run_paralex(&r, NULL, T, "amend", "-q", "-o", ref[0], in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	run_paralex(&r, NULL, T, "amend", "-q", "-o", ref[1], in[0], in[1], in[2], in[3], in[4], in[5], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	assert_false(same_as(ref[0], ref[1], files, nf));
	for (int round = 0; round < 40; round++) {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			dup2(null, 2);
			if (round % 2)
				execl(exe, exe, "amend", "-q", "-o", out, in[0], in[1], in[2], in[3], in[4], in[5], (char *)NULL);
			else
				execl(exe, exe, "amend", "-q", "-o", out, in[0], in[1], in[2], in[3], (char *)NULL);
			_exit(127);
		}
		/* from at once to past the end of a run (about 0.1 s) */
		struct timespec ts = { 0, (long)(round / 2) * 8000000L };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int st;
		waitpid(pid, &st, 0);
		if (access(out, F_OK) != 0)
			continue; /* killed before the first run published anything */
		if (!same_as(out, ref[0], files, nf) && !same_as(out, ref[1], files, nf))
			fail_msg("round %d: the directory holds neither one run's files nor the other's", round);
	}
	run_paralex(&r, NULL, T, "amend", "-q", "-o", out, in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	assert_true(same_as(out, ref[0], files, nf));
	no_temporaries(dir);
	free(out);
	free(ref[0]);
	free(ref[1]);
	free(dir);
}

/* The names in `dir` but "." and "..", sorted, one per line (free()). */
static char *listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return NULL;
	px_buf b = PX_BUF_INIT;
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, ".."))
			px_buf_printf(&b, "%s\n", names[i]->d_name);
		free(names[i]);
	}
	free(names);
	return b.ptr ? px_buf_detach(&b) : strdup("");
}

/* Does `dir` hold exactly the files of `ref`, with the same bytes? */
static bool same_dir(const char *dir, const char *ref)
{
	char *a = listing(dir), *b = listing(ref);
	bool ok = a && b && strcmp(a, b) == 0;
	for (char *line = b, *nl; ok && line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		*nl = '\0';
		char *f = cat(dir, line), *g = cat(ref, line);
		size_t nf, ng;
		char *x = slurp(f, &nf), *y = slurp(g, &ng);
		ok = nf == ng && memcmp(x, y, nf) == 0;
		free(x);
		free(y);
		free(f);
		free(g);
	}
	free(a);
	free(b);
	return ok;
}

/* The same on a large pair (about 10 MB a side, bench/gen_pair.py), killed
 * at random moments of its run, with every rename slowed down
 * (tests/slow_rename.c, preloaded) so that many kills land while the
 * outputs are being published: the directory is always wholly one run's
 * outputs, and after a last run nothing temporary is left. */
static void large_amend_killed_at_random(void **state)
{
	(void)state;
	const char *exe = getenv("PX_EXE"), *shim = getenv("PX_SLOW_RENAME");
	assert_non_null(exe);
	assert_non_null(shim);
	char *dir = temp_dir(), *out = cat(dir, "out"), *ref[2] = { cat(dir, "refA"), cat(dir, "refB") };
	char *base[2] = { cat(dir, "large.ru.xml"), cat(dir, "large.zh.xml") };
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "python3 '%s' 10MB '%s' '%s' >/dev/null", src_path("bench/gen_pair.py"), base[0],
		base[1]);
	assert_int_equal(system(cmd), 0);
	char in[4][4096];
	const char *names[] = { "examples/amendments/protocol-2025.ru.xml", "examples/amendments/protocol-2025.zh.xml",
		"examples/amendments/protocol-2026.ru.xml", "examples/amendments/protocol-2026.zh.xml" };
	for (int i = 0; i < 4; i++)
		snprintf(in[i], sizeof in[i], "%s", src_path(names[i]));
	/* the two results, and how long a run takes with slow renames */
	double took = 0;
	for (int k = 0; k < 2; k++) {
		struct run r;
		double t0 = now();
		if (k == 0)
			run_paralex(&r, NULL, 300, "amend", "-q", "-o", ref[0], base[0], base[1], in[0], in[1], NULL);
		else
			run_paralex(&r, NULL, 300, "amend", "-q", "-o", ref[1], base[0], base[1], in[0], in[1], in[2],
				in[3], NULL);
		took += (now() - t0) / 2;
		if (r.status != 0)
			fail_msg("amend of the large pair: exit %d: %s", r.status, r.err);
		run_free(&r);
	}
	assert_false(same_dir(ref[0], ref[1]));
#if defined(__SANITIZE_ADDRESS__)
	const int rounds = 4; /* each run is several times slower */
#else
	const int rounds = 10;
#endif
	unsigned seed = (unsigned)time(NULL);
	srand(seed);
	/* the directory exists from the start: every kill must leave it whole */
	struct run r;
	run_paralex(&r, NULL, 300, "amend", "-q", "-o", out, base[0], base[1], in[0], in[1], in[2], in[3], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	int published = 1, mixed = 0;
	for (int round = 0; round < rounds; round++) {
		/* a moment of the run (the slowed renames, 13 of 60 ms, included):
		 * in every other round one of its last 40 %, when the outputs are
		 * written and published */
		double u = (double)rand() / RAND_MAX;
		double at = round % 2 ? took * (0.6 + 0.45 * u) : (took + 0.5) * u;
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int null = open("/dev/null", O_WRONLY);
			dup2(null, 1);
			dup2(null, 2);
			setenv("LD_PRELOAD", shim, 1);
			setenv("PX_SLOW_RENAME_MS", "60", 1);
			setenv("ASAN_OPTIONS", "detect_leaks=0:verify_asan_link_order=0", 1);
			if (round % 2)
				execl(exe, exe, "amend", "-q", "-o", out, base[0], base[1], in[0], in[1], in[2], in[3],
					(char *)NULL);
			else
				execl(exe, exe, "amend", "-q", "-o", out, base[0], base[1], in[0], in[1], (char *)NULL);
			_exit(127);
		}
		struct timespec ts = { (time_t)at, (long)((at - (double)(time_t)at) * 1e9) };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int st;
		waitpid(pid, &st, 0);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
			fail_msg("cannot run %s", exe);
		if (access(out, F_OK) != 0) {
			if (published)
				fail_msg("round %d (seed %u, killed at %.2f s): the directory published before is gone",
					round, seed, at);
			continue; /* killed before any run published */
		}
		published++;
		if (!same_dir(out, ref[0]) && !same_dir(out, ref[1]))
			mixed++, print_message("round %d (seed %u, killed at %.2f s of a %.2f s run): the directory holds "
				"neither one run's outputs nor the other's\n", round, seed, at, took);
	}
	print_message("large amend (%.1f s a run): killed %d times, %d with a directory to inspect (seed %u)\n", took,
		rounds, published, seed);
	assert_int_equal(mixed, 0);
	run_paralex(&r, NULL, 300, "amend", "-q", "-o", out, base[0], base[1], in[0], in[1], NULL);
	assert_int_equal(r.status, 0);
	run_free(&r);
	assert_true(same_dir(out, ref[0]));
	no_temporaries(dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	for (int i = 0; i < 2; i++) {
		free(base[i]);
		free(ref[i]);
	}
	free(out);
	free(dir);
}

/* On a real full file system (a 96 KiB tmpfs the test mounts, when it runs
 * as root and may mount): a write that does not fit leaves the old file and
 * no temporary; amend into the mount point itself publishes its files there,
 * and when they do not fit the old ones stay. */
static void full_disk(void **state)
{
	(void)state;
	char *dir = temp_dir(), *mnt = cat(dir, "mnt");
	assert_int_equal(mkdir(mnt, 0755), 0);
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "mount -t tmpfs -o size=96k tmpfs '%s' 2>/dev/null", mnt);
	if (geteuid() != 0 || system(cmd) != 0) {
		print_message("full_disk: not root or cannot mount a tmpfs here: covered by the injected fault test\n");
		rmdir(mnt);
		free(mnt);
		free(dir);
		return;
	}
	struct run r;
	/* amend into the mount point: fits (about 60 KiB) */
	const char *in[] = { src_path("examples/programme.ru.xml"), NULL, NULL, NULL };
	char a[4][4096];
	const char *names[] = { "examples/programme.ru.xml", "examples/programme.zh.xml",
		"examples/amendments/protocol-2025.ru.xml", "examples/amendments/protocol-2025.zh.xml" };
	for (int i = 0; i < 4; i++)
		snprintf(a[i], sizeof a[i], "%s", src_path(names[i]));
	(void)in;
	run_paralex(&r, NULL, T, "amend", "-q", "-o", mnt, a[0], a[1], a[2], a[3], NULL);
	int amended = r.status;
	run_free(&r);
	/* an output that fills the rest, then one more import that cannot fit */
	char *x = cat(mnt, "p.xml");
	run_paralex(&r, NULL, T, "import", "-o", x, src_path("examples/programme.zh.txt"), NULL);
	run_free(&r);
	snprintf(cmd, sizeof cmd, "dd if=/dev/zero of='%s/filler' bs=1k count=200 2>/dev/null", mnt);
	(void)!system(cmd);
	char *before = access(x, F_OK) == 0 ? bytes(x) : NULL;
	run_paralex(&r, NULL, T, "import", "-o", x, src_path("examples/programme.ru.txt"), NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "No space left"));
	run_free(&r);
	if (before) {
		char *after = bytes(x);
		assert_string_equal(before, after);
		free(after);
		free(before);
	}
	no_temporaries(mnt);
	/* amend again into the full mount point: refused by the disk, old files intact */
	if (amended == 0) {
		char *cons = cat(mnt, "programme.ru.xml");
		char *old = bytes(cons);
		run_paralex(&r, NULL, T, "amend", "-q", "-o", mnt, a[0], a[1], a[2], a[3], NULL);
		assert_int_equal(r.status, 2);
		run_free(&r);
		char *now = bytes(cons);
		assert_string_equal(old, now);
		free(old);
		free(now);
		free(cons);
		snprintf(cmd, sizeof cmd, "ls -a '%s' | grep paralex-tmp >/dev/null", mnt);
		assert_int_not_equal(system(cmd), 0);
	}
	snprintf(cmd, sizeof cmd, "umount '%s'", mnt);
	(void)!system(cmd);
	rmdir(mnt);
	free(x);
	free(mnt);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(output_is_an_input),
		cmocka_unit_test(output_targets),
		cmocka_unit_test(failed_write_keeps_the_old_file),
		cmocka_unit_test(amend_output_directory),
		cmocka_unit_test(amend_killed_midway),
		cmocka_unit_test(large_amend_killed_at_random),
		cmocka_unit_test(full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
