/*
 * server.c - `tcxd serve`'s loop on libmicrohttpd: an epoll thread pool sized to the cores,
 * connection cap, timeouts and body limits; /api/ requests go to http_dispatch with the worker
 * thread's own struct store (opened on the thread's first request, closed when the thread
 * ends); everything else is a static file from the web root (index.html for unknown paths).
 * Every response carries the security headers; one access-log line per request on stderr
 * (time, user, method, path, names of query parameters, status, duration: no values).
 * SIGTERM/SIGINT: stop accepting, let requests in flight finish (10 s at most), stop.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/http.h"
#include "util/msg.h"
#include "util/xmalloc.h"

#ifndef TCXD_SOURCE_DIR
#define TCXD_SOURCE_DIR "."
#endif

/*
 * API requests are answered by the server's own worker threads, not on libmicrohttpd's (issue
 * 11): a connection stays on the pool thread of libmicrohttpd that accepted it, which runs its
 * connections' handlers one at a time, so a light request accepted by a thread that then ran a
 * heavy one waited for all of it (measured: 20 of the 25 light requests over 20 ms behind two heavy
 * readers had waited before their handler began). Now the pool threads only read and write the
 * sockets: a complete API request is suspended (MHD_suspend_connection), queued, answered by the
 * first free worker (each with its own store, bench/trust/heavy_readers.sh), and resumed to send
 * the answer.
 */
struct job {
    struct job *next;
    struct MHD_Connection *conn;
    struct conn_state *cs;
};

struct workers {
    pthread_mutex_t mu;
    pthread_cond_t cv;      /* a job queued, or stop */
    pthread_cond_t idle_cv; /* a job finished */
    struct job *head, *tail;
    size_t running;
    bool stop;
    pthread_t *threads;
    unsigned n;
};

struct server {
    const struct http_server_opts *o;
    char web_root[PATH_MAX]; /* "" when there is none */
    atomic_int inflight;
    pthread_key_t store_key;
    struct workers w;
};

/* Switches the whole process (every thread) to the account: groups, group, user; checks that
   root cannot be regained. */
static bool drop_privileges(const char *user, struct tcxd_error *e)
{
    struct passwd *pw = getpwnam(user);
    if (!pw) {
        tcxd_fail(e, TCXD_EINVAL, "user", "no account '%s' to run as", user);
        return false;
    }
    if (initgroups(pw->pw_name, pw->pw_gid) || setgid(pw->pw_gid) || setuid(pw->pw_uid) ||
        (pw->pw_uid != 0 && setuid(0) == 0)) {
        tcxd_fail(e, TCXD_EIO, "user", "cannot switch to account '%s': %s", user, strerror(errno));
        return false;
    }
    return true;
}

/* A PEM file into b (NUL-terminated, as libmicrohttpd wants it). */
static bool read_pem(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b->len < (1u << 20))
        buf_add(b, chunk, n);
    fclose(f);
    return b->len > 0 && strstr(b->ptr, "-----BEGIN");
}

struct conn_state {
    struct timespec start;
    struct buf body;
    size_t limit;
    bool too_big;
    bool answered;
    /* an API request handed to a worker: the request, then its answer (done) */
    bool queued, done;
    const char *method, *url;
    char addr[64];
    struct http_request req;
    struct http_response res;
    enum tcxd_err store_err; /* the worker could not open its store: answer this */
    char store_msg[600];
};

/* No 'unsafe-inline' for styles: the web build writes no style attributes or elements; Chart.js
   and Preact's style props set element.style through the CSSOM, which style-src does not
   govern (web/README.md; the e2e tests fail on any CSP report in the console). */
static const char csp[] = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                          "script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
                          "base-uri 'none'";

static void store_destructor(void *p)
{
    http_thread_cleanup();
    store_close(p);
}

static struct store *thread_store(struct server *sv, struct tcxd_error *e)
{
    struct store *st = pthread_getspecific(sv->store_key);
    if (st)
        return st;
    if (store_open(sv->o->db_path, 0, &st, e))
        return NULL;
    pthread_setspecific(sv->store_key, st);
    return st;
}

