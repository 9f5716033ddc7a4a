/*
 * test_restructure.c - a small province restructured on 01/07/2025 by a plan file: two
 * districts with three wards each (residential chi bộ, one đảng bộ bộ phận with its own chi bộ,
 * an agency chi bộ cơ sở per district) become three commune-level committees, one ward split
 * in parts. Checked against the test's own model: the figures of 30/06/2025 and 01/07/2025, the
 * day before unchanged by the application, a residential chi bộ's identity and members kept,
 * the dry run and refused plans writing nothing, and the organization flows of the period.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <xlsxwriter.h>

#include "plan/flows.h"
#include "plan/restructure.h"
#include "report/count.h"
#include "store/store.h"
#include "util/xmalloc.h"

static const struct store_actor actor = {"test", "local"};
static char dbpath[256];

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error: %s", e->msg);
}

/* ---- the world and its model ---- */
enum { NDIST = 2, NWARD = 3 };
struct model {
    int64_t province;
    int chi_per_ward[NDIST][NWARD];
    int members_per_chi[NDIST][NWARD][8];
    int dbbp_chi; /* chi bộ under the đảng bộ bộ phận of ward D1.W1 */
    int dbbp_members[4];
    int agency_members[NDIST];
    int64_t total_members;
    int64_t first_chi; /* D1.W1.01: the residential chi bộ whose history we follow */
};

static uint64_t rs = 42;
static int rnd(int n)
{
    rs = rs * 6364136223846793005ull + 1442695040888963407ull;
    return (int)((rs >> 33) % (uint64_t)n);
}

static int64_t mk(struct store *st, const char *code, const char *name, enum org_tier t,
                  enum org_form f, enum org_base_type bt, int64_t parent)
{
    struct tcxd_error e;
    struct org_create_req r = {code, name, t, f, bt, parent, D(2010, 1, 1), "QĐ"};
    int64_t id = 0;
    must(store_org_create(st, &actor, &r, &id, &e), &e);
    return id;
}

static int nmember;
static void admit_n(struct store *st, int64_t chi, int n, struct model *m)
{
    for (int i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof(name), "Lê Văn Thử %d", nmember++);
        struct member_strings s = {.full_name = name, .gender = "nam", .birth_date = "1985-03-03"};
        struct member_fields f;
        struct tcxd_error e;
        member_fields_init(&f);
        must(member_fields_parse(&s, &f, &e), &e);
        struct member_admit_req r = {&f, chi, D(2019, 1, 1), D(2019, 1, 15), "QĐ", NULL};
        int64_t id;
        must(store_member_admit(st, &actor, &r, &id, &e), &e);
        member_fields_release(&f);
        m->total_members++;
    }
}

static struct store *build(struct model *m)
{
    snprintf(dbpath, sizeof(dbpath), "/tmp/tcxd-test-plan-%d.db", (int)getpid());
    unlink(dbpath);
    struct store *st;
    struct tcxd_error e;
    must(store_open(dbpath, STORE_CREATE, &st, &e), &e);
    memset(m, 0, sizeof(*m));
    m->province =
        mk(st, "P", "Đảng bộ tỉnh Thử", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0);
    for (int d = 0; d < NDIST; d++) {
        char code[32], name[64];
        snprintf(code, sizeof(code), "P.D%d", d + 1);
        snprintf(name, sizeof(name), "Đảng bộ huyện %d", d + 1);
        int64_t did =
            mk(st, code, name, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, m->province);
        for (int w = 0; w < NWARD; w++) {
            snprintf(code, sizeof(code), "P.D%d.W%d", d + 1, w + 1);
            snprintf(name, sizeof(name), "Đảng bộ phường %d-%d", d + 1, w + 1);
            int64_t wid = mk(st, code, name, ORG_TIER_BASE, ORG_FORM_DANG_BO,
                             w == 2 ? ORG_BASE_XA : ORG_BASE_PHUONG, did);
            m->chi_per_ward[d][w] = 2 + rnd(3);
            for (int c = 0; c < m->chi_per_ward[d][w]; c++) {
                snprintf(code, sizeof(code), "P.D%d.W%d.%02d", d + 1, w + 1, c + 1);
                snprintf(name, sizeof(name), "Chi bộ Tổ dân phố %d", c + 1);
                int64_t cid =
                    mk(st, code, name, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, wid);
                if (!m->first_chi)
                    m->first_chi = cid;
                m->members_per_chi[d][w][c] = 2 + rnd(6);
                admit_n(st, cid, m->members_per_chi[d][w][c], m);
            }
            if (d == 0 && w == 0) {
                int64_t bp = mk(st, "P.D1.W1.BP", "Đảng bộ bộ phận Khu 1", ORG_TIER_BELOW_BASE,
                                ORG_FORM_DANG_BO, ORG_BASE_NONE, wid);
                m->dbbp_chi = 2;
                for (int c = 0; c < m->dbbp_chi; c++) {
                    snprintf(code, sizeof(code), "P.D1.W1.BP.%d", c + 1);
                    int64_t cid = mk(st, code, "Chi bộ khu", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                                     ORG_BASE_NONE, bp);
                    m->dbbp_members[c] = 3 + rnd(3);
                    admit_n(st, cid, m->dbbp_members[c], m);
                }
            }
        }
        snprintf(code, sizeof(code), "P.D%d.CA", d + 1);
        snprintf(name, sizeof(name), "Chi bộ Công an huyện %d", d + 1);
        int64_t ca = mk(st, code, name, ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_CONG_AN, did);
        m->agency_members[d] = 4;
        admit_n(st, ca, 4, m);
    }
    return st;
}

