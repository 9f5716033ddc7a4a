/*
 * cmd_review.c - `tcxd review ...`: the annual quality review (kiểm điểm, đánh giá, xếp loại
 * chất lượng): rubrics, the self-assessment / verification / decision / amendment steps of one
 * subject, reports over a subtree (levels, leniency) and weak organizations.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/engine_review.h"
#include "store/store_review.h"
#include "util/msg.h"
#include "util/vnfmt.h"
#include "util/xmalloc.h"

static const char review_help[] =
    "usage:\n"
    "  tcxd review rubric list\n"
    "  tcxd review rubric show|export (--id N | --subject S --year Y)\n"
    "  tcxd review rubric import FILE.csv --subject S --from YEAR [--to YEAR] [--name NAME]\n"
    "  tcxd review self SUBJECT --year Y (--score CODE=VALUE ... | --scores FILE.csv)\n"
    "           [--level L] [--comments TEXT] [--as member|leader|leadership]\n"
    "           [--review-date DATE]\n"
    "  tcxd review verify SUBJECT --year Y (--score ... | --scores FILE.csv) [--level L]\n"
    "           [--notes TEXT] [--votes LOW/RETURNED | --low-confidence PCT] [--self-remedied]\n"
    "           [--not-duty-related] [--degradation] [--disunity] [--sub-disciplined N]\n"
    "           [--sub-unremedied N | --sub-remedied N] [--targets DONE/TOTAL [--on-time N]\n"
    "           [--exceeded N] [--key-target-missed]] [--force-majeure]\n"
    "           [--unit-targets DONE/TOTAL [--unit-on-time N] [--unit-exceeded N]\n"
    "           [--unit-key-target-missed]] [--se-targets-missed] [--units-khtnv N/TOTAL]\n"
    "           [--shortcomings REMEDIED/TOTAL]\n"
    "  tcxd review decide SUBJECT --year Y --level L --decision NO --decision-date DATE\n"
    "           [--cap-exception REASON] [--override-reason TEXT]\n"
    "  tcxd review amend SUBJECT --year Y --level L --reason TEXT [--decision NO]\n"
    "           [--decision-date DATE] [--cap-exception REASON]\n"
    "  tcxd review record SUBJECT --year Y --level L [--decision NO] [--decision-date DATE]\n"
    "           [--notes TEXT] [--as member|leader|leadership] [--review-date DATE]\n"
    "  tcxd review batch --year Y --levels FILE.csv --decision NO --decision-date DATE\n"
    "           [--cap-exception REASON]\n"
    "  tcxd review show SUBJECT --year Y [--level L]\n"
    "  tcxd review report ORG --year Y [--list] [--mapping] [--format text|csv]\n"
    "  tcxd review leniency ORG --year Y [--threshold POINTS] [--format text|csv]\n"
    "  tcxd review weak list ORG (--year Y | --from Y --to Y) [--as-of DATE] [--basis TEXT]\n"
    "           [--format text|csv]\n"
    "  tcxd review weak add ORG --year Y [--basis TEXT] [--listed-on DATE] [--plan TEXT]\n"
    "           [--responsible NAME] [--deadline DATE] [--status open|in_progress|consolidated]\n"
    "           [--consolidated-on DATE]\n"
    "  tcxd review weak update ID [--plan TEXT] [--responsible NAME] [--deadline DATE]\n"
    "           [--status S] [--consolidated-on DATE]\n";
static const char review_help_vi[] =
    "cách dùng:\n"
    "  tcxd review rubric list\n"
    "  tcxd review rubric show|export (--id SỐ | --subject LOẠI --year NĂM)\n"
    "  tcxd review rubric import TỆP.csv --subject LOẠI --from NĂM [--to NĂM] [--name TÊN]\n"
    "  tcxd review self ĐỐI_TƯỢNG --year NĂM (--score MÃ=GIÁ_TRỊ ... | --scores TỆP.csv)\n"
    "           [--level MỨC] [--comments NỘI_DUNG] [--as member|leader|leadership]\n"
    "           [--review-date NGÀY]\n"
    "  tcxd review verify ĐỐI_TƯỢNG --year NĂM (--score ... | --scores TỆP.csv) [--level MỨC]\n"
    "           [--notes NỘI_DUNG] [--votes THẤP/THU_VỀ | --low-confidence PHẦN_TRĂM]\n"
    "           [--self-remedied] [--not-duty-related] [--degradation] [--disunity]\n"
    "           [--sub-disciplined N] [--sub-unremedied N | --sub-remedied N]\n"
    "           [--targets ĐẠT/TỔNG [--on-time N] [--exceeded N] [--key-target-missed]]\n"
    "           [--force-majeure] [--unit-targets ĐẠT/TỔNG [--unit-on-time N]\n"
    "           [--unit-exceeded N] [--unit-key-target-missed]] [--se-targets-missed]\n"
    "           [--units-khtnv N/TỔNG] [--shortcomings ĐÃ_KHẮC_PHỤC/TỔNG]\n"
    "  tcxd review decide ĐỐI_TƯỢNG --year NĂM --level MỨC --decision SỐ --decision-date NGÀY\n"
    "           [--cap-exception LÝ_DO] [--override-reason LÝ_DO]\n"
    "  tcxd review amend ĐỐI_TƯỢNG --year NĂM --level MỨC --reason LÝ_DO [--decision SỐ]\n"
    "           [--decision-date NGÀY] [--cap-exception LÝ_DO]\n"
    "  tcxd review record ĐỐI_TƯỢNG --year NĂM --level MỨC [--decision SỐ] [--decision-date NGÀY]\n"
    "           [--notes NỘI_DUNG] [--as member|leader|leadership] [--review-date NGÀY]\n"
    "  tcxd review batch --year NĂM --levels TỆP.csv --decision SỐ --decision-date NGÀY\n"
    "           [--cap-exception LÝ_DO]\n"
    "  tcxd review show ĐỐI_TƯỢNG --year NĂM [--level MỨC]\n"
    "  tcxd review report TỔ_CHỨC --year NĂM [--list] [--mapping] [--format text|csv]\n"
    "  tcxd review leniency TỔ_CHỨC --year NĂM [--threshold ĐIỂM] [--format text|csv]\n"
    "  tcxd review weak list TỔ_CHỨC (--year NĂM | --from NĂM --to NĂM) [--as-of NGÀY]\n"
    "           [--basis CĂN_CỨ] [--format text|csv]\n"
    "  tcxd review weak add TỔ_CHỨC --year NĂM [--basis CĂN_CỨ] [--listed-on NGÀY]\n"
    "           [--plan NỘI_DUNG] [--responsible HỌ_TÊN] [--deadline NGÀY]\n"
    "           [--status open|in_progress|consolidated] [--consolidated-on NGÀY]\n"
    "  tcxd review weak update MÃ_SỐ [--plan NỘI_DUNG] [--responsible HỌ_TÊN] [--deadline NGÀY]\n"
    "           [--status TRẠNG_THÁI] [--consolidated-on NGÀY]\n";

static const char review_help_notes[] =
    "SUBJECT is a member (#12, 12 or a 12-digit national ID) or an organization code\n"
    "(org:CODE or member:ID when ambiguous). Levels: htxsnv, httnv, htnv, khtnv (or the\n"
    "Vietnamese label); for 2014-2017 (HD 27) also the year's own levels: organizations "
    "tsvm_tieu_bieu,\n"
    "tsvm, httnv, htnv, yeu_kem; members dtc_htxsnv, dtc_httnv, dtc_htnv, vptc_khtnv. 'record'\n"
    "enters a past year's decision as history (no self-assessment, verification or scores).\n"
    "'batch' decides a group at once (rows SUBJECT,LEVEL[,REASON]; header 'subject,...'\n"
    "skipped), the excellent cap checked on the whole group; nothing is written if one fails.\n"
    "A leader's confidence vote recorded with 'tcxd cadre vote' for the year is read by the\n"
    "review and replaces --votes / --low-confidence (kept for years without a recorded vote).\n"
    "A chi bộ is decided after its members, a đảng bộ after its sub-organizations\n"
    "(--override-reason to decide before them); a decision better than a level forced to\n"
    "KHTNV needs --override-reason too. Targets: --targets DONE/TOTAL (on time defaults to\n"
    "DONE, exceeded to 0). A disciplined sub-unit counts as not remedied unless --sub-remedied.\n"
    "Weak organizations are kept on lists told apart by --basis (\"theo Nghị quyết 15\",\n"
    "\"do Ban Chỉ đạo cấp huyện theo dõi\"; none: the review's own); 'weak list --as-of DATE'\n"
    "counts each list on that date (consolidations after it do not count), an organization\n"
    "carried over years once.\n"
    "'report --mapping' shows how the pre-2018 levels map onto the current ones. VALUE is points "
    "(\"8,5\") under QĐ 366 (2025 on) and a grade (xuat_sac,\n"
    "tot, trung_binh, kem) under QĐ 132/124 (2018-2024). Score files are CSV rows\n"
    "criterion,value (a header row 'criterion,...' is skipped). Rubric CSV: group,criterion,\n"
    "title,max; a row with an empty criterion defines the group (its title and maximum).\n"
    "A decision that breaks the excellent cap (HTXSNV at most 20% of HTTNV among the members\n"
    "of one base organization, or among organizations of the same kind under one parent) is\n"
    "refused unless --cap-exception gives a reason and the rule set allows one.\n";
static const char review_help_notes_vi[] =
    "ĐỐI_TƯỢNG là một đảng viên (#12, 12 hoặc số định danh 12 chữ số) hoặc mã một tổ chức\n"
    "('org:MÃ' hoặc 'member:SỐ' khi có thể nhầm). MỨC: htxsnv, httnv, htnv, khtnv (hoặc nhãn "
    "tiếng\n"
    "Việt: \"Hoàn thành xuất sắc nhiệm vụ\" ...); năm 2014-2017 (HD 27) còn các mức của chính năm\n"
    "đó: tổ chức tsvm_tieu_bieu, tsvm, httnv, htnv, yeu_kem; đảng viên dtc_htxsnv, dtc_httnv,\n"
    "dtc_htnv, vptc_khtnv. --as: member (đảng viên), leader (cán bộ lãnh đạo, quản lý),\n"
    "leadership (tập thể lãnh đạo). 'record' nhập quyết định của một năm đã qua như lịch sử "
    "(không\n"
    "có tự đánh giá, thẩm định hay điểm). 'batch' quyết định cả một nhóm (mỗi dòng ĐỐI_TƯỢNG,MỨC\n"
    "[,LÝ_DO]; bỏ qua dòng tiêu đề 'subject,...'), tỷ lệ xuất sắc được kiểm tra trên cả nhóm;\n"
    "không ghi gì nếu một dòng không đạt. Chi bộ được xếp loại sau các đảng viên của mình, đảng\n"
    "bộ sau các tổ chức trực thuộc (--override-reason để quyết định trước); quyết định cao hơn\n"
    "mức buộc phải xếp \"Không hoàn thành nhiệm vụ\" cũng cần --override-reason. Chỉ tiêu: "
    "--targets\n"
    "ĐẠT/TỔNG (đúng hạn mặc định bằng ĐẠT, vượt mặc định 0). Tổ chức trực thuộc bị kỷ luật được\n"
    "tính là chưa khắc phục trừ khi có --sub-remedied. --self-remedied: tự phát hiện, khắc phục;\n"
    "--not-duty-related: vi phạm không liên quan đến chức trách; --degradation: suy thoái tư\n"
    "tưởng chính trị, đạo đức, lối sống; --disunity: mất đoàn kết; --force-majeure: lý do bất khả\n"
    "kháng. Tổ chức yếu kém được ghi theo từng danh sách phân biệt bằng --basis (\"theo Nghị "
    "quyết\n"
    "15\", \"do Ban Chỉ đạo cấp huyện theo dõi\"; không có: danh sách của chính đợt xếp loại);\n"
    "'weak list --as-of NGÀY' đếm từng danh sách vào ngày đó (củng cố sau ngày đó không tính), tổ "
    "chức\n"
    "chuyển sang năm sau chỉ tính một lần. --status: open (chưa củng cố), in_progress (đang củng\n"
    "cố), consolidated (đã củng cố). 'report --mapping' cho thấy các mức trước năm 2018 tương\n"
    "ứng với mức hiện nay; --list liệt kê từng tổ chức. --threshold: độ chênh (điểm) giữa tự đánh\n"
    "giá và thẩm định được coi là dễ dãi. GIÁ_TRỊ là điểm (\"8,5\") theo QĐ 366 (từ 2025) và mức\n"
    "(xuat_sac, tot, trung_binh, kem) theo QĐ 132/124 (2018-2024). Tệp điểm là CSV mỗi dòng\n"
    "criterion,value (bỏ qua dòng tiêu đề 'criterion,...'). Bảng tiêu chí CSV: group,criterion,\n"
    "title,max; dòng có criterion trống khai báo nhóm (tên và điểm tối đa).\n"
    "Quyết định vượt tỷ lệ xuất sắc (HTXSNV không quá 20% số HTTNV trong các đảng viên của một tổ\n"
    "chức cơ sở đảng, hoặc trong các tổ chức cùng loại hình của một cấp trên) bị từ chối, trừ khi\n"
    "--cap-exception nêu lý do và quy định cho phép ngoại lệ.\n";

enum {
    O_YEAR,
    O_ID,
    O_SUBJECT,
    O_FROM,
    O_TO,
    O_NAME,
    O_SCORES,
    O_LEVEL,
    O_COMMENTS,
    O_NOTES,
    O_AS,
    O_REVIEW_DATE,
    O_VOTES,
    O_LOW_CONF,
    O_SELF_REMEDIED,
    O_NOT_DUTY,
    O_DEGRADATION,
    O_DISUNITY,
    O_SUB_DISC,
    O_SUB_UNREM,
    O_TARGETS,
    O_ON_TIME,
    O_EXCEEDED,
    O_KEY_MISSED,
    O_FORCE_MAJEURE,
    O_UNIT_TARGETS,
    O_UNIT_ON_TIME,
    O_UNIT_EXCEEDED,
    O_UNIT_KEY_MISSED,
    O_SE_MISSED,
    O_UNITS_KHTNV,
    O_SHORTCOMINGS,
    O_SUB_REM,
    O_OVERRIDE,
    O_LEVELS,
    O_BASIS,
    O_LISTED_ON,
    O_AS_OF,
    O_DECISION,
    O_DECISION_DATE,
    O_CAP_EXC,
    O_REASON,
    O_LIST,
    O_MAPPING,
    O_FORMAT,
    O_THRESHOLD,
    O_PLAN,
    O_RESPONSIBLE,
    O_DEADLINE,
    O_STATUS,
    O_CONSOLIDATED_ON,
    O_HELP,
    O__MAX
};

static const struct cli_opt review_opts[O__MAX] = {
    [O_YEAR] = {"year", true, NULL},
    [O_ID] = {"id", true, NULL},
    [O_SUBJECT] = {"subject", true, NULL},
    [O_FROM] = {"from", true, NULL},
    [O_TO] = {"to", true, NULL},
    [O_NAME] = {"name", true, NULL},
    [O_SCORES] = {"scores", true, NULL},
    [O_LEVEL] = {"level", true, NULL},
    [O_COMMENTS] = {"comments", true, NULL},
    [O_NOTES] = {"notes", true, NULL},
    [O_AS] = {"as", true, NULL},
    [O_REVIEW_DATE] = {"review-date", true, NULL},
    [O_VOTES] = {"votes", true, NULL},
    [O_LOW_CONF] = {"low-confidence", true, NULL},
    [O_SELF_REMEDIED] = {"self-remedied", false, NULL},
    [O_NOT_DUTY] = {"not-duty-related", false, NULL},
    [O_DEGRADATION] = {"degradation", false, NULL},
    [O_DISUNITY] = {"disunity", false, NULL},
    [O_SUB_DISC] = {"sub-disciplined", true, NULL},
    [O_SUB_UNREM] = {"sub-unremedied", true, NULL},
    [O_TARGETS] = {"targets", true, NULL},
    [O_ON_TIME] = {"on-time", true, NULL},
    [O_EXCEEDED] = {"exceeded", true, NULL},
    [O_KEY_MISSED] = {"key-target-missed", false, NULL},
    [O_FORCE_MAJEURE] = {"force-majeure", false, NULL},
    [O_UNIT_TARGETS] = {"unit-targets", true, NULL},
    [O_UNIT_ON_TIME] = {"unit-on-time", true, NULL},
    [O_UNIT_EXCEEDED] = {"unit-exceeded", true, NULL},
    [O_UNIT_KEY_MISSED] = {"unit-key-target-missed", false, NULL},
    [O_SE_MISSED] = {"se-targets-missed", false, NULL},
    [O_UNITS_KHTNV] = {"units-khtnv", true, NULL},
    [O_SHORTCOMINGS] = {"shortcomings", true, NULL},
    [O_SUB_REM] = {"sub-remedied", true, NULL},
    [O_OVERRIDE] = {"override-reason", true, NULL},
    [O_LEVELS] = {"levels", true, NULL},
    [O_BASIS] = {"basis", true, NULL},
    [O_LISTED_ON] = {"listed-on", true, NULL},
    [O_AS_OF] = {"as-of", true, NULL},
    [O_DECISION] = {"decision", true, NULL},
    [O_DECISION_DATE] = {"decision-date", true, NULL},
    [O_CAP_EXC] = {"cap-exception", true, NULL},
    [O_REASON] = {"reason", true, NULL},
    [O_LIST] = {"list", false, NULL},
    [O_MAPPING] = {"mapping", false, NULL},
    [O_FORMAT] = {"format", true, NULL},
    [O_THRESHOLD] = {"threshold", true, NULL},
    [O_PLAN] = {"plan", true, NULL},
    [O_RESPONSIBLE] = {"responsible", true, NULL},
    [O_DEADLINE] = {"deadline", true, NULL},
    [O_STATUS] = {"status", true, NULL},
    [O_CONSOLIDATED_ON] = {"consolidated-on", true, NULL},
    [O_HELP] = {"help", false, NULL},
};

/* ---- small parsers ------------------------------------------------------------------------ */

