/*
 * import.c - validating and loading organizations and members from CSV or XLSX.
 *
 * Members stream: each row is validated as it is read and, while no row has failed, written at
 * once inside the one open transaction; the first problem stops the writing (validation goes on
 * to find every problem) and the transaction is rolled back at the end. So a good file is read
 * once, and a bad one leaves the database as it was.
 *
 * Organizations are few and may list a child before its parent: all rows are read and checked
 * first, then parents are resolved (in the file or in the database), and the organizations are
 * created parents first.
 */
#include "io/import.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/columns.h"
#include "io/encoding.h"
#include "store/store_bulk.h"
#include "text/text.h"
#include "util/msg.h"
#include "util/xmalloc.h"

/* ---- small string map (code -> value), open addressing ---------------------------------- */

struct strmap {
    char **keys;
    long *vals;
    size_t cap, n;
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

static long *strmap_find(struct strmap *m, const char *key)
{
    if (!m->cap)
        return NULL;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return NULL;
        if (!strcmp(m->keys[i], key))
            return &m->vals[i];
    }
}

static void strmap_put(struct strmap *m, const char *key, long val)
{
    if ((m->n + 1) * 2 > m->cap) {
        struct strmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 64;
        m->keys = xcalloc(m->cap, sizeof(*m->keys));
        m->vals = xcalloc(m->cap, sizeof(*m->vals));
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                size_t j = hash_str(old.keys[i]) & (m->cap - 1);
                while (m->keys[j])
                    j = (j + 1) & (m->cap - 1);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
                m->n++;
            }
        free(old.keys);
        free(old.vals);
    }
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (!strcmp(m->keys[j], key)) {
            m->vals[j] = val;
            return;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = xstrdup(key);
    m->vals[j] = val;
    m->n++;
}

/* ---- caches of cleaned cells ------------------------------------------------------------ */

/*
 * Cells repeat a lot in a roll (ethnicity, religion, hometown, education, dates, chi bộ codes,
 * and full names: 457,397 members of hanoi-2020 have 205,856 distinct names), and cleaning a
 * cell (UTF-8 check, NFC, spaces) or parsing a date costs far more than finding it again. So a
 * cell's text is cleaned or parsed once per column and the result kept, keyed by the exact
 * bytes: a hit gives what the cleaning gave (only successes are kept; a bad cell is checked,
 * and reported, every time). The strings live in an arena that never moves them, so the writer
 * thread may read a cached name's keys while the reader adds more.
 */

struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
};

struct arena {
    struct arena_block *head;
};

static char *arena_alloc(struct arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!a->head || a->head->cap - a->head->used < n) {
        size_t cap = n > (1u << 20) ? n : (1u << 20);
        struct arena_block *b = xmalloc(sizeof(*b) + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    char *p = a->head->data + a->head->used;
    a->head->used += n;
    return p;
}

static const char *arena_copy(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static void arena_release(struct arena *a)
{
    while (a->head) {
        struct arena_block *next = a->head->next;
        free(a->head);
        a->head = next;
    }
}

struct centry {
    uint64_t h;
    const char *raw; /* NULL: a free slot */
    size_t raw_len;
    struct slice val; /* the cleaned text */
    int64_t num;      /* a date, an enum value or an index */
    bool keyed;       /* names: the keys below are made */
    struct slice fold, key, given;
};

struct ccache {
    struct centry *tab;
    size_t cap, n;
    size_t lookups, hits;
    bool off; /* values hardly repeat in this column: no more caching */
};

/* Past this many values a column's cache stops growing (a file of all-different values). */
#define CACHE_MAX (1u << 21)

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 29);
}

static struct centry *cache_find(struct ccache *c, uint64_t h, const char *s, size_t n)
{
    if (!c->cap)
        return NULL;
    c->lookups++;
    for (size_t i = h & (c->cap - 1);; i = (i + 1) & (c->cap - 1)) {
        struct centry *x = &c->tab[i];
        if (!x->raw)
            return NULL;
        if (x->h == h && x->raw_len == n && !memcmp(x->raw, s, n)) {
            c->hits++;
            return x;
        }
    }
}

/* A new entry for s (not in c), or NULL when the cache is full. */
static struct centry *cache_add(struct ccache *c, struct arena *a, uint64_t h, const char *s,
                                size_t n)
{
    if (c->n >= CACHE_MAX)
        return NULL;
    /* a column of (nearly) all different values, like national IDs: checking it afresh is
       cheaper than keeping it */
    if (c->lookups >= 4096 && c->hits < c->lookups / 4) {
        c->off = true;
        return NULL;
    }
    if ((c->n + 1) * 2 > c->cap) {
        struct ccache old = *c;
        c->cap = old.cap ? old.cap * 2 : 256;
        c->tab = xcalloc(c->cap, sizeof(*c->tab));
        for (size_t i = 0; i < old.cap; i++)
            if (old.tab[i].raw) {
                size_t j = old.tab[i].h & (c->cap - 1);
                while (c->tab[j].raw)
                    j = (j + 1) & (c->cap - 1);
                c->tab[j] = old.tab[i];
            }
        free(old.tab);
    }
    size_t j = h & (c->cap - 1);
    while (c->tab[j].raw)
        j = (j + 1) & (c->cap - 1);
    struct centry *x = &c->tab[j];
    memset(x, 0, sizeof(*x));
    x->h = h;
    x->raw = arena_copy(a, s, n);
    x->raw_len = n;
    c->n++;
    return x;
}

static void cache_release(struct ccache *c)
{
    free(c->tab);
    memset(c, 0, sizeof(*c));
}

/* The writer thread's: the search and sort keys of full names, cached per name and per part. */
struct namer {
    struct text_collator *coll;
    struct ccache names; /* clean full names -> their search and sort keys */
    struct ccache parts; /* name parts -> their piece of the sort key */
    struct arena arena;
    struct buf tmp, text;
};

static void namer_release(struct namer *n)
{
    if (n->coll)
        text_collator_free(n->coll);
    cache_release(&n->names);
    cache_release(&n->parts);
    arena_release(&n->arena);
    buf_release(&n->tmp);
    buf_release(&n->text);
}

/* National IDs (12 digits) as numbers: the line in the file (> 0) or -member id (a member
   already in the database). */
struct nidmap {
    uint64_t *keys; /* the number + 1; 0: a free slot */
    long *vals;
    size_t cap, n;
};

/* The 12 digits as a number; false for anything else. */
static bool nid_number(const char *s, size_t n, uint64_t *out)
{
    if (n != 12)
        return false;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return true;
}

static size_t nid_slot(const struct nidmap *m, uint64_t k)
{
    uint64_t h = (k + 1) * 0x9E3779B97F4A7C15ULL;
    size_t i = (size_t)(h ^ (h >> 31)) & (m->cap - 1);
    while (m->keys[i] && m->keys[i] != k + 1)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static long *nid_find(struct nidmap *m, uint64_t k)
{
    if (!m->cap)
        return NULL;
    size_t i = nid_slot(m, k);
    return m->keys[i] ? &m->vals[i] : NULL;
}

static void nid_put(struct nidmap *m, uint64_t k, long val)
{
    if ((m->n + 1) * 2 > m->cap) {
        struct nidmap old = *m;
        m->cap = old.cap ? old.cap * 2 : 1024;
        m->keys = xcalloc(m->cap, sizeof(*m->keys));
        m->vals = xcalloc(m->cap, sizeof(*m->vals));
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                size_t j = nid_slot(m, old.keys[i] - 1);
                m->keys[j] = old.keys[i];
                m->vals[j] = old.vals[i];
            }
        free(old.keys);
        free(old.vals);
    }
    size_t i = nid_slot(m, k);
    if (!m->keys[i])
        m->n++;
    m->keys[i] = k + 1;
    m->vals[i] = val;
}

static void nid_release(struct nidmap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof(*m));
}

/* ---- the report ------------------------------------------------------------------------- */

static const char *const entity_names[IO_ENTITY__MAX] = {"orgs", "members"};

const char *io_entity_name(enum io_entity w)
{
    return (unsigned)w < IO_ENTITY__MAX ? entity_names[w] : "?";
}

enum tcxd_err io_entity_parse(const char *s, enum io_entity *out, struct tcxd_error *e)
{
    for (int i = 0; i < IO_ENTITY__MAX; i++)
        if (!strcmp(s, entity_names[i])) {
            *out = (enum io_entity)i;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "what", "cannot import or export '%s' (orgs or members)", s);
}

void io_report_init(struct io_report *r)
{
    memset(r, 0, sizeof(*r));
}

static void issues_free(struct io_issue *is, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(is[i].column);
        free(is[i].field);
        free(is[i].message);
    }
    free(is);
}

void io_report_release(struct io_report *r)
{
    issues_free(r->issues, r->n);
    issues_free(r->warnings, r->nwarn);
    io_report_init(r);
}

/* A copy of s that is valid UTF-8: bad bytes become U+FFFD. */
static char *utf8_copy(const char *s)
{
    size_t len = strlen(s);
    if (text_utf8_valid(s, len))
        return xstrdup(s);
    struct buf b = BUF_INIT;
    while (len) {
        size_t ok = text_utf8_invalid_at(s, len);
        buf_add(&b, s, ok);
        if (ok == len)
            break;
        buf_adds(&b, "\xEF\xBF\xBD");
        s += ok + 1;
        len -= ok + 1;
    }
    return buf_detach(&b, NULL);
}

static void issue_fill(struct io_issue *i, long line, const char *column, const char *field,
                       enum tcxd_err code, char *msg)
{
    i->line = line;
    i->column = utf8_copy(column ? column : "");
    i->field = utf8_copy(field ? field : "");
    /* messages start lowercase, whoever wrote them ("Chi bộ trực thuộc cannot be ...") */
    if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
        msg[0] = (char)(msg[0] - 'A' + 'a');
    i->message = utf8_copy(msg);
    i->code = code;
}

void io_report_add(struct io_report *r, long line, const char *column, const char *field,
                   enum tcxd_err code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), msg_tr(fmt), ap);
    va_end(ap);
    ALLOC_GROW(r->issues, r->n + 1, r->cap);
    issue_fill(&r->issues[r->n++], line, column, field, code, msg);
}

void io_report_warn(struct io_report *r, long line, const char *column, const char *field,
                    const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), msg_tr(fmt), ap);
    va_end(ap);
    ALLOC_GROW(r->warnings, r->nwarn + 1, r->warn_cap);
    issue_fill(&r->warnings[r->nwarn++], line, column, field, TCXD_OK, msg);
}

static json_t *issues_json(const struct io_issue *is, size_t n)
{
    json_t *a = json_array();
    for (size_t k = 0; k < n; k++) {
        const struct io_issue *i = &is[k];
        json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "line", (json_int_t)i->line,
                                           "column", i->column, "field", i->field, "code",
                                           i->code ? tcxd_err_name(i->code) : "warning", "message",
                                           i->message));
    }
    return a;
}

json_t *io_report_errors_json(const struct io_report *r)
{
    return issues_json(r->issues, r->n);
}

json_t *io_report_json(const struct io_report *r)
{
    json_t *j =
        json_pack("{s:s, s:s, s:I, s:I, s:I, s:b, s:b, s:s}", "what", io_entity_name(r->what),
                  "format", io_format_name(r->format), "rows", (json_int_t)r->rows, "bad_rows",
                  (json_int_t)r->bad_rows, "written", (json_int_t)r->written, "dry_run", r->dry_run,
                  "truncated", r->truncated, "sha256", r->sha256);
    json_object_set_new(j, "errors", io_report_errors_json(r));
    json_object_set_new(j, "warnings", issues_json(r->warnings, r->nwarn));
    return j;
}

