/*
 * store_review.c - the annual quality review in the database (see store_review.h): rubrics,
 * review records and their steps, registry facts for the proposal, the excellent cap and report
 * figures. Weak organizations are store_weak.c.
 */
#include "store/store_review.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_cadre.h"
#include "store/store_degradation.h"
#include "store/store_inspection.h"
#include "store/store_internal.h"
#include "store/store_review_internal.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/xmalloc.h"
#include "util/banned.h"

/* ---- helpers ------------------------------------------------------------------------------ */

void review_now_iso(char out[32])
{
    struct timespec ts;
    struct tm tm;
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

tcxd_date review_report_date(int year)
{
    tcxd_date end = date_from_ymd(year, 12, 31), today = date_today();
    return end > today ? today : end;
}

static void bind_level(sqlite3_stmt *s, int i, bool has, enum review_level l)
{
    if (has)
        store_bind_text(s, i, review_level_name(l));
    else
        sqlite3_bind_null(s, i);
}

/* A level column: false when NULL (or, never expected, unknown). */
static bool column_level(sqlite3_stmt *s, int i, enum review_level *out)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    if (!t)
        return false;
    for (int l = 0; l < REVIEW_LEVEL__MAX; l++)
        if (!strcmp(t, review_level_name((enum review_level)l))) {
            *out = (enum review_level)l;
            return true;
        }
    return false;
}

static enum review_state column_state(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    for (int k = 0; t && k < REVIEW_STATE__MAX; k++)
        if (!strcmp(t, review_state_name((enum review_state)k)))
            return (enum review_state)k;
    return REVIEW_STATE_NONE;
}

static char *column_dup(sqlite3_stmt *s, int i)
{
    const char *t = (const char *)sqlite3_column_text(s, i);
    return t ? xstrdup(t) : NULL;
}

char *review_json_text(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static void points_json(json_t *obj, const char *key, bool has, review_points p)
{
    json_object_set_new(obj, key, has ? json_real(p / 100.0) : json_null());
}

enum tcxd_err review_clean(const char *in, size_t max, const char *field, struct buf *out,
                           struct tcxd_error *e)
{
    buf_reset(out);
    return text_clean(in ? in : "", in ? strlen(in) : 0, max, true, field, out, e);
}

/* ---- rubrics ------------------------------------------------------------------------------ */

void store_rubric_init(struct store_rubric *r)
{
    memset(r, 0, sizeof(*r));
}

void store_rubric_release(struct store_rubric *r)
{
    for (size_t i = 0; i < r->nstrings; i++)
        free(r->strings[i]);
    free(r->strings);
    free(r->groups);
    free(r->criteria);
    store_rubric_init(r);
}

static const char *keep(struct store_rubric *r, const char *s)
{
    r->strings = xreallocarray(r->strings, r->nstrings + 1, sizeof(*r->strings));
    r->strings[r->nstrings] = xstrdup(s ? s : "");
    return r->strings[r->nstrings++];
}

void store_rubric_copy(struct store_rubric *out, const struct review_rubric *src)
{
    store_rubric_release(out);
    out->groups = xcalloc(src->n_groups ? src->n_groups : 1, sizeof(*out->groups));
    out->criteria = xcalloc(src->n_criteria ? src->n_criteria : 1, sizeof(*out->criteria));
    for (size_t i = 0; i < src->n_groups; i++) {
        out->groups[i] = src->groups[i];
        out->groups[i].code = keep(out, src->groups[i].code);
        out->groups[i].name = keep(out, src->groups[i].name);
    }
    for (size_t i = 0; i < src->n_criteria; i++) {
        out->criteria[i] = src->criteria[i];
        out->criteria[i].code = keep(out, src->criteria[i].code);
        out->criteria[i].name = keep(out, src->criteria[i].name);
    }
    out->r = *src;
    out->r.name = keep(out, src->name);
    out->r.groups = out->groups;
    out->r.criteria = out->criteria;
}

/*
 * CONFIGURABLE DEFAULTS for the grade rule sets (QĐ 132/HD 21, QĐ 124/HD 25): the criteria
 * those texts grade (individuals: political thought, ethics and lifestyle, working style,
 * discipline, then the task results; collectives: the party-building areas, then leading the
 * political tasks). The last group is the task results. Maxima are nominal (1 point each):
 * grade rule sets do not add points.
 */
static const struct review_rubric_group grade_groups[] = {
    {"I", "Các tiêu chí chung", REVIEW_POINTS(4)},
    {"II", "Kết quả thực hiện nhiệm vụ", REVIEW_POINTS(1)},
};
static const struct review_criterion grade_person[] = {
    {0, "1", "Chính trị tư tưởng", REVIEW_POINTS(1)},
    {0, "2", "Đạo đức, lối sống", REVIEW_POINTS(1)},
    {0, "3", "Tác phong, lề lối làm việc", REVIEW_POINTS(1)},
    {0, "4", "Ý thức tổ chức kỷ luật", REVIEW_POINTS(1)},
    {1, "5", "Kết quả thực hiện chức trách, nhiệm vụ được giao", REVIEW_POINTS(1)},
};
static const struct review_criterion grade_collective[] = {
    {0, "1", "Công tác chính trị tư tưởng", REVIEW_POINTS(1)},
    {0, "2", "Công tác tổ chức, cán bộ và xây dựng tổ chức đảng", REVIEW_POINTS(1)},
    {0, "3", "Công tác kiểm tra, giám sát và kỷ luật đảng", REVIEW_POINTS(1)},
    {0, "4", "Công tác dân vận", REVIEW_POINTS(1)},
    {1, "5", "Lãnh đạo thực hiện nhiệm vụ chính trị", REVIEW_POINTS(1)},
};
static const struct review_rubric grade_rubrics[] = {
    {"hd21-qd124-dang-vien", REVIEW_SUBJECT_MEMBER, 2018, 2024, grade_groups, 2, grade_person, 5},
    {"hd21-qd124-lanh-dao", REVIEW_SUBJECT_LEADER, 2018, 2024, grade_groups, 2, grade_person, 5},
    {"hd21-qd124-chi-bo", REVIEW_SUBJECT_CHI_BO, 2018, 2024, grade_groups, 2, grade_collective, 5},
    {"hd21-qd124-dang-bo", REVIEW_SUBJECT_DANG_BO, 2018, 2024, grade_groups, 2, grade_collective,
     5},
    {"hd21-qd124-tap-the-lanh-dao", REVIEW_SUBJECT_LEADERSHIP, 2018, 2024, grade_groups, 2,
     grade_collective, 5},
};

bool store_rubric_graded(const struct review_rubric *r)
{
    const struct review_ruleset *rs;
    struct tcxd_error e;
    if (review_ruleset_for_year(r->year_from, &rs, &e))
        return false;
    return rs->scoring == REVIEW_SCORING_GRADES;
}

static enum review_subject subject_from_text(const char *t)
{
    enum review_subject s;
    struct tcxd_error e;
    if (t && review_subject_parse(t, &s, &e) == TCXD_OK)
        return s;
    return REVIEW_SUBJECT_MEMBER;
}

static void rubric_header(sqlite3_stmt *s, struct store_rubric *out)
{
    out->id = sqlite3_column_int64(s, 0);
    out->r.name = keep(out, (const char *)sqlite3_column_text(s, 1));
    out->r.subject = subject_from_text((const char *)sqlite3_column_text(s, 2));
    out->r.year_from = sqlite3_column_int(s, 3);
    out->r.year_to = sqlite3_column_int(s, 4);
    out->version = sqlite3_column_int(s, 5);
    store_column_copy(s, 6, out->created_at, sizeof(out->created_at));
    store_column_copy(s, 7, out->created_by, sizeof(out->created_by));
}

enum tcxd_err store_rubric_get(struct store *st, int64_t id, struct store_rubric *out,
                               struct tcxd_error *e)
{
    store_rubric_release(out);
    sqlite3_stmt *s = store_stmt(st, STMT_RUBRIC_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "reading a rubric");
        return tcxd_fail(e, TCXD_ENOTFOUND, "rubric", "no rubric #%lld", (long long)id);
    }
    rubric_header(s, out);
    sqlite3_reset(s); /* end the read: a connection kept by a server must not hold a snapshot */

    size_t ng = 0, nc = 0;
    s = store_stmt(st, STMT_RUBRIC_GROUPS);
    sqlite3_bind_int64(s, 1, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->groups = xreallocarray(out->groups, ng + 1, sizeof(*out->groups));
        out->groups[ng].code = keep(out, (const char *)sqlite3_column_text(s, 0));
        out->groups[ng].name = keep(out, (const char *)sqlite3_column_text(s, 1));
        out->groups[ng].max = (review_points)sqlite3_column_int(s, 2);
        ng++;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading rubric groups");
    s = store_stmt(st, STMT_RUBRIC_CRITERIA);
    sqlite3_bind_int64(s, 1, id);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->criteria = xreallocarray(out->criteria, nc + 1, sizeof(*out->criteria));
        out->criteria[nc].group = (size_t)sqlite3_column_int(s, 0);
        out->criteria[nc].code = keep(out, (const char *)sqlite3_column_text(s, 1));
        out->criteria[nc].name = keep(out, (const char *)sqlite3_column_text(s, 2));
        out->criteria[nc].max = (review_points)sqlite3_column_int(s, 3);
        nc++;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading rubric criteria");
    out->r.groups = out->groups;
    out->r.n_groups = ng;
    out->r.criteria = out->criteria;
    out->r.n_criteria = nc;
    return TCXD_OK;
}

static enum tcxd_err builtin_rubric(enum review_subject subj, int year, struct store_rubric *out,
                                    struct tcxd_error *e)
{
    const struct review_rubric *r = NULL;
    for (size_t i = 0; i < ARRAY_SIZE(grade_rubrics); i++)
        if (grade_rubrics[i].subject == subj && year >= grade_rubrics[i].year_from &&
            year <= grade_rubrics[i].year_to)
            r = &grade_rubrics[i];
    if (!r) {
        enum tcxd_err rc = review_rubric_default(subj, year, &r, e);
        if (rc == TCXD_ENOTFOUND)
            return tcxd_fail(e, TCXD_ENOTFOUND, "rubric",
                             "no rubric for %s in %d; import one with 'tcxd review rubric import'",
                             review_subject_name(subj), year);
        if (rc)
            return rc;
    }
    store_rubric_copy(out, r);
    return TCXD_OK;
}

enum tcxd_err store_rubric_for(struct store *st, enum review_subject subj, int year,
                               struct store_rubric *out, struct tcxd_error *e)
{
    const struct review_ruleset *rs;
    enum tcxd_err rc = review_ruleset_for_year(year, &rs, e);
    if (rc)
        return rc;
    sqlite3_stmt *s = store_stmt(st, STMT_RUBRIC_FOR);
    store_bind_text(s, 1, review_subject_name(subj));
    sqlite3_bind_int(s, 2, year);
    int r = sqlite3_step(s);
    int64_t id = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (r == SQLITE_ROW)
        return store_rubric_get(st, id, out, e);
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "finding a rubric");
    return builtin_rubric(subj, year, out, e);
}

