/*
 * test_record.c - the member field table (core/member_record.h) and everything built from it or
 * documenting it agree: the API's admission body (names, types, required, maxLength),
 * docs/openapi.yaml (maxLength included), docs/tcxd.1, the import/export columns' Vietnamese
 * headers, the CLI's options (its help), and the record check's limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/member_record.h"
#include "io/columns.h"

static char *slurp(const char *rel)
{
    const char *src = getenv("TCXD_SRCDIR");
    char p[1024];
    snprintf(p, sizeof(p), "%s/%s", src && *src ? src : ".", rel);
    FILE *f = fopen(p, "rb");
    if (!f)
        fail_msg("cannot open %s", p);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = calloc(1, (size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return s;
}

/* The line of s that starts (after spaces) with prefix, copied into out; false if none. */
static bool line_with(const char *s, const char *prefix, char *out, size_t cap)
{
    size_t plen = strlen(prefix);
    for (const char *l = s; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        const char *t = l;
        while (*t == ' ')
            t++;
        if (!strncmp(t, prefix, plen)) {
            size_t n = strcspn(t, "\n");
            snprintf(out, cap, "%.*s", (int)n, t);
            return true;
        }
    }
    return false;
}

static void check_body(const struct http_field *body, bool correction)
{
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        const struct http_field *f = NULL;
        for (const struct http_field *x = body; x->name; x++)
            if (!strcmp(x->name, d->key))
                f = x;
        if (!f)
            fail_msg("API %s body lacks %s", correction ? "correction" : "admission", d->key);
        assert_int_equal(f->type, d->kind == MFK_DATE ? HF_DATE : HF_STRING);
        /* a correction gives only what it corrects */
        assert_int_equal(!!(f->flags & HF_REQUIRED), !correction && (d->flags & MFF_REQUIRED));
        if (d->kind != MFK_DATE)
            assert_int_equal(f->max, (int64_t)d->max);
    }
}

static void test_api_body(void **state)
{
    check_body(api_member_admit_body, false);
    check_body(api_member_correct_body, true);
}

static void check_openapi(const char *path, const char *method, bool correction)
{
    char *doc = slurp("docs/openapi.yaml");
    char key[128];
    snprintf(key, sizeof(key), "\n  %s:\n", path);
    const char *at = strstr(doc, key);
    assert_non_null(at);
    snprintf(key, sizeof(key), "\n    %s:\n", method);
    at = strstr(at, key);
    assert_non_null(at);
    const char *end = strstr(at + 1, "\n    get:\n");
    const char *end3 = strstr(at + 1, "\n    patch:\n");
    if (end3 && (!end || end3 < end))
        end = end3;
    const char *end2 = strstr(at + 1, "\n  /api/");
    if (!end || (end2 && end2 < end))
        end = end2;
    assert_non_null(end);
    char *part = strndup(at, (size_t)(end - at));
    char req[1024];
    assert_true(line_with(part, "required: [", req, sizeof(req)));
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        char prefix[80], line[1024], want[64];
        snprintf(prefix, sizeof(prefix), "%s: {", d->key);
        if (!line_with(part, prefix, line, sizeof(line)))
            fail_msg("openapi.yaml: POST /api/members lacks %s", d->key);
        if (d->kind == MFK_DATE) {
            assert_non_null(strstr(line, "format: date"));
        } else {
            snprintf(want, sizeof(want), "maxLength: %u,", d->max);
            if (!strstr(line, want))
                fail_msg("openapi.yaml: %s should have %s: %s", d->key, want, line);
        }
        /* required exactly when the table says so */
        snprintf(want, sizeof(want), "%s", d->key);
        char *hit = strstr(req, want);
        bool listed = false;
        while (hit) {
            char before = hit[-1], after = hit[strlen(want)];
            if ((before == '[' || before == ' ') && (after == ',' || after == ']'))
                listed = true;
            hit = strstr(hit + 1, want);
        }
        if (listed != (!correction && (d->flags & MFF_REQUIRED)))
            fail_msg("openapi.yaml: %s %s %s in required", method, d->key,
                     listed ? "wrongly" : "missing");
    }
    free(part);
    free(doc);
}

static void test_openapi(void **state)
{
    check_openapi("/api/members", "post", false);
    check_openapi("/api/members/{id}", "patch", true);
}

static void test_man_page(void **state)
{
    char *man = slurp("docs/tcxd.1");
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        char prefix[80], line[1024], want[64];
        /* roff: "-" written "\-" */
        size_t k = 0;
        k += (size_t)snprintf(prefix, sizeof(prefix), "\\-\\-");
        for (const char *c = d->option; *c && k + 3 < sizeof(prefix); c++) {
            if (*c == '-')
                prefix[k++] = '\\';
            prefix[k++] = *c;
        }
        prefix[k++] = ' ';
        prefix[k] = '\0';
        if (!line_with(man, prefix, line, sizeof(line)))
            fail_msg("docs/tcxd.1 lacks the field line of --%s", d->option);
        assert_non_null(strstr(line, d->key));
        assert_non_null(strstr(line, d->label));
        if (d->kind == MFK_TEXT) {
            snprintf(want, sizeof(want), "at most %u", d->max);
            if (!strstr(line, want))
                fail_msg("docs/tcxd.1: --%s should say '%s': %s", d->option, want, line);
        }
        if (d->kind == MFK_ENUM)
            for (size_t v = 0; v < d->nvalues; v++)
                assert_non_null(strstr(line, d->values[v].name));
        if (d->flags & MFF_REQUIRED)
            assert_non_null(strstr(line, "required"));
        if (d->dflt) {
            snprintf(want, sizeof(want), "default %s", d->dflt);
            assert_non_null(strstr(line, want));
        }
    }
    free(man);
}