/* One CSV field, quoted when it holds the separator, a quote or a line break. */
static void csv_field(struct buf *out, const char *s, char sep)
{
    bool quote = strchr(s, sep) || strpbrk(s, "\"\r\n");
    if (!quote) {
        buf_adds(out, s);
        return;
    }
    buf_addch(out, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_addch(out, '"');
        buf_addch(out, *s);
    }
    buf_addch(out, '"');
}

void io_report_errors_csv(const struct io_report *r, struct buf *out)
{
    bool vi = msg_lang() == MSG_VI;
    char sep = vi ? ';' : ',';
    buf_adds(out, "\xEF\xBB\xBF");
    /* the header in the language of the messages below it */
    buf_adds(out, vi ? "Dòng;Cột;Trường;Lỗi" : "line,column,field,message");
    buf_adds(out, "\r\n");
    for (size_t k = 0; k < r->n; k++) {
        const struct io_issue *i = &r->issues[k];
        buf_addf(out, "%ld%c", i->line, sep);
        csv_field(out, i->column, sep);
        buf_addch(out, sep);
        csv_field(out, i->field, sep);
        buf_addch(out, sep);
        csv_field(out, i->message, sep);
        buf_adds(out, "\r\n");
    }
}

void io_issue_format(const struct io_report *r, const struct io_issue *i, struct buf *out)
{
    if (i->line)
        buf_addf(out, "%s %ld", r->format == IO_FORMAT_XLSX ? MSG_T("row") : MSG_T("line"),
                 i->line);
    else
        buf_adds(out, MSG_T("file"));
    if (i->column[0])
        buf_addf(out, MSG_T(", column '%s'"), i->column);
    buf_addf(out, ": %s", i->message);
}

void io_import_opts_init(struct io_import_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->what = IO_MEMBERS;
    o->format = IO_FORMAT_AUTO;
}

/* ---- the importer ----------------------------------------------------------------------- */

#define NO_CELL      (-1)
#define EMPTY_HEADER (-3)

struct org_cache {
    bool found;
    struct store_bulk_org o;
    char suggestion[256]; /* "; did you mean ..." for an unknown code */
};

struct org_row {
    long line;
    long cell_line[OC__MAX];
    bool ok;      /* the row's own checks passed */
    bool checked; /* parent resolution done */
    bool created;
    char code[64];
    char parent[64];
    struct buf name, decision;
    enum org_tier tier;
    enum org_form form;
    enum org_base_type base_type;
    tcxd_date date;
    long parent_row; /* index in the file, -1 when in the database or none */
    int64_t parent_id;
    int64_t id;
};

/* A validated member on its way to the database. */
struct slot {
    long line;
    struct member_fields f;
    struct buf dec, odec;
    struct buf fold, key, given; /* the name's keys when the cache could not keep them */
    struct slice kfold, kkey, kgiven;
    int64_t org_id; /* the chi bộ of the admission */
    int64_t moved_to;
    tcxd_date decision, ceremony, official, moved_on;
};

#define BATCH_ROWS 256
#define NBATCHES   8

struct batch {
    struct slot s[BATCH_ROWS];
    size_t n;
};

/*
 * The writer thread: while this thread reads and checks rows, another writes the good ones
 * (SQLite work is most of an import). Batches go round between a free queue and a full queue.
 * The reading thread never touches the database while the writer runs: organizations and
 * national IDs are looked up in caches loaded before it starts. The first problem found stops
 * the writer (pipe_finish) before anything else happens.
 */
struct pipe {
    bool running;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t full_cv, free_cv;
    struct batch *batches[NBATCHES];
    struct batch *fullq[NBATCHES], *freeq[NBATCHES];
    size_t nfull, nfree, full_head;
    struct batch *cur; /* being filled by the reader */
    bool closing;
    /* the writer's results, read after the join */
    size_t written;
    bool failed;
    long fail_line;
    enum tcxd_err fail_rc;
    struct tcxd_error err;
    enum msg_lang lang; /* the reader's language, for the writer's messages */
};

struct importer {
    struct store *st;
    const struct store_actor *who;
    const struct io_import_opts *o;
    struct io_report *r;
    struct tcxd_error *e;
    const struct io_column *cols;
    size_t ncols;
    tcxd_date today;

    /* header */
    bool have_header;
    long header_line;
    int titles_skipped;
    bool have_cand; /* the first row with two cells filled, kept until the header is found */
    struct io_row cand_row;
    struct io_cell *cand_cells;
    struct buf cand_text;
    bool after_header; /* the next row is the first after the header */
    size_t nhead;
    int *map;    /* header cell -> column index, IO_COLUMN_UNKNOWN/IGNORED, EMPTY_HEADER */
    char **head; /* header cell texts */
    int col_cell[(int)MC__MAX > (int)OC__MAX ? (int)MC__MAX
                                             : (int)OC__MAX]; /* column -> header cell or NO_CELL */
    bool stop; /* header unusable, or max_errors reached */
    bool row_bad;
    enum tcxd_err fatal; /* a system error while writing */

    /* members */
    struct nidmap nids;
    struct strmap org_index;      /* code -> index into orgs */
    struct ccache cache[MC__MAX]; /* cleaned cells per column (MC_ORG: both chi bộ columns) */
    struct namer namer;           /* the writer thread's */
    struct arena arena;
    struct org_cache *orgs;
    size_t norgs, orgs_cap;
    struct store_bulk *bulk;
    struct slot solo; /* the row being checked when there is no writer thread */
    struct pipe pipe;
    bool preloaded; /* organizations and national IDs are in the caches */
    struct buf tmp;
    struct buf flat; /* a row with line breaks made spaces */
    struct io_cell *flat_cells;
    size_t flat_cap;
    struct io_row flat_row;
    struct buf conv; /* a row's cells converted from a legacy encoding */
    struct io_cell *conv_cells;
    size_t conv_cap;
    struct io_row conv_row;

    /* organizations */
    struct org_row *rows;
    size_t nrows, rows_cap;
    struct strmap codes; /* code -> row index */

    size_t nid_restored; /* national IDs in number cells given back their leading zeros */
    long nid_restored_line;
};

static const char *column_text(const struct importer *im, int col)
{
    int cell = col >= 0 ? im->col_cell[col] : NO_CELL;
    if (cell >= 0)
        return im->head[cell];
    return col >= 0 ? im->cols[col].label : "";
}

static void pipe_finish(struct importer *im);
static void issue(struct importer *im, long line, int col, const char *field, enum tcxd_err code,
                  const char *fmt, ...) TCXD_PRINTF(6, 7);
static void issue(struct importer *im, long line, int col, const char *field, enum tcxd_err code,
                  const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), msg_tr(fmt), ap);
    va_end(ap);
    if (!field)
        field = col >= 0 ? im->cols[col].name : "";
    io_report_add(im->r, line, column_text(im, col), field, code, "%s", msg);
    if (im->r->n == 1)
        pipe_finish(im); /* nothing more will be written */
    if (!im->row_bad) {
        im->row_bad = true;
        im->r->bad_rows++;
    }
    if (im->o->max_errors && im->r->n >= im->o->max_errors) {
        im->r->truncated = true;
        im->stop = true;
    }
}

/* An issue from a validator's error: its message, its field. */
static void issue_err(struct importer *im, long line, int col, const struct tcxd_error *err)
{
    issue(im, line, col, col >= 0 ? im->cols[col].name : err->field, err->code, "%s", err->msg);
}

static const struct io_cell empty_cell = {"", 0, 0, false};

static const struct io_cell *cell_of(const struct importer *im, const struct io_row *row, int col,
                                     struct io_cell *tmp)
{
    int c = im->col_cell[col];
    if (c < 0 || (size_t)c >= row->n) {
        *tmp = empty_cell;
        tmp->line = row->line;
        return tmp;
    }
    return &row->cells[c];
}

/* ---- header ----------------------------------------------------------------------------- */

static bool row_blank(const struct io_row *row)
{
    for (size_t i = 0; i < row->n; i++)
        for (size_t k = 0; k < row->cells[i].len; k++)
            if (row->cells[i].ptr[k] != ' ' && row->cells[i].ptr[k] != '\t')
                return false;
    return true;
}

/* The rows looked at for the header: the Party's header block (the committee above, "ĐẢNG CỘNG
   SẢN VIỆT NAM" and its motto, the place and date, the title) takes up to a dozen. */
#define HEADER_SCAN 30

/* Keeps a copy of row as the header candidate (cells and texts owned by im). */
static void keep_candidate(struct importer *im, const struct io_row *row)
{
    buf_reset(&im->cand_text);
    size_t *off = xmalloc((row->n ? row->n : 1) * sizeof(*off));
    for (size_t i = 0; i < row->n; i++) {
        off[i] = im->cand_text.len;
        buf_add(&im->cand_text, row->cells[i].ptr, row->cells[i].len);
        buf_addch(&im->cand_text, '\0');
    }
    free(im->cand_cells);
    im->cand_cells = xcalloc(row->n ? row->n : 1, sizeof(*im->cand_cells));
    for (size_t i = 0; i < row->n; i++) {
        im->cand_cells[i] = row->cells[i];
        im->cand_cells[i].ptr = im->cand_text.ptr + off[i];
    }
    free(off);
    im->cand_row = *row;
    im->cand_row.cells = im->cand_cells;
    im->have_cand = true;
}

/*
 * Finds the header: the first row that names at least two of the columns. Rows above it - the
 * Party's header block ("ĐẢNG BỘ QUẬN ..." left, "ĐẢNG CỘNG SẢN VIỆT NAM" right), the title,
 * the date - are skipped. Returns false while the row is not the header. When no row of the
 * first HEADER_SCAN is one (or the file ends first), force takes the first row with two cells
 * filled as the header anyway, so that its unknown and missing columns are reported.
 */