enum tcxd_err store_rubric_list(struct store *st,
                                void (*fn)(void *ctx, const struct store_rubric *r), void *ctx,
                                struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_RUBRIC_LIST);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct store_rubric r;
        store_rubric_init(&r);
        rubric_header(s, &r);
        fn(ctx, &r);
        store_rubric_release(&r);
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "listing rubrics");
    return TCXD_OK;
}

static json_t *rubric_json(const struct review_rubric *r)
{
    json_t *crit = json_array();
    for (size_t i = 0; i < r->n_criteria; i++)
        json_array_append_new(crit, json_pack("{s:s, s:s, s:s, s:f}", "group",
                                              r->groups[r->criteria[i].group].code, "code",
                                              r->criteria[i].code, "name", r->criteria[i].name,
                                              "max", r->criteria[i].max / 100.0));
    return json_pack("{s:s, s:s, s:i, s:i, s:o}", "name", r->name ? r->name : "", "subject",
                     review_subject_name(r->subject), "year_from", r->year_from, "year_to",
                     r->year_to, "criteria", crit);
}

enum tcxd_err store_rubric_import(struct store *st, const struct store_actor *who,
                                  const struct review_rubric *r, int64_t *id_out,
                                  struct tcxd_error *e)
{
    const struct review_ruleset *rs;
    enum tcxd_err rc;
    struct buf name = BUF_INIT, tmp = BUF_INIT;
    if ((unsigned)r->subject >= REVIEW_SUBJECT__MAX)
        return tcxd_fail(e, TCXD_EINVAL, "subject", "unknown review subject");
    if ((rc = review_ruleset_for_year(r->year_from, &rs, e)) ||
        (rc = review_rubric_validate(r, rs, e)) ||
        (rc = text_clean(r->name ? r->name : "", r->name ? strlen(r->name) : 0, 100, false, "name",
                         &name, e)))
        goto out;
    for (size_t i = 0; i < r->n_groups && !rc; i++)
        rc = review_clean(r->groups[i].name, 500, r->groups[i].code, &tmp, e);
    for (size_t i = 0; i < r->n_criteria && !rc; i++)
        rc = review_clean(r->criteria[i].name, 500, r->criteria[i].code, &tmp, e);
    if (rc || (rc = store_begin(st, e)))
        goto out;

    sqlite3_stmt *s = store_stmt(st, STMT_RUBRIC_NEXT_VERSION);
    store_bind_text(s, 1, review_subject_name(r->subject));
    sqlite3_bind_int(s, 2, r->year_from);
    int version = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 1;
    sqlite3_reset(s); /* release the read snapshot (issue 9) */
    sqlite3_reset(s);
    char at[32];
    review_now_iso(at);
    s = store_stmt(st, STMT_RUBRIC_INSERT);
    store_bind_text(s, 1, name.ptr);
    store_bind_text(s, 2, review_subject_name(r->subject));
    sqlite3_bind_int(s, 3, r->year_from);
    sqlite3_bind_int(s, 4, r->year_to);
    sqlite3_bind_int(s, 5, version);
    store_bind_text(s, 6, at);
    store_bind_text(s, 7, who && who->username ? who->username : "?");
    if ((rc = store_step_done(st, s, e, "storing the rubric")))
        goto fail;
    int64_t id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < r->n_groups; i++) {
        if ((rc = review_clean(r->groups[i].name, 500, r->groups[i].code, &tmp, e)))
            goto fail;
        s = store_stmt(st, STMT_RUBRIC_GROUP_INSERT);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int(s, 2, (int)i);
        store_bind_text(s, 3, r->groups[i].code);
        store_bind_text(s, 4, tmp.ptr);
        sqlite3_bind_int(s, 5, r->groups[i].max);
        if ((rc = store_step_done(st, s, e, "storing a rubric group")))
            goto fail;
    }
    for (size_t i = 0; i < r->n_criteria; i++) {
        if ((rc = review_clean(r->criteria[i].name, 500, r->criteria[i].code, &tmp, e)))
            goto fail;
        s = store_stmt(st, STMT_RUBRIC_CRITERION_INSERT);
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int(s, 2, (int)i);
        sqlite3_bind_int(s, 3, (int)r->criteria[i].group);
        store_bind_text(s, 4, r->criteria[i].code);
        store_bind_text(s, 5, tmp.ptr);
        sqlite3_bind_int(s, 6, r->criteria[i].max);
        if ((rc = store_step_done(st, s, e, "storing a rubric criterion")))
            goto fail;
    }
    json_t *aj = rubric_json(r);
    json_object_set_new(aj, "version", json_integer(version));
    char *after = review_json_text(aj);
    rc = store_audit(st, who, "review.rubric_import", "review_rubric", id, 0, NULL, after, e);
    free(after);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    if (id_out)
        *id_out = id;
    goto out;
fail:
    store_rollback(st);
out:
    buf_release(&name);
    buf_release(&tmp);
    return rc;
}

/* ---- review records ----------------------------------------------------------------------- */

void store_review_init(struct store_review *r)
{
    memset(r, 0, sizeof(*r));
    r->final_legacy = -1;
}

void store_review_release(struct store_review *r)
{
    for (size_t i = 0; i < r->n_steps; i++) {
        struct review_step_row *s = &r->steps[i];
        free(s->text);
        free(s->decision_no);
        free(s->cap_exception);
        free(s->username);
        free(s->user_full_name);
        free(s->proposal);
        free(s->facts);
        free(s->scores);
    }
    free(r->steps);
    store_review_init(r);
}

/* A stored legacy level name: enum review_legacy_org for organizations, _member for members;
   -1 for none or unknown. */
static int legacy_from_text(enum review_subject subj, const char *t)
{
    struct tcxd_error ig;
    enum review_legacy_org lo;
    enum review_legacy_member lm;
    if (!t || !*t)
        return -1;
    if (!review_subject_is_collective(subj))
        return review_legacy_member_parse(t, &lm, &ig) == TCXD_OK ? (int)lm : -1;
    return review_legacy_org_parse(t, &lo, &ig) == TCXD_OK ? (int)lo : -1;
}

static const char *legacy_text(enum review_subject subj, int legacy)
{
    if (legacy < 0)
        return NULL;
    return review_subject_is_collective(subj)
               ? review_legacy_org_name((enum review_legacy_org)legacy)
               : review_legacy_member_name((enum review_legacy_member)legacy);
}

static enum review_step step_from_text(const char *t)
{
    for (int k = 0; t && k < REVIEW_STEP__MAX; k++)
        if (!strcmp(t, review_step_name((enum review_step)k)))
            return (enum review_step)k;
    return REVIEW_STEP_SELF_ASSESS;
}

static enum tcxd_err load_steps(struct store *st, struct store_review *r, struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_STEPS);
    sqlite3_bind_int64(s, 1, r->id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(r->steps, r->n_steps + 1, cap);
        struct review_step_row *x = &r->steps[r->n_steps++];
        memset(x, 0, sizeof(*x));
        x->id = sqlite3_column_int64(s, 0);
        x->step = step_from_text((const char *)sqlite3_column_text(s, 1));
        column_level(s, 2, &x->level);
        x->has_total = sqlite3_column_type(s, 3) != SQLITE_NULL;
        x->total = (review_points)sqlite3_column_int(s, 3);
        x->text = column_dup(s, 4);
        x->decision_no = column_dup(s, 5);
        x->decision_date = store_column_date(s, 6);
        x->cap_exception = column_dup(s, 7);
        x->proposal = column_dup(s, 8);
        x->facts = column_dup(s, 9);
        x->username = column_dup(s, 10);
        store_column_copy(s, 11, x->at, sizeof(x->at));
        x->legacy = legacy_from_text(r->subject, (const char *)sqlite3_column_text(s, 12));
        x->user_full_name = column_dup(s, 13);
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading review steps");
    for (size_t i = 0; i < r->n_steps; i++) {
        struct review_step_row *x = &r->steps[i];
        size_t scap = 0;
        s = store_stmt(st, STMT_REVIEW_SCORES);
        sqlite3_bind_int64(s, 1, x->id);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            ALLOC_GROW(x->scores, x->n_scores + 1, scap);
            struct review_score_row *sc = &x->scores[x->n_scores++];
            memset(sc, 0, sizeof(*sc));
            store_column_copy(s, 0, sc->criterion, sizeof(sc->criterion));
            if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
                struct tcxd_error ig;
                sc->graded = true;
                if (review_grade_parse((const char *)sqlite3_column_text(s, 2), &sc->grade, &ig))
                    sc->grade = REVIEW_GRADE_KEM;
            } else {
                sc->points = (review_points)sqlite3_column_int(s, 1);
            }
        }
        if (rc != SQLITE_DONE)
            return store_db_error(st, e, "reading review scores");
    }
    return TCXD_OK;
}