/* The plan: N1 = D1.W1 + D1.W2; N2 = D1.W3 (part) + D2.W1; N3 = D1.W3 (part) + D2.W2 + D2.W3,
   D1.W3's chi bộ 01 going to N3 by an explicit move; agencies to the province; districts end. */
static const char plan_csv[] =
    "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
    "create,N1,Đảng bộ phường Một,above_base,dang_bo,phuong,P,,,QĐ 10,01/07/2025\n"
    "create,N2,Đảng bộ xã Hai,above_base,dang_bo,xa,P,,,QĐ 11,01/07/2025\n"
    "create,N3,Đảng bộ xã Ba,above_base,dang_bo,xa,P,,,QĐ 12,\n"
    "merge,P.D1.W1,,,,,,N1,,NQ 1,\n"
    "merge,P.D1.W2,,,,,,N1,whole,NQ 1,\n"
    "merge,P.D1.W3,,,,,,N2,part,NQ 1,\n"
    "merge,P.D1.W3,,,,,,N3,part,NQ 1,\n"
    "move,P.D1.W3.01,,base,chi_bo,xa,N3,,,NQ 1,\n"
    "merge,P.D2.W1,,,,,,N2,,NQ 1,\n"
    "merge,P.D2.W2,,,,,,N3,,NQ 1,\n"
    "merge,P.D2.W3,,,,,,N3,,NQ 1,\n"
    "move,P.D1.CA,,,,,P,,,QĐ 13,\n"
    "move,P.D2.CA,,,,,P,,,QĐ 13,\n"
    "end,P.D1,,,,,,,,QĐ 14,\n"
    "end,P.D2,,,,,,,,QĐ 14,\n";

static struct structure_counts counts(struct store *st, int64_t root, tcxd_date on)
{
    struct org_tree t;
    struct node_counts nc;
    struct tcxd_error e;
    struct structure_counts c;
    must(store_tree_load(st, on, &t, &e), &e);
    uint32_t i = org_tree_find(&t, root);
    assert_int_not_equal(i, TREE_NONE);
    must(report_node_counts(st, &t, i, &nc, &e), &e);
    report_structure_counts(&t, i, &nc, &c);
    report_node_counts_free(&nc);
    org_tree_release(&t);
    return c;
}

static char *fingerprint(void)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    const char *tables[] = {"org",          "org_version",  "org_event", "member",
                            "member_event", "member_stint", "audit"};
    struct buf out = BUF_INIT;
    for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
        char sql[128];
        snprintf(sql, sizeof(sql), "SELECT * FROM %s ORDER BY rowid", tables[i]);
        sqlite3_stmt *s;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
        while (sqlite3_step(s) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count(s); c++) {
                const void *b = sqlite3_column_blob(s, c);
                buf_add(&out, b ? b : "", (size_t)sqlite3_column_bytes(s, c));
                buf_addch(&out, '|');
            }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return buf_detach(&out, NULL);
}

