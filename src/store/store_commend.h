/*
 * store_commend.h - commendations of party organizations (khen thưởng tổ chức đảng: cờ, bằng
 * khen, giấy khen; migration 0013), as form 7 (BTCTW) section I.1 counts them. A member's own
 * commendations are member events (MEV_COMMEND); these belong to the organization. Each write is
 * one transaction with one audit record ("org.commend", "org.commend.cancel" with the record
 * before and the reason); a scoped handle writes only for an organization in its subtree on the
 * decision's date and today, and reads those of its subtree.
 */
#ifndef TCXD_STORE_STORE_COMMEND_H
#define TCXD_STORE_STORE_COMMEND_H

#include <stdint.h>

#include "core/member.h"
#include "store/store.h"

struct org_commendation {
    int64_t id, org_id;
    tcxd_date date; /* the decision's */
    enum commend_form form;
    char decision_no[128];
    char detail[1024]; /* what for, who awarded it */
};

/* Records a commendation of org_id on date: the organization existed then (field "org"), the
   date is not in the future (field "date"); decision_no at most 100 characters, detail 500. */
enum tcxd_err store_org_commend(struct store *st, const struct store_actor *who, int64_t org_id,
                                tcxd_date date, enum commend_form form, const char *decision_no,
                                const char *detail, int64_t *id_out, struct tcxd_error *e) TCXD_WUR;
/* The organization's commendations, oldest first. */
enum tcxd_err store_org_commendations(struct store *st, int64_t org_id,
                                      void (*fn)(void *ctx, const struct org_commendation *c),
                                      void *ctx, struct tcxd_error *e) TCXD_WUR;
/* Every organization's commendations decided from `from` to `to` (both included), by date. */
enum tcxd_err store_org_commendations_between(struct store *st, tcxd_date from, tcxd_date to,
                                              void (*fn)(void *ctx,
                                                         const struct org_commendation *c),
                                              void *ctx, struct tcxd_error *e) TCXD_WUR;
/* Removes a commendation entered by mistake (reason required, 1 to 500 characters); ENOTFOUND
   (field "commendation") when the organization has no such record. */
enum tcxd_err store_org_commend_cancel(struct store *st, const struct store_actor *who,
                                       int64_t org_id, int64_t id, const char *reason,
                                       struct tcxd_error *e) TCXD_WUR;
/* The record as JSON (text, malloc'd: free it): id, org_id, date, form (name), decision_no,
   detail. */
char *store_org_commendation_json_text(const struct org_commendation *c);

#endif
