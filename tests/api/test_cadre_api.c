/*
 * test_cadre_api.c - cadre work over the real server: roles (a viewer reads the committee and
 * the figures, not the cadre files; writes nothing), the other district's staff refused (404),
 * exactly one audit record per accepted write and none for a refusal; bad input answered with
 * the field named and nothing written (a fourth cadre planned for a position, a vote with more
 * ballots returned than issued, a tally above the ballots returned, an appointment ending
 * before it starts, one outside the planning); the committee on a date, the planning and its
 * shares, the vote thresholds at their boundaries over the ballots returned, the quorum, the
 * exclusion of a cadre appointed in the voting year, the planning entry a vote of more than
 * half low removes, the reappointment a vote of two thirds low refuses, the 90-working-day
 * due list, the period's sentence, and a leader's review that reads the recorded vote. Every
 * expected figure is counted here from what the test enters.
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

static const char PW[] = "Matkhau-canbo-2024";
static char dir[256], db[300];
static struct server srv;
static int64_t id_q1, id_q2, id_q1p, m_lead, m_women[2];
static struct session s1, s2, v1;

static int64_t org(const char *code, const char *tier, const char *form, const char *parent,
                   const char *type)
{
    return seed_org(db, code, NULL, tier, form, parent, type);
}

static int64_t member(const char *org_code, const char *name, const char *gender)
{
    char out[16384];
    int rc =
        tcxd_run(db, NULL, out, sizeof(out), "--json", "member", "add", "--org", org_code, "--name",
                 name, "--gender", gender, "--birth", "1978-05-01", "--decision-date", "2008-01-01",
                 "--ceremony-date", "2008-01-15", "--official-date", "2009-01-15", NULL);
    assert_int_equal(rc, 0);
    return seed_id(out);
}

/* An accepted write: the status and exactly one new audit record; returns the "id". */
static int64_t mutated(const struct session *s, const char *path, const char *body, int status,
                       json_t **out)
{
    int64_t before = seed_audit_count(db);
    json_t *j = NULL;
    int st = post(s, path, body, &j);
    if (st != status) {
        char *t = j ? json_dumps(j, 0) : NULL;
        fprintf(stderr, "POST %s %s: %d %s\n", path, body, st, t ? t : "");
        free(t);
    }
    assert_int_equal(st, status);
    assert_int_equal(seed_audit_count(db), before + 1);
    int64_t id = json_integer_value(json_object_get(j, "id"));
    if (out)
        *out = j;
    else
        json_decref(j);
    return id;
}

/* A refused write: the status, the field named, nothing written (client.c). */
#define refused(s, path, body, status, field)                                                      \
    assert_true(post_refused(s, db, path, body, status, field))

static int64_t jint(json_t *j, const char *k)
{
    return json_integer_value(json_object_get(j, k));
}

static const char *jstr(json_t *j, const char *k)
{
    return json_string_value(json_object_get(j, k));
}

static int setup(void **state)
{
    (void)state;
    if (!seed_new_db("tcxd-cadre-api", dir, db))
        return -1;
    org("HN", "above_base", "dang_bo", NULL, NULL);
    id_q1 = org("Q1", "above_base", "dang_bo", "HN", NULL);
    id_q2 = org("Q2", "above_base", "dang_bo", "HN", NULL);
    id_q1p = org("Q1P", "base", "dang_bo", "Q1", "phuong");
    org("Q1C", "below_base", "chi_bo", "Q1P", NULL);
    org("Q2C", "below_base", "chi_bo", "Q2", NULL);
    m_lead = member("Q1C", "Phạm Văn Lãnh", "nam");
    m_women[0] = member("Q1C", "Nguyễn Thị Một", "nu");
    m_women[1] = member("Q1C", "Trần Thị Hai", "nu");
    const char *users[][3] = {
        {"staff1", "staff", "Q1"}, {"staff2", "staff", "Q2"}, {"viewer1", "viewer", "Q1"}};
    for (size_t i = 0; i < 3; i++)
        if (tcxd_run(db, PW, NULL, 0, "user", "add", users[i][0], "--role", users[i][1], "--scope",
                     users[i][2], "--full-name", users[i][0], NULL))
            return -1;
    if (!server_start(&srv, db, "--threads", "2", NULL))
        return -1;
    if (login(&s1, srv.port, "staff1", PW) != 200 || login(&s2, srv.port, "staff2", PW) != 200 ||
        login(&v1, srv.port, "viewer1", PW) != 200)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    server_stop(&srv);
    char cmd[600];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int64_t cadre(const char *name, const char *gender, const char *birth)
{
    char b[512];
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"managing_level\":\"huyen\",\"full_name\":\"%s\","
             "\"gender\":\"%s\",\"birth_date\":\"%s\"}",
             (long long)id_q1, name, gender, birth);
    return mutated(&s1, "/api/cadres", b, 201, NULL);
}