static enum tcxd_err run(struct store *st, const char *csv, bool apply, int64_t scope,
                         struct restructure_result *r, struct tcxd_error *e)
{
    struct restructure_plan p;
    restructure_plan_init(&p);
    restructure_result_init(r);
    enum tcxd_err rc = restructure_plan_read(csv, strlen(csv), "plan.csv", &p, r, e);
    if (!rc) {
        struct restructure_opts o = {apply, scope};
        rc = restructure_run(st, &actor, &p, &o, r, e);
    }
    restructure_plan_release(&p);
    return rc;
}

/* A chi bộ's events: the first, and how many fall before, on and after 01/07/2025. */
struct chi_history {
    tcxd_date first;
    char first_kind[16];
    int before_day, on_day, after_day;
};
static void on_chi_event(void *ctx, const struct org_event_info *ev)
{
    struct chi_history *h = ctx;
    if (!h->first) {
        h->first = ev->date;
        snprintf(h->first_kind, sizeof(h->first_kind), "%s", ev->kind);
    }
    tcxd_date day = D(2025, 7, 1);
    if (ev->date < day)
        h->before_day++;
    else if (ev->date == day)
        h->on_day++;
    else
        h->after_day++;
}

static void test_plan_applies(void **state)
{
    (void)state;
    struct model m;
    struct store *st = build(&m);
    struct tcxd_error e;
    tcxd_date before = D(2025, 6, 30), day = D(2025, 7, 1);

    /* the model's figures */
    int64_t chi_tt = 0, wards = NDIST * NWARD;
    for (int d = 0; d < NDIST; d++)
        for (int w = 0; w < NWARD; w++)
            chi_tt += m.chi_per_ward[d][w];
    struct structure_counts want_before = {0};
    want_before.above_base = NDIST;
    want_before.base_dang_bo = wards;
    want_before.base_chi_bo = NDIST; /* the agencies */
    want_before.partial = 1;
    want_before.branches = chi_tt + m.dbbp_chi;
    want_before.members = m.total_members;
    struct structure_counts want_after = {0};
    want_after.above_base = 3;
    want_after.base_dang_bo = 1;             /* the đảng bộ bộ phận, re-tiered */
    want_after.base_chi_bo = chi_tt + NDIST; /* residential chi bộ + agencies */
    want_after.branches = m.dbbp_chi;        /* still under the (now base) đảng bộ */
    want_after.members = m.total_members;

    struct structure_counts b0 = counts(st, m.province, before);
    assert_int_equal(b0.above_base, want_before.above_base);
    assert_int_equal(b0.base_dang_bo, want_before.base_dang_bo);
    assert_int_equal(b0.base_chi_bo, want_before.base_chi_bo);
    assert_int_equal(b0.partial, want_before.partial);
    assert_int_equal(b0.branches, want_before.branches);
    assert_int_equal(b0.members, want_before.members);

    /* dry run: the figures of both days, nothing written */
    char *fp0 = fingerprint();
    struct restructure_result r;
    must(run(st, plan_csv, false, 0, &r, &e), &e);
    assert_false(r.applied);
    assert_int_equal(r.scope_id, m.province);
    assert_int_equal(r.created, 3);
    assert_int_equal(r.ended, wards + NDIST);
    assert_int_equal(r.before.members, m.total_members);
    assert_int_equal(r.after.members, m.total_members);
    assert_int_equal(r.after.above_base, want_after.above_base);
    assert_int_equal(r.after.base_chi_bo, want_after.base_chi_bo);
    assert_int_equal(r.after.base_dang_bo, want_after.base_dang_bo);
    assert_int_equal(r.after.branches, want_after.branches);
    assert_int_equal(r.members_unplaced, 0);
    /* a residential chi bộ with fewer than 3 official members is warned about (all are
       probationary here: every chi bộ gets the warning) */
    size_t warnings = 0;
    for (size_t i = 0; i < r.nissues; i++)
        warnings += r.issues[i].warning;
    assert_true(warnings >= (size_t)chi_tt);
    restructure_result_release(&r);
    char *fp1 = fingerprint();
    assert_string_equal(fp0, fp1);
    free(fp1);

    /* apply */
    int64_t audits = store_audit_count(st);
    must(run(st, plan_csv, true, 0, &r, &e), &e);
    assert_true(r.applied);
    restructure_result_release(&r);
    assert_true(store_audit_count(st) > audits);

    /* both days against the model; the day before unchanged */
    struct structure_counts b1 = counts(st, m.province, before);
    assert_memory_equal(&b0, &b1, sizeof(b0));
    struct structure_counts a = counts(st, m.province, day);
    assert_int_equal(a.above_base, want_after.above_base);
    assert_int_equal(a.direct_above_base, 3);
    assert_int_equal(a.base_dang_bo, want_after.base_dang_bo);
    assert_int_equal(a.base_chi_bo, want_after.base_chi_bo);
    assert_int_equal(a.partial, 0);
    assert_int_equal(a.branches, want_after.branches);
    assert_int_equal(a.members, m.total_members);

    /* each new committee holds its wards' members */
    struct org_info n1, n3, chi0, chi1;
    must(store_org_by_code(st, "N1", day, &n1, &e), &e);
    must(store_org_by_code(st, "N3", day, &n3, &e), &e);
    int64_t want_n1 = 0;
    for (int w = 0; w < 2; w++)
        for (int c = 0; c < m.chi_per_ward[0][w]; c++)
            want_n1 += m.members_per_chi[0][w][c];
    want_n1 += m.dbbp_members[0] + m.dbbp_members[1];
    assert_int_equal(counts(st, n1.id, day).members, want_n1);
    int64_t want_n3 = m.members_per_chi[0][2][0];
    for (int w = 1; w < 3; w++)
        for (int c = 0; c < m.chi_per_ward[1][w]; c++)
            want_n3 += m.members_per_chi[1][w][c];
    assert_int_equal(counts(st, n3.id, day).members, want_n3);

    /* the residential chi bộ: same id, old tier the day before, new tier under N1 after */
    must(store_org_get(st, m.first_chi, before, &chi0, &e), &e);
    must(store_org_get(st, m.first_chi, day, &chi1, &e), &e);
    assert_int_equal(chi0.tier, ORG_TIER_BELOW_BASE);
    assert_int_equal(chi1.tier, ORG_TIER_BASE);
    assert_int_equal(chi1.base_type, ORG_BASE_PHUONG);
    assert_int_equal(chi1.parent_id, n1.id);
    assert_string_equal(chi0.code, chi1.code);
    /* ... and its history: created in 2010, its own members on both days, its events before the
       change as they were, then the change itself dated 01/07/2025 */
    assert_int_equal(chi1.created_on, D(2010, 1, 1));
    assert_int_equal(counts(st, m.first_chi, before).members, m.members_per_chi[0][0][0]);
    assert_int_equal(counts(st, m.first_chi, day).members, m.members_per_chi[0][0][0]);
    struct chi_history h = {0};
    must(store_org_history(st, m.first_chi, on_chi_event, &h, &e), &e);
    assert_int_equal(h.first, D(2010, 1, 1));
    assert_string_equal(h.first_kind, "create");
    assert_int_equal(h.before_day, 1); /* its creation only */
    assert_true(h.on_day >= 1);        /* the move under N1 (with its re-tier) */
    assert_int_equal(h.after_day, 0);
    /* the split ward's explicitly moved chi bộ is under N3 */
    struct org_info s3;
    must(store_org_by_code(st, "P.D1.W3.01", day, &s3, &e), &e);
    assert_int_equal(s3.parent_id, n3.id);
    /* the districts ended */
    assert_int_equal(store_org_by_code(st, "P.D1", day, &s3, &e), TCXD_ENOTFOUND);

    /* flows over 2025 in the province: every organization moved stayed inside it */
    struct org_flows f;
    must(org_flows_count(st, m.province, D(2025, 1, 1), D(2025, 12, 31), &f, &e), &e);
    int64_t moved = chi_tt + 1 /* đảng bộ bộ phận */ + NDIST /* agencies */;
    assert_int_equal(f.all[FLOW_INSIDE], moved);
    assert_int_equal(f.base[FLOW_INSIDE], moved);
    assert_int_equal(f.all[FLOW_RECEIVED], 0);
    assert_int_equal(f.all[FLOW_CREATED], 3);
    assert_int_equal(f.base[FLOW_CREATED], 0);
    assert_int_equal(f.base[FLOW_MERGED], wards);
    assert_int_equal(f.all[FLOW_DISSOLVED], NDIST);
    assert_int_equal(f.all[FLOW_RETIERED], chi_tt + 1);
    /* N1's subtree did not exist the day before: what came into it was received from outside */
    must(org_flows_count(st, n1.id, D(2025, 1, 1), D(2025, 12, 31), &f, &e), &e);
    assert_int_equal(f.base[FLOW_RECEIVED], m.chi_per_ward[0][0] + m.chi_per_ward[0][1] + 1);
    /* the period before the change: nothing */
    must(org_flows_count(st, m.province, D(2024, 1, 1), D(2024, 12, 31), &f, &e), &e);
    for (int k = 0; k < FLOW__MAX; k++)
        assert_int_equal(f.all[k], 0);

    /* applying it again is refused (the codes are used), nothing written */
    char *fp2 = fingerprint();
    assert_int_not_equal(run(st, plan_csv, true, 0, &r, &e), TCXD_OK);
    restructure_result_release(&r);
    char *fp3 = fingerprint();
    assert_string_equal(fp2, fp3);
    free(fp0);
    free(fp2);
    free(fp3);
    store_close(st);
    unlink(dbpath);
}

