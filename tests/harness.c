#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static const char *env_or_fail(const char *name)
{
	const char *v = getenv(name);
	if (!v) {
		fprintf(stderr, "%s is not set: run the tests with 'meson test'\n", name);
		exit(1);
	}
	return v;
}

static const char *join(const char *base, const char *rel)
{
	static char bufs[8][4096];
	static int slot;
	char *b = bufs[slot++ % 8];
	snprintf(b, 4096, "%s/%s", base, rel);
	return b;
}

const char *data_path(const char *rel)
{
	return join(env_or_fail("PX_TEST_DATA"), rel);
}

const char *src_path(const char *rel)
{
	return join(env_or_fail("PX_SOURCE_ROOT"), rel);
}

/* Say what is missing and where it was looked for, then exit 77 (skip) or,
 * with PX_REQUIRE_SHARED=1, 1 (fail). */
static void missing(const char *what, const char *where)
{
	const char *req = getenv("PX_REQUIRE_SHARED");
	bool fail = req && strcmp(req, "1") == 0;
	for (int i = 0; i < 2; i++) {
		FILE *f = i ? stderr : stdout;
		fprintf(f, "%s: %s is missing: %s; the tests that need it are not run%s\n", fail ? "FAIL" : "SKIP", what,
			where, fail ? ", and PX_REQUIRE_SHARED=1 makes that a failure" : "");
		fflush(f);
	}
	exit(fail ? 1 : 77);
}

#define AKN_XSD_DEFAULT "../shared/reference/akn/akomantoso30.xsd beside the source tree"

const char *require_official_xsd(void)
{
	const char *what = "the official OASIS Akoma Ntoso 3.0 schema (akomantoso30.xsd)";
	const char *xsd = getenv("PX_AKN_XSD");
	char where[4200];
	if (!xsd || !*xsd)
		missing(what, "PX_AKN_XSD, its path, is not set (meson test sets it to " AKN_XSD_DEFAULT ")");
	if (access(xsd, R_OK) != 0) {
		snprintf(where, sizeof where, "looked for at %s (PX_AKN_XSD; tests/meson.build sets it to "
			AKN_XSD_DEFAULT "): %s", xsd, strerror(errno));
		missing(what, where);
	}
	return xsd;
}

const char *require_shared(const char *rel, const char *what)
{
	const char *path = src_path(rel);
	if (access(path, R_OK) != 0) {
		char where[4200];
		snprintf(where, sizeof where, "looked for at %s (%s from the source root, PX_SOURCE_ROOT): %s", path, rel,
			strerror(errno));
		missing(what, where);
	}
	return path;
}

char *slurp(const char *path, size_t *len)
{
	px_buf b = PX_BUF_INIT;
	if (px_buf_read_file(&b, path, (size_t)1 << 30) < 0)
		fail_msg("cannot read %s: %s", path, px_error_last()->message);
	if (len)
		*len = b.size;
	return px_buf_detach(&b);
}

char *write_temp(const char *suffix, const char *data, size_t len)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/pxtest-XXXXXX%s", tmp, suffix ? suffix : "");
	int fd = mkstemps(path, suffix ? (int)strlen(suffix) : 0);
	if (fd < 0)
		fail_msg("mkstemps: %s", strerror(errno));
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w <= 0)
			fail_msg("write: %s", strerror(errno));
		off += (size_t)w;
	}
	close(fd);
	return path;
}

char *temp_dir(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char *path = malloc(4096);
	snprintf(path, 4096, "%s/pxtest-XXXXXX", tmp);
	if (!mkdtemp(path))
		fail_msg("mkdtemp: %s", strerror(errno));
	return path;
}

double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* FNV-1a of a regular file's bytes and its size; false when it is not one. */
static bool file_sum(const char *path, uint64_t *sum)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)st.st_size;
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		for (size_t i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211ULL;
	fclose(f);
	*sum = h;
	return true;
}

