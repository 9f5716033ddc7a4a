/*
 * test_api_vi.c - the language of the API's error messages on the real `tcxd serve` over
 * loopback: Accept-Language "vi" or no header gives Vietnamese, "en..." gives English, per
 * request, on one worker thread that serves them in turn (the language is per request, not
 * left over from the previous one), and whatever TCXD_LANG the server was started with.
 * Checked on messages of the domain layer (official recognition before the 12 months of
 * probation, a chi bộ under a chi bộ) and on one of the router's own (a date not in ISO form).
 * The expected sentences are the catalog's (src/util/msg_vi.c) with this test's values.
 *
 * Tree: T > T.C (base chi bộ); member #1 admitted 01/03/2015, ceremony 15/03/2015.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client.h"

static const char PW[] = "Canbo-test-2024";
static char dir[256], db[300];
static struct server srv;
static long long id_c, id_m;

static int setup(void **state)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof(dir), "%s/tcxd-api-vi-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db, sizeof(db), "%s/t.db", dir);
    setenv("TCXD_PWHASH_FAST", "1", 1);
    setenv("TCXD_LANG", "en", 1); /* the server's own choice must not matter to requests */
    char out[16384];
    if (tcxd_run(db, NULL, NULL, 0, "init", NULL) ||
        tcxd_run(db, NULL, NULL, 0, "org", "add", "T", "Đảng bộ tỉnh Thử", "--tier", "above_base",
                 "--form", "dang_bo", "--date", "2010-01-01", NULL) ||
        tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", "T.C", "Chi bộ cơ quan",
                 "--tier", "base", "--form", "chi_bo", "--type", "co_quan_hanh_chinh", "--parent",
                 "T", "--date", "2010-01-01", NULL))
        return -1;
    id_c = seed_id(out);
    if (tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "admit", "--org", "T.C", "--name",
                 "Nguyễn Văn An", "--gender", "nam", "--birth", "1990-03-12", "--decision-date",
                 "2015-03-01", "--ceremony-date", "2015-03-15", NULL))
        return -1;
    id_m = seed_id(out);
    if (id_c <= 0 || id_m <= 0 ||
        tcxd_run(db, PW, NULL, 0, "user", "add", "staff1", "--role", "staff", "--scope", "T", NULL))
        return -1;
    return server_start(&srv, db, "--threads", "1", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    int st = server_stop(&srv);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd)) {
    }
    return st != 0 ? -1 : 0;
}

/* POST path with body and Accept-Language lang (NULL: no header); the error's status, and its
   message and field copied out. */
static int post_lang(const struct session *s, const char *lang, const char *path, const char *body,
                     char *msg, size_t n, char *field, size_t nf)
{
    char req[4096], al[128] = "";
    if (lang)
        snprintf(al, sizeof(al), "Accept-Language: %s\r\n", lang);
    int len = snprintf(req, sizeof(req),
                       "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s"
                       "Cookie: %s\r\nX-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
                       "Content-Length: %zu\r\n\r\n%s",
                       path, al, s->cookie, s->csrf, strlen(body), body);
    assert_true(len > 0 && (size_t)len < sizeof(req));
    struct resp r;
    assert_true(http_raw(s->port, req, (size_t)len, &r));
    json_t *err = r.json ? json_object_get(r.json, "error") : NULL;
    if (!err)
        fail_msg("%s: status %d, no error in %s", path, r.status, r.body);
    snprintf(msg, n, "%s", json_string_value(json_object_get(err, "message")));
    snprintf(field, nf, "%s", json_string_value(json_object_get(err, "field")));
    int st = r.status;
    resp_release(&r);
    return st;
}

