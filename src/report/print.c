/*
 * print.c - the Phiếu đảng viên (2-HSĐV) and the Sổ danh sách đảng viên (7-HSĐV) as PDF
 * (print.h), drawn with the PDF layer (pdf.h).
 */
#include "report/print.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/member.h"
#include "core/org.h"
#include "report/pdf.h"
#include "util/xmalloc.h"

/* "ngày 15 tháng 03 năm 2025" */
static void date_words(tcxd_date d, char *out, size_t n)
{
    if (d == DATE_NONE) {
        snprintf(out, n, "ngày ... tháng ... năm ......");
        return;
    }
    struct ymd t = date_to_ymd(d);
    snprintf(out, n, "ngày %02d tháng %02d năm %d", t.d, t.m, t.y);
}

static void vn_date(tcxd_date d, char out[DATE_ISO_LEN])
{
    date_format_vn(d, out);
}

static char *upper(const char *s)
{
    return g_utf8_strup(s ? s : "", -1);
}

/* The organizations from the chi bộ up, on date: path[0] the chi bộ. */
struct path {
    struct org_info o[16];
    int n;
};

static enum tcxd_err org_path(struct store *st, int64_t id, tcxd_date date, struct path *p,
                              struct tcxd_error *e)
{
    p->n = 0;
    while (id && p->n < 16) {
        enum tcxd_err rc = store_org_get(st, id, date, &p->o[p->n], e);
        if (rc)
            return rc;
        id = p->o[p->n].parent_id;
        p->n++;
    }
    return TCXD_OK;
}

/* The name of the level's organization in the path, or "" (the Phiếu's head lines). */
static const char *path_base(const struct path *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->o[i].tier == ORG_TIER_BASE)
            return p->o[i].name;
    return "";
}

/* the above-base đảng bộ right above the base one (huyện, or xã after 2025) */
static const char *path_district(const struct path *p)
{
    for (int i = 0; i < p->n; i++)
        if (p->o[i].tier == ORG_TIER_ABOVE_BASE)
            return i + 1 < p->n ? p->o[i].name : "";
    return "";
}

static const char *path_top(const struct path *p)
{
    return p->n > 1 ? p->o[p->n - 1].name : "";
}

/* The place of a document's date (36-HD/VPTW's địa danh): the name of the base organization's
   ward, commune or district without its kind - "Đảng bộ phường Đồng Xuân" gives "Đồng
   Xuân". */
static void place_name(const struct path *p, char *out, size_t n)
{
    out[0] = '\0';
    static const char *const kinds[] = {"phường ", "xã ",     "thị trấn ",  "đặc khu ", "quận ",
                                        "huyện ",  "thị xã ", "thành phố ", "tỉnh "};
    for (int i = 0; i < p->n && !out[0]; i++) {
        char *low = g_utf8_strdown(p->o[i].name, -1);
        for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
            const char *at = strstr(low, kinds[k]);
            if (at) {
                snprintf(out, n, "%s", p->o[i].name + (at - low) + strlen(kinds[k]));
                break;
            }
        }
        g_free(low);
    }
}

/* ---- the member's events ---- */

struct history {
    struct store *st;
    int64_t admit_org, official_org;
    tcxd_date admit, admit_decision, official, exempt_from;
    bool exempt_open;
    int64_t arrive_from;  /* the chi bộ before the last move into `here` */
    tcxd_date arrived_on; /* into `here` */
    int64_t left_to;
    tcxd_date left_on; /* out of `here` */
    tcxd_date exit_on;
    int exit_kind;
    int64_t here;   /* the chi bộ whose roll is printed (0: the Phiếu) */
    int64_t at_org; /* the registration as the events go */
    tcxd_date upto;
};

