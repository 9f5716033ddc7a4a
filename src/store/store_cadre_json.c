/*
 * store_cadre_json.c - the JSON shapes of the cadre records (store_cadre_json.h).
 */
#include "store/store_cadre_json.h"

static json_t *jdate(tcxd_date d)
{
    if (d == DATE_NONE || d == DATE_OPEN_END)
        return json_null();
    char s[DATE_ISO_LEN];
    date_format_iso(d, s);
    return json_string(s);
}

static json_t *jid(int64_t id)
{
    return id ? json_integer((json_int_t)id) : json_null();
}

json_t *cadre_json(const struct cadre_info *c)
{
    return json_pack(
        "{s:I, s:I, s:s, s:s, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:o}", "id",
        (json_int_t)c->id, "member_id", (json_int_t)c->member_id, "full_name", c->full_name,
        "gender", gender_name(c->attrs.gender), "birth_date", jdate(c->attrs.birth_date),
        "ethnicity", c->ethnicity, "religion", c->religion, "prof", cadre_prof_name(c->attrs.prof),
        "academic", cadre_academic_name(c->attrs.academic), "theory",
        theory_level_name(c->attrs.theory), "managing_level", cadre_mgmt_name(c->mgmt),
        "managing_level_label", cadre_mgmt_label(c->mgmt), "org_id", (json_int_t)c->org_id,
        "work_start", jdate(c->work_start), "retiring_on", jdate(c->retiring_on));
}

json_t *cadre_holding_json(const struct cadre_holding_info *h)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:s}", "position_id",
                     (json_int_t)h->position.id, "position", h->position.name, "title",
                     position_title_name(h->position.title), "title_label",
                     position_title_label(h->position.title), "org_id",
                     (json_int_t)h->position.org_id, "from", jdate(h->h.from), "to", jdate(h->h.to),
                     "term_end", jdate(h->h.term_end), "decision_no", h->decision_no);
}

json_t *cadre_seat_json(const struct cadre_seat_info *s)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "seat_id",
                     (json_int_t)s->id, "cadre_id", (json_int_t)s->seat.cadre_id, "full_name",
                     s->full_name, "role", committee_role_name(s->seat.role), "role_label",
                     committee_role_label(s->seat.role), "join", committee_join_name(s->seat.join),
                     "join_label", committee_join_label(s->seat.join), "from", jdate(s->seat.from),
                     "to", jdate(s->seat.to), "decision_no", s->decision_no);
}

json_t *cadre_position_json(const struct cadre_position_info *p)
{
    /* post, tier, leader: its standing on forms 9 and 12 (migration 0071; tier null for a
       position from before it) */
    return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b}", "id",
                     (json_int_t)p->id, "org_id", (json_int_t)p->org_id, "name", p->name, "title",
                     position_title_name(p->title), "title_label", position_title_label(p->title),
                     "sector", position_sector_name(p->sector), "level", cadre_mgmt_name(p->level),
                     "post", cadre_post_name(p->post), "post_label", cadre_post_label(p->post),
                     "tier", p->tier_set ? json_string(cadre_tier_name(p->tier)) : json_null(),
                     "leader", p->leader);
}

json_t *cadre_plan_json(const struct cadre_plan_info *p)
{
    return json_pack("{s:I, s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)p->id, "position_id",
                     (json_int_t)p->entry.position_id, "cadre_id", (json_int_t)p->entry.cadre_id,
                     "full_name", p->full_name, "level", cadre_mgmt_name(p->entry.level), "added",
                     jdate(p->entry.added));
}

json_t *cadre_due_json(const struct cadre_due_info *d)
{
    return json_pack("{s:I, s:s, s:I, s:s, s:o, s:o, s:o, s:s, s:s}", "cadre_id",
                     (json_int_t)d->holding.h.cadre_id, "full_name", d->holding.full_name,
                     "position_id", (json_int_t)d->holding.position.id, "position",
                     d->holding.position.name, "from", jdate(d->holding.h.from), "term_end",
                     jdate(d->holding.h.term_end), "notice_by", jdate(d->notice_by), "state",
                     reappoint_state_name(d->state), "state_label",
                     reappoint_state_label(d->state));
}

