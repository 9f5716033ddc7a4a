/*
 * test_inspection_api.c - inspections, discipline and appeals over the real server: scope (the
 * other district's staff cannot see or change them: 404), roles (a viewer cannot write: 403),
 * exactly one audit record per accepted write and none for a refusal, bad input (khai trừ for a
 * probationary member, a decision before the violation, a conclusion before the inspection
 * started) answered with the field named and nothing written, and the period report against
 * the counts of what the test entered; letters of complaint and denunciation walked from intake
 * to the notice of their result, their writer's identity answered only to an account with the
 * inspection permission (each read audited) and named by no other answer; the annual plan (scope,
 * refusals, an inspection carrying out an item, the year's progress against the test's counts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "store/store.h"

static const char PW[] = "Matkhau-test-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_q1, id_q2, id_q1p, id_q1c, id_q1d, id_q2c, off_q1, off2_q1, prob_q1, off_q2;

static int64_t json_id(const char *out)
{
    json_t *j = json_loads(out, 0, NULL);
    int64_t id = j ? json_integer_value(json_object_get(j, "id")) : 0;
    json_decref(j);
    return id;
}

static int64_t org(const char *code, const char *tier, const char *form, const char *parent,
                   const char *type)
{
    char out[8192];
    int rc;
    if (!parent)
        rc = tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, code, "--tier",
                      tier, "--form", form, "--date", "2000-01-01", NULL);
    else if (!type)
        rc = tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, code, "--tier",
                      tier, "--form", form, "--parent", parent, "--date", "2000-01-01", NULL);
    else
        rc = tcxd_run(db, NULL, out, sizeof(out), "--json", "org", "add", code, code, "--tier",
                      tier, "--form", form, "--parent", parent, "--type", type, "--date",
                      "2000-01-01", NULL);
    assert_int_equal(rc, 0);
    return json_id(out);
}

/* An official member (admitted 2010, official 2011) or, with probationary, one admitted on
   2022-01-10 (official only from 2023). */
static int64_t member(const char *org_code, const char *name, const char *nid, bool probationary)
{
    char out[16384];
    int rc = probationary
                 ? tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "admit", "--org",
                            org_code, "--name", name, "--gender", "nam", "--birth", "1990-05-01",
                            "--decision-date", "2022-01-10", NULL)
                 : tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "add", "--org",
                            org_code, "--name", name, "--gender", "nam", "--birth", "1970-05-01",
                            "--decision-date", "2010-01-01", "--ceremony-date", "2010-01-15",
                            "--official-date", "2011-01-15", "--national-id", nid, NULL);
    assert_int_equal(rc, 0);
    return json_id(out);
}

static int64_t audit_count(void)
{
    return seed_audit_count(db);
}

/* An accepted write: the expected status and exactly one new audit record. */
static void mutated(const struct session *s, const char *path, const char *body, int status,
                    json_t **j)
{
    int64_t before = audit_count();
    assert_int_equal(post(s, path, body, j), status);
    assert_int_equal(audit_count(), before + 1);
}

/* A refused write: the status, the field named, nothing written (client.c). */
#define refused(s, path, body, status, field)                                                      \
    assert_true(post_refused(s, db, path, body, status, field))

