/*
 * store_training.h - training classes and enrolments in the database (migration 0073), the
 * trainings of a cadre (the classes and the courses outside any class, cadre_training of 0070)
 * and the facts form 10-BTCTW counts. The rules are core/training.h.
 *
 * Scope: a class belongs to its opening organization. Writes check the scope
 * (store_scope_check_write) on that organization on the class's first day; an enrolment also
 * needs the cadre visible (store_cadre_get) and the cadre's managing organization in the scope
 * on the day enrolled (then and today). Every write is one transaction with one audit record
 * ("cadre.class", "cadre.enrol", "cadre.enrol_result") naming the opening organization; refusals
 * write nothing. Reads show classes whose organization is in the scope today.
 *
 * Form 10's facts (store_training_events): the courses begun in the period (a class's first day,
 * a course's start) by cadres managed in the subtree, each with the cadre and whether the cadre
 * held a post (cadre_holding) on that day (the form's "cán bộ lãnh đạo, quản lý", UNCONFIRMED:
 * the form does not define it); an enrolment left not completed is not among them. The classes
 * (store_training_class_events): those begun in the period, opened by organizations of the
 * subtree.
 *
 * Ownership: info structs are plain values; strings passed in are borrowed for the call.
 */
#ifndef TCXD_STORE_STORE_TRAINING_H
#define TCXD_STORE_STORE_TRAINING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/training.h"
#include "store/store.h"
#include "store/store_cadre.h"

struct training_class_req {
    int64_t org_id; /* the opening committee's organization */
    struct training_class c;
    const char *name, *decision_no, *institution;
};

struct training_class_info {
    int64_t id, org_id;
    struct training_class c;
    char name[1024], decision_no[128], institution[1024];
    int64_t enrolled, completed; /* enrolments, of which completed */
};

enum tcxd_err store_training_class_add(struct store *st, const struct store_actor *who,
                                       const struct training_class_req *req, int64_t *id_out,
                                       struct tcxd_error *e) TCXD_WUR;
/* ENOTFOUND for an unknown class or one whose organization is outside the scope. */
enum tcxd_err store_training_class_get(struct store *st, int64_t id,
                                       struct training_class_info *out,
                                       struct tcxd_error *e) TCXD_WUR;
/* Classes opened by organizations of the subtree of org_id today (0: all in the scope) begun in
   `year` (0: every year), the latest first. */
enum tcxd_err store_training_class_list(struct store *st, int64_t org_id, int year,
                                        void (*fn)(void *ctx, const struct training_class_info *c),
                                        void *ctx, struct tcxd_error *e) TCXD_WUR;

struct training_enrol_info {
    int64_t id, class_id, cadre_id;
    tcxd_date enrolled_on;
    enum enrol_result result;
    char grade[128];
    char full_name[1024];
};
/* Enrols the cadre on `on` (DATE_NONE: the class's first day): training_enrol_check; a cadre
   already in the class is refused (ECONFLICT, field "cadre_id"). */
enum tcxd_err store_training_enrol(struct store *st, const struct store_actor *who,
                                   int64_t class_id, int64_t cadre_id, tcxd_date on,
                                   int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
/* Records how the cadre left the class (grade: "" or as written, e.g. "Khá"). */
enum tcxd_err store_training_result(struct store *st, const struct store_actor *who,
                                    int64_t enrolment_id, enum enrol_result result,
                                    const char *grade, struct tcxd_error *e) TCXD_WUR;
/* The class's enrolments, by name. */
enum tcxd_err store_training_enrolments(struct store *st, int64_t class_id,
                                        void (*fn)(void *ctx, const struct training_enrol_info *en),
                                        void *ctx, struct tcxd_error *e) TCXD_WUR;

/* One training of a cadre's career: a class (class_id > 0, with the enrolment) or a course
   outside any class (class_id 0, result ENROL_STUDYING, no grade). */
struct cadre_training_item {
    int64_t class_id, enrolment_id;
    enum training_programme programme;
    enum training_mode mode;
    tcxd_date from, to; /* to DATE_NONE: not given */
    enum enrol_result result;
    char name[1024], institution[1024], grade[128];
};
/* The trainings of a cadre (store_cadre_get's scope), by their start. */
enum tcxd_err store_training_of_cadre(struct store *st, int64_t cadre_id,
                                      void (*fn)(void *ctx, const struct cadre_training_item *t),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;

/* ---- form 10 ---- */

struct training_event {
    struct cadre_info cadre;
    enum training_programme programme;
    enum training_mode mode;
    tcxd_date from;
    bool leader; /* held a post on `from` */
};
enum tcxd_err store_training_events(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                                    void (*fn)(void *ctx, const struct training_event *ev),
                                    void *ctx, struct tcxd_error *e) TCXD_WUR;

struct training_class_event {
    int64_t id, org_id;
    enum training_programme programme;
    enum training_mode mode;
    enum class_opener opener;
};
enum tcxd_err
store_training_class_events(struct store *st, int64_t org_id, tcxd_date from, tcxd_date to,
                            void (*fn)(void *ctx, const struct training_class_event *ev), void *ctx,
                            struct tcxd_error *e) TCXD_WUR;

#endif
