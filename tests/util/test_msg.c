/*
 * test_msg.c - the Vietnamese message catalog and the thread's language.
 *
 * - every pair of the catalog has the same conversion specifications in the same order (parsed
 *   here by a small printf-spec reader), valid UTF-8, the same leading/trailing blanks, no
 *   trailing period, and no English key twice;
 * - the sources under $TCXD_SRCDIR/src are read: every literal format given to tcxd_fail,
 *   tcxd_vfail or the helpers that translate their format (ev_fail, issue, io_report_add), and
 *   every MSG_T/MSG_N literal, must have an entry; entries no longer used are listed;
 * - the lookup: tcxd_fail formats in Vietnamese only on a thread set to Vietnamese, unknown
 *   formats pass through, a new thread starts in English;
 * - the choice of language from TCXD_LANG and the locale, and from Accept-Language.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/msg.h"
#include "util/xmalloc.h"

#include "util/banned.h"

/* ---- printf conversion specifications --------------------------------------------------- */

/* The next conversion of fmt from *p into spec ("%-5.2ld"); false at the end. %% is skipped.
   An invalid specification is returned as "!" so that it never matches. */
static bool next_spec(const char **p, char spec[32])
{
    const char *s = *p;
    for (;;) {
        s = strchr(s, '%');
        if (!s) {
            *p = NULL;
            return false;
        }
        if (s[1] == '%') {
            s += 2;
            continue;
        }
        break;
    }
    const char *q = s + 1;
    q += strspn(q, "-+ #0'");
    if (*q == '*')
        q++;
    else
        q += strspn(q, "0123456789");
    if (*q == '.') {
        q++;
        if (*q == '*')
            q++;
        else
            q += strspn(q, "0123456789");
    }
    static const char *const lengths[] = {"hh", "ll", "h", "l", "j", "z", "t", "L"};
    for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
        if (!strncmp(q, lengths[i], strlen(lengths[i]))) {
            q += strlen(lengths[i]);
            break;
        }
    if (!*q || !strchr("diouxXeEfFgGaAcspn", *q)) {
        snprintf(spec, 32, "!");
        *p = *q ? q + 1 : q;
        return true;
    }
    q++;
    snprintf(spec, 32, "%.*s", (int)(q - s), s);
    *p = q;
    return true;
}

/* Same arguments: identical specs, except that a Vietnamese "%.0s" may stand for an English
   "%s" (an English-only word such as a plural ending is dropped). */
static bool specs_match(const char *en, const char *vi, char *why, size_t n)
{
    const char *a = en, *b = vi;
    char sa[32], sb[32];
    for (int i = 1;; i++) {
        bool ha = a && next_spec(&a, sa);
        bool hb = b && next_spec(&b, sb);
        if (!ha && !hb)
            return true;
        if (ha != hb) {
            snprintf(why, n, "conversion %d: '%s' against '%s'", i, ha ? sa : "(none)",
                     hb ? sb : "(none)");
            return false;
        }
        if (!strcmp(sa, "!") || !strcmp(sb, "!")) {
            snprintf(why, n, "conversion %d is not valid", i);
            return false;
        }
        if (strcmp(sa, sb) && !(!strcmp(sa, "%s") && !strcmp(sb, "%.0s"))) {
            snprintf(why, n, "conversion %d: '%s' against '%s'", i, sa, sb);
            return false;
        }
    }
}