/* After every API request the thread's connection must be idle: no statement stepping, no
   transaction open (issue 9). Leftovers are a bug: store_idle_check names and repairs them
   (with TCXD_STRICT_STORE=1, as in the tests, it stops the server so the bug cannot hide). */
static void request_end(struct store *st, const char *method, const char *url)
{
    char where[160];
    snprintf(where, sizeof(where), "after %s %.120s", method, url);
    store_idle_check(st, where);
}

static double elapsed_ms(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

struct log_ctx {
    struct buf *b;
    int n;
};

static enum MHD_Result log_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
    struct log_ctx *lc = cls;
    if (lc->n++ < 16) {
        buf_addch(lc->b, lc->n == 1 ? '?' : '&');
        for (const char *p = key; *p && p - key < 32; p++)
            buf_addch(lc->b, (*p > ' ' && *p < 127 && *p != '&') ? *p : '_');
        buf_addch(lc->b, '=');
    }
    return MHD_YES;
}

static void access_log(struct server *sv, struct MHD_Connection *conn, const char *method,
                       const char *url, int status, const char *user, const struct timespec *t0)
{
    if (sv->o->quiet)
        return;
    char at[32];
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    struct buf line = BUF_INIT;
    buf_addf(&line, "%s %s %.16s ", at, user && *user ? user : "-", method);
    /* the path: printable ASCII only, bounded (names in paths are not logged: ids only) */
    for (const char *p = url; *p && p - url < 200; p++)
        buf_addch(&line, (*p > ' ' && *p < 127) ? *p : '_');
    struct log_ctx lc = {&line, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, log_arg, &lc);
    buf_addf(&line, " %d %.3fms\n", status, elapsed_ms(t0));
    fwrite(line.ptr, 1, line.len, stderr);
    buf_release(&line);
}

static void add_common_headers(struct MHD_Response *r, bool api)
{
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    if (api)
        MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_response(struct server *sv, struct MHD_Connection *conn,
                                     struct conn_state *cs, const char *method, const char *url,
                                     struct http_response *res)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(res->body.len, res->body.ptr, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    add_common_headers(r, true);
    MHD_add_response_header(r, "Content-Type", res->content_type);
    if (res->set_cookie[0])
        MHD_add_response_header(r, "Set-Cookie", res->set_cookie);
    if (res->disposition[0])
        MHD_add_response_header(r, "Content-Disposition", res->disposition);
    if (res->allow[0])
        MHD_add_response_header(r, "Allow", res->allow);
    if (res->retry_after > 0) {
        char ra[16];
        snprintf(ra, sizeof(ra), "%d", res->retry_after);
        MHD_add_response_header(r, "Retry-After", ra);
    }
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
    MHD_destroy_response(r);
    cs->answered = true;
    access_log(sv, conn, method, url, res->status, res->username, &cs->start);
    return ok;
}

static enum MHD_Result send_error(struct server *sv, struct MHD_Connection *conn,
                                  struct conn_state *cs, const char *method, const char *url,
                                  enum tcxd_err code, const char *msg)
{
    struct http_response res;
    http_response_init(&res);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_fail(&e, code, "", "%s", msg);
    http_error(&res, &e, true);
    enum MHD_Result ok = send_response(sv, conn, cs, method, url, &res);
    http_response_release(&res);
    return ok;
}

/* ---- static files ---- */

static const char *mime_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
        {".map", "application/json"},
    };
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash))
        for (size_t i = 0; i < ARRAY_SIZE(types); i++)
            if (!strcmp(dot, types[i].ext))
                return types[i].type;
    return "application/octet-stream";
}

static int open_regular(const char *path, struct stat *sb)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (fstat(fd, sb) || !S_ISREG(sb->st_mode)) {
        close(fd);
        return -1;
    }
    return fd;
}

