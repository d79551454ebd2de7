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

const char *official_xsd(void)
{
	static int said;
	const char *xsd = getenv("PX_AKN_XSD");
	if (xsd && access(xsd, R_OK) == 0)
		return xsd;
	if (!said++)
		fprintf(stderr, "NOTE: the official Akoma Ntoso schema (%s) is not readable: documents are checked "
			"against the profile schema only\n", xsd ? xsd : "PX_AKN_XSD unset");
	return NULL;
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
