/*
 * test_inspection_store.c - inspections, supervision and discipline in the database: seed 004's
 * first half of 2022 entered as records ("kiểm tra đối với 533 tổ chức đảng, 187 đảng viên; giám
 * sát đối với 243 tổ chức đảng, 160 đảng viên; thi hành kỷ luật 10 tổ chức đảng và 359 đảng
 * viên"; "thành lập 05 đoàn kiểm tra đối với 15 tổ chức đảng và 25 đảng viên"), with records
 * outside the period and outside the subtree that must not count, an appeal that annuls one
 * decision; appeals at their boundaries; the rules' refusals writing nothing; a member's discipline
 * as the member's event (a khai trừ ends the membership); expiry and appeals. Expected figures are
 * the test's own counts of what it entered.
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

#include "store/store_inspection.h"

static const struct store_actor actor = {"test", "local"};
static char dir[64], path[96];
static struct store *st;
static int64_t city, other, districts[3], chi[60], other_chi;
static int nchi;
static int64_t members[420], nmembers;
static tcxd_date today;

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static int64_t org(const char *code, enum org_tier tier, enum org_form form, enum org_base_type bt,
                   int64_t parent)
{
    struct tcxd_error e;
    struct org_create_req r = {.code = code,
                               .name = code,
                               .tier = tier,
                               .form = form,
                               .base_type = bt,
                               .parent_id = parent,
                               .date = D(2000, 1, 1)};
    int64_t id = 0;
    assert_int_equal(store_org_create(st, &actor, &r, &id, &e), TCXD_OK);
    return id;
}

static int64_t admit(int64_t org_id, tcxd_date decision)
{
    struct member_strings s = {
        .full_name = "Nguyễn Văn Thử", .gender = "nam", .birth_date = "1970-01-01"};
    struct member_fields f;
    struct tcxd_error e;
    member_fields_init(&f);
    assert_int_equal(member_fields_parse(&s, &f, &e), TCXD_OK);
    struct member_admit_req r = {
        .fields = &f, .org_id = org_id, .decision_date = decision, .ceremony_date = decision};
    int64_t id = 0;
    assert_int_equal(store_member_admit(st, &actor, &r, &id, &e), TCXD_OK);
    member_fields_release(&f);
    return id;
}

static void official(int64_t m, tcxd_date on)
{
    struct tcxd_error e;
    struct member_event ev = {
        .kind = MEV_OFFICIAL, .date = DATE_NONE, .decision_date = on, .until = DATE_NONE};
    assert_int_equal(store_member_event(st, &actor, m, &ev, "", "", &e), TCXD_OK);
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "/tmp/tcxd-insp-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof(path), "%s/t.db", dir);
    struct tcxd_error e;
    if (store_open(path, STORE_CREATE, &st, &e))
        return -1;
    today = date_today();
    city = org("HN", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0);
    other = org("HP", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0);
    char code[32];
    for (int d = 0; d < 3; d++) {
        snprintf(code, sizeof(code), "HN.Q%d", d);
        int64_t q = districts[d] =
            org(code, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, city);
        for (int w = 0; w < 5; w++) {
            snprintf(code, sizeof(code), "HN.Q%d.P%d", d, w);
            int64_t p = org(code, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, q);
            for (int c = 0; c < 4; c++) {
                snprintf(code, sizeof(code), "HN.Q%d.P%d.%d", d, w, c);
                chi[nchi++] = org(code, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, p);
            }
        }
    }
    int64_t hpw = org("HP.P", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, other);
    other_chi = org("HP.P.1", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, hpw);
    /* 400 official members in the city's chi bộ */
    for (int i = 0; i < 400; i++) {
        members[nmembers] = admit(chi[i % nchi], D(2015, 1, 1));
        official(members[nmembers++], D(2016, 1, 10));
    }
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

