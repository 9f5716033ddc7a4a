/*
 * review_decision.c - the rules of a decision, amendment or historical record of one subject's
 * review (see review.h, "The decision of a step"): pure, the store gives the inputs.
 */
#include "core/review.h"

#include <string.h>

#include "util/msg.h"
#include "util/banned.h"

static enum tcxd_err check_date(tcxd_date d, int year, tcxd_date today, struct tcxd_error *e)
{
    char s[DATE_ISO_LEN];
    if (d == DATE_NONE)
        return tcxd_fail(e, TCXD_EINVAL, "decision_date", "the decision date is required");
    date_format_vn(d, s);
    if (d > today)
        return tcxd_fail(e, TCXD_EINVAL, "decision_date", "decision date %s is in the future", s);
    if (date_to_ymd(d).y < year)
        return tcxd_fail(e, TCXD_EINVAL, "decision_date",
                         "decision date %s is before the review year %d", s, year);
    return TCXD_OK;
}

enum tcxd_err review_decision_check(const struct review_decision_in *in,
                                    struct review_decision_out *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    bool decide = in->step == REVIEW_STEP_DECIDE;
    enum tcxd_err rc;
    if (in->step == REVIEW_STEP_RECORD && in->year >= date_to_ymd(in->today).y)
        return tcxd_fail(e, TCXD_ERULE, "year",
                         "only a past year's decision is recorded as history (year %d); this "
                         "year's review goes through self-assessment, verification and decision",
                         in->year);
    if (decide && !in->has_decision_no)
        return tcxd_fail(e, TCXD_EINVAL, "decision_no", "the decision number is required");
    if (in->step == REVIEW_STEP_AMEND && !in->has_reason)
        return tcxd_fail(e, TCXD_EINVAL, "reason", "an amendment needs a reason");
    if ((decide || in->decision_date != DATE_NONE) &&
        (rc = check_date(in->decision_date, in->year, in->today, e)))
        return rc;
    if (in->step == REVIEW_STEP_RECORD)
        return TCXD_OK;
    if (decide && in->party_org && in->parts_decided < in->parts_expected) {
        if (!in->has_override_reason)
            return tcxd_fail(e, TCXD_ERULE, "order",
                             "%d of %d %s of %s have no decided review for %d yet: they are "
                             "decided first; give a reason to decide before them",
                             in->parts_expected - in->parts_decided, in->parts_expected,
                             in->chi_bo ? MSG_T("members") : MSG_T("sub-organizations"),
                             in->subject_name ? in->subject_name : "", in->year);
        out->decided_before_parts = true;
    }
    const struct review_proposal *p = in->proposal;
    out->departs_from_forced = p && p->forced && in->level != REVIEW_KHTNV;
    if (out->departs_from_forced && decide && !in->has_override_reason) {
        const char *first = "";
        for (size_t i = 0; i < p->n_reasons; i++)
            if (p->forcing[i]) {
                first = p->reasons[i];
                break;
            }
        return tcxd_fail(e, TCXD_ERULE, "override_reason",
                         "the proposal is forced to %s by a rule (%s); deciding %s needs a "
                         "recorded reason",
                         review_level_code(REVIEW_KHTNV), first, review_level_code(in->level));
    }
    out->keeps_override =
        in->has_override_reason && (out->departs_from_forced || out->decided_before_parts);
    return TCXD_OK;
}