static enum tcxd_err review_load(struct store *st, int64_t id, struct store_review *r,
                                 struct tcxd_error *e)
{
    store_review_release(r);
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_GET);
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE
                   ? tcxd_fail(e, TCXD_ENOTFOUND, "review", "no review #%lld", (long long)id)
                   : store_db_error(st, e, "reading a review");
    r->id = id;
    r->year = sqlite3_column_int(s, 1);
    r->member_id = sqlite3_column_int64(s, 2);
    r->org_id = sqlite3_column_int64(s, 3);
    r->subject = subject_from_text((const char *)sqlite3_column_text(s, 4));
    const char *rsname = (const char *)sqlite3_column_text(s, 5);
    if (!rsname || review_ruleset_parse(rsname, &r->rs, e))
        return tcxd_fail(e, TCXD_EDB, "ruleset", "review #%lld has an unknown rule set",
                         (long long)id);
    r->rubric_id = sqlite3_column_int64(s, 6);
    store_column_copy(s, 7, r->rubric_name, sizeof(r->rubric_name));
    r->review_date = store_column_date(s, 8);
    r->state = column_state(s, 9);
    r->has_self = column_level(s, 10, &r->self_level);
    r->has_self_total = sqlite3_column_type(s, 11) != SQLITE_NULL;
    r->self_total = (review_points)sqlite3_column_int(s, 11);
    r->has_verified = column_level(s, 12, &r->verified_level);
    r->has_verified_total = sqlite3_column_type(s, 13) != SQLITE_NULL;
    r->verified_total = (review_points)sqlite3_column_int(s, 13);
    r->has_proposed = column_level(s, 14, &r->proposed_level);
    r->has_final = column_level(s, 15, &r->final_level);
    store_column_copy(s, 16, r->decision_no, sizeof(r->decision_no));
    r->decision_date = store_column_date(s, 17);
    r->final_legacy = legacy_from_text(r->subject, (const char *)sqlite3_column_text(s, 18));
    r->historical = sqlite3_column_int(s, 19) != 0;
    sqlite3_reset(s);

    enum tcxd_err err;
    if (r->member_id) {
        struct member_info m;
        if ((err = store_member_get(st, r->member_id, &m, e)))
            return err;
        snprintf(r->subject_name, sizeof(r->subject_name), "%s", m.full_name);
    }
    struct org_info o;
    if (store_org_get(st, r->org_id, r->review_date, &o, NULL) == TCXD_OK ||
        store_org_get(st, r->org_id, date_today(), &o, NULL) == TCXD_OK) {
        if (!r->member_id)
            snprintf(r->subject_name, sizeof(r->subject_name), "%s", o.name);
        snprintf(r->org_code, sizeof(r->org_code), "%s", o.code);
    }
    return load_steps(st, r, e);
}

static enum tcxd_err check_key(const struct review_key *k, struct tcxd_error *e)
{
    if ((k->member_id != 0) == (k->org_id != 0))
        return tcxd_fail(e, TCXD_EINVAL, "subject", "a review is of a member or an organization");
    if (k->year < 1900 || k->year > 9999)
        return tcxd_fail(e, TCXD_EINVAL, "year", "invalid review year %d", k->year);
    return TCXD_OK;
}

/* The review's id, 0 when there is none. */
static enum tcxd_err find_review(struct store *st, const struct review_key *k, int64_t *id,
                                 struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, k->member_id ? STMT_REVIEW_FIND_MEMBER : STMT_REVIEW_FIND_ORG);
    sqlite3_bind_int64(s, 1, k->member_id ? k->member_id : k->org_id);
    sqlite3_bind_int(s, 2, k->year);
    int rc = sqlite3_step(s);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_db_error(st, e, "finding a review");
    return TCXD_OK;
}

enum tcxd_err store_review_get(struct store *st, const struct review_key *k,
                               struct store_review *out, struct tcxd_error *e)
{
    int64_t id;
    enum tcxd_err rc;
    if ((rc = check_key(k, e)) || (rc = find_review(st, k, &id, e)))
        return rc;
    if (!id)
        return tcxd_fail(e, TCXD_ENOTFOUND, "review", "no review of %s #%lld for %d",
                         k->member_id ? MSG_T("member") : MSG_T("organization"),
                         (long long)(k->member_id ? k->member_id : k->org_id), k->year);
    return review_load(st, id, out, e);
}

/* ---- rows of one year --------------------------------------------------------------------- */

enum tcxd_err review_load_year(struct store *st, int year, struct item_vec *out,
                               struct tcxd_error *e)
{
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_YEAR);
    sqlite3_bind_int(s, 1, year);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        ALLOC_GROW(out->v, out->n + 1, out->cap);
        struct review_report_item *it = &out->v[out->n++];
        memset(it, 0, sizeof(*it));
        it->review_id = sqlite3_column_int64(s, 0);
        it->member_id = sqlite3_column_int64(s, 1);
        it->org_id = sqlite3_column_int64(s, 2);
        it->state = column_state(s, 3);
        it->has_self = column_level(s, 4, &it->self_level);
        it->has_self_total = sqlite3_column_type(s, 5) != SQLITE_NULL;
        it->self_total = (review_points)sqlite3_column_int(s, 5);
        it->has_verified = column_level(s, 6, &it->verified_level);
        it->has_verified_total = sqlite3_column_type(s, 7) != SQLITE_NULL;
        it->verified_total = (review_points)sqlite3_column_int(s, 7);
        it->has_final = column_level(s, 8, &it->final_level);
        store_column_copy(s, 9, it->name, sizeof(it->name));
        it->final_legacy =
            legacy_from_text(it->member_id ? REVIEW_SUBJECT_MEMBER : REVIEW_SUBJECT_CHI_BO,
                             (const char *)sqlite3_column_text(s, 10));
        it->historical = sqlite3_column_int(s, 11) != 0;
    }
    if (rc != SQLITE_DONE)
        return store_db_error(st, e, "reading the year's reviews");
    return TCXD_OK;
}

uint32_t review_base_of(const struct org_tree *t, uint32_t node)
{
    while (node != TREE_NONE && t->nodes[node].tier != ORG_TIER_BASE)
        node = t->nodes[node].parent;
    return node;
}

/* ---- facts -------------------------------------------------------------------------------- */

void review_facts_release(struct review_facts_owned *f)
{
    free(f->disc);
    free(f->grades);
    buf_release(&f->registry);
    memset(f, 0, sizeof(*f));
}

static void scan_event(void *ctx, const struct member_event_info *ev)
{
    struct member_scan *m = ctx;
    if (ev->ev.kind == MEV_DISCIPLINE && date_to_ymd(ev->ev.date).y == m->year &&
        ev->ev.date <= m->date && (unsigned)ev->ev.form < DISCIPLINE__MAX) {
        ALLOC_GROW(m->disc, m->n + 1, m->cap);
        struct review_discipline *d = &m->disc[m->n++];
        memset(d, 0, sizeof(*d));
        d->form = (enum review_discipline_form)ev->ev.form; /* same order, khiển trách first */
        d->date = ev->ev.date;
        d->duty_related = true;
    }
    if (ev->ev.date <= m->date)
        review_scan_status(m, ev->ev.kind, ev->ev.form, ev->ev.decision_date);
}

void review_scan_status(struct member_scan *m, enum member_event_kind kind, int form,
                        tcxd_date decision_date)
{
    if (kind == MEV_ADMIT) {
        m->admitted = decision_date;
        m->exempt = m->suspended = false;
    } else if (kind == MEV_EXEMPT) {
        m->exempt = form == 0;
    } else if (kind == MEV_SUSPEND) {
        m->suspended = form == 0; /* form 1 ends the suspension */
    } else if (kind == MEV_EXIT) {
        m->exempt = m->suspended = false;
    }
}

enum tcxd_err review_member_state_load(struct store *st, const struct review_ruleset *rs,
                                       int64_t member_id, int year, tcxd_date date,
                                       struct member_state *ms, struct tcxd_error *e)
{
    memset(ms, 0, sizeof(*ms));
    ms->scan.year = year;
    ms->scan.date = date;
    ms->scan.admitted = DATE_NONE;
    struct member_derived d;
    member_derived_init(&d);
    enum tcxd_err rc = store_member_events(st, member_id, scan_event, &ms->scan, &d, e);
    if (!rc) {
        ms->status = member_status_on(&d, date);
        ms->org_id = member_org_on(&d, date);
        struct review_member_status rm = {ms->scan.exempt, ms->scan.suspended, ms->scan.admitted};
        ms->excl = review_exclusion_check(rs, &rm, date);
    }
    member_derived_release(&d);
    return rc;
}

void review_member_state_release(struct member_state *ms)
{
    free(ms->scan.disc);
    memset(ms, 0, sizeof(*ms));
}

struct id_vec {
    int64_t *v;
    size_t n, cap;
};

static void collect_member(void *ctx, const struct member_fact *f)
{
    struct id_vec *ids = ctx;
    ALLOC_GROW(ids->v, ids->n + 1, ids->cap);
    ids->v[ids->n++] = f->member_id;
}

/* The members registered in a chi bộ on the review date who are reviewed that year (not
   exempted, not admitted under 6 months before): the ones its decision follows. */
static enum tcxd_err chi_bo_reviewed_members(struct store *st, const struct store_review *rv,
                                             int *count, struct tcxd_error *e)
{
    struct id_vec ids = {0};
    *count = 0;
    enum tcxd_err rc =
        store_member_facts(st, rv->review_date, &rv->org_id, 1, collect_member, &ids, e);
    for (size_t i = 0; !rc && i < ids.n; i++) {
        struct member_state ms;
        if ((rc =
                 review_member_state_load(st, rv->rs, ids.v[i], rv->year, rv->review_date, &ms, e)))
            break;
        if (member_status_active(ms.status) && ms.org_id == rv->org_id &&
            ms.excl == REVIEW_INCLUDED)
            (*count)++;
        review_member_state_release(&ms);
    }
    free(ids.v);
    return rc;
}

/* Composition of a party organization: its members' (chi bộ) or direct sub-organizations'
   (đảng bộ) decided levels that year, and the count of sub-organizations. */
static void composition(const struct org_tree *t, uint32_t node, const struct item_vec *rows,
                        bool chi_bo, struct review_facts *f)
{
    for (size_t i = 0; i < rows->n; i++) {
        const struct review_report_item *it = &rows->v[i];
        if (!it->has_final || (chi_bo ? !it->member_id : it->member_id != 0))
            continue;
        uint32_t x = org_tree_find(t, it->org_id);
        if (x == TREE_NONE || (chi_bo ? x != node : t->nodes[x].parent != node))
            continue;
        f->composition_total++;
        f->composition_htnv_plus += review_level_at_least(it->final_level, REVIEW_HTNV);
        f->composition_httnv_plus += review_level_at_least(it->final_level, REVIEW_HTTNV);
    }
    if (!chi_bo)
        for (uint32_t c = t->nodes[node].first_child; c != TREE_NONE; c = t->nodes[c].next_sibling)
            f->sub_units++;
}

