/*
 * degradation.h - the degradation self-check (tự soi, tự sửa): each member's yearly assessment
 * of the 27 manifestations of degradation in political ideology, ethics and lifestyle and of
 * "self-evolution", "self-transformation" (Nghị quyết 04-NQ/TW, 30/10/2016, Trung ương 4 khóa
 * XII: 9 + 9 + 9), each at one of five levels, and the aggregation a board reports. Pure rules.
 *
 * Sources: the three groups of nine are NQ 04-NQ/TW's (sourced: docs/inspection.md). The labels
 * below are short paraphrases, not the resolution's text, and their order inside each group is
 * UNCONFIRMED against the text. The five levels follow the practice reported for Nghệ An (seed
 * 002); their wording here is UNCONFIRMED.
 *
 * A member's overall level is the highest level of the 27. The chi bộ may conclude that the
 * member shows degradation (concluded): that conclusion, not the self-assessment, is what the
 * review's forcing rule reads (review "degradation" fact).
 */
#ifndef TCXD_CORE_DEGRADATION_H
#define TCXD_CORE_DEGRADATION_H

#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

enum { DEGR_ITEMS = 27, DEGR_PER_GROUP = 9 };

enum degradation_group {
    DEGR_TU_TUONG,     /* suy thoái về tư tưởng chính trị */
    DEGR_DAO_DUC,      /* suy thoái về đạo đức, lối sống */
    DEGR_TU_DIEN_BIEN, /* "tự diễn biến", "tự chuyển hóa" */
    DEGR_GROUP__MAX
};

enum degradation_level {
    DEGR_NONE,     /* không có biểu hiện */
    DEGR_SLIGHT,   /* có biểu hiện nhưng không đáng kể, đã tự khắc phục */
    DEGR_MILD,     /* có biểu hiện ở mức nhẹ */
    DEGR_MODERATE, /* có biểu hiện ở mức trung bình */
    DEGR_SEVERE,   /* có biểu hiện ở mức nghiêm trọng */
    DEGR_LEVEL__MAX
};

struct degradation_item {
    const char *code; /* "1.1" .. "3.9" */
    enum degradation_group group;
    const char *label;
};

/* The 27, in order (index 0..26). */
const struct degradation_item *degradation_item(unsigned i);
const char *degradation_group_label(enum degradation_group g);
const char *degradation_level_name(enum degradation_level l);  /* "none" .. "severe" */
const char *degradation_level_label(enum degradation_level l); /* Vietnamese */

/* "1.1=0; 1.2=2; ..." (every one of the 27 exactly once, levels 0..4; ',' or ';' between) into
   levels[]; field "levels", naming the item. */
enum tcxd_err degradation_parse(const char *s, uint8_t levels[DEGR_ITEMS],
                                struct tcxd_error *e) TCXD_WUR;
/* The 27 digits ("0120…") as stored, and back (false when malformed). */
void degradation_digits(const uint8_t levels[DEGR_ITEMS], char out[DEGR_ITEMS + 1]);
bool degradation_from_digits(const char *s, uint8_t levels[DEGR_ITEMS]);

enum degradation_level degradation_overall(const uint8_t levels[DEGR_ITEMS]);

/* The aggregation of a set of self-checks. */
struct degradation_tally {
    int64_t members;
    int64_t by_overall[DEGR_LEVEL__MAX];          /* members by their highest level */
    int64_t by_item[DEGR_ITEMS][DEGR_LEVEL__MAX]; /* members at each level of each item */
    int64_t concluded; /* concluded by the chi bộ to show degradation */
};
void degradation_tally_add(struct degradation_tally *t, const uint8_t levels[DEGR_ITEMS],
                           bool concluded);
/* "12 đảng viên tự đánh giá: 8 không có biểu hiện, 3 có biểu hiện không đáng kể, 1 có biểu hiện
   ở mức nhẹ, 0 …; chi bộ kết luận 0 đảng viên có biểu hiện suy thoái" (appended) */
void degradation_sentence(const struct degradation_tally *t, struct buf *out);

#endif