static void test_import_columns(void **state)
{
    /* every field is an import/export column with the table's Vietnamese header (the Phiếu's
       fields, MFF_PROFILE, are entered through the CLI and the API; the import's columns for
       them belong to the import stream) */
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        if (d->flags & MFF_PROFILE)
            continue;
        const struct io_column *c = NULL;
        for (int k = 0; k < MC__MAX; k++)
            if (!strcmp(io_member_columns[k].name, d->key))
                c = &io_member_columns[k];
        if (!c)
            fail_msg("no import column %s", d->key);
        assert_string_equal(c->label, d->label);
        assert_int_equal(!!(c->flags & IO_COL_REQUIRED), !!(d->flags & MFF_REQUIRED));
        assert_int_equal(io_column_match(io_member_columns, MC__MAX, d->label, strlen(d->label)),
                         (int)(c - io_member_columns));
    }
}

static void test_cli_options(void **state)
{
    const char *bin = getenv("TCXD_BIN");
    assert_non_null(bin);
    char cmd[1200], help[16384];
    snprintf(cmd, sizeof(cmd), "'%s' member --help", bin);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(help, 1, sizeof(help) - 1, p);
    help[n] = '\0';
    pclose(p);
    for (int i = 0; i < MF__MAX; i++) {
        char opt[64];
        snprintf(opt, sizeof(opt), "--%s ", member_field_defs[i].option);
        if (!strstr(help, opt))
            fail_msg("tcxd member --help lacks %s", opt);
    }
}

/* The limits: the table's maximum passes, one more code point fails naming the field (the same
   check for the CLI, the API after its own limit, the import and the store). */
static void test_limits(void **state)
{
    for (int i = 0; i < MF__MAX; i++) {
        const struct member_field_def *d = &member_field_defs[i];
        if (d->kind != MFK_TEXT)
            continue;
        char s[4096] = "";
        size_t n = 0;
        for (unsigned k = 0; k < d->max && n + 4 < sizeof(s); k++)
            n += (size_t)snprintf(s + n, sizeof(s) - n, "%s", "ễ"); /* 3 bytes NFC, 1 point */
        struct member_fields f;
        struct tcxd_error e;
        member_fields_init(&f);
        assert_int_equal(member_field_parse((enum member_field)i, s, strlen(s), DATE_NONE, &f, &e),
                         TCXD_OK);
        assert_int_equal(member_fields_text(&f, (enum member_field)i)->len, 3 * d->max);
        snprintf(s + n, sizeof(s) - n, "%s", "a");
        assert_int_not_equal(
            member_field_parse((enum member_field)i, s, strlen(s), DATE_NONE, &f, &e), TCXD_OK);
        assert_string_equal(e.field, d->key);
        member_fields_release(&f);
    }
}

static void issue_count(void *ctx, enum member_field f, const struct tcxd_error *e)
{
    int *seen = ctx;
    seen[f]++;
    assert_string_equal(e->field, member_field_defs[f].key);
}

/* The sink hears of every problem; without one the first stops the check. */
static void test_sink(void **state)
{
    const char *in[MF__MAX] = {0};
    in[MF_GENDER] = "khác";
    in[MF_BIRTH_DATE] = "31/02/1980";
    in[MF_NATIONAL_ID] = "12345";
    in[MF_THEORY_LEVEL] = "tiến sĩ";
    struct member_fields f;
    struct tcxd_error e;
    int seen[MF__MAX] = {0};
    struct member_issue_sink sink = {issue_count, seen};
    member_fields_init(&f);
    assert_int_equal(member_record_parse(in, date_today(), &f, &sink, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "full_name"); /* the first, missing */
    int expect[MF__MAX] = {[MF_FULL_NAME] = 1,
                           [MF_GENDER] = 1,
                           [MF_BIRTH_DATE] = 1,
                           [MF_NATIONAL_ID] = 1,
                           [MF_THEORY_LEVEL] = 1};
    for (int i = 0; i < MF__MAX; i++)
        if (seen[i] != expect[i])
            fail_msg("field %s: %d problems reported, %d expected", member_field_defs[i].key,
                     seen[i], expect[i]);
    in[MF_FULL_NAME] = "Nguyễn Văn A";
    assert_int_equal(member_record_parse(in, date_today(), &f, NULL, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "gender");
    in[MF_GENDER] = "Nữ";
    in[MF_BIRTH_DATE] = "2/3/1980";
    in[MF_NATIONAL_ID] = "001080012345";
    in[MF_THEORY_LEVEL] = "Cao cấp";
    assert_int_equal(member_record_parse(in, date_today(), &f, NULL, &e), TCXD_OK);
    assert_int_equal(f.gender, GENDER_FEMALE);
    assert_int_equal(f.theory, THEORY_CAO_CAP);
    assert_string_equal(f.ethnicity.ptr, "Kinh");
    assert_string_equal(f.religion.ptr, "Không");
    tcxd_date want;
    assert_int_equal(date_parse("1980-03-02", &want, NULL, NULL), TCXD_OK);
    assert_int_equal(f.birth_date, want);
    member_fields_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_api_body),    cmocka_unit_test(test_openapi),
        cmocka_unit_test(test_man_page),    cmocka_unit_test(test_import_columns),
        cmocka_unit_test(test_cli_options), cmocka_unit_test(test_limits),
        cmocka_unit_test(test_sink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
