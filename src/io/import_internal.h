/*
 * import_internal.h - what the parts of the importer share (private to src/io).
 *
 * import.c drives: it finds the header, hands each row to the member rows (import_member.c) or
 * the organization rows (import_org.c), and ends the transaction; import_report.c is the report,
 * a sink of issues. The functions below take the one struct importer of an import.
 */
#ifndef TCXD_IO_IMPORT_INTERNAL_H
#define TCXD_IO_IMPORT_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "io/columns.h"
#include "io/encoding.h"
#include "io/import.h"
#include "store/store_bulk.h"
#include "store/store_commend.h"
#include "text/text.h"
#include "util/arena.h"
#include "util/hashmap.h"
#include "util/msg.h"

/* ---- caches of cleaned cells (import_member.c) ------------------------------------------ */

/*
 * Cells repeat a lot in a roll (ethnicity, religion, hometown, education, dates, chi bộ codes,
 * and full names: 457,397 members of hanoi-2020 have 205,856 distinct names), and cleaning a
 * cell (UTF-8 check, NFC, spaces) or parsing a date costs far more than finding it again. So a
 * cell's text is cleaned or parsed once per column and the result kept, keyed by the exact
 * bytes: a hit gives what the cleaning gave (only successes are kept; a bad cell is checked,
 * and reported, every time). The strings live in an arena that never moves them, so the writer
 * thread may read a cached name's keys while the reader adds more.
 */

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

/* The writer thread's: the search and sort keys of full names, cached per name and per part. */
struct namer {
    struct text_collator *coll;
    struct ccache names; /* clean full names -> their search and sort keys */
    struct ccache parts; /* name parts -> their piece of the sort key */
    struct arena arena;
    struct buf tmp, text;
};

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
    struct org_commendation *commends; /* the "Khen thưởng" cell's lines */
    size_t ncommends;
};

/* A validated member on its way to the database. */
struct slot {
    long line;
    struct member_fields f;
    struct buf dec, odec;
    struct buf place;            /* admitted outside the database: where */
    struct buf fold, key, given; /* the name's keys when the cache could not keep them */
    struct slice kfold, kkey, kgiven;
    int64_t org_id; /* the chi bộ of the admission */
    int64_t moved_to;
    tcxd_date decision, ceremony, official, moved_on;
    enum transfer_scope moved_scope; /* the arrival: from where */
    struct buf moved_from;
    tcxd_date moved_decision; /* ... its decision (DATE_NONE: moved_on) */
    struct buf moved_no;
    struct member_history_item *hist; /* the history column's events (ev.org_id resolved) */
    size_t nhist, hist_cap;
};

#define BATCH_ROWS 256
#define NBATCHES   8

struct batch {
    struct slot s[BATCH_ROWS];
    size_t n;
};

/*
 * The writer thread: while this thread reads and checks rows, another writes the good ones
 * (SQLite work is most of an import) - or, when the import prepares first, makes their names'
 * keys and keeps them for the write, which then holds the write lock only for the SQLite work.
 * Batches go round between a free queue and a full queue. The reading thread never touches the
 * database while the writer runs: organizations and national IDs are looked up in caches loaded
 * before it starts. The first problem found stops the writer (pipe_finish) before anything else
 * happens.
 */
struct pipe {
    bool running;
    /* prepare first (io_import_prepare): the thread only makes the names' keys and keeps every
       batch, in file order, for the write (members_write_kept) */
    bool keep;
    struct batch **kept;
    size_t nkept, kept_cap;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t full_cv, free_cv;
    struct batch **batches; /* every batch made (NBATCHES, and more when keeping) */
    size_t nbatches, batches_cap;
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
    struct u64map nids; /* national IDs (the 12 digits as a number) -> line (> 0) or -member id */
    struct strmap org_index;      /* code -> index into orgs */
    struct ccache cache[MC__MAX]; /* cleaned cells per column (MC_ORG: both chi bộ columns) */
    struct namer namer;           /* the writer thread's */
    struct arena arena;
    struct org_cache *orgs;
    size_t norgs, orgs_cap;
    struct store_bulk *bulk;
    struct slot solo; /* the row being checked when there is no writer thread */
    struct pipe pipe;
    bool preloaded;         /* organizations and national IDs are in the caches */
    int64_t org_generation; /* store_org_generation when the caches were loaded */
    int64_t max_member_id;  /* store_member_max_id then */
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

    size_t outside_before; /* members admitted before their chi bộ was created */
    long outside_before_line;
    size_t nid_restored; /* national IDs in number cells given back their leading zeros */
    long nid_restored_line;
};

/* ---- the driver (import.c) ---- */

/* The header text of column col as in the file, or its label when the file has none. */
const char *column_text(const struct importer *im, int col);
/* Reports a problem of a row (col -1: of the row as a whole; field NULL: the column's). The
   first problem stops the writing. */
void im_issue(struct importer *im, long line, int col, const char *field, enum tcxd_err code,
              const char *fmt, ...) TCXD_PRINTF(6, 7);
/* An issue from a validator's error: its message, its field. */
void im_issue_err(struct importer *im, long line, int col, const struct tcxd_error *err);
/* The cell of column col in row (an empty cell on the row's line when absent). */
const struct io_cell *cell_of(const struct importer *im, const struct io_row *row, int col,
                              struct io_cell *tmp);
/* A date cell: dd/mm/yyyy, ISO, or an XLSX date number. */
enum tcxd_err date_cell(const struct io_table_info *info, const struct io_cell *cl,
                        const char *field, tcxd_date *out, struct tcxd_error *err) TCXD_WUR;

/* ---- the report (import_report.c) ---- */

/* A copy of s that is valid UTF-8: bad bytes become U+FFFD. Caller frees. */
char *io_utf8_copy(const char *s);

/* ---- member rows (import_member.c) ---- */

/* Caches filled before the rows (with them rows are checked without the database). */
void members_preload_org(void *ctx, const char *code, const struct store_bulk_org *o);
void members_preload_nid(void *ctx, const char *nid, int64_t member_id);
/* The writer thread: started for a bulk load; finished (joined) at the first problem and at
   the end. */
bool members_pipe_start(struct importer *im, bool keep);
/* The kept rows, in file order, through im->bulk (the transaction is open); first checks the
   national IDs of members added since the caches were loaded. An issue on failure. */
enum tcxd_err members_write_kept(struct importer *im) TCXD_WUR;
/* At least the rows members_write_kept writes in each member table (a load in pieces). */
void members_reserve(const struct importer *im, struct store_bulk_reserve *r);
void members_pipe_finish(struct importer *im);
void import_member_row(struct importer *im, const struct io_table_info *info,
                       const struct io_row *row);
void members_init(struct importer *im);
void members_release(struct importer *im);

/* ---- organization rows (import_org.c) ---- */

void import_org_row(struct importer *im, const struct io_table_info *info,
                    const struct io_row *row);
/* Resolves row k's parent and checks nesting and dates. */
void org_resolve(struct importer *im, size_t k);
/* Creates row k (its parents first). */
enum tcxd_err org_create(struct importer *im, size_t k, struct tcxd_error *err) TCXD_WUR;
void orgs_release(struct importer *im);

#endif