static bool take_header(struct importer *im, const struct io_row *row, bool force)
{
    size_t recognised = 0, filled = 0;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->cells[i].len)
            continue;
        filled++;
        if (io_column_match(im->cols, im->ncols, row->cells[i].ptr, row->cells[i].len) >= 0)
            recognised++;
    }
    if (!force && recognised < 2) {
        if (!im->have_cand && filled >= 2)
            keep_candidate(im, row);
        if (++im->titles_skipped < HEADER_SCAN)
            return false;
        if (im->have_cand)
            row = &im->cand_row;
    }
    im->have_header = true;
    im->header_line = row->line;
    im->nhead = row->n;
    im->map = xcalloc(row->n ? row->n : 1, sizeof(*im->map));
    im->head = xcalloc(row->n ? row->n : 1, sizeof(*im->head));
    for (size_t c = 0; c < im->ncols; c++)
        im->col_cell[c] = NO_CELL;
    for (size_t i = 0; i < row->n; i++) {
        const struct io_cell *cl = &row->cells[i];
        im->head[i] = utf8_copy(cl->ptr);
        struct buf key = BUF_INIT;
        io_header_key(cl->ptr, cl->len, &key);
        bool blank = key.len == 0;
        buf_release(&key);
        if (blank) {
            im->map[i] = EMPTY_HEADER;
            continue;
        }
        if (!text_utf8_valid(cl->ptr, cl->len)) {
            im->map[i] = IO_COLUMN_UNKNOWN;
            io_report_add(im->r, cl->line, im->head[i], "", TCXD_EINVAL,
                          "header of column %zu is not valid UTF-8: save the file as CSV UTF-8 "
                          "or XLSX",
                          i + 1);
            continue;
        }
        int m = io_column_match(im->cols, im->ncols, cl->ptr, cl->len);
        im->map[i] = m;
        if (m == IO_COLUMN_UNKNOWN) {
            /* "Ghi chú", "Chức vụ": a board's own columns, not ours */
            io_report_warn(im->r, cl->line, im->head[i], "",
                           "column '%s' is not one of the columns of %s: its values are ignored "
                           "(see 'tcxd help import')",
                           im->head[i], io_entity_name(im->o->what));
        } else if (m >= 0) {
            if (im->col_cell[m] != NO_CELL) {
                io_report_add(im->r, cl->line, im->head[i], im->cols[m].name, TCXD_EINVAL,
                              "column '%s' repeats column %d ('%s'): both are %s", im->head[i],
                              im->col_cell[m] + 1, im->head[im->col_cell[m]], im->cols[m].name);
                im->map[i] = IO_COLUMN_IGNORED;
            } else {
                im->col_cell[m] = (int)i;
            }
        }
    }
    for (size_t c = 0; c < im->ncols; c++) {
        if (!(im->cols[c].flags & IO_COL_REQUIRED) || im->col_cell[c] != NO_CELL)
            continue;
        if (im->o->what == IO_MEMBERS && c == MC_ORG && im->o->default_org)
            continue; /* a chi bộ's own roll: every row is in the chi bộ given */
        if (im->o->what == IO_MEMBERS && c == MC_ORG)
            io_report_add(im->r, row->line, im->cols[c].label, im->cols[c].name, TCXD_EINVAL,
                          "missing required column '%s' (or '%s'; for a sheet of one chi bộ, "
                          "give its code with --org)",
                          im->cols[c].label, im->cols[c].name);
        else
            io_report_add(im->r, row->line, im->cols[c].label, im->cols[c].name, TCXD_EINVAL,
                          "missing required column '%s' (or '%s')", im->cols[c].label,
                          im->cols[c].name);
        im->stop = true;
    }
    if (im->o->what == IO_MEMBERS && im->col_cell[MC_DECISION_DATE] == NO_CELL &&
        im->col_cell[MC_CEREMONY_DATE] == NO_CELL) {
        io_report_add(im->r, row->line, io_member_columns[MC_DECISION_DATE].label,
                      io_member_columns[MC_DECISION_DATE].name, TCXD_EINVAL,
                      "missing required column '%s' or '%s' (the date of the admission)",
                      io_member_columns[MC_DECISION_DATE].label,
                      io_member_columns[MC_CEREMONY_DATE].label);
        im->stop = true;
    }
    if (im->o->what == IO_ORGS && im->col_cell[OC_KIND] == NO_CELL &&
        (im->col_cell[OC_TIER] == NO_CELL || im->col_cell[OC_FORM] == NO_CELL)) {
        io_report_add(im->r, row->line, io_org_columns[OC_KIND].label, "kind", TCXD_EINVAL,
                      "missing required column '%s' (or 'kind', or both 'tier' and 'form')",
                      io_org_columns[OC_KIND].label);
        im->stop = true;
    }
    if (im->r->n && im->o->max_errors && im->r->n >= im->o->max_errors) {
        im->r->truncated = true;
        im->stop = true;
    }
    return true;
}

/* The row of column numbers under a form's header: "1, 2, 3 ..." or "(1), (2), (3) ...". */
static bool numbering_row(const struct io_row *row)
{
    size_t filled = 0;
    for (size_t i = 0; i < row->n; i++) {
        const char *p = row->cells[i].ptr, *end = p + row->cells[i].len;
        while (p < end && *p == ' ')
            p++;
        while (end > p && end[-1] == ' ')
            end--;
        if (p == end)
            continue;
        filled++;
        bool paren = *p == '(';
        if (paren && (end - p < 3 || end[-1] != ')'))
            return false;
        for (const char *q = p + paren; q < end - paren; q++)
            if (*q < '0' || *q > '9')
                return false;
    }
    return filled >= 2;
}

/* A line after the header with values only in columns that are not the import's (unknown, STT
   or without a header): a note, a total or the signature block under a roll ("T/M CHI ỦY",
   "BÍ THƯ", the name), often in merged cells. *at: the first such value's cell. */
static bool note_row(const struct importer *im, const struct io_row *row, size_t *at)
{
    bool any = false;
    for (size_t i = 0; i < row->n; i++) {
        const char *p = row->cells[i].ptr;
        size_t k = 0;
        while (k < row->cells[i].len && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k == row->cells[i].len)
            continue;
        if (i < im->nhead && im->map[i] >= 0)
            return false;
        if (!any)
            *at = i;
        any = true;
    }
    return any;
}

/* Row shape: the number of cells and cells beyond or without a header. false: skip the row. */
static bool check_shape(struct importer *im, const struct io_row *row,
                        const struct io_table_info *info)
{
    if (info->format == IO_FORMAT_CSV && row->n != im->nhead) {
        issue(im, row->line, -1, "", TCXD_EINVAL,
              "the row has %zu fields but the header has %zu (a missing or extra '%c', or a "
              "value with '%c' that is not quoted)",
              row->n, im->nhead, info->delim == '\t' ? ' ' : info->delim,
              info->delim == '\t' ? ' ' : info->delim);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->cells[i].len)
            continue;
        if (i >= im->nhead) {
            issue(im, row->cells[i].line, -1, "", TCXD_EINVAL,
                  "a value in column %zu, which has no header", i + 1);
            ok = false;
        } else if (im->map[i] == EMPTY_HEADER) {
            struct buf key = BUF_INIT;
            io_header_key(row->cells[i].ptr, row->cells[i].len, &key);
            if (key.len) {
                issue(im, row->cells[i].line, -1, "", TCXD_EINVAL,
                      "a value in column %zu, which has no header", i + 1);
                ok = false;
            }
            buf_release(&key);
        }
    }
    return ok;
}

/* Flags cells that are not valid UTF-8; bad[col] set for those. */
static void check_utf8(struct importer *im, const struct io_row *row, bool *bad)
{
    for (size_t c = 0; c < im->ncols; c++) {
        bad[c] = false;
        int k = im->col_cell[c];
        if (k < 0 || (size_t)k >= row->n)
            continue;
        const struct io_cell *cl = &row->cells[k];
        size_t at = text_utf8_invalid_at(cl->ptr, cl->len);
        if (at < cl->len) {
            issue(im, cl->line, (int)c, NULL, TCXD_EINVAL,
                  "invalid UTF-8 at byte %zu of the value: the file is not UTF-8 (save it as "
                  "'CSV UTF-8' or XLSX)",
                  at + 1);
            bad[c] = true;
        }
    }
}

/* The text of a date cell as date_parse takes it: an XLSX numeric cell is an Excel serial. */
static enum tcxd_err date_cell(const struct io_table_info *info, const struct io_cell *cl,
                               const char *field, tcxd_date *out, struct tcxd_error *err)
{
    if (cl->number) {
        int y, m, d;
        if (!io_excel_serial_date(cl->ptr, info->date1904, &y, &m, &d))
            return tcxd_fail(err, TCXD_EINVAL, field,
                             "invalid date: the cell holds the number %s, not a date", cl->ptr);
        *out = date_from_ymd(y, m, d);
        return TCXD_OK;
    }
    return date_parse(cl->ptr, out, field, err);
}

/* An XLSX number in a text column (a party card number): its digits. (A cell formatted to
   show leading zeros, "00000000", arrives as the text it shows: xlsx_read.c.) */
static const char *text_of(const struct io_cell *cl, struct buf *tmp)
{
    if (!cl->number)
        return cl->ptr;
    buf_reset(tmp);
    char *end;
    double v = strtod(cl->ptr, &end);
    if (*end || v < 0 || v >= 1e15 || v != (double)(long long)v)
        return cl->ptr;
    buf_addf(tmp, "%lld", (long long)v);
    return tmp->ptr;
}

/* The provinces' codes, the first three digits of a CCCD (the province of the birth
   registration; "0" and the province's code): docs/import-format.md. */
static bool cccd_province(int code)
{
    static const unsigned char codes[] = {
        1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33,
        34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66,
        67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};
    for (size_t i = 0; i < sizeof(codes); i++)
        if (codes[i] == code)
            return true;
    return false;
}

/*
 * The national ID of an XLSX number cell. A number loses a CCCD's leading zeros (every CCCD
 * starts with 0: "0" and the province's code), so 10 or 11 digits are given back their zeros
 * when that makes the code of a province - the only reading of the number as a CCCD (counted
 * for one warning). Any other number (8 or 9 digits, an old 9-digit CMND, a province code that
 * does not exist) is refused: NULL, with an issue that never shows the number.
 */
static const char *nid_of(struct importer *im, const struct io_cell *cl, struct buf *tmp)
{
    if (!cl->number)
        return cl->ptr;
    char *end;
    double v = strtod(cl->ptr, &end);
    if (*end || v < 0 || v >= 1e12 || v != (double)(long long)v) {
        issue(im, cl->line, MC_NATIONAL_ID, NULL, TCXD_EINVAL,
              "the national ID cell is a number that is not a whole number of up to 12 digits: "
              "format the column as Text and type the 12 digits");
        return NULL;
    }
    buf_reset(tmp);
    buf_addf(tmp, "%lld", (long long)v);
    size_t digits = tmp->len;
    if (digits == 12)
        return tmp->ptr;
    buf_reset(tmp);
    buf_addf(tmp, "%012lld", (long long)v);
    int province = (tmp->ptr[0] - '0') * 100 + (tmp->ptr[1] - '0') * 10 + (tmp->ptr[2] - '0');
    if ((digits == 10 || digits == 11) && cccd_province(province)) {
        if (!im->nid_restored++)
            im->nid_restored_line = cl->line;
        return tmp->ptr;
    }
    issue(im, cl->line, MC_NATIONAL_ID, NULL, TCXD_EINVAL,
          "the national ID cell is a number of %zu digits, not the 12 digits of a CCCD (a number "
          "cell drops leading zeros, and no province code makes it 12): format the column as "
          "Text and type the 12 digits",
          digits);
    return NULL;
}

/* ---- the writer thread ----------------------------------------------------------------- */

static void slot_init(struct slot *sl)
{
    memset(sl, 0, sizeof(*sl));
    member_fields_init(&sl->f);
    buf_init(&sl->dec, 0);
    buf_init(&sl->odec, 0);
    buf_init(&sl->fold, 0);
    buf_init(&sl->key, 0);
    buf_init(&sl->given, 0);
}

static void slot_release(struct slot *sl)
{
    member_fields_release(&sl->f);
    buf_release(&sl->dec);
    buf_release(&sl->odec);
    buf_release(&sl->fold);
    buf_release(&sl->key);
    buf_release(&sl->given);
}

/*
 * A name part's piece of the roll-order key. text_name_sort_key lays a full name's key out as
 * key(given) 00 key(family) 00 key(middle) 00, each piece made from its part alone (text.h), so
 * a piece is cached per part: a city's names are made of a few thousand parts, but hundreds of
 * thousands of combinations, and an ICU key costs far more than a lookup. A part's piece is
 * the third one of the key of "a PART b" (PART as the middle name).
 */
static struct slice part_key(struct namer *nm, struct slice part)
{
    uint64_t h = hash_bytes(part.ptr, part.len);
    struct centry *x = cache_find(&nm->parts, h, part.ptr, part.len);
    if (x)
        return x->val;
    buf_reset(&nm->text);
    buf_adds(&nm->text, "a ");
    buf_add(&nm->text, part.ptr, part.len);
    buf_adds(&nm->text, " b");
    buf_reset(&nm->tmp);
    text_name_sort_key(nm->coll, nm->text.ptr, &nm->tmp);
    const char *p = nm->tmp.ptr, *end = p + nm->tmp.len;
    for (int k = 0; k < 2 && p < end; k++)
        p = (const char *)memchr(p, '\0', (size_t)(end - p)) + 1;
    const char *z = memchr(p, '\0', (size_t)(end - p));
    if (!z)
        BUG("name sort key without three parts");
    struct slice piece =
        slice_from(arena_copy(&nm->arena, p, (size_t)(z - p) + 1), (size_t)(z - p) + 1);
    if ((x = cache_add(&nm->parts, &nm->arena, h, part.ptr, part.len)))
        x->val = piece;
    return piece;
}