bool drain_child(pid_t pid, int out_fd, int err_fd, double deadline, px_buf *out, px_buf *err, size_t max)
{
	struct pollfd fds[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	px_buf *to[2] = { out, err };
	int open_fds = 2;
	bool killed = false;
	while (open_fds > 0) {
		int left = (int)((deadline - now()) * 1000);
		if (left <= 0) {
			killed = true;
			kill(pid, SIGKILL);
			break;
		}
		if (poll(fds, 2, left) < 0 && errno != EINTR)
			break;
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			char chunk[65536];
			ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
			} else if (to[i]->size < max) {
				px_buf_put(to[i], chunk, (size_t)n);
			}
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	return killed;
}

void run_paralex(struct run *r, const char *in, int timeout_s, const char *arg0, ...)
{
	const char *argv[64];
	int argc = 0;
	argv[argc++] = env_or_fail("PX_EXE");
	va_list ap;
	va_start(ap, arg0);
	for (const char *a = arg0; a && argc < 63; a = va_arg(ap, const char *))
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	/* every input named on the command line is only read: its bytes are
	 * compared before and after the run (the output after -o may change) */
	uint64_t sums[64];
	bool summed[64] = { false };
	for (int i = 1; i < argc; i++) {
		bool is_out = strcmp(argv[i - 1], "-o") == 0 || strcmp(argv[i - 1], "--output") == 0;
		summed[i] = !is_out && file_sum(argv[i], &sums[i]);
	}

	int pin[2], pout[2], perr[2];
	if (pipe(pin) || pipe(pout) || pipe(perr))
		fail_msg("pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("fork: %s", strerror(errno));
	if (pid == 0) {
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(perr[1], 2);
		close(pin[1]); close(pout[0]); close(perr[0]);
		close(pin[0]); close(pout[1]); close(perr[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pin[0]); close(pout[1]); close(perr[1]);
	if (in) {
		size_t len = strlen(in), off = 0;
		signal(SIGPIPE, SIG_IGN);
		while (off < len) {
			ssize_t w = write(pin[1], in + off, len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
	}
	close(pin[1]);
	px_buf out = PX_BUF_INIT, err = PX_BUF_INIT;
	bool timed_out = drain_child(pid, pout[0], perr[0], now() + timeout_s, &out, &err, (size_t)-1);
	int st = 0;
	waitpid(pid, &st, 0);
	r->status = timed_out ? -1 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	for (int i = 1; i < argc; i++) {
		uint64_t after;
		if (summed[i] && (!file_sum(argv[i], &after) || after != sums[i]))
			fail_msg("paralex %s changed its input '%s'", argv[1], argv[i]);
	}
	r->out = px_buf_detach(&out);
	r->err = px_buf_detach(&err);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

void assert_px_ok_at(int rc, const char *file, int line)
{
	if (rc < 0) {
		const px_error *e = px_error_last();
		print_error("library call failed (%d): %s%s%s:%d\n", rc, e->message,
			e->file ? " in " : "", e->file ? e->file : "", e->line);
		_fail(file, line);
	}
}

const char *name_of(const px_registry *r, px_entry_kind kind, const char *id, px_lang lang, px_name_form form,
	px_ru_case c)
{
	px_name_query q = PX_NAME_QUERY_INIT;
	q.kind = kind;
	q.id = id;
	q.lang = lang;
	q.form = form;
	q.ru_case = c;
	return px_registry_name(r, &q);
}

/* ---- data-driven cases ------------------------------------------------------ */

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		c == '.';
}

static bool all_chars(const char *s, bool (*ok)(char))
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!ok(*s))
			return false;
	return true;
}

static bool key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Is `key` one of the space-separated words of `keys`? */
static bool known_key(const char *keys, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = keys; p && *p;) {
		while (*p == ' ')
			p++;
		size_t l = strcspn(p, " ");
		if (l == n && strncmp(p, key, n) == 0)
			return true;
		p += l;
	}
	return false;
}

/* One FINDING of EXPECT: RULE[@AT]. */
static bool parse_finding(struct test_case *c, const char *f, size_t len)
{
	if (c->nexpect == CASE_MAX_EXPECT)
		return false;
	char buf[300];
	if (len >= sizeof buf)
		return false;
	memcpy(buf, f, len);
	buf[len] = 0;
	char *at = strchr(buf, '@');
	if (at)
		*at++ = 0;
	if (strlen(buf) != 5 || strncmp(buf, "PX", 2) != 0)
		return false;
	for (int i = 2; i < 5; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return false;
	if (at && !all_chars(at, name_char))
		return false;
	snprintf(c->expect[c->nexpect].rule, sizeof c->expect[0].rule, "%s", buf);
	snprintf(c->expect[c->nexpect].at, sizeof c->expect[0].at, "%s", at ? at : "");
	c->nexpect++;
	return true;
}

/* Parse data/SET/CASES; 0, or -1 with the problem in `err`. */
static int cases_parse(const char *set, const char *keys, struct test_case **out, size_t *count, char *err,
	size_t errsz)
{
	char rel[256];
	snprintf(rel, sizeof rel, "%s/CASES", set);
	const char *path = data_path(rel);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errsz, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	struct test_case *v = NULL;
	size_t n = 0, cap = 0;
	char *line = NULL;
	size_t lcap = 0;
	int lineno = 0, rc = 0;
	while (getline(&line, &lcap, f) >= 0) {
		lineno++;
		char *p = line + strspn(line, " \t\r\n");
		if (!*p || *p == '#')
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			v = realloc(v, cap * sizeof *v);
		}
		struct test_case *c = memset(&v[n], 0, sizeof *v);
		snprintf(c->set, sizeof c->set, "%s", set);
		c->line = lineno;
		const char *why = NULL;
		char *save = NULL;
		int field = 0;
		for (char *t = strtok_r(p, " \t\r\n", &save); t && !why; t = strtok_r(NULL, " \t\r\n", &save), field++) {
			if (field == 0) {
				if (!all_chars(t, name_char) || strlen(t) >= sizeof c->name)
					why = "NAME: letters, digits, '-', '_' and '.' only";
				else
					snprintf(c->name, sizeof c->name, "%s", t);
				for (size_t k = 0; k < n && !why; k++)
					if (strcmp(v[k].name, t) == 0)
						why = "NAME given twice";
			} else if (field == 1) {
				for (char *q = t; strcmp(t, "none") != 0; q += strcspn(q, ",") + 1) {
					if (!parse_finding(c, q, strcspn(q, ","))) {
						why = "EXPECT: none, or findings RULE[@PLACE] (PXnnn; a line number or an eId) "
						      "separated by commas";
						break;
					}
					if (!q[strcspn(q, ",")])
						break;
				}
			} else {
				char *eq = strchr(t, '=');
				if (eq)
					*eq = 0;
				if (!eq || !all_chars(t, key_char) || !eq[1] || strlen(t) >= sizeof c->kv[0].key ||
						strlen(eq + 1) >= sizeof c->kv[0].value)
					why = "KEY=VALUE expected";
				else if (!known_key(keys, t))
					why = "a key this set does not know";
				else if (case_value(c, t, NULL))
					why = "a key given twice";
				else if (c->nkeys == CASE_MAX_KEYS)
					why = "too many keys";
				else {
					snprintf(c->kv[c->nkeys].key, sizeof c->kv[0].key, "%s", t);
					snprintf(c->kv[c->nkeys].value, sizeof c->kv[0].value, "%s", eq + 1);
					c->nkeys++;
				}
			}
		}
		if (!why && field < 2)
			why = "NAME EXPECT [KEY=VALUE...] expected";
		if (why) {
			snprintf(err, errsz, "%s:%d: %s (tests/data/CASES.md; keys of this set: %s)", path, lineno, why,
				*keys ? keys : "none");
			rc = -1;
			break;
		}
		n++;
	}
	free(line);
	fclose(f);
	if (rc < 0) {
		free(v);
		return -1;
	}
	*out = v;
	*count = n;
	return 0;
}

size_t cases_read(const char *set, const char *keys, struct test_case **out)
{
	char err[1024];
	size_t n = 0;
	if (cases_parse(set, keys, out, &n, err, sizeof err) < 0)
		fail_msg("%s", err);
	return n;
}

const char *case_value(const struct test_case *c, const char *key, const char *def)
{
	for (size_t i = 0; i < c->nkeys; i++)
		if (strcmp(c->kv[i].key, key) == 0)
			return c->kv[i].value;
	return def;
}

int case_expect_line(const struct test_case *c, size_t i)
{
	char *end = NULL;
	long l = i < c->nexpect ? strtol(c->expect[i].at, &end, 10) : 0;
	if (l <= 0 || !end || *end)
		fail_msg("%s/CASES:%d: %s: the finding needs @LINE, a line number", c->set, c->line, c->name);
	return (int)l;
}

enum suite_mode suite_mode(int argc, char **argv, const char **case_name)
{
	*case_name = NULL;
	if (argc == 1)
		return SUITE_TESTS;
	if (argc == 3 && strcmp(argv[1], "--case") == 0) {
		*case_name = argv[2];
		return SUITE_CASE;
	}
	if (argc == 2 && strcmp(argv[1], "--cases") == 0)
		return SUITE_CASES;
	if (argc == 2 && strcmp(argv[1], "--official") == 0)
		return SUITE_OFFICIAL;
	if (argc == 2 && strcmp(argv[1], "--seed") == 0)
		return SUITE_SEED;
	fprintf(stderr, "usage: %s [--case NAME | --cases | --official | --seed]\n"
		"  (none)       the suite's own tests\n"
		"  --case NAME  one case of the suite's CASES file (tests/data/CASES.md)\n"
		"  --cases      every case, each a test of its own\n"
		"  --official   the tests that need the official Akoma Ntoso schema (PX_AKN_XSD)\n"
		"  --seed       the tests that need the seed texts of ../shared/seeds\n", argv[0]);
	exit(2);
}

int run_cases(const char *set, const char *keys, const char *only, CMUnitTestFunction fn, CMFixtureFunction setup,
	CMFixtureFunction teardown)
{
	struct test_case *v = NULL;
	size_t n = 0;
	char err[1024];
	if (cases_parse(set, keys, &v, &n, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		printf("%s\n", err);
		exit(1);
	}
	struct CMUnitTest *tests = calloc(n ? n : 1, sizeof *tests);
	char (*names)[256] = calloc(n ? n : 1, sizeof *names);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (only && strcmp(v[i].name, only) != 0)
			continue;
		snprintf(names[k], sizeof names[k], "%s/%s", set, v[i].name);
		tests[k] = (struct CMUnitTest){ names[k], fn, NULL, NULL, &v[i] };
		k++;
	}
	int rc;
	if (k == 0) {
		fprintf(stderr, "%s/CASES has no case%s%s\n", set, only ? " named " : "", only ? only : "");
		rc = 1;
	} else {
		char group[128];
		snprintf(group, sizeof group, "%s/CASES", set);
		rc = _cmocka_run_group_tests(group, tests, k, setup, teardown);
	}
	free(names);
	free(tests);
	free(v);
	return rc;
}