static void test_spec_reader(void **state)
{
    char why[128];
    assert_true(specs_match("a %s b %d", "x %s y %d", why, sizeof(why)));
    assert_true(specs_match("%d%% of %zu", "%d%% trên %zu", why, sizeof(why)));
    assert_true(specs_match("'%.*s%s'", "«%.*s%s»", why, sizeof(why)));
    assert_true(specs_match("%d year%s", "%d năm%.0s", why, sizeof(why)));
    assert_false(specs_match("%s %d", "%d %s", why, sizeof(why)));
    assert_false(specs_match("%s", "%s %s", why, sizeof(why)));
    assert_false(specs_match("%lld", "%ld", why, sizeof(why)));
    assert_false(specs_match("%zu", "%d", why, sizeof(why)));
    assert_false(specs_match("%.*s", "%s", why, sizeof(why)));
    assert_false(specs_match("%.0s", "%s", why, sizeof(why)));   /* only in that direction */
    assert_false(specs_match("100%", "100%", why, sizeof(why))); /* a lone % at the end */
    assert_false(specs_match("%s", "%s%", why, sizeof(why)));
    assert_false(specs_match("%s", "%y", why, sizeof(why)));
}

/* ---- the catalog's pairs ---------------------------------------------------------------- */

static bool valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80             ? 0
                : (*p & 0xE0) == 0xC0 ? 1
                : (*p & 0xF0) == 0xE0 ? 2
                : (*p & 0xF8) == 0xF0 ? 3
                                      : -1;
        if (n < 0 || (n == 1 && *p < 0xC2))
            return false;
        p++;
        for (int i = 0; i < n; i++, p++)
            if ((*p & 0xC0) != 0x80)
                return false;
    }
    return true;
}

static size_t lead_blanks(const char *s)
{
    return strspn(s, " ");
}

static size_t trail_blanks(const char *s)
{
    size_t n = strlen(s), k = 0;
    while (k < n && s[n - 1 - k] == ' ')
        k++;
    return k;
}

