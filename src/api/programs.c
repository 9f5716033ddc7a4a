/*
 * programs.c - programs and their items, indicators, the meeting register and attendance over
 * HTTP (issue 17). A program, an indicator, a meeting and an assignment belong to one
 * organization: the caller sees and changes only those of organizations in their scope (others
 * answer 404 as if they did not exist). JSON shapes follow `tcxd --json program|indicator|meeting`.
 */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_program.h"
#include "util/xmalloc.h"

/* ---- input declarations ---- */

enum { PC_CODE, PC_TITLE, PC_ORG, PC_FROM, PC_TO, PC_STEERING, PC_DECISION };
const struct http_field api_program_create_body[] = {
    {"code", HF_STRING, HF_REQUIRED, 0, PROGRAM_CODE_MAX, "program number (\"01-CTr/TU\")"},
    {"title", HF_STRING, HF_REQUIRED, 0, PROGRAM_TITLE_MAX, "title"},
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the committee whose program it is"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the program's period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the program's period"},
    {"steering", HF_STRING, 0, 0, PROGRAM_TITLE_MAX, "steering committee (ban chỉ đạo)"},
    {"decision_no", HF_STRING, 0, 0, PROGRAM_DOC_MAX, "document number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PQ_AS_OF, PQ_DAYS };
const struct http_field api_program_show_query[] = {
    {"as_of", HF_DATE, 0, 0, 0, "the day (default today)"},
    {"days", HF_INT, 0, 0, 3650, "due soon: deadline within this many days (default 30)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PI_NO, PI_TITLE, PI_KIND, PI_LEAD, PI_START, PI_DEADLINE, PI_PEOPLE, PI_DOCUMENT };
const struct http_field api_program_item_body[] = {
    {"no", HF_STRING, HF_REQUIRED, 0, PROGRAM_ITEM_NO_MAX, "the item's number in the program"},
    {"title", HF_STRING, HF_REQUIRED, 0, PROGRAM_TITLE_MAX, "title"},
    {"kind", HF_STRING, HF_REQUIRED, 0, 40, "de_tai, de_an, chuyen_de, ke_hoach or khac"},
    {"lead_agency", HF_STRING, HF_REQUIRED, 0, PROGRAM_AGENCY_MAX, "lead agency (cơ quan chủ trì)"},
    {"start", HF_DATE, HF_REQUIRED, 0, 0, "start"},
    {"deadline", HF_DATE, HF_REQUIRED, 0, 0, "deadline (not before the start)"},
    {"people", HF_STRING, 0, 0, PROGRAM_PEOPLE_MAX, "people assigned"},
    {"document_no", HF_STRING, 0, 0, PROGRAM_DOC_MAX, "the item's document number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { PS_STATUS, PS_DATE, PS_NOTE, PS_DOCUMENT };
const struct http_field api_program_status_body[] = {
    {"status", HF_STRING, HF_REQUIRED, 0, 60,
     "not_started, in_progress, draft_submitted or done (or the Vietnamese words)"},
    {"date", HF_DATE, 0, 0, 0, "effective date (default today)"},
    {"note", HF_STRING, 0, 0, PROGRAM_NOTE_MAX, "note"},
    {"document_no", HF_STRING, 0, 0, PROGRAM_DOC_MAX, "document number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { IC_CODE, IC_NAME, IC_ORG, IC_SOURCE, IC_UNIT };
const struct http_field api_indicator_create_body[] = {
    {"code", HF_STRING, HF_REQUIRED, 0, PROGRAM_CODE_MAX, "indicator code"},
    {"name", HF_STRING, HF_REQUIRED, 0, PROGRAM_TITLE_MAX, "name"},
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the subtree it is measured over"},
    {"source", HF_STRING, HF_REQUIRED, 0, 40, "admissions, new_orgs, new_orgs_non_state or manual"},
    {"unit", HF_STRING, 0, 0, 16, "count (default) or permille (manual shares)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { IF_WHAT, IF_FROM, IF_TO, IF_VALUE, IF_NOTE };
const struct http_field api_indicator_figure_body[] = {
    {"what", HF_STRING, HF_REQUIRED, 0, 8, "target, or actual (manual indicators only)"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the period"},
    {"value", HF_INT, HF_REQUIRED, 0, 2000000000, "the figure (a share in tenths of a percent)"},
    {"note", HF_STRING, 0, 0, PROGRAM_NOTE_MAX, "note"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { IQ_FROM, IQ_TO };
const struct http_field api_indicator_report_query[] = {
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the period"},
    {"to", HF_DATE, HF_REQUIRED, 0, 0, "last day of the period"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { MC_ORG, MC_DATE, MC_KIND, MC_TOPIC, MC_MEMBERS, MC_GUESTS };
const struct http_field api_meeting_create_body[] = {
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the chi bộ (or committee) meeting"},
    {"date", HF_DATE, HF_REQUIRED, 0, 0, "meeting date"},
    {"kind", HF_STRING, 0, 0, 16, "regular (default) or thematic"},
    {"topic", HF_STRING, 0, 0, PROGRAM_TITLE_MAX, "topic"},
    {"members", HF_STRING, 0, 0, 20000, "members present: ids separated by commas"},
    {"guests", HF_STRING, 0, 0, 2000, "guests from higher committees: member ids, commas"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { MQ_ORG, MQ_FROM, MQ_TO };
const struct http_field api_meeting_list_query[] = {
    {"org", HF_ID, HF_REQUIRED, 0, 0, "the organization"},
    {"from", HF_DATE, 0, 0, 0, "first day (default: any)"},
    {"to", HF_DATE, 0, 0, 0, "last day (default today)"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { AA_MEMBER, AA_ORG, AA_FROM, AA_TO, AA_DECISION };
const struct http_field api_attendance_assign_body[] = {
    {"member_id", HF_ID, HF_REQUIRED, 0, 0, "the committee member"},
    {"org_id", HF_ID, HF_REQUIRED, 0, 0, "the commune committee or chi bộ to attend"},
    {"from", HF_DATE, HF_REQUIRED, 0, 0, "first day of the assignment"},
    {"to", HF_DATE, 0, 0, 0, "end of the assignment (exclusive; default open)"},
    {"decision_no", HF_STRING, 0, 0, PROGRAM_DOC_MAX, "decision number"},
    {NULL, 0, 0, 0, 0, NULL},
};

enum { AQ_ORG, AQ_YEAR, AQ_QUARTER };
const struct http_field api_attendance_query[] = {
    {"org", HF_ID, 0, 0, 0, "subtree root (default: the account's scope)"},
    {"year", HF_INT, HF_REQUIRED, 1930, 9998, "year"},
    {"quarter", HF_INT, HF_REQUIRED, 1, 4, "quarter"},
    {NULL, 0, 0, 0, 0, NULL},
};

/* ---- helpers ---- */

static tcxd_date or_today(const struct http_value *v)
{
    return v->present ? v->d : date_today();
}

static enum tcxd_err not_found(struct http_ctx *c, const char *what_vi, const char *what_en,
                               struct tcxd_error *e)
{
    return tcxd_fail(e, TCXD_ENOTFOUND, "", "%s", http_msg(c, what_vi, what_en));
}

/* The program of the path's first id, when its organization is in scope. */
static enum tcxd_err scoped_program(struct http_ctx *c, struct program_info *p,
                                    struct tcxd_error *e)
{
    if (store_program_get(c->st, c->ids[0], NULL, p, NULL) || !http_org_in_scope(c, p->org_id))
        return not_found(c, "không tìm thấy chương trình", "no such program", e);
    return TCXD_OK;
}

static enum tcxd_err scoped_indicator(struct http_ctx *c, struct indicator_info *i,
                                      struct tcxd_error *e)
{
    if (store_indicator_get(c->st, c->ids[0], NULL, i, NULL) || !http_org_in_scope(c, i->org_id))
        return not_found(c, "không tìm thấy chỉ tiêu", "no such indicator", e);
    return TCXD_OK;
}

/* An organization of the body, in scope (404 naming the field otherwise). */
static enum tcxd_err scoped_org(struct http_ctx *c, int64_t id, tcxd_date on, const char *field,
                                struct org_info *o, struct tcxd_error *e)
{
    return http_org_get(c, id, on, field, o, e);
}

static json_t *program_json(const struct program_info *p)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o, s:s}", "id", (json_int_t)p->id, "code",
                     p->code, "title", p->title, "org_id", (json_int_t)p->org_id, "steering",
                     p->steering, "from", http_json_date(p->from), "to", http_json_date(p->to),
                     "decision_no", p->decision_no);
}

static json_t *indicator_json(const struct indicator_info *i)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "id", (json_int_t)i->id, "code",
                     i->code, "name", i->name, "org_id", (json_int_t)i->org_id, "source",
                     indicator_source_name(i->source), "source_label",
                     indicator_source_label(i->source), "unit", indicator_unit_name(i->unit));
}

/* ---- programs ---- */

struct list_ctx {
    struct http_ctx *c;
    json_t *items;
};

static void list_program(void *ctx, const struct program_info *p)
{
    struct list_ctx *l = ctx;
    if (http_org_in_scope(l->c, p->org_id))
        json_array_append_new(l->items, program_json(p));
}

enum tcxd_err api_program_list(struct http_ctx *c, struct tcxd_error *e)
{
    struct list_ctx l = {c, json_array()};
    enum tcxd_err rc = store_program_list(c->st, list_program, &l, e);
    if (rc) {
        json_decref(l.items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "items", l.items));
    return TCXD_OK;
}

enum tcxd_err api_program_create(struct http_ctx *c, struct tcxd_error *e)
{
    struct program_create_req r = {.code = c->in[PC_CODE].s,
                                   .title = c->in[PC_TITLE].s,
                                   .steering = c->in[PC_STEERING].s,
                                   .decision_no = c->in[PC_DECISION].s,
                                   .from = c->in[PC_FROM].d,
                                   .to = c->in[PC_TO].d};
    struct org_info o;
    struct program_info p;
    int64_t id;
    enum tcxd_err rc;
    if ((rc = scoped_org(c, c->in[PC_ORG].i, r.from, "org_id", &o, e)))
        return rc;
    r.org_id = o.id;
    if ((rc = store_program_create(c->st, &c->actor, &r, &id, e)) ||
        (rc = store_program_get(c->st, id, NULL, &p, e)))
        return rc;
    http_json(c, 201, program_json(&p));
    return TCXD_OK;
}

static json_t *item_json(const struct program_item_info *it, tcxd_date on)
{
    enum program_status s = program_status_on(it->changes, it->nchanges, on);
    json_t *hist = json_array();
    for (size_t k = 0; k < it->nchanges; k++)
        json_array_append_new(hist,
                              json_pack("{s:o, s:s}", "date", http_json_date(it->changes[k].date),
                                        "status", program_status_name(it->changes[k].status)));
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:b, s:o}", "id",
                     (json_int_t)it->id, "no", it->no, "kind", program_item_kind_name(it->kind),
                     "kind_label", program_item_kind_label(it->kind), "title", it->title,
                     "lead_agency", it->lead_agency, "people", it->people, "start",
                     http_json_date(it->start), "deadline", http_json_date(it->deadline), "status",
                     program_status_name(s), "status_label", program_status_label(s), "overdue",
                     program_item_overdue(it->deadline, s, on), "history", hist);
}

enum tcxd_err api_program_show(struct http_ctx *c, struct tcxd_error *e)
{
    struct program_info p;
    struct program_items l;
    enum tcxd_err rc;
    tcxd_date on = or_today(&c->q[PQ_AS_OF]);
    int days = c->q[PQ_DAYS].present ? (int)c->q[PQ_DAYS].i : 30;
    if ((rc = scoped_program(c, &p, e)) || (rc = store_program_items(c->st, p.id, &l, e)))
        return rc;
    struct program_progress pr;
    store_program_progress(&l, on, days, &pr);
    json_t *items = json_array();
    for (size_t i = 0; i < l.n; i++)
        if (l.v[i].start <= on)
            json_array_append_new(items, item_json(&l.v[i], on));
    struct buf sentence = BUF_INIT, summary = BUF_INIT;
    program_progress_sentence(&pr, &sentence);
    program_progress_summary(&pr, &summary);
    json_t *by = json_object();
    for (int s = 0; s < PSTATUS__MAX; s++)
        json_object_set_new(by, program_status_name((enum program_status)s),
                            json_integer(pr.by_status[s]));
    http_json(c, 200,
              json_pack("{s:o, s:o, s:{s:I, s:I, s:o, s:I, s:I, s:s, s:s}, s:o}", "program",
                        program_json(&p), "as_of", http_json_date(on), "progress", "items",
                        (json_int_t)pr.items, "agencies", (json_int_t)pr.agencies, "by_status", by,
                        "overdue", (json_int_t)pr.overdue, "due_soon", (json_int_t)pr.due_soon,
                        "sentence", sentence.ptr, "summary", summary.ptr, "items", items));
    buf_release(&sentence);
    buf_release(&summary);
    store_program_items_release(&l);
    return TCXD_OK;
}

enum tcxd_err api_program_item_add(struct http_ctx *c, struct tcxd_error *e)
{
    struct program_info p;
    struct program_item_req r = {.no = c->in[PI_NO].s,
                                 .title = c->in[PI_TITLE].s,
                                 .lead_agency = c->in[PI_LEAD].s,
                                 .people = c->in[PI_PEOPLE].s,
                                 .document_no = c->in[PI_DOCUMENT].s,
                                 .start = c->in[PI_START].d,
                                 .deadline = c->in[PI_DEADLINE].d};
    int64_t id;
    enum tcxd_err rc;
    if ((rc = scoped_program(c, &p, e)) ||
        (rc = program_item_kind_parse(c->in[PI_KIND].s, &r.kind, e)) ||
        (rc = store_program_item_add(c->st, &c->actor, p.id, &r, &id, e)))
        return rc;
    http_json(c, 201,
              json_pack("{s:I, s:I, s:s}", "id", (json_int_t)id, "program_id", (json_int_t)p.id,
                        "no", r.no));
    return TCXD_OK;
}

enum tcxd_err api_program_item_status(struct http_ctx *c, struct tcxd_error *e)
{
    struct program_info p;
    int64_t program_id;
    struct program_status_change ch = {.date = or_today(&c->in[PS_DATE])};
    enum tcxd_err rc;
    if ((rc = scoped_program(c, &p, e)))
        return rc;
    if (store_program_item_program(c->st, c->ids[1], &program_id, NULL) || program_id != p.id)
        return not_found(c, "không tìm thấy nội dung", "no such item", e);
    if ((rc = program_status_parse(c->in[PS_STATUS].s, &ch.status, e)) ||
        (rc = store_program_item_status(c->st, &c->actor, c->ids[1], ch, c->in[PS_NOTE].s,
                                        c->in[PS_DOCUMENT].s, date_today(), e)))
        return rc;
    http_json(c, 200,
              json_pack("{s:I, s:s, s:o}", "id", (json_int_t)c->ids[1], "status",
                        program_status_name(ch.status), "date", http_json_date(ch.date)));
    return TCXD_OK;
}

/* ---- indicators ---- */

static void list_indicator(void *ctx, const struct indicator_info *i)
{
    struct list_ctx *l = ctx;
    if (http_org_in_scope(l->c, i->org_id))
        json_array_append_new(l->items, indicator_json(i));
}

enum tcxd_err api_indicator_list(struct http_ctx *c, struct tcxd_error *e)
{
    struct list_ctx l = {c, json_array()};
    enum tcxd_err rc = store_indicator_list(c->st, list_indicator, &l, e);
    if (rc) {
        json_decref(l.items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "items", l.items));
    return TCXD_OK;
}

enum tcxd_err api_indicator_create(struct http_ctx *c, struct tcxd_error *e)
{
    struct indicator_create_req r = {.code = c->in[IC_CODE].s, .name = c->in[IC_NAME].s};
    struct org_info o;
    struct indicator_info ind;
    int64_t id;
    enum tcxd_err rc;
    if ((rc = scoped_org(c, c->in[IC_ORG].i, date_today(), "org_id", &o, e)) ||
        (rc = indicator_source_parse(c->in[IC_SOURCE].s, &r.source, e)) ||
        (rc =
             indicator_unit_parse(c->in[IC_UNIT].present ? c->in[IC_UNIT].s : "count", &r.unit, e)))
        return rc;
    r.org_id = o.id;
    if ((rc = store_indicator_create(c->st, &c->actor, &r, &id, e)) ||
        (rc = store_indicator_get(c->st, id, NULL, &ind, e)))
        return rc;
    http_json(c, 201, indicator_json(&ind));
    return TCXD_OK;
}

enum tcxd_err api_indicator_figure(struct http_ctx *c, struct tcxd_error *e)
{
    struct indicator_info ind;
    enum tcxd_err rc;
    if ((rc = scoped_indicator(c, &ind, e)))
        return rc;
    const char *w = c->in[IF_WHAT].s;
    enum indicator_figure_what what;
    if (!strcmp(w, "target"))
        what = INDICATOR_TARGET;
    else if (!strcmp(w, "actual"))
        what = INDICATOR_ACTUAL;
    else
        return tcxd_fail(e, TCXD_EINVAL, "what", "%s",
                         http_msg(c, "trường what phải là target hoặc actual",
                                  "field what must be target or actual"));
    if ((rc = store_indicator_figure_set(c->st, &c->actor, ind.id, what, c->in[IF_FROM].d,
                                         c->in[IF_TO].d, c->in[IF_VALUE].i, c->in[IF_NOTE].s, e)))
        return rc;
    http_json(c, 200,
              json_pack("{s:I, s:s, s:I}", "id", (json_int_t)ind.id, "what", w, "value",
                        (json_int_t)c->in[IF_VALUE].i));
    return TCXD_OK;
}

enum tcxd_err api_indicator_report(struct http_ctx *c, struct tcxd_error *e)
{
    struct indicator_info ind;
    enum tcxd_err rc;
    tcxd_date from = c->q[IQ_FROM].d, to = c->q[IQ_TO].d;
    tcxd_date f0 = date_add_years(from, -1), t0 = date_add_years(to, -1);
    struct indicator_progress p = {0};
    if ((rc = scoped_indicator(c, &ind, e)))
        return rc;
    p.unit = ind.unit;
    if ((rc = store_indicator_actual(c->st, &ind, from, to, &p.has_actual, &p.actual, e)) ||
        (rc = store_indicator_figure_get(c->st, ind.id, INDICATOR_TARGET, from, to, &p.has_target,
                                         &p.target, e)) ||
        (rc = store_indicator_actual(c->st, &ind, f0, t0, &p.has_same_period, &p.same_period, e)))
        return rc;
    struct buf b = BUF_INIT;
    indicator_sentence(&p, date_to_ymd(t0).y, &b);
    json_t *j = indicator_json(&ind);
    json_object_set_new(j, "from", http_json_date(from));
    json_object_set_new(j, "to", http_json_date(to));
    json_object_set_new(j, "actual", p.has_actual ? json_integer(p.actual) : json_null());
    json_object_set_new(j, "target", p.has_target ? json_integer(p.target) : json_null());
    json_object_set_new(j, "same_period",
                        p.has_same_period ? json_integer(p.same_period) : json_null());
    int64_t pm = p.has_target ? indicator_permille(p.actual, p.target) : -1;
    json_object_set_new(j, "of_plan_permille", pm >= 0 ? json_integer(pm) : json_null());
    json_object_set_new(j, "sentence", json_string(b.ptr));
    buf_release(&b);
    http_json(c, 200, j);
    return TCXD_OK;
}

/* ---- meetings ---- */

/* "12, 13" -> ids; a malformed list is a 400 naming the field. */
static enum tcxd_err parse_ids(struct http_ctx *c, const struct http_value *v, const char *field,
                               int64_t **out, size_t *n, struct tcxd_error *e)
{
    *out = NULL;
    *n = 0;
    if (!v->present || !*v->s)
        return TCXD_OK;
    size_t cap = 0;
    for (const char *p = v->s; *p;) {
        while (*p == ' ')
            p++;
        char *end;
        long long id = strtoll(p, &end, 10);
        while (*end == ' ')
            end++;
        if (end == p || id <= 0 || (*end && *end != ',')) {
            free(*out);
            *out = NULL;
            *n = 0;
            return tcxd_fail(
                e, TCXD_EINVAL, field, "%s",
                http_msg(c, "danh sách mã đảng viên không hợp lệ", "invalid list of member ids"));
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = xrealloc(*out, cap * sizeof(**out));
        }
        (*out)[(*n)++] = id;
        p = *end ? end + 1 : end;
    }
    return TCXD_OK;
}

enum tcxd_err api_meeting_create(struct http_ctx *c, struct tcxd_error *e)
{
    struct meeting_req r = {.date = c->in[MC_DATE].d, .topic = c->in[MC_TOPIC].s};
    struct org_info o;
    int64_t *members = NULL, *guests = NULL, id;
    enum tcxd_err rc;
    if ((rc = scoped_org(c, c->in[MC_ORG].i, r.date, "org_id", &o, e)) ||
        (rc = meeting_kind_parse(c->in[MC_KIND].present ? c->in[MC_KIND].s : "regular", &r.kind,
                                 e)) ||
        (rc = parse_ids(c, &c->in[MC_MEMBERS], "members", &members, &r.nmembers, e)) ||
        (rc = parse_ids(c, &c->in[MC_GUESTS], "guests", &guests, &r.nguests, e)))
        goto out;
    r.org_id = o.id;
    r.members = members;
    r.guests = guests;
    if ((rc = store_meeting_add(c->st, &c->actor, &r, date_today(), &id, e)))
        goto out;
    http_json(c, 201,
              json_pack("{s:I, s:I, s:o, s:I, s:I}", "id", (json_int_t)id, "org_id",
                        (json_int_t)o.id, "date", http_json_date(r.date), "present",
                        (json_int_t)r.nmembers, "guests", (json_int_t)r.nguests));
out:
    free(members);
    free(guests);
    return rc;
}

static void list_meeting(void *ctx, const struct meeting_row *m)
{
    json_array_append_new(
        ctx, json_pack("{s:I, s:o, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)m->id, "date",
                       http_json_date(m->date), "kind", meeting_kind_name(m->kind), "kind_label",
                       meeting_kind_label(m->kind), "topic", m->topic ? m->topic : "", "present",
                       (json_int_t)m->present, "guests", (json_int_t)m->guests));
}

enum tcxd_err api_meeting_list(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date from = c->q[MQ_FROM].present ? c->q[MQ_FROM].d : date_from_ymd(1900, 1, 1);
    tcxd_date to = or_today(&c->q[MQ_TO]);
    if (!http_org_in_scope(c, c->q[MQ_ORG].i))
        return not_found(c, "không tìm thấy tổ chức", "no such organization", e);
    json_t *items = json_array();
    enum tcxd_err rc = store_meeting_list(c->st, c->q[MQ_ORG].i, from, to, list_meeting, items, e);
    if (rc) {
        json_decref(items);
        return rc;
    }
    http_json(c, 200, json_pack("{s:o}", "items", items));
    return TCXD_OK;
}

enum tcxd_err api_attendance_assign(struct http_ctx *c, struct tcxd_error *e)
{
    struct org_info o;
    int64_t id, mid = c->in[AA_MEMBER].i;
    enum tcxd_err rc;
    tcxd_date from = c->in[AA_FROM].d, to = c->in[AA_TO].present ? c->in[AA_TO].d : DATE_NONE;
    if ((rc = scoped_org(c, c->in[AA_ORG].i, from, "org_id", &o, e)))
        return rc;
    /* the committee member comes from above the scope: that the member exists is enough */
    if (!store_member_exists(c->st, mid))
        return tcxd_fail(e, TCXD_ENOTFOUND, "member_id", "%s",
                         http_msg(c, "không tìm thấy đảng viên", "no such member"));
    if ((rc = store_attendance_assign(c->st, &c->actor, mid, o.id, from, to, c->in[AA_DECISION].s,
                                      &id, e)))
        return rc;
    http_json(c, 201,
              json_pack("{s:I, s:I, s:I}", "id", (json_int_t)id, "member_id", (json_int_t)mid,
                        "org_id", (json_int_t)o.id));
    return TCXD_OK;
}

struct attend_ctx {
    struct http_ctx *c;
    json_t *rows;
    int counts[ATTEND__MAX];
};

static void attend_row(void *ctx, const struct attendance_row *r)
{
    struct attend_ctx *a = ctx;
    a->counts[r->result]++;
    struct member_info m;
    bool named = !store_member_get(a->c->st, r->a.member_id, &m, NULL);
    json_array_append_new(
        a->rows,
        json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:i}", "assignment", (json_int_t)r->assignment_id,
                  "member_id", (json_int_t)r->a.member_id, "member", named ? m.full_name : "",
                  "org_id", (json_int_t)r->a.org_id, "result", attendance_result_name(r->result),
                  "result_label", attendance_result_label(r->result), "visits", r->visits));
}

enum tcxd_err api_attendance_report(struct http_ctx *c, struct tcxd_error *e)
{
    int y = (int)c->q[AQ_YEAR].i, q = (int)c->q[AQ_QUARTER].i;
    int64_t root_id = c->q[AQ_ORG].present ? c->q[AQ_ORG].i : c->sess.scope_org_id;
    if (!http_org_in_scope(c, root_id))
        return not_found(c, "không tìm thấy tổ chức", "no such organization", e);
    tcxd_date qf, qt;
    program_quarter_bounds(y, q, &qf, &qt);
    struct org_tree own;
    const struct org_tree *t;
    enum tcxd_err rc = http_tree(c, qt - 1, &own, &t, e);
    if (rc)
        return rc;
    uint32_t root = org_tree_find(t, root_id);
    struct attend_ctx a = {.c = c, .rows = json_array()};
    if (root != TREE_NONE)
        rc = store_attendance_report(c->st, t, root, y, q, attend_row, &a, e);
    if (t == &own)
        org_tree_release(&own);
    if (rc) {
        json_decref(a.rows);
        return rc;
    }
    http_json(c, 200,
              json_pack("{s:I, s:i, s:i, s:i, s:i, s:i, s:o}", "org_id", (json_int_t)root_id,
                        "year", y, "quarter", q, "met", a.counts[ATTEND_MET], "missed",
                        a.counts[ATTEND_MISSED], "not_due", a.counts[ATTEND_NOT_DUE], "rows",
                        a.rows));
    return TCXD_OK;
}
