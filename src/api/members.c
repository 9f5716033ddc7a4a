/*
 * members.c - party members: list and search, detail with the event timeline, admission, the
 * lifecycle events, and the list of members due for official recognition.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "engine/engine.h"
#include "util/xmalloc.h"

/* ---- input declarations ---- */

enum {
    L_ORG,
    L_Q,
    L_STATUS,
    L_GENDER,
    L_AGE_MIN,
    L_AGE_MAX,
    L_THEORY,
    L_ETHNICITY,
    L_SORT,
    L_AS_OF,
    L_PAGE,
    L_PAGE_SIZE,
    L_TEMPORARY,
    L_FORMER
};
const struct http_field api_member_list_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"q", HF_STRING, 0, 0, 200, "name search, any case and diacritics"},
    {"status", HF_STRING, 0, 0, 32,
     "probationary, official, removed, deceased, transferred_out"
     " (default: probationary and official)"},
    {"gender", HF_STRING, 0, 0, 8, "nam or nu"},
    {"age_min", HF_INT, 0, 0, 150, "minimum age in years"},
    {"age_max", HF_INT, 0, 0, 150, "maximum age in years"},
    {"theory", HF_STRING, 0, 0, 32, "none, so_cap, trung_cap, cao_cap, cu_nhan"},
    {"ethnicity", HF_STRING, 0, 0, 100, "ethnicity as recorded"},
    {"sort", HF_STRING, 0, 0, 16, "name (Vietnamese roll order, default) or birth_date"},
    {"as_of", HF_DATE, 0, 0, 0, "date (default today)"},
    {"page", HF_INT, 0, 1, 1000000, "page from 1"},
    {"page_size", HF_INT, 0, 1, 200, "rows per page (default 50, at most 200)"},
    {"temporary", HF_BOOL, 0, 0, 0, "also members here on a temporary transfer"},
    {"former", HF_BOOL, 0, 0, 0,
     "a search (q) also finds members no longer registered on the date (status removed, "
     "deceased or transferred_out asks for them too)"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* The personal fields come from the one field table (core/member_record.h), indexed by
   enum member_field; the admission's own fields follow. */
enum {
    A_ORG = MF__MAX,
    A_DECISION_NO,
    A_DECISION_DATE,
    A_CEREMONY,
    A_OFFICIAL_DATE,
    A_OFFICIAL_NO,
    A_PLACE,
    A_ARRIVAL
};
#define MF_HTTP_FIELD(ID, cname, key, label, option, kind, max, flags, dflt, values, doc)          \
    {key, kind == MFK_DATE ? HF_DATE : HF_STRING, (flags)&MFF_REQUIRED ? HF_REQUIRED : 0, 0, max,  \
     doc},
const struct http_field api_member_admit_body[] = {
    MEMBER_FIELDS(MF_HTTP_FIELD){"org_id", HF_ID, HF_REQUIRED, 0, 0, "the chi bộ"},
    {"decision_no", HF_STRING, 0, 0, 100, "admission decision number"},
    {"decision_date", HF_DATE, HF_REQUIRED, 0, 0, "admission decision date"},
    {"ceremony_date", HF_DATE, 0, 0, 0, "admission ceremony (default: the decision date)"},
    {"official_decision_date", HF_DATE, 0, 0, 0,
     "an existing member: the decision recognising official status"},
    {"official_decision_no", HF_STRING, 0, 0, 100, "its number"},
    {"admission_place", HF_STRING, 0, 0, 300,
     "admitted outside the database: where (text); then registered in org_id from arrival_date"},
    {"arrival_date", HF_DATE, 0, 0, 0,
     "with admission_place: the arrival in org_id (default: its creation, or the ceremony)"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* PATCH /api/members/{id}: any of the record's fields (a correction) and the reason. */
#define MF_HTTP_FIELD_OPT(ID, cname, key, label, option, kind, max, flags, dflt, values, doc)      \
    {key, kind == MFK_DATE ? HF_DATE : HF_STRING, 0, 0, max, doc},
enum { C_REASON = MF__MAX };
const struct http_field api_member_correct_body[] = {
    MEMBER_FIELDS(MF_HTTP_FIELD_OPT){"reason", HF_STRING, HF_REQUIRED, 0, 500,
                                     "why (a correction is not a life event)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum {
    F_DATE,
    F_CEREMONY,
    F_DECISION_DATE,
    F_DECISION_NO,
    F_ORG,
    F_UNTIL,
    F_FORM,
    F_DETAIL,
    F_SCOPE,
    F_PLACE,
    F_REASON
};
const struct http_field api_member_event_correct_body[] = {
    {"date", HF_DATE, 0, 0, 0, "effective date (not for an official recognition: it follows)"},
    {"ceremony_date", HF_DATE, 0, 0, 0, "an admission's ceremony (its date)"},
    {"decision_date", HF_DATE, 0, 0, 0, "decision date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"org_id", HF_ID, 0, 0, 0, "the chi bộ of an admission or transfer"},
    {"until", HF_DATE, 0, 0, 0, "planned end of a temporary transfer"},
    {"form", HF_STRING, 0, 0, 16,
     "transfer kind, discipline form, exit kind, card kind, commendation form or badge years"},
    {"detail", HF_STRING, 0, 0, 500, "note (an admission outside the database: the place)"},
    {"scope", HF_STRING, 0, 0, 16,
     "a transfer or chuyen_di: inside, other_district, other_province"},
    {"place", HF_STRING, 0, 0, 300, "a transfer or chuyen_di: where from / to, as text"},
    {"reason", HF_STRING, HF_REQUIRED, 0, 500, "why"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_event_cancel_body[] = {
    {"reason", HF_STRING, HF_REQUIRED, 0, 500, "why"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { O_DECISION_NO, O_DECISION_DATE };
const struct http_field api_member_official_body[] = {
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"decision_date", HF_DATE, HF_REQUIRED, 0, 0, "decision recognising official status"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { T_TO, T_KIND, T_DATE, T_DECISION_NO, T_UNTIL, T_SCOPE, T_PLACE };
const struct http_field api_member_transfer_body[] = {
    {"to_org_id", HF_ID, HF_REQUIRED, 0, 0, "receiving chi bộ"},
    {"kind", HF_STRING, 0, 0, 16, "official (default) or temporary"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "effective date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"until", HF_DATE, 0, 0, 0, "planned end of a temporary transfer"},
    {"scope", HF_STRING, 0, 0, 16, "inside, other_district, other_province"},
    {"place", HF_STRING, 0, 0, 300, "where from / to, as text"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { E_DATE, E_DECISION_NO, E_THIRD };
const struct http_field api_member_return_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "end of the temporary transfer"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_exempt_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "effective date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"end", HF_BOOL, 0, 0, 0, "true: the exemption ends on date"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { D_FORM, D_DATE, D_DECISION_NO, D_REASON };
const struct http_field api_member_discipline_body[] = {
    {"form", HF_STRING, HF_REQUIRED, 0, 16, "khien_trach, canh_cao, cach_chuc, khai_tru"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "decision date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"reason", HF_STRING, 0, 0, 500, "reason"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_exit_body[] = {
    {"kind", HF_STRING, HF_REQUIRED, 0, 16, "xoa_ten, xin_ra, khai_tru, tu_tran, chuyen_di"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "effective date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"reason", HF_STRING, 0, 0, 500, "reason or note"},
    {"scope", HF_STRING, 0, 0, 16, "chuyen_di: inside, other_district, other_province"},
    {"place", HF_STRING, 0, 0, 300, "chuyen_di: where the member goes, as text"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* the events of domain.md §3 without a lifecycle of their own: date, decision, then one more */
enum { V_DATE, V_DECISION_NO, V_THIRD, V_FOURTH };
const struct http_field api_member_suspend_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "effective date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"end", HF_BOOL, 0, 0, 0, "true: the suspension ends on date"},
    {"reason", HF_STRING, 0, 0, 500, "reason"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_restore_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "effective date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"to_org_id", HF_ID, HF_REQUIRED, 0, 0, "the chi bộ the member is registered in again"},
    {"reason", HF_STRING, 0, 0, 500, "reason"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_badge_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "presentation date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"years", HF_INT, HF_REQUIRED, 30, 90, "30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85 or 90"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_card_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "date of issue"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"kind", HF_STRING, 0, 0, 16, "issued (default), reissued_lost, exchanged"},
    {"number", HF_STRING, 0, 0, 20, "the card's number"},
    {NULL, 0, 0, 0, 0, NULL},
};
enum { R_ORG, R_DECISION_DATE, R_CEREMONY, R_DECISION_NO };
const struct http_field api_member_readmit_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the chi bộ that re-admits the member"},
    {"decision_date", HF_DATE, HF_REQUIRED, 0, 0, "re-admission decision"},
    {"ceremony_date", HF_DATE, HF_REQUIRED, 0, 0, "re-admission ceremony (probation starts)"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};
const struct http_field api_member_commend_body[] = {
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "decision date"},
    {"decision_no", HF_STRING, 0, 0, 100, "decision number"},
    {"form", HF_STRING, HF_REQUIRED, 0, 16, "co, bang_khen, giay_khen"},
    {"reason", HF_STRING, 0, 0, 500, "what for"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { U_ORG, U_DAYS, U_PAGE, U_PAGE_SIZE };
const struct http_field api_member_due_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"days", HF_INT, 0, 0, 3650, "due within this many days (default 30); overdue always shown"},
    {"page", HF_INT, 0, 1, 1000000, "page from 1"},
    {"page_size", HF_INT, 0, 1, 200, "rows per page (default 50)"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- JSON ---- */

static void no_event(void *ctx, const struct member_event_info *ev)
{
}

/* Party age in whole years on a date, from the member's events (-1 on error). */
static int party_age(struct http_ctx *c, int64_t id, tcxd_date on)
{
    struct member_derived d;
    member_derived_init(&d);
    int years = -1;
    if (!store_member_events(c->st, id, no_event, NULL, &d, NULL))
        years = member_party_age_years(&d, on);
    member_derived_release(&d);
    return years;
}

static const char *org_name(struct http_ctx *c, int64_t id, tcxd_date on, struct org_info *buf)
{
    uint32_t i = on == c->tree->as_of ? org_tree_find(c->tree, id) : TREE_NONE;
    if (i != TREE_NONE)
        return c->tree->nodes[i].name;
    if (!store_org_get(c->st, id, on, buf, NULL))
        return buf->name;
    return "";
}

/* age: the party age on `on` when the engine gave it, -2 for one read of the member's events */
static json_t *summary_json_aged(struct http_ctx *c, const struct member_row *r, tcxd_date on,
                                 int age)
{
    struct org_info ob;
    json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:b}", "id", (json_int_t)r->id,
                          "full_name", r->full_name, "gender", gender_name(r->gender), "birth_date",
                          http_json_date(r->birth_date), "status", member_status_name(r->status),
                          "org", api_org_ref(r->org_id, org_name(c, r->org_id, on, &ob)),
                          "temporary", r->temporary);
    if (age == -2)
        age = party_age(c, r->id, on);
    json_object_set_new(j, "party_age_years", age >= 0 ? json_integer(age) : json_null());
    return j;
}


struct events_ctx {
    struct http_ctx *c;
    json_t *arr;
};

static void event_row(void *vctx, const struct member_event_info *ev)
{
    struct events_ctx *x = vctx;
    struct org_info ob;
    const char *form = NULL;
    char years[16];
    switch (ev->ev.kind) {
    case MEV_BADGE: /* the badge's years */
        snprintf(years, sizeof(years), "%d", ev->ev.form);
        form = years;
        break;
    case MEV_TRANSFER:
        form = transfer_kind_name((enum transfer_kind)ev->ev.form);
        break;
    case MEV_DISCIPLINE:
        form = discipline_form_name((enum discipline_form)ev->ev.form);
        break;
    case MEV_EXIT:
        form = exit_kind_name((enum exit_kind)ev->ev.form);
        break;
    case MEV_EXEMPT:
        form = ev->ev.form ? "end" : "start";
        break;
    case MEV_SUSPEND:
        form = ev->ev.form ? "end" : "start";
        break;
    case MEV_CARD:
        form = card_kind_name((enum card_kind)ev->ev.form);
        break;
    case MEV_COMMEND:
        form = commend_form_name((enum commend_form)ev->ev.form);
        break;
    default:
        break;
    }
    json_t *j =
        json_pack("{s:I, s:o, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)ev->id, "date",
                  http_json_date(ev->ev.date), "kind", member_event_kind_name(ev->ev.kind), "label",
                  member_event_kind_label(ev->ev.kind), "decision_no", ev->decision_no,
                  "decision_date", http_json_date(ev->ev.decision_date), "detail", ev->detail);
    if (!j)
        return;
    json_object_set_new(j, "form", form ? json_string(form) : json_null());
    json_object_set_new(j, "until", http_json_date(ev->ev.until));
    json_object_set_new(j, "scope", json_string(transfer_scope_name(ev->scope)));
    json_object_set_new(j, "place", json_string(ev->place));
    json_object_set_new(
        j, "org",
        ev->ev.org_id ? api_org_ref(ev->ev.org_id, org_name(x->c, ev->ev.org_id, ev->ev.date, &ob))
                      : json_null());
    json_array_append_new(x->arr, j);
}

static json_t *opt_string(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* The member in the caller's scope, or ENOTFOUND. */
static enum tcxd_err member_load(struct http_ctx *c, int64_t id, struct member_info *m,
                                 struct tcxd_error *e)
{
    if (store_member_get(c->st, id, m, NULL) || !http_org_in_scope(c, m->org_id))
        return api_member_not_found(c, id, e);
    return TCXD_OK;
}

static enum tcxd_err member_answer(struct http_ctx *c, int status, int64_t id, struct tcxd_error *e)
{
    struct member_info m;
    struct member_derived d;
    enum tcxd_err rc;
    tcxd_date today = c->tree->as_of;
    if ((rc = store_member_get(c->st, id, &m, e)))
        return rc;
    member_derived_init(&d);
    struct events_ctx x = {c, json_array()};
    if ((rc = store_member_events(c->st, id, event_row, &x, &d, e))) {
        json_decref(x.arr);
        member_derived_release(&d);
        return rc;
    }
    struct org_info ob;
    json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:i}", "id", (json_int_t)m.id,
                          "full_name", m.full_name, "gender", gender_name(m.gender), "birth_date",
                          http_json_date(m.birth_date), "status", member_status_name(m.status),
                          "org", api_org_ref(m.org_id, org_name(c, m.org_id, today, &ob)),
                          "party_age_years", member_party_age_years(&d, today));
    member_derived_release(&d);
    json_object_set_new(j, "ethnicity", json_string(m.ethnicity));
    json_object_set_new(j, "religion", json_string(m.religion));
    json_object_set_new(j, "hometown", json_string(m.hometown));
    if (m.national_id[0] && c->sess.role == ROLE_VIEWER) {
        char masked[16];
        api_mask_national_id(m.national_id, masked);
        json_object_set_new(j, "national_id", json_string(masked));
    } else {
        json_object_set_new(j, "national_id", opt_string(m.national_id));
    }
    json_object_set_new(j, "education", json_string(m.education));
    json_object_set_new(j, "professional_level", json_string(m.professional_level));
    json_object_set_new(j, "theory_level", json_string(theory_level_name(m.theory)));
    json_object_set_new(j, "admission_decision_date", http_json_date(m.admission_decision_date));
    json_object_set_new(j, "ceremony_date", http_json_date(m.ceremony_date));
    json_object_set_new(j, "official_date", http_json_date(m.official_date));
    json_object_set_new(j, "died_on", http_json_date(m.died_on));
    json_object_set_new(j, "party_card_no", opt_string(m.party_card_no));
    json_object_set_new(j, "exempt", json_boolean(m.exempt));
    /* the Phiếu's fields by key ("chua_cap_nhat" / "" when not entered) */
    struct member_fields f;
    member_fields_init(&f);
    if (!store_member_record(c->st, id, &f, NULL)) {
        char *txt = store_member_record_json_text(&f);
        json_t *all = txt ? json_loads(txt, 0, NULL) : NULL;
        for (int i = 0; all && i < MF__MAX; i++)
            if (member_field_defs[i].flags & MFF_PROFILE)
                json_object_set(j, member_field_defs[i].key,
                                json_object_get(all, member_field_defs[i].key));
        json_decref(all);
        free(txt);
    }
    member_fields_release(&f);
    json_object_set_new(j, "events", x.arr);
    http_json(c, status, j);
    return TCXD_OK;
}

/* ---- reads ---- */

struct list_item {
    struct member_row r;
    int rank; /* the engine's search rank; -1 from SQL */
    int party_age; /* the engine's; -2 from SQL */
    bool former;
};

struct rows {
    struct list_item *v;
    size_t n, cap;
};

static void collect(void *vctx, const struct member_row *r)
{
    struct rows *rs = vctx;
    ALLOC_GROW(rs->v, rs->n + 1, rs->cap);
    rs->v[rs->n].r = *r;
    rs->v[rs->n].rank = -1;
    rs->v[rs->n].party_age = -2;
    rs->v[rs->n].former = false;
    rs->n++;
}

static void collect_hit(void *vctx, const struct member_row *r, const struct engine_hit *h)
{
    struct rows *rs = vctx;
    collect(vctx, r);
    rs->v[rs->n - 1].rank = h->rank;
    rs->v[rs->n - 1].party_age = h->party_age_years;
    rs->v[rs->n - 1].former = h->former;
}

static json_t *item_json(struct http_ctx *c, const struct list_item *it, tcxd_date on)
{
    json_t *j = summary_json_aged(c, &it->r, on, it->party_age);
    if (it->rank >= 0) {
        json_object_set_new(j, "rank", json_integer(it->rank));
        json_object_set_new(j, "former", json_boolean(it->former));
    }
    return j;
}

enum tcxd_err api_member_list(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_query q;
    member_query_init(&q);
    enum tcxd_err rc;
    q.as_of = c->q[L_AS_OF].present ? c->q[L_AS_OF].d : c->tree->as_of;
    int64_t page = c->q[L_PAGE].present ? c->q[L_PAGE].i : 1;
    int64_t size = c->q[L_PAGE_SIZE].present ? c->q[L_PAGE_SIZE].i : 50;
    q.q = c->q[L_Q].present ? c->q[L_Q].s : "";
    if (c->q[L_STATUS].present) {
        enum member_status s;
        if ((rc = member_status_parse(c->q[L_STATUS].s, &s, e)))
            return rc;
        q.status = (int)s;
    }
    if (c->q[L_GENDER].present) {
        enum gender g;
        if ((rc = gender_parse(c->q[L_GENDER].s, &g, e)))
            return rc;
        q.gender = (int)g;
    }
    if (c->q[L_THEORY].present) {
        enum theory_level t;
        if ((rc = theory_level_parse(c->q[L_THEORY].s, &t, e)))
            return rc;
        q.theory = (int)t;
    }
    q.age_min = c->q[L_AGE_MIN].present ? (int)c->q[L_AGE_MIN].i : -1;
    q.age_max = c->q[L_AGE_MAX].present ? (int)c->q[L_AGE_MAX].i : -1;
    q.ethnicity = c->q[L_ETHNICITY].present ? c->q[L_ETHNICITY].s : NULL;
    q.include_temporary = c->q[L_TEMPORARY].present && c->q[L_TEMPORARY].b;
    if (c->q[L_SORT].present) {
        const char *s = c->q[L_SORT].s;
        if (!strcmp(s, "birth_date") || !strcmp(s, "birth"))
            q.sort = MQ_SORT_BIRTH;
        else if (strcmp(s, "name"))
            return tcxd_fail(e, TCXD_EINVAL, "sort", "%s",
                             http_msg(c, "sort phải là name hoặc birth_date",
                                      "sort must be name or birth_date"));
    }
    int64_t root = c->q[L_ORG].present ? c->q[L_ORG].i : c->sess.scope_org_id;
    struct org_info o;
    if ((rc = http_org_get(c, root, q.as_of, "org", &o, e)))
        return rc;
    q.org_id = o.id;
    struct org_tree own;
    const struct org_tree *t;
    if ((rc = http_tree(c, q.as_of, &own, &t, e)))
        return rc;
    /* today the subtree is the scope; another day's subtree may hold organizations that are no
       longer in the scope: take every row and keep those in scope before paging */
    bool filter = t != c->tree;
    q.offset = filter ? 0 : (int)((page - 1) * size);
    q.limit = filter ? 0 : (int)size;
    struct rows rs = {NULL, 0, 0};
    int64_t total = 0;
    /* the engine: ranked word search, former members; the SQL path: name prefixes */
    bool former = c->q[L_FORMER].present && c->q[L_FORMER].b;
    if (q.status >= 0 && !member_status_active((enum member_status)q.status))
        former = true;
    rc = engine_enabled()
             ? engine_member_list(c->st, &q, former && q.q && *q.q, collect_hit, &rs, &total, e)
             : store_member_list(c->st, t, &q, collect, &rs, &total, e);
    if (t == &own)
        org_tree_release(&own);
    if (rc) {
        free(rs.v);
        return rc;
    }
    json_t *items = json_array();
    if (filter) {
        size_t kept = 0;
        for (size_t i = 0; i < rs.n; i++) {
            if (!http_org_in_scope(c, rs.v[i].r.org_id))
                continue;
            if (kept >= (size_t)((page - 1) * size) && kept < (size_t)(page * size))
                json_array_append_new(items, item_json(c, &rs.v[i], q.as_of));
            kept++;
        }
        total = (int64_t)kept;
    } else {
        for (size_t i = 0; i < rs.n; i++)
            json_array_append_new(items, item_json(c, &rs.v[i], q.as_of));
    }
    free(rs.v);
    http_json(c, 200,
              json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
                        (json_int_t)page, "page_size", (json_int_t)size));
    return TCXD_OK;
}

enum tcxd_err api_member_show(struct http_ctx *c, struct tcxd_error *e)
{
    /* the scope's set for the store's checks from the engine, when it is at hand (a city's set
       by the recursive query is most of this request otherwise) */
    engine_scope_seed(c->st);
    struct member_info m;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    return rc ? rc : member_answer(c, 200, m.id, e);
}

struct due_row {
    struct member_row r;
    struct member_due due;
    int party_age; /* the engine's; -2 from SQL */
};

struct due_rows {
    struct due_row *v;
    size_t n, cap;
};

static void due_collect(void *vctx, const struct member_row *r, const struct member_due *due)
{
    struct due_rows *d = vctx;
    ALLOC_GROW(d->v, d->n + 1, d->cap);
    d->v[d->n].r = *r;
    d->v[d->n].due = *due;
    d->v[d->n].party_age = -2;
    d->n++;
}

static void due_collect_aged(void *vctx, const struct member_row *r, const struct member_due *due,
                             int party_age_years)
{
    struct due_rows *d = vctx;
    due_collect(vctx, r, due);
    d->v[d->n - 1].party_age = party_age_years;
}

static int cmp_due(const void *a, const void *b)
{
    const struct due_row *x = a, *y = b;
    if (x->due.due != y->due.due)
        return x->due.due < y->due.due ? -1 : 1;
    return x->r.id < y->r.id ? -1 : x->r.id > y->r.id;
}

enum tcxd_err api_member_due(struct http_ctx *c, struct tcxd_error *e)
{
    int64_t root = c->q[U_ORG].present ? c->q[U_ORG].i : c->sess.scope_org_id;
    int days = c->q[U_DAYS].present ? (int)c->q[U_DAYS].i : 30;
    int64_t page = c->q[U_PAGE].present ? c->q[U_PAGE].i : 1;
    int64_t size = c->q[U_PAGE_SIZE].present ? c->q[U_PAGE_SIZE].i : 50;
    tcxd_date today = c->tree->as_of;
    struct org_info o;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, root, today, "org", &o, e)))
        return rc;
    struct due_rows d = {NULL, 0, 0};
    if ((rc = engine_enabled()
                  ? engine_member_due(c->st, c->tree, o.id, today, days, due_collect_aged, &d, e)
                  : store_member_due(c->st, c->tree, o.id, today, days, due_collect, &d, e))) {
        free(d.v);
        return rc;
    }
    if (d.n)
        qsort(d.v, d.n, sizeof(*d.v), cmp_due);
    json_t *items = json_array();
    size_t overdue = 0;
    for (size_t i = 0; i < d.n; i++) {
        overdue += d.v[i].due.overdue;
        if (i < (size_t)((page - 1) * size) || i >= (size_t)(page * size))
            continue;
        json_t *j = summary_json_aged(c, &d.v[i].r, today, d.v[i].party_age);
        json_object_set_new(j, "due_date", http_json_date(d.v[i].due.due));
        json_object_set_new(j, "deadline", http_json_date(d.v[i].due.deadline));
        json_object_set_new(j, "overdue", json_boolean(d.v[i].due.overdue));
        json_object_set_new(j, "days_left", json_integer(d.v[i].due.days_left));
        json_object_set_new(j, "working_days_late", json_integer(d.v[i].due.working_days_late));
        /* lateness against the deadline (the "Hạn xét" the list shows), not the due date */
        json_object_set_new(j, "working_days_overdue",
                            json_integer(d.v[i].due.overdue
                                             ? date_working_days_between(d.v[i].due.deadline, today)
                                             : 0));
        json_array_append_new(items, j);
    }
    http_json(c, 200,
              json_pack("{s:o, s:I, s:I, s:I, s:i, s:I}", "items", items, "total", (json_int_t)d.n,
                        "page", (json_int_t)page, "page_size", (json_int_t)size, "days", days,
                        "overdue", (json_int_t)overdue));
    free(d.v);
    return TCXD_OK;
}

/* ---- changes ---- */

enum tcxd_err api_member_admit(struct http_ctx *c, struct tcxd_error *e)
{
    const struct http_value *in = c->in;
    const char *v[MF__MAX];
    char dates[MF__MAX][DATE_ISO_LEN];
    for (int i = 0; i < MF__MAX; i++) {
        v[i] = in[i].present ? in[i].s : NULL;
        if (in[i].present && member_field_defs[i].kind == MFK_DATE) {
            date_format_iso(in[i].d, dates[i]);
            v[i] = dates[i];
        }
    }
    struct member_fields f;
    member_fields_init(&f);
    bool outside = in[A_PLACE].present;
    struct member_admit_history hist = {
        .admission_place = outside ? in[A_PLACE].s : NULL,
        .arrival_date = in[A_ARRIVAL].present ? in[A_ARRIVAL].d : DATE_NONE,
        .official_decision_date = in[A_OFFICIAL_DATE].present ? in[A_OFFICIAL_DATE].d : DATE_NONE,
        .official_decision_no = in[A_OFFICIAL_NO].present ? in[A_OFFICIAL_NO].s : NULL};
    struct member_admit_req req = {
        .fields = &f,
        .decision_date = in[A_DECISION_DATE].d,
        .ceremony_date = in[A_CEREMONY].present ? in[A_CEREMONY].d : in[A_DECISION_DATE].d,
        .decision_no = in[A_DECISION_NO].present ? in[A_DECISION_NO].s : NULL,
        .history = &hist};
    struct org_info o;
    int64_t id = 0;
    enum tcxd_err rc;
    /* admitted outside: the chi bộ as it is on the arrival (today when not given) */
    tcxd_date org_on = !outside ? req.ceremony_date
                       : hist.arrival_date != DATE_NONE && hist.arrival_date >= req.ceremony_date
                           ? hist.arrival_date
                           : c->tree->as_of;
    if (!outside && in[A_ARRIVAL].present)
        rc = tcxd_fail(e, TCXD_EINVAL, "arrival_date",
                       "arrival_date goes with admission_place (admitted outside the database)");
    else if (!(rc = member_record_parse(v, date_today(), &f, NULL, e)) &&
             !(rc = http_org_get(c, in[A_ORG].i, org_on, "org_id", &o, e))) {
        req.org_id = o.id;
        if (outside && hist.arrival_date == DATE_NONE)
            hist.arrival_date = o.created_on > req.ceremony_date ? o.created_on : req.ceremony_date;
        rc = store_member_admit(c->st, &c->actor, &req, &id, e);
    }
    member_fields_release(&f);
    return rc ? rc : member_answer(c, 201, id, e);
}

static enum tcxd_err apply_event_where(struct http_ctx *c, const struct member_event *ev,
                                       const struct http_value *decision_no, const char *detail,
                                       const struct http_value *scope,
                                       const struct http_value *place, struct tcxd_error *e)
{
    enum transfer_scope sc = SCOPE_NONE;
    enum tcxd_err rc = TCXD_OK;
    if (scope && scope->present && (rc = transfer_scope_parse(scope->s, &sc, e)))
        return rc;
    rc = store_member_event_where(
        c->st, &c->actor, c->ids[0], ev, decision_no->present ? decision_no->s : NULL,
        detail ? detail : "", sc, place && place->present ? place->s : NULL, e);
    return rc ? rc : member_answer(c, 200, c->ids[0], e);
}

static enum tcxd_err apply_event(struct http_ctx *c, const struct member_event *ev,
                                 const struct http_value *decision_no, const char *detail,
                                 struct tcxd_error *e)
{
    return apply_event_where(c, ev, decision_no, detail, NULL, NULL, e);
}

#define EVENT_INIT                                                                                 \
    {                                                                                              \
        .date = DATE_NONE, .decision_date = DATE_NONE, .until = DATE_NONE                          \
    }

enum tcxd_err api_member_official(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    ev.kind = MEV_OFFICIAL;
    ev.decision_date = c->in[O_DECISION_DATE].d;
    return apply_event(c, &ev, &c->in[O_DECISION_NO], NULL, e);
}

enum tcxd_err api_member_transfer(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct org_info to;
    struct member_event ev = EVENT_INIT;
    enum transfer_kind k = TRANSFER_OFFICIAL;
    enum tcxd_err rc;
    if ((rc = member_load(c, c->ids[0], &m, e)) ||
        (c->in[T_KIND].present && (rc = transfer_kind_parse(c->in[T_KIND].s, &k, e))))
        return rc;
    if (k == TRANSFER_ORG_CHANGE)
        return tcxd_fail(e, TCXD_EINVAL, "kind", "%s",
                         http_msg(c, "kind phải là official hoặc temporary",
                                  "kind must be official or temporary"));
    ev.kind = MEV_TRANSFER;
    ev.form = (int)k;
    ev.date = c->in[T_DATE].d;
    ev.decision_date = ev.date;
    ev.until = c->in[T_UNTIL].present ? c->in[T_UNTIL].d : DATE_NONE;
    if ((rc = http_org_get(c, c->in[T_TO].i, ev.date, "to_org_id", &to, e)))
        return rc;
    ev.org_id = to.id;
    return apply_event_where(c, &ev, &c->in[T_DECISION_NO], NULL, &c->in[T_SCOPE], &c->in[T_PLACE],
                             e);
}

enum tcxd_err api_member_return(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    ev.kind = MEV_RETURN;
    ev.date = ev.decision_date = c->in[E_DATE].d;
    return apply_event(c, &ev, &c->in[E_DECISION_NO], NULL, e);
}

enum tcxd_err api_member_discipline(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum discipline_form f;
    enum tcxd_err rc;
    if ((rc = member_load(c, c->ids[0], &m, e)) ||
        (rc = discipline_form_parse(c->in[D_FORM].s, &f, e)))
        return rc;
    ev.kind = MEV_DISCIPLINE;
    ev.form = (int)f;
    ev.date = ev.decision_date = c->in[D_DATE].d;
    return apply_event(c, &ev, &c->in[D_DECISION_NO],
                       c->in[D_REASON].present ? c->in[D_REASON].s : NULL, e);
}

enum tcxd_err api_member_exempt(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    ev.kind = MEV_EXEMPT;
    ev.form = c->in[E_THIRD].present && c->in[E_THIRD].b ? 1 : 0;
    ev.date = ev.decision_date = c->in[E_DATE].d;
    return apply_event(c, &ev, &c->in[E_DECISION_NO], NULL, e);
}

enum tcxd_err api_member_exit(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum exit_kind k;
    enum tcxd_err rc;
    if ((rc = member_load(c, c->ids[0], &m, e)) || (rc = exit_kind_parse(c->in[D_FORM].s, &k, e)))
        return rc;
    ev.kind = MEV_EXIT;
    ev.form = (int)k;
    ev.date = ev.decision_date = c->in[D_DATE].d;
    return apply_event_where(c, &ev, &c->in[D_DECISION_NO],
                             c->in[D_REASON].present ? c->in[D_REASON].s : NULL,
                             &c->in[D_REASON + 1], &c->in[D_REASON + 2], e);
}

/* ---- corrections ---- */

enum tcxd_err api_member_correct(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_fields f;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    member_fields_init(&f);
    bool any = false;
    if (!(rc = store_member_record(c->st, m.id, &f, e)))
        for (int i = 0; i < MF__MAX && !rc; i++) {
            const struct http_value *v = &c->in[i];
            if (!v->present)
                continue;
            any = true;
            char d[DATE_ISO_LEN];
            const char *s = v->s;
            if (member_field_defs[i].kind == MFK_DATE) {
                date_format_iso(v->d, d);
                s = d;
            }
            rc = member_field_parse((enum member_field)i, s, strlen(s), date_today(), &f, e);
        }
    if (!rc && !any)
        rc = tcxd_fail(e, TCXD_EINVAL, "field",
                       "nothing to correct: give the fields to correct (see tcxd member help)");
    if (!rc)
        rc = store_member_correct(c->st, &c->actor, m.id, &f, c->in[C_REASON].s, e);
    member_fields_release(&f);
    return rc ? rc : member_answer(c, 200, m.id, e);
}

static void event_found(void *ctx, const struct member_event_info *ev)
{
    struct member_event_info *want = ctx;
    if (ev->id == want->id)
        *want = *ev;
}

enum tcxd_err api_member_event_correct(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event_info x;
    memset(&x, 0, sizeof(x));
    x.id = c->ids[1];
    x.ev.kind = MEV__MAX;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc || (rc = store_member_events(c->st, m.id, event_found, &x, NULL, e)))
        return rc;
    if (x.ev.kind == MEV__MAX)
        return tcxd_fail(e, TCXD_ENOTFOUND, "event", "member #%lld has no event #%lld",
                         (long long)m.id, (long long)x.id);
    const struct http_value *in = c->in;
    struct member_event ev = x.ev;
    if (in[F_DATE].present) {
        ev.date = in[F_DATE].d;
        if (ev.kind != MEV_ADMIT && ev.kind != MEV_OFFICIAL && !in[F_DECISION_DATE].present)
            ev.decision_date = ev.date;
    }
    if (in[F_CEREMONY].present)
        ev.date = in[F_CEREMONY].d;
    if (in[F_DECISION_DATE].present)
        ev.decision_date = in[F_DECISION_DATE].d;
    if (in[F_UNTIL].present)
        ev.until = in[F_UNTIL].d;
    if (in[F_ORG].present) {
        struct org_info o;
        if ((rc = http_org_get(c, in[F_ORG].i, ev.date, "org_id", &o, e)))
            return rc;
        ev.org_id = o.id;
    }
    if (in[F_FORM].present) {
        if (ev.kind == MEV_TRANSFER) {
            enum transfer_kind k;
            rc = transfer_kind_parse(in[F_FORM].s, &k, e);
            ev.form = (int)k;
        } else if (ev.kind == MEV_DISCIPLINE) {
            enum discipline_form k;
            rc = discipline_form_parse(in[F_FORM].s, &k, e);
            ev.form = (int)k;
        } else if (ev.kind == MEV_EXIT) {
            enum exit_kind k;
            rc = exit_kind_parse(in[F_FORM].s, &k, e);
            ev.form = (int)k;
        } else if (ev.kind == MEV_CARD) {
            enum card_kind k;
            rc = card_kind_parse(in[F_FORM].s, &k, e);
            ev.form = (int)k;
        } else if (ev.kind == MEV_COMMEND) {
            enum commend_form k;
            rc = commend_form_parse(in[F_FORM].s, &k, e);
            ev.form = (int)k;
        } else if (ev.kind == MEV_BADGE) {
            rc = member_badge_parse(in[F_FORM].s, &ev.form, e);
        } else {
            rc = tcxd_fail(e, TCXD_EINVAL, "form", "this event has no form or kind");
        }
        if (rc)
            return rc;
    }
    enum transfer_scope scope = x.scope;
    if (in[F_SCOPE].present && (rc = transfer_scope_parse(in[F_SCOPE].s, &scope, e)))
        return rc;
    rc = store_member_event_correct(c->st, &c->actor, m.id, x.id, &ev,
                                    in[F_DECISION_NO].present ? in[F_DECISION_NO].s : x.decision_no,
                                    in[F_DETAIL].present ? in[F_DETAIL].s : x.detail, (int)scope,
                                    in[F_PLACE].present ? in[F_PLACE].s : NULL, in[F_REASON].s, e);
    return rc ? rc : member_answer(c, 200, m.id, e);
}

enum tcxd_err api_member_event_cancel(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc || (rc = store_member_event_cancel(c->st, &c->actor, m.id, c->ids[1], c->in[0].s, e)))
        return rc;
    return member_answer(c, 200, m.id, e);
}

static void correction_row(void *ctx, const struct member_correction_info *x)
{
    json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id, "action", x->action,
                          "reason", x->reason, "by", x->username, "at", x->at);
    json_object_set_new(j, "event_id", x->event_id ? json_integer(x->event_id) : json_null());
    json_object_set_new(j, "before", json_loads(x->before, 0, NULL));
    json_object_set_new(j, "after", json_loads(x->after, 0, NULL));
    json_array_append_new(ctx, j);
}

/* The member field table (core/member_record.h) as the UI builds its forms from it. */
enum tcxd_err api_member_fields(struct http_ctx *c, struct tcxd_error *e)
{
    (void)e;
    static const char *const kinds[MFK__MAX] = {"text", "date", "enum", "national_id", "digits"};
    json_t *arr = json_array();
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        json_t *j =
            json_pack("{s:s, s:s, s:s, s:s, s:i, s:b, s:b, s:b}", "key", d->key, "label", d->label,
                      "option", d->option, "kind", kinds[d->kind], "max", (int)d->max, "required",
                      (d->flags & MFF_REQUIRED) != 0, "not_future",
                      (d->flags & MFF_NOT_FUTURE) != 0, "profile", (d->flags & MFF_PROFILE) != 0);
        json_object_set_new(j, "default", d->dflt ? json_string(d->dflt) : json_null());
        if (d->values) {
            json_t *vals = json_array();
            for (size_t k = 0; k < d->nvalues; k++)
                json_array_append_new(vals, json_pack("{s:s, s:s}", "name", d->values[k].name,
                                                      "label", d->values[k].label));
            json_object_set_new(j, "values", vals);
        }
        json_array_append_new(arr, j);
    }
    http_json(c, 200, json_pack("{s:o}", "fields", arr));
    return TCXD_OK;
}

enum tcxd_err api_member_corrections(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    json_t *items = json_array();
    if ((rc = store_member_corrections(c->st, m.id, correction_row, items, e))) {
        json_decref(items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:I, s:o}", "member_id", (json_int_t)m.id, "items", items));
    return TCXD_OK;
}

/* ---- the other events of domain.md §3 ---- */

enum tcxd_err api_member_suspend(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    ev.kind = MEV_SUSPEND;
    ev.form = c->in[V_THIRD].present && c->in[V_THIRD].b ? 1 : 0;
    ev.date = ev.decision_date = c->in[V_DATE].d;
    return apply_event(c, &ev, &c->in[V_DECISION_NO],
                       c->in[V_FOURTH].present ? c->in[V_FOURTH].s : NULL, e);
}

enum tcxd_err api_member_restore(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct org_info to;
    struct member_event ev = EVENT_INIT;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    ev.kind = MEV_RESTORE;
    ev.date = ev.decision_date = c->in[V_DATE].d;
    if ((rc = http_org_get(c, c->in[V_THIRD].i, ev.date, "to_org_id", &to, e)))
        return rc;
    ev.org_id = to.id;
    return apply_event(c, &ev, &c->in[V_DECISION_NO],
                       c->in[V_FOURTH].present ? c->in[V_FOURTH].s : NULL, e);
}

/* kết nạp lại (domain.md §3.2): once, a member who left; probation again, party age from the
   first admission minus the time out */
enum tcxd_err api_member_readmit(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct org_info to;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc || (rc = http_org_get(c, c->in[R_ORG].i, c->in[R_CEREMONY].d, "org_id", &to, e)) ||
        (rc = store_member_readmit(
             c->st, &c->actor, c->ids[0], to.id, c->in[R_DECISION_DATE].d, c->in[R_CEREMONY].d,
             c->in[R_DECISION_NO].present ? c->in[R_DECISION_NO].s : NULL, e)))
        return rc;
    return member_answer(c, 200, c->ids[0], e);
}

enum tcxd_err api_member_badge(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    char years[16];
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc)
        return rc;
    snprintf(years, sizeof(years), "%lld", (long long)c->in[V_THIRD].i);
    ev.kind = MEV_BADGE;
    ev.date = ev.decision_date = c->in[V_DATE].d;
    if ((rc = member_badge_parse(years, &ev.form, e)))
        return rc;
    return apply_event(c, &ev, &c->in[V_DECISION_NO], NULL, e);
}

enum tcxd_err api_member_card(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum card_kind k = CARD_ISSUED;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc || (c->in[V_THIRD].present && (rc = card_kind_parse(c->in[V_THIRD].s, &k, e))))
        return rc;
    ev.kind = MEV_CARD;
    ev.form = (int)k;
    ev.date = ev.decision_date = c->in[V_DATE].d;
    return apply_event(c, &ev, &c->in[V_DECISION_NO],
                       c->in[V_FOURTH].present ? c->in[V_FOURTH].s : NULL, e);
}

enum tcxd_err api_member_commend(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    struct member_event ev = EVENT_INIT;
    enum commend_form f;
    enum tcxd_err rc = member_load(c, c->ids[0], &m, e);
    if (rc || (rc = commend_form_parse(c->in[V_THIRD].s, &f, e)))
        return rc;
    ev.kind = MEV_COMMEND;
    ev.form = (int)f;
    ev.date = ev.decision_date = c->in[V_DATE].d;
    return apply_event(c, &ev, &c->in[V_DECISION_NO],
                       c->in[V_FOURTH].present ? c->in[V_FOURTH].s : NULL, e);
}
