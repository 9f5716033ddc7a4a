/*
 * test_program_store.c - programs, indicators and the meeting register in the database:
 * the seed's program (34 items, 11 agencies, "24 / 05 / 05" on 30/06/2022), the seed's plan of
 * new organizations in non-state enterprises ("56/68, đạt 82,4% kế hoạch") counted from the tree
 * itself, admissions against the same period, attendance refused for another chi bộ's meeting,
 * the quarterly attendance report at its boundaries, and refusals that write nothing. Expected
 * figures are the test's own counts of what it entered.
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

#include "store/store_program.h"

static const struct store_actor actor = {"test", "local"};
static char dir[64], path[96];
static struct store *st;
static int64_t city, district, other_city, ward, chi_bo, chi_bo2;

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static int64_t org(const char *code, enum org_tier tier, enum org_form form, enum org_base_type bt,
                   int64_t parent, tcxd_date on)
{
    struct tcxd_error e;
    struct org_create_req r = {.code = code,
                               .name = code,
                               .tier = tier,
                               .form = form,
                               .base_type = bt,
                               .parent_id = parent,
                               .date = on};
    int64_t id = 0;
    enum tcxd_err rc = store_org_create(st, &actor, &r, &id, &e);
    if (rc)
        fprintf(stderr, "%s: %s\n", code, e.msg);
    assert_int_equal(rc, TCXD_OK);
    return id;
}

static int64_t admit(int64_t org_id, const char *name, tcxd_date decision)
{
    struct member_strings s = {.full_name = name, .gender = "nam", .birth_date = "1970-01-01"};
    struct member_fields f;
    struct tcxd_error e;
    member_fields_init(&f);
    assert_int_equal(member_fields_parse(&s, &f, &e), TCXD_OK);
    struct member_admit_req r = {
        .fields = &f, .org_id = org_id, .decision_date = decision, .ceremony_date = decision + 10};
    int64_t id = 0;
    enum tcxd_err rc = store_member_admit(st, &actor, &r, &id, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    assert_int_equal(rc, TCXD_OK);
    member_fields_release(&f);
    return id;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/tcxd-prog-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/t.db", dir);
    struct tcxd_error e;
    if (store_open(path, STORE_CREATE, &st, &e))
        return -1;
    city = org("HN", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0, D(2000, 1, 1));
    other_city = org("HP", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0, D(2000, 1, 1));
    district =
        org("HN.Q1", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, city, D(2000, 1, 1));
    ward =
        org("HN.Q1.P1", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, district, D(2000, 1, 1));
    chi_bo = org("HN.Q1.P1.01", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, ward,
                 D(2000, 1, 1));
    chi_bo2 = org("HN.Q1.P1.02", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, ward,
                  D(2000, 1, 1));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) ? -1 : 0;
}

static void test_seed_program(void **state)
{
    (void)state;
    struct tcxd_error e;
    int64_t pid;
    struct program_create_req p = {.code = "01-CTr/TU",
                                   .title = "Chương trình số 01",
                                   .steering = "Ban Chỉ đạo",
                                   .org_id = city,
                                   .from = D(2021, 1, 1),
                                   .to = D(2025, 12, 31)};
    enum tcxd_err prc = store_program_create(st, &actor, &p, &pid, &e);
    if (prc)
        fprintf(stderr, "%s\n", e.msg);
    assert_int_equal(prc, TCXD_OK);
    assert_int_equal(store_program_create(st, &actor, &p, NULL, &e), TCXD_ECONFLICT);
    /* 34 items spread over 11 agencies (names differing only in case and diacritics count once);
       by 30/06/2022: 24 done, 5 draft submitted, 5 in progress; later changes do not count */
    int done = 0, draft = 0, progress = 0;
    for (int i = 0; i < 34; i++) {
        char no[8], agency[64];
        snprintf(no, sizeof(no), "%d", i + 1);
        snprintf(agency, sizeof(agency), i % 2 ? "Ban Tổ chức số %d" : "BAN TO CHUC SO %d", i % 11);
        struct program_item_req it = {.no = no,
                                      .title = "Đề án",
                                      .lead_agency = agency,
                                      .kind = PITEM_DE_AN,
                                      .start = D(2021, 2, 1),
                                      .deadline = D(2024, 12, 31)};
        int64_t iid;
        assert_int_equal(store_program_item_add(st, &actor, pid, &it, &iid, &e), TCXD_OK);
        struct program_status_change c1 = {D(2021, 3, 1), PSTATUS_IN_PROGRESS};
        assert_int_equal(store_program_item_status(st, &actor, iid, c1, "", "", D(2026, 1, 1), &e),
                         TCXD_OK);
        if (i < 29) {
            struct program_status_change c2 = {D(2022, 1, 5), PSTATUS_DRAFT_SUBMITTED};
            assert_int_equal(
                store_program_item_status(st, &actor, iid, c2, "", "", D(2026, 1, 1), &e), TCXD_OK);
        }
        if (i < 24) {
            struct program_status_change c3 = {D(2022, 6, 30), PSTATUS_DONE};
            assert_int_equal(
                store_program_item_status(st, &actor, iid, c3, "", "", D(2026, 1, 1), &e), TCXD_OK);
            done++;
        } else if (i < 29) {
            draft++;
        } else {
            progress++;
            if (i == 33) { /* done the day after: not by 30/06 */
                struct program_status_change c4 = {D(2022, 7, 1), PSTATUS_DONE};
                assert_int_equal(
                    store_program_item_status(st, &actor, iid, c4, "", "", D(2026, 1, 1), &e),
                    TCXD_OK);
            }
        }
    }
    struct program_items l;
    assert_int_equal(store_program_items(st, pid, &l, &e), TCXD_OK);
    assert_int_equal(l.n, 34);
    struct program_progress pr;
    store_program_progress(&l, D(2022, 6, 30), 30, &pr);
    assert_int_equal(pr.items, 34);
    assert_int_equal(pr.agencies, 11);
    assert_int_equal(pr.by_status[PSTATUS_DONE], done);
    assert_int_equal(pr.by_status[PSTATUS_DRAFT_SUBMITTED], draft);
    assert_int_equal(pr.by_status[PSTATUS_IN_PROGRESS], progress);
    struct buf b = BUF_INIT;
    program_progress_summary(&pr, &b);
    assert_string_equal(b.ptr, "34 nội dung, 11 cơ quan: 24 hoàn thành; 05 đã có dự thảo trình; "
                               "05 đang triển khai");
    store_program_progress(&l, D(2022, 7, 1), 30, &pr);
    assert_int_equal(pr.by_status[PSTATUS_DONE], 25);
    /* before the items started nothing is counted */
    store_program_progress(&l, D(2021, 1, 15), 30, &pr);
    assert_int_equal(pr.items, 0);
    buf_release(&b);
    store_program_items_release(&l);

    /* refusals write nothing */
    int64_t audits = store_audit_count(st), iid;
    struct program_item_req bad = {.no = "99",
                                   .title = "x",
                                   .lead_agency = "y",
                                   .kind = PITEM_DE_AN,
                                   .start = D(2022, 1, 1),
                                   .deadline = D(2021, 1, 1)};
    assert_int_equal(store_program_item_add(st, &actor, pid, &bad, NULL, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "deadline");
    struct program_item_req dup = {.no = "1",
                                   .title = "x",
                                   .lead_agency = "y",
                                   .kind = PITEM_DE_AN,
                                   .start = D(2022, 1, 1),
                                   .deadline = D(2023, 1, 1)};
    assert_int_equal(store_program_item_add(st, &actor, pid, &dup, NULL, &e), TCXD_ECONFLICT);
    assert_int_equal(store_program_item_find(st, pid, "1", &iid, &e), TCXD_OK);
    struct program_status_change back = {D(2021, 6, 1), PSTATUS_DONE}; /* before the last */
    assert_int_equal(store_program_item_status(st, &actor, iid, back, "", "", D(2026, 1, 1), &e),
                     TCXD_ERULE);
    assert_int_equal(store_audit_count(st), audits);
}

