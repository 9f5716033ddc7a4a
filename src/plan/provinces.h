/*
 * provinces.h - the 2025 merger of provincial party committees (63 → 34 from 01/07/2025,
 * Politburo decisions 321–328-QĐ/TW and others, effective 01/07/2025) as a restructuring plan.
 *
 * The mapping (data/admin_units/province_mapping_2025.csv: old_province_code,
 * old_province_full_name, new_province_code, new_province_full_name; derived from the 2025
 * commune mapping, see data/SOURCES.md): every new province that takes two or more old ones is
 * a merger: a new committee "Đảng bộ tỉnh/thành phố NAME" coded ROOT.T<new code> under root,
 * and each old province's committee merged into it (its committees move under the new one,
 * keeping their history). A new province that is one old province unchanged gets no row.
 */
#ifndef TCXD_PLAN_PROVINCES_H
#define TCXD_PLAN_PROVINCES_H

#include "plan/restructure.h"

struct province_link {
    char old_code[4], new_code[4];
    char new_name[160];
};

/* Reads the mapping CSV. Release *out with free(). */
enum tcxd_err province_links_read(const char *csv, size_t len, struct province_link **out,
                                  size_t *n, struct tcxd_error *e) TCXD_WUR;

/* Appends to p the rows of the merger (date p->date must be set). committee(ctx, old_code)
   gives the code of the old province's committee, or NULL when it is not in the tree (its row
   is left out). */
void province_plan(const struct province_link *l, size_t n, const char *root_code,
                   const char *(*committee)(void *ctx, const char *old_code), void *ctx,
                   struct restructure_plan *p);

#endif