static enum tcxd_err int_arg(const char *s, int lo, int hi, const char *field, int *out,
                             struct tcxd_error *e)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || errno || v < lo || v > hi)
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (%d to %d)", field, s ? s : "", lo,
                         hi);
    *out = (int)v;
    return TCXD_OK;
}

/* "PART/WHOLE" with 0 <= PART <= WHOLE <= 100000 and WHOLE > 0. */
static enum tcxd_err fraction_arg(const char *s, const char *field, int *part, int *whole,
                                  struct tcxd_error *e)
{
    char *end, *end2 = NULL;
    errno = 0;
    long a = strtol(s, &end, 10);
    long b = *end == '/' ? strtol(end + 1, &end2, 10) : -1;
    if (end == s || *end != '/' || !end2 || end2 == end + 1 || *end2 || errno || a < 0 || b <= 0 ||
        b > 100000 || a > b)
        return tcxd_fail(e, TCXD_EINVAL, field, "invalid %s '%s' (PART/WHOLE, e.g. 9/10)", field,
                         s);
    *part = (int)a;
    *whole = (int)b;
    return TCXD_OK;
}

/* --targets DONE/TOTAL [--on-time N (default DONE)] [--exceeded N (default 0)]. */
static enum tcxd_err targets_args(const char *frac, const char *on_time, const char *exceeded,
                                  const char *field, struct review_targets *t, struct tcxd_error *e)
{
    memset(t, 0, sizeof(*t));
    if (!frac)
        return TCXD_OK;
    enum tcxd_err rc;
    if ((rc = fraction_arg(frac, field, &t->done, &t->total, e)))
        return rc;
    t->on_time = t->done;
    if ((on_time && (rc = int_arg(on_time, 0, t->done, "on_time", &t->on_time, e))) ||
        (exceeded && (rc = int_arg(exceeded, 0, t->done, "exceeded", &t->exceeded, e))))
        return rc;
    return TCXD_OK;
}

static enum tcxd_err year_arg(const char *s, int *out, struct tcxd_error *e)
{
    if (!s)
        return tcxd_fail(e, TCXD_EINVAL, "year", "--year is required");
    return int_arg(s, 1900, 9999, "year", out, e);
}

/* A small RFC 4180 reader: rows of fields, quotes doubled inside quoted fields. */
struct csv_rows {
    char ***rows;
    size_t *ncols;
    size_t n, cap;
};

static void csv_free(struct csv_rows *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->ncols[i]; k++)
            free(c->rows[i][k]);
        free(c->rows[i]);
    }
    free(c->rows);
    free(c->ncols);
    memset(c, 0, sizeof(*c));
}