static void test_plan_refusals(void **state)
{
    (void)state;
    struct model m;
    struct store *st = build(&m);
    struct tcxd_error e;
    struct restructure_result r;
    char *fp0 = fingerprint();

    /* a district ended while its wards are left out of the plan */
    const char *missing = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                          "create,N1,Đảng bộ phường Một,above_base,dang_bo,phuong,P,,,,01/07/2025\n"
                          "merge,P.D1.W1,,,,,,N1,,,\n"
                          "end,P.D2,,,,,,N1,,,\n";
    assert_int_equal(run(st, missing, true, 0, &r, &e), TCXD_EINVAL);
    int found = 0;
    for (size_t i = 0; i < r.nissues; i++)
        found += strstr(r.issues[i].msg, "P.D2.W") != NULL;
    assert_int_equal(found, NWARD);
    restructure_result_release(&r);

    /* without the end: one ward merged, accepted as a dry run */
    const char *one = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                      "create,N1,Đảng bộ phường Một,above_base,dang_bo,phuong,P,,,,01/07/2025\n"
                      "merge,P.D1.W1,,,,,,N1,,,\n";
    must(run(st, one, false, 0, &r, &e), &e);
    restructure_result_release(&r);
    struct org_info w1;
    must(store_org_by_code(st, "P.D1.W1", D(2025, 6, 30), &w1, &e), &e);

    /* field errors name the line and the column */
    const char *bad = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                      "create,N1,Đảng bộ,above_base,dang_bo,phuong,P,,,,01/07/2025\n"
                      "explode,P.D1.W1,,,,,,N1,,,\n"
                      "merge,P.D1.W2,,,,,,,,,02/07/2025\n";
    assert_int_equal(run(st, bad, true, 0, &r, &e), TCXD_EINVAL);
    assert_true(r.nerrors >= 3);
    assert_int_equal(r.issues[0].line, 3);
    assert_string_equal(r.issues[0].field, "action");
    restructure_result_release(&r);

    /* a commune-level committee before 01/07/2025: the store's dated rule, with the line */
    const char *early = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                        "create,N1,Đảng bộ phường,above_base,dang_bo,phuong,P,,,,01/06/2025\n"
                        "merge,P.D1.W1,,,,,,N1,,,\n";
    assert_int_not_equal(run(st, early, true, w1.id, &r, &e), TCXD_OK);
    assert_int_equal(r.issues[r.nissues - 1].line, 2);
    restructure_result_release(&r);

    /* a đảng bộ bộ phận moved inside another one */
    const char *nest = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                       "create,BP2,Đảng bộ bộ phận 2,below_base,dang_bo,,P.D1.W1,,,,01/07/2025\n"
                       "move,P.D1.W1.BP,,,,,BP2,,,,\n";
    assert_int_equal(run(st, nest, true, w1.id, &r, &e), TCXD_ERULE);
    assert_non_null(strstr(e.msg, "đảng bộ bộ phận"));
    restructure_result_release(&r);

    /* a chi bộ with members merged into a committee (members would have no chi bộ) */
    const char *orphan = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                         "merge,P.D1.W1.01,,,,,,P.D1.W1,,,01/07/2025\n";
    assert_int_equal(run(st, orphan, true, w1.id, &r, &e), TCXD_ERULE);
    restructure_result_release(&r);

    char *fp1 = fingerprint();
    assert_string_equal(fp0, fp1);
    free(fp0);
    free(fp1);

    /* a chi bộ merged into another and one ended into another: their members move with the
       plan (counted here from the model), the totals of the ward stay */
    const char *merge = "action,code,name,tier,form,type,parent,into,part,decision_no,date\n"
                        "merge,P.D1.W1.02,,,,,,P.D1.W1.01,,NQ 5,01/07/2025\n"
                        "end,P.D1.W2.02,,,,,,P.D1.W2.01,,NQ 6,\n";
    int64_t w1_before = counts(st, w1.id, D(2025, 6, 30)).members;
    must(run(st, merge, true, 0, &r, &e), &e);
    assert_int_equal(r.members_moved, m.members_per_chi[0][0][1] + m.members_per_chi[0][1][1]);
    assert_int_equal(r.ended, 2);
    restructure_result_release(&r);
    struct org_info c1, c2;
    must(store_org_by_code(st, "P.D1.W1.01", D(2025, 7, 1), &c1, &e), &e);
    must(store_org_by_code(st, "P.D1.W2.01", D(2025, 7, 1), &c2, &e), &e);
    struct org_tree t;
    struct node_counts nc;
    must(store_tree_load(st, D(2025, 7, 1), &t, &e), &e);
    must(report_node_counts(st, &t, TREE_NONE, &nc, &e), &e);
    uint32_t i1 = org_tree_find(&t, c1.id), i2 = org_tree_find(&t, c2.id);
    assert_int_equal(nc.official[i1] + nc.probationary[i1],
                     m.members_per_chi[0][0][0] + m.members_per_chi[0][0][1]);
    assert_int_equal(nc.official[i2] + nc.probationary[i2],
                     m.members_per_chi[0][1][0] + m.members_per_chi[0][1][1]);
    report_node_counts_free(&nc);
    org_tree_release(&t);
    assert_int_equal(counts(st, w1.id, D(2025, 7, 1)).members, w1_before);
    store_close(st);
    unlink(dbpath);
}

