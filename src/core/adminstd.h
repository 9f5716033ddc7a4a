/*
 * adminstd.h - administrative-unit standards as dated data, and the merger criterion of
 * Nghị quyết 653/2019/UBTVQH14: a unit whose natural area AND population are both below 50 % of
 * the standards must be rearranged (domain.md §7).
 *
 * Standards (minimum population, minimum natural area in km²) per kind of unit and terrain:
 *   NQ 1211/2016/UBTVQH13 (consolidated 19/VBHN-VPQH 2022), in force until 31/12/2025:
 *     tỉnh mountain 900,000 / 8,000; other 1,400,000 / 5,000;
 *     huyện mountain 80,000 / 850; other 120,000 / 450; quận 150,000 / 35;
 *     thành phố thuộc tỉnh 150,000 / 150; thị xã 100,000 / 200 (UNCONFIRMED);
 *     xã mountain 5,000 / 50; other 8,000 / 30;
 *     phường (in a quận) 15,000 / 5.5 (the other phường minimums are lower: 7,000 in a provincial
 *     city, 5,000 in a thị xã; tcxd uses the quận value unless the unit says otherwise).
 *   NQ 112/2025/UBTVQH15, from 01/01/2026: tỉnh as before; xã mountain 5,000 / 100, island
 *     2,500 / 15, other 16,000 / 30; phường 21,000 / 5.5; đặc khu as island xã (UNCONFIRMED).
 * The 2025 round (NQ 76/2025/UBTVQH15) set targets relative to these (200 % / 100 %), not new
 * minimums; its analysis uses the NQ 1211 values.
 * The start of NQ 1211's validity (01/07/2016) is UNCONFIRMED.
 */
#ifndef TCXD_CORE_ADMINSTD_H
#define TCXD_CORE_ADMINSTD_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"

enum admin_kind {
    ADMIN_TINH,
    ADMIN_HUYEN,
    ADMIN_QUAN,
    ADMIN_THANH_PHO,
    ADMIN_THI_XA,
    ADMIN_XA,
    ADMIN_PHUONG,
    ADMIN_THI_TRAN,
    ADMIN_DAC_KHU,
    ADMIN__MAX
};
enum admin_terrain { ADMIN_OTHER, ADMIN_MOUNTAIN, ADMIN_ISLAND, ADMIN_TERRAIN__MAX };

struct admin_standard {
    const char *source;                           /* "NQ 1211/2016/UBTVQH13" */
    int from_y, from_m, from_d, to_y, to_m, to_d; /* [from, to) */
    enum admin_kind kind;
    enum admin_terrain terrain;
    int64_t population_min;
    double area_min_km2;
};

/* The table, in force order. */
extern const struct admin_standard admin_standards[];
extern const unsigned admin_standards_len;

const char *admin_kind_name(enum admin_kind k); /* "xa", "phuong" ... */
/* From a unit type or full name's first word(s): "Xã", "Phường", "Thị trấn", "Đặc khu",
   "Tỉnh", "Thành phố", "Huyện", "Quận", "Thị xã" (diacritics and case folded); false if none. */
bool admin_kind_parse(const char *s, enum admin_kind *out);
bool admin_terrain_parse(const char *s, enum admin_terrain *out); /* "mountain", "miền núi" ... */

/* The standard in force on `on` for the kind and terrain (falls back to ADMIN_OTHER when the
   terrain has no own row); NULL when none. A thị trấn is measured as a xã (UNCONFIRMED). */
const struct admin_standard *admin_standard_find(tcxd_date on, enum admin_kind k,
                                                 enum admin_terrain t);

/* NQ 653/2019's criterion: both area and population below 50 % of the standard. */
bool admin_below_half_both(const struct admin_standard *s, double area_km2, int64_t population);

#endif