static enum tcxd_err csv_read(const char *path, struct csv_rows *out, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    FILE *f = fopen(path, "rb");
    if (!f)
        return tcxd_fail(e, TCXD_EIO, "file", "cannot open '%s': %s", path, strerror(errno));
    struct buf field = BUF_INIT;
    char **row = NULL;
    size_t nrow = 0, rowcap = 0, ncap = 0;
    bool quoted = false, any = false;
    long size = 0;
    int c;
    while (1) {
        c = fgetc(f);
        if (++size > 4 * 1024 * 1024) {
            fclose(f);
            buf_release(&field);
            for (size_t k = 0; k < nrow; k++)
                free(row[k]);
            free(row);
            csv_free(out);
            return tcxd_fail(e, TCXD_ETOOBIG, "file", "'%s' is larger than 4 MiB", path);
        }
        if (quoted) {
            if (c == EOF)
                break;
            if (c == '"') {
                int d = fgetc(f);
                if (d == '"') {
                    buf_addch(&field, '"');
                    continue;
                }
                quoted = false;
                if (d != EOF)
                    ungetc(d, f);
                continue;
            }
            buf_addch(&field, c);
            continue;
        }
        if (c == '"' && field.len == 0) {
            quoted = any = true;
            continue;
        }
        if (c == ',' || c == '\n' || c == EOF) {
            if (c == EOF && !any && field.len == 0 && nrow == 0)
                break;
            ALLOC_GROW(row, nrow + 1, rowcap);
            size_t len = field.len;
            if (len && field.ptr[len - 1] == '\r')
                buf_setlen(&field, len - 1);
            row[nrow++] = buf_detach(&field, NULL);
            if (c != ',') {
                ALLOC_GROW(out->rows, out->n + 1, out->cap);
                out->ncols = xreallocarray(out->ncols, out->cap, sizeof(*out->ncols));
                out->rows[out->n] = row;
                out->ncols[out->n++] = nrow;
                row = NULL;
                nrow = rowcap = 0;
                any = false;
                (void)ncap;
            }
            if (c == EOF)
                break;
            continue;
        }
        any = true;
        buf_addch(&field, c);
    }
    fclose(f);
    buf_release(&field);
    for (size_t k = 0; k < nrow; k++)
        free(row[k]);
    free(row);
    return TCXD_OK;
}

static bool blank_row(const struct csv_rows *c, size_t i)
{
    for (size_t k = 0; k < c->ncols[i]; k++)
        if (c->rows[i][k][0])
            return false;
    return true;
}

/* --score CODE=VALUE options, taken out of argv before the option scanner sees it. */
struct score_args {
    struct review_entry *v;
    size_t n, cap;
    char **owned;
    size_t nowned, owned_cap;
};

static void scores_free(struct score_args *s)
{
    for (size_t i = 0; i < s->nowned; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->v);
    memset(s, 0, sizeof(*s));
}

static char *own(struct score_args *s, char *p)
{
    ALLOC_GROW(s->owned, s->nowned + 1, s->owned_cap);
    s->owned[s->nowned++] = p;
    return p;
}

static enum tcxd_err score_add(struct score_args *s, const char *arg, struct tcxd_error *e)
{
    const char *eq = strchr(arg, '=');
    if (!eq || eq == arg)
        return tcxd_fail(e, TCXD_EINVAL, "score", "invalid --score '%s' (CODE=VALUE)", arg);
    ALLOC_GROW(s->v, s->n + 1, s->cap);
    s->v[s->n].criterion = own(s, xstrndup(arg, (size_t)(eq - arg)));
    s->v[s->n].value = own(s, xstrdup(eq + 1));
    s->n++;
    return TCXD_OK;
}

/* Removes --score options from argv; returns the new argc or -1 (usage error printed). */
static int take_scores(struct cli *cli, int argc, char **argv, struct score_args *s)
{
    int out = 0;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    for (int i = 0; i < argc; i++) {
        const char *val = NULL;
        if (!strcmp(argv[i], "--score")) {
            if (i + 1 >= argc) {
                cli_usage(cli, "review", "option '--score' needs a value");
                return -1;
            }
            val = argv[++i];
        } else if (!strncmp(argv[i], "--score=", 8)) {
            val = argv[i] + 8;
        } else {
            argv[out++] = argv[i];
            continue;
        }
        if (score_add(s, val, &e)) {
            cli_fail(cli, &e);
            return -1;
        }
    }
    argv[out] = NULL;
    return out;
}

static enum tcxd_err scores_file(const char *path, struct score_args *s, struct tcxd_error *e)
{
    struct csv_rows c;
    enum tcxd_err rc = csv_read(path, &c, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < c.n && !rc; i++) {
        if (blank_row(&c, i))
            continue;
        if (i == 0 && !strcmp(c.rows[i][0], "criterion"))
            continue;
        if (c.ncols[i] < 2) {
            rc = tcxd_fail(e, TCXD_EINVAL, "scores", "%s line %zu: expected criterion,value", path,
                           i + 1);
            break;
        }
        ALLOC_GROW(s->v, s->n + 1, s->cap);
        s->v[s->n].criterion = own(s, xstrdup(c.rows[i][0]));
        s->v[s->n].value = own(s, xstrdup(c.rows[i][1]));
        s->n++;
    }
    csv_free(&c);
    return rc;
}

/* SUBJECT: member:ID, org:CODE, #ID or digits (a member), else an organization code. */
static enum tcxd_err subject_arg(struct cli *cli, const char *ref, int year, struct review_key *k,
                                 struct tcxd_error *e)
{
    memset(k, 0, sizeof(*k));
    k->year = year;
    bool member = false;
    if (!strncmp(ref, "member:", 7)) {
        ref += 7;
        member = true;
    } else if (!strncmp(ref, "org:", 4)) {
        ref += 4;
    } else {
        member = ref[0] == '#' || (ref[0] && strspn(ref, "0123456789") == strlen(ref));
    }
    if (member)
        return cli_member_id(cli, ref, &k->member_id, e);
    struct org_info o;
    enum tcxd_err rc = cli_org(cli, ref, review_report_date(year), &o, e);
    if (rc == TCXD_ENOTFOUND)
        rc = cli_org(cli, ref, date_today(), &o, e);
    if (!rc)
        k->org_id = o.id;
    return rc;
}

static enum tcxd_err level_arg(const char *s, enum review_level *out, struct tcxd_error *e)
{
    enum review_legacy_org lo;
    enum review_legacy_member lm;
    struct tcxd_error ig;
    if (review_level_parse(s, out, e) == TCXD_OK)
        return TCXD_OK;
    if (review_legacy_org_parse(s, &lo, &ig) == TCXD_OK) {
        *out = review_legacy_org_level(lo);
        return TCXD_OK;
    }
    if (review_legacy_member_parse(s, &lm, &ig) == TCXD_OK) {
        *out = review_legacy_member_level(lm);
        return TCXD_OK;
    }
    return tcxd_fail(e, TCXD_EINVAL, "level",
                     "unknown review level '%s' (htxsnv, httnv, htnv, khtnv)", s);
}

static bool csv_format(struct cli *cli, const struct cli_opt *o, int *rc)
{
    *rc = 0;
    const char *f = o[O_FORMAT].value;
    if (!f || !strcmp(f, "text"))
        return false;
    if (!strcmp(f, "csv"))
        return !cli->json;
    if (!strcmp(f, "json"))
        return false;
    *rc = cli_usage(cli, "review", "unknown --format '%s' (text, csv)", f);
    return false;
}

static void print_csv_row(const char *const *cells, size_t n)
{
    struct buf b = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_addch(&b, ',');
        buf_add_csv_field(&b, cells[i] ? cells[i] : "");
    }
    puts(b.ptr);
    buf_release(&b);
}

static const char *pts(struct buf *b, review_points p)
{
    buf_reset(b);
    review_points_format(b, p);
    return b->ptr;
}

static const char *dmy(tcxd_date d, char out[DATE_ISO_LEN])
{
    date_format_vn(d, out);
    return out;
}

/* ---- rubric ------------------------------------------------------------------------------- */

static void rubric_row(void *ctx, const struct store_rubric *r)
{
    struct cli_table *t = ctx;
    char id[24], yr[32], ver[16];
    snprintf(id, sizeof(id), "%lld", (long long)r->id);
    if (r->r.year_to)
        snprintf(yr, sizeof(yr), "%d-%d", r->r.year_from, r->r.year_to);
    else
        snprintf(yr, sizeof(yr), "%d-", r->r.year_from);
    snprintf(ver, sizeof(ver), "%d", r->version);
    const char *cells[] = {id, r->r.name, review_subject_name(r->r.subject),
                           yr, ver,       r->created_by};
    cli_table_row(t, cells);
}

static void rubric_json_row(void *ctx, const struct store_rubric *r)
{
    json_array_append_new(ctx, review_rubric_json(r));
}

static void print_rubric(const struct store_rubric *r)
{
    bool graded = store_rubric_graded(&r->r);
    printf("Thang điểm %s (%s)%s\n", r->r.name, review_subject_label(r->r.subject),
           r->id ? "" : " — mặc định");
    if (r->r.year_to)
        printf("Áp dụng các năm %d-%d", r->r.year_from, r->r.year_to);
    else
        printf("Áp dụng từ năm %d", r->r.year_from);
    if (r->id)
        printf(", phiên bản %d (#%lld)", r->version, (long long)r->id);
    printf("%s\n", graded ? "; mỗi tiêu chí xếp loại Xuất sắc/Tốt/Trung bình/Kém" : "");
    const char *hdr[] = {"Mã", "Tiêu chí", graded ? "" : "Tối đa"};
    const bool right[] = {false, false, true};
    struct cli_table t;
    struct buf b = BUF_INIT;
    cli_table_init(&t, 3, hdr, right);
    for (size_t g = 0; g < r->r.n_groups; g++) {
        const char *gc[] = {r->r.groups[g].code, r->r.groups[g].name,
                            graded ? "" : pts(&b, r->r.groups[g].max)};
        cli_table_row(&t, gc);
        for (size_t i = 0; i < r->r.n_criteria; i++) {
            if (r->r.criteria[i].group != g)
                continue;
            struct buf name = BUF_INIT;
            buf_addf(&name, "  %s", r->r.criteria[i].name);
            const char *cc[] = {r->r.criteria[i].code, name.ptr,
                                graded ? "" : pts(&b, r->r.criteria[i].max)};
            cli_table_row(&t, cc);
            buf_release(&name);
        }
    }
    cli_table_print(&t);
    cli_table_release(&t);
    buf_release(&b);
}

static void export_rubric(const struct store_rubric *r)
{
    struct buf b = BUF_INIT;
    const char *hdr[] = {"group", "criterion", "title", "max"};
    print_csv_row(hdr, 4);
    for (size_t g = 0; g < r->r.n_groups; g++) {
        const char *gc[] = {r->r.groups[g].code, "", r->r.groups[g].name,
                            pts(&b, r->r.groups[g].max)};
        print_csv_row(gc, 4);
        for (size_t i = 0; i < r->r.n_criteria; i++) {
            if (r->r.criteria[i].group != g)
                continue;
            const char *cc[] = {r->r.groups[g].code, r->r.criteria[i].code, r->r.criteria[i].name,
                                pts(&b, r->r.criteria[i].max)};
            print_csv_row(cc, 4);
        }
    }
    buf_release(&b);
}

