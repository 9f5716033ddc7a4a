/*
 * demo_data.c - the data files compiled into tcxd for the demo generator (the name files in
 * data/names and data/admin_units/units_pre2025_flat.csv, see data/SOURCES.md): name parts with
 * gender weights, and the pre-2025 administrative units.
 *
 * The files are plain comma-separated text without quoting; a quote in a field is refused so
 * that a changed file cannot be misread silently.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "demo/demo_internal.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/xmalloc.h"

extern const struct embedded_file demo_files[];

static const struct embedded_file *find_file(const char *name)
{
    for (const struct embedded_file *f = demo_files; f->name; f++)
        if (!strcmp(f->name, name))
            return f;
    return NULL;
}

const char *demo_file(const char *name, size_t *len)
{
    const struct embedded_file *f = find_file(name);
    if (!f)
        return NULL;
    *len = f->len;
    return f->data;
}

/* Splits a copy of the file into lines and fields in place. Calls fn per data row. */
static enum tcxd_err each_row(const char *file, char **blob, size_t ncols,
                              void (*fn)(void *ctx, char **fields), void *ctx, struct tcxd_error *e)
{
    const struct embedded_file *f = find_file(file);
    if (!f)
        return tcxd_fail(e, TCXD_EINTERNAL, "", "demo data file %s is not built in", file);
    *blob = xstrndup(f->data, f->len);
    char *line = *blob;
    size_t lineno = 0;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[len - 1] = '\0';
        lineno++;
        if (lineno > 1 && *line) {
            char *fields[16];
            size_t n = 0;
            char *p = line;
            if (strchr(p, '"'))
                return tcxd_fail(e, TCXD_EINTERNAL, "", "%s line %zu: quoted fields not expected",
                                 file, lineno);
            for (;;) {
                if (n < 16)
                    fields[n++] = p;
                char *c = strchr(p, ',');
                if (!c)
                    break;
                *c = '\0';
                p = c + 1;
            }
            if (n < ncols)
                return tcxd_fail(e, TCXD_EINTERNAL, "", "%s line %zu: %zu fields, expected %zu",
                                 file, lineno, n, ncols);
            fn(ctx, fields);
        }
        line = nl ? nl + 1 : NULL;
    }
    return TCXD_OK;
}

/* Vietnamese letters (lowercase); uppercase input is lowered with utf8proc first. */
static const char vn_letters[] = "abcdefghijklmnopqrstuvwxyzđ"
                                 "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                                 "ùúủũụưừứửữựỳýỷỹỵ";

static bool vn_letter(utf8proc_int32_t cp)
{
    static utf8proc_int32_t set[160];
    static size_t nset;
    if (!nset) {
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)vn_letters;
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0 && nset < 160) {
            set[nset++] = c;
            p += k;
        }
    }
    cp = utf8proc_tolower(cp);
    for (size_t i = 0; i < nset; i++)
        if (set[i] == cp)
            return true;
    return false;
}

bool demo_name_part_ok(const char *s)
{
    struct buf clean = BUF_INIT;
    bool ok =
        text_clean(s, strlen(s), 50, false, NULL, &clean, NULL) == TCXD_OK && !strcmp(clean.ptr, s);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)clean.ptr;
    bool word_start = true;
    while (ok && *p) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &c);
        if (k <= 0)
            ok = false;
        else if (c == ' ')
            ok = !word_start, word_start = true;
        else if (!vn_letter(c))
            ok = false;
        else if (word_start && utf8proc_toupper(c) != c)
            ok = false; /* every word capitalised */
        else
            word_start = false;
        p += k > 0 ? k : 1;
    }
    buf_release(&clean);
    return ok && !word_start;
}

/* ---- name parts ---------------------------------------------------------------------------- */

struct names_ctx {
    struct demo_names *n;
    size_t cap;
    double *wm, *wf;
    size_t wmcap, wfcap;
    int kind; /* 0 surname, 1 middle, 2 given */
};

static bool starts_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    return !strncmp(s, w, n) && (s[n] == '\0' || s[n] == ' ');
}