static void test_indicators_from_the_tree(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* 2022: 56 base organizations in non-state enterprises under the city (some under the
       district), 4 state enterprises, 3 non-state under another city; 2021: 5 non-state */
    char code[32];
    int expect_non_state = 0, expect_all = 0;
    for (int i = 0; i < 56; i++) {
        snprintf(code, sizeof(code), "HN.DN%02d", i);
        org(code, ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DN_NGOAI_NHA_NUOC,
            i % 3 ? city : district, D(2022, 1 + i % 12, 1 + i % 28));
        expect_non_state++, expect_all++;
    }
    for (int i = 0; i < 4; i++) {
        snprintf(code, sizeof(code), "HN.NN%02d", i);
        org(code, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_DNNN, city, D(2022, 5, 5));
        expect_all++;
    }
    for (int i = 0; i < 3; i++) {
        snprintf(code, sizeof(code), "HP.DN%02d", i);
        org(code, ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DN_NGOAI_NHA_NUOC, other_city,
            D(2022, 3, 3));
    }
    for (int i = 0; i < 5; i++) {
        snprintf(code, sizeof(code), "HN.OLD%02d", i);
        org(code, ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DN_NGOAI_NHA_NUOC, city,
            D(2021, 12, 31));
    }
    int64_t id;
    struct indicator_create_req r = {.code = "TC-DNNN-2022",
                                     .name = "Thành lập tổ chức đảng",
                                     .org_id = city,
                                     .source = IND_NEW_ORGS_NON_STATE,
                                     .unit = INDICATOR_COUNT};
    assert_int_equal(store_indicator_create(st, &actor, &r, &id, &e), TCXD_OK);
    assert_int_equal(store_indicator_figure_set(st, &actor, id, INDICATOR_TARGET, D(2022, 1, 1),
                                                D(2022, 12, 31), 68, "kế hoạch năm 2022", &e),
                     TCXD_OK);
    assert_int_equal(store_indicator_figure_set(st, &actor, id, INDICATOR_ACTUAL, D(2022, 1, 1),
                                                D(2022, 12, 31), 50, "", &e),
                     TCXD_ERULE); /* computed: not entered */
    struct indicator_info ind;
    assert_int_equal(store_indicator_get(st, 0, "TC-DNNN-2022", &ind, &e), TCXD_OK);
    bool found;
    int64_t actual, target;
    assert_int_equal(
        store_indicator_actual(st, &ind, D(2022, 1, 1), D(2022, 12, 31), &found, &actual, &e),
        TCXD_OK);
    assert_true(found);
    assert_int_equal(actual, expect_non_state);
    assert_int_equal(store_indicator_figure_get(st, id, INDICATOR_TARGET, D(2022, 1, 1),
                                                D(2022, 12, 31), &found, &target, &e),
                     TCXD_OK);
    struct indicator_progress p = {.unit = ind.unit,
                                   .has_actual = true,
                                   .actual = actual,
                                   .has_target = found,
                                   .target = target};
    struct buf b = BUF_INIT;
    indicator_sentence(&p, 0, &b);
    assert_string_equal(b.ptr, "56/68, đạt 82,4% kế hoạch");
    buf_release(&b);
    /* the district's subtree holds only every third of them */
    struct indicator_create_req all = {.code = "TC-Q1",
                                       .name = "Tổ chức cơ sở mới",
                                       .org_id = district,
                                       .source = IND_NEW_ORGS,
                                       .unit = INDICATOR_COUNT};
    assert_int_equal(store_indicator_create(st, &actor, &all, &id, &e), TCXD_OK);
    assert_int_equal(store_indicator_get(st, id, NULL, &ind, &e), TCXD_OK);
    assert_int_equal(
        store_indicator_actual(st, &ind, D(2022, 1, 1), D(2022, 12, 31), &found, &actual, &e),
        TCXD_OK);
    int in_district = 0;
    for (int i = 0; i < 56; i++)
        in_district += i % 3 == 0;
    assert_int_equal(actual, in_district);
    (void)expect_all;
}

