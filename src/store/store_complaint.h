/*
 * store_complaint.h - complaints, denunciations and reports (đơn thư) in the database, and the
 * account permissions beside the role (migration 0091; the rules are core/complaint.h).
 *
 * A letter belongs to the organization whose body received it (handling_org_id): a scoped
 * handle sees it while that organization is in today's subtree, and writes it only when the
 * organization is in the subtree on the write's date and today. Each step (intake,
 * classification, assignment, extension, result, notice) is one transaction with one audit
 * record ("complaint.add", "complaint.classify", ...); a refused step changes nothing.
 *
 * The complainant's identity (name, address, contact) lives in its own table. Nothing but
 * store_complaint_identity reads it - not the letter's reads, lists or audit images (which say
 * only whether a name was given) - and each read by it writes the audit record
 * "complaint.identity_read" in its own transaction. A scoped handle (a server request) may read
 * it only when the actor's account holds the "inspection" permission (EFORBIDDEN otherwise); an
 * unscoped one (the CLI on the database file) always may, and is audited the same way.
 *
 * Permissions (user_permission): named strings beside the role; PERMISSION_INSPECTION is the
 * only one. Granting and revoking are audited ("user.permission").
 */
#ifndef TCXD_STORE_STORE_COMPLAINT_H
#define TCXD_STORE_STORE_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/complaint.h"
#include "core/tree.h"
#include "store/store.h"

#define PERMISSION_INSPECTION "inspection"

enum {
    COMPLAINT_TEXT_MAX = 4000,
    COMPLAINT_NAME_MAX = 200,
    COMPLAINT_ADDRESS_MAX = 500,
    COMPLAINT_ASSIGNEE_MAX = 200,
    COMPLAINT_DOC_MAX = 100,
};

/* Does the account hold the permission? */
bool store_permission_has(struct store *st, const char *username, const char *permission);
/* Grants (granted) or revokes a permission of an existing account (fields "username",
   "permission"). */
enum tcxd_err store_permission_set(struct store *st, const struct store_actor *who,
                                   const char *username, const char *permission, bool granted,
                                   struct tcxd_error *e) TCXD_WUR;

struct complaint_req {
    enum complaint_kind kind;
    enum complaint_channel channel;
    bool level_given; /* else from the handling organization: base and below, and commune-level
                         committees: co_so; another above-base one with a parent: huyen;
                         without: tinh */
    enum complaint_level level;
    int64_t handling_org_id;
    tcxd_date received;
    int64_t subject_org_id, subject_member_id; /* one of them for khiếu nại and tố cáo */
    int64_t discipline_id;                     /* a khiếu nại against this decision, or 0 */
    unsigned areas;                            /* enum inspection_area bits */
    const char *summary;
    const char *name, *address, *contact; /* the complainant; name NULL or "": anonymous */
};

struct complaint_info {
    int64_t id;
    enum complaint_channel channel;
    int64_t handling_org_id, subject_org_id, subject_member_id, discipline_id;
    unsigned areas;
    struct complaint_state s; /* kind, level, dates, classification, result */
    enum complaint_status status;
    tcxd_date due; /* DATE_NONE unless accepted */
    tcxd_date assigned_on;
    char summary[4096 * 4];
    char class_note[4096];
    char assignee[1024];
    char resolution[4096 * 4];
    char notice_no[512];
};

struct complaint_identity {
    char name[1024];
    char address[2048];
    char contact[1024];
};

enum tcxd_err store_complaint_add(struct store *st, const struct store_actor *who,
                                  const struct complaint_req *req, tcxd_date today, int64_t *id_out,
                                  struct tcxd_error *e) TCXD_WUR;
/* Without the identity; ENOTFOUND when missing or outside the scope. */
enum tcxd_err store_complaint_get(struct store *st, int64_t id, struct complaint_info *out,
                                  struct tcxd_error *e) TCXD_WUR;
/* The identity, audited (see above). */
enum tcxd_err store_complaint_identity(struct store *st, const struct store_actor *who, int64_t id,
                                       struct complaint_identity *out,
                                       struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_complaint_classify(struct store *st, const struct store_actor *who, int64_t id,
                                       enum complaint_class c, tcxd_date on, const char *note,
                                       tcxd_date today, struct tcxd_error *e) TCXD_WUR;
/* To a person or a unit (field "assignee"), on or after the acceptance. */
enum tcxd_err store_complaint_assign(struct store *st, const struct store_actor *who, int64_t id,
                                     const char *assignee, tcxd_date on, tcxd_date today,
                                     struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_complaint_extend(struct store *st, const struct store_actor *who, int64_t id,
                                     int days, tcxd_date on, tcxd_date today,
                                     struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_complaint_resolve(struct store *st, const struct store_actor *who, int64_t id,
                                      enum complaint_result r, tcxd_date on, const char *resolution,
                                      tcxd_date today, struct tcxd_error *e) TCXD_WUR;
enum tcxd_err store_complaint_notify(struct store *st, const struct store_actor *who, int64_t id,
                                     tcxd_date on, const char *notice_no, tcxd_date today,
                                     struct tcxd_error *e) TCXD_WUR;
/* Letters received in [from, to] whose handling organization is in the subtree (and visible). */
enum tcxd_err store_complaint_list(struct store *st, const struct org_tree *t, uint32_t root,
                                   tcxd_date from, tcxd_date to,
                                   void (*fn)(void *ctx, const struct complaint_info *c), void *ctx,
                                   struct tcxd_error *e) TCXD_WUR;

/* struct complaint_counts (core/complaint.h) of a period over a subtree. */
enum tcxd_err store_complaint_counts(struct store *st, const struct org_tree *t, uint32_t root,
                                     tcxd_date from, tcxd_date to, struct complaint_counts *out,
                                     struct tcxd_error *e) TCXD_WUR;

#endif