static void take_event(void *ctx, const struct member_event_info *x)
{
    struct history *h = ctx;
    const struct member_event *ev = &x->ev;
    if (h->upto != DATE_NONE && ev->date > h->upto)
        return;
    switch (ev->kind) {
    case MEV_ADMIT:
        if (h->admit == DATE_NONE) {
            h->admit = ev->date;
            h->admit_decision = ev->decision_date;
            h->admit_org = ev->org_id;
        }
        h->at_org = ev->org_id;
        break;
    case MEV_OFFICIAL:
        h->official = ev->date;
        h->official_org = h->at_org;
        break;
    case MEV_TRANSFER:
        if (ev->form == TRANSFER_TEMPORARY)
            break;
        if (h->here && ev->org_id == h->here && h->at_org != h->here) {
            h->arrive_from = h->at_org;
            h->arrived_on = ev->date;
        } else if (h->here && h->at_org == h->here && ev->org_id != h->here) {
            h->left_to = ev->org_id;
            h->left_on = ev->date;
        }
        h->at_org = ev->org_id;
        break;
    case MEV_EXEMPT:
        h->exempt_from = ev->date;
        h->exempt_open = ev->until == DATE_NONE;
        break;
    case MEV_EXIT:
        h->exit_on = ev->date;
        h->exit_kind = ev->form;
        break;
    default:
        break;
    }
}

static void history_init(struct history *h, struct store *st, int64_t here, tcxd_date upto)
{
    memset(h, 0, sizeof(*h));
    h->st = st;
    h->here = here;
    h->upto = upto;
    h->admit = h->admit_decision = h->official = h->exempt_from = DATE_NONE;
    h->arrived_on = h->left_on = h->exit_on = DATE_NONE;
}

static void org_name_on(struct store *st, int64_t id, tcxd_date d, char *out, size_t n)
{
    struct org_info o;
    out[0] = '\0';
    if (id && !store_org_get(st, id, d, &o, NULL))
        snprintf(out, n, "%s", o.name);
    else if (id && !store_org_get(st, id, d > 1 ? d - 1 : d, &o, NULL))
        snprintf(out, n, "%s", o.name);
}

/* ---- the Phiếu đảng viên ---- */

static void item(struct pdf *p, const char *no, const char *label, const char *value)
{
    struct buf m = BUF_INIT;
    if (*no)
        buf_addf(&m, "<b>%s.</b> ", no);
    else
        buf_adds(&m, "      "); /* a part of the item above */
    pdf_escape(&m, label);
    buf_adds(&m, ":");
    struct pdf_font f = {.size = 12.5};
    pdf_field(p, m.ptr, value, &f);
    buf_release(&m);
    pdf_skip(p, 0.8);
}

/* n empty dotted lines to write on */
static void blank_lines(struct pdf *p, int n)
{
    struct pdf_font f = {.size = 12.5};
    for (int i = 0; i < n; i++) {
        pdf_field(p, "", NULL, &f);
        pdf_skip(p, 0.8);
    }
}

static void empty_table(struct pdf *p, const struct pdf_table_col *cols, size_t n, int rows)
{
    struct pdf_table t;
    pdf_table_begin(p, &t, cols, n, 11, false);
    const char **cells = xcalloc(n, sizeof(*cells));
    for (int r = 0; r < rows; r++)
        pdf_table_row(&t, cells);
    free(cells);
    pdf_skip(p, 2);
}

enum tcxd_err print_phieu(struct store *st, int64_t member_id, tcxd_date today, struct buf *out,
                          struct tcxd_error *e)
{
    struct member_info m;
    enum tcxd_err rc;
    if ((rc = store_member_get(st, member_id, &m, e)))
        return rc;
    struct history h;
    history_init(&h, st, 0, DATE_NONE);
    if ((rc = store_member_events(st, member_id, take_event, &h, NULL, e)))
        return rc;
    struct path path;
    if ((rc = org_path(st, m.org_id, today, &path, e)) &&
        (rc = org_path(st, m.org_id, m.ceremony_date, &path, e)))
        path.n = 0;

    struct pdf *p = pdf_new(&(struct pdf_page){.top = 23, .right = 15, .bottom = 20, .left = 30});
    double w = pdf_width(p);
    struct pdf_font small = {.size = 12};
    struct pdf_font head = {.size = 11};
    struct pdf_font nation = {.size = 13, .bold = true, .underline = true, .align = PDF_CENTER};

