/*
 * fuzz_request.c - libFuzzer target for the request -> router -> handler path of the API, on an
 * in-memory database with a small tree, a few members and an admin session.
 *
 * Input: a request as text.
 *   line 1            METHOD TARGET            (TARGET: path and query, percent-encoded)
 *   header lines      Name: value              (Cookie, X-CSRF-Token, Content-Type,
 *                                               Accept-Language; "X-Anon: 1" drops the session)
 *   blank line, then  the body
 * Without a Cookie header the admin session's cookie is sent, without X-CSRF-Token its token,
 * so the fuzzer reaches the handlers; giving either header tests the checks instead.
 *
 * Built with -Dfuzz=true (clang, -fsanitize=fuzzer) as fuzz_request; built always with
 * FUZZ_REPLAY as fuzz_request_replay, whose main() runs every file named on the command line
 * (directories: every file in them) once; `meson test` replays tests/fuzz/corpus.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *st;
static struct http_config cfg;
static char cookie[96], csrf[HTTP_TOKEN_HEX];

static void die(const struct tcxd_error *e)
{
    fprintf(stderr, "fuzz_request: setup: %s\n", e->msg);
    abort();
}

static void setup(void)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    setenv("TCXD_PWHASH_FAST", "1", 1);
    if (store_open(":memory:", STORE_CREATE, &st, &e))
        die(&e);
    http_config_defaults(&cfg);
    cfg.routes = api_routes;
    cfg.login_delay_ms = 0;
    struct store_actor who = {"fuzz", "fuzz"};
    tcxd_date d = date_from_ymd(2000, 1, 1);
    int64_t root, dist, base, cb, cb2, other, ocb, id;
    struct org_create_req r[] = {
        {"HN", "Đảng bộ Thành phố", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0, d, ""},
        {"Q1", "Đảng bộ Quận Một", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0, d, ""},
        {"Q1P", "Đảng bộ Phường", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, 0, d, ""},
        {"Q1C", "Chi bộ Một", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, 0, d, ""},
        {"Q1C2", "Chi bộ Hai", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, 0, d, ""},
        {"Q2", "Đảng bộ Quận Hai", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0, d, ""},
        {"Q2C", "Chi bộ cơ sở Ba", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA, 0, d, ""},
    };
    int64_t *ids[] = {&root, &dist, &base, &cb, &cb2, &other, &ocb};
    int64_t parents[] = {-1, 0, 1, 2, 2, 0, 5};
    for (size_t i = 0; i < ARRAY_SIZE(r); i++) {
        r[i].parent_id = parents[i] < 0 ? 0 : *ids[parents[i]];
        if (store_org_create(st, &who, &r[i], ids[i], &e))
            die(&e);
    }
    const char *names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"};
    for (int i = 0; i < 4; i++) {
        struct member_fields f;
        member_fields_init(&f);
        char nid[16];
        snprintf(nid, sizeof(nid), "00108000%04d", i + 1);
        struct member_strings s = {.full_name = names[i],
                                   .gender = i % 2 ? "nu" : "nam",
                                   .birth_date = "1980-05-01",
                                   .national_id = nid};
        if (member_fields_parse(&s, &f, &e))
            die(&e);
        struct member_admit_req req = {&f, i < 3 ? cb : ocb, date_from_ymd(2010, 1, 1),
                                       date_from_ymd(2010, 1, 15), "1-QĐ", NULL};
        if (store_member_admit(st, &who, &req, &id, &e))
            die(&e);
        member_fields_release(&f);
    }
    char hash[USER_PWHASH_MAX];
    if (http_password_hash("fuzz-password", "password", hash, &e) ||
        store_user_add(st, &who, "admin", "Quản trị", ROLE_ADMIN, root, hash, 0, &e) ||
        store_user_add(st, &who, "viewer", "Xem", ROLE_VIEWER, dist, hash, 0, &e))
        die(&e);
    char token[HTTP_TOKEN_HEX], th[HTTP_TOKEN_HEX];
    memset(token, 'a', 64);
    token[64] = '\0';
    memset(csrf, 'c', 64);
    csrf[64] = '\0';
    http_token_hash(token, th);
    struct store_actor admin = {"admin", "127.0.0.1"};
    /* last_seen far in the future: the session never expires while fuzzing */
    if (store_session_create(st, &admin, th, csrf, root, INT64_MAX / 4, &e))
        die(&e);
    snprintf(cookie, sizeof(cookie), "tcxd_session=%s", token);
}