/* Parses a rubric CSV into out (strings owned by out). */
static enum tcxd_err rubric_csv(const char *path, struct store_rubric *out, struct tcxd_error *e)
{
    struct csv_rows c;
    enum tcxd_err rc = csv_read(path, &c, e);
    if (rc)
        return rc;
    struct review_rubric_group *groups = NULL;
    struct review_criterion *crit = NULL;
    size_t ng = 0, nc = 0, gcap = 0, ccap = 0;
    struct score_args strs;
    memset(&strs, 0, sizeof(strs));
#define KEEP(s) own(&strs, xstrdup(s))
    for (size_t i = 0; i < c.n && !rc; i++) {
        if (blank_row(&c, i))
            continue;
        char **f = c.rows[i];
        if (i == 0 && !strcmp(f[0], "group"))
            continue;
        if (c.ncols[i] < 4) {
            rc = tcxd_fail(e, TCXD_EINVAL, "rubric",
                           "%s line %zu: expected group,criterion,title,max", path, i + 1);
            break;
        }
        review_points max;
        char field[64];
        snprintf(field, sizeof(field), "%s", f[1][0] ? f[1] : f[0]);
        if ((rc = review_points_parse(f[3], &max, field, e)))
            break;
        size_t g = 0;
        while (g < ng && strcmp(groups[g].code, f[0]))
            g++;
        if (!f[1][0]) {
            if (g < ng) {
                rc = tcxd_fail(e, TCXD_EINVAL, f[0], "%s line %zu: group '%s' defined twice", path,
                               i + 1, f[0]);
                break;
            }
            ALLOC_GROW(groups, ng + 1, gcap);
            groups[ng].code = KEEP(f[0]);
            groups[ng].name = KEEP(f[2]);
            groups[ng].max = max;
            ng++;
            continue;
        }
        if (g == ng) {
            rc = tcxd_fail(e, TCXD_EINVAL, f[1],
                           "%s line %zu: criterion '%s' in group '%s' defined by no row before",
                           path, i + 1, f[1], f[0]);
            break;
        }
        ALLOC_GROW(crit, nc + 1, ccap);
        crit[nc].group = g;
        crit[nc].code = KEEP(f[1]);
        crit[nc].name = KEEP(f[2]);
        crit[nc].max = max;
        nc++;
    }
#undef KEEP
    if (!rc) {
        struct review_rubric r = {0};
        r.groups = groups;
        r.n_groups = ng;
        r.criteria = crit;
        r.n_criteria = nc;
        r.name = "";
        store_rubric_copy(out, &r);
    }
    scores_free(&strs);
    free(groups);
    free(crit);
    csv_free(&c);
    return rc;
}

static int cmd_rubric(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos < 2)
        return cli_usage(cli, "review", "review rubric needs list, show, import or export");
    const char *sub = pos[1];
    if (!cli_store(cli, false))
        return 1;
    if (!strcmp(sub, "list")) {
        if (cli->json) {
            json_t *a = json_array();
            if (store_rubric_list(cli->st, rubric_json_row, a, &e)) {
                json_decref(a);
                return cli_fail(cli, &e);
            }
            cli_print_json(a);
            return 0;
        }
        const char *hdr[] = {"Id", "Tên", "Đối tượng", "Năm", "Phiên bản", "Người nhập"};
        struct cli_table t;
        cli_table_init(&t, 6, hdr, NULL);
        if (store_rubric_list(cli->st, rubric_row, &t, &e)) {
            cli_table_release(&t);
            return cli_fail(cli, &e);
        }
        if (t.nrows == 1)
            printf("Chưa nhập thang điểm nào; dùng thang điểm mặc định (tcxd review rubric show "
                   "--subject member --year 2025).\n");
        else
            cli_table_print(&t);
        cli_table_release(&t);
        return 0;
    }
    if (!strcmp(sub, "show") || !strcmp(sub, "export")) {
        struct store_rubric r;
        store_rubric_init(&r);
        enum tcxd_err rc;
        if (o[O_ID].value) {
            int id;
            rc = int_arg(o[O_ID].value, 1, 2000000000, "id", &id, &e);
            if (!rc)
                rc = store_rubric_get(cli->st, id, &r, &e);
        } else {
            enum review_subject s;
            int year;
            if (!o[O_SUBJECT].value)
                rc = tcxd_fail(&e, TCXD_EINVAL, "subject", "--subject or --id is required");
            else if (!(rc = review_subject_parse(o[O_SUBJECT].value, &s, &e)) &&
                     !(rc = year_arg(o[O_YEAR].value, &year, &e)))
                rc = store_rubric_for(cli->st, s, year, &r, &e);
        }
        if (rc) {
            store_rubric_release(&r);
            return cli_fail(cli, &e);
        }
        if (!strcmp(sub, "export"))
            export_rubric(&r);
        else if (cli->json)
            cli_print_json(review_rubric_json(&r));
        else
            print_rubric(&r);
        store_rubric_release(&r);
        return 0;
    }
    if (!strcmp(sub, "import")) {
        if (npos != 3)
            return cli_usage(cli, "review", "review rubric import needs a CSV file");
        struct store_rubric r;
        store_rubric_init(&r);
        enum review_subject s;
        int from, to = 0;
        int64_t id;
        if (!o[O_SUBJECT].value)
            tcxd_fail(&e, TCXD_EINVAL, "subject", "--subject is required");
        if (!o[O_SUBJECT].value || review_subject_parse(o[O_SUBJECT].value, &s, &e) ||
            int_arg(o[O_FROM].value, 1900, 9999, "from", &from, &e) ||
            (o[O_TO].value && int_arg(o[O_TO].value, 1900, 9999, "to", &to, &e)) ||
            rubric_csv(pos[2], &r, &e)) {
            store_rubric_release(&r);
            return cli_fail(cli, &e);
        }
        char name[128];
        snprintf(name, sizeof(name), "%s", o[O_NAME].value ? o[O_NAME].value : "");
        if (!name[0])
            snprintf(name, sizeof(name), "%s-%d", review_subject_name(s), from);
        r.r.name = name;
        r.r.subject = s;
        r.r.year_from = from;
        r.r.year_to = to;
        if (store_rubric_import(cli->st, &cli->actor, &r.r, &id, &e)) {
            store_rubric_release(&r);
            return cli_fail(cli, &e);
        }
        store_rubric_release(&r);
        struct store_rubric back;
        store_rubric_init(&back);
        if (store_rubric_get(cli->st, id, &back, &e))
            return cli_fail(cli, &e);
        if (cli->json)
            cli_print_json(review_rubric_json(&back));
        else
            printf("Đã nhập thang điểm %s, phiên bản %d (#%lld): %zu nhóm, %zu tiêu chí\n",
                   back.r.name, back.version, (long long)id, back.r.n_groups, back.r.n_criteria);
        store_rubric_release(&back);
        return 0;
    }
    return cli_usage(cli, "review", "unknown review rubric command '%s'", sub);
}

/* ---- steps and show ----------------------------------------------------------------------- */

static const char *level_label(const struct store_review *rv, enum review_level l)
{
    return review_level_label_for(rv->rs, rv->subject, l);
}

/* A decision's forcing rules and the reason recorded for departing from them (step facts). */
static void print_forcing(const char *facts, const char *sep)
{
    json_t *fj = facts ? json_loads(facts, 0, NULL) : NULL;
    json_t *fb = json_object_get(fj, "forced_by");
    for (size_t i = 0; i < json_array_size(fb); i++)
        printf("%squy tắc buộc: %s", sep, json_string_value(json_array_get(fb, i)));
    const char *why = json_string_value(json_object_get(fj, "override_reason"));
    if (why)
        printf("%slý do không theo mức buộc: %s", sep, why);
    json_decref(fj);
}

static void print_review(const struct store_review *rv, const struct review_preview *pv,
                         const struct store_rubric *rub)
{
    struct buf b = BUF_INIT;
    char d[DATE_ISO_LEN];
    printf("Đánh giá, xếp loại chất lượng năm %d: %s (%s", rv->year, rv->subject_name,
           review_subject_label(rv->subject));
    if (rv->member_id)
        printf(" #%lld, %s", (long long)rv->member_id, rv->org_code);
    else
        printf(" %s", rv->org_code);
    printf(")\n");
    printf("Quy định: %s\n", review_legal_basis(rv->rs, rv->year));
    printf("Thang điểm: %s; ngày đánh giá %s\n", rv->rubric_name, dmy(rv->review_date, d));
    printf("Trạng thái: %s%s\n", review_state_label(rv->state),
           review_state_locked(rv->state) ? " (đã khóa, chỉ điều chỉnh bằng bước điều chỉnh)" : "");
    if (rv->historical)
        printf("Kết quả ghi nhận từ quyết định đã có (số liệu lịch sử, không có điểm tự đánh giá, "
               "thẩm định)\n");
    for (size_t i = 0; i < rv->n_steps; i++) {
        const struct review_step_row *s = &rv->steps[i];
        printf("  %-20s %s  %-14s %s", review_step_label(s->step), s->at,
               s->username ? s->username : "",
               review_level_label_legacy(rv->rs, rv->subject, s->level, s->legacy));
        if (s->has_total)
            printf(", %s điểm", pts(&b, s->total));
        if (s->decision_no && *s->decision_no)
            printf(", QĐ %s", s->decision_no);
        if (s->decision_date != DATE_NONE)
            printf(" ngày %s", dmy(s->decision_date, d));
        if (s->text && *s->text)
            printf("\n      %s", s->text);
        if (s->cap_exception && *s->cap_exception)
            printf("\n      vượt tỷ lệ: %s", s->cap_exception);
        print_forcing(s->facts, "\n      ");
        printf("\n");
    }
    const struct review_step_row *self = NULL, *ver = NULL;
    for (size_t i = 0; i < rv->n_steps; i++) {
        if (rv->steps[i].step == REVIEW_STEP_SELF_ASSESS)
            self = &rv->steps[i];
        if (rv->steps[i].step == REVIEW_STEP_VERIFY)
            ver = &rv->steps[i];
    }
    if (rub && (self || ver)) {
        const char *hdr[] = {"Mã", "Tiêu chí", "Tối đa", "Tự đánh giá", "Thẩm định"};
        const bool right[] = {false, false, true, true, true};
        bool graded = store_rubric_graded(&rub->r);
        struct cli_table t;
        cli_table_init(&t, 5, hdr, right);
        for (size_t i = 0; i < rub->r.n_criteria; i++) {
            const struct review_criterion *c = &rub->r.criteria[i];
            char v[2][64] = {"", ""};
            const struct review_step_row *st[2] = {self, ver};
            for (int k = 0; k < 2; k++)
                for (size_t j = 0; st[k] && j < st[k]->n_scores; j++) {
                    const struct review_score_row *sc = &st[k]->scores[j];
                    if (strcmp(sc->criterion, c->code))
                        continue;
                    snprintf(v[k], sizeof(v[k]), "%s",
                             sc->graded ? review_grade_label(sc->grade) : pts(&b, sc->points));
                }
            char mx[32];
            snprintf(mx, sizeof(mx), "%s", graded ? "" : pts(&b, c->max));
            const char *cells[] = {c->code, c->name, mx, v[0], v[1]};
            cli_table_row(&t, cells);
        }
        cli_table_print(&t);
        cli_table_release(&t);
    }
    if (pv && pv->has_proposal) {
        printf("Đề xuất: %s\n", level_label(rv, pv->proposal.level));
        for (size_t i = 0; i < pv->proposal.n_reasons; i++)
            printf("  - %s\n", pv->proposal.reasons[i]);
    }
    if (pv && pv->facts.len) {
        printf("Dữ liệu từ hồ sơ:\n");
        const char *p = pv->facts.ptr;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            printf("  - %.*s\n", (int)n, p);
            p = nl ? nl + 1 : p + n;
        }
    }
    if (pv && pv->cap.share_pct) {
        printf("Tỷ lệ %s (%s): %d %s trên %d %s, cho phép %d (%d%%)%s\n",
               review_level_code(REVIEW_HTXSNV), pv->cap_group, pv->cap.n_excellent,
               review_level_code(REVIEW_HTXSNV), pv->cap.n_good, review_level_code(REVIEW_HTTNV),
               pv->cap.allowed, pv->cap.share_pct,
               pv->cap.exceeded ? " — vượt tỷ lệ nếu quyết định mức này" : "");
    }
    buf_release(&b);
}

