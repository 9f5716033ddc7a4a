/*
 * org.h - party organizations: the two attributes (tier, form) that describe every kind,
 * base-organization types, and the nesting rules. Pure rules: no I/O.
 *
 * tier x form gives the kinds boards use:
 *   above_base x dang_bo  cấp trên cơ sở (Đảng bộ thành phố, quận ủy, đảng ủy khối, xã/phường after
 * 2025) base       x dang_bo  đảng bộ cơ sở          base x chi_bo   chi bộ cơ sở below_base x
 * dang_bo  đảng bộ bộ phận        below_base x chi_bo  chi bộ trực thuộc Nesting: above-base under
 * above-base (or root); base under above-base; below-base under a base đảng bộ or a đảng bộ bộ
 * phận; a chi bộ has no child organizations. Members are registered only in a chi bộ (base or
 * below-base).
 */
#ifndef TCXD_CORE_ORG_H
#define TCXD_CORE_ORG_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"
#include "util/err.h"

enum org_tier { ORG_TIER_ABOVE_BASE, ORG_TIER_BASE, ORG_TIER_BELOW_BASE, ORG_TIER__MAX };
enum org_form { ORG_FORM_DANG_BO, ORG_FORM_CHI_BO, ORG_FORM__MAX };

enum org_kind {
    ORG_KIND_ABOVE_BASE,        /* cấp trên cơ sở */
    ORG_KIND_DANG_BO_CO_SO,     /* đảng bộ cơ sở */
    ORG_KIND_CHI_BO_CO_SO,      /* chi bộ cơ sở */
    ORG_KIND_DANG_BO_BO_PHAN,   /* đảng bộ bộ phận */
    ORG_KIND_CHI_BO_TRUC_THUOC, /* chi bộ trực thuộc */
    ORG_KIND__MAX
};

enum org_base_type {
    ORG_BASE_NONE = 0,
    ORG_BASE_XA,
    ORG_BASE_PHUONG,
    ORG_BASE_THI_TRAN,
    ORG_BASE_CO_QUAN_HANH_CHINH,
    ORG_BASE_DON_VI_SU_NGHIEP,
    ORG_BASE_DNNN,
    ORG_BASE_DN_NGOAI_NHA_NUOC,
    ORG_BASE_QUAN_DOI,
    ORG_BASE_CONG_AN,
    ORG_BASE_KHAC,
    ORG_BASE_DAC_KHU, /* đặc khu (special zone, from 01/07/2025) */
    ORG_BASE__MAX
};

const char *org_tier_name(enum org_tier t);            /* "above_base", "base", "below_base" */
const char *org_form_name(enum org_form f);            /* "dang_bo", "chi_bo" */
const char *org_kind_name(enum org_kind k);            /* "dang_bo_co_so" ... */
const char *org_kind_label(enum org_kind k);           /* "Đảng bộ cơ sở" ... */
/* The label of an organization event kind (org_event.kind: create, rename, move, merge_in,
   merged_into, dissolve, retier): "Thành lập", "Đổi tên" ...; an unknown kind as it is. */
const char *org_event_label(const char *kind);
const char *org_base_type_name(enum org_base_type t);  /* "xa", "co_quan_hanh_chinh" ... */
const char *org_base_type_label(enum org_base_type t); /* "Xã", "Cơ quan hành chính" ... */

