/*
 * test_openapi.c - docs/openapi.yaml describes exactly the route table (src/api/routes.c):
 * every route documented with its method, the same query parameters and body fields, and no
 * operation that the table lacks; and the error codes are those of enum tcxd_err.
 *
 * The document's layout is fixed (two-space steps): paths at indent 2, methods at 4, query
 * parameters as "- {name: X, in: query" lines, body fields at indent 16 under "properties:".
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

#define MAX_OPS 512

struct op {
    char path[128];
    char method[16];
    char query[HTTP_MAX_FIELDS][40];
    int nquery;
    char body[HTTP_MAX_FIELDS][40];
    int nbody;
    bool matched;
};

static struct op ops[MAX_OPS];
static int nops;
static char error_enum[1024];

static int indent(const char *s)
{
    int n = 0;
    while (s[n] == ' ')
        n++;
    return n;
}

static void load(void)
{
    const char *src = getenv("TCXD_SRCDIR");
    char p[1024];
    snprintf(p, sizeof(p), "%s/docs/openapi.yaml", src && *src ? src : ".");
    FILE *f = fopen(p, "r");
    if (!f)
        fail_msg("cannot open %s", p);
    char line[1024], path[128] = "";
    bool in_paths = false, in_props = false;
    struct op *cur = NULL;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        int ind = indent(line);
        const char *t = line + ind;
        if (!*t || *t == '#')
            continue;
        if (strstr(t, "enum: [invalid"))
            snprintf(error_enum, sizeof(error_enum), "%.1000s", t);
        if (ind == 0) {
            in_paths = !strcmp(t, "paths:");
            continue;
        }
        if (!in_paths)
            continue;
        if (ind == 2 && t[0] == '/') {
            snprintf(path, sizeof(path), "%.*s", (int)(strlen(t) - 1), t);
            cur = NULL;
        } else if (ind == 4) {
            assert_true(nops < MAX_OPS);
            cur = &ops[nops++];
            memset(cur, 0, sizeof(*cur));
            snprintf(cur->path, sizeof(cur->path), "%s", path);
            snprintf(cur->method, sizeof(cur->method), "%.*s", (int)strcspn(t, ":"), t);
            in_props = false;
        } else if (cur && !strncmp(t, "- {name: ", 9) && strstr(t, "in: query")) {
            assert_true(cur->nquery < HTTP_MAX_FIELDS);
            snprintf(cur->query[cur->nquery++], 40, "%.*s", (int)strcspn(t + 9, ","), t + 9);
        } else if (cur && !strcmp(t, "properties:") && ind == 14) {
            in_props = true;
        } else if (cur && in_props && ind == 16) {
            assert_true(cur->nbody < HTTP_MAX_FIELDS);
            snprintf(cur->body[cur->nbody++], 40, "%.*s", (int)strcspn(t, ":"), t);
        } else if (ind < 16) {
            in_props = false;
        }
    }
    fclose(f);
}

static const char *method_lc(enum http_method m)
{
    static const char *const n[] = {"get", "post", "put", "delete", "head", "patch", "other"};
    return n[m];
}

static bool has(char list[][40], int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(list[i], name))
            return true;
    return false;
}

static int count(const struct http_field *f)
{
    int n = 0;
    while (f && f[n].name)
        n++;
    return n;
}

static void test_routes_documented(void **state)
{
    load();
    assert_true(nops > 0);
    int nroutes = 0;
    for (const struct http_route *r = api_routes; r->pattern; r++, nroutes++) {
        struct op *o = NULL;
        for (int i = 0; i < nops; i++)
            if (!strcmp(ops[i].path, r->pattern) && !strcmp(ops[i].method, method_lc(r->method)))
                o = &ops[i];
        if (!o)
            fail_msg("route %s %s is not in docs/openapi.yaml", method_lc(r->method), r->pattern);
        o->matched = true;
        for (const struct http_field *f = r->query; f && f->name; f++)
            if (!has(o->query, o->nquery, f->name))
                fail_msg("%s %s: query parameter %s is not documented", o->method, o->path,
                         f->name);
        if (o->nquery != count(r->query))
            fail_msg("%s %s: the document has %d query parameters, the route %d", o->method,
                     o->path, o->nquery, count(r->query));
        for (const struct http_field *f = r->body; f && f->name; f++)
            if (!has(o->body, o->nbody, f->name))
                fail_msg("%s %s: body field %s is not documented", o->method, o->path, f->name);
        if (o->nbody != count(r->body))
            fail_msg("%s %s: the document has %d body fields, the route %d", o->method, o->path,
                     o->nbody, count(r->body));
    }
    for (int i = 0; i < nops; i++)
        if (!ops[i].matched)
            fail_msg("docs/openapi.yaml has %s %s, which is not a route", ops[i].method,
                     ops[i].path);
    assert_int_equal(nops, nroutes);
}

static void test_error_codes_documented(void **state)
{
    load();
    for (int e = 1; e < TCXD_ERR__MAX; e++) {
        char word[64];
        snprintf(word, sizeof(word), "%s", tcxd_err_name((enum tcxd_err)e));
        if (!strstr(error_enum, word))
            fail_msg("error code %s is not in the Error schema's enum", word);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_documented),
        cmocka_unit_test(test_error_codes_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