json_t *cadre_vote_session_json(const struct cadre_vote_session_info *v)
{
    return json_pack("{s:I, s:I, s:o, s:i, s:I, s:I, s:I, s:I, s:b}", "id", (json_int_t)v->id,
                     "org_id", (json_int_t)v->org_id, "held_on", jdate(v->held_on), "year", v->year,
                     "convened", (json_int_t)v->s.convened, "present", (json_int_t)v->s.present,
                     "issued", (json_int_t)v->s.issued, "returned", (json_int_t)v->s.returned,
                     "quorum", vote_quorum(&v->s));
}

static json_t *share(int64_t n, int64_t returned)
{
    struct buf b = BUF_INIT;
    vote_share_text(n, returned, &b);
    json_t *s = json_string(b.ptr);
    buf_release(&b);
    return s;
}

json_t *cadre_vote_json(const struct cadre_vote_info *v, int64_t returned)
{
    json_t *j =
        json_pack("{s:I, s:s, s:I, s:s, s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:b}", "cadre_id",
                  (json_int_t)v->cadre_id, "full_name", v->full_name, "position_id",
                  (json_int_t)v->position_id, "position", v->position, "high",
                  (json_int_t)v->t.high, "medium", (json_int_t)v->t.medium, "low",
                  (json_int_t)v->t.low, "excluded", vote_exclusion_name(v->t.excluded), "outcome",
                  vote_outcome_name(v->outcome), "outcome_label", vote_outcome_label(v->outcome),
                  "consequence", vote_outcome_consequence(v->outcome), "removes_from_planning",
                  vote_outcome_removes_from_planning(v->outcome));
    if (v->t.excluded != VEX_NONE)
        json_object_set_new(j, "excluded_label", json_string(vote_exclusion_label(v->t.excluded)));
    else
        json_object_set_new(j, "shares",
                            json_pack("{s:o, s:o, s:o}", "high", share(v->t.high, returned),
                                      "medium", share(v->t.medium, returned), "low",
                                      share(v->t.low, returned)));
    return j;
}

json_t *cadre_planning_json(const char *term, tcxd_date on, const struct plan_shares *sh,
                            json_t *entries)
{
    struct buf w = BUF_INIT, y = BUF_INIT;
    cadre_share_text(sh->women, sh->planned, &w);
    cadre_share_text(sh->young, sh->planned, &y);
    json_t *j =
        json_pack("{s:s, s:o, s:I, s:I, s:I, s:s, s:s, s:i, s:o}", "term", term, "as_of", jdate(on),
                  "planned", (json_int_t)sh->planned, "women", (json_int_t)sh->women, "young",
                  (json_int_t)sh->young, "women_text", w.ptr, "young_text", y.ptr,
                  "max_per_position", PLAN_MAX_PER_POSITION, "entries", entries);
    buf_release(&w);
    buf_release(&y);
    return j;
}

json_t *cadre_vote_outcome_json(enum vote_outcome o)
{
    return json_pack("{s:s, s:s, s:s, s:b}", "outcome", vote_outcome_name(o), "outcome_label",
                     vote_outcome_label(o), "consequence", vote_outcome_consequence(o),
                     "removes_from_planning", vote_outcome_removes_from_planning(o));
}

json_t *cadre_committee_json(const struct cadre_term_info *t, tcxd_date on,
                             const struct committee_count *count, json_t *seats)
{
    json_t *counts = json_object();
    for (int r = 0; r < CROLE__MAX; r++)
        json_object_set_new(counts, committee_role_name((enum committee_role)r),
                            json_integer(count->by_role[r]));
    /* tier: the committee's on forms 9 and 12 (null for a term from before migration 0071) */
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "term_id", (json_int_t)t->id,
                     "term", t->label, "term_from", jdate(t->from), "term_to", jdate(t->to), "tier",
                     t->tier_set ? json_string(cadre_tier_name(t->tier)) : json_null(), "as_of",
                     jdate(on), "counts", counts, "seats", seats);
}