/* The organization's own discipline decisions up to the review date (the inspection module's
   records, store_inspection.h; the core counts those of the review year): the forcing rules of a
   disciplined collective. Added by the inspection stream (issue 16). */
static enum tcxd_err org_own_disciplines(struct store *st, const struct store_review *rv,
                                         const struct review_entered *in,
                                         struct review_facts_owned *out, struct tcxd_error *e)
{
    struct discipline_brief *b;
    size_t n;
    enum tcxd_err rc = store_discipline_briefs(st, rv->org_id, 0, rv->review_date, &b, &n, e);
    if (rc)
        return rc;
    size_t k = 0;
    out->disc = n ? xcalloc(n, sizeof(*out->disc)) : NULL;
    for (size_t i = 0; i < n; i++) {
        enum review_discipline_form form = b[i].form == PD_KHIEN_TRACH ? REVIEW_DISC_KHIEN_TRACH
                                           : b[i].form == PD_CANH_CAO  ? REVIEW_DISC_CANH_CAO
                                           : b[i].form == PD_GIAI_TAN  ? REVIEW_DISC_GIAI_TAN
                                                                       : REVIEW_DISC_NONE;
        if (form == REVIEW_DISC_NONE || date_to_ymd(b[i].decided).y != rv->year)
            continue;
        out->disc[k] = (struct review_discipline){.form = form,
                                                  .date = b[i].decided,
                                                  .self_remedied = in && in->self_remedied,
                                                  .duty_related = !(in && in->not_duty_related)};
        char d[DATE_ISO_LEN];
        date_format_vn(b[i].decided, d);
        buf_addf(&out->registry, "tổ chức bị kỷ luật %s ngày %s\n", review_discipline_label(form),
                 d);
        k++;
    }
    free(b);
    out->f.disciplines = out->disc;
    out->f.n_disciplines = k;
    return TCXD_OK;
}

/* Registry facts plus the entered ones; the score or grades are the caller's. */
static enum tcxd_err facts_load(struct store *st, const struct store_review *rv,
                                const struct review_entered *in, struct review_facts_owned *out,
                                struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    out->registry = (struct buf)BUF_INIT;
    struct review_facts *f = &out->f;
    f->subject = rv->subject;
    enum tcxd_err rc = TCXD_OK;
    char d[DATE_ISO_LEN];

    if (rv->member_id) {
        struct member_state ms;
        if ((rc = review_member_state_load(st, rv->rs, rv->member_id, rv->year, rv->review_date,
                                           &ms, e)))
            return rc;
        /* appeals decided by the review date (store_inspection.h, added by the inspection
           stream): a changed form replaces the event's, an annulled decision is none */
        size_t kept = 0;
        for (size_t i = 0; i < ms.scan.n; i++) {
            int form = (int)ms.scan.disc[i].form;
            if (store_member_discipline_standing(st, rv->member_id, ms.scan.disc[i].date, &form,
                                                 rv->review_date) &&
                (unsigned)form < DISCIPLINE__MAX) {
                ms.scan.disc[kept] = ms.scan.disc[i];
                ms.scan.disc[kept++].form = (enum review_discipline_form)form;
            }
        }
        ms.scan.n = kept;
        out->disc = ms.scan.disc;
        ms.scan.disc = NULL;
        f->disciplines = out->disc;
        f->n_disciplines = ms.scan.n;
        for (size_t i = 0; i < ms.scan.n; i++) {
            out->disc[i].self_remedied = in && in->self_remedied;
            out->disc[i].duty_related = !(in && in->not_duty_related);
            date_format_vn(out->disc[i].date, d);
            buf_addf(&out->registry, "kỷ luật %s ngày %s\n",
                     review_discipline_label(out->disc[i].form), d);
        }
        if (!ms.scan.n)
            buf_addf(&out->registry, "không bị kỷ luật trong năm %d\n", rv->year);
        review_member_state_release(&ms);
    } else if (review_subject_is_party_org(rv->subject)) {
        struct org_tree t;
        struct item_vec rows = {0};
        if ((rc = store_tree_load(st, rv->review_date, &t, e)))
            return rc;
        uint32_t node = org_tree_find(&t, rv->org_id);
        if (node != TREE_NONE && !(rc = review_load_year(st, rv->year, &rows, e))) {
            bool chi_bo = rv->subject == REVIEW_SUBJECT_CHI_BO;
            composition(&t, node, &rows, chi_bo, f);
            buf_addf(&out->registry,
                     "%d %s đã có quyết định xếp loại: %d từ %s trở lên, %d từ %s trở lên\n",
                     f->composition_total, chi_bo ? "đảng viên" : "tổ chức đảng trực thuộc",
                     f->composition_htnv_plus, review_level_label(REVIEW_HTNV),
                     f->composition_httnv_plus, review_level_label(REVIEW_HTTNV));
            if (!chi_bo)
                buf_addf(&out->registry, "%d tổ chức đảng trực thuộc\n", f->sub_units);
        }
        free(rows.v);
        org_tree_release(&t);
        if (rc || (rc = org_own_disciplines(st, rv, in, out, e)))
            return rc;
    }
    if (in) {
        if (in->has_votes && rv->subject == REVIEW_SUBJECT_LEADER) {
            f->votes_returned = in->votes_returned;
            f->votes_low = in->votes_low;
            f->votes_share = in->votes_share;
        }
        f->degradation = in->degradation;
        f->disunity = in->disunity;
        f->targets = in->targets;
        f->shortcomings_total = in->shortcomings_total;
        f->shortcomings_remedied = in->shortcomings_remedied;
        if (rv->subject == REVIEW_SUBJECT_LEADER) {
            f->unit_targets = in->unit_targets;
            f->se_targets_missed = in->se_targets_missed;
            f->units_in_charge = in->units_in_charge;
            f->units_in_charge_khtnv = in->units_in_charge_khtnv;
        }
        if (review_subject_is_collective(rv->subject)) {
            f->sub_units_disciplined = in->sub_disciplined;
            f->sub_units_unremedied = in->sub_unremedied;
            if (f->sub_units < in->sub_disciplined)
                f->sub_units = in->sub_disciplined;
        }
    }
    /* the chi bộ's conclusion in the member's degradation self-check of the year
       (store_degradation.h) is a conclusion of degradation (inspection stream, issue 16) */
    if (rv->member_id && store_degradation_concluded(st, rv->member_id, rv->year)) {
        f->degradation = true;
        buf_addf(&out->registry, "chi bộ kết luận có biểu hiện suy thoái (tự soi, tự sửa năm %d)\n",
                 rv->year);
    }
    if (rv->subject == REVIEW_SUBJECT_LEADER && rv->member_id) {
        /* the confidence vote recorded for the cadre that year (store_cadre.h, tcxd cadre vote)
           is the year's vote: it replaces what was typed in at verification (cadre stream) */
        struct cadre_vote_year v;
        if ((rc = store_cadre_vote_for_member(st, rv->member_id, rv->year, &v, e)))
            return rc;
        if (v.found) {
            f->votes_returned = (int)v.returned;
            f->votes_low = (int)v.low;
            date_format_vn(v.held_on, d);
            buf_addf(&out->registry,
                     "lấy phiếu tín nhiệm ngày %s (hội nghị #%lld): %lld/%lld phiếu tín nhiệm "
                     "thấp\n",
                     d, (long long)v.session_id, (long long)v.low, (long long)v.returned);
        }
    }
    return TCXD_OK;
}

/* The entered facts of the latest verification step (stored as JSON). */
static void targets_from_json(const json_t *j, struct review_targets *t)
{
    memset(t, 0, sizeof(*t));
    if (!j)
        return;
    t->total = (int)json_integer_value(json_object_get(j, "total"));
    t->done = (int)json_integer_value(json_object_get(j, "done"));
    t->on_time = (int)json_integer_value(json_object_get(j, "on_time"));
    t->exceeded = (int)json_integer_value(json_object_get(j, "exceeded"));
    t->key_missed = json_is_true(json_object_get(j, "key_missed"));
    t->force_majeure = json_is_true(json_object_get(j, "force_majeure"));
}

static json_t *targets_json(const struct review_targets *t)
{
    return json_pack("{s:i, s:i, s:i, s:i, s:b, s:b}", "total", t->total, "done", t->done,
                     "on_time", t->on_time, "exceeded", t->exceeded, "key_missed", t->key_missed,
                     "force_majeure", t->force_majeure);
}

static void entered_from_json(const char *text, struct review_entered *in)
{
    memset(in, 0, sizeof(*in));
    json_t *j = text ? json_loads(text, 0, NULL) : NULL;
    json_t *x = j ? json_object_get(j, "entered") : NULL;
    if (x) {
        json_t *v;
        if ((v = json_object_get(x, "votes_returned")) && json_is_integer(v)) {
            in->has_votes = true;
            in->votes_returned = (int)json_integer_value(v);
            in->votes_low = (int)json_integer_value(json_object_get(x, "votes_low"));
            in->votes_share = json_is_true(json_object_get(x, "votes_share"));
        }
        in->self_remedied = json_is_true(json_object_get(x, "self_remedied"));
        in->not_duty_related = json_is_true(json_object_get(x, "not_duty_related"));
        in->degradation = json_is_true(json_object_get(x, "degradation"));
        in->disunity = json_is_true(json_object_get(x, "disunity"));
        in->sub_disciplined = (int)json_integer_value(json_object_get(x, "sub_disciplined"));
        in->sub_unremedied = (int)json_integer_value(json_object_get(x, "sub_unremedied"));
        in->has_sub_unremedied = true;
        targets_from_json(json_object_get(x, "targets"), &in->targets);
        targets_from_json(json_object_get(x, "unit_targets"), &in->unit_targets);
        in->se_targets_missed = json_is_true(json_object_get(x, "se_targets_missed"));
        in->units_in_charge = (int)json_integer_value(json_object_get(x, "units_in_charge"));
        in->units_in_charge_khtnv =
            (int)json_integer_value(json_object_get(x, "units_in_charge_khtnv"));
        in->shortcomings_total = (int)json_integer_value(json_object_get(x, "shortcomings_total"));
        in->shortcomings_remedied =
            (int)json_integer_value(json_object_get(x, "shortcomings_remedied"));
    }
    json_decref(j);
}