static enum MHD_Result serve_static(struct server *sv, struct MHD_Connection *conn,
                                    struct conn_state *cs, const char *method, const char *url)
{
    if (strcmp(method, "GET") && strcmp(method, "HEAD"))
        return send_error(sv, conn, cs, method, url, TCXD_EINVAL, "method not allowed");
    if (!sv->web_root[0])
        return send_error(sv, conn, cs, method, url, TCXD_ENOTFOUND,
                          "the web UI is not installed (see --web-root)");
    char path[PATH_MAX + 512];
    struct stat sb;
    int fd = -1;
    bool bad = strstr(url, "/..") || strstr(url, "\\") || url[0] != '/' || strlen(url) > 400;
    const char *shown = url;
    if (!bad && url[1] && url[strlen(url) - 1] != '/') {
        snprintf(path, sizeof(path), "%s%s", sv->web_root, url);
        fd = open_regular(path, &sb);
    }
    if (fd < 0) {
        /* the UI routes on the client: every other path gets index.html */
        snprintf(path, sizeof(path), "%s/index.html", sv->web_root);
        fd = open_regular(path, &sb);
        if (fd < 0)
            return send_error(sv, conn, cs, method, url, TCXD_ENOTFOUND,
                              "the web UI is not installed (no index.html)");
    }
    struct MHD_Response *r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    add_common_headers(r, false);
    MHD_add_response_header(r, "Content-Type", mime_type(path));
    MHD_add_response_header(r, "Cache-Control",
                            strstr(path, "/assets/") ? "public, max-age=31536000, immutable"
                                                     : "no-cache");
    enum MHD_Result ok = MHD_queue_response(conn, MHD_HTTP_OK, r);
    MHD_destroy_response(r);
    cs->answered = true;
    access_log(sv, conn, method, shown, 200, "", &cs->start);
    return ok;
}

/* ---- requests ---- */

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    struct http_request *req = cls;
    if (req->nquery >= HTTP_MAX_QUERY) {
        req->query_overflow = true;
        return MHD_NO;
    }
    req->query[req->nquery].name = key;
    req->query[req->nquery].value = value ? value : "";
    req->nquery++;
    return MHD_YES;
}

static void peer_address(struct MHD_Connection *conn, char *out, size_t n)
{
    snprintf(out, n, "?");
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    struct server *sv = cls;
    struct conn_state *cs = *con_cls;
    bool api = !strncmp(url, "/api/", 5);
    if (!cs) {
        cs = xcalloc(1, sizeof(*cs));
        clock_gettime(CLOCK_MONOTONIC, &cs->start);
        buf_init(&cs->body, 0);
        cs->limit = api && !strncmp(url, "/api/import/", 12) ? sv->o->cfg.max_file_body
                                                             : sv->o->cfg.max_json_body;
        *con_cls = cs;
        atomic_fetch_add(&sv->inflight, 1);
        const char *cl =
            MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > cs->limit)
            return send_error(sv, conn, cs, method, url, TCXD_ETOOBIG,
                              "the request body is too large");
        return MHD_YES;
    }
    if (*upload_size) {
        if (!cs->too_big && !cs->answered) {
            if (cs->body.len + *upload_size > cs->limit) {
                cs->too_big = true;
                buf_release(&cs->body);
            } else {
                buf_add(&cs->body, upload_data, *upload_size);
            }
        }
        *upload_size = 0;
        return MHD_YES;
    }
    if (cs->answered)
        return MHD_YES;
    if (cs->queued) { /* resumed: the worker's answer */
        if (!cs->done)
            return MHD_YES;
        cs->queued = cs->done = false;
        if (cs->store_err)
            return send_error(sv, conn, cs, method, url, cs->store_err, cs->store_msg);
        enum MHD_Result ok = send_response(sv, conn, cs, method, url, &cs->res);
        http_response_release(&cs->res);
        return ok;
    }
    if (cs->too_big)
        return send_error(sv, conn, cs, method, url, TCXD_ETOOBIG, "the request body is too large");
    if (!api)
        return serve_static(sv, conn, cs, method, url);

    struct http_request req;
    memset(&req, 0, sizeof(req));
    char *addr = cs->addr;
    peer_address(conn, cs->addr, sizeof(cs->addr));
    req.method = http_method_parse(method);
    req.path = url;
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &req);
    req.cookie = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_COOKIE);
    req.csrf = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-CSRF-Token");
    req.forwarded_for = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
    req.content_type =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    req.accept_language =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
    req.body = cs->body.ptr;
    req.body_len = cs->body.len;
    req.address = addr;
    req.tls = sv->o->tls_cert != NULL;
    cs->req = req;
    http_response_init(&cs->res);
    cs->method = method;
    cs->url = url;
    cs->queued = true;
    MHD_suspend_connection(conn);
    struct job *j = xcalloc(1, sizeof(*j));
    j->conn = conn;
    j->cs = cs;
    pthread_mutex_lock(&sv->w.mu);
    if (sv->w.tail)
        sv->w.tail->next = j;
    else
        sv->w.head = j;
    sv->w.tail = j;
    pthread_cond_signal(&sv->w.cv);
    pthread_mutex_unlock(&sv->w.mu);
    return MHD_YES;
}