static void test_admissions_against_the_same_period(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* H1 2021: 8 in the city's chi bộ, H1 2022: 9; one on 01/07/2022 (outside), one in HP */
    int64_t hp_base =
        org("HP.P", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, other_city, D(2000, 1, 1));
    int64_t hp_chi =
        org("HP.P.01", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, hp_base, D(2000, 1, 1));
    static const char *const names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường",
                                        "Phạm Thị Dung", "Hoàng Văn Em"};
    int n2021 = 0, n2022 = 0;
    for (int i = 0; i < 8; i++, n2021++)
        admit(i % 2 ? chi_bo : chi_bo2, names[i % 5], D(2021, 1 + i % 6, 2 + i));
    for (int i = 0; i < 9; i++, n2022++)
        admit(chi_bo, names[i % 5], D(2022, 1 + i % 6, 3 + i));
    admit(chi_bo, names[0], D(2022, 7, 1));
    admit(hp_chi, names[1], D(2022, 2, 1));
    int64_t id;
    struct indicator_create_req r = {.code = "KN",
                                     .name = "Kết nạp đảng viên",
                                     .org_id = city,
                                     .source = IND_ADMISSIONS,
                                     .unit = INDICATOR_COUNT};
    assert_int_equal(store_indicator_create(st, &actor, &r, &id, &e), TCXD_OK);
    struct indicator_info ind;
    assert_int_equal(store_indicator_get(st, id, NULL, &ind, &e), TCXD_OK);
    bool found;
    int64_t now, before;
    assert_int_equal(
        store_indicator_actual(st, &ind, D(2022, 1, 1), D(2022, 6, 30), &found, &now, &e), TCXD_OK);
    assert_int_equal(
        store_indicator_actual(st, &ind, D(2021, 1, 1), D(2021, 6, 30), &found, &before, &e),
        TCXD_OK);
    assert_int_equal(now, n2022);
    assert_int_equal(before, n2021);
    struct indicator_progress p = {.unit = INDICATOR_COUNT,
                                   .has_actual = true,
                                   .actual = now,
                                   .has_same_period = true,
                                   .same_period = before};
    struct buf b = BUF_INIT;
    indicator_sentence(&p, 2021, &b);
    assert_string_equal(b.ptr, "9, bằng 112,5% so với cùng kỳ năm 2021");
    buf_release(&b);
}