static json_t *entered_json(const struct review_entered *in)
{
    json_t *j = json_object();
    if (in->has_votes) {
        json_object_set_new(j, "votes_returned", json_integer(in->votes_returned));
        json_object_set_new(j, "votes_low", json_integer(in->votes_low));
        if (in->votes_share)
            json_object_set_new(j, "votes_share", json_true());
    }
    json_object_set_new(j, "self_remedied", json_boolean(in->self_remedied));
    json_object_set_new(j, "not_duty_related", json_boolean(in->not_duty_related));
    json_object_set_new(j, "degradation", json_boolean(in->degradation));
    json_object_set_new(j, "disunity", json_boolean(in->disunity));
    json_object_set_new(j, "sub_disciplined", json_integer(in->sub_disciplined));
    json_object_set_new(j, "sub_unremedied", json_integer(in->sub_unremedied));
    if (in->targets.total)
        json_object_set_new(j, "targets", targets_json(&in->targets));
    if (in->unit_targets.total)
        json_object_set_new(j, "unit_targets", targets_json(&in->unit_targets));
    if (in->se_targets_missed)
        json_object_set_new(j, "se_targets_missed", json_true());
    if (in->units_in_charge) {
        json_object_set_new(j, "units_in_charge", json_integer(in->units_in_charge));
        json_object_set_new(j, "units_in_charge_khtnv", json_integer(in->units_in_charge_khtnv));
    }
    if (in->shortcomings_total) {
        json_object_set_new(j, "shortcomings_total", json_integer(in->shortcomings_total));
        json_object_set_new(j, "shortcomings_remedied", json_integer(in->shortcomings_remedied));
    }
    return j;
}

static json_t *proposal_json(const struct review_proposal *p)
{
    json_t *reasons = json_array();
    for (size_t i = 0; i < p->n_reasons; i++)
        json_array_append_new(reasons, json_string(p->reasons[i]));
    return json_pack("{s:s, s:s, s:b, s:o}", "level", review_level_name(p->level), "score_level",
                     review_level_name(p->score_level), "forced", p->forced, "reasons", reasons);
}

/* ---- scores ------------------------------------------------------------------------------- */

struct parsed_scores {
    struct review_score_row *rows;
    size_t n;
    bool graded;
    review_points total;
    enum review_grade results; /* worst grade of the last group */
    enum review_grade *others;
    size_t n_others;
};

static void parsed_release(struct parsed_scores *p)
{
    free(p->rows);
    free(p->others);
    memset(p, 0, sizeof(*p));
}

static enum tcxd_err parse_scores(const struct review_ruleset *rs, const struct review_rubric *r,
                                  const struct review_entry *in, size_t n,
                                  struct parsed_scores *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    out->graded = rs->scoring == REVIEW_SCORING_GRADES;
    if (n == 0)
        return tcxd_fail(e, TCXD_EINVAL, "scores", "no scores given (rubric '%s' has %zu criteria)",
                         r->name, r->n_criteria);
    out->rows = xcalloc(n, sizeof(*out->rows));
    struct review_score *sc = xcalloc(n, sizeof(*sc));
    enum tcxd_err rc = TCXD_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const char *code = in[i].criterion ? in[i].criterion : "";
        const char *val = in[i].value ? in[i].value : "";
        size_t k = r->n_criteria;
        for (size_t j = 0; j < r->n_criteria; j++)
            if (!strcmp(r->criteria[j].code, code))
                k = j;
        if (k == r->n_criteria) {
            rc = tcxd_fail(e, TCXD_EINVAL, *code ? code : "criterion",
                           "unknown criterion '%s' in rubric '%s'", code, r->name);
            break;
        }
        struct review_score_row *row = &out->rows[out->n++];
        snprintf(row->criterion, sizeof(row->criterion), "%s", code);
        row->graded = out->graded;
        if (out->graded) {
            for (size_t j = 0; j < i && !rc; j++)
                if (!strcmp(out->rows[j].criterion, code))
                    rc = tcxd_fail(e, TCXD_EINVAL, code, "criterion '%s' graded twice", code);
            if (!rc && review_grade_parse(val, &row->grade, e))
                rc = tcxd_fail(e, TCXD_EINVAL, code,
                               "invalid grade '%s' for criterion '%s' (xuat_sac, tot, "
                               "trung_binh, kem; rule set %s grades each criterion)",
                               val, code, rs->name);
        } else {
            rc = review_points_parse(val, &row->points, code, e);
            sc[i].criterion = row->criterion;
            sc[i].points = row->points;
        }
    }
    if (!rc && !out->graded)
        rc = review_scores_validate(r, sc, n, &out->total, NULL, e);
    if (!rc && out->graded) {
        size_t last = r->n_groups - 1;
        out->results = REVIEW_GRADE_XUAT_SAC;
        out->others = xcalloc(r->n_criteria, sizeof(*out->others));
        for (size_t j = 0; j < r->n_criteria && !rc; j++) {
            const struct review_score_row *found = NULL;
            for (size_t i = 0; i < out->n; i++)
                if (!strcmp(out->rows[i].criterion, r->criteria[j].code))
                    found = &out->rows[i];
            if (!found) {
                rc = tcxd_fail(e, TCXD_EINVAL, r->criteria[j].code,
                               "missing grade for criterion '%s'", r->criteria[j].code);
            } else if (r->criteria[j].group == last) {
                if (found->grade > out->results)
                    out->results = found->grade;
            } else {
                out->others[out->n_others++] = found->grade;
            }
        }
    }
    free(sc);
    if (rc)
        parsed_release(out);
    return rc;
}

/* Scores of a stored step back into parsed form (for a proposal at decision time). */
static void parsed_from_step(const struct review_rubric *r, const struct review_step_row *s,
                             struct parsed_scores *out)
{
    memset(out, 0, sizeof(*out));
    out->total = s->total;
    if (!s->n_scores || !s->scores[0].graded)
        return;
    out->graded = true;
    out->results = REVIEW_GRADE_XUAT_SAC;
    out->others = xcalloc(r->n_criteria ? r->n_criteria : 1, sizeof(*out->others));
    for (size_t j = 0; j < r->n_criteria; j++)
        for (size_t i = 0; i < s->n_scores; i++) {
            if (strcmp(s->scores[i].criterion, r->criteria[j].code))
                continue;
            if (r->criteria[j].group == r->n_groups - 1) {
                if (s->scores[i].grade > out->results)
                    out->results = s->scores[i].grade;
            } else {
                out->others[out->n_others++] = s->scores[i].grade;
            }
        }
}

static void facts_set_scores(struct review_facts *f, const struct parsed_scores *p)
{
    if (p->graded) {
        f->has_grades = true;
        f->results_grade = p->results;
        f->grades = p->others;
        f->n_grades = p->n_others;
    } else {
        f->has_score = true;
        f->score = p->total;
    }
}

static enum tcxd_err review_rubric_of(struct store *st, const struct store_review *rv,
                                      struct store_rubric *out, struct tcxd_error *e)
{
    if (rv->rubric_id)
        return store_rubric_get(st, rv->rubric_id, out, e);
    return builtin_rubric(rv->subject, rv->year, out, e);
}

static const struct review_step_row *last_step(const struct store_review *rv, enum review_step s)
{
    for (size_t i = rv->n_steps; i-- > 0;)
        if (rv->steps[i].step == s)
            return &rv->steps[i];
    return NULL;
}

/* The proposal from the latest verification (with today's registry facts). */
static enum tcxd_err propose_from_verification(struct store *st, const struct store_review *rv,
                                               struct review_proposal *p, bool *has,
                                               struct buf *facts_text, struct tcxd_error *e)
{
    *has = false;
    const struct review_step_row *v = last_step(rv, REVIEW_STEP_VERIFY);
    if (!v)
        return TCXD_OK;
    struct store_rubric rub;
    struct review_entered in;
    struct review_facts_owned fo;
    struct parsed_scores ps;
    store_rubric_init(&rub);
    enum tcxd_err rc = review_rubric_of(st, rv, &rub, e);
    if (rc) {
        store_rubric_release(&rub);
        return rc;
    }
    entered_from_json(v->facts, &in);
    if (!(rc = facts_load(st, rv, &in, &fo, e))) {
        parsed_from_step(&rub.r, v, &ps);
        facts_set_scores(&fo.f, &ps);
        rc = review_propose(rv->rs, rv->year, &fo.f, p, e);
        *has = rc == TCXD_OK;
        if (facts_text)
            buf_add(facts_text, fo.registry.ptr, fo.registry.len);
        parsed_release(&ps);
        review_facts_release(&fo);
    }
    store_rubric_release(&rub);
    return rc;
}

/* ---- the cap group ------------------------------------------------------------------------ */