static void *worker_main(void *arg)
{
    struct server *sv = arg;
    struct workers *w = &sv->w;
    for (;;) {
        pthread_mutex_lock(&w->mu);
        while (!w->head && !w->stop)
            pthread_cond_wait(&w->cv, &w->mu);
        struct job *j = w->head;
        if (!j) {
            pthread_mutex_unlock(&w->mu);
            break;
        }
        w->head = j->next;
        if (!w->head)
            w->tail = NULL;
        w->running++;
        pthread_mutex_unlock(&w->mu);
        struct conn_state *cs = j->cs;
        struct tcxd_error e;
        tcxd_error_clear(&e);
        struct store *st = thread_store(sv, &e);
        if (!st) {
            cs->store_err = TCXD_EDB;
            snprintf(cs->store_msg, sizeof(cs->store_msg), "%s", e.msg);
        } else {
            http_dispatch(st, &sv->o->cfg, &cs->req, &cs->res);
            request_end(st, cs->method, cs->url);
        }
        cs->done = true;
        struct MHD_Connection *conn = j->conn;
        free(j);
        pthread_mutex_lock(&w->mu);
        w->running--;
        pthread_cond_broadcast(&w->idle_cv);
        pthread_mutex_unlock(&w->mu);
        MHD_resume_connection(conn); /* cs is libmicrohttpd's again */
    }
    return NULL;
}

static bool workers_start(struct server *sv, unsigned n)
{
    struct workers *w = &sv->w;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    pthread_cond_init(&w->idle_cv, NULL);
    w->threads = xcalloc(n, sizeof(*w->threads));
    for (w->n = 0; w->n < n; w->n++)
        if (pthread_create(&w->threads[w->n], NULL, worker_main, sv))
            break;
    return w->n > 0;
}

/* Waits for the jobs queued and running (an import may take minutes). */
static void workers_drain(struct server *sv)
{
    struct workers *w = &sv->w;
    pthread_mutex_lock(&w->mu);
    while (w->head || w->running)
        pthread_cond_wait(&w->idle_cv, &w->mu);
    pthread_mutex_unlock(&w->mu);
}

static void workers_stop(struct server *sv)
{
    struct workers *w = &sv->w;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_broadcast(&w->cv);
    pthread_mutex_unlock(&w->mu);
    for (unsigned i = 0; i < w->n; i++)
        pthread_join(w->threads[i], NULL); /* each closes its store (the key's destructor) */
    free(w->threads);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    pthread_cond_destroy(&w->idle_cv);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *sv = cls;
    struct conn_state *cs = *con_cls;
    if (!cs)
        return;
    if (cs->done) /* closed before the answer went out */
        http_response_release(&cs->res);
    buf_release(&cs->body);
    free(cs);
    *con_cls = NULL;
    atomic_fetch_sub(&sv->inflight, 1);
}

