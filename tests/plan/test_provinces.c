/*
 * test_provinces.c - the 2025 provincial mergers on a reduced national tree: VN over six real
 * provinces (Hà Nội, Hà Giang, Cao Bằng, Bắc Kạn, Tuyên Quang, Thái Nguyên) with a district, a
 * ward and a chi bộ each, the plan built from the real mapping file, applied on 01/07/2025. The
 * number of provinces before (6) and after (the distinct new provinces of these six, counted
 * here from the mapping file itself) and the members of both days are checked.
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

#include "plan/provinces.h"
#include "report/count.h"
#include "store/store.h"
#include "util/xmalloc.h"

static const struct store_actor actor = {"test", "local"};
static const char *const olds[] = {"01", "02", "04", "06", "08", "19"};
#define NOLD (sizeof(olds) / sizeof(olds[0]))

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error: %s", e->msg);
}

static int64_t mk(struct store *st, const char *code, enum org_tier t, enum org_form f,
                  enum org_base_type bt, int64_t parent)
{
    struct tcxd_error e;
    struct org_create_req r = {code, code, t, f, bt, parent, D(2010, 1, 1), ""};
    int64_t id;
    must(store_org_create(st, &actor, &r, &id, &e), &e);
    return id;
}

static const char *committee(void *ctx, const char *old)
{
    static char code[NOLD][8];
    (void)ctx;
    for (size_t i = 0; i < NOLD; i++)
        if (!strcmp(olds[i], old)) {
            snprintf(code[i], sizeof(code[i]), "P%s", old);
            return code[i];
        }
    return NULL;
}

static struct structure_counts counts(struct store *st, int64_t root, tcxd_date on)
{
    struct org_tree t;
    struct node_counts nc;
    struct tcxd_error e;
    struct structure_counts c;
    must(store_tree_load(st, on, &t, &e), &e);
    uint32_t i = org_tree_find(&t, root);
    must(report_node_counts(st, &t, i, &nc, &e), &e);
    report_structure_counts(&t, i, &nc, &c);
    report_node_counts_free(&nc);
    org_tree_release(&t);
    return c;
}

static char *read_mapping(size_t *len)
{
    const char *src = getenv("TCXD_SRCDIR");
    char path[1024];
    snprintf(path, sizeof(path), "%s/data/admin_units/province_mapping_2025.csv", src ? src : ".");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    struct buf b = BUF_INIT;
    char tmp[4096];
    size_t n;
    while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
        buf_add(&b, tmp, n);
    fclose(f);
    return buf_detach(&b, len);
}

static void test_provinces(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof(path), "/tmp/tcxd-test-prov-%d.db", (int)getpid());
    unlink(path);
    struct store *st;
    struct tcxd_error e;
    must(store_open(path, STORE_CREATE, &st, &e), &e);
    int64_t vn = mk(st, "VN", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, 0);
    int64_t members = 0;
    for (size_t i = 0; i < NOLD; i++) {
        char c[32];
        snprintf(c, sizeof(c), "P%s", olds[i]);
        int64_t p = mk(st, c, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, vn);
        snprintf(c, sizeof(c), "P%s.D", olds[i]);
        int64_t d = mk(st, c, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, ORG_BASE_NONE, p);
        snprintf(c, sizeof(c), "P%s.D.W", olds[i]);
        int64_t w = mk(st, c, ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_XA, d);
        snprintf(c, sizeof(c), "P%s.D.W.01", olds[i]);
        int64_t chi = mk(st, c, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, ORG_BASE_NONE, w);
        for (int k = 0; k < 3; k++) {
            char name[64];
            snprintf(name, sizeof(name), "Vũ Văn Tỉnh %zu %d", i, k);
            struct member_strings s = {
                .full_name = name, .gender = "nam", .birth_date = "1980-01-01"};
            struct member_fields f;
            member_fields_init(&f);
            must(member_fields_parse(&s, &f, &e), &e);
            struct member_admit_req r = {&f, chi, D(2015, 1, 1), D(2015, 1, 10), "", NULL};
            must(store_member_admit(st, &actor, &r, NULL, &e), &e);
            member_fields_release(&f);
            members++;
        }
    }

    size_t len, n;
    char *csv = read_mapping(&len);
    struct province_link *l;
    must(province_links_read(csv, len, &l, &n, &e), &e);
    assert_int_equal(n, 63);
    /* the test's own count: distinct new provinces of the six, from the file's lines */
    char seen[NOLD][4];
    size_t want = 0;
    for (char *line = strchr(csv, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        char oldc[4], newc[4];
        if (sscanf(line + 1, "%3[^,],%*[^,],%3[^,],", oldc, newc) != 2)
            continue;
        bool present = false;
        for (size_t i = 0; i < NOLD; i++)
            present = present || !strcmp(olds[i], oldc);
        bool dup = false;
        for (size_t i = 0; i < want; i++)
            dup = dup || !strcmp(seen[i], newc);
        if (present && !dup)
            snprintf(seen[want++], 4, "%s", newc);
    }
    assert_true(want < NOLD);

    struct restructure_plan p;
    struct restructure_result r;
    restructure_plan_init(&p);
    restructure_result_init(&r);
    p.date = D(2025, 7, 1);
    province_plan(l, n, "VN", committee, NULL, &p);
    struct restructure_opts o = {true, 0};
    must(restructure_run(st, &actor, &p, &o, &r, &e), &e);
    restructure_result_release(&r);
    restructure_plan_release(&p);

    struct structure_counts b = counts(st, vn, D(2024, 12, 31)),
                            a = counts(st, vn, D(2025, 12, 31));
    assert_int_equal(b.direct_above_base, NOLD);
    assert_int_equal(a.direct_above_base, (int64_t)want);
    assert_int_equal(b.members, members);
    assert_int_equal(a.members, members);
    /* the districts kept their kind, now under the merged committees */
    assert_int_equal(a.above_base - a.direct_above_base, NOLD);
    struct org_info tq, d;
    must(store_org_by_code(st, "VN.T08", D(2025, 7, 1), &tq, &e), &e);
    assert_string_equal(tq.name, "Đảng bộ tỉnh Tuyên Quang");
    must(store_org_by_code(st, "P02.D", D(2025, 7, 1), &d, &e), &e);
    assert_int_equal(d.parent_id, tq.id);
    free(l);
    free(csv);
    store_close(st);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_provinces)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