static int show_review(struct cli *cli, const struct review_key *k, enum review_level level)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct store_review rv;
    struct review_preview pv;
    struct store_rubric rub;
    store_review_init(&rv);
    review_preview_init(&pv);
    store_rubric_init(&rub);
    int status = 0;
    if (store_review_get(cli->st, k, &rv, &e) || store_review_preview(cli->st, k, level, &pv, &e)) {
        status = cli_fail(cli, &e);
    } else {
        struct tcxd_error ig;
        bool has_rub =
            (rv.rubric_id ? store_rubric_get(cli->st, rv.rubric_id, &rub, &ig)
                          : store_rubric_for(cli->st, rv.subject, rv.year, &rub, &ig)) == TCXD_OK;
        if (cli->json)
            cli_print_json(review_json(&rv, &pv));
        else
            print_review(&rv, &pv, has_rub ? &rub : NULL);
    }
    store_rubric_release(&rub);
    review_preview_release(&pv);
    store_review_release(&rv);
    return status;
}

static int cmd_step(struct cli *cli, enum review_step step, struct cli_opt *o, const char **pos,
                    size_t npos, struct score_args *sc)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 2)
        return cli_usage(cli, "review", "review %s needs one SUBJECT", review_step_name(step));
    if (!cli_store(cli, false))
        return 1;
    int year;
    struct review_key k;
    struct review_step_req req;
    memset(&req, 0, sizeof(req));
    req.step = step;
    req.subject = REVIEW_SUBJECT__MAX;
    req.review_date = DATE_NONE;
    req.decision_date = DATE_NONE;
    if (year_arg(o[O_YEAR].value, &year, &e) || subject_arg(cli, pos[1], year, &k, &e))
        return cli_fail(cli, &e);
    bool scored = step == REVIEW_STEP_SELF_ASSESS || step == REVIEW_STEP_VERIFY;
    /* options that do not belong to this step are refused, not ignored */
    static const struct {
        int opt;
        unsigned steps; /* bit per step */
    } owners[] = {
        {O_SCORES, 3},        {O_COMMENTS, 1},        {O_AS, 17},
        {O_REVIEW_DATE, 17},  {O_NOTES, 18},          {O_VOTES, 2},
        {O_LOW_CONF, 2},      {O_SELF_REMEDIED, 2},   {O_NOT_DUTY, 2},
        {O_DEGRADATION, 2},   {O_DISUNITY, 2},        {O_SUB_DISC, 2},
        {O_SUB_UNREM, 2},     {O_DECISION, 28},       {O_DECISION_DATE, 28},
        {O_CAP_EXC, 12},      {O_REASON, 8},          {O_TARGETS, 2},
        {O_ON_TIME, 2},       {O_EXCEEDED, 2},        {O_KEY_MISSED, 2},
        {O_FORCE_MAJEURE, 2}, {O_UNIT_TARGETS, 2},    {O_UNIT_ON_TIME, 2},
        {O_UNIT_EXCEEDED, 2}, {O_UNIT_KEY_MISSED, 2}, {O_SE_MISSED, 2},
        {O_UNITS_KHTNV, 2},   {O_SHORTCOMINGS, 2},    {O_SUB_REM, 2},
        {O_OVERRIDE, 4},      {O_LEVELS, 0},          {O_BASIS, 0},
        {O_LISTED_ON, 0},     {O_AS_OF, 0},
    };
    for (size_t i = 0; i < ARRAY_SIZE(owners); i++)
        if (o[owners[i].opt].value && !(owners[i].steps & (1u << step)))
            return cli_usage(cli, "review", "option '--%s' does not apply to review %s",
                             o[owners[i].opt].name, review_step_name(step));
    if (!scored && sc->n)
        return cli_usage(cli, "review", "option '--score' does not apply to review %s",
                         review_step_name(step));
    if (scored && o[O_SCORES].value && scores_file(o[O_SCORES].value, sc, &e))
        return cli_fail(cli, &e);
    req.scores = sc->v;
    req.n_scores = sc->n;
    if (o[O_LEVEL].value) {
        if (level_arg(o[O_LEVEL].value, &req.level, &e))
            return cli_fail(cli, &e);
        req.has_level = true;
        if (!scored) /* read again by the year's rule set: its own names are kept */
            req.level_text = o[O_LEVEL].value;
    }
    if (o[O_AS].value && review_subject_parse(o[O_AS].value, &req.subject, &e))
        return cli_fail(cli, &e);
    if (o[O_REVIEW_DATE].value &&
        cli_date(o[O_REVIEW_DATE].value, DATE_NONE, "review_date", &req.review_date, &e))
        return cli_fail(cli, &e);
    if (o[O_DECISION_DATE].value &&
        cli_date(o[O_DECISION_DATE].value, DATE_NONE, "decision_date", &req.decision_date, &e))
        return cli_fail(cli, &e);
    req.text = step == REVIEW_STEP_SELF_ASSESS                            ? o[O_COMMENTS].value
               : step == REVIEW_STEP_VERIFY || step == REVIEW_STEP_RECORD ? o[O_NOTES].value
               : step == REVIEW_STEP_AMEND                                ? o[O_REASON].value
                                                                          : NULL;
    req.decision_no = o[O_DECISION].value;
    req.cap_exception = o[O_CAP_EXC].value;
    req.override_reason = o[O_OVERRIDE].value;
    struct review_entered *f = &req.facts;
    if (o[O_VOTES].value && o[O_LOW_CONF].value)
        return cli_usage(cli, "review", "give --votes or --low-confidence, not both");
    if (o[O_VOTES].value) {
        char *end, *end2;
        long lo = strtol(o[O_VOTES].value, &end, 10);
        long ret = *end == '/' ? strtol(end + 1, &end2, 10) : -1;
        if (*end != '/' || *end2 || lo < 0 || ret <= 0 || ret > 1000000 || lo > ret) {
            tcxd_fail(&e, TCXD_EINVAL, "votes", "invalid --votes '%s' (LOW/RETURNED)",
                      o[O_VOTES].value);
            return cli_fail(cli, &e);
        }
        f->has_votes = true;
        f->votes_low = (int)lo;
        f->votes_returned = (int)ret;
    }
    if (o[O_LOW_CONF].value) {
        review_points p;
        if (review_points_parse(o[O_LOW_CONF].value, &p, "low_confidence", &e))
            return cli_fail(cli, &e);
        if (p > REVIEW_POINTS(100)) {
            tcxd_fail(&e, TCXD_EINVAL, "low_confidence", "low-confidence share %s%% above 100%%",
                      o[O_LOW_CONF].value);
            return cli_fail(cli, &e);
        }
        /* a share in hundredths of a percent: votes_low of 10000 */
        f->has_votes = true;
        f->votes_low = p;
        f->votes_returned = REVIEW_POINTS(100);
        f->votes_share = true;
    }
    f->self_remedied = o[O_SELF_REMEDIED].value != NULL;
    f->not_duty_related = o[O_NOT_DUTY].value != NULL;
    f->degradation = o[O_DEGRADATION].value != NULL;
    f->disunity = o[O_DISUNITY].value != NULL;
    if ((o[O_SUB_DISC].value &&
         int_arg(o[O_SUB_DISC].value, 0, 100000, "sub_disciplined", &f->sub_disciplined, &e)) ||
        (o[O_SUB_UNREM].value &&
         int_arg(o[O_SUB_UNREM].value, 0, 100000, "sub_unremedied", &f->sub_unremedied, &e)))
        return cli_fail(cli, &e);

    if (o[O_SUB_REM].value &&
        int_arg(o[O_SUB_REM].value, 0, 100000, "sub_remedied", &f->sub_remedied, &e))
        return cli_fail(cli, &e);
    f->has_sub_unremedied = o[O_SUB_UNREM].value != NULL;
    if (targets_args(o[O_TARGETS].value, o[O_ON_TIME].value, o[O_EXCEEDED].value, "targets",
                     &f->targets, &e) ||
        targets_args(o[O_UNIT_TARGETS].value, o[O_UNIT_ON_TIME].value, o[O_UNIT_EXCEEDED].value,
                     "unit_targets", &f->unit_targets, &e) ||
        (o[O_UNITS_KHTNV].value &&
         fraction_arg(o[O_UNITS_KHTNV].value, "units_khtnv", &f->units_in_charge_khtnv,
                      &f->units_in_charge, &e)) ||
        (o[O_SHORTCOMINGS].value &&
         fraction_arg(o[O_SHORTCOMINGS].value, "shortcomings", &f->shortcomings_remedied,
                      &f->shortcomings_total, &e)))
        return cli_fail(cli, &e);
    f->targets.key_missed = o[O_KEY_MISSED].value != NULL;
    f->targets.force_majeure = o[O_FORCE_MAJEURE].value != NULL;
    f->unit_targets.key_missed = o[O_UNIT_KEY_MISSED].value != NULL;
    f->unit_targets.force_majeure = o[O_FORCE_MAJEURE].value != NULL;
    f->se_targets_missed = o[O_SE_MISSED].value != NULL;
    if ((o[O_ON_TIME].value || o[O_EXCEEDED].value || o[O_KEY_MISSED].value) && !o[O_TARGETS].value)
        return cli_usage(cli, "review",
                         "--on-time, --exceeded and --key-target-missed need "
                         "--targets DONE/TOTAL");
    if ((o[O_UNIT_ON_TIME].value || o[O_UNIT_EXCEEDED].value || o[O_UNIT_KEY_MISSED].value) &&
        !o[O_UNIT_TARGETS].value)
        return cli_usage(cli, "review",
                         "--unit-on-time, --unit-exceeded and "
                         "--unit-key-target-missed need --unit-targets DONE/TOTAL");

    struct store_review rv;
    store_review_init(&rv);
    if (store_review_step(cli->st, &cli->actor, &k, &req, &rv, &e)) {
        store_review_release(&rv);
        return cli_fail(cli, &e);
    }
    if (!cli->json) {
        const struct review_step_row *s = &rv.steps[rv.n_steps - 1];
        struct buf b = BUF_INIT;
        printf("%s năm %d: %s — %s", review_step_label(step), rv.year, rv.subject_name,
               review_level_label_legacy(rv.rs, rv.subject, s->level, s->legacy));
        if (s->has_total)
            printf(" (%s điểm)", pts(&b, s->total));
        printf("; trạng thái: %s\n", review_state_label(rv.state));
        buf_release(&b);
        json_t *pj = s->proposal ? json_loads(s->proposal, 0, NULL) : NULL;
        if (pj && scored) {
            enum review_level pl;
            struct tcxd_error ig;
            const char *lv = json_string_value(json_object_get(pj, "level"));
            if (lv && !review_level_parse(lv, &pl, &ig))
                printf("Đề xuất: %s\n", level_label(&rv, pl));
            json_t *rs = json_object_get(pj, "reasons");
            for (size_t i = 0; i < json_array_size(rs); i++)
                printf("  - %s\n", json_string_value(json_array_get(rs, i)));
        }
        json_decref(pj);
        if (!scored)
            print_forcing(s->facts, "\n  - ");
        if (!scored && s->facts && strstr(s->facts, "forced_by"))
            printf("\n");
        store_review_release(&rv);
        return 0;
    }
    store_review_release(&rv);
    return show_review(cli, &k, REVIEW_LEVEL__MAX);
}