/* ---- listen address ---- */

static enum tcxd_err parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len,
                                  bool *v6, struct tcxd_error *e)
{
    char host[128];
    const char *colon;
    memset(ss, 0, sizeof(*ss));
    if (s[0] == '[') {
        const char *end = strchr(s, ']');
        if (!end || end[1] != ':' || (size_t)(end - s - 1) >= sizeof(host))
            goto bad;
        memcpy(host, s + 1, (size_t)(end - s - 1));
        host[end - s - 1] = '\0';
        colon = end + 1;
    } else {
        colon = strrchr(s, ':');
        if (!colon || (size_t)(colon - s) >= sizeof(host))
            goto bad;
        memcpy(host, s, (size_t)(colon - s));
        host[colon - s] = '\0';
        if (!host[0])
            snprintf(host, sizeof(host), "0.0.0.0");
    }
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || port < 0 || port > 65535)
        goto bad;
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *len = sizeof(*a4);
        *v6 = false;
        return TCXD_OK;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *len = sizeof(*a6);
        *v6 = true;
        return TCXD_OK;
    }
bad:
    return tcxd_fail(e, TCXD_EINVAL, "listen",
                     "invalid --listen '%s' (ADDRESS:PORT, e.g. 127.0.0.1:8080 or [::1]:8080)", s);
}

static void pick_web_root(struct server *sv)
{
    const char *cands[3] = {sv->o->web_root, NULL, NULL};
    if (!sv->o->web_root) {
        cands[0] = TCXD_SOURCE_DIR "/web/dist";
        cands[1] = "/usr/share/tcxd/web";
    }
    for (int i = 0; i < 3 && cands[i]; i++) {
        char real[PATH_MAX];
        struct stat sb;
        if (realpath(cands[i], real) && !stat(real, &sb) && S_ISDIR(sb.st_mode)) {
            snprintf(sv->web_root, sizeof(sv->web_root), "%s", real);
            return;
        }
    }
    sv->web_root[0] = '\0';
}

static void housekeeping(struct store *st, const struct http_config *cfg)
{
    int64_t now = (int64_t)time(NULL);
    struct tcxd_error e;
    if (st && store_auth_prune(st, now - cfg->session_timeout, now - cfg->login_window, &e))
        fprintf(stderr, "tcxd: housekeeping: %s\n", e.msg);
}