    /* the head: the organizations on the left, the nation and the numbers on the right */
    double y0 = pdf_y(p);
    char *s1 = upper(path_top(&path)), *s2 = upper(path_district(&path)),
         *s3 = upper(path_base(&path)), *s4 = upper(path.n ? path.o[0].name : "");
    const char *left[4][2] = {{"ĐẢNG BỘ TỈNH", s1},
                              {"ĐẢNG BỘ XÃ (tương đương)", s2},
                              {"ĐẢNG BỘ CƠ SỞ", s3},
                              {"CHI BỘ", s4}};
    double yl = y0;
    for (int i = 0; i < 4; i++) {
        struct buf b = BUF_INIT;
        buf_addf(&b, "%s: %s", left[i][0], left[i][1]);
        pdf_skip(p, yl - pdf_y(p));
        yl += pdf_text_at(p, 0, w * 0.48, b.ptr, &head) + 0.5;
        buf_release(&b);
    }
    g_free(s1);
    g_free(s2);
    g_free(s3);
    g_free(s4);
    pdf_skip(p, y0 - pdf_y(p));
    double yr = y0 + pdf_text_at(p, w * 0.5, w * 0.5, "ĐẢNG CỘNG SẢN VIỆT NAM", &nation) + 3;
    pdf_skip(p, yr - pdf_y(p));
    struct pdf_font label = {.size = 11};
    pdf_text_at(p, w * 0.5, 39, "SỐ LÝ LỊCH:", &label);
    pdf_boxes(p, w * 0.5 + 39, 4.0, 10, 6, "", &small);
    pdf_skip(p, 7);
    pdf_text_at(p, w * 0.5, 39, "SỐ THẺ ĐẢNG VIÊN:", &label);
    pdf_boxes(p, w * 0.5 + 39, 3.5, 12, 0, m.party_card_no, &small);
    pdf_skip(p, 7);
    yr = pdf_y(p);
    pdf_skip(p, (yl > yr ? yl : yr) - pdf_y(p) + 3);
    /* the photo's place and the title */
    pdf_rect(p, 0, 30, 40);
    pdf_text_at(p, 0, 30, "\n\nẢnh\n3 × 4", &(struct pdf_font){.size = 11, .align = PDF_CENTER});
    pdf_skip(p, 10);
    pdf_text(p, "PHIẾU ĐẢNG VIÊN",
             &(struct pdf_font){.size = 18, .bold = true, .align = PDF_CENTER});
    pdf_skip(p, 34);

