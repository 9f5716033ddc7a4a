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
