/*
 * review_report.c - figures for review reports: counts per level, shares and year-on-year
 * changes in percentage points computed exactly in integers, and the boards' sentences
 * (see review.h).
 */
#include "core/review.h"

#include <assert.h>
#include <string.h>

#include "util/vnfmt.h"
#include "util/banned.h"

void review_counts_init(struct review_counts *c)
{
    memset(c, 0, sizeof(*c));
}

void review_counts_add(struct review_counts *c, enum review_level l)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    c->n[l]++;
    c->total++;
}

void review_counts_from(struct review_counts *c, const enum review_level *levels, size_t n)
{
    review_counts_init(c);
    for (size_t i = 0; i < n; i++)
        review_counts_add(c, levels[i]);
}

/* num/den rounded half away from zero (den > 0). */
static int64_t div_round(int64_t num, int64_t den)
{
    int64_t a = num < 0 ? -num : num;
    int64_t q = (2 * a + den) / (2 * den);
    return num < 0 ? -q : q;
}

int review_share_tenths(int num, int den)
{
    if (den <= 0)
        return 0;
    return (int)div_round((int64_t)num * 1000, den);
}

int review_change_tenths(int num, int den, int prev_num, int prev_den)
{
    if (den <= 0) {
        num = 0;
        den = 1;
    }
    if (prev_den <= 0) {
        prev_num = 0;
        prev_den = 1;
    }
    /* (num/den - prev_num/prev_den) x 1000, over the common denominator den x prev_den */
    int64_t diff = (int64_t)num * prev_den - (int64_t)prev_num * den;
    return (int)div_round(diff * 1000, (int64_t)den * prev_den);
}

void review_format_tenths_pct(struct buf *b, int tenths)
{
    int64_t t = tenths;
    if (t < 0) {
        buf_addch(b, '-');
        t = -t;
    }
    vnfmt_int(b, t / 10);
    if (t % 10)
        buf_addf(b, ",%d", (int)(t % 10));
    buf_addch(b, '%');
}

void review_sentence(struct buf *b, const char *noun, enum review_level l,
                     const struct review_counts *cur, const struct review_counts *prev)
{
    assert((unsigned)l < REVIEW_LEVEL__MAX);
    vnfmt_int(b, cur->n[l]);
    buf_addch(b, '/');
    vnfmt_int(b, cur->total);
    buf_addf(b, " %s %s (", noun, review_level_phrase(l));
    review_format_tenths_pct(b, review_share_tenths(cur->n[l], cur->total));
    buf_addch(b, ')');
    if (!prev || prev->total <= 0)
        return;
    int change = review_change_tenths(cur->n[l], cur->total, prev->n[l], prev->total);
    if (change == 0) {
        buf_adds(b, ", không đổi so với năm trước");
        return;
    }
    buf_adds(b, change > 0 ? ", tăng " : ", giảm ");
    review_format_tenths_pct(b, change > 0 ? change : -change);
    buf_adds(b, " so với năm trước");
}

void review_consolidation_sentence(struct buf *b, int consolidated, int total)
{
    buf_adds(b, "đã củng cố ");
    if (total >= 10 && consolidated >= 0 && consolidated < 10)
        buf_addch(b, '0');
    vnfmt_int(b, consolidated);
    buf_addch(b, '/');
    vnfmt_int(b, total);
    if (total <= 0)
        return;
    buf_adds(b, " (");
    review_format_tenths_pct(b, review_share_tenths(consolidated, total));
    buf_addch(b, ')');
}

bool review_lenient(review_points self, review_points verified, review_points threshold)
{
    return (int64_t)self - verified > threshold;
}

void review_board_sentence(struct buf *b, int year, const char *org_name, const char *noun,
                           int total, const struct review_tally *t, size_t n, int undecided)
{
    buf_addf(b, "Năm %d, %s có ", year, org_name);
    vnfmt_int(b, total);
    buf_addf(b, " %s, trong đó, ", noun);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(b, "; ");
        if (t[i].n <= 0) {
            buf_addf(b, "không có %s %s%s", noun, t[i].attain ? "đạt " : "", t[i].phrase);
            continue;
        }
        if (first)
            buf_adds(b, "có ");
        first = false;
        vnfmt_int(b, t[i].n);
        buf_addf(b, " %s %s%s", noun, t[i].attain ? "đạt " : "", t[i].phrase);
        if (t[i].sub_phrase && t[i].sub_n > 0) {
            buf_adds(b, " (trong đó có ");
            vnfmt_int(b, t[i].sub_n);
            buf_addf(b, " %s đạt %s)", noun, t[i].sub_phrase);
        }
    }
    if (undecided > 0) {
        buf_adds(b, "; ");
        vnfmt_int(b, undecided);
        buf_addf(b, " %s chưa có quyết định xếp loại", noun);
    }
}

int review_cap_class(enum org_tier tier, enum org_form form, enum org_base_type bt)
{
    if (tier == ORG_TIER_BASE && bt != ORG_BASE_NONE && (unsigned)bt < ORG_BASE__MAX)
        return ORG_KIND__MAX + (int)bt;
    return (int)org_kind_of(tier, form);
}

void review_cap_class_label(struct buf *b, enum org_tier tier, enum org_form form,
                            enum org_base_type bt)
{
    if (tier == ORG_TIER_BASE && bt != ORG_BASE_NONE && (unsigned)bt < ORG_BASE__MAX)
        buf_addf(b, "tổ chức cơ sở đảng loại hình %s", org_base_type_label(bt));
    else
        buf_adds(b, org_kind_label(org_kind_of(tier, form)));
}

size_t review_weak_tally(const struct review_weak_entry *v, size_t n, tcxd_date as_of,
                         struct review_weak_tally *out)
{
    size_t nt = 0;
    for (size_t i = 0; i < n; i++) {
        const struct review_weak_entry *w = &v[i];
        const char *basis = w->basis ? w->basis : "";
        if (w->listed_on != DATE_NONE && w->listed_on > as_of)
            continue;
        /* the latest listed entry of this organization on this list decides; others skip */
        bool superseded = false;
        for (size_t j = 0; j < n && !superseded; j++) {
            const struct review_weak_entry *x = &v[j];
            if (j == i || x->org_id != w->org_id || strcmp(x->basis ? x->basis : "", basis) ||
                (x->listed_on != DATE_NONE && x->listed_on > as_of))
                continue;
            superseded = x->year > w->year || (x->year == w->year && j > i);
        }
        if (superseded)
            continue;
        size_t k = 0;
        while (k < nt && strcmp(out[k].basis, basis))
            k++;
        if (k == nt)
            out[nt++] = (struct review_weak_tally){basis, 0, 0};
        out[k].total++;
        out[k].consolidated += w->consolidated_on != DATE_NONE && w->consolidated_on <= as_of;
    }
    return nt;
}