/* The search and sort keys of a member's clean full name, made once per distinct name (on the
   writer thread). */
static void name_keys(struct namer *nm, struct slot *sl)
{
    struct slice name = slice_from(sl->f.full_name.ptr, sl->f.full_name.len);
    uint64_t h = hash_bytes(name.ptr, name.len);
    struct centry *x = cache_find(&nm->names, h, name.ptr, name.len);
    if (!x) {
        buf_reset(&sl->fold);
        buf_reset(&sl->key);
        buf_reset(&sl->given);
        store_bulk_name_folds(name.ptr, &sl->fold, &sl->given);
        struct name_parts np;
        text_name_split(name.ptr, &np);
        const struct slice parts[3] = {np.given, np.family, np.middle};
        for (int k = 0; k < 3; k++) {
            struct slice piece = part_key(nm, parts[k]);
            buf_add(&sl->key, piece.ptr, piece.len);
        }
        if ((x = cache_add(&nm->names, &nm->arena, h, name.ptr, name.len))) {
            x->fold = slice_from(arena_copy(&nm->arena, sl->fold.ptr, sl->fold.len), sl->fold.len);
            x->key = slice_from(arena_copy(&nm->arena, sl->key.ptr, sl->key.len), sl->key.len);
            x->given =
                slice_from(arena_copy(&nm->arena, sl->given.ptr, sl->given.len), sl->given.len);
        }
    }
    if (x) {
        sl->kfold = x->fold;
        sl->kkey = x->key;
        sl->kgiven = x->given;
        return;
    }
    sl->kfold = slice_from(sl->fold.ptr, sl->fold.len);
    sl->kkey = slice_from(sl->key.ptr, sl->key.len);
    sl->kgiven = slice_from(sl->given.ptr, sl->given.len);
}

static void *writer_main(void *arg)
{
    struct importer *im = arg;
    struct pipe *p = &im->pipe;
    msg_set_lang(p->lang);
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->nfull && !p->closing)
            pthread_cond_wait(&p->full_cv, &p->mu);
        if (!p->nfull) {
            pthread_mutex_unlock(&p->mu);
            break;
        }
        struct batch *b = p->fullq[p->full_head];
        p->full_head = (p->full_head + 1) % NBATCHES;
        p->nfull--;
        bool failed = p->failed;
        pthread_mutex_unlock(&p->mu);
        size_t written = 0;
        for (size_t i = 0; i < b->n && !failed; i++) {
            struct slot *sl = &b->s[i];
            name_keys(&im->namer, sl);
            struct store_bulk_member bm = {.fields = &sl->f,
                                           .org_id = sl->org_id,
                                           .decision_date = sl->decision,
                                           .ceremony_date = sl->ceremony,
                                           .official_decision_date = sl->official,
                                           .decision_no = sl->dec.ptr,
                                           .official_decision_no = sl->odec.ptr,
                                           .moved_to = sl->moved_to,
                                           .moved_on = sl->moved_on,
                                           .name_fold = sl->kfold,
                                           .name_key = sl->kkey,
                                           .name_fold_given = sl->kgiven};
            enum tcxd_err rc = store_bulk_member_add(im->bulk, &bm, NULL, &p->err);
            if (rc) {
                failed = true;
                p->fail_line = sl->line;
                p->fail_rc = rc;
            } else {
                written++;
            }
        }
        pthread_mutex_lock(&p->mu);
        p->written += written;
        p->failed = p->failed || failed;
        b->n = 0;
        p->freeq[p->nfree++] = b;
        pthread_cond_signal(&p->free_cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

static bool pipe_start(struct importer *im)
{
    struct pipe *p = &im->pipe;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->full_cv, NULL);
    pthread_cond_init(&p->free_cv, NULL);
    for (int i = 0; i < NBATCHES; i++) {
        p->batches[i] = xcalloc(1, sizeof(struct batch));
        for (int k = 0; k < BATCH_ROWS; k++)
            slot_init(&p->batches[i]->s[k]);
        p->freeq[p->nfree++] = p->batches[i];
    }
    p->lang = msg_lang();
    if (pthread_create(&p->thread, NULL, writer_main, im) != 0)
        return false;
    p->running = true;
    return true;
}

/* Hands the batch being filled to the writer. Called with the lock held. */
static void pipe_push_locked(struct pipe *p)
{
    if (!p->cur)
        return;
    if (p->cur->n) {
        p->fullq[(p->full_head + p->nfull) % NBATCHES] = p->cur;
        p->nfull++;
        pthread_cond_signal(&p->full_cv);
    } else {
        p->freeq[p->nfree++] = p->cur;
    }
    p->cur = NULL;
}

/* Lets the writer finish what it was given and waits for it. */
static void pipe_finish(struct importer *im)
{
    struct pipe *p = &im->pipe;
    if (!p->running)
        return;
    pthread_mutex_lock(&p->mu);
    pipe_push_locked(p);
    p->closing = true;
    pthread_cond_signal(&p->full_cv);
    pthread_mutex_unlock(&p->mu);
    pthread_join(p->thread, NULL);
    p->running = false;
    im->r->written += p->written;
    p->written = 0;
}

static void pipe_release(struct pipe *p)
{
    if (!p->batches[0])
        return;
    for (int i = 0; i < NBATCHES; i++) {
        for (int k = 0; k < BATCH_ROWS; k++)
            slot_release(&p->batches[i]->s[k]);
        free(p->batches[i]);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->full_cv);
    pthread_cond_destroy(&p->free_cv);
}

/* The slot the next row is checked into: the next free one of the writer's batch, or solo. */
static struct slot *row_slot(struct importer *im)
{
    struct pipe *p = &im->pipe;
    if (!p->running)
        return &im->solo;
    if (p->cur && p->cur->n < BATCH_ROWS)
        return &p->cur->s[p->cur->n];
    pthread_mutex_lock(&p->mu);
    pipe_push_locked(p);
    while (!p->nfree)
        pthread_cond_wait(&p->free_cv, &p->mu);
    p->cur = p->freeq[--p->nfree];
    pthread_mutex_unlock(&p->mu);
    return &p->cur->s[0];
}

static void preload_org(void *ctx, const char *code, const struct store_bulk_org *o)
{
    struct importer *im = ctx;
    ALLOC_GROW(im->orgs, im->norgs + 1, im->orgs_cap);
    struct org_cache *c = &im->orgs[im->norgs];
    memset(c, 0, sizeof(*c));
    c->found = true;
    c->o = *o;
    strmap_put(&im->org_index, code, (long)im->norgs++);
}

static void preload_nid(void *ctx, const char *nid, int64_t member_id)
{
    struct importer *im = ctx;
    uint64_t k;
    /* the store keeps only 12-digit IDs; anything else could not equal a row's anyway */
    if (nid_number(nid, strlen(nid), &k))
        nid_put(&im->nids, k, -(long)member_id); /* negative: a member in the database */
}

/* ---- members ---------------------------------------------------------------------------- */

struct hits {
    int64_t id[5];
    int n;
};

static void take_hit(void *ctx, int64_t id)
{
    struct hits *h = ctx;
    if (h->n < 5)
        h->id[h->n++] = id;
}

/* A name given where a code belongs: "; did you mean 'CB05' (Chi bộ 5)?" when a chi bộ alive
   today has exactly that name (folded). */
static void suggest_code(struct importer *im, const char *text, char *out, size_t n)
{
    struct hits h = {{0}, 0};
    out[0] = '\0';
    if (store_org_search(im->st, text, im->today, 5, take_hit, &h, NULL))
        return;
    struct buf want = BUF_INIT, got = BUF_INIT;
    text_fold(text, &want);
    for (int i = 0; i < h.n && !out[0]; i++) {
        struct org_info oi;
        if (store_org_get(im->st, h.id[i], im->today, &oi, NULL) ||
            !org_holds_members(oi.tier, oi.form))
            continue;
        buf_reset(&got);
        text_fold(oi.name, &got);
        if (!strcmp(got.ptr, want.ptr))
            snprintf(out, n, MSG_T("; did you mean '%s' (%.150s)?"), oi.code, oi.name);
    }
    buf_release(&want);
    buf_release(&got);
}

/* Looks up a chi bộ code once; the cache keeps what the database said. */
static struct org_cache *org_lookup(struct importer *im, const char *code, struct tcxd_error *err)
{
    long *idx = strmap_find(&im->org_index, code);
    if (idx)
        return &im->orgs[*idx];
    pipe_finish(im); /* an unknown code: the database is needed for a suggestion */
    ALLOC_GROW(im->orgs, im->norgs + 1, im->orgs_cap);
    struct org_cache *c = &im->orgs[im->norgs];
    memset(c, 0, sizeof(*c));
    enum tcxd_err rc =
        im->preloaded ? TCXD_ENOTFOUND : store_bulk_org_by_code(im->st, code, &c->o, err);
    if (rc == TCXD_OK) {
        c->found = true;
    } else if (rc == TCXD_ENOTFOUND) {
        suggest_code(im, code, c->suggestion, sizeof(c->suggestion));
    } else {
        return NULL;
    }
    strmap_put(&im->org_index, code, (long)im->norgs);
    return &im->orgs[im->norgs++];
}

/* ---- a member row's cells ---------------------------------------------------------------- */

/* "invalid UTF-8 ..." for a cell with bad bytes; true when the cell is valid. */
static bool cell_utf8(struct importer *im, const struct io_cell *cl, int col)
{
    size_t at = text_utf8_invalid_at(cl->ptr, cl->len);
    if (at == cl->len)
        return true;
    issue(im, cl->line, col, NULL, TCXD_EINVAL,
          "invalid UTF-8 at byte %zu of the value: the file is not UTF-8 (save it as "
          "'CSV UTF-8' or XLSX)",
          at + 1);
    return false;
}

/* Does a text column of member_fields_parse (clean_opt in store_member.c: an empty cell is
   the default; text_clean with the field's limit), through the column's cache. */
static bool text_cell(struct importer *im, int col, const struct io_cell *cl, const char *text,
                      size_t max, bool allow_empty, const char *dflt, struct slice *out)
{
    struct tcxd_error err;
    size_t len = text == cl->ptr ? cl->len : strlen(text);
    if (!len && dflt) {
        *out = slice_from(dflt, strlen(dflt));
        return true;
    }
    struct ccache *c = &im->cache[col];
    uint64_t h = c->off ? 0 : hash_bytes(text, len);
    struct centry *x = c->off ? NULL : cache_find(c, h, text, len);
    if (x) {
        *out = x->val;
        return true;
    }
    if (text == cl->ptr && !cell_utf8(im, cl, col))
        return false;
    buf_reset(&im->tmp);
    if (text_clean(text, len, max, allow_empty, io_member_columns[col].name, &im->tmp, &err)) {
        issue_err(im, cl->line, col, &err);
        return false;
    }
    if (c->off || !(x = cache_add(c, &im->arena, h, text, len))) {
        *out = slice_from(im->tmp.ptr, im->tmp.len); /* valid until the next cleaning */
        return true;
    }
    x->val = slice_from(arena_copy(&im->arena, im->tmp.ptr, im->tmp.len), im->tmp.len);
    *out = x->val;
    return true;
}

