/*
 * training.h - training classes (lớp đào tạo, bồi dưỡng) and the cadres enrolled in them, as
 * form 10-BTCTW counts them (../shared/forms/forms-BTCTW.txt, biểu 10). Pure rules: no I/O, no
 * SQL. The programmes and their splits (trong nước / ngoài nước / liên kết, hệ tập trung / không
 * tập trung, đối tượng 1-4) are core/cadre.h's enum training_programme and training_mode.
 *
 * A class is opened by an organization's committee: cấp ủy cấp tỉnh, cấp ủy cấp huyện (form 10's
 * columns 10 and 11) or elsewhere (Trung ương, a school, a base committee: counted among the
 * cadres trained, not among the classes, since the form's column 9 = 10 + 11). A class runs
 * [from, to] (both days); a cadre is enrolled once per class, on a day not after its end, and
 * leaves it completed, not completed, or is still studying.
 *
 * Form 10's levels of cadres (cấp tỉnh / huyện / xã) are read from the level managing the cadre
 * (UNCONFIRMED: the form does not define them): diện Trung ương and diện BTV tỉnh ủy quản lý are
 * cấp tỉnh, diện BTV huyện ủy cấp huyện, diện đảng ủy cơ sở cấp xã.
 *
 * Ownership: plain values.
 */
#ifndef TCXD_CORE_TRAINING_H
#define TCXD_CORE_TRAINING_H

#include <stdbool.h>

#include "core/cadre.h"
#include "core/org.h"
#include "util/date.h"
#include "util/err.h"

enum class_opener {
    CLASS_OPEN_TINH,  /* cấp ủy cấp tỉnh mở */
    CLASS_OPEN_HUYEN, /* cấp ủy cấp huyện mở */
    CLASS_OPEN_OTHER, /* nơi khác mở (Trung ương, học viện, trường, cơ sở) */
    CLASS_OPEN__MAX
};

enum enrol_result {
    ENROL_STUDYING,      /* đang học */
    ENROL_COMPLETED,     /* hoàn thành */
    ENROL_NOT_COMPLETED, /* không hoàn thành (bỏ học, không đạt) */
    ENROL__MAX
};

enum training_level { TLEVEL_TINH, TLEVEL_HUYEN, TLEVEL_XA, TLEVEL__MAX };

struct training_class {
    enum training_programme programme;
    enum training_mode mode;
    enum class_opener opener;
    tcxd_date from, to; /* both days of the class */
};

/* The programme is one of form 10's, the mode one its row splits it by (training_check), the
   opener known, from and to given with to on or after from (fields "programme", "mode",
   "opener", "from", "to"). */
enum tcxd_err training_class_check(const struct training_class *c, struct tcxd_error *e) TCXD_WUR;
/* A cadre enrolled in the class on `on` (DATE_NONE: the class's first day): the class is valid
   and `on` is not after its last day (field "date"). */
enum tcxd_err training_enrol_check(const struct training_class *c, tcxd_date on,
                                   struct tcxd_error *e) TCXD_WUR;
/* A class the province or the district committee opens belongs to an organization above the
   base (a committee of cấp tỉnh or cấp huyện; from 01/07/2025 a commune's too, QĐ 294); one of a
   base or below-base organization is opened "khac" (field "opener"; UNCONFIRMED: the form names
   the committees, tcxd reads them from the tier). */
enum tcxd_err training_opener_check(enum class_opener o, enum org_tier tier,
                                    struct tcxd_error *e) TCXD_WUR;
/* Form 10 counts the enrolment among the cadres trained (not when left not completed). */
bool enrol_result_counts(enum enrol_result r);
/* Form 10's level of a cadre managed at m (see the header). */
enum training_level training_level_of(enum cadre_mgmt m);
/* The opener's class column of form 10 (0: cấp tỉnh, 1: cấp huyện), -1 for none. */
int class_opener_column(enum class_opener o);

const char *class_opener_name(enum class_opener v);
const char *class_opener_label(enum class_opener v);
enum tcxd_err class_opener_parse(const char *s, enum class_opener *out,
                                 struct tcxd_error *e) TCXD_WUR;
const char *enrol_result_name(enum enrol_result v);
const char *enrol_result_label(enum enrol_result v);
enum tcxd_err enrol_result_parse(const char *s, enum enrol_result *out,
                                 struct tcxd_error *e) TCXD_WUR;

#endif