/* `review batch`: one decision for a group, the cap checked on the whole. */
static int cmd_batch(struct cli *cli, struct cli_opt *o, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos != 1)
        return cli_usage(cli, "review",
                         "review batch takes no SUBJECT: the subjects are the rows "
                         "of --levels FILE.csv");
    if (!o[O_LEVELS].value)
        return cli_usage(cli, "review", "review batch needs --levels FILE.csv");
    if (!cli_store(cli, false))
        return 1;
    int year;
    tcxd_date ddate = DATE_NONE;
    struct csv_rows rows;
    if (year_arg(o[O_YEAR].value, &year, &e) ||
        (o[O_DECISION_DATE].value &&
         cli_date(o[O_DECISION_DATE].value, DATE_NONE, "decision_date", &ddate, &e)) ||
        csv_read(o[O_LEVELS].value, &rows, &e))
        return cli_fail(cli, &e);
    struct review_batch_item *items = xcalloc(rows.n ? rows.n : 1, sizeof(*items));
    size_t *line = xcalloc(rows.n ? rows.n : 1, sizeof(*line));
    size_t n = 0;
    int rc = 0;
    for (size_t i = 0; i < rows.n && !rc; i++) {
        if (blank_row(&rows, i) || (i == 0 && !strcasecmp(rows.rows[i][0], "subject")))
            continue;
        if (rows.ncols[i] < 2 || !*rows.rows[i][1]) {
            tcxd_fail(&e, TCXD_EINVAL, "levels", "line %zu: SUBJECT,LEVEL[,REASON] expected",
                      i + 1);
            rc = cli_fail(cli, &e);
            break;
        }
        struct review_batch_item *it = &items[n];
        if (subject_arg(cli, rows.rows[i][0], year, &it->key, &e)) {
            rc = cli_fail(cli, &e);
            break;
        }
        enum review_level l;
        if (level_arg(rows.rows[i][1], &l, &e)) {
            rc = cli_fail(cli, &e);
            break;
        }
        it->level = rows.rows[i][1];
        it->override_reason = rows.ncols[i] > 2 && *rows.rows[i][2] ? rows.rows[i][2] : NULL;
        line[n++] = i + 1;
    }
    size_t failed = 0;
    if (!rc && store_review_decide_batch(cli->st, &cli->actor, items, n, o[O_DECISION].value, ddate,
                                         o[O_CAP_EXC].value, &failed, &e)) {
        if (failed < n) {
            struct buf mb = BUF_INIT;
            buf_addf(&mb, "%s %zu (%s): %s", MSG_T("line"), line[failed],
                     rows.rows[line[failed] - 1][0], e.msg);
            size_t m = mb.len < sizeof(e.msg) - 1 ? mb.len : sizeof(e.msg) - 1;
            memcpy(e.msg, mb.ptr, m);
            e.msg[m] = '\0';
            buf_release(&mb);
        }
        rc = cli_fail(cli, &e);
    }
    if (!rc && cli->json) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            struct store_review rv;
            store_review_init(&rv);
            if (store_review_get(cli->st, &items[i].key, &rv, &e) == TCXD_OK)
                json_array_append_new(a, review_json(&rv, NULL));
            store_review_release(&rv);
        }
        cli_print_json(json_pack("{s:i, s:o}", "decided", (int)n, "reviews", a));
    } else if (!rc) {
        printf("Đã quyết định xếp loại năm %d cho %zu đối tượng (QĐ %s)\n", year, n,
               o[O_DECISION].value ? o[O_DECISION].value : "");
    }
    free(items);
    free(line);
    csv_free(&rows);
    return rc;
}

/* ---- reports ------------------------------------------------------------------------------ */

static int load_report(struct cli *cli, const struct cli_opt *o, const char **pos, size_t npos,
                       struct review_report *r, struct org_info *org)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int year;
    if (npos != 2)
        return cli_usage(cli, "review", "review %s needs an organization code", pos[0]);
    if (!cli_store(cli, false))
        return 1;
    if (year_arg(o[O_YEAR].value, &year, &e) ||
        cli_org(cli, pos[1], review_report_date(year), org, &e) ||
        store_review_report(cli->st, org->id, year, r, &e))
        return cli_fail(cli, &e);
    return 0;
}

static int cmd_report_levels(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct review_report r;
    struct org_info org;
    int rc;
    bool csv = csv_format(cli, o, &rc);
    if (rc || (rc = load_report(cli, o, pos, npos, &r, &org)))
        return rc;
    struct tcxd_error e;
    bool named = o[O_LIST].value != NULL;
    if (engine_wanted(cli->st) ? engine_review_unreviewed(cli->st, &r, named, &e)
                               : store_review_unreviewed(cli->st, &r, named, &e)) {
        review_report_release(&r);
        return cli_fail(cli, &e);
    }
    bool list = o[O_LIST].value != NULL;
    if (cli->json) {
        json_t *j = review_report_json(&r, list);
        json_object_set_new(j, "org", cli_json_org(&org));
        cli_print_json(j);
    } else if (csv) {
        const char *hdr[] = {"group",     "level",      "count",      "total",
                             "share_pct", "prev_count", "prev_total", "change_pp"};
        print_csv_row(hdr, 8);
        for (int g = 0; g < REVIEW_GROUP__MAX; g++)
            for (int l = 0; l < REVIEW_LEVEL__MAX; l++) {
                const struct review_counts *c = &r.counts[g], *p = &r.prev[g];
                char n[16], t[16], sh[16], pn[16], pt[16], ch[16] = "";
                snprintf(n, sizeof(n), "%d", c->n[l]);
                snprintf(t, sizeof(t), "%d", c->total);
                int s = review_share_tenths(c->n[l], c->total);
                snprintf(sh, sizeof(sh), "%d.%d", s / 10, s % 10);
                snprintf(pn, sizeof(pn), "%d", p->n[l]);
                snprintf(pt, sizeof(pt), "%d", p->total);
                if (p->total > 0) {
                    int d = review_change_tenths(c->n[l], c->total, p->n[l], p->total);
                    snprintf(ch, sizeof(ch), "%s%d.%d", d < 0 ? "-" : "", abs(d) / 10, abs(d) % 10);
                }
                const char *cells[] = {review_group_name((enum review_group)g),
                                       review_level_name((enum review_level)l),
                                       n,
                                       t,
                                       sh,
                                       pn,
                                       pt,
                                       ch};
                print_csv_row(cells, 8);
            }
    } else {
        bool legacy = r.rs && r.rs->legacy_levels;
        printf("Kết quả đánh giá, xếp loại chất lượng năm %d — %s (%s)\n", r.year, org.name,
               org.code);
        if (r.rs)
            printf("Căn cứ: %s\n", review_legal_basis(r.rs, r.year));
        for (int g = 0; g < REVIEW_GROUP__MAX; g++) {
            const struct review_counts *c = &r.counts[g];
            if (!c->total && !r.undecided[g] && !r.unreviewed[g])
                continue;
            static const char *const titles[REVIEW_GROUP__MAX] = {
                "Tổ chức cơ sở đảng", "Đảng bộ cấp trên cơ sở trực thuộc",
                "Tổ chức đảng trực thuộc đảng ủy cơ sở", "Đảng viên"};
            printf("\n%s:\n", titles[g]);
            struct buf b = BUF_INIT;
            review_report_board_sentence(&b, &r, (enum review_group)g, org.name);
            printf("  %s.\n", b.ptr);
            if (legacy) {
                bool member = g == REVIEW_GROUP_MEMBER;
                int n = member ? REVIEW_LEGACY_MEMBER__MAX : REVIEW_LEGACY_ORG__MAX;
                for (int l = 0; l < n; l++) {
                    buf_reset(&b);
                    vnfmt_int(&b, r.legacy[g][l]);
                    buf_addch(&b, '/');
                    vnfmt_int(&b, c->total);
                    buf_addf(&b, " %s %s%s (", review_group_noun((enum review_group)g),
                             !member && l <= REVIEW_LEGACY_ORG_TSVM ? "đạt " : "",
                             member ? review_legacy_member_phrase((enum review_legacy_member)l)
                                    : review_legacy_org_phrase((enum review_legacy_org)l));
                    review_format_tenths_pct(&b, review_share_tenths(r.legacy[g][l], c->total));
                    buf_addch(&b, ')');
                    printf("  - %s\n", b.ptr);
                }
            } else {
                for (int l = 0; l < REVIEW_LEVEL__MAX; l++) {
                    buf_reset(&b);
                    review_sentence(&b, review_group_noun((enum review_group)g),
                                    (enum review_level)l, c, &r.prev[g]);
                    printf("  - %s\n", b.ptr);
                }
            }
            if (r.historical[g])
                printf("  (%d kết quả ghi nhận từ quyết định đã có, không qua tự đánh giá và "
                       "thẩm định trên hệ thống)\n",
                       r.historical[g]);
            if (r.undecided[g])
                printf("  (%d chưa có quyết định xếp loại)\n", r.undecided[g]);
            if (r.unreviewed[g]) {
                buf_reset(&b);
                vnfmt_int(&b, r.unreviewed[g]);
                printf("  (%s %s chưa được đánh giá, xếp loại)\n", b.ptr,
                       review_group_noun((enum review_group)g));
            }
            if (g == REVIEW_GROUP_MEMBER) {
                buf_reset(&b);
                for (int x = REVIEW_INCLUDED + 1; x < REVIEW_EXCLUSION__MAX; x++)
                    if (r.excluded[x]) {
                        buf_adds(&b, b.len ? "; " : "");
                        vnfmt_int(&b, r.excluded[x]);
                        buf_addf(&b, " %s", review_exclusion_label((enum review_exclusion)x));
                    }
                if (b.len)
                    printf("  (không đánh giá, xếp loại: %s)\n", b.ptr);
            }
            buf_release(&b);
        }
        if (o[O_MAPPING].value && legacy) {
            printf("\nĐối chiếu với các mức từ năm 2018 (theo thứ tự, không phải quy định chính "
                   "thức):\n");
            for (int l = 0; l < REVIEW_LEGACY_ORG__MAX; l++)
                printf("  %s → %s\n", review_legacy_org_label((enum review_legacy_org)l),
                       review_level_label(review_legacy_org_level((enum review_legacy_org)l)));
            for (int l = 0; l < REVIEW_LEGACY_MEMBER__MAX; l++)
                printf(
                    "  %s → %s\n", review_legacy_member_label((enum review_legacy_member)l),
                    review_level_label(review_legacy_member_level((enum review_legacy_member)l)));
        } else if (o[O_MAPPING].value) {
            printf("\nNăm %d dùng các mức xếp loại hiện hành; không cần đối chiếu.\n", r.year);
        }
        if (list) {
            /* by the year's own levels: organizations first, then members */
            for (int pass = 0; pass < 2; pass++) {
                int n = !legacy ? (pass ? 0 : REVIEW_LEVEL__MAX)
                        : pass  ? REVIEW_LEGACY_MEMBER__MAX
                                : REVIEW_LEGACY_ORG__MAX;
                for (int l = 0; l < n; l++) {
                    bool header = false;
                    for (size_t i = 0; i < r.n_items; i++) {
                        const struct review_report_item *it = &r.items[i];
                        if (!it->has_final)
                            continue;
                        if (legacy) {
                            if ((it->member_id != 0) != (pass == 1))
                                continue;
                            int lg = it->final_legacy;
                            if (lg < 0)
                                lg = it->member_id
                                         ? (int)review_legacy_member_from_level(it->final_level)
                                         : (int)review_legacy_org_from_level(it->final_level);
                            if (lg != l)
                                continue;
                        } else if (it->final_level != (enum review_level)l) {
                            continue;
                        }
                        if (!header)
                            printf("\n%s:\n",
                                   !legacy ? review_level_label((enum review_level)l)
                                   : pass ? review_legacy_member_label((enum review_legacy_member)l)
                                          : review_legacy_org_label((enum review_legacy_org)l));
                        header = true;
                        printf("  %s (%s) — %s%s\n", it->name, it->code,
                               review_group_noun(it->group), it->historical ? " *" : "");
                    }
                }
            }
            if (r.n_missing)
                printf("\nChưa được đánh giá, xếp loại:\n");
            for (size_t i = 0; i < r.n_missing; i++)
                printf("  %s (%s) — %s\n", r.missing[i].name, r.missing[i].code,
                       review_group_noun(r.missing[i].group));
        }
    }
    review_report_release(&r);
    return 0;
}