    char d1[DATE_ISO_LEN], d2[DATE_ISO_LEN], d3[DATE_ISO_LEN];
    char on1[1024], on2[1024], buf1[1400];
    char *name = upper(m.full_name);
    item(p, "01", "Họ và tên đang dùng", name);
    g_free(name);
    item(p, "02", "Giới tính", gender_label(m.gender));
    item(p, "03", "Họ và tên khai sinh, tên gọi khác", NULL);
    vn_date(m.birth_date, d1);
    item(p, "04", "Sinh ngày", d1);
    item(p, "05", "Nơi đăng ký khai sinh", NULL);
    item(p, "06", "Quê quán", m.hometown);
    item(p, "07", "Nơi thường trú / tạm trú", NULL);
    item(p, "08", "Dân tộc", m.ethnicity);
    item(p, "09", "Tôn giáo", m.religion);
    item(p, "10", "Thành phần gia đình", NULL);
    item(p, "11", "Nghề nghiệp", NULL);
    vn_date(h.admit != DATE_NONE ? h.admit : m.ceremony_date, d1);
    org_name_on(st, h.admit_org, h.admit, on1, sizeof(on1));
    snprintf(buf1, sizeof(buf1), "%s%s%s", d1, on1[0] ? ", tại " : "", on1);
    item(p, "12", "Ngày vào Đảng", buf1);
    blank_lines(p, 0);
    item(p, "", "Người giới thiệu thứ nhất (chức vụ, đơn vị)", NULL);
    item(p, "", "Người giới thiệu thứ hai (chức vụ, đơn vị)", NULL);
    vn_date(h.admit_decision != DATE_NONE ? h.admit_decision : m.admission_decision_date, d2);
    item(p, "", "Ngày quyết định kết nạp", d2);
    vn_date(h.official != DATE_NONE ? h.official : m.official_date, d3);
    org_name_on(st, h.official_org, h.official, on2, sizeof(on2));
    snprintf(buf1, sizeof(buf1), "%s%s%s", d3, d3[0] && on2[0] ? ", tại " : "", d3[0] ? on2 : "");
    item(p, "", "Ngày chính thức", buf1);
    item(p, "13", "Ngày tuyển dụng, cơ quan tuyển dụng", NULL);
    item(p, "14", "Ngày vào Đoàn TNCS Hồ Chí Minh", NULL);
    item(p, "15", "Ngày tham gia các tổ chức chính trị - xã hội khác", NULL);
    item(p, "16", "Ngày nhập ngũ, ngày xuất ngũ", NULL);
    snprintf(buf1, sizeof(buf1), "giáo dục phổ thông %s; chuyên môn %s; lý luận chính trị %s",
             m.education[0] ? m.education : "...",
             m.professional_level[0] ? m.professional_level : "...",
             m.theory != THEORY_NONE ? theory_level_label(m.theory) : "...");
    item(p, "17", "Trình độ", buf1);
    item(p, "", "Học vị, học hàm; ngoại ngữ; tin học", NULL);
    item(p, "18", "Tình trạng sức khỏe; thương binh, gia đình liệt sĩ, có công", NULL);
    item(p, "19", "Số căn cước", m.national_id);
    vn_date(h.exempt_open ? h.exempt_from : DATE_NONE, d1);
    item(p, "20", "Miễn công tác và sinh hoạt đảng (ngày)", d1);

    pdf_need(p, 35);
    pdf_markup(p, "<b>21.</b> Quá trình hoạt động và công tác", &(struct pdf_font){.size = 12.5});
    pdf_skip(p, 1);
    static const struct pdf_table_col work[] = {
        {"Từ tháng năm\nđến tháng năm", 35, PDF_CENTER},
        {"Làm việc gì, chức vụ gì, ở đâu (chính quyền, Đảng, đoàn thể)", 130, PDF_LEFT}};
    empty_table(p, work, 2, 6);
    pdf_need(p, 35);
    pdf_markup(p, "<b>22.</b> Đào tạo, bồi dưỡng", &(struct pdf_font){.size = 12.5});
    pdf_skip(p, 1);
    static const struct pdf_table_col study[] = {{"Tên trường", 45, PDF_LEFT},
                                                 {"Ngành học hoặc tên lớp học", 45, PDF_LEFT},
                                                 {"Từ tháng năm\nđến tháng năm", 30, PDF_CENTER},
                                                 {"Hình thức học", 22, PDF_CENTER},
                                                 {"Văn bằng, chứng chỉ", 23, PDF_CENTER}};
    empty_table(p, study, 5, 4);
    item(p, "23", "Khen thưởng", NULL);
    item(p, "24", "Huy hiệu Đảng (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 năm)", NULL);
    item(p, "25", "Danh hiệu được phong tặng", NULL);
    item(p, "26", "Kỷ luật", NULL);
    item(p, "27", "Đặc điểm lịch sử", NULL);
    blank_lines(p, 2);
    item(p, "28", "Quan hệ với nước ngoài", NULL);
    pdf_need(p, 35);
    pdf_markup(p, "<b>29.</b> Quan hệ gia đình", &(struct pdf_font){.size = 12.5});
    pdf_skip(p, 1);
    static const struct pdf_table_col family[] = {
        {"Quan hệ", 25, PDF_LEFT},
        {"Họ và tên", 45, PDF_LEFT},
        {"Năm sinh", 18, PDF_CENTER},
        {"Quê quán, nơi ở, nghề nghiệp, chức vụ, đơn vị công tác", 77, PDF_LEFT}};
    empty_table(p, family, 4, 6);
    item(p, "30", "Hoàn cảnh kinh tế của bản thân và gia đình", NULL);
    blank_lines(p, 2);