/* Decided levels of the review's cap group other than itself, and a description of it. */
static enum tcxd_err cap_group(struct store *st, const struct store_review *rv,
                               enum review_level **levels, size_t *n, char desc[256],
                               struct tcxd_error *e)
{
    struct org_tree t;
    struct item_vec rows = {0};
    enum tcxd_err rc;
    *levels = NULL;
    *n = 0;
    desc[0] = '\0';
    if ((rc = store_tree_load(st, rv->review_date, &t, e)))
        return rc;
    if ((rc = review_load_year(st, rv->year, &rows, e)))
        goto out;
    uint32_t node = org_tree_find(&t, rv->org_id);
    if (node == TREE_NONE)
        goto out;
    size_t cap = 0;
    if (rv->member_id) {
        uint32_t base = review_base_of(&t, node);
        if (base == TREE_NONE)
            base = node;
        snprintf(desc, 256, "đảng viên của %s", t.nodes[base].name);
        for (size_t i = 0; i < rows.n; i++) {
            const struct review_report_item *it = &rows.v[i];
            if (!it->member_id || !it->has_final || it->review_id == rv->id)
                continue;
            uint32_t x = org_tree_find(&t, it->org_id);
            if (x == TREE_NONE || !org_tree_in_subtree(&t, base, x))
                continue;
            ALLOC_GROW(*levels, *n + 1, cap);
            (*levels)[(*n)++] = it->final_level;
        }
    } else {
        const struct org_node *me = &t.nodes[node];
        int cls = review_cap_class(me->tier, me->form, me->base_type);
        struct buf lb = BUF_INIT;
        review_cap_class_label(&lb, me->tier, me->form, me->base_type);
        snprintf(desc, 256, "%s trực thuộc %s", lb.ptr,
                 me->parent != TREE_NONE ? t.nodes[me->parent].name : "(gốc)");
        buf_release(&lb);
        for (size_t i = 0; i < rows.n; i++) {
            const struct review_report_item *it = &rows.v[i];
            if (it->member_id || !it->has_final || it->review_id == rv->id)
                continue;
            uint32_t x = org_tree_find(&t, it->org_id);
            if (x == TREE_NONE || t.nodes[x].parent != me->parent ||
                review_cap_class(t.nodes[x].tier, t.nodes[x].form, t.nodes[x].base_type) != cls)
                continue;
            ALLOC_GROW(*levels, *n + 1, cap);
            (*levels)[(*n)++] = it->final_level;
        }
    }
out:
    free(rows.v);
    org_tree_release(&t);
    return rc;
}

/* Checks deciding `level` against the cap; fills *cap. */
static enum tcxd_err cap_check(struct store *st, const struct store_review *rv,
                               enum review_level level, const char *exception,
                               struct review_cap *cap, char desc[256], struct tcxd_error *e)
{
    enum review_level *lv;
    size_t n;
    enum tcxd_err rc = cap_group(st, rv, &lv, &n, desc, e);
    if (rc)
        return rc;
    lv = xreallocarray(lv, n + 1, sizeof(*lv));
    lv[n++] = level;
    rc = review_cap_check(rv->rs, REVIEW_CAP_DEFAULT, lv, n, exception, cap, e);
    if (rc == TCXD_ERULE) {
        char msg[sizeof(e->msg)];
        snprintf(msg, sizeof(msg), "%s", e->msg);
        rc = tcxd_fail(e, TCXD_ERULE, "level", "%s among %s in %d", msg, desc, rv->year);
    }
    free(lv);
    return rc;
}

void review_preview_init(struct review_preview *p)
{
    memset(p, 0, sizeof(*p));
    review_proposal_init(&p->proposal);
    p->facts = (struct buf)BUF_INIT;
}

void review_preview_release(struct review_preview *p)
{
    review_proposal_release(&p->proposal);
    buf_release(&p->facts);
    memset(p, 0, sizeof(*p));
}

enum tcxd_err store_review_preview(struct store *st, const struct review_key *k,
                                   enum review_level level, struct review_preview *out,
                                   struct tcxd_error *e)
{
    struct store_review rv;
    store_review_init(&rv);
    enum tcxd_err rc = store_review_get(st, k, &rv, e);
    if (!rc)
        rc = propose_from_verification(st, &rv, &out->proposal, &out->has_proposal, &out->facts, e);
    if (!rc) {
        out->level = level != REVIEW_LEVEL__MAX ? level
                     : out->has_proposal        ? out->proposal.level
                     : rv.has_final             ? rv.final_level
                                                : REVIEW_HTNV;
        struct tcxd_error ig;
        enum tcxd_err c = cap_check(st, &rv, out->level, NULL, &out->cap, out->cap_group, &ig);
        if (c && c != TCXD_ERULE) {
            *e = ig;
            rc = c;
        }
    }
    store_review_release(&rv);
    return rc;
}

/* ---- steps -------------------------------------------------------------------------------- */

static json_t *review_summary_json(const struct store_review *rv)
{
    json_t *j = json_pack("{s:I, s:i, s:s, s:s, s:s}", "id", (json_int_t)rv->id, "year", rv->year,
                          "subject", review_subject_name(rv->subject), "state",
                          review_state_name(rv->state), "ruleset", rv->rs->name);
    if (rv->member_id)
        json_object_set_new(j, "member_id", json_integer(rv->member_id));
    json_object_set_new(j, "org_id", json_integer(rv->org_id));
    json_object_set_new(j, "self_level",
                        rv->has_self ? json_string(review_level_name(rv->self_level))
                                     : json_null());
    json_object_set_new(j, "verified_level",
                        rv->has_verified ? json_string(review_level_name(rv->verified_level))
                                         : json_null());
    json_object_set_new(j, "final_level",
                        rv->has_final ? json_string(review_level_name(rv->final_level))
                                      : json_null());
    return j;
}

/* Creates the review row for a first self-assessment; fills rv (id, org, subject, ...). */
static enum tcxd_err review_create(struct store *st, const struct review_key *k,
                                   const struct review_ruleset *rs,
                                   const struct review_step_req *req, struct store_review *rv,
                                   struct store_rubric *rub, struct tcxd_error *e)
{
    enum tcxd_err rc;
    char d[DATE_ISO_LEN];
    tcxd_date date =
        req->review_date != DATE_NONE ? req->review_date : date_from_ymd(k->year, 12, 31);
    if (date_to_ymd(date).y != k->year && date_to_ymd(date).y != k->year + 1)
        return tcxd_fail(e, TCXD_EINVAL, "review_date",
                         "review date %s is not in %d or early the next year",
                         (date_format_vn(date, d), d), k->year);
    store_review_init(rv);
    rv->year = k->year;
    rv->rs = rs;
    rv->review_date = date;
    date_format_vn(date, d);
    if (k->member_id) {
        struct member_state ms;
        if ((rc = review_member_state_load(st, rs, k->member_id, k->year, date, &ms, e)))
            return rc;
        enum member_status status = ms.status;
        enum review_exclusion excl = ms.excl;
        rv->org_id = ms.org_id;
        review_member_state_release(&ms);
        if (!member_status_active(status) || !rv->org_id)
            return tcxd_fail(e, TCXD_ERULE, "member",
                             "member #%lld is not a party member on the review date %s",
                             (long long)k->member_id, d);
        if (excl != REVIEW_INCLUDED)
            return tcxd_fail(e, TCXD_ERULE, "member",
                             "member #%lld is not reviewed for %d: %s (review date %s)",
                             (long long)k->member_id, k->year, review_exclusion_label(excl), d);
        rv->member_id = k->member_id;
        rv->subject = req->subject == REVIEW_SUBJECT__MAX ? REVIEW_SUBJECT_MEMBER : req->subject;
        if (review_subject_is_collective(rv->subject))
            return tcxd_fail(e, TCXD_EINVAL, "subject", "a member is reviewed as %s or %s",
                             review_subject_name(REVIEW_SUBJECT_MEMBER),
                             review_subject_name(REVIEW_SUBJECT_LEADER));
    } else {
        struct org_info o;
        if ((rc = store_org_get(st, k->org_id, date, &o, e)))
            return rc;
        rv->org_id = o.id;
        enum review_subject dflt =
            o.form == ORG_FORM_CHI_BO ? REVIEW_SUBJECT_CHI_BO : REVIEW_SUBJECT_DANG_BO;
        rv->subject = req->subject == REVIEW_SUBJECT__MAX ? dflt : req->subject;
        if (!review_subject_is_collective(rv->subject) ||
            (review_subject_is_party_org(rv->subject) && rv->subject != dflt))
            return tcxd_fail(e, TCXD_EINVAL, "subject", "organization %s is reviewed as %s or %s",
                             o.code, review_subject_name(dflt),
                             review_subject_name(REVIEW_SUBJECT_LEADERSHIP));
    }
    rc = store_rubric_for(st, rv->subject, k->year, rub, e);
    /* a past decision recorded as history needs no rubric: nothing is scored */
    if (rc == TCXD_ENOTFOUND && req->step == REVIEW_STEP_RECORD)
        rc = TCXD_OK;
    if (rc)
        return rc;
    rv->rubric_id = rub->id;
    snprintf(rv->rubric_name, sizeof(rv->rubric_name), "%s", rub->r.name ? rub->r.name : "");
    char at[32], iso[DATE_ISO_LEN];
    review_now_iso(at);
    date_format_iso(date, iso);
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_INSERT);
    sqlite3_bind_int(s, 1, k->year);
    if (rv->member_id)
        sqlite3_bind_int64(s, 2, rv->member_id);
    sqlite3_bind_int64(s, 3, rv->org_id);
    store_bind_text(s, 4, review_subject_name(rv->subject));
    store_bind_text(s, 5, rs->name);
    if (rub->id)
        sqlite3_bind_int64(s, 6, rub->id);
    store_bind_text(s, 7, rub->r.name ? rub->r.name : "");
    store_bind_text(s, 8, iso);
    store_bind_text(s, 9, at);
    if ((rc = store_step_done(st, s, e, "creating the review")))
        return rc;
    rv->id = sqlite3_last_insert_rowid(st->db);
    rv->state = REVIEW_STATE_NONE;
    return TCXD_OK;
}

static enum tcxd_err check_entered(const struct review_entered *in, struct tcxd_error *e)
{
    if (in->has_votes &&
        (in->votes_returned <= 0 || in->votes_low < 0 || in->votes_low > in->votes_returned))
        return tcxd_fail(e, TCXD_EINVAL, "votes",
                         "invalid confidence vote: %d low of %d returned ballots", in->votes_low,
                         in->votes_returned);
    if (in->sub_remedied < 0 || in->sub_remedied > in->sub_disciplined ||
        (in->has_sub_unremedied && in->sub_remedied &&
         in->sub_unremedied + in->sub_remedied != in->sub_disciplined))
        return tcxd_fail(e, TCXD_EINVAL, "sub_remedied",
                         "invalid remedied sub-units: %d of %d disciplined", in->sub_remedied,
                         in->sub_disciplined);
    if (in->sub_disciplined < 0 || in->sub_unremedied < 0 ||
        in->sub_unremedied > in->sub_disciplined)
        return tcxd_fail(e, TCXD_EINVAL, "sub_disciplined",
                         "invalid disciplined sub-units: %d, of them %d not remedied",
                         in->sub_disciplined, in->sub_unremedied);
    return TCXD_OK;
}

