/*
 * client.c - run tcxd and talk HTTP to `tcxd serve` for the API tests (see client.h).
 */
#include "client.h"

#include "store/store.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char *bin(void)
{
    const char *b = getenv("TCXD_BIN");
    if (!b || !*b) {
        fprintf(stderr, "TCXD_BIN is not set\n");
        abort();
    }
    return b;
}

static void nap_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int tcxd_run(const char *db, const char *password, char *out, size_t n, const char *arg, ...)
{
    const char *argv[64];
    int argc = 0;
    argv[argc++] = bin();
    argv[argc++] = "--db";
    argv[argc++] = db;
    va_list ap;
    va_start(ap, arg);
    for (const char *a = arg; a && argc < 62; a = va_arg(ap, const char *))
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    int pipefd[2];
    if (pipe(pipefd))
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
    posix_spawn_file_actions_addclose(&fa, pipefd[0]);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (password)
        setenv("TCXD_PASSWORD", password, 1);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    unsetenv("TCXD_PASSWORD");
    posix_spawn_file_actions_destroy(&fa);
    close(pipefd[1]);
    if (rc) {
        close(pipefd[0]);
        return -1;
    }
    size_t got = 0;
    char sink[4096];
    for (;;) {
        char *dst = out && got + 1 < n ? out + got : sink;
        size_t room = out && got + 1 < n ? n - 1 - got : sizeof(sink);
        ssize_t k = read(pipefd[0], dst, room);
        if (k <= 0)
            break;
        if (dst != sink)
            got += (size_t)k;
    }
    if (out && n)
        out[got] = '\0';
    close(pipefd[0]);
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* every server started, so a failed test cannot leave one running */
static pid_t live[32];
static size_t nlive;

void server_kill_all(void)
{
    for (size_t i = 0; i < nlive; i++) {
        int st;
        if (live[i] > 0 && waitpid(live[i], &st, WNOHANG) == 0) {
            kill(live[i], SIGKILL);
            waitpid(live[i], &st, 0);
        }
    }
    nlive = 0;
}

bool server_start(struct server *s, const char *db, const char *arg, ...)
{
    memset(s, 0, sizeof(*s));
    snprintf(s->dir, sizeof(s->dir), "%s", db);
    char *slash = strrchr(s->dir, '/');
    if (slash)
        *slash = '\0';
    snprintf(s->db, sizeof(s->db), "%s", db);
    char portfile[320];
    static int serial;
    snprintf(portfile, sizeof(portfile), "%s/port%d", s->dir, ++serial);
    snprintf(s->log, sizeof(s->log), "%s/serve%d.log", s->dir, serial);
    unlink(portfile);
    const char *argv[40];
    int argc = 0;
    argv[argc++] = bin();
    argv[argc++] = "--db";
    argv[argc++] = db;
    argv[argc++] = "serve";
    argv[argc++] = "--listen";
    argv[argc++] = "127.0.0.1:0";
    argv[argc++] = "--port-file";
    argv[argc++] = portfile;
    va_list ap;
    va_start(ap, arg);
    for (const char *a = arg; a && argc < 38; a = va_arg(ap, const char *))
        argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, s->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 2, 1);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    int rc = posix_spawn(&s->pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc)
        return false;
    if (nlive < sizeof(live) / sizeof(live[0]))
        live[nlive++] = s->pid;
    for (int i = 0; i < 600; i++) {
        FILE *f = fopen(portfile, "r");
        if (f) {
            int p = 0;
            if (fscanf(f, "%d", &p) == 1 && p > 0)
                s->port = p;
            fclose(f);
            if (s->port)
                return true;
        }
        int st;
        if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
            s->pid = 0;
            return false;
        }
        nap_ms(50);
    }
    return false;
}

int server_stop(struct server *s)
{
    if (!s->pid)
        return -1;
    kill(s->pid, SIGTERM);
    int st = 0;
    for (int i = 0; i < 400; i++) {
        if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
            s->pid = 0;
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
        nap_ms(50);
    }
    kill(s->pid, SIGKILL);
    waitpid(s->pid, &st, 0);
    s->pid = 0;
    return 137;
}