static void buf_set(struct buf *b, struct slice s)
{
    buf_reset(b);
    buf_add(b, s.ptr, s.len);
}

/* A date cell (dd/mm/yyyy, ISO, or an XLSX date number). Not cached: parsing one is about as
   cheap as finding it again. */
static bool date_of(struct importer *im, const struct io_table_info *info, int col,
                    const struct io_cell *cl, tcxd_date *out)
{
    struct tcxd_error err;
    if (!date_cell(info, cl, io_member_columns[col].name, out, &err))
        return true;
    if (cl->number || cell_utf8(im, cl, col))
        issue_err(im, cl->line, col, &err);
    return false;
}

/* An enum cell (gender, theory level) through the column's cache. */
static bool enum_cell(struct importer *im, int col, const struct io_cell *cl,
                      enum tcxd_err (*parse)(const char *, int *, struct tcxd_error *), int *out)
{
    struct tcxd_error err;
    uint64_t h = hash_bytes(cl->ptr, cl->len);
    struct centry *x = cache_find(&im->cache[col], h, cl->ptr, cl->len);
    if (x) {
        *out = (int)x->num;
        return true;
    }
    if (!cell_utf8(im, cl, col))
        return false;
    if (parse(cl->ptr, out, &err)) {
        issue_err(im, cl->line, col, &err);
        return false;
    }
    if ((x = cache_add(&im->cache[col], &im->arena, h, cl->ptr, cl->len)))
        x->num = *out;
    return true;
}

static enum tcxd_err parse_gender(const char *s, int *out, struct tcxd_error *e)
{
    enum gender g;
    enum tcxd_err rc = gender_parse(s, &g, e);
    *out = (int)g;
    return rc;
}

static enum tcxd_err parse_theory(const char *s, int *out, struct tcxd_error *e)
{
    enum theory_level t;
    enum tcxd_err rc = theory_level_parse(s, &t, e);
    *out = (int)t;
    return rc;
}

/* A chi bộ code cell (either chi bộ column): the organization, or NULL with an issue. */
static const struct org_cache *org_cell(struct importer *im, int col, const struct io_cell *cl,
                                        const char **code)
{
    struct tcxd_error err;
    uint64_t h = hash_bytes(cl->ptr, cl->len);
    struct ccache *c = &im->cache[MC_ORG];
    struct centry *x = cache_find(c, h, cl->ptr, cl->len);
    if (x) {
        *code = x->val.ptr;
        return &im->orgs[x->num];
    }
    if (!cell_utf8(im, cl, col))
        return NULL;
    buf_reset(&im->tmp);
    if (text_clean(cl->ptr, cl->len, 64, true, io_member_columns[col].name, &im->tmp, &err)) {
        issue_err(im, cl->line, col, &err);
        return NULL;
    }
    if (!im->tmp.len) {
        issue(im, cl->line, col, NULL, TCXD_EINVAL, "the chi bộ code is required");
        return NULL;
    }
    const struct org_cache *oc = org_lookup(im, im->tmp.ptr, &err);
    if (!oc) {
        issue_err(im, cl->line, col, &err);
        im->fatal = err.code;
        im->stop = true;
        return NULL;
    }
    *code = arena_copy(&im->arena, im->tmp.ptr, im->tmp.len);
    if ((x = cache_add(c, &im->arena, h, cl->ptr, cl->len))) {
        x->val = slice_from(*code, im->tmp.len);
        x->num = oc - im->orgs;
    }
    return oc;
}

/* A chi bộ that holds members and exists on date: the admission's (arrival false) or the
   arrival's (the transfer's). */
static bool org_alive(struct importer *im, int col, const struct io_cell *cl,
                      const struct org_cache *oc, const char *code, tcxd_date date, bool arrival)
{
    if (!oc->found) {
        issue(im, cl->line, col, NULL, TCXD_ENOTFOUND, "unknown chi bộ '%s'%s", code,
              oc->suggestion);
        return false;
    }
    if (!org_holds_members(oc->o.tier, oc->o.form)) {
        issue(im, cl->line, col, NULL, TCXD_ERULE,
              "'%s' is a %s, not a chi bộ: members are registered in a chi bộ", code,
              org_kind_label(org_kind_of(oc->o.tier, oc->o.form)));
        return false;
    }
    if (date == DATE_NONE || (date >= oc->o.created_on && date < oc->o.ended_on))
        return true;
    char d[DATE_ISO_LEN], x[DATE_ISO_LEN];
    bool before = date < oc->o.created_on;
    date_format_vn(date, d);
    date_format_vn(before ? oc->o.created_on : oc->o.ended_on, x);
    issue(im, cl->line, col, NULL, TCXD_ENOTFOUND,
          before ? "chi bộ '%s' did not exist yet on the %s date %s (created %s)"
                 : "chi bộ '%s' no longer existed on the %s date %s (ended %s)",
          code, arrival ? MSG_T("transfer") : MSG_T("admission"), d, x);
    return false;
}

/*
 * One member row: the checks of `tcxd member admit` (member_fields_parse's field by field, with
 * every failing field reported), then those of the official recognition and the transfer, then
 * the national ID's uniqueness; a good row goes to the writer while the file is still good.
 */