static void test_pairs(void **state)
{
    int bad = 0;
    assert_true(msg_vi_catalog_len > 0);
    for (size_t i = 0; i < msg_vi_catalog_len; i++) {
        const char *en = msg_vi_catalog[i].en, *vi = msg_vi_catalog[i].vi;
        char why[160] = "";
        if (!en || !vi || !*en || !*vi)
            snprintf(why, sizeof(why), "an empty string");
        else if (!specs_match(en, vi, why, sizeof(why)))
            ;
        else if (!valid_utf8(vi))
            snprintf(why, sizeof(why), "the Vietnamese is not valid UTF-8");
        else if (!strcmp(en, vi))
            snprintf(why, sizeof(why), "not translated");
        else if (lead_blanks(en) != lead_blanks(vi) || trail_blanks(en) != trail_blanks(vi))
            snprintf(why, sizeof(why), "leading or trailing blanks differ");
        else if (vi[strlen(vi) - 1] == '.' && en[strlen(en) - 1] != '.')
            snprintf(why, sizeof(why), "a trailing period");
        for (size_t j = 0; !why[0] && j < i; j++)
            if (!strcmp(msg_vi_catalog[j].en, en))
                snprintf(why, sizeof(why), "the same English as entry %zu", j);
        if (why[0]) {
            fprintf(stderr, "catalog entry %zu \"%s\": %s\n", i, en ? en : "(null)", why);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ---- the catalog against the sources ---------------------------------------------------- */

/* Calls whose format (argument idx, from 0) goes through the catalog. */
static const struct {
    const char *name;
    int idx;
} calls[] = {
    {"tcxd_fail", 3}, {"tcxd_vfail", 3},    {"tcxd_fail_at", 4},   /* src/util/err.c */
    {"ev_fail", 4},                                                /* src/core/member.c */
    {"im_issue", 5},  {"io_report_add", 5}, {"io_report_warn", 4}, /* src/io/import*.c */
    {"MSG_T", 0},     {"MSG_N", 0},                                /* words passed as arguments */
    {"cli_usage", 2},                                              /* src/cli/cli_util.c */
};

struct used {
    char *text; /* unescaped */
    char where[300];
};

struct scan {
    struct used *u;
    size_t n, alloc;
    int errors;
};

/* Blanks out comments, keeping string and character literals and newlines. */
static void strip_comments(char *s)
{
    for (char *p = s; *p;) {
        if (p[0] == '/' && p[1] == '*') {
            char *end = strstr(p + 2, "*/");
            char *stop = end ? end + 2 : p + strlen(p);
            for (; p < stop; p++)
                if (*p != '\n')
                    *p = ' ';
        } else if (p[0] == '/' && p[1] == '/') {
            for (; *p && *p != '\n'; p++)
                *p = ' ';
        } else if (*p == '"' || *p == '\'') {
            char q = *p++;
            while (*p && *p != q)
                p += (*p == '\\' && p[1]) ? 2 : 1;
            if (*p)
                p++;
        } else {
            p++;
        }
    }
}

/* Skips a string or character literal starting at p; returns the character after it. */
static const char *skip_literal(const char *p)
{
    char q = *p++;
    while (*p && *p != q)
        p += (*p == '\\' && p[1]) ? 2 : 1;
    return *p ? p + 1 : p;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10;
}

/* [p, end) holding only string literals and blanks: their concatenated, unescaped text into
   out; false when something else is there (or nothing). */
static bool literal_text(const char *p, const char *end, struct buf *out)
{
    bool any = false;
    buf_reset(out);
    while (p < end) {
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        if (*p != '"')
            return false;
        any = true;
        for (p++; p < end && *p != '"'; p++) {
            if (*p != '\\') {
                buf_addch(out, *p);
                continue;
            }
            p++;
            switch (*p) {
            case 'n':
                buf_addch(out, '\n');
                break;
            case 't':
                buf_addch(out, '\t');
                break;
            case 'r':
                buf_addch(out, '\r');
                break;
            case 'x': {
                int v = 0;
                while (p + 1 < end && isxdigit((unsigned char)p[1]))
                    v = v * 16 + hexval(*++p);
                buf_addch(out, (char)v);
                break;
            }
            default:
                if (*p >= '0' && *p <= '7') {
                    int v = *p - '0';
                    for (int k = 0; k < 2 && p[1] >= '0' && p[1] <= '7'; k++)
                        v = v * 8 + (*++p - '0');
                    buf_addch(out, (char)v);
                } else {
                    buf_addch(out, *p); /* \" \\ \' \? */
                }
            }
        }
        if (p >= end)
            return false;
        p++;
    }
    return any;
}

/* True when a format needs no words: nothing but conversions, digits and punctuation. */
static bool wordless(const char *s)
{
    for (const char *p = s; *p; p++) {
        if (*p == '%') {
            const char *q = p;
            char spec[32];
            if (p[1] == '%') {
                p++;
                continue;
            }
            if (next_spec(&q, spec) && q) {
                p = q - 1;
                continue;
            }
        }
        if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
            return false;
    }
    return true;
}

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

/* The identifier en appears in [a, b) (c->en, cli->en, en). */
static bool names_en(const char *a, const char *b)
{
    for (const char *p = a; p + 1 < b; p++)
        if (p[0] == 'e' && p[1] == 'n' &&
            (p == a || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
            (p + 2 == b || !(isalnum((unsigned char)p[2]) || p[2] == '_')))
            return true;
    return false;
}

static void add_used(struct scan *sc, const char *text, const char *path, const char *src,
                     const char *at)
{
    if (wordless(text))
        return;
    int line = 1;
    for (const char *p = src; p < at; p++)
        line += *p == '\n';
    ALLOC_GROW(sc->u, sc->n + 1, sc->alloc);
    sc->u[sc->n].text = xstrdup(text);
    snprintf(sc->u[sc->n].where, sizeof(sc->u[sc->n].where), "%s:%d", path, line);
    sc->n++;
}

/* One argument [a, b): a literal, or "cond ? A : B" with literal branches. */
static void take_arg(struct scan *sc, const char *a, const char *b, const char *path,
                     const char *src)
{
    struct buf t = BUF_INIT, u = BUF_INIT;
    if (literal_text(a, b, &t)) {
        add_used(sc, t.ptr, path, src, a);
    } else {
        /* top-level ? and : */
        const char *qm = NULL, *colon = NULL;
        int depth = 0;
        for (const char *p = a; p < b;) {
            if (*p == '"' || *p == '\'') {
                p = skip_literal(p);
                continue;
            }
            if (*p == '(' || *p == '[' || *p == '{')
                depth++;
            else if (*p == ')' || *p == ']' || *p == '}')
                depth--;
            else if (!depth && *p == '?' && !qm)
                qm = p;
            else if (!depth && *p == ':' && qm && !colon)
                colon = p;
            p++;
        }
        if (qm && colon) {
            bool lt = literal_text(qm + 1, colon, &t);
            bool lu = literal_text(colon + 1, b, &u);
            /* c->en ? "english" : "tiếng Việt" is already bilingual: the condition names the
               language, or only one branch has Vietnamese letters (English messages may hold
               Vietnamese terms such as chi bộ, then both branches have them) */
            bool bilingual =
                names_en(a, qm) || (lt && lu && has_non_ascii(t.ptr) != has_non_ascii(u.ptr));
            if (!bilingual && lt)
                add_used(sc, t.ptr, path, src, qm + 1);
            if (!bilingual && lu)
                add_used(sc, u.ptr, path, src, colon + 1);
        }
    }
    buf_release(&t);
    buf_release(&u);
}

static void scan_calls(struct scan *sc, const char *path, const char *src)
{
    for (const char *p = src; *p;) {
        if (*p == '"' || *p == '\'') {
            p = skip_literal(p);
            continue;
        }
        if (!(isalpha((unsigned char)*p) || *p == '_')) {
            p++;
            continue;
        }
        const char *id = p;
        while (isalnum((unsigned char)*p) || *p == '_')
            p++;
        size_t len = (size_t)(p - id);
        int idx = -1;
        for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
            if (strlen(calls[i].name) == len && !strncmp(id, calls[i].name, len))
                idx = calls[i].idx;
        if (idx < 0)
            continue;
        const char *q = p;
        while (isspace((unsigned char)*q))
            q++;
        if (*q != '(')
            continue;
        /* split the arguments at top-level commas */
        int depth = 0, arg = 0;
        const char *start = q + 1;
        for (q++; *q;) {
            if (*q == '"' || *q == '\'') {
                q = skip_literal(q);
                continue;
            }
            if (*q == '(' || *q == '[' || *q == '{') {
                depth++;
            } else if (*q == ')' || *q == ']' || *q == '}') {
                if (depth-- == 0) {
                    if (arg == idx)
                        take_arg(sc, start, q, path, src);
                    break;
                }
            } else if (*q == ',' && depth == 0) {
                if (arg == idx)
                    take_arg(sc, start, q, path, src);
                arg++;
                start = q + 1;
            }
            q++;
        }
    }
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(&b, chunk, n);
    fclose(f);
    return buf_detach(&b, NULL);
}

static void scan_dir(struct scan *sc, const char *dir, const char *rel)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        sc->errors++;
        return;
    }
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024], sub[512];
        snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
        snprintf(sub, sizeof(sub), "%s/%s", rel, de->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            scan_dir(sc, path, sub);
            continue;
        }
        size_t len = strlen(de->d_name);
        if (len < 3 || (strcmp(de->d_name + len - 2, ".c") && strcmp(de->d_name + len - 2, ".h")))
            continue;
        if (!strcmp(sub, "src/util/msg_vi.c")) /* the catalog itself */
            continue;
        char *src = read_all(path);
        if (!src) {
            sc->errors++;
            continue;
        }
        strip_comments(src);
        scan_calls(sc, sub, src);
        free(src);
    }
    closedir(d);
}