/* Parses names ("base", "chi_bo", "phuong") and also Vietnamese labels, case/diacritics-folded. */
enum tcxd_err org_tier_parse(const char *s, enum org_tier *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err org_form_parse(const char *s, enum org_form *out, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err org_base_type_parse(const char *s, enum org_base_type *out,
                                  struct tcxd_error *e) TCXD_WUR;

enum org_kind org_kind_of(enum org_tier t, enum org_form f);

/* May an organization of (tier, form) have members registered in it? (a chi bộ) */
bool org_holds_members(enum org_tier t, enum org_form f);

/*
 * Checks that a child of kind (ct, cf) may sit under a parent of kind (pt, pf).
 * has_parent false: only an above-base organization may be a root.
 * The error names the field "parent" and both kinds in Vietnamese.
 */
enum tcxd_err org_check_nesting(bool has_parent, enum org_tier pt, enum org_form pf,
                                enum org_tier ct, enum org_form cf, struct tcxd_error *e) TCXD_WUR;

/* A base organization needs a base type; below-base ones must not have one; an above-base one
   only a commune-level type (undated: org_check_type_on adds the date). */
enum tcxd_err org_check_base_type(enum org_tier t, enum org_base_type bt,
                                  struct tcxd_error *e) TCXD_WUR;

/*
 * The 2025 rules (QĐ 294-QĐ/TW, two-level local government), in force from ORG_RULES_2025
 * (01/07/2025). Before it the old nesting holds. From it:
 *   - a commune-level committee (đảng bộ xã, phường, đặc khu) is an above-base organization
 *     carrying the type xa, phuong or dac_khu, placed directly under a provincial committee (an
 *     above-base organization without a commune type); under it sit base organizations;
 *   - a special zone (dac_khu) is either such a committee or itself a base organization, as the
 *     province decides;
 *   - before that date only base organizations carry a type.
 * At any date a đảng bộ bộ phận cannot sit inside a đảng bộ bộ phận (Điều lệ Đảng: đảng bộ bộ
 * phận are parts of a đảng bộ cơ sở).
 */
#define ORG_RULES_2025_Y 2025
#define ORG_RULES_2025_M 7
#define ORG_RULES_2025_D 1
tcxd_date org_rules_2025(void); /* 01/07/2025 */

/* The attributes nesting depends on. */
struct org_shape {
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
};

/* Is bt a commune-level type (xa, phuong, dac_khu)? */
bool org_base_type_is_commune(enum org_base_type bt);
/* Is this a commune-level committee (above-base with a commune type)? */
bool org_shape_is_commune(const struct org_shape *s);

/*
 * The dated rules: may `child` sit under `parent` (NULL: a root) on `on`, and may it carry its
 * type on that date? Includes org_check_nesting and org_check_base_type's rules.
 */
enum tcxd_err org_check_placement(tcxd_date on, const struct org_shape *parent,
                                  const struct org_shape *child, struct tcxd_error *e) TCXD_WUR;
/* The type rule alone, dated: base needs a type; from 01/07/2025 an above-base organization may
   carry xa, phuong or dac_khu; below-base never. */
enum tcxd_err org_check_type_on(tcxd_date on, enum org_tier t, enum org_base_type bt,
                                struct tcxd_error *e) TCXD_WUR;

/* The kind a child takes when moved under parent on `on` without a stated one (the 2025 default
   rule): unchanged when it fits; under a commune-level committee a chi bộ trực thuộc becomes a
   chi bộ cơ sở and a đảng bộ bộ phận a đảng bộ cơ sở, with the committee's type; under a base
   đảng bộ a chi bộ cơ sở becomes a chi bộ trực thuộc. */
struct org_shape org_default_shape(tcxd_date on, const struct org_shape *parent,
                                   const struct org_shape *child);

/* Size rules (Điều lệ Đảng; domain.md §3.1): warnings, not refusals (a superior may consent). */
enum org_size_warning {
    ORG_SIZE_OK = 0,
    ORG_SIZE_CHI_BO_UNDER_3,      /* a chi bộ with fewer than 3 official members */
    ORG_SIZE_CHI_BO_CO_SO_OVER_30 /* a chi bộ cơ sở with 30 members or more */
};
/* Up to 2 warnings into out[]; returns how many. official/total: members on the date. */
int org_size_warnings(const struct org_shape *s, int64_t official, int64_t total,
                      enum org_size_warning out[2]);
/* The English message of a warning (translate with msg_tr). */
const char *org_size_warning_text(enum org_size_warning w);

/* Validates an organization code: 1..32 chars of [A-Za-z0-9._-]. */
enum tcxd_err org_check_code(const char *code, struct tcxd_error *e) TCXD_WUR;

#endif