static int setup(void **state)
{
    (void)state;
    if (!seed_new_db("tcxd-insp-api", dir, db))
        return -1;
    org("HN", "above_base", "dang_bo", NULL, NULL);
    id_q1 = org("Q1", "above_base", "dang_bo", "HN", NULL);
    id_q2 = org("Q2", "above_base", "dang_bo", "HN", NULL);
    id_q1p = org("Q1P", "base", "dang_bo", "Q1", "phuong");
    org("Q2P", "base", "dang_bo", "Q2", "phuong");
    id_q1c = org("Q1C", "below_base", "chi_bo", "Q1P", NULL);
    id_q1d = org("Q1D", "below_base", "chi_bo", "Q1P", NULL);
    id_q2c = org("Q2C", "below_base", "chi_bo", "Q2P", NULL);
    off_q1 = member("Q1C", "Nguyễn Văn An", "001070000001", false);
    off2_q1 = member("Q1D", "Lê Văn Chung", "001070000003", false);
    prob_q1 = member("Q1C", "Phạm Văn Dự", NULL, true);
    off_q2 = member("Q2C", "Trần Văn Bình", "001070000002", false);
    const char *users[][3] = {{"admin", "admin", "HN"},    {"staff1", "staff", "Q1"},
                              {"staff2", "staff", "Q2"},   {"viewer1", "viewer", "Q1"},
                              {"kiemtra1", "staff", "Q1"}, {"admin2", "admin", "Q2"}};
    for (size_t i = 0; i < 6; i++)
        if (tcxd_run(db, PW, NULL, 0, "user", "add", users[i][0], "--role", users[i][1], "--scope",
                     users[i][2], "--full-name", users[i][0], NULL))
            return -1;
    return server_start(&srv, db, "--threads", "2", NULL) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    server_stop(&srv);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_inspections(void **state)
{
    (void)state;
    struct session s1, s2, v1;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    assert_int_equal(login(&v1, srv.port, "viewer1", PW), 200);
    char body[1024], path[256];
    json_t *j = NULL;

    /* the district's inspection team over its two chi bộ and one member */
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_dau_hieu\",\"body\":\"doan\",\"body_org_id\":%lld,"
             "\"team\":\"Đoàn kiểm tra số 1\",\"team_members\":\"Hồ Văn Trưởng|trưởng đoàn; "
             "Vũ Thị Viên\",\"start\":\"2022-03-01\",\"areas\":\"can_bo,tham_nhung\","
             "\"orgs\":\"%lld, %lld\",\"members\":\"%lld\"}",
             (long long)id_q1, (long long)id_q1c, (long long)id_q1d, (long long)off_q1);
    refused(&s2, "/api/inspections", body, 404, "body_org_id");
    refused(&v1, "/api/inspections", body, 403, NULL);
    mutated(&s1, "/api/inspections", body, 201, &j);
    int64_t insp = json_integer_value(json_object_get(j, "id"));
    assert_int_equal(json_integer_value(json_object_get(j, "orgs")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "members")), 1);
    assert_int_equal(json_array_size(json_object_get(j, "areas")), 2);
    assert_string_equal(json_string_value(json_object_get(j, "conclusion")), "pending");
    json_decref(j);

    /* a subject of the other district, a member of it, a team without a name: refused */
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_thuong_xuyen\",\"body\":\"cap_uy\",\"body_org_id\":%lld,"
             "\"start\":\"2022-03-01\",\"orgs\":\"%lld\"}",
             (long long)id_q1, (long long)id_q2c);
    refused(&s1, "/api/inspections", body, 404, "orgs");
    snprintf(body, sizeof(body),
             "{\"kind\":\"gs_chuyen_de\",\"body\":\"cap_uy\",\"body_org_id\":%lld,"
             "\"start\":\"2022-03-01\",\"members\":\"%lld\"}",
             (long long)id_q1, (long long)off_q2);
    refused(&s1, "/api/inspections", body, 404, NULL);
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_chuyen_de\",\"body\":\"doan\",\"body_org_id\":%lld,"
             "\"start\":\"2022-03-01\",\"orgs\":\"%lld\"}",
             (long long)id_q1, (long long)id_q1c);
    refused(&s1, "/api/inspections", body, 400, "team");
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_chuyen_de\",\"body\":\"cap_uy\",\"body_org_id\":%lld,"
             "\"start\":\"2022-03-01\",\"orgs\":\"%lld,x\"}",
             (long long)id_q1, (long long)id_q1c);
    refused(&s1, "/api/inspections", body, 400, "orgs");

    /* a supervision of the ward by the ward's committee */
    snprintf(body, sizeof(body),
             "{\"kind\":\"gs_thuong_xuyen\",\"body\":\"cap_uy\",\"body_org_id\":%lld,"
             "\"start\":\"2022-04-01\",\"orgs\":\"%lld\",\"members\":\"%lld,%lld\"}",
             (long long)id_q1p, (long long)id_q1c, (long long)off_q1, (long long)off2_q1);
    mutated(&s1, "/api/inspections", body, 201, NULL);

    /* reads: in scope only */
    snprintf(path, sizeof(path), "/api/inspections/%lld", (long long)insp);
    assert_int_equal(get(&s2, path, NULL), 404);
    assert_int_equal(get(&v1, path, &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "team")), "Đoàn kiểm tra số 1");
    json_decref(j);

    /* a conclusion before the start is refused; then concluded once */
    snprintf(path, sizeof(path), "/api/inspections/%lld/conclude", (long long)insp);
    refused(&s1, path, "{\"conclusion\":\"discipline_due\",\"concluded_on\":\"2022-02-01\"}", 400,
            "concluded_on");
    refused(&s2, path, "{\"conclusion\":\"discipline_due\",\"concluded_on\":\"2022-05-01\"}", 404,
            NULL);
    refused(&s1, path, "{\"conclusion\":\"maybe\",\"concluded_on\":\"2022-05-01\"}", 400,
            "conclusion");
    mutated(&s1, path,
            "{\"conclusion\":\"discipline_due\",\"concluded_on\":\"2022-05-01\","
            "\"findings\":\"Vi phạm quy chế\"}",
            200, &j);
    assert_string_equal(json_string_value(json_object_get(j, "concluded_on")), "2022-05-01");
    assert_string_equal(json_string_value(json_object_get(j, "conclusion")), "discipline_due");
    json_decref(j);
    refused(&s1, path, "{\"conclusion\":\"violation\",\"concluded_on\":\"2022-05-02\"}", 422,
            "conclusion");

    /* the list of the district's first half of 2022 holds both; the other district's none */
    assert_int_equal(get(&s1, "/api/inspections?from=2022-01-01&to=2022-06-30", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/inspections?from=2022-01-01&to=2022-06-30", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/inspections?org=%lld&from=2022-01-01&to=2022-06-30",
             (long long)id_q1);
    assert_int_equal(get(&s2, path, NULL), 404);
}