static void member_row(struct importer *im, const struct io_table_info *info,
                       const struct io_row *row)
{
    struct io_cell tmpc[MC__MAX];
    const struct io_cell *cl[MC__MAX];
    struct tcxd_error err;
    struct buf numtmp = BUF_INIT, nidtmp = BUF_INIT;
    struct slot *sl = row_slot(im);
    sl->line = row->line;
    for (int c = 0; c < MC__MAX; c++)
        cl[c] = cell_of(im, row, c, &tmpc[c]);
        /* a column that is absent reads as an empty cell */
#define GIVEN(c) (cl[c]->len > 0)

    /* personal fields, in member_fields_parse's order */
    bool fields_ok = true;
    struct slice v;
    if (text_cell(im, MC_FULL_NAME, cl[MC_FULL_NAME], cl[MC_FULL_NAME]->ptr, 100, false, NULL, &v))
        buf_set(&sl->f.full_name, v);
    else
        fields_ok = false;
    int en = 0;
    if (!GIVEN(MC_GENDER)) {
        issue(im, cl[MC_GENDER]->line, MC_GENDER, NULL, TCXD_EINVAL, "field gender is required");
        fields_ok = false;
    } else if (enum_cell(im, MC_GENDER, cl[MC_GENDER], parse_gender, &en)) {
        sl->f.gender = (enum gender)en;
    } else {
        fields_ok = false;
    }
    if (!GIVEN(MC_BIRTH_DATE)) {
        issue(im, cl[MC_BIRTH_DATE]->line, MC_BIRTH_DATE, NULL, TCXD_EINVAL,
              "field birth_date is required");
        fields_ok = false;
    } else if (!date_of(im, info, MC_BIRTH_DATE, cl[MC_BIRTH_DATE], &sl->f.birth_date)) {
        fields_ok = false;
    } else if (sl->f.birth_date > im->today) {
        char d[DATE_ISO_LEN];
        date_format_vn(sl->f.birth_date, d);
        issue(im, cl[MC_BIRTH_DATE]->line, MC_BIRTH_DATE, NULL, TCXD_EINVAL,
              "birth date %s is in the future", d);
        fields_ok = false;
    }
    sl->f.theory = THEORY_NONE;
    if (GIVEN(MC_THEORY)) {
        if (enum_cell(im, MC_THEORY, cl[MC_THEORY], parse_theory, &en))
            sl->f.theory = (enum theory_level)en;
        else
            fields_ok = false;
    }
    static const struct {
        int col;
        size_t max;
        const char *dflt;
    } texts[] = {
        {MC_ETHNICITY, 50, "Kinh"}, {MC_RELIGION, 50, "Không"}, {MC_HOMETOWN, 200, ""},
        {MC_EDUCATION, 50, ""},     {MC_PROFESSIONAL, 100, ""}, {MC_PARTY_CARD, 20, ""},
        {MC_NATIONAL_ID, 12, ""},
    };
    bool nid_bad = false;
    struct buf *dest[] = {&sl->f.ethnicity,  &sl->f.religion,           &sl->f.hometown,
                          &sl->f.education,  &sl->f.professional_level, &sl->f.party_card_no,
                          &sl->f.national_id};
    for (size_t k = 0; k < ARRAY_SIZE(texts); k++) {
        int c = texts[k].col;
        const char *t = cl[c]->ptr;
        if (c == MC_NATIONAL_ID)
            t = nid_of(im, cl[c], &nidtmp);
        else if (c == MC_PARTY_CARD)
            t = text_of(cl[c], &numtmp);
        if (!t)
            fields_ok = false, nid_bad = true, buf_reset(dest[k]);
        else if (text_cell(im, c, cl[c], t, texts[k].max, true, texts[k].dflt, &v))
            buf_set(dest[k], v);
        else if (c == MC_NATIONAL_ID)
            fields_ok = false, buf_reset(dest[k]);
        else
            buf_reset(dest[k]);
    }
    bool nid_ok = !nid_bad;
    if (nid_ok && sl->f.national_id.len && member_check_national_id(sl->f.national_id.ptr, &err)) {
        issue_err(im, cl[MC_NATIONAL_ID]->line, MC_NATIONAL_ID, &err);
        nid_ok = false;
    }

    /* admission, official recognition, arrival */
    bool dates_ok = true;
    static const int date_cols[4] = {MC_DECISION_DATE, MC_CEREMONY_DATE, MC_OFFICIAL_DATE,
                                     MC_ARRIVAL_DATE};
    tcxd_date dt[4] = {DATE_NONE, DATE_NONE, DATE_NONE, DATE_NONE};
    for (int k = 0; k < 4; k++) {
        int c = date_cols[k];
        if (!GIVEN(c)) {
            if (c == MC_DECISION_DATE && !GIVEN(MC_CEREMONY_DATE)) {
                /* a sheet of "Ngày vào Đảng" only: that date is the admission's */
                int at =
                    im->col_cell[MC_DECISION_DATE] != NO_CELL ? MC_DECISION_DATE : MC_CEREMONY_DATE;
                issue(im, cl[at]->line, at, NULL, TCXD_EINVAL,
                      "the admission decision date is required");
                dates_ok = false;
            }
            continue;
        }
        if (!date_of(im, info, c, cl[c], &dt[k]))
            dates_ok = false;
    }
    /* one of the two dates is enough: the decision defaults to the ceremony's day and the
       ceremony to the decision's */
    sl->decision = dt[0] != DATE_NONE ? dt[0] : dt[1];
    sl->ceremony = dt[1] != DATE_NONE ? dt[1] : dt[0];
    sl->official = dt[2];
    sl->moved_on = dt[3];
    for (int k = 2; k < 4; k++)
        if (dt[k] != DATE_NONE && dt[k] > im->today) {
            char d[DATE_ISO_LEN];
            date_format_vn(dt[k], d);
            issue(im, cl[date_cols[k]]->line, date_cols[k], NULL, TCXD_EINVAL,
                  "date %s is in the future", d);
            dates_ok = false;
        }

    static const int dec_cols[2] = {MC_DECISION_NO, MC_OFFICIAL_NO};
    struct buf *decb[2] = {&sl->dec, &sl->odec};
    for (int k = 0; k < 2; k++) {
        int c = dec_cols[k];
        if (text_cell(im, c, cl[c], cl[c]->ptr, 100, true, "", &v))
            buf_set(decb[k], v);
        else
            buf_reset(decb[k]);
    }

    /* the chi bộ, and the chi bộ of the admission when the member moved since */
    const struct org_cache *org = NULL, *adm = NULL;
    const char *org_code = "", *adm_code = "";
    bool orgs_ok = true;
    struct io_cell dflt_org;
    const struct io_cell *org_cl = cl[MC_ORG];
    if (!GIVEN(MC_ORG) && im->o->default_org) {
        dflt_org = *cl[MC_ORG];
        dflt_org.ptr = im->o->default_org;
        dflt_org.len = strlen(im->o->default_org);
        dflt_org.number = false;
        org_cl = &dflt_org;
    }
    if (!(org = org_cell(im, MC_ORG, org_cl, &org_code)))
        orgs_ok = false;
    if (GIVEN(MC_ADMISSION_ORG) &&
        !(adm = org_cell(im, MC_ADMISSION_ORG, cl[MC_ADMISSION_ORG], &adm_code)))
        orgs_ok = false;
    if (adm == org)
        adm = NULL; /* admitted in the chi bộ itself: no move */
    sl->moved_to = 0;
    if (orgs_ok && !adm && sl->moved_on != DATE_NONE) {
        issue(im, cl[MC_ARRIVAL_DATE]->line, MC_ARRIVAL_DATE, NULL, TCXD_EINVAL,
              "an arrival date needs the chi bộ of the admission (column '%s') to be another "
              "chi bộ",
              io_member_columns[MC_ADMISSION_ORG].label);
        orgs_ok = false;
    } else if (orgs_ok && adm && sl->moved_on == DATE_NONE && !(GIVEN(MC_ARRIVAL_DATE))) {
        issue(im, cl[MC_ARRIVAL_DATE]->line, MC_ARRIVAL_DATE, NULL, TCXD_EINVAL,
              "the arrival date in chi bộ '%s' is required when the member was admitted in "
              "another chi bộ ('%s')",
              org_code, adm_code);
        orgs_ok = false;
    }
    if (orgs_ok && adm) {
        orgs_ok = org_alive(im, MC_ADMISSION_ORG, cl[MC_ADMISSION_ORG], adm, adm_code, sl->ceremony,
                            false);
        orgs_ok = org_alive(im, MC_ORG, cl[MC_ORG], org, org_code, sl->moved_on, true) && orgs_ok;
    } else if (orgs_ok) {
        orgs_ok = org_alive(im, MC_ORG, cl[MC_ORG], org, org_code, sl->ceremony, false);
    }

    /* rules across fields, once the fields themselves are right */
    if (fields_ok && dates_ok && sl->decision != DATE_NONE) {
        if (member_check_admission(sl->f.birth_date, sl->decision, sl->ceremony, im->today, &err)) {
            int c = !strcmp(err.field, "ceremony_date") && im->col_cell[MC_CEREMONY_DATE] >= 0
                        ? MC_CEREMONY_DATE
                    : !strcmp(err.field, "birth_date") ? MC_BIRTH_DATE
                                                       : MC_DECISION_DATE;
            issue_err(im, cl[c]->line, c, &err);
        } else if (sl->official != DATE_NONE || (adm && orgs_ok)) {
            /* replayed as the store will: the recognition first, then with the transfer, so
               that a problem is reported on the column that causes it */
            struct member_event ev[3];
            size_t n = 0;
            ev[n++] = (struct member_event){.seq = 1,
                                            .kind = MEV_ADMIT,
                                            .date = sl->ceremony,
                                            .decision_date = sl->decision,
                                            .org_id = 1,
                                            .until = DATE_NONE};
            if (sl->official != DATE_NONE)
                ev[n++] = (struct member_event){.seq = 2,
                                                .kind = MEV_OFFICIAL,
                                                .date = member_official_date(sl->ceremony),
                                                .decision_date = sl->official,
                                                .until = DATE_NONE};
            struct member_event tr = {.seq = 3,
                                      .kind = MEV_TRANSFER,
                                      .date = sl->moved_on,
                                      .decision_date = sl->moved_on,
                                      .org_id = 2,
                                      .form = TRANSFER_OFFICIAL,
                                      .until = DATE_NONE};
            struct member_derived d;
            member_derived_init(&d);
            struct member_event sorted[3];
            memcpy(sorted, ev, sizeof(ev[0]) * n);
            if (member_replay(sorted, n, &d, &err)) {
                issue_err(im, cl[MC_OFFICIAL_DATE]->line, MC_OFFICIAL_DATE, &err);
            } else if (adm && orgs_ok) {
                ev[n++] = tr;
                if (member_replay(ev, n, &d, &err))
                    issue_err(im, cl[MC_ARRIVAL_DATE]->line, MC_ARRIVAL_DATE, &err);
            }
            member_derived_release(&d);
        }
    }

    /* national ID: unique in the file and among living members */
    /* (whatever else is wrong with the row: a duplicate is a problem of both rows) */
    uint64_t nk;
    if (nid_ok && sl->f.national_id.len &&
        nid_number(sl->f.national_id.ptr, sl->f.national_id.len, &nk)) {
        long *seen = nid_find(&im->nids, nk);
        int64_t other = 0;
        if (seen && *seen > 0) {
            issue(im, cl[MC_NATIONAL_ID]->line, MC_NATIONAL_ID, NULL, TCXD_ECONFLICT,
                  "the same national ID is on line %ld", *seen);
        } else if (seen || (!im->preloaded && !store_member_by_national_id(
                                                  im->st, sl->f.national_id.ptr, &other, NULL))) {
            issue(im, cl[MC_NATIONAL_ID]->line, MC_NATIONAL_ID, NULL, TCXD_ECONFLICT,
                  "the national ID already belongs to member #%lld",
                  seen ? -(long long)*seen : (long long)other);
        } else {
            nid_put(&im->nids, nk, cl[MC_NATIONAL_ID]->line);
        }
    }
#undef GIVEN

    /* write (or hand to the writer) at once while the whole file is still good */
    if (!im->row_bad && !im->r->n && im->bulk && !im->fatal) {
        sl->org_id = adm ? adm->o.id : org->o.id;
        sl->moved_to = adm ? org->o.id : 0;
        struct pipe *p = &im->pipe;
        int64_t id = 0;
        enum tcxd_err rc = TCXD_OK;
        if (p->running) {
            p->cur->n++;
        } else if (im->o->per_row) {
            struct member_admit_req req = {.fields = &sl->f,
                                           .org_id = sl->org_id,
                                           .decision_date = sl->decision,
                                           .ceremony_date = sl->ceremony,
                                           .decision_no = sl->dec.ptr};
            rc = store_member_admit(im->st, im->who, &req, &id, &err);
            if (!rc && sl->official != DATE_NONE) {
                struct member_event ev = {.kind = MEV_OFFICIAL,
                                          .date = DATE_NONE,
                                          .decision_date = sl->official,
                                          .until = DATE_NONE};
                rc = store_member_event(im->st, im->who, id, &ev, sl->odec.ptr, "", &err);
            }
            if (!rc && sl->moved_to) {
                struct member_event ev = {.kind = MEV_TRANSFER,
                                          .date = sl->moved_on,
                                          .decision_date = sl->moved_on,
                                          .org_id = sl->moved_to,
                                          .form = TRANSFER_OFFICIAL,
                                          .until = DATE_NONE};
                rc = store_member_event(im->st, im->who, id, &ev, "", "", &err);
            }
        } else {
            struct store_bulk_member bm = {.fields = &sl->f,
                                           .org_id = sl->org_id,
                                           .decision_date = sl->decision,
                                           .ceremony_date = sl->ceremony,
                                           .official_decision_date = sl->official,
                                           .decision_no = sl->dec.ptr,
                                           .official_decision_no = sl->odec.ptr,
                                           .moved_to = sl->moved_to,
                                           .moved_on = sl->moved_on};
            rc = store_bulk_member_add(im->bulk, &bm, &id, &err);
        }
        if (rc) {
            issue(im, row->line, -1, err.field, rc, "%s", err.msg);
            if (rc == TCXD_EDB || rc == TCXD_EIO || rc == TCXD_EINTERNAL) {
                im->fatal = rc;
                im->stop = true;
            }
        } else if (!p->running) {
            im->r->written++;
        }
    }
    buf_release(&numtmp);
    buf_release(&nidtmp);
}

/* ---- organizations ---------------------------------------------------------------------- */

static enum tcxd_err kind_parse(const char *s, enum org_tier *t, enum org_form *f,
                                struct tcxd_error *err)
{
    struct buf a = BUF_INIT, b = BUF_INIT;
    io_header_key(s, strlen(s), &a);
    bool found = false;
    for (int tier = 0; tier < ORG_TIER__MAX && !found; tier++)
        for (int form = 0; form < ORG_FORM__MAX && !found; form++) {
            enum org_kind k = org_kind_of((enum org_tier)tier, (enum org_form)form);
            if (k == ORG_KIND_ABOVE_BASE && form == ORG_FORM_CHI_BO)
                continue;
            const char *names[2] = {org_kind_name(k), org_kind_label(k)};
            for (int i = 0; i < 2 && !found; i++) {
                io_header_key(names[i], strlen(names[i]), &b);
                if (!strcmp(a.ptr, b.ptr)) {
                    *t = (enum org_tier)tier;
                    *f = (enum org_form)form;
                    found = true;
                }
            }
        }
    buf_release(&a);
    buf_release(&b);
    if (found)
        return TCXD_OK;
    return tcxd_fail(err, TCXD_EINVAL, "kind",
                     "invalid organization kind '%s' (expected cap_tren_co_so, dang_bo_co_so, "
                     "chi_bo_co_so, dang_bo_bo_phan or chi_bo_truc_thuoc, or the Vietnamese "
                     "names)",
                     s);
}

static void org_row_release(struct org_row *o)
{
    buf_release(&o->name);
    buf_release(&o->decision);
}