static void test_cadre_work(void **state)
{
    (void)state;
    char b[1024], p[256];
    json_t *j = NULL;

    /* ---- cadres: a member's record linked; the other district, a viewer refused ---- */
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"managing_level\":\"huyen\",\"member_id\":%lld}",
             (long long)id_q1, (long long)m_lead);
    refused(&s2, "/api/cadres", b, 404, NULL);
    refused(&v1, "/api/cadres", b, 403, NULL);
    int64_t k_lead = mutated(&s1, "/api/cadres", b, 201, NULL);
    refused(&s1, "/api/cadres", b, 409, "member_id"); /* the same member twice */
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"managing_level\":\"xa\",\"full_name\":\"X\"}",
             (long long)id_q1);
    refused(&s1, "/api/cadres", b, 400, "managing_level");
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"managing_level\":\"huyen\",\"member_id\":%lld}",
             (long long)id_q1, (long long)m_women[0]);
    int64_t k_w1 = mutated(&s1, "/api/cadres", b, 201, NULL);
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"managing_level\":\"huyen\",\"member_id\":%lld}",
             (long long)id_q1, (long long)m_women[1]);
    int64_t k_w2 = mutated(&s1, "/api/cadres", b, 201, NULL);
    int64_t k_young = cadre("Lê Văn Trẻ", "nam", "1995-02-01");
    int64_t k_fourth = cadre("Đỗ Văn Bốn", "nam", "1970-02-01");

    snprintf(p, sizeof(p), "/api/cadres/%lld", (long long)k_lead);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_string_equal(jstr(j, "full_name"), "Phạm Văn Lãnh"); /* from the member's record */
    assert_int_equal(jint(j, "member_id"), m_lead);
    json_decref(j);
    assert_int_equal(get(&s2, p, NULL), 404);
    assert_int_equal(get(&v1, p, NULL), 403); /* the cadre files are for staff */
    assert_int_equal(get(&v1, "/api/cadres", NULL), 403);
    assert_int_equal(get(&s1, "/api/cadres", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "cadres")), 5);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/cadres", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "cadres")), 0);
    json_decref(j);

    /* ---- the committee: term 2020-2025, three from the congress, one added in 2022 ---- */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"label\":\"2020-2025\",\"from\":\"2020-09-10\","
             "\"to\":\"2025-09-20\"}",
             (long long)id_q1);
    refused(&s2, "/api/cadre/terms", b, 404, NULL);
    mutated(&s1, "/api/cadre/terms", b, 201, NULL);
    const struct {
        int64_t *k;
        const char *role, *join, *from;
    } seats[] = {
        {&k_lead, "secretary", "congress", "2020-09-10"},
        {&k_w1, "standing", "congress", "2020-09-10"},
        {&k_w2, "executive", "congress", "2020-09-10"},
        {&k_young, "executive", "designated", "2022-03-01"},
    };
    int64_t seat_w2 = 0;
    for (size_t i = 0; i < 4; i++) {
        snprintf(b, sizeof(b),
                 "{\"org_id\":%lld,\"cadre_id\":%lld,\"role\":\"%s\",\"join\":\"%s\","
                 "\"from\":\"%s\"}",
                 (long long)id_q1, (long long)*seats[i].k, seats[i].role, seats[i].join,
                 seats[i].from);
        int64_t id = mutated(&s1, "/api/cadre/seats", b, 201, NULL);
        if (*seats[i].k == k_w2)
            seat_w2 = id;
    }
    /* a second secretary at once: refused */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"cadre_id\":%lld,\"role\":\"secretary\",\"join\":\"elected_add\","
             "\"from\":\"2021-01-04\"}",
             (long long)id_q1, (long long)k_fourth);
    refused(&s1, "/api/cadre/seats", b, 422, "role");
    snprintf(p, sizeof(p), "/api/cadre/seats/%lld/end", (long long)seat_w2);
    mutated(&s1, p, "{\"date\":\"2023-06-01\",\"reason\":\"transfer\"}", 201, NULL);
    /* on 2021-06-01: 3 seats (no addition yet); on 2022-03-01: 4; on 2023-06-01: 3 */
    const struct {
        const char *on;
        size_t seats;
        int executive;
    } on[] = {{"2021-06-01", 3, 1}, {"2022-03-01", 4, 2}, {"2023-06-01", 3, 1}};
    for (size_t i = 0; i < 3; i++) {
        snprintf(p, sizeof(p), "/api/cadre/committee?org=%lld&as_of=%s", (long long)id_q1,
                 on[i].on);
        assert_int_equal(get(&v1, p, &j), 200); /* the registry: every role */
        assert_string_equal(jstr(j, "term"), "2020-2025");
        assert_string_equal(jstr(j, "tier"), "huyen"); /* a district under the city */
        assert_int_equal(json_array_size(json_object_get(j, "seats")), on[i].seats);
        assert_int_equal(jint(json_object_get(j, "counts"), "executive"), on[i].executive);
        assert_int_equal(jint(json_object_get(j, "counts"), "secretary"), 1);
        json_decref(j);
        assert_int_equal(get(&s2, p, NULL), 404);
    }

    /* ---- positions and the planning: three for a position, a fourth refused ---- */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Chủ tịch UBND phường Một\",\"title\":\"chu_tich_ubnd\","
             "\"level\":\"huyen\",\"sector\":\"state\"}",
             (long long)id_q1p);
    refused(&s2, "/api/cadre/positions", b, 404, NULL);
    int64_t pos = mutated(&s1, "/api/cadre/positions", b, 201, NULL);
    assert_int_equal(get(&v1, "/api/cadre/positions", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "positions")), 1);
    /* forms 9 and 12: the title's post, the ward's tier (cấp xã), a leadership post */
    json_t *pj = json_array_get(json_object_get(j, "positions"), 0);
    assert_string_equal(jstr(pj, "post"), "chu_tich_ubnd");
    assert_string_equal(jstr(pj, "tier"), "xa");
    assert_true(json_is_true(json_object_get(pj, "leader")));
    json_decref(j);
    /* the post, tier and leader fields: refusals name the field, nothing is written */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Phó phòng\",\"title\":\"cap_pho\",\"level\":\"huyen\","
             "\"post\":\"chairman\"}",
             (long long)id_q1p);
    refused(&s1, "/api/cadre/positions", b, 400, "post");
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Phó phòng\",\"title\":\"cap_pho\",\"level\":\"huyen\","
             "\"post\":\"pho_so\",\"tier\":\"xa\"}",
             (long long)id_q1p);
    refused(&s1, "/api/cadre/positions", b, 400, "tier");
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Phó phòng\",\"title\":\"cap_pho\",\"level\":\"huyen\","
             "\"leader\":\"perhaps\"}",
             (long long)id_q1p);
    refused(&s1, "/api/cadre/positions", b, 400, "leader");
    assert_int_equal(get(&v1, "/api/cadre/positions", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "positions")), 1);
    json_decref(j);
    const int64_t planned[] = {k_w1, k_w2, k_young};
    for (size_t i = 0; i < 3; i++) {
        snprintf(b, sizeof(b),
                 "{\"term\":\"2025-2030\",\"position_id\":%lld,\"cadre_id\":%lld,"
                 "\"date\":\"2024-01-10\"}",
                 (long long)pos, (long long)planned[i]);
        mutated(&s1, "/api/cadre/planning", b, 201, NULL);
    }
    snprintf(b, sizeof(b),
             "{\"term\":\"2025-2030\",\"position_id\":%lld,\"cadre_id\":%lld,"
             "\"date\":\"2024-02-10\"}",
             (long long)pos, (long long)k_fourth);
    refused(&s1, "/api/cadre/planning", b, 422, "position");
    refused(&s2, "/api/cadre/planning", b, 404, NULL);
    snprintf(p, sizeof(p), "/api/cadre/planning?term=2025-2030&position=%lld&as_of=2024-06-01",
             (long long)pos);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_int_equal(jint(j, "planned"), 3);
    assert_int_equal(jint(j, "women"), 2); /* the two women entered */
    assert_int_equal(jint(j, "young"), 1); /* born 1995: 29 on 2024-06-01 */
    assert_string_equal(jstr(j, "women_text"), "2/3 (66,7%)");
    json_decref(j);
    assert_int_equal(get(&v1, p, NULL), 403);
    assert_int_equal(get(&s2, p, NULL), 404);

    /* ---- appointments ---- */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"kind\":\"new\",\"date\":\"2020-12-31\"}",
             (long long)k_fourth, (long long)pos);
    refused(&s1, "/api/cadre/appointments", b, 422, "planning"); /* not in the planning */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"kind\":\"new\",\"date\":\"2020-12-31\","
             "\"term_end\":\"2020-12-01\",\"outside\":true}",
             (long long)k_lead, (long long)pos);
    refused(&s1, "/api/cadre/appointments", b, 400, "term_end"); /* ends before it starts */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"kind\":\"new\",\"date\":\"2020-12-31\","
             "\"term_end\":\"2025-12-31\",\"outside\":true,\"decision_no\":\"QĐ 12\"}",
             (long long)k_lead, (long long)pos);
    refused(&s2, "/api/cadre/appointments", b, 404, NULL);
    mutated(&s1, "/api/cadre/appointments", b, 201, NULL);
    snprintf(p, sizeof(p), "/api/cadres/%lld", (long long)k_lead);
    assert_int_equal(get(&s1, p, &j), 200);
    json_t *career = json_object_get(j, "career");
    assert_int_equal(json_array_size(career), 1);
    assert_string_equal(jstr(json_array_get(career, 0), "term_end"), "2025-12-31");
    assert_true(json_is_null(json_object_get(json_array_get(career, 0), "to")));
    json_decref(j);

    /* the due list: 90 working days before Wednesday 31/12/2025, counted by hand over weekdays
       without the National Day holidays 01/09 and 02/09/2025, is Monday 25/08/2025 */
    const struct {
        const char *on, *state;
    } due[] = {{"2025-07-25", "notice_due"},
               {"2025-08-25", "notice_due"},
               {"2025-08-26", "late"},
               {"2025-06-01", "later"}};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof(p), "/api/cadre/due?as_of=%s&soon=31", due[i].on);
        assert_int_equal(get(&s1, p, &j), 200);
        json_t *d = json_object_get(j, "due");
        assert_int_equal(json_array_size(d), 1);
        assert_string_equal(jstr(json_array_get(d, 0), "notice_by"), "2025-08-25");
        assert_string_equal(jstr(json_array_get(d, 0), "state"), due[i].state);
        json_decref(j);
    }
    assert_int_equal(get(&s2, "/api/cadre/due?as_of=2025-08-25", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "due")), 0);
    json_decref(j);
    assert_int_equal(get(&v1, "/api/cadre/due?as_of=2025-08-25", NULL), 403);

    /* ---- votes: bad sessions refused, nothing written ---- */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"date\":\"2024-06-10\",\"convened\":30,\"present\":20,"
             "\"issued\":18,\"returned\":19}",
             (long long)id_q1);
    refused(&s1, "/api/cadre/vote-sessions", b, 400, "returned");
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"date\":\"2024-06-10\",\"convened\":30,\"present\":31,"
             "\"issued\":18,\"returned\":18}",
             (long long)id_q1);
    refused(&s1, "/api/cadre/vote-sessions", b, 400, "present");
    /* 20 of 30 present is exactly two thirds: a quorum; 18 returned */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"date\":\"2024-06-10\",\"convened\":30,\"present\":20,"
             "\"issued\":20,\"returned\":18}",
             (long long)id_q1);
    refused(&s2, "/api/cadre/vote-sessions", b, 404, NULL);
    refused(&v1, "/api/cadre/vote-sessions", b, 403, NULL);
    int64_t vs = mutated(&s1, "/api/cadre/vote-sessions", b, 201, NULL);
    snprintf(p, sizeof(p), "/api/cadre/vote-sessions/%lld/votes", (long long)vs);
    /* a tally above the ballots returned: 10 + 5 + 4 = 19 of 18 */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"high\":10,\"medium\":5,\"low\":4}",
             (long long)k_lead, (long long)pos);
    refused(&s1, p, b, 400, "low");
    /* 9 of 18 low is exactly half: not more than half */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"high\":5,\"medium\":4,\"low\":9}",
             (long long)k_lead, (long long)pos);
    refused(&s2, p, b, 404, NULL);
    mutated(&s1, p, b, 201, &j);
    assert_string_equal(jstr(j, "outcome"), "normal");
    json_decref(j);
    /* the three planned cadres hold a post voted on: a second post for them */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Ủy viên phụ trách\",\"title\":\"khac\","
             "\"level\":\"huyen\"}",
             (long long)id_q1);
    int64_t pos2 = mutated(&s1, "/api/cadre/positions", b, 201, NULL);
    const struct {
        int64_t *k;
        const char *date;
        int low;
        const char *outcome;
    } votes[] = {
        {&k_w1, "2019-01-01", 10, "over_half_low"},  /* 10 of 18: more than half */
        {&k_w2, "2019-01-01", 12, "two_thirds_low"}, /* 12 of 18: exactly two thirds */
        {&k_young, "2024-03-01", 0, "excluded"},     /* appointed in the voting year */
    };
    for (size_t i = 0; i < 3; i++) {
        snprintf(b, sizeof(b),
                 "{\"cadre_id\":%lld,\"position_id\":%lld,\"kind\":\"new\",\"date\":\"%s\","
                 "\"outside\":true}",
                 (long long)*votes[i].k, (long long)pos2, votes[i].date);
        mutated(&s1, "/api/cadre/appointments", b, 201, NULL);
    }
    /* the one appointed this year: counts refused, recorded as not voted */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"high\":9,\"medium\":9,\"low\":0}",
             (long long)k_young, (long long)pos2);
    refused(&s1, p, b, 422, "excluded");
    for (size_t i = 0; i < 3; i++) {
        snprintf(b, sizeof(b),
                 "{\"cadre_id\":%lld,\"position_id\":%lld,\"high\":%d,\"medium\":%d,\"low\":%d}",
                 (long long)*votes[i].k, (long long)pos2, votes[i].low ? 18 - votes[i].low - 2 : 0,
                 votes[i].low ? 2 : 0, votes[i].low);
        mutated(&s1, p, b, 201, &j);
        assert_string_equal(jstr(j, "outcome"), votes[i].outcome);
        json_decref(j);
    }
    snprintf(p, sizeof(p), "/api/cadre/vote-sessions/%lld", (long long)vs);
    assert_int_equal(get(&s2, p, NULL), 404);
    assert_int_equal(get(&v1, p, NULL), 403);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_true(json_is_true(json_object_get(j, "quorum")));
    json_t *results = json_object_get(j, "votes");
    assert_int_equal(json_array_size(results), 4);
    int over = 0, two = 0, normal = 0, excluded = 0;
    for (size_t i = 0; i < json_array_size(results); i++) {
        const char *o = jstr(json_array_get(results, i), "outcome");
        over += !strcmp(o, "over_half_low");
        two += !strcmp(o, "two_thirds_low");
        normal += !strcmp(o, "normal");
        excluded += !strcmp(o, "excluded");
        if (json_integer_value(json_object_get(json_array_get(results, i), "low")) == 10)
            assert_string_equal(jstr(json_object_get(json_array_get(results, i), "shares"), "low"),
                                "10 (55,56%)");
    }
    assert_int_equal(over, 1);
    assert_int_equal(two, 1);
    assert_int_equal(normal, 1);
    assert_int_equal(excluded, 1);
    json_decref(j);
    /* more than half low (both of them) left the planning on the session day: one remains */
    snprintf(p, sizeof(p), "/api/cadre/planning?term=2025-2030&position=%lld&as_of=2024-06-10",
             (long long)pos);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_int_equal(jint(j, "planned"), 1);
    json_t *entry = json_array_get(json_object_get(j, "entries"), 0);
    assert_int_equal(jint(entry, "cadre_id"), k_young);
    int64_t plan_young = jint(entry, "id");
    json_decref(j);
    /* removed at the annual review: nobody left from that day */
    snprintf(p, sizeof(p), "/api/cadre/planning/%lld/remove", (long long)plan_young);
    refused(&s2, p, "{\"date\":\"2024-08-01\",\"reason\":\"review\"}", 404, NULL);
    refused(&s1, p, "{\"date\":\"2024-08-01\",\"reason\":\"tired\"}", 400, "reason");
    mutated(&s1, p, "{\"date\":\"2024-08-01\",\"reason\":\"review\"}", 201, NULL);
    snprintf(p, sizeof(p), "/api/cadre/planning?term=2025-2030&position=%lld&as_of=2024-08-01",
             (long long)pos);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_int_equal(jint(j, "planned"), 0);
    json_decref(j);
    snprintf(p, sizeof(p), "/api/cadre/planning?term=2025-2030&position=%lld&as_of=2024-07-31",
             (long long)pos);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_int_equal(jint(j, "planned"), 1);
    json_decref(j);
    /* two thirds low in the post: no reappointment */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"kind\":\"re\",\"date\":\"2024-07-01\"}",
             (long long)k_w2, (long long)pos2);
    refused(&s1, "/api/cadre/appointments", b, 422, "vote");
    /* a session below the quorum: 19 of 30 */
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"date\":\"2024-07-10\",\"convened\":30,\"present\":19,"
             "\"issued\":19,\"returned\":19}",
             (long long)id_q1);
    int64_t vs2 = mutated(&s1, "/api/cadre/vote-sessions", b, 201, NULL);
    snprintf(p, sizeof(p), "/api/cadre/vote-sessions/%lld/votes", (long long)vs2);
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"high\":1,\"medium\":1,\"low\":17}",
             (long long)k_lead, (long long)pos);
    mutated(&s1, p, b, 201, &j);
    assert_string_equal(jstr(j, "outcome"), "no_quorum");
    json_decref(j);
    assert_int_equal(get(&s1, "/api/cadre/vote-sessions?year=2024", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "sessions")), 2);
    json_decref(j);
    assert_int_equal(get(&s2, "/api/cadre/vote-sessions", &j), 200);
    assert_int_equal(json_array_size(json_object_get(j, "sessions")), 0);
    json_decref(j);

    /* ---- rotation and the period's sentence: 2024 in Q1 ---- */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"kind\":\"luan_chuyen\",\"to_org_id\":%lld,"
             "\"date\":\"2024-04-01\",\"direction\":\"huyen_xa\"}",
             (long long)k_fourth, (long long)id_q1p);
    refused(&s2, "/api/cadre/moves", b, 404, NULL);
    mutated(&s1, "/api/cadre/moves", b, 201, NULL);
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"kind\":\"biet_phai\",\"to_org_id\":%lld,"
             "\"date\":\"2024-05-01\"}",
             (long long)k_fourth, (long long)id_q1p);
    refused(&s1, "/api/cadre/moves", b, 400, "until"); /* a secondment without its end */
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"programme\":\"cc_llct\",\"mode\":\"full_time\","
             "\"from\":\"2024-03-01\",\"to\":\"2024-12-20\"}",
             (long long)k_fourth);
    mutated(&s1, "/api/cadre/trainings", b, 201, NULL);
    /* in 2024: appointed k_young (pos2, 2024-03-01); moved k_fourth; no committee addition
       (k_young's was in 2022) */
    snprintf(p, sizeof(p), "/api/cadre/report?org=%lld&from=2024-01-01&to=2024-12-31",
             (long long)id_q1);
    assert_int_equal(get(&v1, p, &j), 200);
    assert_int_equal(jint(j, "appointed"), 1);
    assert_int_equal(jint(j, "moved"), 1);
    assert_int_equal(jint(j, "added"), 0);
    assert_string_equal(jstr(j, "sentence"), "bổ nhiệm, bổ nhiệm lại, giới thiệu ứng cử 01 cán "
                                             "bộ; điều động, luân chuyển 01 đồng chí; bổ sung "
                                             "cấp ủy 00 đồng chí");
    json_decref(j);
    /* 2022: k_young added to the committee */
    snprintf(p, sizeof(p), "/api/cadre/report?org=%lld&from=2022-01-01&to=2022-12-31",
             (long long)id_q1);
    assert_int_equal(get(&v1, p, &j), 200);
    assert_int_equal(jint(j, "added"), 1);
    json_decref(j);
    snprintf(p, sizeof(p), "/api/cadre/report?org=%lld&from=2024-01-01&to=2024-12-31",
             (long long)id_q1);
    assert_int_equal(get(&s2, p, NULL), 404);

    /* the notice of retirement, the end of a holding */
    snprintf(p, sizeof(p), "/api/cadres/%lld/retiring", (long long)k_fourth);
    refused(&s2, p, "{\"date\":\"2025-01-01\"}", 404, NULL);
    mutated(&s1, p, "{\"date\":\"2025-01-01\"}", 201, NULL);
    snprintf(p, sizeof(p), "/api/cadres/%lld", (long long)k_fourth);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_string_equal(jstr(j, "retiring_on"), "2025-01-01");
    json_decref(j);
    snprintf(b, sizeof(b), "{\"cadre_id\":%lld,\"position_id\":%lld,\"date\":\"2025-02-01\"}",
             (long long)k_lead, (long long)pos);
    refused(&s2, "/api/cadre/relieve", b, 404, NULL);
    mutated(&s1, "/api/cadre/relieve", b, 201, NULL);
    snprintf(p, sizeof(p), "/api/cadres/%lld", (long long)k_lead);
    assert_int_equal(get(&s1, p, &j), 200);
    assert_string_equal(jstr(json_array_get(json_object_get(j, "career"), 0), "to"), "2025-02-01");
    json_decref(j);
    /* relieved already: nothing open to end */
    int64_t before = seed_audit_count(db);
    json_t *err = NULL;
    int st = post(&s1, "/api/cadre/relieve", b, &err);
    assert_true(st >= 400 && st < 500);
    json_decref(err);
    assert_int_equal(seed_audit_count(db), before);
}