/* Middle names that mark a man in practice (the file carries no gender column for them). */
static bool male_middle(const char *s)
{
    static const char *const male[] = {"Văn",  "Đức",   "Công",     "Quang", "Mạnh", "Trọng", "Hữu",
                                       "Tiến", "Đình",  "Bá",       "Quốc",  "Tuấn", "Huy",   "Duy",
                                       "Thế",  "Trung", "Xuân Văn", "Khắc",  "Viết", "Chí"};
    for (size_t i = 0; i < ARRAY_SIZE(male); i++)
        if (starts_word(s, male[i]))
            return true;
    return false;
}

static void add_name(void *ctx, char **f)
{
    struct names_ctx *c = ctx;
    if (!demo_name_part_ok(f[0]))
        return;
    double count = strtod(f[1], NULL);
    if (count <= 0)
        return;
    double wm = count, wf = count;
    if (c->kind == 1) {
        bool thi = starts_word(f[0], "Thị");
        if (thi)
            wm = 0;
        if (male_middle(f[0]))
            wf = 0;
    } else if (c->kind == 2) {
        /* gender signal: how often the name follows Thị / Văn, and the boy/girl word lists */
        double thi = strtod(f[3], NULL), van = strtod(f[4], NULL);
        double boy = strtod(f[5], NULL), girl = strtod(f[6], NULL);
        double pf = (thi + 2.0 * girl + 0.1) / (thi + van + 2.0 * girl + 2.0 * boy + 0.2);
        wm = count * (1 - pf);
        wf = count * pf;
    }
    ALLOC_GROW(c->n->parts, c->n->n + 1, c->cap);
    ALLOC_GROW(c->wm, c->n->n + 1, c->wmcap);
    ALLOC_GROW(c->wf, c->n->n + 1, c->wfcap);
    c->n->parts[c->n->n] = f[0];
    c->wm[c->n->n] = wm;
    c->wf[c->n->n] = wf;
    c->n->n++;
}

static enum tcxd_err load_names(const char *file, int kind, size_t ncols, struct demo_names *out,
                                char **blob, struct tcxd_error *e)
{
    struct names_ctx c = {.n = out, .kind = kind};
    memset(out, 0, sizeof(*out));
    enum tcxd_err rc = each_row(file, blob, ncols, add_name, &c, e);
    if (!rc && !out->n)
        rc = tcxd_fail(e, TCXD_EINTERNAL, "", "%s: no usable names", file);
    if (!rc) {
        wtable_init(&out->male, c.wm, out->n);
        wtable_init(&out->female, c.wf, out->n);
    }
    free(c.wm);
    free(c.wf);
    return rc;
}

/* ---- administrative units -------------------------------------------------------------------- */

struct units_ctx {
    struct demo_data *d;
    size_t cap;
};

static void add_unit(void *ctx, char **f)
{
    struct units_ctx *c = ctx;
    if (!*f[4]) /* island districts without communes */
        return;
    ALLOC_GROW(c->d->units, c->d->nunits + 1, c->cap);
    struct demo_unit *u = &c->d->units[c->d->nunits++];
    u->province_code = f[0];
    u->province = f[1];
    u->district_code = f[2];
    u->district = f[3];
    u->ward_code = f[4];
    u->ward = f[5];
}

enum tcxd_err demo_data_load(struct demo_data *d, struct tcxd_error *e)
{
    memset(d, 0, sizeof(*d));
    struct units_ctx uc = {.d = d};
    enum tcxd_err rc;
    if ((rc = load_names("names_surname_counts.csv", 0, 2, &d->surname, &d->blob[0], e)) ||
        (rc = load_names("names_middle_name_counts.csv", 1, 2, &d->middle, &d->blob[1], e)) ||
        (rc = load_names("names_given_name_counts.csv", 2, 7, &d->given, &d->blob[2], e)) ||
        (rc = each_row("units_pre2025_flat.csv", &d->blob[3], 8, add_unit, &uc, e))) {
        demo_data_release(d);
        return rc;
    }
    return TCXD_OK;
}

static void names_release(struct demo_names *n)
{
    free(n->parts);
    wtable_release(&n->male);
    wtable_release(&n->female);
}

void demo_data_release(struct demo_data *d)
{
    names_release(&d->surname);
    names_release(&d->middle);
    names_release(&d->given);
    free(d->units);
    for (size_t i = 0; i < ARRAY_SIZE(d->blob); i++)
        free(d->blob[i]);
    memset(d, 0, sizeof(*d));
}
