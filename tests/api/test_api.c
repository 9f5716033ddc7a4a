/*
 * test_api.c - the real `tcxd serve` on loopback over a database seeded through the CLI:
 * access by role and scope, CSRF, sessions, masking, audit (one record per mutating route, none
 * for a failure), malformed input, concurrent writers, login throttling, and a log free of
 * secrets and personal data.
 *
 * Tree: HN (city) > Q1, Q2 (districts) > Q1P, Q2P (base đảng bộ, phường) > Q1C, Q1C2, Q2C (chi bộ).
 * Accounts: admin (HN), staff1 and viewer1 (Q1), staff2 (Q2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "client.h"
#include "core/member_record.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/date.h"

static const char PW_ADMIN[] = "Quantri-test-2024", PW_STAFF[] = "Canbo-test-2024",
                  PW_VIEWER[] = "Chixem-test-2024";
static const char NID_A[] = "001080001234"; /* member A (Q1) */

static char dir[256], db[300];
static struct server srv;
static int64_t id_hn, id_q1, id_q2, id_q1p, id_q1c, id_q1c2, id_q2c, id_q2p;
static int64_t member_a, member_b;

static int64_t audit_count(void)
{
    return seed_audit_count(db);
}

static int64_t add_org(const char *code, const char *name, const char *tier, const char *form,
                       const char *parent, const char *type)
{
    int64_t id = seed_org(db, code, name, tier, form, parent, type);
    assert_true(id > 0);
    return id;
}

static int64_t add_member(const char *org, const char *name, const char *gender, const char *nid)
{
    char out[16384];
    int rc = nid ? tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "admit", "--org", org,
                            "--name", name, "--gender", gender, "--birth", "1980-05-01",
                            "--decision-date", "2010-01-01", "--ceremony-date", "2010-01-15",
                            "--national-id", nid, NULL)
                 : tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "admit", "--org", org,
                            "--name", name, "--gender", gender, "--birth", "1980-05-01",
                            "--decision-date", "2010-01-01", "--ceremony-date", "2010-01-15", NULL);
    assert_int_equal(rc, 0);
    int64_t id = seed_id(out);
    assert_true(id > 0);
    return id;
}

static void add_user(const char *name, const char *role, const char *scope, const char *pw)
{
    assert_int_equal(tcxd_run(db, pw, NULL, 0, "user", "add", name, "--role", role, "--scope",
                              scope, "--full-name", name, NULL),
                     0);
}

static int setup(void **state)
{
    if (!seed_new_db("tcxd-api", dir, db))
        return -1;
    id_hn = add_org("HN", "Đảng bộ Thành phố", "above_base", "dang_bo", NULL, NULL);
    id_q1 = add_org("Q1", "Đảng bộ Quận Một", "above_base", "dang_bo", "HN", NULL);
    id_q2 = add_org("Q2", "Đảng bộ Quận Hai", "above_base", "dang_bo", "HN", NULL);
    id_q1p = add_org("Q1P", "Đảng bộ Phường Một", "base", "dang_bo", "Q1", "phuong");
    id_q2p = add_org("Q2P", "Đảng bộ Phường Hai", "base", "dang_bo", "Q2", "phuong");
    id_q1c = add_org("Q1C", "Chi bộ Khu Một", "below_base", "chi_bo", "Q1P", NULL);
    id_q1c2 = add_org("Q1C2", "Chi bộ Khu Ba", "below_base", "chi_bo", "Q1P", NULL);
    id_q2c = add_org("Q2C", "Chi bộ Khu Hai", "below_base", "chi_bo", "Q2P", NULL);
    member_a = add_member("Q1C", "Nguyễn Văn An", "nam", NID_A);
    member_b = add_member("Q2C", "Trần Thị Bình", "nu", "001080005678");
    add_user("admin", "admin", "HN", PW_ADMIN);
    add_user("staff1", "staff", "Q1", PW_STAFF);
    add_user("viewer1", "viewer", "Q1", PW_VIEWER);
    add_user("staff2", "staff", "Q2", PW_STAFF);
    if (!server_start(&srv, db, "--threads", "4", NULL))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    int st = server_stop(&srv);
    server_kill_all();
    /* the access log must carry no secret and no personal data */
    FILE *f = fopen(srv.log, "r");
    char line[4096];
    bool leak = false;
    while (f && fgets(line, sizeof(line), f)) {
        if (strstr(line, NID_A) || strstr(line, PW_STAFF) || strstr(line, PW_ADMIN) ||
            strstr(line, "tcxd_session") || strstr(line, "Binh") || strstr(line, "B%C3%ACnh")) {
            fprintf(stderr, "leak in log: %s", line);
            leak = true;
        }
    }
    if (f)
        fclose(f);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd)) {
    }
    return st != 0 || leak ? -1 : 0;
}

static const char *path(const char *fmt, ...)
{
    static _Thread_local char b[4][512];
    static _Thread_local int k;
    char *out = b[k++ & 3];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, 512, fmt, ap);
    va_end(ap);
    return out;
}

static const char *err_code(json_t *j)
{
    return json_string_value(json_object_get(json_object_get(j, "error"), "code"));
}
static const char *err_field(json_t *j)
{
    return json_string_value(json_object_get(json_object_get(j, "error"), "field"));
}

/* ---- access -------------------------------------------------------------------------------- */

static void test_login_and_me(void **state)
{
    struct session s;
    assert_int_equal(login(&s, srv.port, "staff1", PW_STAFF), 200);
    assert_true(strlen(s.csrf) == 64);
    assert_true(!strncmp(s.cookie, "tcxd_session=", 13));
    json_t *j;
    assert_int_equal(get(&s, "/api/me", &j), 200);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "user"), "role")),
                        "staff");
    json_t *scope = json_object_get(json_object_get(j, "user"), "scope");
    assert_int_equal(json_integer_value(json_object_get(scope, "id")), id_q1);
    assert_string_equal(json_string_value(json_object_get(j, "csrf")), s.csrf);
    json_decref(j);
    /* the cookie's attributes */
    struct session anon = {srv.port, "", ""};
    struct resp r;
    assert_true(http_request(&anon, "POST", "/api/login", NULL,
                             "{\"username\":\"staff1\",\"password\":\"Canbo-test-2024\"}", 0, &r));
    char sc[512];
    assert_true(resp_header(&r, "Set-Cookie", sc, sizeof(sc)));
    assert_non_null(strstr(sc, "HttpOnly"));
    assert_non_null(strstr(sc, "SameSite=Strict"));
    assert_non_null(strstr(sc, "Path=/"));
    assert_null(strstr(sc, "Secure")); /* plain HTTP without --secure-cookies */
    char h[512];
    assert_true(resp_header(&r, "X-Content-Type-Options", h, sizeof(h)));
    assert_string_equal(h, "nosniff");
    assert_true(resp_header(&r, "X-Frame-Options", h, sizeof(h)));
    assert_string_equal(h, "DENY");
    assert_true(resp_header(&r, "Content-Security-Policy", h, sizeof(h)));
    assert_non_null(strstr(h, "frame-ancestors 'none'"));
    resp_release(&r);
    /* wrong password, unknown account: 401 with the error body */
    struct session bad;
    assert_int_equal(login(&bad, srv.port, "staff1", "not-the-password"), 401);
    assert_int_equal(login(&bad, srv.port, "nobody", "whatever-123"), 401);
    /* no session */
    assert_int_equal(get(&anon, "/api/me", &j), 401);
    assert_string_equal(err_code(j), "unauthorized");
    json_decref(j);
    assert_int_equal(get(&anon, path("/api/members/%lld", (long long)member_a), NULL), 401);
    /* a forged cookie */
    struct session forged = {
        srv.port, "tcxd_session=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        ""};
    assert_int_equal(get(&forged, "/api/me", NULL), 401);
    /* logout revokes the session */
    struct session t;
    assert_int_equal(login(&t, srv.port, "viewer1", PW_VIEWER), 200);
    assert_int_equal(post(&t, "/api/logout", "{}", NULL), 200);
    assert_int_equal(get(&t, "/api/me", NULL), 401);
}