static void test_discipline_and_report(void **state)
{
    (void)state;
    struct session s1, s2, v1;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    assert_int_equal(login(&v1, srv.port, "viewer1", PW), 200);
    char body[1024], path[256];
    json_t *j = NULL;

    /* bad input changes nothing */
    snprintf(body, sizeof(body),
             "{\"form\":\"khai_tru\",\"member_id\":%lld,\"decision_date\":\"2022-05-10\"}",
             (long long)prob_q1);
    refused(&s1, "/api/disciplines", body, 422, "form");
    snprintf(body, sizeof(body),
             "{\"form\":\"canh_cao\",\"member_id\":%lld,\"decision_date\":\"2022-05-10\","
             "\"violation_date\":\"2022-06-01\"}",
             (long long)off_q1);
    refused(&s1, "/api/disciplines", body, 400, "decision_date");
    snprintf(body, sizeof(body),
             "{\"form\":\"giai_tan\",\"member_id\":%lld,\"decision_date\":\"2022-05-10\"}",
             (long long)off_q1);
    refused(&s1, "/api/disciplines", body, 422, "form");
    snprintf(body, sizeof(body),
             "{\"form\":\"khien_trach\",\"member_id\":%lld,\"org_id\":%lld,"
             "\"decision_date\":\"2022-05-10\"}",
             (long long)off_q1, (long long)id_q1c);
    refused(&s1, "/api/disciplines", body, 400, "member_id");
    /* khiển trách: 5 years' limitation from the violation */
    snprintf(body, sizeof(body),
             "{\"form\":\"khien_trach\",\"member_id\":%lld,\"decision_date\":\"2022-05-10\","
             "\"violation_date\":\"2016-01-01\"}",
             (long long)off_q1);
    refused(&s1, "/api/disciplines", body, 422, "violation_date");
    /* outside the scope */
    snprintf(body, sizeof(body),
             "{\"form\":\"khien_trach\",\"member_id\":%lld,\"decision_date\":\"2022-05-10\"}",
             (long long)off_q2);
    refused(&s1, "/api/disciplines", body, 404, NULL);

    /* the member's cảnh cáo, the probationary member's khiển trách, the chi bộ's khiển trách */
    snprintf(body, sizeof(body),
             "{\"form\":\"canh_cao\",\"member_id\":%lld,\"decision_date\":\"2022-05-10\","
             "\"violation_date\":\"2022-01-15\",\"deciding_org_id\":%lld,"
             "\"decision_no\":\"12-QĐ/UBKT\"}",
             (long long)off_q1, (long long)id_q1);
    refused(&v1, "/api/disciplines", body, 403, NULL);
    mutated(&s1, "/api/disciplines", body, 201, &j);
    int64_t d1 = json_integer_value(json_object_get(j, "id"));
    assert_string_equal(json_string_value(json_object_get(j, "expires")), "2023-05-10");
    assert_int_equal(json_integer_value(json_object_get(j, "subject_org_id")), id_q1c);
    json_decref(j);
    snprintf(body, sizeof(body),
             "{\"form\":\"khien_trach\",\"member_id\":%lld,\"decision_date\":\"2022-06-01\"}",
             (long long)prob_q1);
    mutated(&s1, "/api/disciplines", body, 201, NULL);
    snprintf(body, sizeof(body),
             "{\"form\":\"khien_trach\",\"org_id\":%lld,\"decision_date\":\"2022-06-15\"}",
             (long long)id_q1d);
    mutated(&s1, "/api/disciplines", body, 201, &j);
    int64_t d3 = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    /* outside the period: not counted */
    snprintf(body, sizeof(body),
             "{\"form\":\"khien_trach\",\"member_id\":%lld,\"decision_date\":\"2022-07-01\"}",
             (long long)off2_q1);
    mutated(&s1, "/api/disciplines", body, 201, NULL);

    /* the member's discipline is on the member's timeline */
    snprintf(path, sizeof(path), "/api/members/%lld", (long long)off_q1);
    assert_int_equal(get(&s1, path, &j), 200);
    char *text = json_dumps(j, 0);
    assert_non_null(strstr(text, "discipline"));
    free(text);
    json_decref(j);

    /* reads: the other district sees none of it */
    snprintf(path, sizeof(path), "/api/disciplines/%lld", (long long)d1);
    assert_int_equal(get(&s2, path, NULL), 404);
    assert_int_equal(get(&v1, path, NULL), 200);

    /* appeals: not before the decision; the result lowers cảnh cáo to khiển trách and restarts
       the 12 months from its date */
    snprintf(path, sizeof(path), "/api/disciplines/%lld/appeal", (long long)d1);
    refused(&s1, path, "{\"lodged_on\":\"2022-05-01\"}", 400, "lodged_on");
    refused(&s2, path, "{\"lodged_on\":\"2022-05-20\"}", 404, NULL);
    refused(&s1, path, "{\"lodged_on\":\"2022-05-20\",\"result\":\"changed\"}", 400, "form");
    refused(&s1, path,
            "{\"lodged_on\":\"2022-05-20\",\"result\":\"changed\",\"form\":\"giai_tan\","
            "\"decided_on\":\"2022-06-20\"}",
            422, "form");
    mutated(&s1, path,
            "{\"lodged_on\":\"2022-05-20\",\"result\":\"changed\",\"form\":\"khien_trach\","
            "\"decided_on\":\"2022-06-20\"}",
            201, &j);
    assert_string_equal(json_string_value(json_object_get(j, "form")), "canh_cao");
    assert_string_equal(json_string_value(json_object_get(j, "current")), "khien_trach");
    assert_string_equal(json_string_value(json_object_get(j, "expires")), "2023-06-20");
    json_decref(j);
    /* the chi bộ's khiển trách annulled on appeal: not counted */
    snprintf(path, sizeof(path), "/api/disciplines/%lld/appeal", (long long)d3);
    mutated(&s1, path,
            "{\"lodged_on\":\"2022-06-16\",\"result\":\"annulled\",\"decided_on\":\"2022-06-25\"}",
            201, NULL);

    /* the report of the first half of 2022 against what this file entered (test_inspections
       runs first): kiểm tra Q1C, Q1D and one member; giám sát Q1C and two members; discipline
       two members (cảnh cáo lowered to khiển trách, khiển trách) and no organization (the
       annulled one); one team of the district with 2 organizations and 1 member */
    const int64_t want[] = {2, 1, 1, 2, 0, 2};
    const char *keys[][2] = {{"inspected", "orgs"},   {"inspected", "members"},
                             {"supervised", "orgs"},  {"supervised", "members"},
                             {"disciplined", "orgs"}, {"disciplined", "members"}};
    snprintf(path, sizeof(path), "/api/inspections/report?org=%lld&from=2022-01-01&to=2022-06-30",
             (long long)id_q1);
    assert_int_equal(get(&s1, path, &j), 200);
    for (int i = 0; i < 6; i++)
        assert_int_equal(
            json_integer_value(json_object_get(json_object_get(j, keys[i][0]), keys[i][1])),
            want[i]);
    json_t *by = json_object_get(json_object_get(j, "disciplined"), "by_form");
    assert_int_equal(json_integer_value(json_object_get(by, "khien_trach")), 2);
    assert_int_equal(json_integer_value(json_object_get(by, "canh_cao")), 0);
    json_t *teams = json_object_get(j, "teams");
    assert_int_equal(json_integer_value(json_object_get(teams, "count")), 1);
    assert_int_equal(json_integer_value(json_object_get(teams, "orgs")), 2);
    assert_int_equal(json_integer_value(json_object_get(teams, "members")), 1);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")),
                        "kiểm tra đối với 2 tổ chức đảng, 1 đảng viên; giám sát đối với 1 tổ chức "
                        "đảng, 2 đảng viên; thi hành kỷ luật 0 tổ chức đảng và 2 đảng viên");
    json_decref(j);
    /* the ward alone: the district's team does not count as the ward's own, its subjects do */
    snprintf(path, sizeof(path), "/api/inspections/report?org=%lld&from=2022-01-01&to=2022-06-30",
             (long long)id_q1p);
    assert_int_equal(get(&s1, path, &j), 200);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "teams"), "count")), 0);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "inspected"), "orgs")),
                     2);
    json_decref(j);
    /* the same period as XLSX (a zip) and PDF */
    {
        struct resp r;
        snprintf(path, sizeof(path),
                 "/api/inspections/report.xlsx?org=%lld&from=2022-01-01&to=2022-06-30",
                 (long long)id_q1);
        assert_true(http_request(&v1, "GET", path, NULL, NULL, 0, &r));
        assert_int_equal(r.status, 200);
        assert_true(r.body_len > 4 && !memcmp(r.body, "PK", 2));
        resp_release(&r);
        snprintf(path, sizeof(path),
                 "/api/inspections/report.pdf?org=%lld&from=2022-01-01&to=2022-06-30",
                 (long long)id_q1);
        assert_true(http_request(&v1, "GET", path, NULL, NULL, 0, &r));
        assert_int_equal(r.status, 200);
        assert_true(r.body_len > 5 && !memcmp(r.body, "%PDF-", 5));
        resp_release(&r);
        assert_int_equal(get(&s2, path, NULL), 404);
    }
    /* the other district: zero everywhere, and Q1 is not its to ask about */
    assert_int_equal(get(&s2, "/api/inspections/report?from=2022-01-01&to=2022-06-30", &j), 200);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(j, "disciplined"), "members")), 0);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/inspections/report?org=%lld&from=2022-01-01&to=2022-06-30",
             (long long)id_q1);
    assert_int_equal(get(&s2, path, NULL), 404);
    /* the list: four decisions of 2022 in the district, none in the other */
    assert_int_equal(get(&s1, "/api/disciplines?from=2022-01-01&to=2022-12-31", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 4);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/disciplines?from=2022-01-01&to=2022-12-31", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    (void)id_q2;
}