/* A leader's review of 2025 reads the year's recorded vote: 14 of 26 low forces the level
   whatever was typed in at verification. */
static void test_review_reads_the_vote(void **state)
{
    (void)state;
    char b[1024], p[256];
    int64_t m = member("Q1C", "Hoàng Văn Đứng", "nam");
    snprintf(b, sizeof(b), "{\"org_id\":%lld,\"managing_level\":\"huyen\",\"member_id\":%lld}",
             (long long)id_q1, (long long)m);
    int64_t k = mutated(&s1, "/api/cadres", b, 201, NULL);
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"name\":\"Trưởng ban Tổ chức\",\"title\":\"cap_truong\","
             "\"level\":\"huyen\"}",
             (long long)id_q1);
    int64_t pos = mutated(&s1, "/api/cadre/positions", b, 201, NULL);
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"kind\":\"new\",\"date\":\"2019-03-01\","
             "\"outside\":true}",
             (long long)k, (long long)pos);
    mutated(&s1, "/api/cadre/appointments", b, 201, NULL);
    snprintf(b, sizeof(b),
             "{\"org_id\":%lld,\"date\":\"2025-06-10\",\"convened\":30,\"present\":27,"
             "\"issued\":27,\"returned\":26}",
             (long long)id_q1);
    int64_t vs = mutated(&s1, "/api/cadre/vote-sessions", b, 201, NULL);
    snprintf(p, sizeof(p), "/api/cadre/vote-sessions/%lld/votes", (long long)vs);
    snprintf(b, sizeof(b),
             "{\"cadre_id\":%lld,\"position_id\":%lld,\"high\":5,\"medium\":7,\"low\":14}",
             (long long)k, (long long)pos);
    mutated(&s1, p, b, 201, NULL);
    const char *S = "1.1=8; 1.2=8; 1.3=7; 1.4=7; 2.1=28; 2.2=18; 2.3=9; 2.4=9";
    snprintf(p, sizeof(p), "/api/reviews/members/%lld/steps", (long long)m);
    snprintf(b, sizeof(b),
             "{\"year\":2025,\"step\":\"self_assess\",\"subject\":\"leader\",\"scores\":\"%s\"}",
             S);
    mutated(&s1, p, b, 201, NULL);
    snprintf(b, sizeof(b),
             "{\"year\":2025,\"step\":\"verify\",\"scores\":\"%s\",\"votes_returned\":26,"
             "\"votes_low\":0}",
             S);
    mutated(&s1, p, b, 201, NULL);
    snprintf(p, sizeof(p), "/api/reviews/members/%lld?year=2025", (long long)m);
    struct resp r;
    assert_true(http_request(&s1, "GET", p, NULL, NULL, 0, &r));
    assert_int_equal(r.status, 200);
    char line[128];
    snprintf(line, sizeof(line), "(hội nghị #%lld): 14/26 phiếu tín nhiệm thấp", (long long)vs);
    if (!strstr(r.body, line) || !strstr(r.body, "\"khtnv\""))
        fprintf(stderr, "review: %s\n", r.body);
    assert_non_null(strstr(r.body, line));
    assert_non_null(strstr(r.body, "\"khtnv\""));
    resp_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cadre_work),
        cmocka_unit_test(test_review_reads_the_vote),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