/* Lists an organization decided KHTNV as weak (source 'decided') unless it already is; *id gets
   the new entry's id (0 when it was listed). The step's audit record names it. */
static enum tcxd_err insert_weak_decided(struct store *st, const struct store_review *rv,
                                         int64_t *id, struct tcxd_error *e)
{
    *id = 0;
    sqlite3_stmt *s = store_stmt(st, STMT_WEAK_FIND);
    sqlite3_bind_int64(s, 1, rv->org_id);
    sqlite3_bind_int(s, 2, rv->year);
    store_bind_text(s, 3, "");
    int r = sqlite3_step(s);
    sqlite3_reset(s);
    if (r == SQLITE_ROW)
        return TCXD_OK;
    if (r != SQLITE_DONE)
        return store_db_error(st, e, "finding a weak organization");
    char at[32];
    review_now_iso(at);
    s = store_stmt(st, STMT_WEAK_INSERT);
    sqlite3_bind_int64(s, 1, rv->org_id);
    sqlite3_bind_int(s, 2, rv->year);
    store_bind_text(s, 3, "decided");
    store_bind_text(s, 4, "");
    store_bind_text(s, 5, "");
    sqlite3_bind_null(s, 6);
    store_bind_text(s, 7, weak_status_name(WEAK_OPEN));
    sqlite3_bind_null(s, 8);
    store_bind_text(s, 9, at);
    store_bind_text(s, 10, "");
    sqlite3_bind_null(s, 11);
    enum tcxd_err rc = store_step_done(st, s, e, "listing the weak organization");
    if (!rc)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

/* A scoped handle reviews only its own subjects of that year: the organization, or the
   member's chi bộ on the review date, in the scope's subtree then and today. The level of the
   scope organization itself is decided (recorded, amended) by the superior committee. */
static enum tcxd_err scope_check_review(struct store *st, const struct review_key *k,
                                        enum review_step step, struct tcxd_error *e)
{
    if (!store_scoped(st))
        return TCXD_OK;
    tcxd_date d = review_report_date(k->year);
    enum tcxd_err rc;
    if (k->org_id && (rc = store_scope_check_write(st, k->org_id, d, "id", e)))
        return rc;
    if (k->org_id)
        return step == REVIEW_STEP_DECIDE || step == REVIEW_STEP_AMEND || step == REVIEW_STEP_RECORD
                   ? store_scope_check_not_root_review(st, k->org_id, "step", e)
                   : TCXD_OK;
    int64_t org = store_scope_member_org_on(st, k->member_id, d);
    if (!org || !store_scope_member(st, k->member_id))
        return tcxd_fail(e, TCXD_ENOTFOUND, "id", "no member #%lld", (long long)k->member_id);
    return store_scope_check_write(st, org, d, "id", e);
}

enum tcxd_err store_review_step(struct store *st, const struct store_actor *who,
                                const struct review_key *k, const struct review_step_req *req,
                                struct store_review *out, struct tcxd_error *e)
{
    const struct review_ruleset *rs;
    struct store_review rv;
    struct store_rubric rub;
    struct parsed_scores ps;
    struct review_facts_owned fo;
    struct review_proposal prop;
    struct buf text = BUF_INIT, decno = BUF_INIT, capx = BUF_INIT, over = BUF_INIT;
    json_t *before = NULL, *facts = NULL, *propj = NULL, *order_note = NULL;
    enum review_state to;
    enum review_level level = REVIEW_HTNV;
    int legacy = -1; /* the level in the year's own names (decide, amend, record) */
    bool has_prop = false;
    int64_t id;
    enum tcxd_err rc;

    store_review_init(&rv);
    store_rubric_init(&rub);
    review_proposal_init(&prop);
    memset(&ps, 0, sizeof(ps));
    memset(&fo, 0, sizeof(fo));
    if ((unsigned)req->step >= REVIEW_STEP__MAX)
        BUG("review step %d", (int)req->step);
    struct review_entered entered = req->facts;
    if (!entered.has_sub_unremedied)
        entered.sub_unremedied = entered.sub_disciplined - entered.sub_remedied;
    if ((rc = check_key(k, e)) || (rc = review_ruleset_for_year(k->year, &rs, e)) ||
        (rc = review_clean(req->text, 4000, req->step == REVIEW_STEP_AMEND ? "reason" : "text",
                           &text, e)) ||
        (rc = review_clean(req->decision_no, 100, "decision_no", &decno, e)) ||
        (rc = review_clean(req->cap_exception, 1000, "cap_exception", &capx, e)) ||
        (rc = review_clean(req->override_reason, 1000, "override_reason", &over, e)) ||
        (rc = check_entered(&entered, e)) || (rc = scope_check_review(st, k, req->step, e)))
        goto out;
    if (req->has_level && (unsigned)req->level >= REVIEW_LEVEL__MAX)
        BUG("review level %d", (int)req->level);
    if ((rc = store_begin(st, e)))
        goto out;
    if ((rc = find_review(st, k, &id, e)))
        goto fail;
    if (id) {
        if ((rc = review_load(st, id, &rv, e)))
            goto fail;
        before = review_summary_json(&rv);
    }
    enum review_state from = id ? rv.state : REVIEW_STATE_NONE;
    if ((rc = review_step_apply(from, req->step, &to, e)))
        goto fail;
    if (!id) {
        if ((rc = review_create(st, k, rs, req, &rv, &rub, e)))
            goto fail;
    }
    bool scored = req->step == REVIEW_STEP_SELF_ASSESS || req->step == REVIEW_STEP_VERIFY;
    bool record = req->step == REVIEW_STEP_RECORD;
    if (id && scored && (rc = review_rubric_of(st, &rv, &rub, e)))
        goto fail;

    const struct review_entered none = {0};
    const struct review_entered *in = req->step == REVIEW_STEP_VERIFY ? &entered : &none;
    if (scored) {
        if ((rc = parse_scores(rv.rs, &rub.r, req->scores, req->n_scores, &ps, e)) ||
            (rc = facts_load(st, &rv, in, &fo, e)))
            goto fail;
        facts_set_scores(&fo.f, &ps);
        if ((rc = review_propose(rv.rs, rv.year, &fo.f, &prop, e)))
            goto fail;
        has_prop = true;
        level = req->has_level ? req->level : prop.level;
        facts = json_pack("{s:o, s:s}", "entered", entered_json(in), "registry", fo.registry.ptr);
    } else {
        if (req->level_text) {
            if ((rc = review_level_resolve(rv.rs, rv.subject, req->level_text, &level, &legacy, e)))
                goto fail;
        } else if (!req->has_level) {
            rc = tcxd_fail(e, TCXD_EINVAL, "level", "the %s level is required",
                           req->step == REVIEW_STEP_AMEND ? MSG_T("amended") : MSG_T("decided"));
            goto fail;
        } else {
            level = req->level;
            if (rv.rs->legacy_levels && review_subject_is_party_org(rv.subject))
                legacy = (int)review_legacy_org_from_level(level);
            else if (rv.rs->legacy_levels && !review_subject_is_collective(rv.subject))
                legacy = (int)review_legacy_member_from_level(level);
        }
        if ((rc = propose_from_verification(st, &rv, &prop, &has_prop, NULL, e)))
            goto fail;
        /* the rules of the decision are core's (review_decision_check); the store gives the
           proposal and, for a party organization decided, how many of its parts are decided */
        struct review_decision_in din = {.step = req->step,
                                         .year = rv.year,
                                         .today = date_today(),
                                         .level = level,
                                         .has_decision_no = decno.len > 0,
                                         .has_reason = text.len > 0,
                                         .has_override_reason = over.len > 0,
                                         .decision_date = req->decision_date,
                                         .proposal = has_prop ? &prop : NULL,
                                         .party_org = review_subject_is_party_org(rv.subject),
                                         .chi_bo = rv.subject == REVIEW_SUBJECT_CHI_BO,
                                         .subject_name = rv.subject_name};
        if (req->step == REVIEW_STEP_DECIDE && din.party_org) {
            struct review_facts_owned parts;
            if ((rc = facts_load(st, &rv, NULL, &parts, e)))
                goto fail;
            din.parts_decided = parts.f.composition_total;
            din.parts_expected = parts.f.sub_units;
            review_facts_release(&parts);
            if (din.chi_bo && (rc = chi_bo_reviewed_members(st, &rv, &din.parts_expected, e)))
                goto fail;
        }
        struct review_decision_out dout;
        if ((rc = review_decision_check(&din, &dout, e)))
            goto fail;
        if (record) {
            /* history is entered as it was decided: the cap of the time is not re-judged */
            facts = json_pack("{s:b}", "historical", true);
            goto step;
        }
        if (dout.decided_before_parts)
            order_note = json_pack("{s:i, s:i}", "expected", din.parts_expected, "decided",
                                   din.parts_decided);
        json_t *forced_by = json_array();
        for (size_t i = 0; has_prop && prop.forced && i < prop.n_reasons; i++)
            if (prop.forcing[i])
                json_array_append_new(forced_by, json_string(prop.reasons[i]));
        bool departs = dout.departs_from_forced;
        if (!departs && !order_note)
            buf_reset(&over);
        struct review_cap cap;
        char desc[256];
        /* the cap limits who is rated HTXSNV: a decision or amendment to another level is
           never refused for it (lowering a level must stay possible) */
        rc = cap_check(st, &rv, level, capx.ptr, &cap, desc, e);
        if (rc == TCXD_ERULE && req->cap_deferred)
            rc = TCXD_OK; /* store_review_decide_batch checks the group once all are written */
        if (rc == TCXD_ERULE && level != REVIEW_HTXSNV) {
            /* lowering a level stays possible, except an amendment of an HTTNV that leaves the
               group over the cap it was within (fewer HTTNV allow fewer HTXSNV) */
            bool breaks = false;
            if (req->step == REVIEW_STEP_AMEND && rv.has_final && rv.final_level == REVIEW_HTTNV) {
                struct review_cap was;
                char d2[256];
                struct tcxd_error ig;
                breaks = cap_check(st, &rv, rv.final_level, NULL, &was, d2, &ig) == TCXD_OK;
            }
            if (!breaks)
                rc = TCXD_OK;
        }
        if (rc) {
            json_decref(forced_by);
            goto fail;
        }
        if (!cap.exceeded)
            buf_reset(&capx);
        facts = json_pack("{s:s, s:i, s:i, s:i, s:i}", "cap_group", desc, "cap_share",
                          cap.share_pct, "cap_excellent", cap.n_excellent, "cap_good", cap.n_good,
                          "cap_allowed", cap.allowed);
        if (json_array_size(forced_by))
            json_object_set_new(facts, "forced_by", forced_by);
        else
            json_decref(forced_by);
        if (departs)
            json_object_set_new(facts, "departs_from_forced", json_true());
        if (order_note) {
            json_object_set_new(facts, "decided_before_parts", order_note);
            order_note = NULL;
        }
        if (over.len)
            json_object_set_new(facts, "override_reason", json_string(over.ptr));
    }
step:
    if (has_prop)
        propj = proposal_json(&prop);

    /* the step */
    char at[32], *proptext = propj ? json_dumps(propj, JSON_COMPACT) : NULL;
    char *factstext = facts ? json_dumps(facts, JSON_COMPACT) : NULL;
    review_now_iso(at);
    sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_STEP_INSERT);
    sqlite3_bind_int64(s, 1, rv.id);
    store_bind_text(s, 2, review_step_name(req->step));
    store_bind_text(s, 3, review_level_name(level));
    if (scored && !ps.graded)
        sqlite3_bind_int(s, 4, ps.total);
    store_bind_text(s, 5, text.ptr);
    store_bind_text(s, 6, decno.ptr);
    store_bind_date(s, 7, scored ? DATE_NONE : req->decision_date);
    store_bind_text(s, 8, capx.ptr);
    store_bind_text(s, 9, proptext);
    store_bind_text(s, 10, factstext);
    store_bind_text(s, 11, who && who->username ? who->username : "?");
    store_bind_text(s, 12, at);
    store_bind_text(s, 13, legacy_text(rv.subject, legacy));
    rc = store_step_done(st, s, e, "recording the review step");
    free(proptext);
    free(factstext);
    if (rc)
        goto fail;
    int64_t step_id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < ps.n; i++) {
        s = store_stmt(st, STMT_REVIEW_SCORE_INSERT);
        sqlite3_bind_int64(s, 1, step_id);
        store_bind_text(s, 2, ps.rows[i].criterion);
        if (ps.rows[i].graded)
            store_bind_text(s, 4, review_grade_name(ps.rows[i].grade));
        else
            sqlite3_bind_int(s, 3, ps.rows[i].points);
        if ((rc = store_step_done(st, s, e, "recording a score")))
            goto fail;
    }

    /* the record's cached columns */
    rv.state = to;
    switch (req->step) {
    case REVIEW_STEP_SELF_ASSESS:
        rv.has_self = true;
        rv.self_level = level;
        rv.has_self_total = !ps.graded;
        rv.self_total = ps.total;
        break;
    case REVIEW_STEP_VERIFY:
        rv.has_verified = true;
        rv.verified_level = level;
        rv.has_verified_total = !ps.graded;
        rv.verified_total = ps.total;
        break;
    default:
        rv.has_final = true;
        rv.final_level = level;
        rv.final_legacy = legacy;
        rv.historical = rv.historical || record;
        if (decno.len || req->step == REVIEW_STEP_DECIDE)
            snprintf(rv.decision_no, sizeof(rv.decision_no), "%s", decno.ptr);
        if (req->decision_date != DATE_NONE)
            rv.decision_date = req->decision_date;
        break;
    }
    if (has_prop) {
        rv.has_proposed = true;
        rv.proposed_level = prop.level;
    }
    s = store_stmt(st, STMT_REVIEW_UPDATE);
    sqlite3_bind_int64(s, 1, rv.id);
    store_bind_text(s, 2, review_state_name(rv.state));
    bind_level(s, 3, rv.has_self, rv.self_level);
    if (rv.has_self_total)
        sqlite3_bind_int(s, 4, rv.self_total);
    bind_level(s, 5, rv.has_verified, rv.verified_level);
    if (rv.has_verified_total)
        sqlite3_bind_int(s, 6, rv.verified_total);
    bind_level(s, 7, rv.has_proposed, rv.proposed_level);
    bind_level(s, 8, rv.has_final, rv.final_level);
    store_bind_text(s, 9, rv.decision_no);
    store_bind_date(s, 10, rv.decision_date);
    if (req->step == REVIEW_STEP_VERIFY && req->facts.has_votes) {
        sqlite3_bind_int(s, 11, req->facts.votes_returned);
        sqlite3_bind_int(s, 12, req->facts.votes_low);
    } else {
        const struct review_step_row *v = last_step(&rv, REVIEW_STEP_VERIFY);
        struct review_entered prev;
        entered_from_json(v ? v->facts : NULL, &prev);
        if (prev.has_votes) {
            sqlite3_bind_int(s, 11, prev.votes_returned);
            sqlite3_bind_int(s, 12, prev.votes_low);
        }
    }
    store_bind_text(s, 13, at);
    store_bind_text(s, 14, legacy_text(rv.subject, rv.has_final ? rv.final_legacy : -1));
    sqlite3_bind_int(s, 15, rv.historical);
    if ((rc = store_step_done(st, s, e, "updating the review")))
        goto fail;
    int64_t weak_id = 0;
    if (!rv.member_id && !scored && level == REVIEW_KHTNV &&
        (rc = insert_weak_decided(st, &rv, &weak_id, e)))
        goto fail;

    /* audit: the record before and after, with the step */
    json_t *after = review_summary_json(&rv);
    json_t *sj = json_pack("{s:s, s:s}", "step", review_step_name(req->step), "level",
                           review_level_name(level));
    if (scored && !ps.graded)
        points_json(sj, "total", true, ps.total);
    if (text.len)
        json_object_set_new(sj, "text", json_string(text.ptr));
    if (decno.len)
        json_object_set_new(sj, "decision_no", json_string(decno.ptr));
    if (capx.len)
        json_object_set_new(sj, "cap_exception", json_string(capx.ptr));
    if (legacy >= 0)
        json_object_set_new(sj, "legacy_level", json_string(legacy_text(rv.subject, legacy)));
    if (record)
        json_object_set_new(sj, "historical", json_true());
    if (ps.n) {
        json_t *sc = json_object();
        for (size_t i = 0; i < ps.n; i++) {
            if (ps.rows[i].graded)
                json_object_set_new(sc, ps.rows[i].criterion,
                                    json_string(review_grade_name(ps.rows[i].grade)));
            else
                json_object_set_new(sc, ps.rows[i].criterion, json_real(ps.rows[i].points / 100.0));
        }
        json_object_set_new(sj, "scores", sc);
    }
    json_object_set_new(after, "step", sj);
    if (weak_id)
        json_object_set_new(after, "weak_org_id", json_integer(weak_id));
    char *bt = before ? json_dumps(before, JSON_COMPACT) : NULL;
    char *atext = review_json_text(after);
    char action[48];
    snprintf(action, sizeof(action), "review.%s", review_step_name(req->step));
    rc = store_audit(st, who, action, "review", rv.id, rv.org_id, bt, atext, e);
    free(bt);
    free(atext);
    if (rc || (rc = store_commit(st, e)))
        goto fail;
    if (out)
        rc = review_load(st, rv.id, out, e);
    goto out;