static void test_languages(void **state)
{
    struct session s;
    assert_int_equal(login(&s, srv.port, "staff1", PW), 200);
    char path[128], body[256], msg[600], field[80];

    /* official recognition on 01/02/2016: the 12 months from 15/03/2015 end on 15/03/2016 */
    snprintf(path, sizeof(path), "/api/members/%lld/official", id_m);
    const char *early = "{\"decision_date\": \"2016-02-01\"}";
    const char *vi = "quyết định công nhận chính thức ngày 01/02/2016, trước khi hết 12 tháng dự "
                     "bị (15/03/2016)";
    const char *en = "official recognition decided on 01/02/2016, before the 12 months of "
                     "probation end on 15/03/2016";
    static const struct {
        const char *lang;
        bool vietnamese;
    } turns[] = {
        {"vi", true},
        {"en", false},
        {NULL, true},
        {"en-US,en;q=0.9", false},
        {"vi-VN,vi;q=0.9,en;q=0.5", true},
        {"fr", true},
    };
    for (size_t i = 0; i < sizeof(turns) / sizeof(turns[0]); i++) {
        int st = post_lang(&s, turns[i].lang, path, early, msg, sizeof(msg), field, sizeof(field));
        assert_int_equal(st, 422);
        if (strcmp(msg, turns[i].vietnamese ? vi : en))
            fail_msg("Accept-Language %s: '%s'", turns[i].lang ? turns[i].lang : "(none)", msg);
        assert_string_equal(field, "decision_date");
    }

    /* a chi bộ under a chi bộ */
    snprintf(body, sizeof(body),
             "{\"parent_id\": %lld, \"code\": \"T.C.1\", \"name\": \"Chi bộ con\", \"tier\": "
             "\"below_base\", \"form\": \"chi_bo\", \"date\": \"2011-01-01\"}",
             id_c);
    assert_int_equal(post_lang(&s, "vi", "/api/orgs", body, msg, sizeof(msg), field, sizeof(field)),
                     422);
    assert_string_equal(
        msg, "Chi bộ trực thuộc không thể trực thuộc chi bộ (chi bộ không có tổ chức trực thuộc)");
    assert_string_equal(field, "parent");
    assert_int_equal(post_lang(&s, "en", "/api/orgs", body, msg, sizeof(msg), field, sizeof(field)),
                     422);
    assert_string_equal(
        msg,
        "Chi bộ trực thuộc cannot be placed under a chi bộ (a chi bộ has no child organizations)");

    /* the router's own bilingual message still follows the request */
    const char *not_iso = "{\"decision_date\": \"01/02/2016\"}";
    assert_int_equal(post_lang(&s, "vi", path, not_iso, msg, sizeof(msg), field, sizeof(field)),
                     400);
    assert_string_equal(msg, "trường decision_date phải là ngày dạng YYYY-MM-DD");
    assert_int_equal(post_lang(&s, "en", path, not_iso, msg, sizeof(msg), field, sizeof(field)),
                     400);
    assert_string_equal(msg, "field decision_date must be a date YYYY-MM-DD");

    /* dates in messages are dd/mm/yyyy, in the API too (issue 12): no organization #9999 */
    static const struct {
        const char *lang, *want;
    } nf[] = {{"vi", "không có tổ chức #9999 vào ngày 01/02/2016"},
              {"en", "no organization #9999 on 01/02/2016"}};
    for (size_t i = 0; i < 2; i++) {
        char req[1024];
        int len = snprintf(req, sizeof(req),
                           "GET /api/orgs/9999?as_of=2016-02-01 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Connection: close\r\nAccept-Language: %s\r\nCookie: %s\r\n\r\n",
                           nf[i].lang, s.cookie);
        struct resp r;
        assert_true(http_raw(s.port, req, (size_t)len, &r));
        assert_int_equal(r.status, 404);
        json_t *err = r.json ? json_object_get(r.json, "error") : NULL;
        const char *m = json_string_value(json_object_get(err, "message"));
        if (!m || strcmp(m, nf[i].want))
            fail_msg("GET /api/orgs/9999 (%s): '%s'", nf[i].lang, m ? m : r.body);
        resp_release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_languages)};
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    server_kill_all();
    return rc;
}