json_t *cadre_concurrent_json(enum position_title t, tcxd_date on, int64_t num, int64_t den)
{
    struct buf b = BUF_INIT;
    cadre_share_text(num, den, &b);
    json_t *j = json_pack("{s:s, s:s, s:o, s:I, s:I, s:s}", "title", position_title_name(t),
                          "title_label", position_title_label(t), "as_of", jdate(on), "num",
                          (json_int_t)num, "den", (json_int_t)den, "text", b.ptr);
    buf_release(&b);
    return j;
}

json_t *cadre_leave_support_json(int64_t cadre_id, int months)
{
    return json_pack("{s:I, s:i, s:I, s:I, s:I}", "cadre_id", (json_int_t)cadre_id, "months",
                     months, "amount", (json_int_t)leave_support(&leave_policy_seed002, months),
                     "per_month", (json_int_t)leave_policy_seed002.per_month, "cap",
                     (json_int_t)leave_policy_seed002.cap);
}

json_t *cadre_work_json(const struct cadre_work_counts *c)
{
    struct buf b = BUF_INIT;
    cadre_work_sentence(c, &b);
    json_t *j = json_pack("{s:I, s:I, s:I, s:s}", "appointed", (json_int_t)c->appointed, "moved",
                          (json_int_t)c->moved, "added", (json_int_t)c->added, "sentence", b.ptr);
    buf_release(&b);
    return j;
}

json_t *training_class_json(const struct training_class_info *k)
{
    return json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:I, s:I}", "id",
        (json_int_t)k->id, "org_id", (json_int_t)k->org_id, "name", k->name, "opener",
        class_opener_name(k->c.opener), "opener_label", class_opener_label(k->c.opener),
        "programme", training_programme_name(k->c.programme), "programme_label",
        training_programme_label(k->c.programme), "mode", training_mode_name(k->c.mode),
        "mode_label", training_mode_label(k->c.mode), "from", jdate(k->c.from), "to",
        jdate(k->c.to), "decision_no", k->decision_no, "institution", k->institution, "enrolled",
        (json_int_t)k->enrolled, "completed", (json_int_t)k->completed);
}

json_t *training_enrol_json(const struct training_enrol_info *n)
{
    return json_pack("{s:I, s:I, s:I, s:s, s:o, s:s, s:s, s:s}", "id", (json_int_t)n->id,
                     "class_id", (json_int_t)n->class_id, "cadre_id", (json_int_t)n->cadre_id,
                     "full_name", n->full_name, "enrolled_on", jdate(n->enrolled_on), "result",
                     enrol_result_name(n->result), "result_label", enrol_result_label(n->result),
                     "grade", n->grade);
}

json_t *cadre_training_json(const struct cadre_training_item *t)
{
    json_t *j =
        json_pack("{s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "class_id",
                  jid(t->class_id), "enrolment_id", jid(t->enrolment_id), "name", t->name,
                  "programme", training_programme_name(t->programme), "programme_label",
                  training_programme_label(t->programme), "mode", training_mode_name(t->mode),
                  "mode_label", training_mode_label(t->mode), "from", jdate(t->from), "to",
                  jdate(t->to), "institution", t->institution, "grade", t->grade);
    if (t->class_id) {
        json_object_set_new(j, "result", json_string(enrol_result_name(t->result)));
        json_object_set_new(j, "result_label", json_string(enrol_result_label(t->result)));
    } else {
        json_object_set_new(j, "result", json_null());
        json_object_set_new(j, "result_label", json_null());
    }
    return j;
}