static void org_row(struct importer *im, const struct io_table_info *info, const struct io_row *row)
{
    bool bad[OC__MAX];
    struct io_cell tmpc[OC__MAX];
    const struct io_cell *cl[OC__MAX];
    struct tcxd_error err;
    check_utf8(im, row, bad);
    for (int c = 0; c < OC__MAX; c++)
        cl[c] = cell_of(im, row, c, &tmpc[c]);
    ALLOC_GROW(im->rows, im->nrows + 1, im->rows_cap);
    struct org_row *o = &im->rows[im->nrows++];
    memset(o, 0, sizeof(*o));
    buf_init(&o->name, 0);
    buf_init(&o->decision, 0);
    o->line = row->line;
    o->parent_row = -1;
    o->date = DATE_NONE;
    for (int c = 0; c < OC__MAX; c++)
        o->cell_line[c] = cl[c]->line;
    bool ok = true, kind_ok = false;
    for (int c = 0; c < OC__MAX; c++)
        ok = ok && !bad[c];

    buf_reset(&im->tmp);
    if (!bad[OC_CODE]) {
        if (text_clean(cl[OC_CODE]->ptr, cl[OC_CODE]->len, 32, false, "code", &im->tmp, &err) ||
            org_check_code(im->tmp.ptr, &err)) {
            issue_err(im, cl[OC_CODE]->line, OC_CODE, &err);
            ok = false;
        } else {
            snprintf(o->code, sizeof(o->code), "%s", im->tmp.ptr);
            long *seen = strmap_find(&im->codes, o->code);
            struct store_bulk_org dbo;
            if (seen) {
                issue(im, cl[OC_CODE]->line, OC_CODE, NULL, TCXD_ECONFLICT,
                      "code '%s' is also on line %ld", o->code, im->rows[*seen].line);
                ok = false;
            } else {
                strmap_put(&im->codes, o->code, (long)(im->nrows - 1));
                enum tcxd_err rc = store_bulk_org_by_code(im->st, o->code, &dbo, &err);
                if (rc == TCXD_OK) {
                    issue(im, cl[OC_CODE]->line, OC_CODE, NULL, TCXD_ECONFLICT,
                          "organization code '%s' is already used", o->code);
                    ok = false;
                } else if (rc != TCXD_ENOTFOUND) {
                    issue_err(im, cl[OC_CODE]->line, OC_CODE, &err);
                    im->fatal = rc;
                    im->stop = true;
                    ok = false;
                }
            }
        }
    }
    if (!bad[OC_NAME] &&
        text_clean(cl[OC_NAME]->ptr, cl[OC_NAME]->len, 200, false, "name", &o->name, &err)) {
        issue_err(im, cl[OC_NAME]->line, OC_NAME, &err);
        ok = false;
    }
    if (im->col_cell[OC_KIND] != NO_CELL && cl[OC_KIND]->len) {
        if (!bad[OC_KIND]) {
            if (kind_parse(cl[OC_KIND]->ptr, &o->tier, &o->form, &err)) {
                issue_err(im, cl[OC_KIND]->line, OC_KIND, &err);
                ok = false;
            } else {
                kind_ok = true;
            }
        }
    } else if (im->col_cell[OC_TIER] != NO_CELL && im->col_cell[OC_FORM] != NO_CELL &&
               (cl[OC_TIER]->len || cl[OC_FORM]->len)) {
        bool tok = !bad[OC_TIER] && !org_tier_parse(cl[OC_TIER]->ptr, &o->tier, &err);
        if (!tok && !bad[OC_TIER])
            issue_err(im, cl[OC_TIER]->line, OC_TIER, &err);
        bool fok = !bad[OC_FORM] && !org_form_parse(cl[OC_FORM]->ptr, &o->form, &err);
        if (!fok && !bad[OC_FORM])
            issue_err(im, cl[OC_FORM]->line, OC_FORM, &err);
        kind_ok = tok && fok;
        ok = ok && kind_ok;
    } else {
        int c = im->col_cell[OC_KIND] != NO_CELL ? OC_KIND : OC_TIER;
        issue(im, cl[c]->line, c, NULL, TCXD_EINVAL,
              "the organization kind is required (e.g. dang_bo_co_so or 'Chi bộ trực thuộc')");
        ok = false;
    }
    if (!bad[OC_BASE_TYPE]) {
        if (org_base_type_parse(cl[OC_BASE_TYPE]->ptr, &o->base_type, &err) ||
            (kind_ok && org_check_base_type(o->tier, o->base_type, &err))) {
            issue_err(im, cl[OC_BASE_TYPE]->line, OC_BASE_TYPE, &err);
            ok = false;
        }
    }
    if (!bad[OC_DATE]) {
        if (!cl[OC_DATE]->len) {
            issue(im, cl[OC_DATE]->line, OC_DATE, NULL, TCXD_EINVAL,
                  "the date of creation is required");
            ok = false;
        } else if (date_cell(info, cl[OC_DATE], "date", &o->date, &err)) {
            issue_err(im, cl[OC_DATE]->line, OC_DATE, &err);
            ok = false;
        } else if (o->date > im->today) {
            char d[DATE_ISO_LEN];
            date_format_vn(o->date, d);
            issue(im, cl[OC_DATE]->line, OC_DATE, NULL, TCXD_EINVAL, "date %s is in the future", d);
            ok = false;
        }
    }
    if (!bad[OC_DECISION_NO] && text_clean(cl[OC_DECISION_NO]->ptr, cl[OC_DECISION_NO]->len, 100,
                                           true, "decision_no", &o->decision, &err)) {
        issue_err(im, cl[OC_DECISION_NO]->line, OC_DECISION_NO, &err);
        ok = false;
    }
    if (!bad[OC_PARENT]) {
        buf_reset(&im->tmp);
        if (text_clean(cl[OC_PARENT]->ptr, cl[OC_PARENT]->len, 32, true, "parent", &im->tmp,
                       &err)) {
            issue_err(im, cl[OC_PARENT]->line, OC_PARENT, &err);
            ok = false;
        } else {
            snprintf(o->parent, sizeof(o->parent), "%s", im->tmp.ptr);
        }
    }
    o->ok = ok;
}

/* Resolves o's parent and checks nesting and dates; row indexes follow parents in the file. */
static void org_resolve(struct importer *im, size_t k)
{
    struct org_row *o = &im->rows[k];
    struct tcxd_error err;
    if (!o->ok || o->checked)
        return;
    o->checked = true;
    im->row_bad = false;
    char d[DATE_ISO_LEN], pd[DATE_ISO_LEN];
    date_format_vn(o->date, d);
    if (!o->parent[0]) {
        if (org_check_nesting(false, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, o->tier, o->form,
                              &err)) {
            issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, err.code, "%s", err.msg);
            o->ok = false;
        }
        return;
    }
    long *in_file = strmap_find(&im->codes, o->parent);
    if (in_file) {
        /* a cycle check: walk up the file's parents */
        size_t steps = 0;
        for (long p = *in_file; p >= 0 && steps <= im->nrows; steps++) {
            if ((size_t)p == k) {
                issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, TCXD_ERULE,
                      "organization '%s' is its own ancestor through parent '%s'", o->code,
                      o->parent);
                o->ok = false;
                return;
            }
            long *up = im->rows[p].parent[0] ? strmap_find(&im->codes, im->rows[p].parent) : NULL;
            p = up ? *up : -1;
        }
        struct org_row *p = &im->rows[*in_file];
        if (!p->ok) {
            o->ok = false; /* the parent's own problems are reported on its line */
            return;
        }
        o->parent_row = *in_file;
        if (org_check_nesting(true, p->tier, p->form, o->tier, o->form, &err)) {
            issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, err.code, "%s (parent '%s')",
                  err.msg, o->parent);
            o->ok = false;
        } else if (p->date > o->date) {
            date_format_vn(p->date, pd);
            issue(im, o->cell_line[OC_DATE], OC_DATE, NULL, TCXD_ERULE,
                  "created on %s, before its parent '%s' (created %s on line %ld)", d, o->parent,
                  pd, p->line);
            o->ok = false;
        }
        return;
    }
    struct org_info po;
    enum tcxd_err rc = store_org_by_code(im->st, o->parent, o->date, &po, &err);
    if (rc == TCXD_ENOTFOUND) {
        struct store_bulk_org any;
        bool exists = !store_bulk_org_by_code(im->st, o->parent, &any, NULL);
        issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, TCXD_ENOTFOUND,
              exists ? "%s"
                     : "unknown parent organization '%s' (neither in the file nor in the "
                       "database)",
              exists ? err.msg : o->parent);
        o->ok = false;
    } else if (rc) {
        issue_err(im, o->cell_line[OC_PARENT], OC_PARENT, &err);
        im->fatal = rc;
        o->ok = false;
    } else if (org_check_nesting(true, po.tier, po.form, o->tier, o->form, &err)) {
        issue(im, o->cell_line[OC_PARENT], OC_PARENT, NULL, err.code, "%s (parent '%s')", err.msg,
              o->parent);
        o->ok = false;
    } else {
        o->parent_id = po.id;
    }
}

static enum tcxd_err org_create(struct importer *im, size_t k, struct tcxd_error *err)
{
    struct org_row *o = &im->rows[k];
    if (o->created)
        return TCXD_OK;
    enum tcxd_err rc;
    if (o->parent_row >= 0) {
        if ((rc = org_create(im, (size_t)o->parent_row, err)))
            return rc;
        o->parent_id = im->rows[o->parent_row].id;
    }
    struct org_create_req req = {.code = o->code,
                                 .name = o->name.ptr,
                                 .tier = o->tier,
                                 .form = o->form,
                                 .base_type = o->base_type,
                                 .parent_id = o->parent_id,
                                 .date = o->date,
                                 .decision_no = o->decision.ptr};
    if ((rc = store_org_create(im->st, im->who, &req, &o->id, err))) {
        issue(im, o->line, -1, err->field, rc, "%s", err->msg);
        return rc;
    }
    o->created = true;
    im->r->written++;
    return TCXD_OK;
}

/* ---- driving ---------------------------------------------------------------------------- */

/* Line breaks and tabs inside a cell (Alt+Enter in Excel, a quoted newline in CSV) are data:
   they become spaces, which text_clean then collapses. Returns row itself when there are none. */