fail:
    store_rollback(st);
out:
    json_decref(before);
    json_decref(facts);
    json_decref(propj);
    json_decref(order_note);
    review_proposal_release(&prop);
    review_facts_release(&fo);
    parsed_release(&ps);
    store_rubric_release(&rub);
    store_review_release(&rv);
    buf_release(&text);
    buf_release(&decno);
    buf_release(&capx);
    buf_release(&over);
    return rc;
}

enum tcxd_err store_review_decide_batch(struct store *st, const struct store_actor *who,
                                        const struct review_batch_item *items, size_t n,
                                        const char *decision_no, tcxd_date decision_date,
                                        const char *cap_exception, size_t *failed,
                                        struct tcxd_error *e)
{
    enum tcxd_err rc;
    size_t i = 0;
    *failed = n;
    if (!n)
        return tcxd_fail(e, TCXD_EINVAL, "levels", "no decision in the batch");
    if ((rc = store_begin(st, e)))
        return rc;
    for (i = 0; i < n; i++) {
        struct review_step_req req;
        memset(&req, 0, sizeof(req));
        req.step = REVIEW_STEP_DECIDE;
        req.subject = REVIEW_SUBJECT__MAX;
        req.review_date = DATE_NONE;
        req.level_text = items[i].level;
        req.decision_no = decision_no;
        req.decision_date = decision_date;
        req.override_reason = items[i].override_reason;
        req.cap_exception = cap_exception;
        req.cap_deferred = true;
        for (size_t j = 0; j < i; j++)
            if (items[j].key.year == items[i].key.year &&
                items[j].key.member_id == items[i].key.member_id &&
                items[j].key.org_id == items[i].key.org_id) {
                rc = tcxd_fail(e, TCXD_EINVAL, "levels", "the same subject twice in the batch");
                goto fail;
            }
        if ((rc = store_review_step(st, who, &items[i].key, &req, NULL, e)))
            goto fail;
    }
    /* the cap on the whole: every HTXSNV of the batch against its group as it now stands */
    for (i = 0; i < n; i++) {
        struct store_review rv;
        store_review_init(&rv);
        rc = store_review_get(st, &items[i].key, &rv, e);
        if (!rc && rv.has_final && rv.final_level == REVIEW_HTXSNV) {
            struct review_cap cap;
            char desc[256];
            rc = cap_check(st, &rv, REVIEW_HTXSNV, cap_exception, &cap, desc, e);
        }
        store_review_release(&rv);
        if (rc)
            goto fail;
    }
    if ((rc = store_commit(st, e))) {
        i = n;
        goto fail;
    }
    return TCXD_OK;
fail:
    *failed = i;
    store_rollback(st);
    return rc;
}
