/*
 * merger.h - the administrative-unit merger analysis (seed 002: units "đạt chuẩn dưới 50% cả
 * 2 tiêu chí về dân số và diện tích" had to be merged, NQ 653/2019 with the standards of NQ
 * 1211/2016; the standards from 2026 in NQ 112/2025): units' area and population imported as
 * data, the units of a province below 50 % of both standards on a date, and a draft
 * restructuring plan from them.
 *
 * The units file (CSV or XLSX, header row; the shared bando export reads as it is): code*,
 * name* (or full_name), level (province|district|ward|commune, default from the code's length),
 * province_code, type (Xã, Phường, ...; default: the name's first word), terrain (mountain,
 * island, other), area_km2, population, as_of (or the --as-of default), source.
 */
#ifndef TCXD_PLAN_MERGER_H
#define TCXD_PLAN_MERGER_H

#include <jansson.h>

#include "core/adminstd.h"
#include "store/store.h"
#include "util/buf.h"

/* Reads the units file; the error names the line and column. Release *out with free(). */
enum tcxd_err merger_units_read(const void *data, size_t len, const char *name,
                                tcxd_date default_as_of, const char *source,
                                struct admin_unit **out, size_t *n, struct tcxd_error *e) TCXD_WUR;

struct merger_unit {
    struct admin_unit u;
    const struct admin_standard *std;
    double area_pct, population_pct; /* of the standard */
};
struct merger_list {
    struct merger_unit *below; /* below 50 % of both, in code order */
    size_t n, cap;
    size_t units, unknown; /* communes with figures; without a standard or figures */
};
void merger_list_release(struct merger_list *l);

enum tcxd_err merger_analyse(struct store *st, const char *province_code, tcxd_date on,
                             struct merger_list *out, struct tcxd_error *e) TCXD_WUR;
json_t *merger_list_json(const struct merger_list *l, const char *province_code, tcxd_date on);
void merger_list_text(const struct merger_list *l, const char *province_code, tcxd_date on,
                      struct buf *out);

/*
 * A draft plan (restructure.h's format) from the list: the units below the standards, in code
 * order, grouped by three (merging three or more exempts the new unit from the standards, NQ
 * 653/2019) into a new committee named after the first; each unit's party committee is found
 * in root's subtree by its name ("Đảng bộ xã X"). From 01/07/2025 the new committee is a
 * commune-level committee under root, before it a base đảng bộ under the first unit's parent.
 * Units without a committee are listed in *unmatched (count). A draft: to be reviewed, then
 * checked with tcxd restructure check.
 */
enum tcxd_err merger_draft(struct store *st, const struct merger_list *l, int64_t root,
                           tcxd_date on, struct buf *csv, size_t *unmatched,
                           struct tcxd_error *e) TCXD_WUR;

#endif