/* One inspection of `kind` on `start` over norgs chi bộ (from *next_org) and nmem members. */
static int64_t inspect(enum inspection_kind kind, enum inspection_body body, int64_t body_org,
                       tcxd_date start, int norgs, int nmem, int *next_org, int *next_mem)
{
    int64_t orgs[64], mems[64];
    for (int i = 0; i < norgs; i++)
        orgs[i] = chi[(*next_org)++ % nchi];
    for (int i = 0; i < nmem; i++)
        mems[i] = members[(*next_mem)++ % nmembers];
    struct inspection_req r = {.end = DATE_NONE,
                               .kind = kind,
                               .body = body,
                               .body_org_id = body_org,
                               .team = body == INSP_BODY_DOAN ? "Đoàn kiểm tra số 1" : "",
                               .areas = 1u << INSP_AREA_NGHI_QUYET,
                               .start = start,
                               .orgs = orgs,
                               .norgs = (size_t)norgs,
                               .members = mems,
                               .nmembers = (size_t)nmem};
    struct tcxd_error e;
    int64_t id = 0;
    enum tcxd_err rc = store_inspection_add(st, &actor, &r, today, &id, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    assert_int_equal(rc, TCXD_OK);
    return id;
}

static void test_seed_first_half_2022(void **state)
{
    (void)state;
    struct tcxd_error e;
    int no = 0, nm = 0;
    int kt_orgs = 0, kt_members = 0, gs_orgs = 0, gs_members = 0;
    /* "Ban Thường vụ Thành ủy thành lập 05 đoàn kiểm tra đối với 15 tổ chức đảng và 25 đảng
       viên": 5 teams of the city, each over 3 organizations and 5 members (part of the kiểm tra
       figures); a team of a district is not one of the city's */
    int teams = 0, team_orgs = 0, team_members = 0;
    for (int i = 0; i < 5; i++) {
        inspect(INSP_KT_DAU_HIEU, INSP_BODY_DOAN, city, D(2022, 5, 2 + i), 3, 5, &no, &nm);
        teams++;
        team_orgs += 3;
        team_members += 5;
        kt_orgs += 3;
        kt_members += 5;
    }
    inspect(INSP_KT_CHUYEN_DE, INSP_BODY_DOAN, districts[0], D(2022, 6, 1), 1, 1, &no, &nm);
    kt_orgs += 1;
    kt_members += 1;
    /* the other inspections: 36 x 14 + 13 organizations, 8 x 18 + 17 members */
    for (int i = 0; i < 37; i++) {
        int k = i < 36 ? 14 : 13;
        inspect(i % 2 ? INSP_KT_THUONG_XUYEN : INSP_KT_CHUYEN_DE, INSP_BODY_UBKT, city,
                D(2022, 1 + i % 6, 1 + i % 28), k, 0, &no, &nm);
        kt_orgs += k;
    }
    for (int i = 0; i < 9; i++) {
        int k = i < 8 ? 18 : 17;
        inspect(INSP_KT_DAU_HIEU, INSP_BODY_BAN_THUONG_VU, city, D(2022, 2, 1 + i), 0, k, &no, &nm);
        kt_members += k;
    }
    /* supervision: 27 x 9 organizations, 10 x 16 members */
    for (int i = 0; i < 27; i++, gs_orgs += 9)
        inspect(INSP_GS_CHUYEN_DE, INSP_BODY_CAP_UY, city, D(2022, 3, 1 + i), 9, 0, &no, &nm);
    for (int i = 0; i < 10; i++, gs_members += 16)
        inspect(INSP_GS_THUONG_XUYEN, INSP_BODY_CAP_UY, city, D(2022, 4, 1 + i), 0, 16, &no, &nm);
    /* not in the period or not in the subtree: not counted */
    inspect(INSP_KT_CHUYEN_DE, INSP_BODY_UBKT, city, D(2021, 12, 31), 5, 5, &no, &nm);
    inspect(INSP_KT_CHUYEN_DE, INSP_BODY_UBKT, city, D(2022, 7, 1), 5, 5, &no, &nm);
    int64_t hp_only[] = {other_chi};
    struct inspection_req hp = {.end = DATE_NONE,
                                .kind = INSP_KT_CHUYEN_DE,
                                .body = INSP_BODY_UBKT,
                                .body_org_id = other,
                                .start = D(2022, 3, 3),
                                .orgs = hp_only,
                                .norgs = 1};
    assert_int_equal(store_inspection_add(st, &actor, &hp, today, NULL, &e), TCXD_OK);

    /* discipline: 10 organizations, 359 members in H1 2022 (one more annulled on appeal, one in
       July, one in the other city) */
    int d_orgs = 0, d_members = 0;
    for (int i = 0; i < 10; i++, d_orgs++) {
        struct discipline_req r = {.announced = DATE_NONE,
                                   .form = i % 2 ? PD_CANH_CAO : PD_KHIEN_TRACH,
                                   .org_id = chi[40 + i],
                                   .violation = D(2021, 6, 1),
                                   .decision = D(2022, 5, 10)};
        assert_int_equal(store_discipline_add(st, &actor, &r, today, NULL, &e), TCXD_OK);
    }
    for (int i = 0; i < 359; i++, d_members++) {
        struct discipline_req r = {.announced = DATE_NONE,
                                   .form = i % 3 == 0 ? PD_CANH_CAO : PD_KHIEN_TRACH,
                                   .member_id = members[i],
                                   .violation = D(2021, 10, 1),
                                   .decision = D(2022, 1 + i % 6, 1 + i % 27)};
        enum tcxd_err rc = store_discipline_add(st, &actor, &r, today, NULL, &e);
        if (rc)
            fprintf(stderr, "%d: %s\n", i, e.msg);
        assert_int_equal(rc, TCXD_OK);
    }
    int64_t annulled;
    struct discipline_req extra = {.violation = DATE_NONE,
                                   .announced = DATE_NONE,
                                   .form = PD_KHIEN_TRACH,
                                   .member_id = members[380],
                                   .decision = D(2022, 3, 3)};
    assert_int_equal(store_discipline_add(st, &actor, &extra, today, &annulled, &e), TCXD_OK);
    assert_int_equal(store_discipline_appeal(st, &actor, annulled, D(2022, 3, 20), APPEAL_ANNULLED,
                                             PD_KHIEN_TRACH, D(2022, 5, 1), "", today, &e),
                     TCXD_OK);
    extra.member_id = members[381];
    extra.decision = D(2022, 7, 1);
    assert_int_equal(store_discipline_add(st, &actor, &extra, today, NULL, &e), TCXD_OK);

    struct org_tree t;
    assert_int_equal(store_tree_load(st, D(2022, 6, 30), &t, &e), TCXD_OK);
    struct inspection_counts c;
    assert_int_equal(store_inspection_counts(st, &t, org_tree_find(&t, city), D(2022, 1, 1),
                                             D(2022, 6, 30), &c, &e),
                     TCXD_OK);
    assert_int_equal(c.inspected_orgs, kt_orgs);
    assert_int_equal(c.inspected_members, kt_members);
    assert_int_equal(c.supervised_orgs, gs_orgs);
    assert_int_equal(c.supervised_members, gs_members);
    assert_int_equal(c.disciplined_orgs, d_orgs);
    assert_int_equal(c.disciplined_members, d_members);
    assert_int_equal(c.teams, teams);
    assert_int_equal(c.team_orgs, team_orgs);
    assert_int_equal(c.team_members, team_members);
    /* the seed's second sentence */
    assert_int_equal(teams, 5);
    assert_int_equal(team_orgs, 15);
    assert_int_equal(team_members, 25);
    struct buf b = BUF_INIT;
    inspection_sentence(&c, &b);
    assert_string_equal(b.ptr, "kiểm tra đối với 533 tổ chức đảng, 187 đảng viên; giám sát đối "
                               "với 243 tổ chức đảng, 160 đảng viên; thi hành kỷ luật 10 tổ chức "
                               "đảng và 359 đảng viên");
    buf_release(&b);
    /* the first district only: its chi bộ are chi[0..19]; member i is in chi[i % 60] */
    int64_t district0 = t.nodes[t.nodes[org_tree_find(&t, chi[0])].parent].parent_id;
    assert_int_equal(store_inspection_counts(st, &t, org_tree_find(&t, district0), D(2022, 1, 1),
                                             D(2022, 6, 30), &c, &e),
                     TCXD_OK);
    int64_t want = 0;
    for (int k = 0; k < 359; k++)
        want += (k % nchi) < 20;
    assert_int_equal(c.disciplined_members, want);
    assert_int_equal(c.disciplined_orgs, 0); /* chi[40..49] are in the third district */
    org_tree_release(&t);
}

static void test_rules_write_nothing(void **state)
{
    (void)state;
    struct tcxd_error e;
    int64_t probationary = admit(chi[0], D(2025, 6, 1));
    int64_t audits = store_audit_count(st);
    /* a khai trừ for a probationary member */
    struct discipline_req r = {.violation = DATE_NONE,
                               .announced = DATE_NONE,
                               .form = PD_KHAI_TRU,
                               .member_id = probationary,
                               .decision = D(2025, 9, 1)};
    assert_int_equal(store_discipline_add(st, &actor, &r, today, NULL, &e), TCXD_ERULE);
    assert_string_equal(e.field, "form");
    /* giải tán for a member, cách chức for an organization */
    r.form = PD_GIAI_TAN;
    r.member_id = members[390];
    assert_int_equal(store_discipline_add(st, &actor, &r, today, NULL, &e), TCXD_ERULE);
    struct discipline_req o = {.violation = DATE_NONE,
                               .announced = DATE_NONE,
                               .form = PD_CACH_CHUC,
                               .org_id = chi[1],
                               .decision = D(2025, 9, 1)};
    assert_int_equal(store_discipline_add(st, &actor, &o, today, NULL, &e), TCXD_ERULE);
    /* a decision before the violation; past the limitation period */
    struct discipline_req early = {.announced = DATE_NONE,
                                   .form = PD_CANH_CAO,
                                   .member_id = members[391],
                                   .violation = D(2025, 9, 2),
                                   .decision = D(2025, 9, 1)};
    assert_int_equal(store_discipline_add(st, &actor, &early, today, NULL, &e), TCXD_EINVAL);
    struct discipline_req late = {.announced = DATE_NONE,
                                  .form = PD_KHIEN_TRACH,
                                  .member_id = members[391],
                                  .violation = D(2017, 1, 1),
                                  .decision = D(2025, 9, 1)};
    assert_int_equal(store_discipline_add(st, &actor, &late, today, NULL, &e), TCXD_ERULE);
    /* a conclusion before the inspection started */
    int no = 0, nm = 0;
    int64_t audits2 = store_audit_count(st);
    assert_int_equal(audits2, audits);
    int64_t insp = inspect(INSP_KT_DAU_HIEU, INSP_BODY_UBKT, city, D(2025, 3, 1), 1, 1, &no, &nm);
    audits = store_audit_count(st);
    assert_int_equal(store_inspection_conclude(st, &actor, insp, INSP_VIOLATION, D(2025, 2, 28), "",
                                               "", today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "concluded_on");
    /* no subject; an end before the start */
    struct inspection_req none = {.end = DATE_NONE,
                                  .kind = INSP_KT_DAU_HIEU,
                                  .body = INSP_BODY_UBKT,
                                  .body_org_id = city,
                                  .start = D(2025, 3, 1)};
    assert_int_equal(store_inspection_add(st, &actor, &none, today, NULL, &e), TCXD_EINVAL);
    assert_int_equal(store_audit_count(st), audits);
    assert_int_equal(store_inspection_conclude(st, &actor, insp, INSP_DISCIPLINE_DUE, D(2025, 4, 1),
                                               "Vi phạm quy chế", "Xem xét kỷ luật", today, &e),
                     TCXD_OK);
    assert_int_equal(store_inspection_conclude(st, &actor, insp, INSP_NO_VIOLATION, D(2025, 4, 2),
                                               "", "", today, &e),
                     TCXD_ERULE); /* already concluded */
    struct inspection_info *i = malloc(sizeof(*i));
    assert_int_equal(store_inspection_get(st, insp, i, &e), TCXD_OK);
    assert_int_equal(i->conclusion, INSP_DISCIPLINE_DUE);
    assert_int_equal(i->norgs, 1);
    assert_int_equal(i->nmembers, 1);
    free(i);
}

static void test_member_event_expiry_and_appeals(void **state)
{
    (void)state;
    struct tcxd_error e;
    /* khai trừ: the member leaves the Party on the decision date */
    int64_t m = members[395];
    struct discipline_req r = {.violation = DATE_NONE,
                               .announced = DATE_NONE,
                               .form = PD_KHAI_TRU,
                               .member_id = m,
                               .decision = D(2024, 4, 1),
                               .decision_no = "12-QĐ/UBKT"};
    int64_t id;
    assert_int_equal(store_discipline_add(st, &actor, &r, today, &id, &e), TCXD_OK);
    struct member_info mi;
    assert_int_equal(store_member_get(st, m, &mi, &e), TCXD_OK);
    assert_int_equal(mi.status, MEMBER_REMOVED);
    /* cảnh cáo announced 15/03/2024: expires 15/03/2025; an appeal lowers it to khiển trách on
       01/06/2024, which restarts the 12 months */
    struct discipline_req w = {.violation = DATE_NONE,
                               .form = PD_CANH_CAO,
                               .member_id = members[396],
                               .decision = D(2024, 3, 10),
                               .announced = D(2024, 3, 15)};
    assert_int_equal(store_discipline_add(st, &actor, &w, today, &id, &e), TCXD_OK);
    struct discipline_info d;
    assert_int_equal(store_discipline_get(st, id, &d, &e), TCXD_OK);
    assert_int_equal(d.expires, D(2025, 3, 15));
    assert_int_equal(store_discipline_appeal(st, &actor, id, D(2024, 3, 1), APPEAL_PENDING,
                                             PD_KHIEN_TRACH, DATE_NONE, "", today, &e),
                     TCXD_EINVAL); /* lodged before the decision */
    assert_int_equal(store_discipline_appeal(st, &actor, id, D(2024, 4, 1), APPEAL_CHANGED,
                                             PD_KHAI_TRU, D(2024, 6, 1), "", today, &e),
                     TCXD_OK); /* raised to khai trừ: allowed for an official member */
    assert_int_equal(store_discipline_get(st, id, &d, &e), TCXD_OK);
    assert_int_equal(d.current, PD_KHAI_TRU);
    assert_int_equal(d.expires, DATE_NONE);
    /* ... which ends the membership on the result's day; the review reads one discipline, the
       decision as it stands (khai trừ), not the event that carries the result */
    assert_int_equal(store_member_get(st, members[396], &mi, &e), TCXD_OK);
    assert_int_equal(mi.status, MEMBER_REMOVED);
    int form = (int)PD_CANH_CAO;
    assert_true(store_member_discipline_standing(st, members[396], D(2024, 3, 10), &form, today));
    assert_int_equal(form, PD_KHAI_TRU);
    form = (int)PD_KHAI_TRU;
    assert_false(store_member_discipline_standing(st, members[396], D(2024, 6, 1), &form, today));
    form = (int)PD_CANH_CAO; /* before the result: the cảnh cáo as decided */
    assert_true(
        store_member_discipline_standing(st, members[396], D(2024, 3, 10), &form, D(2024, 5, 31)));
    assert_int_equal(form, PD_CANH_CAO);
    /* the khai trừ of members[395] annulled on appeal: the membership is restored in the chi bộ
       of the decision, as an official member again */
    int64_t kt = 0;
    struct discipline_info k;
    for (int64_t x = 1; x < 1000 && !kt; x++)
        if (!store_discipline_get(st, x, &k, &e) && k.member_id == members[395])
            kt = x;
    assert_true(kt > 0);
    int64_t chi_of = k.subject_org_id;
    assert_int_equal(store_discipline_appeal(st, &actor, kt, D(2024, 4, 15), APPEAL_ANNULLED,
                                             PD_KHAI_TRU, D(2024, 5, 10), "5-QĐ", today, &e),
                     TCXD_OK);
    assert_int_equal(store_member_get(st, members[395], &mi, &e), TCXD_OK);
    assert_int_equal(mi.status, MEMBER_OFFICIAL);
    assert_int_equal(mi.org_id, chi_of);
    form = (int)PD_KHAI_TRU;
    assert_false(store_member_discipline_standing(st, members[395], D(2024, 4, 1), &form, today));
    struct discipline_req w2 = {.violation = DATE_NONE,
                                .announced = DATE_NONE,
                                .form = PD_CANH_CAO,
                                .member_id = members[397],
                                .decision = D(2024, 3, 10)};
    assert_int_equal(store_discipline_add(st, &actor, &w2, today, &id, &e), TCXD_OK);
    assert_int_equal(store_discipline_appeal(st, &actor, id, D(2024, 4, 1), APPEAL_CHANGED,
                                             PD_KHIEN_TRACH, D(2024, 6, 1), "", today, &e),
                     TCXD_OK);
    assert_int_equal(store_discipline_get(st, id, &d, &e), TCXD_OK);
    assert_int_equal(d.current, PD_KHIEN_TRACH);
    assert_int_equal(d.expires, D(2025, 6, 1));
}

/* The effects other modules read (store_member_discipline_effects): a decision of this module
   with its appeal, and an older DISCIPLINE event entered as a member event. */
static void test_effects_for_other_modules(void **state)
{
    (void)state;
    struct tcxd_error e;
    int64_t m = admit(chi[0], D(2010, 1, 1));
    official(m, D(2011, 1, 1));
    struct discipline_effects x;
    assert_int_equal(store_member_discipline_effects(st, m, D(2022, 6, 1), &x, &e), TCXD_OK);
    assert_false(x.in_force);
    assert_int_equal(x.appointment_from, DATE_NONE);
    /* an older event: cảnh cáo 01/03/2019 (appointment from 01/03/2022, badge 01/09/2019) */
    struct member_event ev = {.kind = MEV_DISCIPLINE,
                              .date = D(2019, 3, 1),
                              .decision_date = D(2019, 3, 1),
                              .form = (int)PD_CANH_CAO,
                              .until = DATE_NONE};
    assert_int_equal(store_member_event(st, &actor, m, &ev, "", "", &e), TCXD_OK);
    assert_int_equal(store_member_discipline_effects(st, m, D(2022, 6, 1), &x, &e), TCXD_OK);
    assert_false(x.in_force);
    assert_int_equal(x.appointment_from, D(2022, 3, 1));
    assert_int_equal(x.badge_from, D(2019, 9, 1));
    /* a decision: cách chức 10/04/2022, lowered on appeal to khiển trách on 20/05/2022 */
    struct discipline_req r = {.form = PD_CACH_CHUC,
                               .member_id = m,
                               .violation = DATE_NONE,
                               .decision = D(2022, 4, 10),
                               .announced = DATE_NONE};
    int64_t d;
    assert_int_equal(store_discipline_add(st, &actor, &r, today, &d, &e), TCXD_OK);
    assert_int_equal(store_member_discipline_effects(st, m, D(2022, 5, 1), &x, &e), TCXD_OK);
    assert_true(x.in_force);
    assert_int_equal(x.appointment_from, D(2027, 4, 10));
    assert_int_equal(x.badge_from, D(2023, 4, 10));
    assert_int_equal(store_discipline_appeal(st, &actor, d, D(2022, 4, 20), APPEAL_CHANGED,
                                             PD_KHIEN_TRACH, D(2022, 5, 20), "", today, &e),
                     TCXD_OK);
    assert_int_equal(store_member_discipline_effects(st, m, D(2022, 6, 1), &x, &e), TCXD_OK);
    assert_true(x.in_force);
    assert_int_equal(x.appointment_from, D(2024, 4, 10)); /* 24 months from the decision */
    assert_int_equal(x.badge_from, D(2019, 9, 1));        /* khiển trách: no delay */
    /* in force until 12 months after the appeal's result (20/05/2023), not the decision */
    assert_int_equal(store_member_discipline_effects(st, m, D(2023, 5, 1), &x, &e), TCXD_OK);
    assert_true(x.in_force);
    assert_int_equal(store_member_discipline_effects(st, m, D(2023, 5, 20), &x, &e), TCXD_OK);
    assert_false(x.in_force);
}

/* Appeals at their boundaries: the new form must be one the subject may receive (a probationary
   member on the decision date: khiển trách, cảnh cáo; an organization: no khai trừ); lodged on
   the decision's day is allowed, the day before is not; a result dated before the appeal was
   lodged is refused; refusals write nothing. */
static void test_appeal_boundaries(void **state)
{
    (void)state;
    struct tcxd_error e;
    int64_t prob = admit(chi[2], D(2025, 6, 1));
    struct discipline_req r = {.violation = DATE_NONE,
                               .announced = DATE_NONE,
                               .form = PD_KHIEN_TRACH,
                               .member_id = prob,
                               .decision = D(2025, 9, 1)};
    int64_t pd, od;
    assert_int_equal(store_discipline_add(st, &actor, &r, today, &pd, &e), TCXD_OK);
    struct discipline_req o = {.violation = DATE_NONE,
                               .announced = DATE_NONE,
                               .form = PD_KHIEN_TRACH,
                               .org_id = chi[3],
                               .decision = D(2025, 9, 1)};
    assert_int_equal(store_discipline_add(st, &actor, &o, today, &od, &e), TCXD_OK);
    int64_t audits = store_audit_count(st);
    assert_int_equal(store_discipline_appeal(st, &actor, pd, D(2025, 8, 31), APPEAL_PENDING,
                                             PD_KHIEN_TRACH, DATE_NONE, "", today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "lodged_on");
    assert_int_equal(store_discipline_appeal(st, &actor, pd, today + 1, APPEAL_PENDING,
                                             PD_KHIEN_TRACH, DATE_NONE, "", today, &e),
                     TCXD_EINVAL);
    assert_string_equal(e.field, "lodged_on");
    assert_int_equal(store_discipline_appeal(st, &actor, pd, D(2025, 9, 5), APPEAL_CHANGED,
                                             PD_CACH_CHUC, D(2025, 10, 1), "", today, &e),
                     TCXD_ERULE); /* cách chức: not for a probationary member */
    assert_string_equal(e.field, "form");
    assert_int_equal(store_discipline_appeal(st, &actor, pd, D(2025, 9, 5), APPEAL_CHANGED,
                                             PD_KHAI_TRU, D(2025, 10, 1), "", today, &e),
                     TCXD_ERULE);
    assert_int_equal(store_discipline_appeal(st, &actor, od, D(2025, 9, 5), APPEAL_CHANGED,
                                             PD_KHAI_TRU, D(2025, 10, 1), "", today, &e),
                     TCXD_ERULE); /* khai trừ: not for an organization */
    assert_int_equal(store_discipline_appeal(st, &actor, od, D(2025, 9, 5), APPEAL_CHANGED,
                                             PD_KHIEN_TRACH, D(2025, 10, 1), "", today, &e),
                     TCXD_EINVAL); /* the same form */
    assert_int_equal(store_discipline_appeal(st, &actor, od, D(2025, 9, 5), APPEAL_KEPT,
                                             PD_KHIEN_TRACH, D(2025, 9, 4), "", today, &e),
                     TCXD_EINVAL); /* decided before it was lodged */
    assert_string_equal(e.field, "decided_on");
    assert_int_equal(store_discipline_appeal(st, &actor, pd, D(2025, 10, 2), APPEAL_PENDING,
                                             PD_KHIEN_TRACH, DATE_NONE, "", today, &e),
                     TCXD_ERULE); /* more than one month after the decision (no announcement) */
    assert_string_equal(e.field, "lodged_on");
    assert_int_equal(store_audit_count(st), audits);
    struct discipline_info d;
    assert_int_equal(store_discipline_get(st, pd, &d, &e), TCXD_OK);
    assert_int_equal(d.current, PD_KHIEN_TRACH);
    assert_int_equal(d.expires, D(2026, 9, 1));
    /* lodged on the decision's day, raised to cảnh cáo (allowed): the 12 months count from the
       result */
    assert_int_equal(store_discipline_appeal(st, &actor, pd, D(2025, 9, 1), APPEAL_CHANGED,
                                             PD_CANH_CAO, D(2025, 9, 20), "", today, &e),
                     TCXD_OK);
    assert_int_equal(store_discipline_get(st, pd, &d, &e), TCXD_OK);
    assert_int_equal(d.current, PD_CANH_CAO);
    assert_int_equal(d.expires, D(2026, 9, 20));
    /* the organization's: raised to giải tán (allowed for an organization) the day it was
       lodged; giải tán never ends */
    assert_int_equal(store_discipline_appeal(st, &actor, od, D(2025, 9, 5), APPEAL_CHANGED,
                                             PD_GIAI_TAN, D(2025, 9, 5), "", today, &e),
                     TCXD_OK);
    assert_int_equal(store_discipline_get(st, od, &d, &e), TCXD_OK);
    assert_int_equal(d.current, PD_GIAI_TAN);
    assert_int_equal(d.expires, DATE_NONE);
    assert_int_equal(store_audit_count(st), audits + 2);
}

static int64_t plan_item(int64_t body_org, int year, enum inspection_kind kind, int64_t orgs,
                         int64_t mems)
{
    struct tcxd_error e;
    struct inspection_plan_req r = {.body_org_id = body_org,
                                    .year = year,
                                    .kind = kind,
                                    .body = INSP_BODY_UBKT,
                                    .areas = 1u << INSP_AREA_CAN_BO,
                                    .planned_orgs = orgs,
                                    .planned_members = mems,
                                    .title = "Chương trình"};
    int64_t id = 0;
    enum tcxd_err rc = store_inspection_plan_add(st, &actor, &r, today, &id, &e);
    if (rc)
        fprintf(stderr, "%s\n", e.msg);
    assert_int_equal(rc, TCXD_OK);
    return id;
}

/* One inspection of `kind` by body_org's ủy ban kiểm tra over one chi bộ, carrying out `item`
   (0: none); the store's answer. */
static enum tcxd_err inspect_for(enum inspection_kind kind, int64_t body_org, int64_t subject,
                                 tcxd_date start, int64_t item, struct tcxd_error *e)
{
    int64_t orgs[1] = {subject};
    struct inspection_req r = {.end = DATE_NONE,
                               .kind = kind,
                               .body = INSP_BODY_UBKT,
                               .body_org_id = body_org,
                               .start = start,
                               .orgs = orgs,
                               .norgs = 1,
                               .plan_item_id = item};
    return store_inspection_add(st, &actor, &r, today, NULL, e);
}

struct plan_seen {
    int n;
    int64_t carried[16];
};
static void seen_item(void *ctx, const struct inspection_plan_item *i)
{
    struct plan_seen *s = ctx;
    if (s->n < 16)
        s->carried[s->n] = i->carried_out;
    s->n++;
}

/* The annual plan of 2023: items of the city and of a district (and of the other city, outside
   the subtree), inspections carrying some out, others outside the plan; refusals that write
   nothing; the progress over the city and over the district against the test's own counts. */
static void test_plan(void **state)
{
    (void)state;
    struct tcxd_error e;
    int64_t q1 = districts[1];
    int planned_kt = 0, planned_gs = 0, done_kt = 0, done_gs = 0, out_kt = 0, out_gs = 0;
    int64_t p_orgs = 0, p_members = 0;
    int64_t kt[3], gs[2];
    for (int i = 0; i < 3; i++) {
        kt[i] = plan_item(city, 2023, INSP_KT_CHUYEN_DE, 3 + i, 0);
        planned_kt++;
        p_orgs += 3 + i;
    }
    for (int i = 0; i < 2; i++) {
        gs[i] = plan_item(city, 2023, INSP_GS_CHUYEN_DE, 0, 4);
        planned_gs++;
        p_members += 4;
    }
    int64_t qk = plan_item(q1, 2023, INSP_KT_DAU_HIEU, 1, 1);
    planned_kt++;
    p_orgs += 1;
    p_members += 1;
    int64_t hp = plan_item(other, 2023, INSP_KT_CHUYEN_DE, 1, 0); /* not in the subtree */
    /* kt[0] carried out twice (one item), kt[1] once, kt[2] not; gs[0] once */
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, city, chi[0], D(2023, 1, 1), kt[0], &e),
                     TCXD_OK);
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, city, chi[1], D(2023, 3, 1), kt[0], &e),
                     TCXD_OK);
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, city, chi[2], D(2023, 12, 31), kt[1], &e),
                     TCXD_OK);
    done_kt += 2;
    assert_int_equal(inspect_for(INSP_GS_CHUYEN_DE, city, chi[3], D(2023, 6, 1), gs[0], &e),
                     TCXD_OK);
    done_gs += 1;
    assert_int_equal(inspect_for(INSP_KT_DAU_HIEU, q1, chi[20], D(2023, 6, 1), qk, &e), TCXD_OK);
    done_kt += 1;
    /* outside the plan: the city's, the district's; the other city's is not in the subtree, nor
       a 2024 inspection in the year */
    assert_int_equal(inspect_for(INSP_KT_THUONG_XUYEN, city, chi[4], D(2023, 7, 1), 0, &e),
                     TCXD_OK);
    assert_int_equal(inspect_for(INSP_GS_THUONG_XUYEN, q1, chi[21], D(2023, 7, 1), 0, &e), TCXD_OK);
    out_kt++;
    out_gs++;
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, other, other_chi, D(2023, 7, 1), hp, &e),
                     TCXD_OK);
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, city, chi[5], D(2024, 1, 1), 0, &e), TCXD_OK);
    /* refusals, nothing written: another kind, another year, another body's organization, an
       item that does not exist; a planned giám sát thường xuyên, nothing planned */
    int64_t audits = store_audit_count(st);
    assert_int_equal(inspect_for(INSP_KT_DAU_HIEU, city, chi[6], D(2023, 8, 1), kt[2], &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "plan_item_id");
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, city, chi[6], D(2024, 1, 2), kt[2], &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "plan_item_id");
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, q1, chi[22], D(2023, 8, 1), kt[2], &e),
                     TCXD_ERULE);
    assert_string_equal(e.field, "plan_item_id");
    assert_int_equal(inspect_for(INSP_KT_CHUYEN_DE, city, chi[6], D(2023, 8, 1), 999999, &e),
                     TCXD_ENOTFOUND);
    struct inspection_plan_req bad = {.body_org_id = city,
                                      .year = 2023,
                                      .kind = INSP_GS_THUONG_XUYEN,
                                      .body = INSP_BODY_CAP_UY,
                                      .planned_orgs = 1};
    assert_int_equal(store_inspection_plan_add(st, &actor, &bad, today, NULL, &e), TCXD_ERULE);
    assert_string_equal(e.field, "kind");
    bad.kind = INSP_KT_CHUYEN_DE;
    bad.planned_orgs = 0;
    assert_int_equal(store_inspection_plan_add(st, &actor, &bad, today, NULL, &e), TCXD_EINVAL);
    assert_int_equal(store_audit_count(st), audits);

    struct org_tree t;
    assert_int_equal(store_tree_load(st, D(2023, 12, 31), &t, &e), TCXD_OK);
    struct inspection_plan_progress p;
    struct plan_seen seen = {0};
    assert_int_equal(
        store_inspection_plan(st, &t, org_tree_find(&t, city), 2023, seen_item, &seen, &p, &e),
        TCXD_OK);
    assert_int_equal(seen.n, planned_kt + planned_gs);
    assert_int_equal(p.planned_kt, planned_kt);
    assert_int_equal(p.planned_gs, planned_gs);
    assert_int_equal(p.done_kt, done_kt);
    assert_int_equal(p.done_gs, done_gs);
    assert_int_equal(p.outside_kt, out_kt);
    assert_int_equal(p.outside_gs, out_gs);
    assert_int_equal(p.planned_orgs, p_orgs);
    assert_int_equal(p.planned_members, p_members);
    struct inspection_plan_item it;
    assert_int_equal(store_inspection_plan_item_get(st, kt[0], &it, &e), TCXD_OK);
    assert_int_equal(it.carried_out, 2);
    struct buf b = BUF_INIT;
    inspection_plan_sentence(&p, 2023, &b);
    assert_string_equal(b.ptr, "kế hoạch năm 2023: 4 cuộc kiểm tra, 2 cuộc giám sát; đã thực "
                               "hiện 3/4 cuộc kiểm tra, 1/2 cuộc giám sát; ngoài kế hoạch 1 cuộc "
                               "kiểm tra, 1 cuộc giám sát");
    buf_release(&b);
    /* the district alone: its item, carried out; its supervision outside the plan */
    assert_int_equal(store_inspection_plan(st, &t, org_tree_find(&t, q1), 2023, NULL, NULL, &p, &e),
                     TCXD_OK);
    assert_int_equal(p.planned_kt, 1);
    assert_int_equal(p.done_kt, 1);
    assert_int_equal(p.planned_gs + p.outside_kt, 0);
    assert_int_equal(p.outside_gs, 1);
    org_tree_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_first_half_2022),
        cmocka_unit_test(test_appeal_boundaries),
        cmocka_unit_test(test_plan),
        cmocka_unit_test(test_rules_write_nothing),
        cmocka_unit_test(test_member_event_expiry_and_appeals),
        cmocka_unit_test(test_effects_for_other_modules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