static void test_sources(void **state)
{
    const char *root = getenv("TCXD_SRCDIR");
    if (!root || !*root)
        root = ".";
    char dir[1024];
    snprintf(dir, sizeof(dir), "%s/src", root);
    struct scan sc = {0};
    scan_dir(&sc, dir, "src");
    assert_int_equal(sc.errors, 0);
    /* the scanner works: the sources have hundreds of messages */
    assert_true(sc.n > 200);

    int missing = 0, stale = 0;
    for (size_t i = 0; i < sc.n; i++) {
        bool found = false;
        for (size_t k = 0; k < msg_vi_catalog_len && !found; k++)
            found = !strcmp(msg_vi_catalog[k].en, sc.u[i].text);
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = !strcmp(sc.u[j].text, sc.u[i].text);
        if (!found && !dup) {
            fprintf(stderr, "%s: no Vietnamese in src/util/msg_vi.c for \"%s\"\n", sc.u[i].where,
                    sc.u[i].text);
            missing++;
        }
    }
    for (size_t k = 0; k < msg_vi_catalog_len; k++) {
        bool used = false;
        for (size_t i = 0; i < sc.n && !used; i++)
            used = !strcmp(msg_vi_catalog[k].en, sc.u[i].text);
        if (!used) {
            fprintf(stderr, "warning: src/util/msg_vi.c: \"%s\" is not used in src/\n",
                    msg_vi_catalog[k].en);
            stale++;
        }
    }
    for (size_t i = 0; i < sc.n; i++)
        free(sc.u[i].text);
    free(sc.u);
    /* an entry no longer used is only reported: engineers changing a message in their own
       files at the same time may add its new text first and drop the old one later */
    if (stale)
        fprintf(stderr, "warning: %d catalog entries not used\n", stale);
    assert_int_equal(missing, 0);
}