/* s in a column of width characters, left or right aligned (code points: the labels are
   Vietnamese in NFC, where printf's %-30s counts bytes and misaligns the columns). */
static void print_col(const char *s, int width, bool right)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        n += (*p & 0xC0) != 0x80;
    if (!right)
        fputs(s, stdout);
    for (; n < width; n++)
        putchar(' ');
    if (right)
        fputs(s, stdout);
}

static int cmd_leniency(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    review_points threshold = REVIEW_POINTS(5);
    if (o[O_THRESHOLD].value &&
        review_points_parse(o[O_THRESHOLD].value, &threshold, "threshold", &e))
        return cli_fail(cli, &e);
    struct review_report r;
    struct org_info org;
    int rc;
    bool csv = csv_format(cli, o, &rc);
    if (rc || (rc = load_report(cli, o, pos, npos, &r, &org)))
        return rc;
    json_t *j = review_leniency_json(&r, threshold);
    if (cli->json) {
        json_object_set_new(j, "org", cli_json_org(&org));
        cli_print_json(j);
        review_report_release(&r);
        return 0;
    }
    json_t *subs = json_object_get(j, "subjects"), *by = json_object_get(j, "by_org");
    struct buf b = BUF_INIT, b2 = BUF_INIT, b3 = BUF_INIT;
    if (csv) {
        const char *hdr[] = {"unit_code", "unit_name",  "group",          "code",
                             "name",      "self_total", "verified_total", "difference"};
        print_csv_row(hdr, 8);
    } else {
        printf("Tự đánh giá cao hơn kết quả thẩm định trên %s điểm, năm %d — %s\n",
               pts(&b, threshold), r.year, org.name);
        if (r.rs && r.rs->scoring == REVIEW_SCORING_GRADES)
            printf("(năm %d chấm theo mức, không có tổng điểm: mức tự xếp loại so với mức thẩm "
                   "định)\n",
                   r.year);
    }
    for (size_t i = 0; i < json_array_size(subs); i++) {
        json_t *s = json_array_get(subs, i);
        if (!strcmp(json_string_value(json_object_get(s, "measure")), "levels")) {
            /* a year scored by grades: the levels compared */
            enum review_level sl, vl;
            struct tcxd_error ig;
            if (review_level_parse(json_string_value(json_object_get(s, "self_level")), &sl, &ig) ||
                review_level_parse(json_string_value(json_object_get(s, "verified_level")), &vl,
                                   &ig))
                continue;
            buf_reset(&b3);
            buf_addf(&b3, "%lld",
                     (long long)json_integer_value(json_object_get(s, "levels_above")));
            const char *cells[] = {json_string_value(json_object_get(s, "unit_code")),
                                   json_string_value(json_object_get(s, "unit_name")),
                                   json_string_value(json_object_get(s, "group")),
                                   json_string_value(json_object_get(s, "code")),
                                   json_string_value(json_object_get(s, "name")),
                                   review_level_code(sl),
                                   review_level_code(vl),
                                   b3.ptr};
            if (csv)
                print_csv_row(cells, 8);
            else
                printf("  %s — %s: tự xếp loại %s, thẩm định %s (cao hơn %s mức)\n", cells[1],
                       cells[4], review_level_label(sl), review_level_label(vl), b3.ptr);
            continue;
        }
        review_points self =
            (review_points)(json_real_value(json_object_get(s, "self_total")) * 100 + 0.5);
        review_points ver =
            (review_points)(json_real_value(json_object_get(s, "verified_total")) * 100 + 0.5);
        const char *cells[] = {json_string_value(json_object_get(s, "unit_code")),
                               json_string_value(json_object_get(s, "unit_name")),
                               json_string_value(json_object_get(s, "group")),
                               json_string_value(json_object_get(s, "code")),
                               json_string_value(json_object_get(s, "name")),
                               pts(&b, self),
                               pts(&b2, ver),
                               pts(&b3, self - ver)};
        if (csv)
            print_csv_row(cells, 8);
        else
            printf("  %s — %s: tự chấm %s, thẩm định %s (chênh %s)\n", cells[1], cells[4], cells[5],
                   cells[6], cells[7]);
    }
    if (!csv) {
        printf("Theo tổ chức:\n");
        for (size_t i = 0; i < json_array_size(by); i++) {
            json_t *u = json_array_get(by, i);
            int lenient = (int)json_integer_value(json_object_get(u, "lenient"));
            int compared = (int)json_integer_value(json_object_get(u, "compared"));
            buf_reset(&b);
            review_format_tenths_pct(&b, review_share_tenths(lenient, compared));
            printf("  %s (%s): %d/%d (%s)\n", json_string_value(json_object_get(u, "name")),
                   json_string_value(json_object_get(u, "code")), lenient, compared, b.ptr);
        }
        printf("Phân bố mức xếp loại:\n");
        static const char *const cols[] = {"self", "verified", "final"};
        static const char *const heads[] = {"Tự đánh giá", "Thẩm định", "Quyết định"};
        printf("  ");
        print_col("Mức xếp loại", 32, false);
        for (int c = 0; c < 3; c++)
            print_col(heads[c], 13, true);
        putchar('\n');
        json_t *dist = json_object_get(j, "distribution");
        for (size_t i = 0; i < json_array_size(dist); i++) {
            json_t *d = json_array_get(dist, i);
            printf("  ");
            print_col(json_string_value(json_object_get(d, "label")), 32, false);
            for (int c = 0; c < 3; c++) {
                buf_reset(&b);
                vnfmt_int(&b, json_integer_value(json_object_get(d, cols[c])));
                print_col(b.ptr, 13, true);
            }
            putchar('\n');
        }
    }
    buf_release(&b);
    buf_release(&b2);
    buf_release(&b3);
    json_decref(j);
    review_report_release(&r);
    return 0;
}

/* ---- weak organizations ------------------------------------------------------------------- */

struct weak_rows {
    struct weak_org_row *v;
    size_t n, cap;
    const char *basis; /* NULL: every list */
};

static void weak_row_cb(void *ctx, const struct weak_org_row *w)
{
    struct weak_rows *c = ctx;
    if (c->basis && strcmp(c->basis, w->basis))
        return;
    ALLOC_GROW(c->v, c->n + 1, c->cap);
    c->v[c->n++] = *w;
}

static enum tcxd_err weak_req(const struct cli_opt *o, struct weak_org_req *r, bool *any,
                              struct tcxd_error *e)
{
    memset(r, 0, sizeof(*r));
    r->deadline = r->consolidated_on = DATE_NONE;
    r->status = -1;
    r->plan = o[O_PLAN].value;
    r->responsible = o[O_RESPONSIBLE].value;
    enum tcxd_err rc;
    if (o[O_DEADLINE].value &&
        (rc = cli_date(o[O_DEADLINE].value, DATE_NONE, "deadline", &r->deadline, e)))
        return rc;
    if (o[O_CONSOLIDATED_ON].value && (rc = cli_date(o[O_CONSOLIDATED_ON].value, DATE_NONE,
                                                     "consolidated_on", &r->consolidated_on, e)))
        return rc;
    if (o[O_STATUS].value) {
        enum weak_status s;
        if ((rc = weak_status_parse(o[O_STATUS].value, &s, e)))
            return rc;
        r->status = (int)s;
    }
    r->basis = o[O_BASIS].value;
    r->listed_on = DATE_NONE;
    if (o[O_LISTED_ON].value &&
        (rc = cli_date(o[O_LISTED_ON].value, DATE_NONE, "listed_on", &r->listed_on, e)))
        return rc;
    *any = r->plan || r->responsible || r->deadline != DATE_NONE || r->status >= 0 ||
           r->consolidated_on != DATE_NONE;
    return TCXD_OK;
}