/* plan_csv as a workbook made in a spreadsheet: text cells, the date as a real date cell (a
   number with a date format, what Excel stores for 01/07/2025), the other dates left empty. */
static char *plan_xlsx(size_t *len)
{
    char path[256];
    snprintf(path, sizeof(path), "/tmp/tcxd-test-plan-%d.xlsx", (int)getpid());
    lxw_workbook *wb = workbook_new(path);
    assert_non_null(wb);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Kế hoạch");
    lxw_format *df = workbook_add_format(wb);
    format_set_num_format(df, "dd/mm/yyyy");
    char *copy = xstrdup(plan_csv);
    int r = 0;
    for (char *line = copy, *next; line && *line; line = next, r++) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        int c = 0;
        for (char *cell = line, *end; cell; cell = end, c++) {
            end = strchr(cell, ',');
            if (end)
                *end++ = '\0';
            if (!*cell)
                continue;
            if (r > 0 && c == 10) {
                int d, m, y;
                assert_int_equal(sscanf(cell, "%d/%d/%d", &d, &m, &y), 3);
                lxw_datetime dt = {y, m, d, 0, 0, 0};
                assert_int_equal(worksheet_write_datetime(ws, (lxw_row_t)r, (lxw_col_t)c, &dt, df),
                                 LXW_NO_ERROR);
            } else {
                assert_int_equal(worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cell, NULL),
                                 LXW_NO_ERROR);
            }
        }
    }
    free(copy);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct buf b = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    unlink(path);
    return buf_detach(&b, len);
}