static bool contains(const char *path, const struct session *s, const char *needle)
{
    struct resp r;
    assert_true(http_request(s, "GET", path, NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    bool in = r.body && strstr(r.body, needle);
    resp_release(&r);
    return in;
}

static void test_complaints(void **state)
{
    (void)state;
    struct session s1, s2, v1, k1, a, a2;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    assert_int_equal(login(&v1, srv.port, "viewer1", PW), 200);
    assert_int_equal(login(&k1, srv.port, "kiemtra1", PW), 200);
    assert_int_equal(login(&a, srv.port, "admin", PW), 200);
    assert_int_equal(login(&a2, srv.port, "admin2", PW), 200);
    char body[1024], path[256];
    json_t *j = NULL;

    /* the inspection permission: granted by an admin whose scope holds the account, audited */
    const char *grant = "{\"username\":\"kiemtra1\",\"permission\":\"inspection\","
                        "\"granted\":true}";
    refused(&s1, "/api/users/permission", grant, 403, NULL);
    refused(&a2, "/api/users/permission", grant, 404, "username");
    refused(&a, "/api/users/permission",
            "{\"username\":\"kiemtra1\",\"permission\":\"all\",\"granted\":true}", 400,
            "permission");
    mutated(&a, "/api/users/permission", grant, 200, NULL);
    assert_int_equal(get(&k1, "/api/me", &j), 200);
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_object_get(j, "user"), "permissions"), 0)),
                        "inspection");
    json_decref(j);
    assert_int_equal(get(&s1, "/api/me", &j), 200);
    assert_int_equal(json_array_size(json_object_get(json_object_get(j, "user"), "permissions")),
                     0);
    json_decref(j);

    /* intake: a named denunciation of the member, received by the district on Monday
       01/08/2022 */
    snprintf(body, sizeof(body),
             "{\"kind\":\"to_cao\",\"handling_org_id\":%lld,\"received_on\":\"2022-08-01\","
             "\"subject_member_id\":%lld,\"summary\":\"Vi phạm quy định\","
             "\"name\":\"Đinh Thị Tốcáo\",\"address\":\"Ngõ 7 phố Kín\","
             "\"contact\":\"0987000222\"}",
             (long long)id_q1, (long long)off_q1);
    refused(&v1, "/api/complaints", body, 403, NULL);
    refused(&s2, "/api/complaints", body, 404, "handling_org_id");
    mutated(&s1, "/api/complaints", body, 201, &j);
    int64_t c1 = json_integer_value(json_object_get(j, "id"));
    assert_true(json_is_true(json_object_get(j, "named")));
    assert_string_equal(json_string_value(json_object_get(j, "level")), "huyen");
    assert_string_equal(json_string_value(json_object_get(j, "status")), "received");
    json_decref(j);

    /* no answer but the identity route names the writer */
    snprintf(path, sizeof(path), "/api/complaints/%lld", (long long)c1);
    const char *reads[] = {path, "/api/complaints?from=2022-01-01&to=2022-12-31",
                           "/api/complaints/overdue?as_of=2023-06-01", "/api/audit?page_size=200"};
    for (size_t i = 0; i < 4; i++) {
        struct session *who = i == 3 ? &a : &s1;
        assert_false(contains(reads[i], who, "Tốcáo"));
        assert_false(contains(reads[i], who, "phố Kín"));
        assert_false(contains(reads[i], who, "0987000222"));
    }
    assert_int_equal(get(&s2, path, NULL), 404);
    assert_int_equal(get(&v1, path, NULL), 403);

    /* the identity: staff without the permission 403, the other district 404, nothing audited;
       the inspection account sees it and each read is one audit record */
    snprintf(path, sizeof(path), "/api/complaints/%lld/identity", (long long)c1);
    refused(&s1, path, "{}", 403, NULL);
    refused(&s2, path, "{}", 404, NULL);
    for (int i = 0; i < 2; i++) {
        mutated(&k1, path, "{}", 200, &j);
        assert_string_equal(json_string_value(json_object_get(j, "name")), "Đinh Thị Tốcáo");
        assert_string_equal(json_string_value(json_object_get(j, "contact")), "0987000222");
        json_decref(j);
    }
    assert_int_equal(get(&a, "/api/audit?page_size=5", &j), 200);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(json_object_get(j, "items"), 0), "action")),
                        "complaint.identity_read");
    json_decref(j);

    /* classification, assignment, extension, result, notice: in order, each audited once */
    snprintf(path, sizeof(path), "/api/complaints/%lld/resolve", (long long)c1);
    refused(&s1, path, "{\"result\":\"dung\",\"date\":\"2022-08-02\"}", 422, "result");
    snprintf(path, sizeof(path), "/api/complaints/%lld/classify", (long long)c1);
    refused(&s1, path, "{\"classification\":\"accepted\",\"date\":\"2022-07-31\"}", 400, "date");
    refused(&s2, path, "{\"classification\":\"accepted\",\"date\":\"2022-08-01\"}", 404, NULL);
    mutated(&s1, path, "{\"classification\":\"accepted\",\"date\":\"2022-08-01\"}", 200, &j);
    /* 90 working days from 01/08/2022 (a district): August 22, September 20 (1 and 2/9 off),
       October 21, November 22, then 1, 2, 5, 6, 7 December */
    assert_string_equal(json_string_value(json_object_get(j, "due")), "2022-12-07");
    json_decref(j);
    refused(&s1, path, "{\"classification\":\"filed\",\"date\":\"2022-08-02\"}", 422,
            "classification");
    snprintf(path, sizeof(path), "/api/complaints/%lld/assign", (long long)c1);
    mutated(&s1, path, "{\"assignee\":\"Ủy ban kiểm tra Quận ủy\",\"date\":\"2022-08-02\"}", 200,
            NULL);
    snprintf(path, sizeof(path), "/api/complaints/%lld/extend", (long long)c1);
    refused(&s1, path, "{\"days\":40,\"date\":\"2022-12-01\"}", 400, "days");
    refused(&s1, path, "{\"days\":10,\"date\":\"2022-12-08\"}", 422, "date");
    mutated(&s1, path, "{\"days\":10,\"date\":\"2022-12-07\"}", 200, &j);
    /* ten more: 8, 9, 12-16, 19, 20, 21 December */
    assert_string_equal(json_string_value(json_object_get(j, "due")), "2022-12-21");
    json_decref(j);
    snprintf(path, sizeof(path), "/api/complaints/%lld/notify", (long long)c1);
    refused(&s1, path, "{\"date\":\"2022-12-20\"}", 422, "date");
    snprintf(path, sizeof(path), "/api/complaints/%lld/resolve", (long long)c1);
    mutated(&s1, path,
            "{\"result\":\"dung\",\"date\":\"2022-12-20\",\"resolution\":\"Tố cáo đúng\"}", 200,
            &j);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "resolved");
    json_decref(j);
    snprintf(path, sizeof(path), "/api/complaints/%lld/notify", (long long)c1);
    refused(&s1, path, "{\"date\":\"2022-12-19\"}", 400, "date");
    mutated(&s1, path, "{\"date\":\"2022-12-22\",\"notice_no\":\"3-TB/UBKT\"}", 200, &j);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "notified");
    json_decref(j);

    /* an anonymous denunciation is filed, not accepted */
    snprintf(body, sizeof(body),
             "{\"kind\":\"to_cao\",\"handling_org_id\":%lld,\"received_on\":\"2022-09-05\","
             "\"subject_org_id\":%lld}",
             (long long)id_q1, (long long)id_q1c);
    mutated(&s1, "/api/complaints", body, 201, &j);
    int64_t c2 = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    snprintf(path, sizeof(path), "/api/complaints/%lld/classify", (long long)c2);
    refused(&s1, path, "{\"classification\":\"accepted\",\"date\":\"2022-09-06\"}", 422,
            "classification");
    mutated(&s1, path, "{\"classification\":\"filed\",\"date\":\"2022-09-06\"}", 200, NULL);
    /* a complaint against the member's discipline (test_discipline_and_report ran before),
       accepted at the ward (base level: 30 working days) and never resolved: overdue */
    assert_int_equal(get(&s1, "/api/disciplines?from=2022-05-10&to=2022-05-10", &j), 200);
    int64_t d1 =
        json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
    json_decref(j);
    snprintf(body, sizeof(body),
             "{\"kind\":\"khieu_nai\",\"handling_org_id\":%lld,\"received_on\":\"2022-05-20\","
             "\"discipline_id\":%lld,\"name\":\"Nguyễn Văn An\"}",
             (long long)id_q1p, (long long)d1);
    mutated(&s1, "/api/complaints", body, 201, &j);
    int64_t c3 = json_integer_value(json_object_get(j, "id"));
    assert_int_equal(json_integer_value(json_object_get(j, "subject_member_id")), off_q1);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/complaints/%lld/classify", (long long)c3);
    mutated(&s1, path, "{\"classification\":\"accepted\",\"date\":\"2022-05-23\"}", 200, &j);
    /* 23/05/2022 + 30 working days: May 24-31 (6), June 22 (28), 1 and 4 July */
    assert_string_equal(json_string_value(json_object_get(j, "due")), "2022-07-04");
    json_decref(j);
    assert_int_equal(get(&s1, "/api/complaints/overdue?as_of=2022-07-05", &j), 200);
    json_t *items = json_object_get(j, "items");
    assert_int_equal(json_array_size(items), 1);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), c3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "days_late")), 1);
    json_decref(j);
    assert_int_equal(get(&s1, "/api/complaints/overdue?as_of=2022-07-04", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/complaints/overdue?as_of=2022-07-05", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);

    /* the report of 2022 over the district against what was entered: received 3 (1 khiếu nại,
       2 tố cáo), accepted 2, filed 1, resolved 1 in time, notified 1, overdue on 31/12: c3 */
    assert_int_equal(get(&v1, "/api/complaints/report?from=2022-01-01&to=2022-12-31", &j), 200);
    const char *keys[] = {"received", "accepted",      "filed",    "forwarded",
                          "resolved", "resolved_late", "notified", "overdue"};
    const int64_t want[] = {3, 2, 1, 0, 1, 0, 1, 1};
    for (int i = 0; i < 8; i++)
        assert_int_equal(json_integer_value(json_object_get(j, keys[i])), want[i]);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "by_kind"), "to_cao")),
                     2);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")),
                        "tiếp nhận 3 đơn thư (1 khiếu nại, 2 tố cáo, 0 phản ánh); đã giải quyết 1 "
                        "đơn (0 quá hạn); còn 1 đơn quá hạn");
    json_decref(j);
    snprintf(path, sizeof(path), "/api/complaints/report?org=%lld&from=2022-01-01&to=2022-12-31",
             (long long)id_q1);
    assert_int_equal(get(&s2, path, NULL), 404);
}