static int print_weak(struct cli *cli, const struct weak_org_row *w)
{
    if (cli->json) {
        cli_print_json(weak_org_json(w));
        return 0;
    }
    char d[DATE_ISO_LEN];
    printf("#%lld %s (%s) năm %d: %s%s\n", (long long)w->id, w->name, w->code, w->year,
           weak_status_label(w->status),
           strcmp(w->source, "decided") ? ", đưa vào diện củng cố" : ", xếp loại KHTNV");
    if (w->plan[0])
        printf("  Kế hoạch: %s\n", w->plan);
    if (w->responsible[0])
        printf("  Người phụ trách: %s\n", w->responsible);
    if (w->deadline != DATE_NONE)
        printf("  Thời hạn: %s\n", dmy(w->deadline, d));
    if (w->consolidated_on != DATE_NONE)
        printf("  Đã củng cố ngày %s\n", dmy(w->consolidated_on, d));
    return 0;
}

static int cmd_weak(struct cli *cli, struct cli_opt *o, const char **pos, size_t npos)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (npos < 2)
        return cli_usage(cli, "review", "review weak needs list, add or update");
    const char *sub = pos[1];
    if (!cli_store(cli, false))
        return 1;
    struct weak_org_req req;
    bool any;
    if (!strcmp(sub, "list")) {
        int rc;
        bool csv = csv_format(cli, o, &rc);
        if (rc)
            return rc;
        if (npos != 3)
            return cli_usage(cli, "review", "review weak list needs an organization code");
        int from, to;
        struct org_info org;
        if (o[O_YEAR].value) {
            if (o[O_FROM].value || o[O_TO].value)
                return cli_usage(cli, "review", "give --year or --from/--to, not both");
            if (year_arg(o[O_YEAR].value, &from, &e))
                return cli_fail(cli, &e);
            to = from;
        } else if (int_arg(o[O_FROM].value, 1900, 9999, "from", &from, &e) ||
                   int_arg(o[O_TO].value, 1900, 9999, "to", &to, &e)) {
            return cli_fail(cli, &e);
        }
        if (cli_org(cli, pos[2], review_report_date(to), &org, &e))
            return cli_fail(cli, &e);
        tcxd_date as_of = DATE_NONE;
        if (o[O_AS_OF].value && cli_date(o[O_AS_OF].value, DATE_NONE, "as_of", &as_of, &e))
            return cli_fail(cli, &e);
        struct weak_rows c = {NULL, 0, 0, o[O_BASIS].value};
        if (store_weak_list(cli->st, org.id, from, to, weak_row_cb, &c, &e)) {
            free(c.v);
            return cli_fail(cli, &e);
        }
        json_t *lj = weak_lists_json(c.v, c.n, as_of);
        free(c.v);
        json_t *items = json_object_get(lj, "items");
        struct buf s = BUF_INIT;
        if (cli->json) {
            json_object_set_new(lj, "org", cli_json_org(&org));
            json_object_set_new(lj, "year_from", json_integer(from));
            json_object_set_new(lj, "year_to", json_integer(to));
            cli_print_json(json_incref(lj));
        } else if (csv) {
            const char *hdr[] = {"id",          "year",     "code",      "name",
                                 "basis",       "source",   "status",    "plan",
                                 "responsible", "deadline", "listed_on", "consolidated_on"};
            print_csv_row(hdr, 12);
            for (size_t i = 0; i < json_array_size(items); i++) {
                json_t *w = json_array_get(items, i);
                char id[24], yr[8];
                snprintf(id, sizeof(id), "%lld",
                         (long long)json_integer_value(json_object_get(w, "id")));
                snprintf(yr, sizeof(yr), "%lld",
                         (long long)json_integer_value(json_object_get(w, "year")));
                const char *cells[] = {id,
                                       yr,
                                       json_string_value(json_object_get(w, "code")),
                                       json_string_value(json_object_get(w, "name")),
                                       json_string_value(json_object_get(w, "basis")),
                                       json_string_value(json_object_get(w, "source")),
                                       json_string_value(json_object_get(w, "status")),
                                       json_string_value(json_object_get(w, "plan")),
                                       json_string_value(json_object_get(w, "responsible")),
                                       json_string_value(json_object_get(w, "deadline")),
                                       json_string_value(json_object_get(w, "listed_on")),
                                       json_string_value(json_object_get(w, "consolidated_on"))};
                print_csv_row(cells, 12);
            }
        } else {
            char d[DATE_ISO_LEN];
            tcxd_date shown = as_of != DATE_NONE ? as_of : date_today();
            date_format_vn(shown, d);
            printf("Tổ chức đảng yếu kém, cần củng cố (%d-%d) — %s, đến ngày %s:\n", from, to,
                   org.name, d);
            json_t *lists = json_object_get(lj, "lists");
            for (size_t k = 0; k < json_array_size(lists); k++)
                printf("  %s\n",
                       json_string_value(json_object_get(json_array_get(lists, k), "sentence")));
            if (!json_array_size(lists))
                printf("  %s\n", json_string_value(json_object_get(lj, "sentence")));
            const char *hdr[] = {"Id",   "Năm",        "Mã",        "Tổ chức",
                                 "Diện", "Trạng thái", "Phụ trách", "Thời hạn"};
            struct cli_table t;
            cli_table_init(&t, 8, hdr, NULL);
            for (size_t i = 0; i < json_array_size(items); i++) {
                json_t *w = json_array_get(items, i);
                char id[24], yr[8], dl[DATE_ISO_LEN] = "";
                snprintf(id, sizeof(id), "%lld",
                         (long long)json_integer_value(json_object_get(w, "id")));
                snprintf(yr, sizeof(yr), "%lld",
                         (long long)json_integer_value(json_object_get(w, "year")));
                const char *iso = json_string_value(json_object_get(w, "deadline"));
                tcxd_date dd;
                struct tcxd_error ig;
                if (iso && *iso && !date_parse(iso, &dd, "deadline", &ig))
                    date_format_vn(dd, dl);
                bool done = json_is_true(json_object_get(w, "consolidated_as_of"));
                const char *st = json_string_value(json_object_get(w, "status_label"));
                if (!done &&
                    !strcmp(json_string_value(json_object_get(w, "status")), "consolidated"))
                    st = weak_status_label(WEAK_IN_PROGRESS); /* consolidated after the date */
                const char *cells[] = {id,
                                       yr,
                                       json_string_value(json_object_get(w, "code")),
                                       json_string_value(json_object_get(w, "name")),
                                       json_string_value(json_object_get(w, "basis")),
                                       st,
                                       json_string_value(json_object_get(w, "responsible")),
                                       dl};
                cli_table_row(&t, cells);
            }
            if (t.nrows > 1)
                cli_table_print(&t);
            cli_table_release(&t);
        }
        json_decref(lj);
        buf_release(&s);
        return 0;
    }
    if (weak_req(o, &req, &any, &e))
        return cli_fail(cli, &e);
    if (!strcmp(sub, "add")) {
        int year;
        struct org_info org;
        int64_t id;
        struct weak_org_row w;
        if (npos != 3)
            return cli_usage(cli, "review", "review weak add needs an organization code");
        if (year_arg(o[O_YEAR].value, &year, &e) ||
            cli_org(cli, pos[2], review_report_date(year), &org, &e) ||
            store_weak_add(cli->st, &cli->actor, org.id, year, &req, &id, &e) ||
            store_weak_get(cli->st, id, &w, &e))
            return cli_fail(cli, &e);
        return print_weak(cli, &w);
    }
    if (!strcmp(sub, "update")) {
        int id;
        struct weak_org_row w;
        if (npos != 3)
            return cli_usage(cli, "review", "review weak update needs an entry id");
        if (!any)
            return cli_usage(cli, "review", "review weak update changes nothing");
        if (int_arg(pos[2][0] == '#' ? pos[2] + 1 : pos[2], 1, 2000000000, "id", &id, &e) ||
            store_weak_update(cli->st, &cli->actor, id, &req, &e) ||
            store_weak_get(cli->st, id, &w, &e))
            return cli_fail(cli, &e);
        return print_weak(cli, &w);
    }
    return cli_usage(cli, "review", "unknown review weak command '%s'", sub);
}

/* ---- dispatch ----------------------------------------------------------------------------- */

int cmd_review(struct cli *cli, int argc, char **argv)
{
    struct score_args sc;
    memset(&sc, 0, sizeof(sc));
    argc = take_scores(cli, argc, argv, &sc);
    if (argc < 0) {
        scores_free(&sc);
        return 2;
    }
    struct cli_opt o[O__MAX];
    memcpy(o, review_opts, sizeof(o));
    const char *pos[4];
    size_t npos;
    if (cli_list_options)
        puts("--score VALUE"); /* taken by take_scores before the table */
    int rc = cli_parse(cli, "review", argc, argv, o, O__MAX, pos, 4, &npos);
    if (rc) {
        scores_free(&sc);
        return rc;
    }
    if (o[O_HELP].value || npos == 0) {
        scores_free(&sc);
        fputs(cli_help(review_help, review_help_vi), o[O_HELP].value ? stdout : stderr);
        fputs(cli_help(review_help_notes, review_help_notes_vi), o[O_HELP].value ? stdout : stderr);
        return o[O_HELP].value ? 0 : 2;
    }
    const char *sub = pos[0];
    enum review_step step;
    struct tcxd_error e;
    if (!strcmp(sub, "self"))
        rc = cmd_step(cli, REVIEW_STEP_SELF_ASSESS, o, pos, npos, &sc);
    else if (!strcmp(sub, "verify") || !strcmp(sub, "decide") || !strcmp(sub, "amend") ||
             !strcmp(sub, "record"))
        rc = review_step_parse(sub, &step, &e) ? cli_fail(cli, &e)
                                               : cmd_step(cli, step, o, pos, npos, &sc);
    else if (sc.n)
        rc = cli_usage(cli, "review", "option '--score' does not apply to review %s", sub);
    else if (!strcmp(sub, "rubric"))
        rc = cmd_rubric(cli, o, pos, npos);
    else if (!strcmp(sub, "batch"))
        rc = cmd_batch(cli, o, npos);
    else if (!strcmp(sub, "show")) {
        int year;
        struct review_key k;
        enum review_level level = REVIEW_LEVEL__MAX;
        tcxd_error_clear(&e);
        if (npos != 2)
            rc = cli_usage(cli, "review", "review show needs one SUBJECT");
        else if (!cli_store(cli, false))
            rc = 1;
        else if (year_arg(o[O_YEAR].value, &year, &e) || subject_arg(cli, pos[1], year, &k, &e) ||
                 (o[O_LEVEL].value && level_arg(o[O_LEVEL].value, &level, &e)))
            rc = cli_fail(cli, &e);
        else
            rc = show_review(cli, &k, level);
    } else if (!strcmp(sub, "report"))
        rc = cmd_report_levels(cli, o, pos, npos);
    else if (!strcmp(sub, "leniency"))
        rc = cmd_leniency(cli, o, pos, npos);
    else if (!strcmp(sub, "weak"))
        rc = cmd_weak(cli, o, pos, npos);
    else
        rc = cli_usage(cli, "review", "unknown review command '%s'", sub);
    scores_free(&sc);
    return rc;
}