struct att_ctx {
    int met, missed, not_due, rows;
};

static void count_att(void *ctx, const struct attendance_row *r)
{
    struct att_ctx *c = ctx;
    c->rows++;
    c->met += r->result == ATTEND_MET;
    c->missed += r->result == ATTEND_MISSED;
    c->not_due += r->result == ATTEND_NOT_DUE;
}

static void quarter(int y, int q, struct att_ctx *c)
{
    struct tcxd_error e;
    tcxd_date qf, qt;
    program_quarter_bounds(y, q, &qf, &qt);
    struct org_tree t;
    assert_int_equal(store_tree_load(st, qt - 1, &t, &e), TCXD_OK);
    memset(c, 0, sizeof(*c));
    assert_int_equal(
        store_attendance_report(st, &t, org_tree_find(&t, city), y, q, count_att, c, &e), TCXD_OK);
    org_tree_release(&t);
}

static void test_meetings_and_attendance(void **state)
{
    (void)state;
    struct tcxd_error e;
    int64_t a = admit(chi_bo, "Đỗ Văn Giang", D(2015, 3, 3));
    int64_t b = admit(chi_bo2, "Vũ Thị Hạnh", D(2015, 3, 3));
    int64_t leader = admit(chi_bo2, "Bùi Văn Khánh", D(2005, 3, 3)); /* committee member */
    int64_t audits = store_audit_count(st);
    /* b belongs to chi_bo2: listing her as present at chi_bo's meeting is refused */
    int64_t present_bad[] = {a, b};
    struct meeting_req bad = {.org_id = chi_bo,
                              .date = D(2022, 3, 31),
                              .kind = MEETING_REGULAR,
                              .members = present_bad,
                              .nmembers = 2};
    assert_int_equal(store_meeting_add(st, &actor, &bad, D(2026, 1, 1), NULL, &e), TCXD_ERULE);
    assert_string_equal(e.field, "members");
    int64_t twice[] = {a, a};
    struct meeting_req dup = {.org_id = chi_bo,
                              .date = D(2022, 3, 31),
                              .kind = MEETING_REGULAR,
                              .members = twice,
                              .nmembers = 2};
    assert_int_equal(store_meeting_add(st, &actor, &dup, D(2026, 1, 1), NULL, &e), TCXD_EINVAL);
    struct meeting_req future = {.org_id = chi_bo, .date = D(2026, 2, 1)};
    assert_int_equal(store_meeting_add(st, &actor, &future, D(2026, 1, 1), NULL, &e), TCXD_EINVAL);
    assert_int_equal(store_audit_count(st), audits);

    /* the leader is assigned to chi_bo from 2021 and visits it on 31/03/2022 (last day of Q1) and
       01/07/2022 (first day of Q3); nothing in Q2 */
    int64_t asg;
    assert_int_equal(
        store_attendance_assign(st, &actor, leader, chi_bo, D(2021, 1, 1), DATE_NONE, "", &asg, &e),
        TCXD_OK);
    assert_int_equal(
        store_attendance_assign(st, &actor, leader, chi_bo, D(2021, 6, 1), DATE_NONE, "", NULL, &e),
        TCXD_ECONFLICT);
    int64_t present[] = {a}, guests[] = {leader};
    struct meeting_req m1 = {.org_id = chi_bo,
                             .date = D(2022, 3, 31),
                             .kind = MEETING_REGULAR,
                             .topic = "Sinh hoạt tháng 3",
                             .members = present,
                             .nmembers = 1,
                             .guests = guests,
                             .nguests = 1};
    assert_int_equal(store_meeting_add(st, &actor, &m1, D(2026, 1, 1), NULL, &e), TCXD_OK);
    struct meeting_req m2 = m1;
    m2.date = D(2022, 7, 1);
    assert_int_equal(store_meeting_add(st, &actor, &m2, D(2026, 1, 1), NULL, &e), TCXD_OK);
    /* a meeting of chi_bo2 in Q2 with the leader as a member: not a visit to chi_bo */
    int64_t own[] = {leader};
    struct meeting_req m3 = {.org_id = chi_bo2,
                             .date = D(2022, 5, 5),
                             .kind = MEETING_THEMATIC,
                             .members = own,
                             .nmembers = 1};
    assert_int_equal(store_meeting_add(st, &actor, &m3, D(2026, 1, 1), NULL, &e), TCXD_OK);
    /* a second assignment that starts inside Q2: not due there */
    assert_int_equal(store_attendance_assign(st, &actor, leader, chi_bo2, D(2022, 4, 2), DATE_NONE,
                                             "", NULL, &e),
                     TCXD_OK);
    struct att_ctx c;
    quarter(2022, 1, &c);
    assert_int_equal(c.rows, 1);
    assert_int_equal(c.met, 1);
    quarter(2022, 2, &c);
    assert_int_equal(c.rows, 2);
    assert_int_equal(c.missed, 1);
    assert_int_equal(c.met, 1); /* the chi_bo2 meeting of 05/05 counts for chi_bo2 */
    quarter(2022, 3, &c);
    assert_int_equal(c.rows, 2);
    assert_int_equal(c.met, 1);
    assert_int_equal(c.missed, 1);
    quarter(2020, 4, &c); /* before the assignments */
    assert_int_equal(c.rows, 0);
}