int http_serve(const struct http_server_opts *o, struct tcxd_error *e)
{
    struct server sv;
    memset(&sv, 0, sizeof(sv));
    sv.o = o;
    atomic_init(&sv.inflight, 0);
    struct sockaddr_storage ss;
    socklen_t sslen;
    bool v6 = false;
    if (parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &ss, &sslen, &v6, e))
        return 1;
    /* open the database once up front: migrations run here, and a bad path fails early */
    struct store *main_st = NULL;
    if (store_open(o->db_path, 0, &main_st, e))
        return 1;
    housekeeping(main_st, &o->cfg);
    pick_web_root(&sv);
    if (o->web_root && !sv.web_root[0]) {
        store_close(main_st);
        tcxd_fail(e, TCXD_EINVAL, "web_root", "web root '%s' is not a directory", o->web_root);
        return 1;
    }
    if (pthread_key_create(&sv.store_key, store_destructor)) {
        store_close(main_st);
        tcxd_fail(e, TCXD_EINTERNAL, "", "pthread_key_create failed");
        return 1;
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    unsigned threads = o->threads > 0 ? (unsigned)o->threads : (unsigned)(cores > 0 ? cores : 1);

    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL); /* worker threads inherit the mask */
    signal(SIGPIPE, SIG_IGN);

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                     MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    /* TLS in the server itself: libmicrohttpd's GnuTLS with the PEM files read once */
    struct buf cert = BUF_INIT, key = BUF_INIT;
    struct MHD_OptionItem tls[3] = {
        {MHD_OPTION_END, 0, NULL}, {MHD_OPTION_END, 0, NULL}, {MHD_OPTION_END, 0, NULL}};
    if (o->tls_cert || o->tls_key) {
        const char *bad = !o->tls_cert || !o->tls_key     ? "tls"
                          : !read_pem(o->tls_cert, &cert) ? o->tls_cert
                          : !read_pem(o->tls_key, &key)   ? o->tls_key
                                                          : NULL;
        if (!bad && MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
            bad = "libmicrohttpd";
        if (bad) {
            buf_release(&cert);
            buf_release(&key);
            pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
            store_close(main_st);
            pthread_key_delete(sv.store_key);
            tcxd_fail(e, TCXD_EIO, "tls",
                      "cannot serve TLS (%s): give --tls-cert and --tls-key, readable PEM files, "
                      "and a libmicrohttpd built with GnuTLS",
                      bad);
            return 1;
        }
        flags |= MHD_USE_TLS;
        tls[0] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, cert.ptr};
        tls[1] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, key.ptr};
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, &sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)(o->max_connections > 0 ? o->max_connections : 1000),
        MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)(o->connection_timeout > 0 ? o->connection_timeout : 30),
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_LISTEN_BACKLOG_SIZE,
        (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &sv, MHD_OPTION_ARRAY, tls,
        MHD_OPTION_END);
    if (!d) {
        buf_release(&cert);
        buf_release(&key);
        pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
        store_close(main_st);
        pthread_key_delete(sv.store_key);
        tcxd_fail(e, TCXD_EIO, "listen", "cannot listen on %s: %s",
                  o->listen ? o->listen : "127.0.0.1:8080", strerror(errno));
        return 1;
    }
    if (!workers_start(&sv, threads))
        BUG("cannot start the worker threads");
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : 0;
    /* least privilege: the socket, the database and the TLS key are open; the rest (worker
       threads' connections, the WAL) runs as the service account */
    if (o->run_as && !drop_privileges(o->run_as, e)) {
        MHD_quiesce_daemon(d);
        workers_drain(&sv);
        MHD_stop_daemon(d);
        workers_stop(&sv);
        buf_release(&cert);
        buf_release(&key);
        pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
        store_close(main_st);
        pthread_key_delete(sv.store_key);
        return 1;
    }
    fputs("tcxd: ", stderr);
    fprintf(stderr, MSG_T("listening on port %u (%u threads, web root %s)"), port, threads,
            sv.web_root[0] ? sv.web_root : MSG_T("none"));
    fputc('\n', stderr);
    if (o->port_file) {
        char tmp[PATH_MAX];
        snprintf(tmp, sizeof(tmp), "%s.tmp", o->port_file);
        FILE *f = fopen(tmp, "w");
        if (f) {
            fprintf(f, "%u\n", port);
            fclose(f);
            rename(tmp, o->port_file);
        }
    }

    for (;;) {
        struct timespec wait = {600, 0};
        int sig = sigtimedwait(&sigs, NULL, &wait);
        if (sig == SIGTERM || sig == SIGINT)
            break;
        housekeeping(main_st, &o->cfg);
    }
    fprintf(stderr, "tcxd: %s\n", MSG_T("shutting down: finishing requests in flight"));
    MHD_socket lfd = MHD_quiesce_daemon(d);
    workers_drain(&sv); /* no connection stays suspended */
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while (atomic_load(&sv.inflight) > 0 && elapsed_ms(&t0) < 10000) {
        struct timespec nap = {0, 10 * 1000 * 1000};
        nanosleep(&nap, NULL);
    }
    MHD_stop_daemon(d);
    workers_stop(&sv);
    buf_release(&cert);
    buf_release(&key);
    if (lfd != MHD_INVALID_SOCKET)
        close(lfd);
    pthread_key_delete(sv.store_key);
    store_close(main_st);
    pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
    fprintf(stderr, "tcxd: %s\n", MSG_T("stopped"));
    return 0;
}