void resp_release(struct resp *r)
{
    free(r->headers);
    free(r->body);
    json_decref(r->json);
    memset(r, 0, sizeof(*r));
}

bool resp_header(const struct resp *r, const char *name, char *out, size_t n)
{
    size_t nl = strlen(name);
    for (const char *p = r->headers; p && *p;) {
        const char *eol = strstr(p, "\r\n");
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > nl && p[nl] == ':' && !strncasecmp(p, name, nl)) {
            const char *v = p + nl + 1;
            while (*v == ' ')
                v++;
            size_t vl = len - (size_t)(v - p);
            if (vl >= n)
                vl = n - 1;
            memcpy(out, v, vl);
            out[vl] = '\0';
            return true;
        }
        if (!eol)
            break;
        p = eol + 2;
    }
    return false;
}

static int connect_port(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
        close(fd);
        return -1;
    }
    struct timeval tv = {30, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    return fd;
}

static bool send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0)
            return false;
        p += k;
        n -= (size_t)k;
    }
    return true;
}

static bool read_response(int fd, struct resp *r)
{
    memset(r, 0, sizeof(*r));
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 4096 > cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        ssize_t k = recv(fd, buf + len, cap - len - 1, 0);
        if (k <= 0)
            break;
        len += (size_t)k;
    }
    buf[len] = '\0';
    char *end = strstr(buf, "\r\n\r\n");
    if (!end || sscanf(buf, "HTTP/1.%*d %d", &r->status) != 1) {
        free(buf);
        return false;
    }
    size_t hl = (size_t)(end - buf);
    r->headers = malloc(hl + 1);
    memcpy(r->headers, buf, hl);
    r->headers[hl] = '\0';
    r->body_len = len - hl - 4;
    r->body = malloc(r->body_len + 1);
    memcpy(r->body, end + 4, r->body_len);
    r->body[r->body_len] = '\0';
    free(buf);
    r->json = json_loadb(r->body, r->body_len, 0, NULL);
    char sc[512];
    if (resp_header(r, "Set-Cookie", sc, sizeof(sc))) {
        char *semi = strchr(sc, ';');
        if (semi)
            *semi = '\0';
        snprintf(r->cookie, sizeof(r->cookie), "%.127s", sc);
    }
    return true;
}

bool http_raw(int port, const char *bytes, size_t len, struct resp *r)
{
    int fd = connect_port(port);
    if (fd < 0)
        return false;
    bool ok = send_all(fd, bytes, len);
    shutdown(fd, SHUT_WR);
    ok = read_response(fd, r) && ok;
    close(fd);
    return ok;
}

bool http_request(const struct session *s, const char *method, const char *path,
                  const char *content_type, const char *body, size_t body_len, struct resp *r)
{
    if (body && !body_len)
        body_len = strlen(body);
    size_t cap = 2048 + body_len;
    char *req = malloc(cap);
    int n = snprintf(req, cap,
                     "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     "Accept-Language: en\r\n",
                     method, path);
    if (s->cookie[0])
        n += snprintf(req + n, cap - (size_t)n, "Cookie: %s\r\n", s->cookie);
    if (s->csrf[0])
        n += snprintf(req + n, cap - (size_t)n, "X-CSRF-Token: %s\r\n", s->csrf);
    if (body) {
        n += snprintf(req + n, cap - (size_t)n, "Content-Type: %s\r\nContent-Length: %zu\r\n",
                      content_type ? content_type : "application/json", body_len);
    }
    n += snprintf(req + n, cap - (size_t)n, "\r\n");
    if (body) {
        memcpy(req + n, body, body_len);
        n += (int)body_len;
    }
    int fd = connect_port(s->port);
    if (fd < 0) {
        free(req);
        return false;
    }
    /* a server refusing a body too large may answer and close before it is all sent: the
       answer is what counts */
    send_all(fd, req, (size_t)n);
    free(req);
    bool ok = read_response(fd, r);
    close(fd);
    return ok;
}