    /* the signatures: the member on the left, the chi ủy on the right */
    pdf_skip(p, 4);
    pdf_need(p, 45);
    char dw[64];
    date_words(today, dw, sizeof(dw));
    pdf_text(p, dw, &(struct pdf_font){.size = 12.5, .italic = true, .align = PDF_RIGHT});
    pdf_skip(p, 1);
    struct pdf_font bold = {.size = 13, .bold = true, .align = PDF_CENTER};
    pdf_text_at(p, 0, w * 0.5, "NGƯỜI KHAI\n(Ký, ghi rõ họ tên)", &bold);
    pdf_text_at(p, w * 0.5, w * 0.5, "XÁC NHẬN CỦA CHI ỦY\n(Ký, ghi rõ họ tên)", &bold);
    return pdf_finish(p, out, e);
}

/* ---- the Sổ danh sách đảng viên ---- */

struct roll {
    int64_t *ids;
    size_t n, cap;
};

static void take_row(void *ctx, const struct member_row *r)
{
    struct roll *roll = ctx;
    ALLOC_GROW(roll->ids, roll->n + 1, roll->cap);
    roll->ids[roll->n++] = r->id;
}

enum tcxd_err print_so_danh_sach(struct store *st, int64_t org_id, tcxd_date as_of, struct buf *out,
                                 struct tcxd_error *e)
{
    struct org_info org;
    enum tcxd_err rc;
    if ((rc = store_org_get(st, org_id, as_of, &org, e)))
        return rc;
    if (!org_holds_members(org.tier, org.form))
        return tcxd_fail(e, TCXD_EINVAL, "org",
                         "'%s' is not a chi bộ: the Sổ danh sách đảng viên is a chi bộ's",
                         org.code);
    struct path path;
    if ((rc = org_path(st, org_id, as_of, &path, e)))
        return rc;
    struct org_tree tree;
    if ((rc = store_tree_load(st, as_of, &tree, e)))
        return rc;
    struct member_query q;
    member_query_init(&q);
    q.org_id = org_id;
    q.as_of = as_of;
    q.limit = 1000000;
    struct roll roll = {0};
    int64_t total = 0;
    rc = store_member_list(st, &tree, &q, take_row, &roll, &total, e);
    org_tree_release(&tree);
    if (rc) {
        free(roll.ids);
        return rc;
    }