/* ---- lookup and language ---------------------------------------------------------------- */

static void test_fail_in_vietnamese(void **state)
{
    struct tcxd_error e;
    msg_set_lang(MSG_VI);
    assert_int_equal(msg_lang(), MSG_VI);
    assert_int_equal(tcxd_fail(&e, TCXD_EINVAL, "birth_date", "invalid date '%.*s%s' (field %s)", 5,
                               "31/02/1980", "...", "birth_date"),
                     TCXD_EINVAL);
    assert_string_equal(e.msg, "ngày không hợp lệ '31/02...' (trường birth_date)");
    assert_string_equal(e.field, "birth_date");
    assert_int_equal(e.code, TCXD_EINVAL);

    tcxd_fail(&e, TCXD_ERULE, "date",
              "official recognition decided on %s, before the 12 months of probation end on %s",
              "01/03/2021", "15/06/2021");
    assert_string_equal(e.msg, "quyết định công nhận chính thức ngày 01/03/2021, trước khi hết "
                               "12 tháng dự bị (15/06/2021)");

    /* the plural ending is dropped, the other arguments still land in place */
    tcxd_fail(&e, TCXD_ERULE, "birth_date",
              "age %d year%s %d month%s on the admission decision date %s; must be 18 to 60", 17,
              "s", 1, "", "02/01/2020");
    assert_string_equal(e.msg, "17 tuổi 1 tháng vào ngày quyết định kết nạp 02/01/2020; phải từ "
                               "đủ 18 đến 60 tuổi");

    /* not in the catalog, or already Vietnamese: as it is */
    tcxd_fail(&e, TCXD_EINVAL, "", "a message nobody wrote %d", 7);
    assert_string_equal(e.msg, "a message nobody wrote 7");
    tcxd_fail(&e, TCXD_EINVAL, "", "thiếu trường %s", "name");
    assert_string_equal(e.msg, "thiếu trường name");

    assert_string_equal(msg_tr("admission"), "kết nạp");
    assert_string_equal(msg_tr_lang(MSG_EN, "admission"), "admission");
    assert_null(msg_tr(NULL));

    msg_set_lang(MSG_EN);
    tcxd_fail(&e, TCXD_EINVAL, "birth_date", "invalid date '%.*s%s' (field %s)", 5, "31/02/1980",
              "...", "birth_date");
    assert_string_equal(e.msg, "invalid date '31/02...' (field birth_date)");
    assert_string_equal(msg_tr("admission"), "admission");

    /* e == NULL: only the code */
    msg_set_lang(MSG_VI);
    assert_int_equal(tcxd_fail(NULL, TCXD_ERULE, "", "no member #%lld", 1LL), TCXD_ERULE);
    msg_set_lang((enum msg_lang)99);
    assert_int_equal(msg_lang(), MSG_EN);
}