/* "1.1=0; ...; 3.9=0" with item `at` at `level`. */
static void degr_levels(char *out, size_t n, int at, int level)
{
    size_t len = 0;
    for (int i = 0; i < 27; i++)
        len += (size_t)snprintf(out + len, n - len, "%s%d.%d=%d", i ? "; " : "", i / 9 + 1,
                                i % 9 + 1, i == at ? level : 0);
}

static void test_degradation(void **state)
{
    (void)state;
    struct session s1, s2, v1;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    assert_int_equal(login(&v1, srv.port, "viewer1", PW), 200);
    char lv[400], body[800], path[160];
    json_t *j = NULL;
    assert_int_equal(get(&v1, "/api/degradation/items", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 27);
    assert_int_equal(json_array_size(json_object_get(j, "levels")), 5);
    json_decref(j);
    /* off_q1: 2.4 at level 3, concluded; off2_q1: nothing */
    degr_levels(lv, sizeof(lv), 12, 3);
    snprintf(body, sizeof(body),
             "{\"member_id\":%lld,\"year\":2022,\"date\":\"2022-12-10\",\"concluded\":true,"
             "\"levels\":\"%s\"}",
             (long long)off_q1, lv);
    refused(&v1, "/api/degradation", body, 403, NULL);
    refused(&s2, "/api/degradation", body, 404, NULL);
    mutated(&s1, "/api/degradation", body, 201, &j);
    assert_string_equal(json_string_value(json_object_get(j, "overall")), "moderate");
    json_decref(j);
    degr_levels(lv, sizeof(lv), -1, 0);
    snprintf(body, sizeof(body),
             "{\"member_id\":%lld,\"year\":2022,\"date\":\"2022-12-10\",\"levels\":\"%s\"}",
             (long long)off2_q1, lv);
    mutated(&s1, "/api/degradation", body, 201, NULL);
    snprintf(body, sizeof(body), "{\"member_id\":%lld,\"year\":2022,\"levels\":\"1.1=0; 1.2=9\"}",
             (long long)off2_q1);
    refused(&s1, "/api/degradation", body, 400, "levels");
    snprintf(path, sizeof(path), "/api/degradation/members/%lld?year=2022", (long long)off_q1);
    assert_int_equal(get(&s2, path, NULL), 404);
    assert_int_equal(get(&s1, path, &j), 200);
    assert_true(json_is_true(json_object_get(j, "concluded")));
    json_decref(j);
    /* the district's 2022: 2 members, one none, one moderate (concluded), by chi bộ below Q1P */
    snprintf(path, sizeof(path), "/api/degradation/report?org=%lld&year=2022", (long long)id_q1);
    assert_int_equal(get(&v1, path, &j), 200);
    assert_int_equal(json_integer_value(json_object_get(j, "members")), 2);
    json_t *by = json_object_get(j, "by_level");
    assert_int_equal(json_integer_value(json_object_get(by, "none")), 1);
    assert_int_equal(json_integer_value(json_object_get(by, "moderate")), 1);
    assert_int_equal(json_integer_value(json_object_get(j, "concluded")), 1);
    json_t *item = json_array_get(json_object_get(j, "items"), 12);
    assert_string_equal(json_string_value(json_object_get(item, "code")), "2.4");
    assert_int_equal(json_integer_value(json_array_get(json_object_get(item, "by_level"), 3)), 1);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(item, "by_level"), 0)), 1);
    assert_int_equal(json_array_size(json_object_get(j, "orgs")), 1); /* all under Q1P */
    json_decref(j);
    assert_int_equal(get(&s2, path, NULL), 404);
}

