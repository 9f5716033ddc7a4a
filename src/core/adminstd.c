#include "core/adminstd.h"

#include <string.h>

#include "text/text.h"
#include "util/buf.h"

#define NQ1211 "NQ 1211/2016/UBTVQH13", 2016, 7, 1, 2026, 1, 1
#define NQ112  "NQ 112/2025/UBTVQH15", 2026, 1, 1, 9999, 12, 31

const struct admin_standard admin_standards[] = {
    {NQ1211, ADMIN_TINH, ADMIN_MOUNTAIN, 900000, 8000},
    {NQ1211, ADMIN_TINH, ADMIN_OTHER, 1400000, 5000},
    {NQ1211, ADMIN_HUYEN, ADMIN_MOUNTAIN, 80000, 850},
    {NQ1211, ADMIN_HUYEN, ADMIN_OTHER, 120000, 450},
    {NQ1211, ADMIN_QUAN, ADMIN_OTHER, 150000, 35},
    {NQ1211, ADMIN_THANH_PHO, ADMIN_OTHER, 150000, 150},
    {NQ1211, ADMIN_THI_XA, ADMIN_OTHER, 100000, 200},
    {NQ1211, ADMIN_XA, ADMIN_MOUNTAIN, 5000, 50},
    {NQ1211, ADMIN_XA, ADMIN_OTHER, 8000, 30},
    {NQ1211, ADMIN_PHUONG, ADMIN_OTHER, 15000, 5.5},
    {NQ112, ADMIN_TINH, ADMIN_MOUNTAIN, 900000, 8000},
    {NQ112, ADMIN_TINH, ADMIN_OTHER, 1400000, 5000},
    {NQ112, ADMIN_XA, ADMIN_MOUNTAIN, 5000, 100},
    {NQ112, ADMIN_XA, ADMIN_ISLAND, 2500, 15},
    {NQ112, ADMIN_XA, ADMIN_OTHER, 16000, 30},
    {NQ112, ADMIN_PHUONG, ADMIN_OTHER, 21000, 5.5},
    {NQ112, ADMIN_DAC_KHU, ADMIN_OTHER, 2500, 15},
};
const unsigned admin_standards_len = sizeof(admin_standards) / sizeof(admin_standards[0]);

static const char *const kind_names[ADMIN__MAX] = {
    "tinh", "huyen", "quan", "thanh_pho", "thi_xa", "xa", "phuong", "thi_tran", "dac_khu",
};
/* folded prefixes, longest first where one starts another */
static const struct {
    const char *prefix;
    enum admin_kind kind;
} kind_words[] = {
    {"thi tran", ADMIN_THI_TRAN},   {"thi xa", ADMIN_THI_XA},
    {"thanh pho", ADMIN_THANH_PHO}, {"thu do", ADMIN_TINH},
    {"dac khu", ADMIN_DAC_KHU},     {"phuong", ADMIN_PHUONG},
    {"tinh", ADMIN_TINH},           {"huyen", ADMIN_HUYEN},
    {"quan", ADMIN_QUAN},           {"xa", ADMIN_XA},
};

const char *admin_kind_name(enum admin_kind k)
{
    return (unsigned)k < ADMIN__MAX ? kind_names[k] : "?";
}

bool admin_kind_parse(const char *s, enum admin_kind *out)
{
    struct buf f = BUF_INIT;
    text_fold(s, &f);
    for (size_t i = 0; i < f.len; i++)
        if (f.ptr[i] == '_')
            f.ptr[i] = ' ';
    bool ok = false;
    for (size_t i = 0; !ok && i < sizeof(kind_words) / sizeof(kind_words[0]); i++) {
        size_t n = strlen(kind_words[i].prefix);
        if (!strncmp(f.ptr, kind_words[i].prefix, n) && (f.ptr[n] == 0 || f.ptr[n] == ' ')) {
            *out = kind_words[i].kind;
            ok = true;
        }
    }
    buf_release(&f);
    return ok;
}

bool admin_terrain_parse(const char *s, enum admin_terrain *out)
{
    struct buf f = BUF_INIT;
    text_fold(s, &f);
    bool ok = true;
    if (!f.len || !strcmp(f.ptr, "other") || !strcmp(f.ptr, "khac") || !strcmp(f.ptr, "0"))
        *out = ADMIN_OTHER;
    else if (!strcmp(f.ptr, "mountain") || !strcmp(f.ptr, "mien nui") ||
             !strcmp(f.ptr, "vung cao") || !strcmp(f.ptr, "mien nui, vung cao") ||
             !strcmp(f.ptr, "1"))
        *out = ADMIN_MOUNTAIN;
    else if (!strcmp(f.ptr, "island") || !strcmp(f.ptr, "hai dao") || !strcmp(f.ptr, "2"))
        *out = ADMIN_ISLAND;
    else
        ok = false;
    buf_release(&f);
    return ok;
}

const struct admin_standard *admin_standard_find(tcxd_date on, enum admin_kind k,
                                                 enum admin_terrain t)
{
    if (k == ADMIN_THI_TRAN)
        k = ADMIN_XA;
    const struct admin_standard *other = NULL;
    for (unsigned i = 0; i < admin_standards_len; i++) {
        const struct admin_standard *s = &admin_standards[i];
        tcxd_date a = date_from_ymd(s->from_y, s->from_m, s->from_d),
                  b = date_from_ymd(s->to_y, s->to_m, s->to_d);
        if (s->kind != k || on < a || on >= b)
            continue;
        if (s->terrain == t)
            return s;
        if (s->terrain == ADMIN_OTHER)
            other = s;
    }
    return other;
}

bool admin_below_half_both(const struct admin_standard *s, double area_km2, int64_t population)
{
    return area_km2 * 2 < s->area_min_km2 && population * 2 < s->population_min;
}