struct thread_out {
    enum msg_lang at_start;
    char msg[512];
};

static void *other_thread(void *arg)
{
    struct thread_out *o = arg;
    o->at_start = msg_lang();
    struct tcxd_error e;
    msg_set_lang(MSG_VI);
    tcxd_fail(&e, TCXD_ENOTFOUND, "", "no member #%lld", 42LL);
    snprintf(o->msg, sizeof(o->msg), "%s", e.msg);
    return NULL;
}

static void test_threads(void **state)
{
    msg_set_lang(MSG_EN);
    struct thread_out o[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, other_thread, &o[i]), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(o[i].at_start, MSG_EN);
        assert_string_equal(o[i].msg, "không có đảng viên #42");
    }
    /* the other threads' choice did not change this one's */
    assert_int_equal(msg_lang(), MSG_EN);
    struct tcxd_error e;
    tcxd_fail(&e, TCXD_ENOTFOUND, "", "no member #%lld", 42LL);
    assert_string_equal(e.msg, "no member #42");
}

static void test_choose(void **state)
{
    static const struct {
        const char *tcxd, *lc_all, *lc_messages, *lang;
        enum msg_lang want;
    } cases[] = {
        {NULL, NULL, NULL, NULL, MSG_EN},
        {"vi", NULL, NULL, NULL, MSG_VI},
        {"en", "vi_VN.UTF-8", "vi_VN.UTF-8", "vi_VN.UTF-8", MSG_EN},
        {"vi", "en_US.UTF-8", NULL, "C", MSG_VI},
        {"vi_VN", NULL, NULL, NULL, MSG_VI},
        {"", NULL, NULL, "vi_VN.UTF-8", MSG_VI},
        {"fr", NULL, NULL, "vi_VN.UTF-8", MSG_VI}, /* not a choice: the locale decides */
        {NULL, "vi_VN.UTF-8", "en_US.UTF-8", "en_US.UTF-8", MSG_VI},
        {NULL, "C.UTF-8", NULL, "vi_VN.UTF-8", MSG_EN}, /* LC_ALL wins over LANG */
        {NULL, "", "vi_VN", "en_US.UTF-8", MSG_VI},     /* empty means unset */
        {NULL, "", "", "vi", MSG_VI},
        {NULL, NULL, "en_GB.UTF-8", "vi_VN.UTF-8", MSG_EN},
        {NULL, NULL, NULL, "C", MSG_EN},
        {NULL, NULL, NULL, "POSIX", MSG_EN},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        enum msg_lang got =
            msg_lang_choose(cases[i].tcxd, cases[i].lc_all, cases[i].lc_messages, cases[i].lang);
        if (got != cases[i].want)
            fail_msg("case %zu: got %s", i, msg_lang_name(got));
    }
    assert_int_equal(msg_lang_accept(NULL), MSG_VI);
    assert_int_equal(msg_lang_accept(""), MSG_VI);
    assert_int_equal(msg_lang_accept("vi"), MSG_VI);
    assert_int_equal(msg_lang_accept("vi-VN,vi;q=0.9,en;q=0.8"), MSG_VI);
    assert_int_equal(msg_lang_accept("en"), MSG_EN);
    assert_int_equal(msg_lang_accept("en-US,en;q=0.9"), MSG_EN);
    assert_int_equal(msg_lang_accept("fr"), MSG_VI);
    assert_string_equal(msg_lang_name(MSG_VI), "vi");
    assert_string_equal(msg_lang_name(MSG_EN), "en");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_reader), cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_sources),     cmocka_unit_test(test_fail_in_vietnamese),
        cmocka_unit_test(test_threads),     cmocka_unit_test(test_choose),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