int login(struct session *s, int port, const char *user, const char *password)
{
    memset(s, 0, sizeof(*s));
    s->port = port;
    json_t *body = json_pack("{s:s, s:s}", "username", user, "password", password);
    char *b = json_dumps(body, 0);
    json_decref(body);
    struct resp r;
    if (!http_request(s, "POST", "/api/login", NULL, b, 0, &r)) {
        free(b);
        return -1;
    }
    free(b);
    snprintf(s->cookie, sizeof(s->cookie), "%s", r.cookie);
    const char *csrf = r.json ? json_string_value(json_object_get(r.json, "csrf")) : NULL;
    snprintf(s->csrf, sizeof(s->csrf), "%s", csrf ? csrf : "");
    int st = r.status;
    resp_release(&r);
    return st;
}

int get(const struct session *s, const char *path, json_t **j)
{
    struct resp r;
    if (!http_request(s, "GET", path, NULL, NULL, 0, &r))
        return -1;
    int st = r.status;
    if (j) {
        *j = r.json;
        r.json = NULL;
    }
    resp_release(&r);
    return st;
}

int post(const struct session *s, const char *path, const char *json_body, json_t **j)
{
    struct resp r;
    if (!http_request(s, "POST", path, NULL, json_body ? json_body : "{}", 0, &r))
        return -1;
    int st = r.status;
    if (j) {
        *j = r.json;
        r.json = NULL;
    }
    resp_release(&r);
    return st;
}

int64_t seed_id(const char *json_text)
{
    json_t *j = json_loads(json_text, 0, NULL);
    int64_t id = j ? json_integer_value(json_object_get(j, "id")) : 0;
    json_decref(j);
    return id;
}

int64_t seed_org(const char *db, const char *code, const char *name, const char *tier,
                 const char *form, const char *parent, const char *type)
{
    char out[8192];
    const char *nm = name ? name : code;
    int rc = type ? tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, nm, "--tier",
                             tier, "--form", form, "--parent", parent, "--type", type, "--date",
                             "2000-01-01", NULL)
             : parent
                 ? tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, nm, "--tier",
                            tier, "--form", form, "--parent", parent, "--date", "2000-01-01", NULL)
                 : tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, nm, "--tier",
                            tier, "--form", form, "--date", "2000-01-01", NULL);
    int64_t id = rc ? 0 : seed_id(out);
    if (!id)
        fprintf(stderr, "seed_org: org add %s failed (exit %d)\n", code, rc);
    return id;
}

bool seed_new_db(const char *name, char dir[256], char db[300])
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, 256, "%s/%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "seed_new_db: mkdtemp %s failed\n", dir);
        return false;
    }
    snprintf(db, 300, "%s/t.db", dir);
    setenv("TCXD_PWHASH_FAST", "1", 1);
    if (tcxd_run(db, NULL, NULL, 0, "init", NULL)) {
        fprintf(stderr, "seed_new_db: tcxd init %s failed\n", db);
        return false;
    }
    return true;
}

int64_t seed_audit_count(const char *db)
{
    struct store *st;
    struct tcxd_error e;
    if (store_open(db, STORE_READONLY, &st, &e)) {
        fprintf(stderr, "seed_audit_count: %s\n", e.msg);
        return -1;
    }
    int64_t n = store_audit_count(st);
    store_close(st);
    return n;
}

bool post_refused(const struct session *s, const char *db, const char *path, const char *body,
                  int status, const char *field)
{
    int64_t before = seed_audit_count(db);
    json_t *j = NULL;
    int st = post(s, path, body, &j);
    const char *got = json_string_value(json_object_get(json_object_get(j, "error"), "field"));
    int64_t after = seed_audit_count(db);
    bool ok = st == status && (!field || (got && !strcmp(got, field))) && after == before;
    if (!ok) {
        char *t = j ? json_dumps(j, 0) : NULL;
        fprintf(stderr,
                "POST %s %s: status %d (wanted %d), field %s (wanted %s), %lld audit records "
                "added: %s\n",
                path, body, st, status, got ? got : "none", field ? field : "any",
                (long long)(after - before), t ? t : "");
        free(t);
    }
    json_decref(j);
    return ok;
}
