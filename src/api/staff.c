/*
 * staff.c - the staffing roll (biên chế) over HTTP (issue 15, forms 8A and 8B): bodies, people
 * and their dated events. The rules are core/staff.h, the records store/store_staff.h: the store
 * checks the scope on the person's managing organization and the body's organization on the
 * event's date and today, and writes the one audit record. The people on the roll are for staff;
 * the bodies (a registry) for every role; the figures are forms 8a and 8b (/api/forms/fill). The
 * JSON shapes are those of `tcxd --json staff ...` (one builder, store_staff.h).
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_staff.h"

/* ---- input declarations ---- */

enum { BQ_ORG };
const struct http_field api_staff_bodies_query[] = {
    {"org", HF_ID, 0, 0, 0, "the subtree (default: the account's scope)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { BA_ORG, BA_NAME, BA_KIND, BA_LEVEL };
const struct http_field api_staff_body_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the organization the body is or belongs to"},
    {"name", HF_STRING, 0, 0, 200, "the body's name (default: the organization's)"},
    {"kind", HF_STRING, HF_REQUIRED, 0, 16, "dang, su_nghiep or doan_the"},
    {"level", HF_STRING, HF_REQUIRED, 0, 8, "tinh or huyen"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { RQ_ORG, RQ_ASOF };
const struct http_field api_staff_roll_query[] = {
    {"org", HF_ID, 0, 0, 0, "the subtree (default: the account's scope)"},
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    PA_ORG,
    PA_CADRE,
    PA_MEMBER,
    PA_NAME,
    PA_GENDER,
    PA_BIRTH,
    PA_ETHNICITY,
    PA_PROF,
    PA_ACADEMIC,
    PA_THEORY,
    PA_PARTY
};
const struct http_field api_staff_person_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the managing organization"},
    {"cadre_id", HF_ID, 0, 0, 0, "the cadre this person is (the cadre's attributes; give none)"},
    {"member_id", HF_ID, 0, 0, 0, "the party member this person is"},
    {"full_name", HF_STRING, 0, 0, 200, "the name (default: the member's)"},
    {"gender", HF_STRING, 0, 0, 8, "nam or nu (required without member_id or cadre_id)"},
    {"birth_date", HF_DATE, 0, 0, 0, "date of birth"},
    {"ethnicity", HF_STRING, 0, 0, 200, "ethnicity"},
    {"prof", HF_STRING, 0, 0, 16, "professional level: none, trung_cap ... tien_si"},
    {"academic", HF_STRING, 0, 0, 16, "academic title: none, pgs, gs"},
    {"theory", HF_STRING, 0, 0, 16, "political theory level"},
    {"party", HF_BOOL, 0, 0, 0, "a party member not in this database"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { EV_EVENT, EV_DATE, EV_BODY, EV_KIND, EV_CATEGORY, EV_GRADE, EV_TALENT, EV_EXP, EV_DECISION };
const struct http_field api_staff_event_body[] = {
    {"event", HF_STRING, HF_REQUIRED, 0, 8, "join, move, grade or leave"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "the day it takes effect (a leave: the first day off)"},
    {"body_id", HF_ID, 0, 0, 0, "join, move: the body"},
    {"kind", HF_STRING, 0, 0, 16,
     "join: cc_exam, cc_intake, vc_exam, vc_intake, contract, other; leave: retire, transfer, "
     "resign, dismiss, off_budget, downsize, other"},
    {"category", HF_STRING, 0, 0, 16,
     "join: cbcc, vien_chuc, hd68, hd_khac (implied by cc_* and vc_*)"},
    {"grade", HF_STRING, 0, 0, 16, "join, grade: cvcc, cvc, cv, can_su, nhan_vien, hang_1..hang_5"},
    {"talent", HF_BOOL, 0, 0, 0, "join (an intake): thủ khoa, nhà khoa học"},
    {"experience", HF_INT, 0, 0, 60, "join (an intake): years of experience"},
    {"decision_no", HF_STRING, 0, 0, 100, "the decision's number"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- helpers ---- */

static enum tcxd_err named(enum tcxd_err rc, const char *field, struct tcxd_error *e)
{
    if (rc && e)
        snprintf(e->field, sizeof(e->field), "%s", field);
    return rc;
}

#define PARSE(T, c, idx, field, out, e)                                                            \
    ((c)->in[idx].present ? named(T##_parse((c)->in[idx].s, (out), (e)), (field), (e)) : TCXD_OK)

static int64_t root_of(struct http_ctx *c, const struct http_value *v)
{
    return v->present ? v->i : c->sess.scope_org_id;
}

static void created(struct http_ctx *c, int64_t id)
{
    http_json(c, 201, json_pack("{s:I}", "id", (json_int_t)id));
}

/* ---- bodies ---- */

static void body_row(void *ctx, const struct staff_body_info *b)
{
    json_array_append_new(ctx, staff_body_json(b));
}

enum tcxd_err api_staff_bodies(struct http_ctx *c, struct tcxd_error *e)
{
    json_t *a = json_array();
    enum tcxd_err rc = store_staff_body_list(c->st, root_of(c, &c->q[BQ_ORG]), body_row, a, e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "bodies", a));
    return TCXD_OK;
}

enum tcxd_err api_staff_body_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct staff_body_info b = {.org_id = c->in[BA_ORG].i};
    if (c->in[BA_NAME].present)
        snprintf(b.name, sizeof(b.name), "%s", c->in[BA_NAME].s);
    enum tcxd_err rc;
    int64_t id;
    if ((rc = named(staff_body_kind_parse(c->in[BA_KIND].s, &b.kind, e), "kind", e)) ||
        (rc = named(staff_level_parse(c->in[BA_LEVEL].s, &b.level, e), "level", e)) ||
        (rc = store_staff_body_add(c->st, &c->actor, &b, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

/* ---- people ---- */

static void roll_row(void *ctx, const struct staff_person_info *p, const struct staff_stint *s)
{
    json_t *j = staff_person_json(p);
    json_object_set_new(j, "stint", staff_stint_json(s));
    json_array_append_new(ctx, j);
}

enum tcxd_err api_staff_roll(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date on = c->q[RQ_ASOF].present ? c->q[RQ_ASOF].d : date_today();
    json_t *a = json_array();
    enum tcxd_err rc = store_staff_roll(c->st, root_of(c, &c->q[RQ_ORG]), on, roll_row, a, e);
    if (rc) {
        json_decref(a);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o, s:o}", "as_of", http_json_date(on), "people", a));
    return TCXD_OK;
}

enum tcxd_err api_staff_person_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct staff_person_req r = {
        .org_id = c->in[PA_ORG].i,
        .cadre_id = c->in[PA_CADRE].present ? c->in[PA_CADRE].i : 0,
        .member_id = c->in[PA_MEMBER].present ? c->in[PA_MEMBER].i : 0,
        .full_name = c->in[PA_NAME].present ? c->in[PA_NAME].s : NULL,
        .birth_date = c->in[PA_BIRTH].present ? c->in[PA_BIRTH].d : DATE_NONE,
        .ethnicity = c->in[PA_ETHNICITY].present ? c->in[PA_ETHNICITY].s : NULL,
        .has_gender = c->in[PA_GENDER].present,
        .has_theory = c->in[PA_THEORY].present,
        .party = c->in[PA_PARTY].present && c->in[PA_PARTY].b,
    };
    enum tcxd_err rc;
    int64_t id;
    if ((rc = PARSE(gender, c, PA_GENDER, "gender", &r.gender, e)) ||
        (rc = PARSE(theory_level, c, PA_THEORY, "theory", &r.theory, e)) ||
        (rc = PARSE(cadre_prof, c, PA_PROF, "prof", &r.prof, e)) ||
        (rc = PARSE(cadre_academic, c, PA_ACADEMIC, "academic", &r.academic, e)) ||
        (rc = store_staff_person_add(c->st, &c->actor, &r, &id, e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}

enum tcxd_err api_staff_person_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct staff_person_info p;
    struct staff_event *ev = NULL;
    size_t n = 0;
    struct staff_replay r;
    enum tcxd_err rc;
    if ((rc = store_staff_person_get(c->st, c->ids[0], &p, e)) ||
        (rc = store_staff_events(c->st, p.id, &ev, &n, e)))
        return rc;
    if ((rc = staff_replay(ev, n, &r, e))) {
        free(ev);
        return rc;
    }
    json_t *j = staff_person_json(&p), *a = json_array(), *b = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, staff_event_json(&ev[i]));
    for (size_t i = 0; i < r.n; i++)
        json_array_append_new(b, staff_stint_json(&r.v[i]));
    json_object_set_new(j, "events", a);
    json_object_set_new(j, "stints", b);
    staff_replay_release(&r);
    free(ev);
    http_json(c, 200, j);
    return TCXD_OK;
}

enum tcxd_err api_staff_event_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct staff_event ev = {.date = c->in[EV_DATE].d};
    enum tcxd_err rc;
    if ((rc = named(staff_ev_kind_parse(c->in[EV_EVENT].s, &ev.kind, e), "event", e)))
        return rc;
    bool join = ev.kind == SEV_JOIN;
    if ((ev.kind == SEV_JOIN || ev.kind == SEV_MOVE) && !c->in[EV_BODY].present)
        return tcxd_fail(e, TCXD_EINVAL, "body_id", "field %s is required", "body_id");
    if ((join || ev.kind == SEV_LEAVE) && !c->in[EV_KIND].present)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "field %s is required", "kind");
    if (ev.kind == SEV_GRADE && !c->in[EV_GRADE].present)
        return tcxd_fail(e, TCXD_EINVAL, "grade", "field %s is required", "grade");
    if (!join && (c->in[EV_CATEGORY].present || c->in[EV_TALENT].present || c->in[EV_EXP].present))
        return tcxd_fail(e, TCXD_EINVAL, c->in[EV_CATEGORY].present ? "category" : "talent",
                         "--category, --talent and --experience go with staff join");
    ev.body_id = c->in[EV_BODY].present ? c->in[EV_BODY].i : 0;
    if ((rc = PARSE(staff_grade, c, EV_GRADE, "grade", &ev.grade, e)))
        return rc;
    if (ev.kind == SEV_LEAVE &&
        (rc = named(staff_leave_parse(c->in[EV_KIND].s, &ev.leave, e), "kind", e)))
        return rc;
    if (join) {
        if ((rc = named(staff_join_parse(c->in[EV_KIND].s, &ev.join, e), "kind", e)))
            return rc;
        if (c->in[EV_CATEGORY].present) {
            if ((rc = named(staff_category_parse(c->in[EV_CATEGORY].s, &ev.category, e), "category",
                            e)))
                return rc;
        } else if (ev.join == SJOIN_CC_EXAM || ev.join == SJOIN_CC_INTAKE) {
            ev.category = STAFF_CBCC;
        } else if (ev.join == SJOIN_VC_EXAM || ev.join == SJOIN_VC_INTAKE) {
            ev.category = STAFF_VIEN_CHUC;
        } else {
            return tcxd_fail(e, TCXD_EINVAL, "category", "field %s is required", "category");
        }
        ev.talent = c->in[EV_TALENT].present && c->in[EV_TALENT].b;
        ev.experience = c->in[EV_EXP].present ? (int)c->in[EV_EXP].i : 0;
    }
    int64_t id;
    if ((rc = store_staff_event_add(c->st, &c->actor, c->ids[0], &ev,
                                    c->in[EV_DECISION].present ? c->in[EV_DECISION].s : NULL, &id,
                                    e)))
        return rc;
    created(c, id);
    return TCXD_OK;
}