static void test_scope(void **state)
{
    struct session s1, s2, adm;
    json_t *j;
    assert_int_equal(login(&s1, srv.port, "staff1", PW_STAFF), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW_STAFF), 200);
    assert_int_equal(login(&adm, srv.port, "admin", PW_ADMIN), 200);
    /* read: own member 200, the other district's member 404 as if it did not exist */
    assert_int_equal(get(&s1, path("/api/members/%lld", (long long)member_a), NULL), 200);
    assert_int_equal(get(&s1, path("/api/members/%lld", (long long)member_b), &j), 404);
    assert_string_equal(err_code(j), "not_found");
    json_decref(j);
    assert_int_equal(get(&s1, "/api/members/999999", &j), 404);
    json_decref(j);
    assert_int_equal(get(&s2, path("/api/members/%lld", (long long)member_a), NULL), 404);
    /* organizations */
    assert_int_equal(get(&s1, path("/api/orgs/%lld", (long long)id_q2), NULL), 404);
    assert_int_equal(get(&s1, path("/api/orgs/%lld/children", (long long)id_q2), NULL), 404);
    assert_int_equal(get(&s1, path("/api/orgs/%lld/history", (long long)id_q2), NULL), 404);
    assert_int_equal(get(&s1, path("/api/orgs/%lld", (long long)id_hn), NULL), 404);
    assert_int_equal(get(&s1, "/api/orgs/root", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "id")), id_q1);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "counts"), "members")),
                     1);
    json_decref(j);
    /* search: the other district's member is not found, by name or by listing its org */
    assert_int_equal(get(&s1, "/api/members?q=binh", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    json_decref(j);
    assert_int_equal(get(&adm, "/api/members?q=binh", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_decref(j);
    /* the engine's search: words in any order, a part of the name, the CCCD; ranked */
    assert_int_equal(get(&adm, "/api/members?q=binh%20tran", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_t *hit = json_array_get(json_object_get(j, "items"), 0);
    assert_int_equal(json_integer_value(json_object_get(hit, "id")), member_b);
    assert_true(json_is_integer(json_object_get(hit, "rank")));
    assert_true(json_is_false(json_object_get(hit, "former")));
    json_decref(j);
    assert_int_equal(get(&adm, "/api/members?q=001080005678", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    json_decref(j);
    assert_int_equal(get(&s1, "/api/members?q=001080005678", &j), 200); /* out of scope */
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    json_decref(j);
    assert_int_equal(get(&s1, path("/api/members?org=%lld", (long long)id_q2), NULL), 404);
    assert_int_equal(get(&s1, "/api/members", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id")),
        member_a);
    json_decref(j);
    assert_int_equal(get(&s1, "/api/orgs?q=hai", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    json_decref(j);
    assert_int_equal(get(&adm, "/api/orgs?q=hai", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
    json_decref(j);
    /* ranked search with parents: "khu mot" is Q1C's own name (first), and Q1C2 ("Khu Ba") in
       Phường Một; for staff1 (scope Q1) the parents stop below the scope root; a ward's name
       finds its chi bộ */
    assert_int_equal(get(&s1, "/api/orgs?q=khu%20mot", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
    {
        json_t *it = json_array_get(json_object_get(j, "items"), 0);
        assert_int_equal(json_integer_value(json_object_get(it, "id")), id_q1c);
        json_t *par = json_object_get(it, "parents");
        assert_int_equal(json_array_size(par), 1);
        assert_int_equal(json_integer_value(json_object_get(json_array_get(par, 0), "id")), id_q1p);
    }
    json_decref(j);
    assert_int_equal(get(&adm, "/api/orgs?q=khu%20phuong%20hai&form=chi_bo", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id")),
        id_q2c);
    json_decref(j);
    assert_int_equal(get(&adm, "/api/orgs?q=khu&form=nhom", NULL), 400);
    /* paths by id: what lies outside the scope is left out */
    assert_int_equal(
        get(&s1, path("/api/orgs/paths?ids=%lld,%lld", (long long)id_q1c, (long long)id_q2c), &j),
        200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id")),
        id_q1c);
    json_decref(j);
    assert_int_equal(get(&s1, "/api/orgs/paths?ids=1,,2", NULL), 400);
    /* reports */
    assert_int_equal(get(&s1, path("/api/reports/structure?org=%lld", (long long)id_q2), NULL),
                     404);
    assert_int_equal(get(&s1, path("/api/reports/structure.csv?org=%lld", (long long)id_q2), NULL),
                     404);
    assert_int_equal(get(&s1, "/api/reports/structure", &j), 200);
    assert_non_null(json_object_get(j, "sentence"));
    json_decref(j);
    /* changes across the boundary: 404 for the far end */
    assert_int_equal(post(&s1, path("/api/members/%lld/transfer", (long long)member_a),
                          path("{\"to_org_id\":%lld,\"date\":\"2020-01-01\"}", (long long)id_q2c),
                          &j),
                     404);
    assert_string_equal(err_field(j), "to_org_id");
    json_decref(j);
    assert_int_equal(post(&s2, path("/api/members/%lld/discipline", (long long)member_a),
                          "{\"form\":\"khien_trach\",\"date\":\"2020-01-01\"}", NULL),
                     404);
    assert_int_equal(post(&s1, path("/api/orgs/%lld/move", (long long)id_q1p),
                          path("{\"parent_id\":%lld}", (long long)id_q2), NULL),
                     404);
    /* due list and audit are scoped too */
    assert_int_equal(get(&s1, path("/api/members/due?org=%lld", (long long)id_q2), NULL), 404);
    assert_int_equal(get(&s1, "/api/audit", NULL), 403);
}

static void test_roles_and_csrf(void **state)
{
    struct session v, s;
    json_t *j;
    assert_int_equal(login(&v, srv.port, "viewer1", PW_VIEWER), 200);
    assert_int_equal(login(&s, srv.port, "staff1", PW_STAFF), 200);
    int64_t before = audit_count();
    /* a viewer reads but cannot change anything */
    assert_int_equal(get(&v, path("/api/members/%lld", (long long)member_a), &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "national_id")), "0010******34");
    json_decref(j);
    assert_int_equal(get(&s, path("/api/members/%lld", (long long)member_a), &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "national_id")), NID_A);
    json_decref(j);
    /* the field table as the UI builds its forms from it: every field of core/member_record.h,
       in its order, with its label, kind, maximum and values; every field in the member */
    assert_int_equal(get(&v, "/api/members/fields", &j), 200);
    json_t *defs = json_object_get(j, "fields");
    assert_int_equal(json_array_size(defs), MF__MAX);
    json_t *mj;
    assert_int_equal(get(&s, path("/api/members/%lld", (long long)member_a), &mj), 200);
    for (size_t i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        json_t *f = json_array_get(defs, i);
        assert_string_equal(json_string_value(json_object_get(f, "key")), d->key);
        assert_string_equal(json_string_value(json_object_get(f, "label")), d->label);
        assert_int_equal(json_integer_value(json_object_get(f, "max")), d->max);
        assert_int_equal(json_is_true(json_object_get(f, "required")),
                         (d->flags & MFF_REQUIRED) != 0);
        assert_int_equal(json_is_true(json_object_get(f, "profile")),
                         (d->flags & MFF_PROFILE) != 0);
        assert_int_equal(json_array_size(json_object_get(f, "values")), d->nvalues);
        for (size_t k = 0; k < d->nvalues; k++)
            assert_string_equal(json_string_value(json_object_get(
                                    json_array_get(json_object_get(f, "values"), k), "name")),
                                d->values[k].name);
        if (!json_object_get(mj, d->key))
            fail_msg("the member's JSON has no %s", d->key);
    }
    json_decref(mj);
    json_decref(j);
    assert_int_equal(post(&v, path("/api/members/%lld/discipline", (long long)member_a),
                          "{\"form\":\"khien_trach\",\"date\":\"2020-01-01\"}", &j),
                     403);
    assert_string_equal(err_code(j), "forbidden");
    json_decref(j);
    assert_int_equal(post(&v, "/api/orgs",
                          path("{\"parent_id\":%lld,\"code\":\"VX\",\"name\":\"Chi bộ X\","
                               "\"tier\":\"below_base\",\"form\":\"chi_bo\"}",
                               (long long)id_q1p),
                          NULL),
                     403);
    /* staff without the CSRF token, or with a wrong one */
    struct session nocsrf = s;
    nocsrf.csrf[0] = '\0';
    assert_int_equal(post(&nocsrf, path("/api/members/%lld/discipline", (long long)member_a),
                          "{\"form\":\"khien_trach\",\"date\":\"2020-01-01\"}", &j),
                     403);
    assert_string_equal(err_code(j), "forbidden");
    json_decref(j);
    struct session wrong = s;
    wrong.csrf[0] = wrong.csrf[0] == 'a' ? 'b' : 'a';
    assert_int_equal(post(&wrong, "/api/logout", "{}", NULL), 403);
    /* another user's CSRF token does not fit this session */
    struct session mixed = s;
    snprintf(mixed.csrf, sizeof(mixed.csrf), "%s", v.csrf);
    assert_int_equal(post(&mixed, "/api/logout", "{}", NULL), 403);
    assert_int_equal(audit_count(), before);
    /* only admins read the audit log */
    assert_int_equal(get(&v, "/api/audit", NULL), 403);
}

static void test_session_expiry(void **state)
{
    struct server s2;
    assert_true(
        server_start(&s2, db, "--session-timeout", "1", "--quiet", "--secure-cookies", NULL));
    struct session s;
    /* behind a TLS proxy the cookie is marked Secure */
    struct session anon = {s2.port, "", ""};
    struct resp r;
    char sc[512];
    assert_true(http_request(&anon, "POST", "/api/login", NULL,
                             "{\"username\":\"staff1\",\"password\":\"Canbo-test-2024\"}", 0, &r));
    assert_true(resp_header(&r, "Set-Cookie", sc, sizeof(sc)));
    assert_non_null(strstr(sc, "; Secure"));
    resp_release(&r);
    assert_int_equal(login(&s, s2.port, "staff1", PW_STAFF), 200);
    assert_int_equal(get(&s, "/api/me", NULL), 200);
    sleep(3);
    json_t *j;
    assert_int_equal(get(&s, "/api/me", &j), 401);
    assert_string_equal(err_code(j), "unauthorized");
    json_decref(j);
    assert_int_equal(server_stop(&s2), 0);
}

/* ---- audit --------------------------------------------------------------------------------- */

static const char *done_routes[64];
static size_t ndone;

/* A mutating request that must succeed with exactly one new audit record. */
static json_t *mutate(struct session *s, const char *route, const char *p, const char *body,
                      int want)
{
    int64_t before = audit_count();
    json_t *j = NULL;
    int st = post(s, p, body, &j);
    if (st != want) {
        char *d = j ? json_dumps(j, 0) : NULL;
        fail_msg("%s: status %d, wanted %d: %s", p, st, want, d ? d : "");
    }
    assert_int_equal(audit_count(), before + 1);
    done_routes[ndone++] = route;
    return j;
}

static int patch(const struct session *s, const char *p, const char *json_body, json_t **j)
{
    struct resp r;
    if (!http_request(s, "PATCH", p, NULL, json_body, 0, &r))
        return -1;
    int st = r.status;
    *j = r.json;
    r.json = NULL;
    resp_release(&r);
    return st;
}

/* The id of the first event of that kind in a member answer. */
static long long event_of(json_t *member, const char *kind)
{
    json_t *ev;
    size_t i;
    json_array_foreach(json_object_get(member, "events"), i,
                       ev) if (!strcmp(json_string_value(json_object_get(ev, "kind")),
                                       kind)) return json_integer_value(json_object_get(ev, "id"));
    fail_msg("no %s event", kind);
    return 0;
}

/* A refused write: the status, the field named, nothing written (client.c). */
#define refused(s, path, body, status, field)                                                      \
    assert_true(post_refused(s, db, path, body, status, field))

static void test_audit_every_mutation(void **state)
{
    struct session a;
    int64_t before = audit_count();
    assert_int_equal(login(&a, srv.port, "admin", PW_ADMIN), 200);
    assert_int_equal(audit_count(), before + 1);
    done_routes[ndone++] = "/api/login";
    char today[DATE_ISO_LEN], ceremony[DATE_ISO_LEN], birth[DATE_ISO_LEN];
    tcxd_date t = date_today();
    date_format_iso(t, today);
    date_format_iso(date_add_years(t, -2), ceremony);
    date_format_iso(date_add_years(t, -30), birth);

    json_t *j = mutate(&a, "/api/orgs", "/api/orgs",
                       path("{\"parent_id\":%lld,\"code\":\"Q1C3\",\"name\":\"Chi bộ Khu Bốn\","
                            "\"tier\":\"below_base\",\"form\":\"chi_bo\",\"date\":\"2001-01-01\","
                            "\"decision_no\":\"1-QĐ\"}",
                            (long long)id_q1p),
                       201);
    int64_t c3 = json_integer_value(json_object_get(j, "id"));
    assert_true(c3 > 0);
    assert_string_equal(json_string_value(json_object_get(j, "kind")), "chi_bo_truc_thuoc");
    json_decref(j);
    refused(&a, "/api/orgs",
            path("{\"parent_id\":%lld,\"code\":\"Q1C3\",\"name\":\"Trùng mã\","
                 "\"tier\":\"below_base\",\"form\":\"chi_bo\"}",
                 (long long)id_q1p),
            409, NULL);
    json_decref(mutate(&a, "/api/orgs/{id}/rename", path("/api/orgs/%lld/rename", (long long)c3),
                       "{\"name\":\"Chi bộ Khu Năm\",\"date\":\"2002-01-01\"}", 200));
    j = mutate(&a, "/api/orgs", "/api/orgs",
               path("{\"parent_id\":%lld,\"code\":\"Q1P2\",\"name\":\"Đảng bộ Cơ quan\","
                    "\"tier\":\"base\",\"form\":\"dang_bo\",\"base_type\":\"co_quan_hanh_chinh\","
                    "\"date\":\"2001-01-01\"}",
                    (long long)id_q1),
               201);
    int64_t p2 = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    json_decref(mutate(&a, "/api/orgs/{id}/move", path("/api/orgs/%lld/move", (long long)c3),
                       path("{\"parent_id\":%lld,\"date\":\"2003-01-01\"}", (long long)p2), 200));
    refused(&a, path("/api/orgs/%lld/move", (long long)c3),
            path("{\"parent_id\":%lld,\"date\":\"2003-01-01\"}", (long long)id_q1c), 422, NULL);

    /* members: admit, then each lifecycle event */
    refused(&a, "/api/members",
            path("{\"full_name\":\"Lê Văn Nhỏ\",\"gender\":\"nam\",\"birth_date\":\"%s\","
                 "\"org_id\":%lld,\"decision_date\":\"%s\"}",
                 ceremony, (long long)c3, today),
            422, "birth_date");
    j = mutate(&a, "/api/members", "/api/members",
               path("{\"full_name\":\"Lê Văn Cường\",\"gender\":\"nam\",\"birth_date\":\"%s\","
                    "\"org_id\":%lld,\"decision_no\":\"12-QĐ/ĐU\",\"decision_date\":\"%s\","
                    "\"ceremony_date\":\"%s\",\"national_id\":\"001094009999\"}",
                    birth, (long long)c3, ceremony, ceremony),
               201);
    int64_t m = json_integer_value(json_object_get(j, "id"));
    assert_string_equal(json_string_value(json_object_get(j, "status")), "probationary");
    json_decref(j);
    /* a national ID already registered: refused, and the check itself is recorded */
    int64_t before_dup = audit_count();
    assert_int_equal(
        post(&a, "/api/members",
             path("{\"full_name\":\"Lê Văn Trùng\",\"gender\":\"nam\",\"birth_date\":\"%s\","
                  "\"org_id\":%lld,\"decision_date\":\"%s\",\"national_id\":\"001094009999\"}",
                  birth, (long long)c3, ceremony),
             NULL),
        409);
    assert_int_equal(audit_count(), before_dup + 1);
    j = mutate(&a, "/api/members/{id}/official", path("/api/members/%lld/official", (long long)m),
               path("{\"decision_date\":\"%s\",\"decision_no\":\"20-QĐ\"}", today), 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "official");
    json_decref(j);
    refused(&a, path("/api/members/%lld/official", (long long)m),
            path("{\"decision_date\":\"%s\"}", today), 422, NULL);
    j = mutate(&a, "/api/members/{id}/transfer", path("/api/members/%lld/transfer", (long long)m),
               path("{\"to_org_id\":%lld,\"date\":\"%s\"}", (long long)id_q1c, today), 200);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "org"), "id")), id_q1c);
    json_decref(j);
    json_decref(mutate(&a, "/api/members/{id}/transfer",
                       path("/api/members/%lld/transfer", (long long)m),
                       path("{\"to_org_id\":%lld,\"kind\":\"temporary\",\"date\":\"%s\"}",
                            (long long)id_q1c2, today),
                       200));
    json_decref(mutate(&a, "/api/members/{id}/return",
                       path("/api/members/%lld/return", (long long)m),
                       path("{\"date\":\"%s\"}", today), 200));
    refused(&a, path("/api/members/%lld/return", (long long)m), path("{\"date\":\"%s\"}", today),
            422, NULL);
    json_decref(mutate(
        &a, "/api/members/{id}/discipline", path("/api/members/%lld/discipline", (long long)m),
        path("{\"form\":\"khien_trach\",\"date\":\"%s\",\"reason\":\"vắng họp\"}", today), 200));
    json_decref(mutate(&a, "/api/members/{id}/exempt",
                       path("/api/members/%lld/exempt", (long long)m),
                       path("{\"date\":\"%s\"}", today), 200));
    j = mutate(&a, "/api/members/{id}/exit", path("/api/members/%lld/exit", (long long)m),
               path("{\"kind\":\"xin_ra\",\"date\":\"%s\"}", today), 200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "removed");
    assert_int_equal(json_array_size(json_object_get(j, "events")), 8);
    json_decref(j);
    refused(&a, path("/api/members/%lld/exit", (long long)m),
            path("{\"kind\":\"xin_ra\",\"date\":\"%s\"}", today), 422, NULL);

    /* corrections: the record (PATCH), an event, a cancelled event; reason required */
    {
        json_t *pj = NULL;
        int64_t n0 = audit_count();
        assert_int_equal(patch(&a, path("/api/members/%lld", (long long)m),
                               "{\"full_name\":\"Lê Văn Cương\"}", &pj),
                         400);
        assert_string_equal(err_field(pj), "reason");
        json_decref(pj);
        char longname[400];
        memset(longname, 'a', 151);
        longname[151] = '\0';
        assert_int_equal(patch(&a, path("/api/members/%lld", (long long)m),
                               path("{\"full_name\":\"%s\",\"reason\":\"x\"}", longname), &pj),
                         400);
        assert_string_equal(err_field(pj), "full_name");
        json_decref(pj);
        assert_int_equal(audit_count(), n0);
        assert_int_equal(patch(&a, path("/api/members/%lld", (long long)m),
                               "{\"full_name\":\"Lê Văn Cương\",\"hometown\":\"Thanh Trì\","
                               "\"reason\":\"sai dấu\"}",
                               &pj),
                         200);
        assert_string_equal(json_string_value(json_object_get(pj, "full_name")), "Lê Văn Cương");
        assert_string_equal(json_string_value(json_object_get(pj, "hometown")), "Thanh Trì");
        long long disc = event_of(pj, "discipline"), ex = event_of(pj, "exit");
        json_decref(pj);
        assert_int_equal(audit_count(), n0 + 1);
        done_routes[ndone++] = "/api/members/{id}";
        j = mutate(&a, "/api/members/{id}/events/{id}/correct",
                   path("/api/members/%lld/events/%lld/correct", (long long)m, disc),
                   "{\"form\":\"canh_cao\",\"reason\":\"quyết định ghi cảnh cáo\"}", 200);
        json_decref(j);
        refused(&a, path("/api/members/%lld/events/%lld/cancel", (long long)m, ex), "{}", 400,
                "reason");
        j = mutate(&a, "/api/members/{id}/events/{id}/cancel",
                   path("/api/members/%lld/events/%lld/cancel", (long long)m, ex),
                   "{\"reason\":\"nhập nhầm người\"}", 200);
        assert_string_equal(json_string_value(json_object_get(j, "status")), "official");
        json_decref(j);
        assert_int_equal(get(&a, path("/api/members/%lld/corrections", (long long)m), &j), 200);
        json_t *items = json_object_get(j, "items");
        assert_int_equal(json_array_size(items), 3);
        assert_string_equal(json_string_value(json_object_get(json_array_get(items, 0), "action")),
                            "record");
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(json_array_get(items, 0), "before"), "full_name")),
                            "Lê Văn Cường");
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(json_array_get(items, 1), "after"), "detail")),
                            "vắng họp");
        assert_string_equal(json_string_value(json_object_get(json_array_get(items, 2), "reason")),
                            "nhập nhầm người");
        json_decref(j);
        /* leave the member out of the party again, as the test goes on */
        json_decref(mutate(&a, "/api/members/{id}/exit",
                           path("/api/members/%lld/exit", (long long)m),
                           path("{\"kind\":\"xin_ra\",\"date\":\"%s\"}", today), 200));
    }

    /* the other events of domain.md §3: restore the member just removed, suspend, commend, card;
       an existing member admitted in 1985 outside the database gets the 40-year badge */
    j = mutate(&a, "/api/members/{id}/restore", path("/api/members/%lld/restore", (long long)m),
               path("{\"date\":\"%s\",\"to_org_id\":%lld,\"reason\":\"xóa tên nhầm\"}", today,
                    (long long)id_q1c),
               200);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "official");
    json_decref(j);
    json_decref(mutate(&a, "/api/members/{id}/suspend",
                       path("/api/members/%lld/suspend", (long long)m),
                       path("{\"date\":\"%s\"}", today), 200));
    refused(&a, path("/api/members/%lld/suspend", (long long)m), path("{\"date\":\"%s\"}", today),
            422, NULL);
    json_decref(mutate(&a, "/api/members/{id}/commend",
                       path("/api/members/%lld/commend", (long long)m),
                       path("{\"date\":\"%s\",\"form\":\"bang_khen\"}", today), 200));
    json_decref(mutate(&a, "/api/members/{id}/card", path("/api/members/%lld/card", (long long)m),
                       path("{\"date\":\"%s\",\"number\":\"00001234\"}", today), 200));
    refused(&a, path("/api/members/%lld/badge", (long long)m),
            path("{\"date\":\"%s\",\"years\":30}", today), 422, "years");
    j = mutate(&a, "/api/members", "/api/members",
               path("{\"full_name\":\"Trần Văn Lão\",\"gender\":\"nam\",\"birth_date\":"
                    "\"1960-01-01\",\"decision_date\":\"1985-01-05\",\"ceremony_date\":"
                    "\"1985-01-10\",\"official_decision_date\":\"1986-01-20\","
                    "\"admission_place\":\"Chi bộ Đội 3, xã Thanh Liệt\",\"org_id\":%lld}",
                    (long long)id_q1c),
               201);
    int64_t old_member = json_integer_value(json_object_get(j, "id"));
    assert_string_equal(json_string_value(json_object_get(j, "status")), "official");
    /* admitted outside: the admission names no organization, the arrival does */
    json_t *adm = json_array_get(json_object_get(j, "events"), 0);
    assert_true(json_is_null(json_object_get(adm, "org")));
    assert_string_equal(json_string_value(json_object_get(adm, "detail")),
                        "Chi bộ Đội 3, xã Thanh Liệt");
    json_decref(j);
    j = mutate(&a, "/api/members/{id}/badge",
               path("/api/members/%lld/badge", (long long)old_member),
               path("{\"date\":\"%s\",\"years\":40}", today), 200);
    json_t *last = json_array_get(json_object_get(j, "events"),
                                  json_array_size(json_object_get(j, "events")) - 1);
    assert_string_equal(json_string_value(json_object_get(last, "kind")), "badge");
    json_decref(j);

    /* re-admission (kết nạp lại): refused for a member, accepted once after an exit */
    {
        int64_t lai = add_member("Q1C", "Lê Văn Lại", "nam", "001080009999");
        const char *rb = path("{\"org_id\":%lld,\"decision_date\":\"2015-06-01\","
                              "\"ceremony_date\":\"2015-06-10\",\"decision_no\":\"KNL-1\"}",
                              (long long)id_q1c);
        char body[256];
        snprintf(body, sizeof(body), "%s", rb);
        refused(&a, path("/api/members/%lld/readmit", (long long)lai), body, 422, NULL);
        json_decref(mutate(&a, "/api/members/{id}/exit",
                           path("/api/members/%lld/exit", (long long)lai),
                           "{\"kind\":\"xoa_ten\",\"date\":\"2012-01-01\"}", 200));
        j = mutate(&a, "/api/members/{id}/readmit",
                   path("/api/members/%lld/readmit", (long long)lai), body, 200);
        assert_string_equal(json_string_value(json_object_get(j, "status")), "probationary");
        json_t *evs = json_object_get(j, "events");
        json_t *re = json_array_get(evs, json_array_size(evs) - 1);
        assert_string_equal(json_string_value(json_object_get(re, "kind")), "admit");
        assert_string_equal(json_string_value(json_object_get(re, "date")), "2015-06-10");
        assert_string_equal(json_string_value(json_object_get(re, "decision_date")), "2015-06-01");
        assert_string_equal(json_string_value(json_object_get(re, "decision_no")), "KNL-1");
        json_decref(j);
        refused(&a, path("/api/members/%lld/readmit", (long long)lai),
                "{\"org_id\":1,\"decision_date\":\"2015-06-01\"}", 400, "ceremony_date");
    }

    /* a commendation of an organization, listed, then cancelled with a reason */
    j = mutate(&a, "/api/orgs/{id}/commend", path("/api/orgs/%lld/commend", (long long)id_q1c),
               "{\"form\":\"giay_khen\",\"date\":\"2020-05-19\",\"decision_no\":\"9-QĐ/ĐU\","
               "\"reason\":\"hoàn thành xuất sắc nhiệm vụ\"}",
               201);
    long long cid = json_integer_value(json_object_get(j, "id"));
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    json_decref(j);
    refused(&a, path("/api/orgs/%lld/commend", (long long)id_q1c),
            "{\"form\":\"huan_chuong\",\"date\":\"2020-05-19\"}", 400, "form");
    assert_int_equal(get(&a, path("/api/orgs/%lld/commendations", (long long)id_q1c), &j), 200);
    json_t *oc = json_array_get(json_object_get(j, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(oc, "form")), "giay_khen");
    assert_string_equal(json_string_value(json_object_get(oc, "detail")),
                        "hoàn thành xuất sắc nhiệm vụ");
    json_decref(j);
    refused(&a, path("/api/orgs/%lld/commendations/%lld/cancel", (long long)id_q1c, cid), "{}", 400,
            "reason");
    j = mutate(&a, "/api/orgs/{id}/commendations/{id}/cancel",
               path("/api/orgs/%lld/commendations/%lld/cancel", (long long)id_q1c, cid),
               "{\"reason\":\"nhập nhầm\"}", 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);

    /* merge an emptied chi bộ into another, dissolve an empty one */
    json_decref(mutate(&a, "/api/orgs/{id}/merge", path("/api/orgs/%lld/merge", (long long)c3),
                       path("{\"into_id\":%lld,\"date\":\"%s\"}", (long long)id_q1c2, today), 200));
    /* the ended organization is still shown, on its last day, with its end */
    assert_int_equal(get(&a, path("/api/orgs/%lld", (long long)c3), &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "ended_on")), today);
    json_decref(j);
    assert_int_equal(get(&a, path("/api/orgs/%lld/history", (long long)c3), &j), 200);
    assert_true(json_array_size(json_object_get(j, "items")) >= 4);
    json_decref(j);
    /* the absorbing chi bộ's history is its own, in date order: one merge_in naming the
       absorbed one, none of the absorbed one's events (its "create", its "merged_into") */
    assert_int_equal(get(&a, path("/api/orgs/%lld/history", (long long)id_q1c2), &j), 200);
    {
        json_t *items = json_object_get(j, "items"), *it;
        size_t i, merge_in = 0;
        const char *prev = "";
        json_array_foreach(items, i, it)
        {
            const char *kind = json_string_value(json_object_get(it, "kind"));
            const char *date = json_string_value(json_object_get(it, "date"));
            assert_string_not_equal(kind, "merged_into");
            assert_true(strcmp(prev, date) <= 0);
            prev = date;
            if (!strcmp(kind, "merge_in")) {
                merge_in++;
                assert_int_equal(
                    json_integer_value(json_object_get(json_object_get(it, "other_org"), "id")),
                    c3);
            }
        }
        assert_int_equal(merge_in, 1);
    }
    json_decref(j);
    json_decref(mutate(&a, "/api/orgs/{id}/dissolve",
                       path("/api/orgs/%lld/dissolve", (long long)p2),
                       path("{\"date\":\"%s\"}", today), 200));
    refused(&a, path("/api/orgs/%lld/dissolve", (long long)p2), path("{\"date\":\"%s\"}", today),
            404, "id");

    /* the account */
    refused(&a, "/api/me/password",
            "{\"old_password\":\"wrong-password\",\"new_password\":\"Moi-mat-khau-1\"}", 400,
            "old_password");
    json_decref(mutate(&a, "/api/me/password", "/api/me/password",
                       "{\"old_password\":\"Quantri-test-2024\",\"new_password\":"
                       "\"Quantri-test-2024\"}",
                       200));
    assert_int_equal(get(&a, "/api/me", NULL), 200); /* this session survives */

    /* the audit route shows them, newest first */
    assert_int_equal(get(&a, "/api/audit?page_size=5", &j), 200);
    json_t *first = json_array_get(json_object_get(j, "items"), 0);
    assert_string_equal(json_string_value(json_object_get(first, "action")), "user.passwd");
    assert_string_equal(json_string_value(json_object_get(first, "username")), "admin");
    assert_string_equal(json_string_value(json_object_get(first, "address")), "127.0.0.1");
    json_decref(j);
    assert_int_equal(get(&a, "/api/audit?user=staff2&page_size=200", &j), 200);
    json_t *it;
    size_t k;
    json_array_foreach(json_object_get(j, "items"), k, it)
        assert_string_equal(json_string_value(json_object_get(it, "username")), "staff2");
    json_decref(j);
    /* accounts (admins, within their scope): add, a new password, disable; each audited once */
    {
        json_t *uj = mutate(&a, "/api/users", "/api/users",
                            path("{\"username\":\"canbo-moi\",\"full_name\":\"Cán bộ Mới\","
                                 "\"role\":\"staff\",\"scope_org_id\":%lld,"
                                 "\"password\":\"Matkhau-moi-2024\"}",
                                 (long long)id_q1),
                            201);
        assert_string_equal(json_string_value(json_object_get(uj, "role")), "staff");
        assert_int_equal(json_integer_value(json_object_get(json_object_get(uj, "scope"), "id")),
                         id_q1);
        json_decref(uj);
        refused(&a, "/api/users",
                "{\"username\":\"x1\",\"role\":\"boss\",\"scope_org_id\":1,"
                "\"password\":\"Matkhau-moi-2024\"}",
                400, "role");
        json_decref(mutate(&a, "/api/users/password", "/api/users/password",
                           "{\"username\":\"canbo-moi\",\"password\":\"Matkhau-khac-2024\"}", 200));
        struct session nu;
        assert_int_equal(login(&nu, srv.port, "canbo-moi", "Matkhau-khac-2024"), 200);
        uj = mutate(&a, "/api/users/disable", "/api/users/disable",
                    "{\"username\":\"canbo-moi\",\"disabled\":true}", 200);
        assert_true(json_is_true(json_object_get(uj, "disabled")));
        json_decref(uj);
        assert_int_equal(login(&nu, srv.port, "canbo-moi", "Matkhau-khac-2024"), 401);
        assert_int_equal(get(&a, "/api/users", &uj), 200);
        bool listed = false;
        size_t uk;
        json_t *ui;
        json_array_foreach(json_object_get(uj, "items"), uk, ui) listed |=
            !strcmp(json_string_value(json_object_get(ui, "username")), "canbo-moi");
        assert_true(listed);
        json_decref(uj);
        /* staff cannot manage accounts */
        struct session st1;
        assert_int_equal(login(&st1, srv.port, "staff1", PW_STAFF), 200);
        assert_int_equal(get(&st1, "/api/users", NULL), 403);
    }

    json_decref(mutate(&a, "/api/logout", "/api/logout", "{}", 200));

    /* every mutating route in the table was exercised above */
    for (const struct http_route *r = api_routes; r->pattern; r++) {
        /* the review routes' audit tests live with the review module; the import's are in
           test_import_export */
        if (!(r->flags & ROUTE_MUTATES) || !strcmp(r->pattern, "/api/import/members") ||
            !strncmp(r->pattern, "/api/reviews/", 13) ||
            !strncmp(r->pattern, "/api/restructure/", 17)) /* test_restructure_api.c */
            continue;
        /* programs, indicators, meetings and attendance: tests/api/test_programs_api.c checks
           one audit record for each of their writes */
        if (!strncmp(r->pattern, "/api/programs", 13) ||
            !strncmp(r->pattern, "/api/indicators", 15) ||
            !strncmp(r->pattern, "/api/meetings", 13) ||
            !strncmp(r->pattern, "/api/attendance/", 16))
            continue;
        /* inspections, discipline, letters and permissions: tests/api/test_inspection_api.c
           checks one audit record for each accepted write and none for a refusal */
        if (!strncmp(r->pattern, "/api/inspections", 16) ||
            !strncmp(r->pattern, "/api/disciplines", 16) ||
            !strncmp(r->pattern, "/api/complaints", 15) ||
            !strncmp(r->pattern, "/api/degradation", 16) ||
            !strcmp(r->pattern, "/api/users/permission"))
            continue;
        /* cadre work: tests/api/test_cadre_api.c checks one audit record for each accepted write
           and none for a refusal */
        if (!strncmp(r->pattern, "/api/cadre", 10))
            continue;
        /* the staffing roll: tests/api/test_staff_api.c, the same way */
        if (!strncmp(r->pattern, "/api/staff", 10))
            continue;
        bool seen = false;
        for (size_t i = 0; i < ndone; i++)
            seen = seen || !strcmp(done_routes[i], r->pattern);
        if (!seen)
            fail_msg("mutating route %s has no audit test", r->pattern);
    }
}

/* ---- robustness ---------------------------------------------------------------------------- */

static void bad(struct session *s, const char *method, const char *p, const char *body, size_t len,
                int want, const char *field)
{
    struct resp r;
    assert_true(http_request(s, method, p, NULL, body, len, &r));
    if (r.status != want)
        fail_msg("%s %s: status %d, wanted %d: %s", method, p, r.status, want, r.body);
    if (want >= 400) {
        assert_non_null(r.json);
        assert_non_null(err_code(r.json));
        assert_non_null(
            json_string_value(json_object_get(json_object_get(r.json, "error"), "message")));
        if (field)
            assert_string_equal(err_field(r.json), field);
    }
    resp_release(&r);
}

static void test_malformed(void **state)
{
    struct session s;
    assert_int_equal(login(&s, srv.port, "staff1", PW_STAFF), 200);
    int64_t before = audit_count();
    const char *adm = "/api/members";
    bad(&s, "POST", adm, "{", 0, 400, "");
    bad(&s, "POST", adm, "[1,2]", 0, 400, "");
    bad(&s, "POST", adm, "\"x\"", 0, 400, "");
    bad(&s, "POST", adm, "{\"full_name\":\"A\xff\"}", 0, 400, NULL);
    bad(&s, "POST", adm, "{\"full_name\":\"\xc3\x28\"}", 0, 400, NULL);
    bad(&s, "POST", adm, "{\"full_name\":\"a\",\"full_name\":\"b\"}", 0, 400, NULL);
    bad(&s, "POST", adm, "{\"nonsense\":1}", 0, 400, "nonsense");
    bad(&s, "POST", adm, "{\"org_id\":\"5\"}", 0, 400, "org_id");
    bad(&s, "POST", adm, "{\"org_id\":1.5}", 0, 400, "org_id");
    bad(&s, "POST", adm, "{\"org_id\":-3}", 0, 400, "org_id");
    bad(&s, "POST", adm, "{\"org_id\":99999999999999999999999}", 0, 400, NULL);
    bad(&s, "POST", adm, "{\"full_name\":[\"x\"]}", 0, 400, "full_name");
    bad(&s, "POST", adm, "{\"birth_date\":\"31/12/1980\"}", 0, 400, "birth_date");
    bad(&s, "POST", adm, "{\"birth_date\":\"1980-02-30\"}", 0, 400, "birth_date");
    bad(&s, "POST", adm, "{\"full_name\":\"x\"}", 0, 400, "gender"); /* required */
    char *big = malloc(4000);
    memset(big, 'a', 3999);
    big[3999] = '\0';
    char *body = malloc(4100);
    snprintf(body, 4100, "{\"full_name\":\"%s\"}", big);
    bad(&s, "POST", adm, body, 0, 400, "full_name");
    free(body);
    free(big);
    /* nesting far beyond any field */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    bad(&s, "POST", adm, deep, 0, 400, NULL);
    free(deep);
    /* a body over the limit is refused from its Content-Length, before it is sent */
    {
        char req[1024];
        int len = snprintf(req, sizeof(req),
                           "POST /api/members HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n"
                           "X-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
                           "Content-Length: %u\r\n\r\n",
                           s.cookie, s.csrf, (1u << 20) + 10);
        struct resp r413;
        assert_true(http_raw(srv.port, req, (size_t)len, &r413));
        assert_int_equal(r413.status, 413);
        assert_string_equal(err_code(r413.json), "too_large");
        resp_release(&r413);
    }
    /* and one sent in chunks without a length is cut off at the limit */
    {
        struct buf b = BUF_INIT;
        buf_addf(&b,
                 "POST /api/members HTTP/1.1\r\nHost: x\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
                 "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                 s.cookie, s.csrf);
        char chunk[4096];
        memset(chunk, ' ', sizeof(chunk));
        for (int i = 0; i < 300; i++) { /* 1.2 MB */
            buf_addf(&b, "%x\r\n", (unsigned)sizeof(chunk));
            buf_add(&b, chunk, sizeof(chunk));
            buf_adds(&b, "\r\n");
        }
        buf_adds(&b, "0\r\n\r\n");
        struct resp r413;
        assert_true(http_raw(srv.port, b.ptr, b.len, &r413));
        assert_int_equal(r413.status, 413);
        resp_release(&r413);
        buf_release(&b);
    }
    /* query strings */
    bad(&s, "GET", "/api/members?page_size=500", NULL, 0, 400, "page_size");
    bad(&s, "GET", "/api/members?page_size=0", NULL, 0, 400, "page_size");
    bad(&s, "GET", "/api/members?page=abc", NULL, 0, 400, "page");
    bad(&s, "GET", "/api/members?as_of=2020-13-45", NULL, 0, 400, "as_of");
    bad(&s, "GET", "/api/members?unknown=1", NULL, 0, 400, "unknown");
    bad(&s, "GET", "/api/members?q=%FF%FE", NULL, 0, 400, "q");
    bad(&s, "GET", "/api/members?status=zzz", NULL, 0, 400, "status");
    bad(&s, "GET", "/api/members?sort=zzz", NULL, 0, 400, "sort");
    bad(&s, "GET", "/api/members?org=0", NULL, 0, 400, "org");
    bad(&s, "GET", "/api/members?q=%00", NULL, 0, 200, NULL);
    bad(&s, "GET", "/api/members?q=Nguy%E1%BB%85n&page_size=200", NULL, 0, 200, NULL);
    /* routes */
    bad(&s, "GET", "/api/members/abc", NULL, 0, 404, NULL);
    bad(&s, "GET", "/api/members/0", NULL, 0, 404, NULL);
    bad(&s, "GET", "/api/members/99999999999999999999", NULL, 0, 404, NULL);
    bad(&s, "GET", "/api/nothing", NULL, 0, 404, NULL);
    bad(&s, "DELETE", "/api/members", NULL, 0, 405, NULL);
    bad(&s, "PUT", "/api/orgs/1", "{}", 0, 405, NULL);
    bad(&s, "POST", "/api/me/password", "{\"old_password\":1}", 0, 400, "old_password");
    /* a CSV body where JSON is expected */
    struct resp r;
    assert_true(http_request(&s, "POST", "/api/members", "text/csv", "a,b\n1,2\n", 0, &r));
    assert_int_equal(r.status, 400);
    resp_release(&r);
    /* garbage on the wire */
    const char *raw[] = {"GARBAGE\r\n\r\n",
                         "GET /api/me HTTP/1.1\r\nHost: x\r\nCookie: "
                         "tcxd_session=\xff\xfe\r\n\r\n",
                         "GET / HTTP/9.9\r\n\r\n", "\r\n\r\n\r\n"};
    for (size_t i = 0; i < sizeof(raw) / sizeof(raw[0]); i++) {
        if (http_raw(srv.port, raw[i], strlen(raw[i]), &r))
            resp_release(&r);
    }
    /* still alive, and nothing was written */
    assert_int_equal(get(&s, "/api/me", NULL), 200);
    assert_int_equal(audit_count(), before);
}

/* ---- files --------------------------------------------------------------------------------- */

static int upload(struct session *s, const char *p, const char *csv, json_t **j)
{
    struct resp r;
    if (!http_request(s, "POST", p, "text/csv", csv, 0, &r))
        return -1;
    int st = r.status;
    *j = r.json;
    r.json = NULL;
    resp_release(&r);
    return st;
}

static void test_import_export(void **state)
{
    struct session s1, v;
    json_t *j;
    assert_int_equal(login(&s1, srv.port, "staff1", PW_STAFF), 200);
    assert_int_equal(login(&v, srv.port, "viewer1", PW_VIEWER), 200);
    const char *hdr = "full_name,gender,birth_date,admission_decision_date,ceremony_date,org\n";
    char csv[1024];
    /* a row in another district: refused whole, nothing written */
    snprintf(csv, sizeof(csv),
             "%sHoàng Văn Nhập,nam,1990-02-02,2015-01-01,2015-01-20,Q1C\n"
             "Hoàng Văn Ngoài,nam,1990-02-02,2015-01-01,2015-01-20,Q2C\n",
             hdr);
    int64_t before = audit_count();
    assert_int_equal(upload(&s1, "/api/import/members", csv, &j), 200);
    assert_false(json_is_true(json_object_get(j, "ok")));
    json_t *e3 = json_array_get(json_object_get(j, "errors"), 0);
    assert_int_equal(json_integer_value(json_object_get(e3, "line")), 3);
    assert_string_equal(json_string_value(json_object_get(e3, "field")), "org");
    assert_non_null(
        strstr(json_string_value(json_object_get(e3, "message")), "not in your account's scope"));
    json_decref(j);
    assert_int_equal(audit_count(), before);
    /* the dry run says so, row by row: the member and the organization outside the scope */
    assert_int_equal(upload(&s1, "/api/import/members?dry_run=1", csv, &j), 200);
    assert_false(json_is_true(json_object_get(j, "ok")));
    assert_int_equal(json_array_size(json_object_get(j, "errors")), 1);
    {
        json_t *oe = json_array_get(json_object_get(j, "errors"), 0);
        assert_string_equal(json_string_value(json_object_get(oe, "field")), "org");
        const char *m = json_string_value(json_object_get(oe, "message"));
        /* the store refuses the row itself (store_scope_check_write): no name of the
           organization outside the scope is given back */
        assert_non_null(strstr(m, "not in your account's scope"));
        assert_null(strstr(m, "Chi bộ Khu Hai"));
    }
    json_decref(j);
    assert_int_equal(audit_count(), before);
    assert_int_equal(get(&s1, "/api/members?q=nhap", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
    json_decref(j);
    /* problems are listed with their line, nothing written */
    snprintf(csv, sizeof(csv), "%sHoàng Văn Nhập,nam,31/02/1990,2015-01-01,2015-01-20,Q1C\n", hdr);
    assert_int_equal(upload(&s1, "/api/import/members", csv, &j), 200);
    assert_false(json_is_true(json_object_get(j, "ok")));
    json_t *err0 = json_array_get(json_object_get(j, "errors"), 0);
    assert_int_equal(json_integer_value(json_object_get(err0, "line")), 2);
    json_decref(j);
    assert_int_equal(audit_count(), before);
    /* a dry run writes nothing; the real one writes the rows and one audit record */
    snprintf(csv, sizeof(csv),
             "%sHoàng Văn Nhập,nam,1990-02-02,2015-01-01,2015-01-20,Q1C\n"
             "Hoàng Thị Nhập,nu,1991-02-02,2015-01-01,2015-01-20,Q1C2\n",
             hdr);
    assert_int_equal(upload(&s1, "/api/import/members?dry_run=1", csv, &j), 200);
    assert_true(json_is_true(json_object_get(j, "ok")));
    assert_int_equal(json_integer_value(json_object_get(j, "rows")), 2);
    json_decref(j);
    assert_int_equal(audit_count(), before);
    assert_int_equal(upload(&v, "/api/import/members", csv, &j), 403);
    json_decref(j);
    assert_int_equal(upload(&s1, "/api/import/members", csv, &j), 200);
    assert_true(json_is_true(json_object_get(j, "ok")));
    json_decref(j);
    assert_int_equal(audit_count(), before + 1);
    assert_int_equal(get(&s1, "/api/members?q=nhap", &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
    json_decref(j);
    /* more rows than one batch of the bulk path (32 events: 16 members): its events waited
       for their members (issue 11: "FOREIGN KEY constraint failed" on line 15 before) */
    {
        struct buf big = BUF_INIT;
        buf_adds(&big, hdr);
        for (int i = 0; i < 40; i++)
            buf_addf(&big, "Hoàng Văn Nhiều Số%d,nam,1990-02-02,2015-01-01,2015-01-20,Q1C\n", i);
        assert_int_equal(upload(&s1, "/api/import/members", big.ptr, &j), 200);
        assert_true(json_is_true(json_object_get(j, "ok")));
        assert_int_equal(json_integer_value(json_object_get(j, "written")), 40);
        json_decref(j);
        buf_release(&big);
        assert_int_equal(audit_count(), before + 2);
        assert_int_equal(get(&s1, "/api/members?q=nhieu&page_size=100", &j), 200);
        assert_int_equal(json_integer_value(json_object_get(j, "total")), 40);
        json_decref(j);
    }
    /* export: own subtree only; viewers (masked IDs) cannot export */
    struct resp r;
    assert_true(http_request(&s1, "GET", "/api/export/members?ascii=1", NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Nguyễn Văn An"));
    assert_non_null(strstr(r.body, "Hoàng Thị Nhập"));
    assert_null(strstr(r.body, "Trần Thị Bình"));
    char h[256];
    assert_true(resp_header(&r, "Content-Disposition", h, sizeof(h)));
    assert_non_null(strstr(h, "attachment"));
    resp_release(&r);
    assert_int_equal(get(&s1, path("/api/export/members?org=%lld", (long long)id_q2), NULL), 404);
    assert_int_equal(get(&v, "/api/export/members", NULL), 403);
    assert_true(http_request(&s1, "GET", "/api/export/members?format=xlsx", NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_true(r.body_len > 4 && !memcmp(r.body, "PK", 2));
    resp_release(&r);

    /* the printed forms: PDF, staff, own scope only */
    assert_int_equal(get(&s1, "/api/members?q=nguyen van an", &j), 200);
    long long mine =
        json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
    json_decref(j);
    struct session s2;
    assert_int_equal(login(&s2, srv.port, "staff2", PW_STAFF), 200);
    assert_int_equal(get(&s2, "/api/members?q=tran thi binh", &j), 200);
    long long theirs =
        json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
    json_decref(j);
    assert_true(mine > 0 && theirs > 0);
    assert_true(http_request(&s1, "GET", path("/api/members/%lld/phieu", mine), NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_true(resp_header(&r, "Content-Type", h, sizeof(h)));
    assert_string_equal(h, "application/pdf");
    assert_true(r.body_len > 1000 && !memcmp(r.body, "%PDF-", 5));
    resp_release(&r);
    assert_true(http_request(
        &s1, "GET", path("/api/orgs/%lld/so-danh-sach?as_of=2021-01-01", (long long)id_q1c), NULL,
        NULL, 0, &r));
    assert_int_equal(r.status, 200);
    assert_true(resp_header(&r, "Content-Type", h, sizeof(h)));
    assert_string_equal(h, "application/pdf");
    assert_true(r.body_len > 1000 && !memcmp(r.body, "%PDF-", 5));
    resp_release(&r);
    assert_int_equal(get(&s1, path("/api/members/%lld/phieu", theirs), NULL), 404);
    assert_int_equal(get(&s1, path("/api/orgs/%lld/so-danh-sach", (long long)id_q2c), NULL), 404);
    assert_int_equal(get(&s1, path("/api/orgs/%lld/so-danh-sach", (long long)id_q1), NULL), 400);
    assert_int_equal(get(&v, path("/api/members/%lld/phieu", mine), NULL), 403);
    assert_int_equal(get(&v, path("/api/orgs/%lld/so-danh-sach", (long long)id_q1c), NULL), 403);
}

/* ---- static files -------------------------------------------------------------------------- */

static void test_static(void **state)
{
    struct session anon = {srv.port, "", ""};
    struct resp r;
    assert_true(http_request(&anon, "GET", "/../../etc/passwd", NULL, NULL, 0, &r));
    assert_null(strstr(r.body, "root:"));
    char h[256];
    assert_true(resp_header(&r, "X-Frame-Options", h, sizeof(h)));
    resp_release(&r);
    assert_true(http_request(&anon, "GET", "/org/12", NULL, NULL, 0, &r));
    assert_true(r.status == 200 || r.status == 404);
    assert_true(resp_header(&r, "Content-Security-Policy", h, sizeof(h)));
    resp_release(&r);
}

/* ---- concurrency --------------------------------------------------------------------------- */

#define WRITERS    4
#define PER_WRITER 10

struct writer {
    int n;
    int ok;
    struct session s;
};

static void *writer_main(void *arg)
{
    struct writer *w = arg;
    char body[512];
    for (int i = 0; i < PER_WRITER; i++) {
        snprintf(body, sizeof(body),
                 "{\"full_name\":\"Phạm Văn Luồng %c%c\",\"gender\":\"nam\",\"birth_date\":"
                 "\"1985-03-03\",\"org_id\":%lld,\"decision_date\":\"2015-01-01\"}",
                 'A' + w->n, 'A' + i, (long long)id_q2c);
        if (post(&w->s, "/api/members", body, NULL) == 201)
            w->ok++;
    }
    return NULL;
}

static void test_concurrent_writers(void **state)
{
    struct session s;
    json_t *j;
    assert_int_equal(login(&s, srv.port, "staff2", PW_STAFF), 200);
    assert_int_equal(get(&s, path("/api/members?org=%lld", (long long)id_q2c), &j), 200);
    int64_t before = json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    int64_t audit_before = audit_count();
    pthread_t th[WRITERS];
    struct writer w[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        memset(&w[i], 0, sizeof(w[i]));
        w[i].n = i;
        w[i].s = s;
        pthread_create(&th[i], NULL, writer_main, &w[i]);
    }
    int ok = 0;
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(th[i], NULL);
        ok += w[i].ok;
    }
    assert_int_equal(ok, WRITERS * PER_WRITER);
    assert_int_equal(get(&s, path("/api/members?org=%lld&page_size=200", (long long)id_q2c), &j),
                     200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")),
                     before + WRITERS * PER_WRITER);
    json_decref(j);
    assert_int_equal(audit_count(), audit_before + WRITERS * PER_WRITER);
    /* the counts the API serves follow (another thread's cache sees the writes) */
    for (int i = 0; i < 8; i++) {
        assert_int_equal(get(&s, path("/api/orgs/%lld", (long long)id_q2c), &j), 200);
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(j, "counts"), "members")),
            before + WRITERS * PER_WRITER);
        json_decref(j);
    }
}

/* throttling: tests/api/test_throttle.c */

/* ---- graceful shutdown --------------------------------------------------------------------- */

struct slow_ctx {
    int port;
    int status;
};

static void *slow_login(void *arg)
{
    struct slow_ctx *x = arg;
    struct session s;
    /* a failed login is answered after a pause (0.2 s here): in flight when SIGTERM comes */
    x->status = login(&s, x->port, "u", "wrong-password");
    return NULL;
}

static void test_graceful_shutdown(void **state)
{
    char sdb[400];
    snprintf(sdb, sizeof(sdb), "%s/shutdown.db", dir);
    assert_int_equal(tcxd_run(sdb, NULL, NULL, 0, "init", NULL), 0);
    assert_int_equal(tcxd_run(sdb, NULL, NULL, 0, "org", "add", "S", "Đảng bộ Thử", "--tier",
                              "above_base", "--form", "dang_bo", NULL),
                     0);
    assert_int_equal(tcxd_run(sdb, PW_VIEWER, NULL, 0, "user", "add", "u", "--role", "viewer",
                              "--scope", "S", NULL),
                     0);
    struct server s2;
    assert_true(server_start(&s2, sdb, NULL));
    struct slow_ctx x = {s2.port, 0};
    pthread_t th;
    pthread_create(&th, NULL, slow_login, &x);
    struct timespec ts = {0, 80 * 1000 * 1000};
    nanosleep(&ts, NULL);
    int st = server_stop(&s2);
    pthread_join(th, NULL);
    /* the request in flight got its answer, the server stopped cleanly */
    assert_int_equal(x.status, 401);
    assert_int_equal(st, 0);
    /* and said so in its log */
    FILE *f = fopen(s2.log, "r");
    assert_non_null(f);
    char line[1024];
    bool stopped = false, logged = false;
    while (fgets(line, sizeof(line), f)) {
        stopped = stopped || strstr(line, "tcxd: stopped");
        logged = logged || strstr(line, " - POST /api/login 401 ");
    }
    fclose(f);
    assert_true(stopped);
    assert_true(logged);
}

/* ---- the CLI's side ------------------------------------------------------------------------ */

static void test_cli_user_audit(void **state)
{
    char out[65536];
    assert_int_equal(tcxd_run(db, NULL, out, sizeof(out), "--json", "user", "list", NULL), 0);
    json_t *j = json_loads(out, 0, NULL);
    assert_int_equal(json_array_size(j),
                     5); /* setup's four and canbo-moi (added through the API) */
    json_decref(j);
    assert_int_equal(tcxd_run(db, "short", NULL, 0, "user", "add", "x1", "--role", "staff",
                              "--scope", "Q1", NULL),
                     2);
    assert_int_equal(tcxd_run(db, "long-enough-1", NULL, 0, "user", "add", "x1", "--role", "boss",
                              "--scope", "Q1", NULL),
                     2);
    assert_int_equal(tcxd_run(db, "long-enough-1", NULL, 0, "user", "add", "admin", "--role",
                              "staff", "--scope", "Q1", NULL),
                     2);
    assert_int_equal(tcxd_run(db, NULL, NULL, 0, "user", "disable", "staff2", NULL), 0);
    struct session s;
    assert_int_equal(login(&s, srv.port, "staff2", PW_STAFF), 401);
    assert_int_equal(tcxd_run(db, NULL, NULL, 0, "user", "enable", "staff2", NULL), 0);
    /* an organization added by the CLI while the server runs shows on every worker thread */
    assert_int_equal(login(&s, srv.port, "staff2", PW_STAFF), 200);
    json_t *kids;
    for (int i = 0; i < 4; i++) { /* warm every thread's cached tree */
        assert_int_equal(get(&s, path("/api/orgs/%lld/children", (long long)id_q2p), &kids), 200);
        assert_int_equal(json_integer_value(json_object_get(kids, "total")), 1);
        json_decref(kids);
    }
    add_org("Q2C9", "Chi bộ Khu Chín", "below_base", "chi_bo", "Q2P", NULL);
    for (int i = 0; i < 8; i++) {
        assert_int_equal(get(&s, path("/api/orgs/%lld/children", (long long)id_q2p), &kids), 200);
        assert_int_equal(json_integer_value(json_object_get(kids, "total")), 2);
        json_decref(kids);
    }
    assert_int_equal(tcxd_run(db, NULL, out, sizeof(out), "--json", "audit", "--org", "Q2",
                              "--limit", "1000", NULL),
                     0);
    j = json_loads(out, 0, NULL);
    assert_true(json_array_size(j) >= WRITERS * PER_WRITER);
    json_t *it;
    size_t k;
    json_array_foreach(j, k, it)
    {
        int64_t org = json_integer_value(json_object_get(it, "org_id"));
        /* records in the subtree, or the organization's own (whose org_id is its parent) */
        bool own = !strcmp(json_string_value(json_object_get(it, "entity")), "org") &&
                   json_integer_value(json_object_get(it, "entity_id")) == id_q2;
        assert_true(own || org == id_q2 || org == id_q2p || org == id_q2c);
    }
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_login_and_me),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_roles_and_csrf),
        cmocka_unit_test(test_session_expiry),
        cmocka_unit_test(test_audit_every_mutation),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_static),
        cmocka_unit_test(test_import_export),
        cmocka_unit_test(test_concurrent_writers),
        cmocka_unit_test(test_cli_user_audit),
        cmocka_unit_test(test_graceful_shutdown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