static void test_residential_coverage(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* ward: 6 units. A, B served by chi_bo (with members from test 3 on), C by an empty chi bộ,
       D by nobody, E by chi_bo2 from 2023 only, F added in 2024 (not there in 2022).
       Another city's ward has one unit G with no chi bộ: outside the city's subtree. */
    int64_t empty = org("HN.Q1.P1.03", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, ward,
                        D(2000, 1, 1));
    int64_t hp_ward =
        org("HP.W", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_XA, other_city, D(2000, 1, 1));
    const char *codes[] = {"TDP-A", "TDP-B", "TDP-C", "TDP-D", "TDP-E"};
    int64_t ids[5];
    for (int i = 0; i < 5; i++)
        assert_int_equal(store_residential_add(st, &actor, codes[i], codes[i], RES_TO_DAN_PHO, ward,
                                               D(2010, 1, 1), &ids[i], &e),
                         TCXD_OK);
    int64_t f, g;
    assert_int_equal(store_residential_add(st, &actor, "TDP-F", "F", RES_TO_DAN_PHO, ward,
                                           D(2024, 1, 1), &f, &e),
                     TCXD_OK);
    assert_int_equal(
        store_residential_add(st, &actor, "THON-G", "G", RES_THON, hp_ward, D(2010, 1, 1), &g, &e),
        TCXD_OK);
    /* a chi bộ is no commune: refused; a duplicate code: refused */
    int64_t audits = store_audit_count(st);
    assert_int_equal(
        store_residential_add(st, &actor, "X", "X", RES_THON, chi_bo, D(2010, 1, 1), NULL, &e),
        TCXD_ERULE);
    assert_int_equal(
        store_residential_add(st, &actor, "TDP-A", "A", RES_THON, ward, D(2010, 1, 1), NULL, &e),
        TCXD_ECONFLICT);
    assert_int_equal(store_residential_link(st, &actor, ids[0], ward, D(2011, 1, 1), "", &e),
                     TCXD_ERULE); /* the ward itself is not a chi bộ */
    assert_int_equal(store_audit_count(st), audits);
    assert_int_equal(store_residential_link(st, &actor, ids[0], chi_bo, D(2011, 1, 1), "", &e),
                     TCXD_OK);
    assert_int_equal(store_residential_link(st, &actor, ids[1], chi_bo, D(2011, 1, 1), "", &e),
                     TCXD_OK);
    assert_int_equal(store_residential_link(st, &actor, ids[2], empty, D(2011, 1, 1), "", &e),
                     TCXD_OK);
    assert_int_equal(store_residential_link(st, &actor, ids[4], chi_bo2, D(2023, 1, 1), "", &e),
                     TCXD_OK);
    assert_int_equal(store_residential_link(st, &actor, ids[4], chi_bo2, D(2022, 6, 1), "", &e),
                     TCXD_ERULE); /* before the unit's last link */
    struct org_tree t;
    struct residential_coverage c;
    /* 30/06/2022: units A-E; chi_bo has members (admitted in 2021-22 by test 3), chi_bo2 too */
    assert_int_equal(store_tree_load(st, D(2022, 6, 30), &t, &e), TCXD_OK);
    assert_int_equal(
        store_residential_coverage(st, &t, org_tree_find(&t, city), D(2022, 6, 30), &c, &e),
        TCXD_OK);
    assert_int_equal(c.units, 5);
    assert_int_equal(c.without_chi_bo, 2);  /* D, E */
    assert_int_equal(c.without_members, 3); /* C (empty chi bộ), D, E */
    org_tree_release(&t);
    /* 31/12/2024: F added (no chi bộ), E served by chi_bo2 */
    assert_int_equal(store_tree_load(st, D(2024, 12, 31), &t, &e), TCXD_OK);
    assert_int_equal(
        store_residential_coverage(st, &t, org_tree_find(&t, city), D(2024, 12, 31), &c, &e),
        TCXD_OK);
    assert_int_equal(c.units, 6);
    assert_int_equal(c.without_chi_bo, 2);  /* D, F */
    assert_int_equal(c.without_members, 3); /* C, D, F */
    /* the other city's subtree holds only G */
    assert_int_equal(
        store_residential_coverage(st, &t, org_tree_find(&t, other_city), D(2024, 12, 31), &c, &e),
        TCXD_OK);
    assert_int_equal(c.units, 1);
    assert_int_equal(c.without_chi_bo, 1);
    org_tree_release(&t);
    /* the same figures through an indicator */
    int64_t id;
    struct indicator_create_req r = {.code = "THON-CB",
                                     .name = "Thôn, tổ dân phố chưa có chi bộ",
                                     .org_id = city,
                                     .source = IND_UNITS_WITHOUT_CHI_BO,
                                     .unit = INDICATOR_COUNT};
    assert_int_equal(store_indicator_create(st, &actor, &r, &id, &e), TCXD_OK);
    struct indicator_info ind;
    assert_int_equal(store_indicator_get(st, id, NULL, &ind, &e), TCXD_OK);
    bool found;
    int64_t v;
    assert_int_equal(
        store_indicator_actual(st, &ind, D(2022, 1, 1), D(2022, 6, 30), &found, &v, &e), TCXD_OK);
    assert_int_equal(v, 2);
    (void)f, (void)g;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_program),
        cmocka_unit_test(test_indicators_from_the_tree),
        cmocka_unit_test(test_admissions_against_the_same_period),
        cmocka_unit_test(test_meetings_and_attendance),
        cmocka_unit_test(test_residential_coverage),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