static void same_str(const char *a, const char *b, long line)
{
    if (strcmp(a ? a : "", b ? b : ""))
        fail_msg("line %ld: '%s' (XLSX) against '%s' (CSV)", line, a ? a : "", b ? b : "");
}

/* The plan reader takes XLSX as well as CSV: the same rows, lines and date from the workbook; its
   dry run gives the CSV plan's figures, and it applies as the CSV plan does. */
static void test_plan_xlsx(void **state)
{
    (void)state;
    struct model m;
    struct store *st = build(&m);
    struct tcxd_error e;
    size_t len;
    char *x = plan_xlsx(&len);
    assert_true(len > 4 && !memcmp(x, "PK", 2)); /* a zip: the workbook, not text */
    struct restructure_plan pc, px;
    struct restructure_result rc, rx;
    restructure_plan_init(&pc);
    restructure_plan_init(&px);
    restructure_result_init(&rc);
    restructure_result_init(&rx);
    must(restructure_plan_read(plan_csv, strlen(plan_csv), "plan.csv", &pc, &rc, &e), &e);
    must(restructure_plan_read(x, len, "ke-hoach.xlsx", &px, &rx, &e), &e);
    assert_int_equal(px.n, pc.n);
    assert_int_equal(px.n, 15);
    assert_int_equal(px.date, D(2025, 7, 1));
    assert_int_equal(px.date, pc.date);
    for (size_t i = 0; i < pc.n; i++) {
        const struct plan_row *a = &px.rows[i], *b = &pc.rows[i];
        assert_int_equal(a->line, b->line);
        assert_int_equal(a->action, b->action);
        same_str(a->code, b->code, b->line);
        same_str(a->name, b->name, b->line);
        same_str(a->parent, b->parent, b->line);
        same_str(a->into, b->into, b->line);
        same_str(a->decision_no, b->decision_no, b->line);
        assert_int_equal(a->has_shape, b->has_shape);
        assert_int_equal(a->part, b->part);
        if (a->has_shape) {
            assert_int_equal(a->shape.tier, b->shape.tier);
            assert_int_equal(a->shape.form, b->shape.form);
            assert_int_equal(a->shape.base_type, b->shape.base_type);
        }
    }
    /* the dry run of each: the same changes and figures, nothing applied */
    struct restructure_opts dry = {false, 0};
    must(restructure_run(st, &actor, &pc, &dry, &rc, &e), &e);
    must(restructure_run(st, &actor, &px, &dry, &rx, &e), &e);
    assert_false(rx.applied);
    assert_int_equal(rx.nerrors, 0);
    assert_int_equal(rx.created, 3);
    assert_int_equal(rx.created, rc.created);
    assert_int_equal(rx.ended, rc.ended);
    assert_int_equal(rx.moved, rc.moved);
    assert_int_equal(rx.retiered, rc.retiered);
    assert_int_equal(rx.after.members, m.total_members);
    assert_true(!memcmp(&rx.before, &rc.before, sizeof(rx.before)));
    assert_true(!memcmp(&rx.after, &rc.after, sizeof(rx.after)));
    /* applied from the workbook: the figures it announced */
    struct structure_counts announced = rx.after;
    restructure_result_release(&rx);
    restructure_result_init(&rx);
    struct restructure_opts apply = {true, 0};
    must(restructure_run(st, &actor, &px, &apply, &rx, &e), &e);
    assert_true(rx.applied);
    struct structure_counts now = counts(st, m.province, D(2025, 7, 1));
    assert_int_equal(now.members, announced.members);
    assert_int_equal(now.above_base, announced.above_base);
    assert_int_equal(now.base_dang_bo + now.base_chi_bo,
                     announced.base_dang_bo + announced.base_chi_bo);
    assert_int_equal(now.branches, announced.branches);
    restructure_result_release(&rc);
    restructure_result_release(&rx);
    restructure_plan_release(&pc);
    restructure_plan_release(&px);
    free(x);
    store_close(st);
    unlink(dbpath);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plan_applies),
        cmocka_unit_test(test_plan_refusals),
        cmocka_unit_test(test_plan_xlsx),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