static const struct io_row *flatten_breaks(struct importer *im, const struct io_row *row)
{
    bool any = false;
    for (size_t i = 0; i < row->n && !any; i++)
        for (size_t k = 0; k < row->cells[i].len && !any; k++) {
            char c = row->cells[i].ptr[k];
            any = c == '\n' || c == '\r' || c == '\t';
        }
    if (!any)
        return row;
    buf_reset(&im->flat);
    size_t *off = xmalloc((row->n ? row->n : 1) * sizeof(*off));
    for (size_t i = 0; i < row->n; i++) {
        off[i] = im->flat.len;
        for (size_t k = 0; k < row->cells[i].len; k++) {
            char c = row->cells[i].ptr[k];
            buf_addch(&im->flat, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
        buf_addch(&im->flat, '\0');
    }
    ALLOC_GROW(im->flat_cells, row->n ? row->n : 1, im->flat_cap);
    for (size_t i = 0; i < row->n; i++) {
        im->flat_cells[i] = row->cells[i];
        im->flat_cells[i].ptr = im->flat.ptr + off[i];
    }
    free(off);
    im->flat_row = *row;
    im->flat_row.cells = im->flat_cells;
    return &im->flat_row;
}

/* An XLSX sheet typed in a .VnTime font, read with --encoding tcvn3: its cells converted.
   Returns row itself when nothing changes. */
static const struct io_row *legacy_text(struct importer *im, const struct io_row *row)
{
    if (im->o->encoding != IO_ENC_TCVN3 || im->r->format != IO_FORMAT_XLSX)
        return row;
    bool any = false;
    buf_reset(&im->conv);
    size_t *off = xmalloc((row->n ? row->n : 1) * sizeof(*off));
    size_t *len = xmalloc((row->n ? row->n : 1) * sizeof(*len));
    for (size_t i = 0; i < row->n; i++) {
        off[i] = im->conv.len;
        if (io_tcvn3_cell(row->cells[i].ptr, row->cells[i].len, &im->tmp)) {
            buf_add(&im->conv, im->tmp.ptr, im->tmp.len);
            any = true;
        } else {
            buf_add(&im->conv, row->cells[i].ptr, row->cells[i].len);
        }
        len[i] = im->conv.len - off[i];
        buf_addch(&im->conv, '\0');
    }
    if (any) {
        ALLOC_GROW(im->conv_cells, row->n ? row->n : 1, im->conv_cap);
        for (size_t i = 0; i < row->n; i++) {
            im->conv_cells[i] = row->cells[i];
            im->conv_cells[i].ptr = im->conv.ptr + off[i];
            im->conv_cells[i].len = len[i];
        }
        im->conv_row = *row;
        im->conv_row.cells = im->conv_cells;
        row = &im->conv_row;
    }
    free(off);
    free(len);
    return row;
}

static int on_row(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    struct importer *im = ctx;
    if (im->stop)
        return 1;
    if (row_blank(row))
        return 0;
    row = legacy_text(im, row);
    if (!im->have_header) {
        im->after_header = take_header(im, row, false);
        return im->stop;
    }
    if (im->after_header) {
        im->after_header = false;
        if (numbering_row(row))
            return 0; /* the form's column numbers under the header */
    }
    size_t at = 0;
    if ((info->format != IO_FORMAT_CSV || row->n == im->nhead) && note_row(im, row, &at)) {
        io_report_warn(im->r, row->cells[at].line, at < im->nhead ? im->head[at] : "", "",
                       "a line with values only in columns that are not imported is skipped (a "
                       "note or a signature)");
        return 0;
    }
    im->r->rows++;
    im->row_bad = false;
    row = flatten_breaks(im, row);
    if (check_shape(im, row, info)) {
        if (im->o->what == IO_MEMBERS)
            member_row(im, info, row);
        else
            org_row(im, info, row);
    }
    return im->stop;
}

static void importer_release(struct importer *im)
{
    for (size_t i = 0; i < im->nhead; i++)
        free(im->head[i]);
    free(im->head);
    free(im->map);
    nid_release(&im->nids);
    for (int c = 0; c < MC__MAX; c++)
        cache_release(&im->cache[c]);
    namer_release(&im->namer);
    arena_release(&im->arena);
    strmap_release(&im->org_index);
    strmap_release(&im->codes);
    free(im->orgs);
    for (size_t i = 0; i < im->nrows; i++)
        org_row_release(&im->rows[i]);
    free(im->rows);
    slot_release(&im->solo);
    pipe_release(&im->pipe);
    buf_release(&im->tmp);
    buf_release(&im->flat);
    free(im->flat_cells);
    buf_release(&im->conv);
    free(im->conv_cells);
    buf_release(&im->cand_text);
    free(im->cand_cells);
}

/* Rows in the file, roughly, before reading it: lines of a CSV; an XLSX's size / 100. */
static size_t estimate_rows(enum io_format fmt, const void *data, size_t len)
{
    if (fmt == IO_FORMAT_XLSX)
        return len / 100;
    size_t n = 0;
    for (const char *p = data, *end = p + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    return n;
}

#if defined(__linux__) && !defined(SCHED_IDLE)
#define SCHED_IDLE 5 /* Linux's; <sched.h> names it only with _GNU_SOURCE */
#endif

/* The SHA-256 of the input, on a thread of its own that runs while SQLite builds the indexes,
   at idle priority: on a core the load's threads leave free (when they wait for each other),
   not in their way. */
struct hasher {
    pthread_t thread;
    bool running, done;
    const void *data;
    size_t len;
    char *hex; /* 65 bytes */
};

static void hash_now(struct hasher *h)
{
    unsigned char hash[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(hash, h->data, h->len);
    sodium_bin2hex(h->hex, 65, hash, sizeof(hash));
}

static void *hash_main(void *arg)
{
#ifdef SCHED_IDLE
    struct sched_param sp = {.sched_priority = 0};
    pthread_setschedparam(pthread_self(), SCHED_IDLE, &sp);
#endif
    hash_now(arg);
    return NULL;
}

static void hash_start(struct hasher *h)
{
    if (h->running || h->done)
        return;
    h->running = pthread_create(&h->thread, NULL, hash_main, h) == 0;
    if (!h->running) {
        hash_now(h);
        h->done = true;
    }
}

static void hash_finish(struct hasher *h)
{
    if (h->running) {
        pthread_join(h->thread, NULL);
        h->running = false;
        h->done = true;
    }
    if (!h->done) {
        hash_now(h);
        h->done = true;
    }
}

static char *audit_json(const struct importer *im)
{
    json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "what", io_entity_name(im->o->what),
                          "file", im->o->name ? im->o->name : "", "format",
                          io_format_name(im->r->format), "rows", (json_int_t)im->r->written,
                          "sha256", im->r->sha256, "path", im->o->per_row ? "per_row" : "bulk");
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

enum tcxd_err io_import_buffer(struct store *st, const struct store_actor *who, const void *data,
                               size_t len, const struct io_import_opts *opts, struct io_report *r,
                               struct tcxd_error *e)
{
    struct importer im;
    memset(&im, 0, sizeof(im));
    im.st = st;
    im.who = who;
    im.o = opts;
    im.r = r;
    im.e = e;
    im.today = date_today();
    im.cols = opts->what == IO_MEMBERS ? io_member_columns : io_org_columns;
    im.ncols = opts->what == IO_MEMBERS ? MC__MAX : OC__MAX;
    slot_init(&im.solo);
    buf_init(&im.tmp, 0);
    buf_init(&im.flat, 0);
    buf_init(&im.conv, 0);
    buf_init(&im.cand_text, 0);
    buf_init(&im.namer.tmp, 0);
    buf_init(&im.namer.text, 0);
    r->what = opts->what;
    r->dry_run = opts->dry_run;

    if (sodium_init() < 0)
        BUG("libsodium cannot start");
    struct hasher hasher = {.data = data, .len = len, .hex = r->sha256};
    const char *text = data; /* what the reader reads: data, or data converted to UTF-8 */
    size_t text_len = len;

    enum tcxd_err rc;
    struct tcxd_error err;
    tcxd_error_clear(&err);
    enum io_format fmt = opts->format;
    if (fmt == IO_FORMAT_AUTO && (rc = io_format_detect(data, len, opts->name, &fmt, &err))) {
        io_report_add(r, 0, "", "file", rc, "%s", err.msg);
        goto done;
    }
    r->format = fmt;
    /* the text: UTF-8, or converted from the legacy encoding asked for */
    if (fmt == IO_FORMAT_CSV) {
        const char *t = data;
        size_t n = len, bom = len >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3) ? 3 : 0;
        if (opts->encoding != IO_ENC_UTF8)
            rc = io_convert_to_utf8(opts->encoding, t, n, &im.conv, &err);
        else
            rc = io_check_utf8(t + bom, n - bom, &err);
        if (rc) {
            io_report_add(r, err.line, "", "file", rc, "%s", err.msg);
            goto done;
        }
        if (opts->encoding != IO_ENC_UTF8) {
            text = buf_detach(&im.conv, &text_len);
        }
    } else if (opts->encoding == IO_ENC_CP1258 || opts->encoding == IO_ENC_CP1252) {
        io_report_add(r, 0, "", "encoding", TCXD_EINVAL,
                      "--encoding %s is for CSV files: the text of an XLSX file is Unicode "
                      "(--encoding tcvn3 converts a sheet typed in a .VnTime font)",
                      io_encoding_name(opts->encoding));
        goto done;
    }
    if (!opts->dry_run) {
        /* members through the bulk path: nothing else writes them until the commit */
        struct store_bulk_opts bo = {.expected_rows = estimate_rows(fmt, data, len),
                                     .indexes = opts->indexes,
                                     .sole_writer = opts->what == IO_MEMBERS && !opts->per_row};
        if ((rc = store_bulk_begin_opts(st, &bo, &im.bulk, &err))) {
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im.fatal = rc;
            goto done;
        }
    }
    if (opts->what == IO_MEMBERS) {
        /* caches first: with them the rows are checked without the database */
        if ((rc = store_bulk_orgs(st, preload_org, &im, &err)) ||
            (rc = store_bulk_national_ids(st, preload_nid, &im, &err))) {
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im.fatal = rc;
            goto finish;
        }
        im.preloaded = true;
        if (im.bulk && !opts->per_row) {
            im.namer.coll = text_collator_new();
            if (!pipe_start(&im))
                BUG("cannot start the writer thread");
        }
    }
    rc = io_table_read(fmt, text, text_len, on_row, &im, opts->progress, opts->progress_ctx, &err);
    if (im.nid_restored)
        io_report_warn(r, im.nid_restored_line, column_text(&im, MC_NATIONAL_ID), "national_id",
                       "%zu national IDs were number cells without their leading zeros (first on "
                       "row %ld): each was read as the 12 digits that start with its province's "
                       "code; format the column as Text",
                       im.nid_restored, im.nid_restored_line);
    if (!rc && !im.have_header && im.have_cand && !im.stop)
        take_header(&im, &im.cand_row, true); /* no header found: report the likeliest */
    pipe_finish(&im);
    hash_start(&hasher);
    if (im.pipe.failed) {
        io_report_add(r, im.pipe.fail_line, "", im.pipe.err.field, im.pipe.fail_rc, "%s",
                      im.pipe.err.msg);
        if (im.pipe.fail_rc == TCXD_EDB || im.pipe.fail_rc == TCXD_EIO ||
            im.pipe.fail_rc == TCXD_EINTERNAL)
            im.fatal = im.pipe.fail_rc;
    }
    if (rc) {
        /* the reader stopped: the line it names */
        io_report_add(r, err.line, "", "file", rc, "%s", err.msg);
        if (rc != TCXD_EINVAL && rc != TCXD_ETOOBIG)
            im.fatal = rc;
    } else if (!im.have_header && !r->n) {
        io_report_add(r, 0, "", "file", TCXD_EINVAL, "the file has no header row (it is empty)");
    }

finish:
    if (opts->what == IO_ORGS && im.have_header && !im.stop) {
        for (size_t k = 0; k < im.nrows; k++) {
            im.row_bad = false;
            org_resolve(&im, k);
        }
        for (size_t k = 0; !r->n && im.bulk && k < im.nrows; k++)
            if (org_create(&im, k, &err) && (err.code == TCXD_EDB || err.code == TCXD_EIO))
                im.fatal = err.code;
    }

    if (im.bulk) {
        if (r->n) {
            store_bulk_abort(im.bulk);
            r->written = 0;
        } else if ((rc = store_bulk_prepare(im.bulk, &err))) {
            store_bulk_abort(im.bulk);
            io_report_add(r, 0, "", "", rc, "%s", err.msg);
            im.fatal = rc;
            r->written = 0;
        } else {
            hash_finish(&hasher);
            char *after = audit_json(&im);
            rc = store_bulk_commit(im.bulk, who,
                                   opts->what == IO_MEMBERS ? "import.members" : "import.orgs",
                                   after, &err);
            free(after);
            if (rc) {
                io_report_add(r, 0, "", "", rc, "%s", err.msg);
                im.fatal = rc;
                r->written = 0;
            }
        }
        im.bulk = NULL;
    }
done:
    hash_finish(&hasher);
    if (r->n) {
        r->written = 0;
        if (im.fatal)
            rc = tcxd_fail(e, im.fatal, "file", "import failed: %s; nothing was written",
                           r->issues[r->n - 1].message);
        else
            rc = tcxd_fail(
                e, TCXD_EINVAL, "file", "%zu problem%s in %s%zu of %zu rows%s; nothing was written",
                r->n, r->n == 1 ? "" : "s", r->truncated ? MSG_T("at least ") : "", r->bad_rows,
                r->rows, r->bad_rows || !r->rows ? "" : MSG_T(" (in the header)"));
    } else {
        rc = TCXD_OK;
    }
    importer_release(&im);
    if (text != data)
        free((char *)text);
    return rc;
}

enum tcxd_err io_read_file(const char *path, struct buf *out, struct tcxd_error *e)
{
    buf_reset(out);
    FILE *f = fopen(path, "rb");
    if (!f)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot open '%s': %s", path, strerror(errno));
    char chunk[1 << 16];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_add(out, chunk, n);
    bool err = ferror(f);
    fclose(f);
    if (err)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot read '%s'", path);
    return TCXD_OK;
}

enum tcxd_err io_import_file(struct store *st, const struct store_actor *who, const char *path,
                             const struct io_import_opts *opts, struct io_report *r,
                             struct tcxd_error *e)
{
    struct buf data = BUF_INIT;
    enum tcxd_err rc = io_read_file(path, &data, e);
    if (rc) {
        io_report_add(r, 0, "", "file", rc, "%s", e ? e->msg : MSG_T("cannot read the file"));
        r->what = opts->what;
        buf_release(&data);
        return rc;
    }
    struct io_import_opts o = *opts;
    if (!o.name)
        o.name = path;
    rc = io_import_buffer(st, who, data.ptr, data.len, &o, r, e);
    buf_release(&data);
    return rc;
}
