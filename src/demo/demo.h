/*
 * demo.h - the deterministic demo dataset generator behind `tcxd demo`.
 *
 * A profile describes a party organization tree and its members; demo_generate() plans it in
 * memory from a seed (its own xoshiro256** generator, never rand()) and writes it in one
 * transaction (national: one per province) with store_bulk_mode: the organizations through
 * store_org_create and store_org_move, each person's whole history through the store's bulk
 * path (store_bulk_member_add with the history: the rows store_member_admit, store_member_event and
 * store_member_readmit would write, one audit record for the load), then the chi bộ merges and
 * their people through the per-member operations (store_org_merge). demo_options.per_member
 * writes every person through the per-member operations instead: the same rows in every table
 * but the audit (tests/demo checks it), minutes instead of seconds. Same profile, seed and day
 * (date_today(), TCXD_TODAY) give the same database (audit timestamps aside).
 *
 * Profiles (the figures hold on the profile's as-of date, 31/12/2020, after all history):
 *   small       HN "Đảng bộ thành phố Hà Nội" with 2 districts: HN.BD (quận Ba Đình) and HN.HK
 *               (quận Hoàn Kiếm); 10 base organizations: 3 ward committees per district
 *               (HN.BD.PX phường Phúc Xá, HN.BD.TB Trúc Bạch, HN.BD.VP Vĩnh Phúc, HN.HK.PT
 *               Phúc Tân, HN.HK.DX Đồng Xuân, HN.HK.HM Hàng Mã), HN.BD.CA / HN.HK.CA (Công an
 *               quận, đảng bộ cơ sở) and HN.BD.CQ / HN.HK.CQ (Cơ quan Quận ủy, chi bộ cơ sở);
 *               2 đảng bộ bộ phận, 36 chi bộ trực thuộc (codes PARENT.NN, e.g. HN.BD.PX.01),
 *               400 members. For tests and the browser tests.
 *   hanoi-2020  HN with 50 directly subordinate committees (Hà Nội's 30 real districts and 20
 *               bloc/sector committees), 2,316 base organizations, 176 đảng bộ bộ phận,
 *               17,225 chi bộ trực thuộc and 457,397 members on 31/12/2020.
 *   national    VN "Đảng Cộng sản Việt Nam" over the 63 provincial committees (HN is planned as
 *               in hanoi-2020), about 5.6 million members on 31/12/2020. For benchmarks.
 * From 01/07/2025 (when today is later) the 2025 restructuring: hanoi-2020 applies the real plan
 * of Hà Nội (data/plans/hanoi-2025.csv: 126 commune-level committees, 51 phường + 75 xã, the 30
 * district committees ended, the residential chi bộ re-tiered to chi bộ cơ sở under them);
 * national merges the provincial committees as the 2025 mapping says (63 until 30/06/2025, 34
 * from 01/07/2025; data/admin_units/province_mapping_2025.csv).
 * History: admissions every year, official recognitions (store events), official and temporary
 * transfers, exits (xóa tên, xin ra, khai trừ, chuyển đi), deaths, disciplines, exemptions, a few
 * re-admissions, merges of chi bộ and a move of a base organization between districts, from
 * decades back up to today, with a few probationary members left overdue for recognition.
 * Codes are hierarchical and stable: ROOT.DISTRICT.WARD.NN (HN.BD.PX.05), base organizations
 * that are not wards use a type prefix (CA, QS, CQ, SN, DN, TN, K) and a number, đảng bộ bộ
 * phận PARENT.BPNN.
 */
#ifndef TCXD_DEMO_DEMO_H
#define TCXD_DEMO_DEMO_H

#include <stdint.h>

#include "store/store.h"
#include "util/date.h"
#include "util/err.h"

/* Bumped whenever the data generated for a given seed changes (scripts/demo.sh caches on it). */
#define DEMO_VERSION      4
#define DEMO_DEFAULT_SEED 2020

enum demo_profile { DEMO_SMALL, DEMO_HANOI_2020, DEMO_NATIONAL, DEMO__MAX };

#define SCALED_MIN_MEMBERS 600

const char *demo_profile_name(enum demo_profile p); /* "small", "hanoi-2020", "national" */
enum tcxd_err demo_profile_parse(const char *s, enum demo_profile *out,
                                 struct tcxd_error *e) TCXD_WUR;

/* The planned figures of a profile on its as-of date (what demo_generate guarantees). */
struct demo_figures {
    tcxd_date as_of;
    int64_t direct_above_base, base, partial, branches, members;
};
void demo_profile_figures(enum demo_profile p, struct demo_figures *out);

struct demo_options {
    enum demo_profile profile;
    uint64_t seed;
    /* Every person through the per-member store operations (store_member_admit, _event,
       _readmit: one transaction and one audit record each) instead of the bulk path
       (store_bulk_member_add with the history: the same rows, one audit record for the load), as
       generator versions up to 4 did: minutes instead of seconds for hanoi-2020. For the test that
       compares both paths and for the benchmark. */
    bool per_member;
    /* national only, in (0, 1]; 0 means 1: every province's members times scale (at least
       SCALED_MIN_MEMBERS) in a smaller tree (its first 2 districts with 2 communes each, the 4
       bloc committees; Hà Nội like any province), the 2025 merger as at full scale. For tests:
       63 provinces, then 34, every member accounted for, in seconds. */
    double scale;
    /* Optional progress callback (phase name, done, total); called a few hundred times. */
    void (*progress)(void *ctx, const char *phase, int64_t done, int64_t total);
    void *ctx;
};

struct demo_result {
    struct demo_figures figures;
    int64_t orgs;          /* organizations created (including merged-away ones) */
    int64_t members;       /* member records created (every person ever admitted) */
    int64_t member_events; /* lifecycle events after admission */
    int64_t org_ops;       /* merges and moves */
    int64_t dropped;       /* planned events the lifecycle rules refused (left out) */
    double plan_seconds, write_seconds;
};

/*
 * Builds the profile into st, which must not hold the profile's root code yet. Refuses the
 * hanoi-2020 and national profiles when today is not after their as-of date. On failure nothing
 * is written (the outer transaction is rolled back) and e says which step failed.
 */
enum tcxd_err demo_generate(struct store *st, const struct store_actor *who,
                            const struct demo_options *o, struct demo_result *out,
                            struct tcxd_error *e) TCXD_WUR;

#endif