    struct pdf *p = pdf_new(
        &(struct pdf_page){.landscape = true, .top = 20, .right = 15, .bottom = 15, .left = 25});
    char dw[64], place[256], d[DATE_ISO_LEN];
    date_words(as_of, dw, sizeof(dw));
    place_name(&path, place, sizeof(place));
    snprintf(place + strlen(place), sizeof(place) - strlen(place), "%s%s", place[0] ? ", " : "",
             dw);
    char *up = upper(path.n > 1 ? path.o[1].name : ""), *me = upper(org.name);
    struct pdf_party_header hh = {.upper = up, .issuer = me, .place_date = place};
    pdf_party_header(p, &hh);
    g_free(up);
    g_free(me);
    pdf_text(p, "SỔ DANH SÁCH ĐẢNG VIÊN",
             &(struct pdf_font){.size = 15, .bold = true, .align = PDF_CENTER});
    date_format_vn(as_of, d);
    struct buf sub = BUF_INIT;
    buf_addf(&sub, "%s (có đến ngày %s: %lld đảng viên)", org.name, d, (long long)total);
    pdf_text(p, sub.ptr, &(struct pdf_font){.size = 12, .italic = true, .align = PDF_CENTER});
    buf_release(&sub);
    pdf_skip(p, 3);
    static const struct pdf_table_col cols[14] = {
        {"STT", 9, PDF_CENTER},
        {"Họ và tên", 32, PDF_LEFT},
        {"Nam, nữ; dân tộc; tôn giáo", 20, PDF_LEFT},
        {"Quê quán", 28, PDF_LEFT},
        {"Văn hóa; lý luận; chuyên môn; ngoại ngữ", 25, PDF_LEFT},
        {"Nghề nghiệp trước khi vào Đảng; hiện nay", 18, PDF_LEFT},
        {"Ngày vào Đảng; ngày chính thức", 22, PDF_CENTER},
        {"Số thẻ; số lý lịch", 20, PDF_CENTER},
        {"Bộ đội, công an, hưu trí", 12, PDF_CENTER},
        {"Ngày chuyển đi (đến đảng bộ nào)", 20, PDF_LEFT},
        {"Ngày chuyển đến (từ đảng bộ nào)", 20, PDF_LEFT},
        {"Ngày từ trần, lý do", 12, PDF_CENTER},
        {"Ngày ra khỏi Đảng, hình thức", 13, PDF_CENTER},
        {"Ghi chú", 11, PDF_LEFT},
    };
    struct pdf_table t;
    pdf_table_begin(p, &t, cols, 14, 9, true);
    for (size_t i = 0; i < roll.n && !rc; i++) {
        struct member_info m;
        if ((rc = store_member_get(st, roll.ids[i], &m, e)))
            break;
        struct history h;
        history_init(&h, st, org_id, as_of);
        if ((rc = store_member_events(st, roll.ids[i], take_event, &h, NULL, e)))
            break;
        char c[14][1400];
        memset(c, 0, sizeof(c));
        snprintf(c[0], sizeof(c[0]), "%zu", i + 1);
        snprintf(c[1], sizeof(c[1]), "%s", m.full_name);
        snprintf(c[2], sizeof(c[2]), "%s; %s; %s", gender_label(m.gender), m.ethnicity, m.religion);
        snprintf(c[3], sizeof(c[3]), "%s", m.hometown);
        const char *parts[3] = {m.education,
                                m.theory != THEORY_NONE ? theory_level_label(m.theory) : "",
                                m.professional_level};
        for (int k = 0; k < 3; k++)
            if (parts[k][0])
                snprintf(c[4] + strlen(c[4]), sizeof(c[4]) - strlen(c[4]), "%s%s",
                         c[4][0] ? "; " : "", parts[k]);
        char a[DATE_ISO_LEN], o[DATE_ISO_LEN];
        vn_date(h.admit != DATE_NONE ? h.admit : m.ceremony_date, a);
        vn_date(h.official != DATE_NONE ? h.official : m.official_date, o);
        snprintf(c[6], sizeof(c[6]), "%s\n%s", a, o);
        snprintf(c[7], sizeof(c[7]), "%s", m.party_card_no);
        char on[1024];
        if (h.left_on != DATE_NONE) {
            vn_date(h.left_on, a);
            org_name_on(st, h.left_to, h.left_on, on, sizeof(on));
            snprintf(c[9], sizeof(c[9]), "%s\n%s", a, on);
        }
        if (h.arrived_on != DATE_NONE) {
            vn_date(h.arrived_on, a);
            org_name_on(st, h.arrive_from, h.arrived_on, on, sizeof(on));
            snprintf(c[10], sizeof(c[10]), "%s\n%s", a, on);
        }
        if (m.exempt)
            snprintf(c[13], sizeof(c[13]), "miễn công tác và sinh hoạt đảng");
        const char *cells[14];
        for (int k = 0; k < 14; k++)
            cells[k] = c[k];
        pdf_table_row(&t, cells);
    }
    free(roll.ids);
    if (rc) {
        pdf_free(p);
        return rc;
    }
    pdf_skip(p, 4);
    struct pdf_signature sig = {.on_behalf = "T/M CHI ỦY", .post = "BÍ THƯ", .name = NULL};
    pdf_signature(p, &sig);
    return pdf_finish(p, out, e);
}