/* Splits the query string into decoded parameters (strings kept in bufs). */
static void parse_query(const char *q, struct http_request *req, struct buf *bufs, size_t nbufs)
{
    size_t k = 0;
    while (*q) {
        size_t n = strcspn(q, "&");
        const char *eq = memchr(q, '=', n);
        size_t kl = eq ? (size_t)(eq - q) : n;
        if (req->nquery >= HTTP_MAX_QUERY || k + 2 > nbufs) {
            req->query_overflow = true;
            return;
        }
        if (http_url_decode(q, kl, true, &bufs[k]) &&
            http_url_decode(eq ? eq + 1 : q + n, eq ? n - kl - 1 : 0, true, &bufs[k + 1])) {
            req->query[req->nquery].name = bufs[k].ptr;
            req->query[req->nquery].value = bufs[k + 1].ptr;
            req->nquery++;
            k += 2;
        }
        q += n;
        if (*q == '&')
            q++;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!st)
        setup();
    char *text = xmalloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    /* request line */
    char *eol = memchr(text, '\n', size);
    size_t l1 = eol ? (size_t)(eol - text) : size;
    char *sp = memchr(text, ' ', l1);
    if (!sp) {
        free(text);
        return 0;
    }
    *sp = '\0';
    char *target = sp + 1;
    text[l1] = '\0';
    if (l1 && text[l1 - 1] == '\r')
        text[l1 - 1] = '\0';
    struct http_request req;
    memset(&req, 0, sizeof(req));
    req.method = http_method_parse(text);
    req.address = "127.0.0.1";
    req.cookie = cookie;
    req.csrf = csrf;
    /* headers */
    char *p = eol ? eol + 1 : text + size;
    bool anon = false;
    while (p < text + size) {
        char *e2 = memchr(p, '\n', (size_t)(text + size - p));
        size_t n = e2 ? (size_t)(e2 - p) : (size_t)(text + size - p);
        if (n && p[n - 1] == '\r')
            p[n - 1] = '\0';
        p[n] = '\0';
        if (!*p) {
            p += n + 1;
            break;
        }
        char *colon = strchr(p, ':');
        if (colon) {
            *colon = '\0';
            char *v = colon + 1;
            while (*v == ' ')
                v++;
            if (!strcasecmp(p, "Cookie"))
                req.cookie = v;
            else if (!strcasecmp(p, "X-CSRF-Token"))
                req.csrf = v;
            else if (!strcasecmp(p, "Content-Type"))
                req.content_type = v;
            else if (!strcasecmp(p, "Accept-Language"))
                req.accept_language = v;
            else if (!strcasecmp(p, "X-Anon"))
                anon = true;
        }
        p += n + 1;
    }
    if (anon)
        req.cookie = NULL;
    if (p < text + size) {
        req.body = p;
        req.body_len = (size_t)(text + size - p);
    }
    /* target: path and query */
    char *qm = strchr(target, '?');
    struct buf path = BUF_INIT, qbufs[2 * HTTP_MAX_QUERY];
    for (size_t i = 0; i < ARRAY_SIZE(qbufs); i++)
        buf_init(&qbufs[i], 0);
    if (qm)
        *qm = '\0';
    if (http_url_decode(target, strlen(target), false, &path) && !strncmp(path.ptr, "/api/", 5)) {
        if (qm)
            parse_query(qm + 1, &req, qbufs, ARRAY_SIZE(qbufs));
        req.path = path.ptr;
        struct http_response res;
        http_response_init(&res);
        http_dispatch(st, &cfg, &req, &res);
        if (res.status < 200 || res.status > 599)
            abort();
        http_response_release(&res);
    }
    buf_release(&path);
    for (size_t i = 0; i < ARRAY_SIZE(qbufs); i++)
        buf_release(&qbufs[i]);
    free(text);
    return 0;
}

#ifdef FUZZ_REPLAY
static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    LLVMFuzzerTestOneInput((const uint8_t *)b.ptr, b.len);
    buf_release(&b);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int rc = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) {
            rc |= run_file(argv[i]);
            files++;
            continue;
        }
        char **names = NULL;
        size_t nn = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            ALLOC_GROW(names, nn + 1, cap);
            names[nn++] = xstrdup(de->d_name);
        }
        closedir(d);
        if (nn)
            qsort(names, nn, sizeof(*names), cmp_str);
        for (size_t k = 0; k < nn; k++) {
            char path[4096];
            snprintf(path, sizeof(path), "%s/%s", argv[i], names[k]);
            rc |= run_file(path);
            files++;
            free(names[k]);
        }
        free(names);
    }
    printf("replayed %d inputs\n", files);
    http_thread_cleanup();
    store_close(st);
    return rc || !files;
}
#endif