/* The annual plan over HTTP: items added by the district's staff (not the other district's, not
   a viewer), refusals naming their field with nothing written, an inspection carrying out an
   item (one of another kind refused), and the year's progress against the test's counts. */
static void test_plan(void **state)
{
    (void)state;
    struct session s1, s2, v1;
    assert_int_equal(login(&s1, srv.port, "staff1", PW), 200);
    assert_int_equal(login(&s2, srv.port, "staff2", PW), 200);
    assert_int_equal(login(&v1, srv.port, "viewer1", PW), 200);
    char body[1024], path[256];
    json_t *j = NULL;
    snprintf(body, sizeof(body),
             "{\"body_org_id\":%lld,\"year\":2023,\"kind\":\"kt_chuyen_de\",\"body\":\"ubkt\","
             "\"planned_orgs\":2,\"month\":5,\"areas\":\"can_bo\",\"title\":\"Công tác cán bộ\"}",
             (long long)id_q1);
    refused(&s2, "/api/inspections/plan", body, 404, "body_org_id");
    refused(&v1, "/api/inspections/plan", body, 403, NULL);
    mutated(&s1, "/api/inspections/plan", body, 201, &j);
    int64_t item = json_integer_value(json_object_get(j, "id"));
    assert_int_equal(json_integer_value(json_object_get(j, "planned_orgs")), 2);
    assert_int_equal(json_integer_value(json_object_get(j, "carried_out")), 0);
    json_decref(j);
    snprintf(body, sizeof(body),
             "{\"body_org_id\":%lld,\"year\":2023,\"kind\":\"gs_chuyen_de\",\"body\":\"cap_uy\","
             "\"planned_members\":3}",
             (long long)id_q1);
    mutated(&s1, "/api/inspections/plan", body, 201, NULL);
    /* a planned giám sát thường xuyên, nothing planned, a month 13 */
    snprintf(body, sizeof(body),
             "{\"body_org_id\":%lld,\"year\":2023,\"kind\":\"gs_thuong_xuyen\",\"body\":\"cap_uy\","
             "\"planned_orgs\":1}",
             (long long)id_q1);
    refused(&s1, "/api/inspections/plan", body, 422, "kind");
    snprintf(body, sizeof(body),
             "{\"body_org_id\":%lld,\"year\":2023,\"kind\":\"kt_chuyen_de\",\"body\":\"ubkt\"}",
             (long long)id_q1);
    refused(&s1, "/api/inspections/plan", body, 400, "orgs");
    snprintf(body, sizeof(body),
             "{\"body_org_id\":%lld,\"year\":2023,\"kind\":\"kt_chuyen_de\",\"body\":\"ubkt\","
             "\"planned_orgs\":1,\"month\":13}",
             (long long)id_q1);
    refused(&s1, "/api/inspections/plan", body, 400, "month");
    /* carried out by an inspection of its kind and year; one of another kind is refused */
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_dau_hieu\",\"body\":\"ubkt\",\"body_org_id\":%lld,"
             "\"start\":\"2023-05-10\",\"orgs\":\"%lld\",\"plan_item_id\":%lld}",
             (long long)id_q1, (long long)id_q1c, (long long)item);
    refused(&s1, "/api/inspections", body, 422, "plan_item_id");
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_chuyen_de\",\"body\":\"ubkt\",\"body_org_id\":%lld,"
             "\"start\":\"2023-05-10\",\"orgs\":\"%lld\",\"plan_item_id\":%lld}",
             (long long)id_q1, (long long)id_q1c, (long long)item);
    mutated(&s1, "/api/inspections", body, 201, &j);
    assert_int_equal(json_integer_value(json_object_get(j, "plan_item_id")), item);
    json_decref(j);
    /* one outside the plan */
    snprintf(body, sizeof(body),
             "{\"kind\":\"kt_thuong_xuyen\",\"body\":\"ubkt\",\"body_org_id\":%lld,"
             "\"start\":\"2023-06-10\",\"orgs\":\"%lld\"}",
             (long long)id_q1, (long long)id_q1d);
    mutated(&s1, "/api/inspections", body, 201, NULL);
    /* the district's plan: 1 kiểm tra (carried out), 1 giám sát (not), 1 kiểm tra outside */
    assert_int_equal(get(&v1, "/api/inspections/plan?year=2023", &j), 200);
    assert_string_equal(json_string_value(json_object_get(j, "sentence")),
                        "kế hoạch năm 2023: 1 cuộc kiểm tra, 1 cuộc giám sát; đã thực hiện 1/1 "
                        "cuộc kiểm tra, 0/1 cuộc giám sát; ngoài kế hoạch 1 cuộc kiểm tra, 0 cuộc "
                        "giám sát");
    assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "subjects"), "orgs")),
                     2);
    json_decref(j);
    /* the other district's staff: nothing of it, and not the district's plan */
    assert_int_equal(get(&s2, "/api/inspections/plan?year=2023", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/inspections/plan?org=%lld&year=2023", (long long)id_q1);
    assert_int_equal(get(&s2, path, NULL), 404);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inspections), cmocka_unit_test(test_discipline_and_report),
        cmocka_unit_test(test_complaints),  cmocka_unit_test(test_degradation),
        cmocka_unit_test(test_plan),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
