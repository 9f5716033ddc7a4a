/*
 * test_forms.c - the statistics forms against counts computed here, independently.
 *
 * A small city is built through the store API: two districts, base organizations of several
 * types, and in 2021 a base organization moved between the districts (DN: Q2 -> Q1), two merges
 * (CB2 into CB1 inside Q1; CB3 of Q2 into CB1 of Q1), a new base organization, and 21
 * members with admissions, a re-admission, official recognitions, an own official transfer, a
 * temporary transfer, an exemption, exits of every kind and two corrections (an event cancelled,
 * an exit's date corrected across the periods' edge), and (session 3) the Phiếu's coded fields
 * (occupation, work status, youth union, business owner, foreign marriage, academic title, coded
 * education levels), a restoration, a suspension, a badge, cards, commendations, and transfer
 * scopes recorded with a chuyển đi and an own transfer; (session 4) a base organization of each
 * type form 5 counts (thị trấn, công an with a đảng bộ bộ phận, quân đội, sự nghiệp, non-state
 * company, other) and the 2021 review of some members and collectives (form 6). The test keeps
 * its own model of the same story: where each member is registered over time (written out by
 * hand, merges included), what each organization is and which district it belongs to on each
 * day. The oracle walks every day of the periods and classifies each change of "in the list of
 * this subtree" by the model's event of that day - a different method from the evaluator's replay
 * of dated events. Every cell of forms 1, 2, 2B, 3, 3B, 5, 6 and 7 is checked against it (or
 * against figures derived by hand from the story, written next to them), for both columns of
 * "Kỳ này | Cùng kỳ năm trước" where the form has them, and the % column from the counts it
 * expected; each result of those forms ends with every_cell(), which fails on any cell no
 * comparison touched. Then the checks, the period-flow sentence (4.688 and 5.030 admissions),
 * and the renderings (CSV, JSON, the XLSX read back: merged header cells, numbering row, footer).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "io/table.h"
#include "report/facts.h"
#include "report/forms.h"
#include "store/store.h"
#include "store/store_commend.h"
#include "store/store_review.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const struct store_actor actor = {"test", "local"};

static tcxd_date D(int y, int m, int d)
{
    return date_from_ymd(y, m, d);
}

static void must(enum tcxd_err rc, const struct tcxd_error *e)
{
    if (rc)
        fail_msg("unexpected error %s: %s", tcxd_err_name(rc), e->msg);
}

static char dir[256], dbpath[300];
static struct store *st;

/* TT .. KH (Q2, unchanged through the periods): one base organization of each type the story
   had not, for every row of form 5; CA a đảng bộ cơ sở with a đảng bộ bộ phận (BP) over a chi
   bộ (CB5) */
enum { TP, Q1, Q2, P1, CB1, CB2, X1, X2, CQ, CB3, CB4, DN, TT, CA, BP, CB5, QD, SN, NN, KH, NORG };
static int64_t org[NORG];
static const char *const org_code[NORG] = {
    "TP",       "TP.Q1",    "TP.Q2",       "TP.Q1.P1",        "TP.Q1.P1.CB1", "TP.Q1.P1.CB2",
    "TP.Q1.X1", "TP.Q1.X2", "TP.Q2.CQ",    "TP.Q2.CQ.CB3",    "TP.Q2.CQ.CB4", "TP.Q2.DN",
    "TP.Q2.TT", "TP.Q2.CA", "TP.Q2.CA.BP", "TP.Q2.CA.BP.CB5", "TP.Q2.QD",     "TP.Q2.SN",
    "TP.Q2.NN", "TP.Q2.KH"};
/* what each organization is, as the story builds it */
static const struct {
    enum org_tier tier;
    enum org_form form;
    enum org_base_type type;
} OM[NORG] = {
    [TP] = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0},
    [Q1] = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0},
    [Q2] = {ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0},
    [P1] = {ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG},
    [CB1] = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0},
    [CB2] = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0},
    [X1] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA},
    [X2] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA},
    [CQ] = {ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CO_QUAN_HANH_CHINH},
    [CB3] = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0},
    [CB4] = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0},
    [DN] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DNNN},
    [TT] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_THI_TRAN},
    [CA] = {ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CONG_AN},
    [BP] = {ORG_TIER_BELOW_BASE, ORG_FORM_DANG_BO, 0},
    [CB5] = {ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0},
    [QD] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_QUAN_DOI},
    [SN] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DON_VI_SU_NGHIEP},
    [NN] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DN_NGOAI_NHA_NUOC},
    [KH] = {ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_KHAC},
};

#define DN_MOVED  D(2021, 5, 1)
#define CB2_MERGE D(2021, 8, 1)
#define CB3_MERGE D(2021, 9, 1)
#define X2_BORN   D(2021, 10, 1)
#define OPEN      DATE_OPEN_END

/* ---- the model ---------------------------------------------------------------------------- */

/* The district of an organization on a day, as the story says (-1: none / not alive). */
static int district_of(int o, tcxd_date d)
{
    switch (o) {
    case P1:
    case CB1:
    case X1:
        return Q1;
    case CB2:
        return d < CB2_MERGE ? Q1 : -1;
    case X2:
        return d >= X2_BORN ? Q1 : -1;
    case CQ:
    case CB4:
    case TT:
    case CA:
    case BP:
    case CB5:
    case QD:
    case SN:
    case NN:
    case KH:
        return Q2;
    case CB3:
        return d < CB3_MERGE ? Q2 : -1;
    case DN:
        return d < DN_MOVED ? Q2 : Q1;
    default:
        return -1;
    }
}

static int base_of(int o)
{
    switch (o) {
    case CB1:
    case CB2:
        return P1;
    case CB3:
    case CB4:
        return CQ;
    case BP:
    case CB5:
        return CA;
    default:
        return o;
    }
}

enum xk { XK_NONE, XK_DEATH, XK_EXPEL, XK_STRIKE, XK_RESIGN, XK_OUT };

struct stay {
    tcxd_date from, to;
    int org;
};

struct mm {
    const char *name;
    bool female;
    tcxd_date birth;
    const char *eth, *rel, *edu, *prof;
    const char *theory;
    int school;           /* expected enum form_school of edu, by hand */
    int profl;            /* expected enum form_prof of prof, by hand */
    int theory_row;       /* 0 none, 1 sơ cấp, 2 trung cấp, 3 cao cấp/cử nhân */
    tcxd_date dec, cer;   /* first admission */
    tcxd_date rdec, rcer; /* re-admission, or DATE_NONE */
    tcxd_date official;   /* DATE_NONE: never recognized in the story */
    struct stay s[4];     /* registrations, by hand (merges included) */
    tcxd_date exit;
    enum xk xk;
    tcxd_date own_transfer; /* the member's own official transfer, or DATE_NONE */
    int own_to;
    tcxd_date temp; /* a temporary transfer to temp_to */
    int temp_to;
    tcxd_date exempt;
    int64_t id;
    /* session 3: the Phiếu's coded fields (0 = chưa cập nhật), a restoration, a suspension,
       the scope recorded with the chuyển đi / own transfer */
    int occ, occ_before, work, gen_edu, degree, title, youth, owner, foreign;
    tcxd_date restore, suspend;
    int scope;
};

/* badges, cards and commendations of the story: (member, kind, day, form) */
struct oev {
    int m;
    enum facts_flow_kind kind;
    tcxd_date d;
    int form;
};
static struct oev OEV[8];
static size_t NOEV;

#define N DATE_NONE
/* the session-3 fields at the end of struct mm are set in story_dates() */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static struct mm M[] = {
    {"Nguyễn Văn Một",
     false,
     0,
     "Kinh",
     "Không",
     "10/10",
     "Đại học",
     "cao_cap",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     3,
     0,
     0,
     N,
     N,
     0,
     {{0, OPEN, CB1}},
     N,
     XK_NONE,
     N,
     0,
     N,
     0,
     0,
     0},
    {"Lò Thị Hai",
     true,
     0,
     "Tày",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     N,
     {{0, OPEN, X1}},
     N,
     XK_NONE,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Trần Thị Ba",
     true,
     0,
     "Kinh",
     "Công giáo",
     "9/12",
     "Trung cấp",
     "so_cap",
     SCHOOL_LOWER,
     PROF_SECONDARY,
     1,
     0,
     0,
     N,
     N,
     0,
     {{0, 0, CB3}, {0, OPEN, CB1}},
     N,
     XK_NONE,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Đinh Văn Bốn", false, 0, "Mường", "Không", "12/12", "Thạc sĩ", "trung_cap",     SCHOOL_UPPER,
     PROF_MASTER,    2,     0, 0,       N,       N,       0,         {{0, OPEN, DN}}, N,
     XK_NONE,        N,     0, N,       0,       N,       0},
    {"Lê Văn Năm",
     false,
     0,
     "Kinh",
     "Phật giáo",
     "12/12",
     "Cao đẳng",
     "so_cap",
     SCHOOL_UPPER,
     PROF_COLLEGE,
     1,
     0,
     0,
     0,
     0,
     0,
     {{0, 0, CB2}, {0, 0, CB2}, {0, OPEN, CB1}},
     0,
     XK_STRIKE,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Phạm Văn Sáu",
     false,
     0,
     "Kinh",
     "Không",
     "7/10",
     "",
     "",
     SCHOOL_LOWER,
     PROF_NONE,
     0,
     0,
     0,
     N,
     N,
     0,
     {{0, 0, CB1}},
     0,
     XK_DEATH,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Vũ Thị Bảy", true, 0, "Kinh", "Không", "12/12", "Cao đẳng", "",           SCHOOL_UPPER,
     PROF_COLLEGE, 0,    0, 0,      N,       N,       N,          {{0, 0, X1}}, 0,
     XK_STRIKE,    N,    0, N,      0,       N,       0},
    {"Hoàng Văn Tám",
     false,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Tiến sĩ",
     "cu_nhan",
     SCHOOL_UPPER,
     PROF_DOCTOR,
     3,
     0,
     0,
     N,
     N,
     0,
     {{0, 0, CB1}, {0, 0, CB3}, {0, OPEN, CB1}},
     N,
     XK_NONE,
     0,
     CB3,
     N,
     0,
     N,
     0},
    {"Bùi Văn Chín",  false, 0, "Kinh", "Không", "12/12", "Sơ cấp", "",           SCHOOL_UPPER,
     PROF_ELEMENTARY, 0,     0, 0,      N,       N,       0,        {{0, 0, X1}}, 0,
     XK_OUT,          N,     0, N,      0,       N,       0},
    {"Đỗ Thị Mười",
     true,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     0,
     {{0, 0, CB1}},
     0,
     XK_RESIGN,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Ngô Văn Mười Một",
     false,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     0,
     {{0, 0, CB1}},
     0,
     XK_EXPEL,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Dương Văn Mười Hai",
     false,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     0,
     {{0, OPEN, X1}},
     N,
     XK_NONE,
     N,
     0,
     0,
     CB4,
     N,
     0},
    {"Mai Văn Mười Ba",
     false,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     0,
     {{0, 0, CB1}},
     0,
     XK_DEATH,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Hà Thị Mười Bốn",
     true,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     N,
     {{0, OPEN, CB4}},
     N,
     XK_NONE,
     N,
     0,
     N,
     0,
     N,
     0},
    {"Lý Văn Mười Lăm",
     false,
     0,
     "Kinh",
     "Không",
     "12/12",
     "Đại học",
     "",
     SCHOOL_UPPER,
     PROF_BACHELOR,
     0,
     0,
     0,
     N,
     N,
     N,
     {{0, OPEN, X2}},
     N,
     XK_NONE,
     N,
     0,
     N,
     0,
     N,
     0},
    /* m16 - m20: one in each base organization of Q2's other types, unchanged in the periods;
       m21 admitted in DN on 12/02/2021, before DN moved to Q1 */
    {.name = "Thạch Thị Mười Sáu",
     .female = true,
     .eth = "Khmer",
     .rel = "Phật giáo",
     .edu = "12/12",
     .prof = "Đại học",
     .theory = "",
     .school = SCHOOL_UPPER,
     .profl = PROF_BACHELOR,
     .rdec = N,
     .rcer = N,
     .s = {{0, OPEN, TT}},
     .exit = N,
     .own_transfer = N,
     .temp = N,
     .exempt = N},
    {.name = "Trịnh Văn Mười Bảy",
     .eth = "Kinh",
     .rel = "Không",
     .edu = "12/12",
     .prof = "Đại học",
     .theory = "trung_cap",
     .school = SCHOOL_UPPER,
     .profl = PROF_BACHELOR,
     .theory_row = 2,
     .rdec = N,
     .rcer = N,
     .s = {{0, OPEN, CB5}},
     .exit = N,
     .own_transfer = N,
     .temp = N,
     .exempt = N},
    {.name = "Cao Văn Mười Tám",
     .eth = "Nùng",
     .rel = "Không",
     .edu = "12/12",
     .prof = "Trung cấp",
     .theory = "",
     .school = SCHOOL_UPPER,
     .profl = PROF_SECONDARY,
     .rdec = N,
     .rcer = N,
     .s = {{0, OPEN, QD}},
     .exit = N,
     .own_transfer = N,
     .temp = N,
     .exempt = N},
    {.name = "Đoàn Thị Mười Chín",
     .female = true,
     .eth = "Kinh",
     .rel = "Công giáo",
     .edu = "12/12",
     .prof = "Tiến sĩ",
     .theory = "cao_cap",
     .school = SCHOOL_UPPER,
     .profl = PROF_DOCTOR,
     .theory_row = 3,
     .rdec = N,
     .rcer = N,
     .s = {{0, OPEN, SN}},
     .exit = N,
     .own_transfer = N,
     .temp = N,
     .exempt = N},
    {.name = "Tạ Văn Hai Mươi",
     .eth = "Kinh",
     .rel = "Không",
     .edu = "7/10",
     .prof = "",
     .theory = "so_cap",
     .school = SCHOOL_LOWER,
     .profl = PROF_UNKNOWN,
     .theory_row = 1,
     .rdec = N,
     .rcer = N,
     .s = {{0, OPEN, NN}},
     .exit = N,
     .own_transfer = N,
     .temp = N,
     .exempt = N},
    {.name = "Lâm Văn Hai Mốt",
     .eth = "Kinh",
     .rel = "Không",
     .edu = "12/12",
     .prof = "Đại học",
     .theory = "",
     .school = SCHOOL_UPPER,
     .profl = PROF_BACHELOR,
     .rdec = N,
     .rcer = N,
     .s = {{0, OPEN, DN}},
     .exit = N,
     .own_transfer = N,
     .temp = N,
     .exempt = N},
};
#pragma GCC diagnostic pop
#undef N
#define NM (sizeof(M) / sizeof(M[0]))

/* The dates of the story (kept apart from the table above for legibility). */
static void story_dates(void)
{
    struct {
        int y, m, d;
    } birth[NM] = {{1950, 5, 5}, {1995, 7, 7}, {1990, 1, 15}, {1980, 2, 2}, {1965, 3, 3},
                   {1960, 1, 1}, {1998, 8, 8}, {1970, 4, 4},  {1965, 5, 5}, {1968, 6, 6},
                   {1972, 7, 7}, {1974, 8, 8}, {1966, 9, 9},  {2000, 1, 1}, {2001, 2, 2},
                   {1985, 4, 4}, {1992, 6, 6}, {1978, 3, 3},  {1988, 9, 9}, {1950, 2, 2},
                   {1996, 6, 6}};
    /* m5 (1990) is 31 years a member by the calendar on 30/09/2021 but 29 less its time out of
       the party; m9 (1990) 30 */
    tcxd_date dec[NM] = {D(2010, 3, 1),  D(2021, 3, 10),  D(2020, 4, 1),   D(2015, 6, 1),
                         D(1990, 3, 1),  D(2014, 5, 1),   D(2020, 10, 1),  D(2005, 1, 5),
                         D(1990, 2, 2),  D(2003, 3, 3),   D(2006, 6, 6),   D(2008, 8, 8),
                         D(2009, 9, 9),  D(2021, 11, 20), D(2021, 10, 10), D(2010, 5, 5),
                         D(2016, 6, 16), D(2002, 2, 20),  D(2013, 3, 13),  D(1974, 4, 14),
                         D(2021, 2, 10)};
    for (size_t i = 0; i < NM; i++) {
        M[i].birth = D(birth[i].y, birth[i].m, birth[i].d);
        M[i].dec = dec[i];
        M[i].cer = dec[i] + 2;
        if (M[i].official == 0)
            M[i].official = member_official_date(M[i].cer);
        M[i].s[0].from = M[i].cer;
    }
    /* m3: CB3 until the merge, then CB1 */
    M[2].s[0].to = CB3_MERGE;
    M[2].s[1].from = CB3_MERGE;
    /* m5: CB2, struck off 01/06/2019, re-admitted 15/06/2021 in CB2, moved by the merge */
    M[4].s[0].to = D(2019, 6, 1);
    M[4].exit = D(2019, 6, 1);
    M[4].rdec = D(2021, 6, 10);
    M[4].rcer = D(2021, 6, 15);
    M[4].s[1] = (struct stay){M[4].rcer, CB2_MERGE, CB2};
    M[4].s[2] = (struct stay){CB2_MERGE, OPEN, CB1};
    /* m6 dies 01/02/2021; m7 (probationary) struck off 01/04/2021 */
    M[5].exit = M[5].s[0].to = D(2021, 2, 1);
    M[6].exit = M[6].s[0].to = D(2021, 4, 1);
    /* m8: own transfer to CB3 on 01/07/2021, back to CB1 with the merge */
    M[7].own_transfer = D(2021, 7, 1);
    M[7].s[0].to = D(2021, 7, 1);
    M[7].s[1] = (struct stay){D(2021, 7, 1), CB3_MERGE, CB3};
    M[7].s[2] = (struct stay){CB3_MERGE, OPEN, CB1};
    M[8].exit = M[8].s[0].to = D(2021, 11, 1);
    M[9].exit = M[9].s[0].to = D(2021, 5, 5);
    M[10].exit = M[10].s[0].to = D(2021, 6, 6);
    M[11].temp = D(2021, 3, 1);
    M[12].exit = M[12].s[0].to = D(2020, 5, 5);
    M[0].exempt = D(2021, 2, 1);

    /* m1 admitted in 1975 (a 45-year badge in 2021) */
    M[0].dec = D(1975, 3, 1);
    M[0].cer = M[0].s[0].from = D(1975, 3, 3);
    M[0].official = member_official_date(M[0].cer);
    /* the Phiếu's coded fields, by hand; the coded level wins over the text's (m6: "7/10" is
       THCS, coded THPT; m2: "Đại học", coded thạc sỹ); m14 has no education entered; an empty
       professional level is "chưa cập nhật" */
    M[0].occ = 1, M[0].work = 2, M[0].title = 1;
    M[1].occ = 5, M[1].occ_before = 12, M[1].youth = 2, M[1].degree = 6;
    M[1].profl = PROF_MASTER;
    M[2].occ = 8, M[2].owner = 1;
    M[3].occ = 7, M[3].owner = 2, M[3].title = 2;
    M[4].occ = 10, M[4].youth = 1;
    M[5].gen_edu = 4;
    M[5].school = SCHOOL_UPPER;
    M[5].profl = PROF_UNKNOWN;
    M[7].occ = 11, M[7].title = 3, M[7].work = 1;
    M[11].occ = 14, M[11].foreign = 2, M[11].work = 1;
    M[13].occ = 13, M[13].youth = 1;
    M[13].edu = "";
    M[13].school = SCHOOL_NONE;
    M[14].occ = 9, M[14].youth = 2, M[14].foreign = 1;
    M[15].occ = 3, M[15].youth = 1, M[15].owner = 1, M[15].foreign = 1, M[15].title = 1;
    M[16].occ = 11, M[16].work = 1, M[16].gen_edu = 3;
    M[16].school = SCHOOL_LOWER;
    M[17].occ = 11, M[17].youth = 2;
    /* tiến sỹ khoa học: counted with tiến sỹ in the current set, a row of its own in 2012 */
    M[18].occ = 5, M[18].title = 2, M[18].degree = 8;
    M[18].profl = PROF_DOCTOR_SCI;
    M[19].occ = 10, M[19].work = 2, M[19].owner = 2;
    /* m10 (xin ra 05/05/2021) restored in CB1 on 15/09/2021 */
    M[9].restore = D(2021, 9, 15);
    M[9].s[1] = (struct stay){M[9].restore, OPEN, CB1};
    /* m12 suspended from 01/06/2021 */
    M[11].suspend = D(2021, 6, 1);
    /* m9's chuyển đi goes to another district of the province (recorded scope), m8's own
       transfer is recorded as to another district too */
    M[8].scope = SCOPE_OTHER_DISTRICT;
    M[7].scope = SCOPE_OTHER_DISTRICT;
    /* badges, cards, commendations */
    NOEV = 0;
    OEV[NOEV++] = (struct oev){0, FLOW_BADGE, D(2021, 9, 2), 45};
    OEV[NOEV++] = (struct oev){3, FLOW_CARD, D(2021, 3, 15), CARD_EXCHANGED};
    OEV[NOEV++] = (struct oev){8, FLOW_CARD, D(2020, 6, 1), CARD_REISSUED_LOST};
    OEV[NOEV++] = (struct oev){2, FLOW_CARD, D(2021, 6, 1), CARD_ISSUED};
    OEV[NOEV++] = (struct oev){2, FLOW_COMMEND, D(2021, 5, 19), COMMEND_GIAY_KHEN};
    OEV[NOEV++] = (struct oev){7, FLOW_COMMEND, D(2021, 2, 3), COMMEND_BANG_KHEN};
    OEV[NOEV++] = (struct oev){0, FLOW_COMMEND, D(2021, 3, 3), COMMEND_CO};
}

static const struct stay *stay_on(const struct mm *m, tcxd_date d)
{
    for (int i = 0; i < 4 && m->s[i].to; i++)
        if (m->s[i].from <= d && d < m->s[i].to)
            return &m->s[i];
    return NULL;
}

static bool in_sub(int root, int o, tcxd_date d)
{
    if (root == TP)
        return district_of(o, d) >= 0;
    if (root == Q1 || root == Q2)
        return district_of(o, d) == root;
    return base_of(o) == root && district_of(o, d) >= 0;
}

static bool listed(const struct mm *m, int root, tcxd_date d)
{
    const struct stay *s = stay_on(m, d);
    return s && in_sub(root, s->org, d);
}

static bool probationary_on(const struct mm *m, tcxd_date d)
{
    if (m->rcer != DATE_NONE && d >= m->rcer)
        return true; /* re-admitted in 2021: probationary through the periods tested */
    return m->official == DATE_NONE || d < m->official;
}

/* The oracle's flows: one per day on which "listed" changes, classified by the story. */
struct oflow {
    enum facts_flow_kind kind;
    int m;
    tcxd_date d;
    bool prob, own;
};

static size_t oracle_flows(int root, tcxd_date from, tcxd_date to, struct oflow *out)
{
    size_t n = 0;
    for (size_t i = 0; i < NM; i++) {
        const struct mm *m = &M[i];
        bool prev = listed(m, root, from - 1);
        for (tcxd_date d = from; d <= to; d++) {
            bool cur = listed(m, root, d);
            if (cur != prev) {
                struct oflow f = {0, (int)i, d, false, false};
                if (cur) {
                    f.prob = probationary_on(m, d);
                    if (d == m->cer)
                        f.kind = FLOW_ADMIT;
                    else if (d == m->rcer)
                        f.kind = FLOW_READMIT;
                    else if (d == m->restore)
                        f.kind = FLOW_RESTORE;
                    else {
                        f.kind = stay_on(m, d - 1) ? FLOW_IN_PROVINCE : FLOW_IN_OTHER;
                        f.own = d == m->own_transfer;
                    }
                } else {
                    f.prob = probationary_on(m, d - 1);
                    if (d == m->exit) {
                        static const enum facts_flow_kind k[] = {
                            0, FLOW_DEATH, FLOW_EXPEL, FLOW_STRIKE, FLOW_RESIGN, FLOW_OUT_OTHER};
                        f.kind = k[m->xk];
                        f.own = m->xk == XK_OUT;
                        /* a chuyển đi to another district of the province, as recorded */
                        if (m->xk == XK_OUT && m->scope == SCOPE_OTHER_DISTRICT)
                            f.kind = FLOW_OUT_PROVINCE;
                    } else {
                        f.kind = stay_on(m, d) ? FLOW_OUT_PROVINCE : FLOW_OUT_OTHER;
                        f.own = d == m->own_transfer;
                    }
                }
                out[n++] = f;
            }
            prev = cur;
        }
    }
    return n;
}

/* The base organizations with an admission (its ceremony) in [from, to], wherever they stood. */
static void admitted_bases(tcxd_date from, tcxd_date to, bool out[NORG])
{
    memset(out, 0, NORG * sizeof(*out));
    for (size_t i = 0; i < NM; i++) {
        const struct mm *m = &M[i];
        tcxd_date days[2] = {m->cer, m->rcer};
        for (int k = 0; k < 2; k++)
            if (days[k] != DATE_NONE && days[k] >= from && days[k] <= to)
                out[base_of(stay_on(m, days[k])->org)] = true;
    }
}

static int age_on(tcxd_date birth, tcxd_date d)
{
    struct ymd b = date_to_ymd(birth), x = date_to_ymd(d);
    int a = x.y - b.y;
    if (x.m < b.m || (x.m == b.m && x.d < b.d))
        a--;
    return a;
}

static const size_t REV_M[] = {1, 3, 7, 16};
static const int REV_O[] = {CB1, X1, CQ, BP};
#define NREV_M (sizeof(REV_M) / sizeof(REV_M[0]))
#define NREV_O (sizeof(REV_O) / sizeof(REV_O[0]))

/* ---- building the city through the store --------------------------------------------------- */

static int64_t mk(int i, const char *name, enum org_tier t, enum org_form f, enum org_base_type bt,
                  int parent, tcxd_date when)
{
    struct org_create_req r = {org_code[i], name,  t, f, bt, parent < 0 ? 0 : org[parent],
                               when,        "1-QĐ"};
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(store_org_create(st, &actor, &r, &org[i], &e), &e);
    return org[i];
}

static void ev(int64_t id, enum member_event_kind k, tcxd_date date, int64_t to, int form,
               tcxd_date until, tcxd_date decision)
{
    struct member_event x = {.kind = k,
                             .date = date,
                             .decision_date = decision,
                             .org_id = to,
                             .form = form,
                             .until = until};
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(store_member_event(st, &actor, id, &x, "QĐ", "", &e), &e);
}

static const struct mm *admitting; /* the coded fields to enter with the admission */

static int64_t admit(const char *name, bool female, tcxd_date birth, const char *eth,
                     const char *rel, const char *edu, const char *prof, const char *theory,
                     int64_t org_id, tcxd_date dec, tcxd_date cer)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    char b[DATE_ISO_LEN];
    date_format_iso(birth, b);
    struct member_strings s = {.full_name = name,
                               .gender = female ? "nữ" : "nam",
                               .birth_date = b,
                               .ethnicity = eth,
                               .religion = rel,
                               .education = edu,
                               .professional_level = prof,
                               .theory_level = theory};
    struct member_fields f;
    member_fields_init(&f);
    must(member_fields_parse(&s, &f, &e), &e);
    if (admitting) {
        f.occupation = admitting->occ;
        f.occupation_before = admitting->occ_before;
        f.work_status = admitting->work;
        f.general_education = admitting->gen_edu;
        f.professional_degree = admitting->degree;
        f.academic_title = admitting->title;
        f.youth_union = admitting->youth;
        f.business_owner = admitting->owner;
        f.foreign_marriage = admitting->foreign;
    }
    struct member_admit_req r = {&f, org_id, dec, cer, "QĐ-KN", NULL};
    int64_t id = 0;
    must(store_member_admit(st, &actor, &r, &id, &e), &e);
    member_fields_release(&f);
    return id;
}

static void on_event_id(void *ctx, const struct member_event_info *ev)
{
    int64_t *want = ctx; /* [0]: kind in, [1]: id out */
    if ((int64_t)ev->ev.kind == want[0])
        want[1] = ev->id;
}

/* The id of the member's last event of a kind. */
static int64_t last_event_id(int64_t member, enum member_event_kind kind)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    int64_t want[2] = {kind, 0};
    must(store_member_events(st, member, on_event_id, want, NULL, &e), &e);
    assert_true(want[1] != 0);
    return want[1];
}

static void build_city(void)
{
    story_dates();
    struct tcxd_error e;
    tcxd_error_clear(&e);
    tcxd_date t0 = D(1970, 1, 1);
    mk(TP, "Đảng bộ thành phố Thử", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, -1, t0);
    mk(Q1, "Đảng bộ quận Một", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, TP, t0);
    mk(Q2, "Đảng bộ quận Hai", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, TP, t0);
    mk(P1, "Đảng bộ phường Một", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_PHUONG, Q1, t0);
    mk(CB1, "Chi bộ khu phố 1", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, P1, t0);
    mk(CB2, "Chi bộ khu phố 2", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, P1, t0);
    mk(X1, "Chi bộ xã Một", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA, Q1, t0);
    mk(CQ, "Đảng bộ cơ quan Hai", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CO_QUAN_HANH_CHINH, Q2,
       t0);
    mk(CB3, "Chi bộ phòng Ba", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, CQ, t0);
    mk(CB4, "Chi bộ phòng Bốn", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, CQ, t0);
    mk(DN, "Chi bộ Công ty Một", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DNNN, Q2, t0);
    mk(TT, "Chi bộ thị trấn Hai", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_THI_TRAN, Q2, t0);
    mk(CA, "Đảng bộ Công an quận Hai", ORG_TIER_BASE, ORG_FORM_DANG_BO, ORG_BASE_CONG_AN, Q2, t0);
    mk(BP, "Đảng bộ bộ phận Cảnh sát", ORG_TIER_BELOW_BASE, ORG_FORM_DANG_BO, 0, CA, t0);
    mk(CB5, "Chi bộ Đội Một", ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO, 0, BP, t0);
    mk(QD, "Chi bộ Ban Chỉ huy quân sự", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_QUAN_DOI, Q2, t0);
    mk(SN, "Chi bộ Trường Một", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DON_VI_SU_NGHIEP, Q2, t0);
    mk(NN, "Chi bộ Công ty Hai", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_DN_NGOAI_NHA_NUOC, Q2,
       t0);
    mk(KH, "Chi bộ Hội Một", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_KHAC, Q2, t0);

    /* members, in date order of what the store must accept */
    for (size_t i = 0; i < NM; i++) {
        struct mm *m = &M[i];
        if (m->s[0].org == X2)
            continue; /* X2 is created in 2021: admitted after it exists */
        admitting = m;
        m->id = admit(m->name, m->female, m->birth, m->eth, m->rel, m->edu, m->prof, m->theory,
                      org[m->s[0].org], m->dec, m->cer);
        tcxd_date stop = m->exit != DATE_NONE ? m->exit : D(2021, 12, 31);
        if (m->official != DATE_NONE && m->official < stop && m->official <= D(2021, 12, 31))
            ev(m->id, MEV_OFFICIAL, DATE_NONE, 0, 0, DATE_NONE, m->official + 3);
    }
    /* 2019: m5 struck off */
    ev(M[4].id, MEV_EXIT, M[4].exit, 0, EXIT_XOA_TEN, DATE_NONE, M[4].exit);
    /* 2020: m13 dies */
    ev(M[12].id, MEV_EXIT, M[12].exit, 0, EXIT_TU_TRAN, DATE_NONE, M[12].exit);
    /* 2021 */
    ev(M[0].id, MEV_EXEMPT, M[0].exempt, 0, 0, DATE_NONE, M[0].exempt);
    ev(M[5].id, MEV_EXIT, M[5].exit, 0, EXIT_TU_TRAN, DATE_NONE, M[5].exit);
    ev(M[11].id, MEV_TRANSFER, M[11].temp, org[CB4], TRANSFER_TEMPORARY, D(2022, 3, 1), M[11].temp);
    ev(M[6].id, MEV_EXIT, M[6].exit, 0, EXIT_XOA_TEN, DATE_NONE, M[6].exit);
    must(store_org_move(st, &actor, org[DN], org[Q1], DN_MOVED, "2-QĐ", &e), &e);
    /* corrections: m10's death entered by mistake on 03/03/2021 and cancelled before the real
       xin ra; m11's khai trừ first entered as 20/12/2020 and corrected to its true date. The
       model holds the corrected story only. */
    ev(M[9].id, MEV_EXIT, D(2021, 3, 3), 0, EXIT_TU_TRAN, DATE_NONE, D(2021, 3, 3));
    must(store_member_event_cancel(st, &actor, M[9].id, last_event_id(M[9].id, MEV_EXIT),
                                   "nhập nhầm", &e),
         &e);
    ev(M[9].id, MEV_EXIT, M[9].exit, 0, EXIT_XIN_RA, DATE_NONE, M[9].exit);
    ev(M[10].id, MEV_EXIT, D(2020, 12, 20), 0, EXIT_KHAI_TRU, DATE_NONE, D(2020, 12, 20));
    {
        struct member_event fix = {.kind = MEV_EXIT,
                                   .date = M[10].exit,
                                   .decision_date = M[10].exit,
                                   .form = EXIT_KHAI_TRU,
                                   .until = DATE_NONE};
        must(store_member_event_correct(st, &actor, M[10].id, last_event_id(M[10].id, MEV_EXIT),
                                        &fix, "QĐ", "", -1, NULL, "sai ngày quyết định", &e),
             &e);
    }
    must(store_member_readmit(st, &actor, M[4].id, org[CB2], M[4].rdec, M[4].rcer, "QĐ-KNL", &e),
         &e);
    {
        struct member_event x = {.kind = MEV_TRANSFER,
                                 .date = M[7].own_transfer,
                                 .decision_date = M[7].own_transfer,
                                 .org_id = org[CB3],
                                 .form = TRANSFER_OFFICIAL,
                                 .until = DATE_NONE};
        must(store_member_event_where(st, &actor, M[7].id, &x, "QĐ", "", M[7].scope, "", &e), &e);
    }
    must(store_org_merge(st, &actor, org[CB2], org[CB1], CB2_MERGE, "3-QĐ", &e), &e);
    must(store_org_merge(st, &actor, org[CB3], org[CB1], CB3_MERGE, "4-QĐ", &e), &e);
    struct org_create_req x2 = {org_code[X2], "Chi bộ xã Hai", ORG_TIER_BASE, ORG_FORM_CHI_BO,
                                ORG_BASE_XA,  org[Q1],         X2_BORN,       "5-QĐ"};
    must(store_org_create(st, &actor, &x2, &org[X2], &e), &e);
    admitting = &M[14];
    M[14].id = admit(M[14].name, M[14].female, M[14].birth, M[14].eth, M[14].rel, M[14].edu,
                     M[14].prof, M[14].theory, org[X2], M[14].dec, M[14].cer);
    {
        struct member_event x = {.kind = MEV_EXIT,
                                 .date = M[8].exit,
                                 .decision_date = M[8].exit,
                                 .form = EXIT_CHUYEN_DI,
                                 .until = DATE_NONE};
        must(store_member_event_where(st, &actor, M[8].id, &x, "QĐ", "", M[8].scope,
                                      "Đảng bộ huyện Ba", &e),
             &e);
    }
    ev(M[9].id, MEV_RESTORE, M[9].restore, org[CB1], 0, DATE_NONE, M[9].restore);
    ev(M[11].id, MEV_SUSPEND, M[11].suspend, 0, 0, DATE_NONE, M[11].suspend);
    for (size_t i = 0; i < NOEV; i++) {
        enum member_event_kind k = OEV[i].kind == FLOW_BADGE  ? MEV_BADGE
                                   : OEV[i].kind == FLOW_CARD ? MEV_CARD
                                                              : MEV_COMMEND;
        ev(M[OEV[i].m].id, k, OEV[i].d, 0, OEV[i].form, DATE_NONE, OEV[i].d);
    }
    /* the 2021 review (form 6), recorded as decided: members m2 m4 m8 m17, collectives CB1 X1
       CQ BP */
    for (size_t i = 0; i < NREV_M + NREV_O; i++) {
        struct review_key key = {.year = 2021};
        if (i < NREV_M)
            key.member_id = M[REV_M[i]].id;
        else
            key.org_id = org[REV_O[i - NREV_M]];
        struct review_step_req q = {.step = REVIEW_STEP_RECORD,
                                    .subject = REVIEW_SUBJECT__MAX,
                                    .review_date = DATE_NONE,
                                    .has_level = true,
                                    .level = REVIEW_HTNV,
                                    .text = "",
                                    .decision_no = "15-QĐ/KĐ",
                                    .decision_date = D(2021, 12, 28)};
        must(store_review_step(st, &actor, &key, &q, NULL, &e), &e);
    }
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof(dir), "%s/tcxd-forms-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    snprintf(dbpath, sizeof(dbpath), "%s/t.db", dir);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    if (store_open(dbpath, STORE_CREATE, &st, &e))
        return -1;
    build_city();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return -1;
    return 0;
}

/* ---- helpers ---------------------------------------------------------------------------- */

/* Every cell: the test marks each cell it compared (expect, expect_not_kept, expect_empty,
   expect_percent, expect_mean); every_cell() then fails on any cell of the result that no
   comparison touched, so a row added to a definition (or a cell filled where the test expects
   none) cannot go unchecked. */
#define NTRACK 8
static struct {
    const struct form_result *r;
    bool (*seen)[FORM_MAX_COLS];
} tracked[NTRACK];
static size_t next_track;

static void track(const struct form_result *r)
{
    for (size_t i = 0; i < NTRACK; i++)
        if (tracked[i].r == r) {
            free(tracked[i].seen);
            tracked[i].seen = NULL;
            tracked[i].r = NULL;
        }
    size_t k = next_track++ % NTRACK;
    free(tracked[k].seen);
    tracked[k].r = r;
    tracked[k].seen = xcalloc(r->nrows ? r->nrows : 1, sizeof(*tracked[k].seen));
}

static void mark(const struct form_result *r, const struct form_row *row, int col)
{
    for (size_t i = 0; i < NTRACK; i++)
        if (tracked[i].r == r && tracked[i].seen)
            tracked[i].seen[row - r->rows][col] = true;
}

static void every_cell(const struct form_result *r)
{
    size_t t = NTRACK;
    for (size_t i = 0; i < NTRACK; i++)
        if (tracked[i].r == r && tracked[i].seen)
            t = i;
    assert_true(t < NTRACK);
    for (size_t i = 0; i < r->nrows; i++)
        for (size_t c = 0; c < r->def->ncols; c++) {
            const struct form_value *v = &r->rows[i].v[c];
            if (r->rows[i].heading) {
                if (v->kind != FV_EMPTY)
                    fail_msg("form %s: heading %s col %zu has a value", r->def->number,
                             r->rows[i].key, c);
                continue;
            }
            if (!tracked[t].seen[i][c])
                fail_msg("form %s (%s, %s): row %s col %zu (kind %d) not compared by the test",
                         r->def->number, r->org.code, r->period.key, r->rows[i].key, c, v->kind);
        }
    free(tracked[t].seen);
    tracked[t].seen = NULL;
    tracked[t].r = NULL;
}

static struct form_result *fill(const char *form, int root, const char *period, bool children)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct form_period p;
    must(form_period_parse(period, &p, &e), &e);
    const struct form_def *def;
    must(form_def_find(form, p.to, &def, &e), &e);
    struct form_opts o = {.children_check = children};
    struct form_result *r = NULL;
    must(form_fill(st, def, org[root], &p, &o, &r, &e), &e);
    track(r);
    return r;
}

static void expect(const struct form_result *r, const char *key, int col, int64_t want)
{
    const struct form_row *row = form_result_row(r, key);
    if (!row)
        fail_msg("form %s: no row %s", r->def->number, key);
    if (row->v[col].kind != FV_COUNT)
        fail_msg("form %s (%s) row %s col %d: not a count (kind %d), expected %lld", r->def->number,
                 r->org.code, key, col, row->v[col].kind, (long long)want);
    if (row->v[col].n != want)
        fail_msg("form %s (%s, %s) row %s col %d: %lld, expected %lld", r->def->number, r->org.code,
                 r->period.key, key, col, (long long)row->v[col].n, (long long)want);
    mark(r, row, col);
}

static void expect_not_kept(const struct form_result *r, const char *key, int col);

static bool marked(const struct form_result *r, const struct form_row *row, int col)
{
    for (size_t i = 0; i < NTRACK; i++)
        if (tracked[i].r == r && tracked[i].seen)
            return tracked[i].seen[row - r->rows][col];
    return false;
}

static void expect_empty(const struct form_result *r, const char *key, int col)
{
    const struct form_row *row = form_result_row(r, key);
    if (!row)
        fail_msg("form %s: no row %s", r->def->number, key);
    if (row->v[col].kind != FV_EMPTY)
        fail_msg("form %s (%s) row %s col %d: expected an empty cell, kind %d", r->def->number,
                 r->org.code, key, col, row->v[col].kind);
    mark(r, row, col);
}

/* a share or a comparison: num * 100 / den to one decimal, empty when den is 0 */
static void expect_pct(const struct form_result *r, const char *key, int col, int64_t num,
                       int64_t den)
{
    const struct form_row *row = form_result_row(r, key);
    if (!row)
        fail_msg("form %s: no row %s", r->def->number, key);
    const struct form_value *v = &row->v[col];
    if (!den) {
        expect_empty(r, key, col);
        return;
    }
    if (v->kind != FV_PERCENT || (int64_t)(v->x * 10 + 0.5) != (num * 2000 / den + 1) / 2)
        fail_msg("form %s (%s) row %s col %d: kind %d %.3f, expected %lld * 100 / %lld",
                 r->def->number, r->org.code, key, col, v->kind, v->x, (long long)num,
                 (long long)den);
    mark(r, row, col);
}

/* the mean age of n people whose ages add to sum (empty when n is 0) */
static void expect_mean(const struct form_result *r, const char *key, int col, int64_t sum,
                        int64_t n)
{
    const struct form_row *row = form_result_row(r, key);
    if (!row)
        fail_msg("form %s: no row %s", r->def->number, key);
    if (!n) {
        expect_empty(r, key, col);
        return;
    }
    const struct form_value *v = &row->v[col];
    if (v->kind != FV_DECIMAL || (int64_t)(v->x * 100 + 0.5) != (sum * 200 / n + 1) / 2)
        fail_msg("form %s (%s) row %s col %d: kind %d %.3f, expected the mean %lld / %lld",
                 r->def->number, r->org.code, key, col, v->kind, v->x, (long long)sum,
                 (long long)n);
    mark(r, row, col);
}

/* "Kỳ này | Cùng kỳ | %": column 3 of every row whose two columns the test compared, from the
   counts it expected (checked to equal the cells' own) */
static void expect_compare_pct(const struct form_result *r)
{
    for (size_t i = 0; i < r->nrows; i++) {
        const struct form_row *row = &r->rows[i];
        const struct form_value *a = &row->v[0], *b = &row->v[1];
        if (row->heading)
            continue;
        if (!marked(r, row, 0) || !marked(r, row, 1))
            fail_msg("form %s row %s: the %% before both columns were compared", r->def->number,
                     row->key);
        if (a->kind == FV_COUNT && b->kind == FV_COUNT)
            expect_pct(r, row->key, 2, a->n, b->n);
        else if (a->kind == FV_NOT_KEPT)
            expect_not_kept(r, row->key, 2);
        else if (a->kind == FV_DECIMAL && b->kind == FV_DECIMAL) {
            if (row->v[2].kind != FV_PERCENT ||
                (int64_t)(row->v[2].x * 10 + 0.5) != (int64_t)(a->x * 1000 / b->x + 0.5))
                fail_msg("form %s row %s: %% of the means", r->def->number, row->key);
            mark(r, row, 2);
        } else
            expect_empty(r, row->key, 2);
    }
}

static void expect_not_kept(const struct form_result *r, const char *key, int col)
{
    const struct form_row *row = form_result_row(r, key);
    assert_non_null(row);
    if (row->v[col].kind != FV_NOT_KEPT)
        fail_msg("form %s row %s col %d: expected 'not kept', kind %d", r->def->number, key, col,
                 row->v[col].kind);
    mark(r, row, col);
}

static void expect_checks_ok(const struct form_result *r)
{
    for (size_t i = 0; i < r->nchecks; i++)
        if (!r->checks[i].ok)
            fail_msg("form %s (%s): check '%s' failed: %s", r->def->number, r->org.code,
                     r->checks[i].name, r->checks[i].detail);
}

static int64_t count_listed(int root, tcxd_date d, bool (*pred)(const struct mm *, tcxd_date, int),
                            int arg)
{
    int64_t n = 0;
    for (size_t i = 0; i < NM; i++)
        if (listed(&M[i], root, d) && (!pred || pred(&M[i], d, arg)))
            n++;
    return n;
}

static int64_t count_flows(const struct oflow *f, size_t n, uint32_t kinds, int prob_only)
{
    int64_t c = 0;
    for (size_t i = 0; i < n; i++)
        if ((kinds & FLOWBIT(f[i].kind)) && (!prob_only || f[i].prob))
            c++;
    return c;
}

static const int roots[] = {TP, Q1, Q2, P1, CQ, CA};
/* row keys of the forms' blocks, by code (by hand from forms_btctw.c) */
static const char *const school[] = {"unknown", "literate", "primary", "lower", "upper"};
static const char *const prof[] = {NULL,       "elementary", "secondary", "college",
                                   "bachelor", "master",     "doctor",    "unknown"};
static const char *const occ_key[15] = {"unknown",
                                        "state",
                                        "party",
                                        "commune",
                                        "village",
                                        "public_unit",
                                        "private_unit",
                                        "enterprise.manager",
                                        "enterprise.staff",
                                        "enterprise.worker",
                                        "farmer",
                                        "armed",
                                        "student",
                                        "pupil",
                                        "other"};
static const char *const periods[2] = {"2021", "2020"};

/* ---- form 1 ------------------------------------------------------------------------------ */

static void test_form1(void **state)
{
    (void)state;
    /* by hand, from the story: Q1 in 2021 */
    {
        struct form_result *r = fill("1", Q1, "2021", false);
        expect(r, "A", 0, 8);     /* m1 m6 m7 m8 m9 m10 m11 m12 */
        expect(r, "B.1", 0, 3);   /* m2, m15, m5 re-admitted */
        expect(r, "B.2.b", 0, 4); /* m4 and m21 with DN, m3 and m8 with CB3's merge */
        expect(r, "C", 0, 6);
        expect(r, "C.3.p", 0, 1); /* m7 */
        expect(r, "C.5.a", 0, 0); /* m9 left the database, to another district (recorded) */
        expect(r, "C.5.b", 0, 2); /* m8 to CB3, m9 */
        expect(r, "B.3", 0, 1);   /* m10 restored */
        expect(r, "D", 0, 10);
        expect(r, "A", 1, 8);   /* 2020: m1 m6 m8 m9 m10 m11 m12 m13 */
        expect(r, "B.1", 1, 1); /* m7 */
        expect(r, "C.1", 1, 1); /* m13 */
        expect(r, "B.3", 1, 0);
        expect_checks_ok(r);
        form_result_free(r);
    }
    /* every cell, every root, both columns, against the oracle */
    static struct oflow fl[256];
    for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
        struct form_result *r = fill("1", roots[k], "2021", false);
        for (int col = 0; col < 2; col++) {
            struct form_period p;
            struct tcxd_error e;
            must(form_period_parse(periods[col], &p, &e), &e);
            size_t n = oracle_flows(roots[k], p.from, p.to, fl);
            uint32_t in_p = FLOWBIT(FLOW_IN_PROVINCE), in_o = FLOWBIT(FLOW_IN_OTHER);
            uint32_t adm = FLOWBIT(FLOW_ADMIT) | FLOWBIT(FLOW_READMIT);
            uint32_t out_p = FLOWBIT(FLOW_OUT_PROVINCE), out_o = FLOWBIT(FLOW_OUT_OTHER);
            uint32_t exits = FLOWBIT(FLOW_DEATH) | FLOWBIT(FLOW_EXPEL) | FLOWBIT(FLOW_STRIKE) |
                             FLOWBIT(FLOW_RESIGN);
            uint32_t rest = FLOWBIT(FLOW_RESTORE);
            expect(r, "A", col, count_listed(roots[k], p.from - 1, NULL, 0));
            expect(r, "B", col, count_flows(fl, n, adm | in_p | in_o | rest, 0));
            expect(r, "B.1", col, count_flows(fl, n, adm, 0));
            expect(r, "B.3", col, count_flows(fl, n, rest, 0));
            expect(r, "B.2", col, count_flows(fl, n, in_p | in_o, 0));
            expect(r, "B.2.a", col, count_flows(fl, n, in_o, 0));
            expect(r, "B.2.b", col, count_flows(fl, n, in_p, 0));
            expect(r, "C", col, count_flows(fl, n, exits | out_p | out_o, 0));
            expect(r, "C.1", col, count_flows(fl, n, FLOWBIT(FLOW_DEATH), 0));
            expect(r, "C.2", col, count_flows(fl, n, FLOWBIT(FLOW_EXPEL), 0));
            expect(r, "C.3", col, count_flows(fl, n, FLOWBIT(FLOW_STRIKE), 0));
            expect(r, "C.3.p", col, count_flows(fl, n, FLOWBIT(FLOW_STRIKE), 1));
            expect(r, "C.4", col, count_flows(fl, n, FLOWBIT(FLOW_RESIGN), 0));
            expect(r, "C.5", col, count_flows(fl, n, out_p | out_o, 0));
            expect(r, "C.5.a", col, count_flows(fl, n, out_o, 0));
            expect(r, "C.5.b", col, count_flows(fl, n, out_p, 0));
            expect(r, "D", col, count_listed(roots[k], p.to, NULL, 0));
        }
        /* (%) = (2) * 100 / (3), one decimal */
        expect_compare_pct(r);
        every_cell(r);
        expect_checks_ok(r);
        form_result_free(r);
    }
    /* the children's end-of-period figures add up to the city's */
    struct form_result *r = fill("1", TP, "2021", true);
    bool seen = false;
    for (size_t i = 0; i < r->nchecks; i++)
        if (strstr(r->checks[i].name, "children")) {
            seen = true;
            assert_true(r->checks[i].ok);
        }
    assert_true(seen);
    form_result_free(r);
}

/* Forms 2B and 3B of those in who[]: I (everyone: total, women, 100%), II (those of a religion),
   then a row per ethnicity and per religion with its total, women and share of everyone. The
   story's values are listed here; a value with nobody has no row. */
static void check_annex(const struct form_result *r, const bool *who)
{
    static const char *const eths[] = {"Kinh", "Tày", "Mường", "Khmer", "Nùng"};
    static const char *const rels[] = {"Công giáo", "Phật giáo"};
    int64_t all = 0, allf = 0, rel = 0, relf = 0;
    for (size_t i = 0; i < NM; i++)
        if (who[i]) {
            all++;
            allf += M[i].female;
            if (strcmp(M[i].rel, "Không")) {
                rel++;
                relf += M[i].female;
            }
        }
    expect(r, "I", 0, all);
    expect(r, "I", 1, allf);
    expect_pct(r, "I", 2, all, all);
    expect(r, "II", 0, rel);
    expect(r, "II", 1, relf);
    expect_pct(r, "II", 2, rel, all);
    for (int x = 0; x < 7; x++) {
        const char *v = x < 5 ? eths[x] : rels[x - 5];
        int64_t tot = 0, fem = 0;
        for (size_t i = 0; i < NM; i++)
            if (who[i] && !strcmp(x < 5 ? M[i].eth : M[i].rel, v)) {
                tot++;
                fem += M[i].female;
            }
        char key[64];
        snprintf(key, sizeof(key), "%s.%s", x < 5 ? "eth" : "rel", v);
        if (!tot) {
            assert_null(form_result_row(r, key));
            continue;
        }
        expect(r, key, 0, tot);
        expect(r, key, 1, fem);
        expect_pct(r, key, 2, tot, all);
    }
    every_cell(r);
    expect_checks_ok(r);
}

/* ---- forms 2 and 2B ------------------------------------------------------------------------ */

static void test_form2(void **state)
{
    (void)state;
    static struct oflow fl[256];
    static const struct {
        const char *key;
        int lo, hi;
    } bands[] = {{"18_30", 0, 30},  {"31_35", 31, 35}, {"36_40", 36, 40}, {"41_45", 41, 45},
                 {"46_50", 46, 50}, {"51_55", 51, 55}, {"56_60", 56, 60}, {"over_60", 61, 999}};
    for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
        struct form_result *r = fill("2", roots[k], "2021", false);
        for (int col = 0; col < 2; col++) {
            struct form_period p;
            struct tcxd_error e;
            must(form_period_parse(periods[col], &p, &e), &e);
            size_t n = oracle_flows(roots[k], p.from, p.to, fl);
            int64_t total = 0, minority = 0, readmit = 0, band[8] = {0}, sch[5] = {0}, pro[9] = {0},
                    agesum = 0, occ[15] = {0}, youth[3] = {0}, owner[3] = {0}, foreign[3] = {0},
                    title[4] = {0};
            /* III: a base organization's admissions go with it (DN admitted m21 in Q2 in
               February, then moved to Q1) */
            bool base_admit[NORG];
            admitted_bases(p.from, p.to, base_admit);
            for (size_t i = 0; i < n; i++) {
                if (fl[i].kind != FLOW_ADMIT && fl[i].kind != FLOW_READMIT)
                    continue;
                const struct mm *m = &M[fl[i].m];
                total++;
                minority += strcmp(m->eth, "Kinh") != 0;
                readmit += fl[i].kind == FLOW_READMIT;
                int age = age_on(m->birth, fl[i].d);
                agesum += age;
                for (int b = 0; b < 8; b++)
                    band[b] += age >= bands[b].lo && age <= bands[b].hi;
                sch[m->school]++;
                pro[m->profl]++;
                occ[m->occ_before ? m->occ_before : m->occ]++;
                youth[m->youth]++;
                owner[m->owner]++;
                foreign[m->foreign]++;
                title[m->title]++;
            }
            expect(r, "I", col, total);
            expect(r, "I.minority", col, minority);
            expect(r, "I.readmit", col, readmit);
            char key[64];
            for (int b = 0; b < 8; b++) {
                snprintf(key, sizeof(key), "II.2.%s", bands[b].key);
                expect(r, key, col, band[b]);
            }
            expect_mean(r, "II.2.mean", col, agesum, total);
            for (int s = 0; s < 5; s++) {
                snprintf(key, sizeof(key), "II.3.%s", school[s]);
                expect(r, key, col, sch[s]);
            }
            for (int s = 1; s < 8; s++) {
                snprintf(key, sizeof(key), "II.4.%s", prof[s]);
                expect(r, key, col, pro[s] + (s == PROF_DOCTOR ? pro[PROF_DOCTOR_SCI] : 0));
            }
            for (int o = 0; o < 15; o++) {
                snprintf(key, sizeof(key), "II.1.%s", occ_key[o]);
                if (o < 7 || o > 9)
                    expect(r, key, col, occ[o]);
            }
            expect(r, "II.1.enterprise", col, occ[7] + occ[8] + occ[9]);
            expect(r, "II.1.enterprise.manager", col, occ[7]);
            expect(r, "II.1.enterprise.staff", col, occ[8]);
            expect(r, "II.1.enterprise.worker", col, occ[9]);
            expect(r, "I.youth", col, youth[2]);
            expect(r, "I.youth.unknown", col, youth[0]);
            expect(r, "I.owner", col, owner[2]);
            expect(r, "I.owner.unknown", col, owner[0]);
            expect(r, "I.foreign", col, foreign[2]);
            expect(r, "I.foreign.unknown", col, foreign[0]);
            expect(r, "II.5.assoc", col, title[2]);
            expect(r, "II.5.prof", col, title[3]);
            expect(r, "II.5.unknown", col, title[0]);
            /* III: base organizations at the end of the period */
            int64_t db = 0, cb = 0, dba = 0, cba = 0;
            for (int o = 0; o < NORG; o++) {
                if (OM[o].tier != ORG_TIER_BASE || !in_sub(roots[k], o, p.to))
                    continue;
                bool dang_bo = OM[o].form == ORG_FORM_DANG_BO;
                db += dang_bo;
                cb += !dang_bo;
                dba += dang_bo && base_admit[o];
                cba += !dang_bo && base_admit[o];
            }
            expect(r, "III.1", col, db);
            expect(r, "III.1.admit", col, dba);
            expect(r, "III.2", col, cb);
            expect(r, "III.2.admit", col, cba);
            expect_not_kept(r, "I.khhgd", col);
            expect_not_kept(r, "III.1.masses", col);
            expect_not_kept(r, "III.2.masses", col);
        }
        expect_compare_pct(r);
        every_cell(r);
        expect_checks_ok(r);
        form_result_free(r);

        /* 2B: each ethnicity and religion of those admitted in 2021, women among them */
        r = fill("2b", roots[k], "2021", false);
        struct form_period p;
        struct tcxd_error e;
        must(form_period_parse("2021", &p, &e), &e);
        size_t n = oracle_flows(roots[k], p.from, p.to, fl);
        bool who[NM] = {false};
        for (size_t i = 0; i < n; i++)
            if (fl[i].kind == FLOW_ADMIT || fl[i].kind == FLOW_READMIT)
                who[fl[i].m] = true;
        check_annex(r, who);
        form_result_free(r);
    }
}

/* ---- forms 3 and 3B ------------------------------------------------------------------------ */

static bool p_female(const struct mm *m, tcxd_date d, int a)
{
    (void)d, (void)a;
    return m->female;
}
static bool p_prob(const struct mm *m, tcxd_date d, int a)
{
    (void)a;
    return probationary_on(m, d);
}
static bool p_minority(const struct mm *m, tcxd_date d, int a)
{
    (void)d, (void)a;
    return strcmp(m->eth, "Kinh") != 0;
}
static bool p_religious(const struct mm *m, tcxd_date d, int a)
{
    (void)d, (void)a;
    return strcmp(m->rel, "Không") != 0;
}
static bool p_exempt(const struct mm *m, tcxd_date d, int a)
{
    (void)a;
    return m->exempt != DATE_NONE && d >= m->exempt;
}
static bool p_band(const struct mm *m, tcxd_date d, int a)
{
    static const int lo[] = {0, 31, 36, 41, 46, 51, 56, 61},
                     hi[] = {30, 35, 40, 45, 50, 55, 60, 999};
    int age = age_on(m->birth, d);
    return age >= lo[a] && age <= hi[a];
}
static bool p_era(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    tcxd_date b[] = {D(1800, 1, 1), D(1945, 8, 19), D(1954, 7, 21), D(1975, 5, 1), D(9999, 12, 31)};
    return m->dec >= b[a] && m->dec < b[a + 1];
}
static bool p_school(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->school == a;
}
static bool p_prof(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->profl == a || (a == PROF_DOCTOR && m->profl == PROF_DOCTOR_SCI);
}
static bool p_theory(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->theory_row == a;
}

static bool p_working(const struct mm *m, tcxd_date d, int a)
{
    (void)d, (void)a;
    return m->work != 2;
}
static bool p_retired(const struct mm *m, tcxd_date d, int a)
{
    (void)d, (void)a;
    return m->work == 2;
}
static bool p_occ(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->work != 2 && m->occ == a;
}
static bool p_youth(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->youth == a;
}
static bool p_owner(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->owner == a;
}
static bool p_foreign(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->foreign == a;
}
static bool p_title(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->title == a;
}

static void test_form3(void **state)
{
    (void)state;
    static const char *const bands[] = {"18_30", "31_35", "36_40", "41_45",
                                        "46_50", "51_55", "56_60", "over_60"};
    static const char *const eras[] = {"before_1945", "1945_1954", "1954_1975", "after_1975"};
    static const char *const theory[] = {NULL, "so_cap", "trung_cap", "cao_cap"};
    for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
        int root = roots[k];
        struct form_result *r = fill("3", root, "2021", false);
        for (int col = 0; col < 2; col++) {
            struct form_period p;
            struct tcxd_error e;
            must(form_period_parse(periods[col], &p, &e), &e);
            tcxd_date d = p.to;
            expect(r, "I", col, count_listed(root, d, NULL, 0));
            expect(r, "I.female", col, count_listed(root, d, p_female, 0));
            expect(r, "I.probationary", col, count_listed(root, d, p_prob, 0));
            expect(r, "I.minority", col, count_listed(root, d, p_minority, 0));
            expect(r, "I.religious", col, count_listed(root, d, p_religious, 0));
            expect(r, "II.1.b.exempt", col, count_listed(root, d, p_exempt, 0));
            char key[64];
            for (int b = 0; b < 8; b++) {
                snprintf(key, sizeof(key), "II.2.%s", bands[b]);
                expect(r, key, col, count_listed(root, d, p_band, b));
            }
            for (int b = 0; b < 4; b++) {
                snprintf(key, sizeof(key), "II.3.%s", eras[b]);
                expect(r, key, col, count_listed(root, d, p_era, b));
            }
            for (int s = 0; s < 5; s++) {
                snprintf(key, sizeof(key), "II.4.%s", school[s]);
                expect(r, key, col, count_listed(root, d, p_school, s));
            }
            for (int s = 1; s < 8; s++) {
                snprintf(key, sizeof(key), "II.5.%s", prof[s]);
                expect(r, key, col, count_listed(root, d, p_prof, s));
            }
            expect(r, "II.1.a", col, count_listed(root, d, p_working, 0));
            expect(r, "II.1.b", col, count_listed(root, d, p_retired, 0));
            for (int o = 0; o < 15; o++) {
                snprintf(key, sizeof(key), "II.1.a.%s", occ_key[o]);
                expect(r, key, col, count_listed(root, d, p_occ, o));
            }
            expect(r, "II.1.a.enterprise", col,
                   count_listed(root, d, p_occ, 7) + count_listed(root, d, p_occ, 8) +
                       count_listed(root, d, p_occ, 9));
            expect(r, "I.youth", col, count_listed(root, d, p_youth, 2));
            expect(r, "I.youth.unknown", col, count_listed(root, d, p_youth, 0));
            expect(r, "I.owner", col, count_listed(root, d, p_owner, 2));
            expect(r, "I.owner.unknown", col, count_listed(root, d, p_owner, 0));
            expect(r, "I.foreign", col, count_listed(root, d, p_foreign, 2));
            expect(r, "I.foreign.unknown", col, count_listed(root, d, p_foreign, 0));
            expect(r, "II.6.assoc", col, count_listed(root, d, p_title, 2));
            expect(r, "II.6.prof", col, count_listed(root, d, p_title, 3));
            expect(r, "II.6.unknown", col, count_listed(root, d, p_title, 0));
            for (int s = 1; s < 4; s++) {
                snprintf(key, sizeof(key), "II.7.%s", theory[s]);
                expect(r, key, col, count_listed(root, d, p_theory, s));
            }
            int64_t sum = 0, nn = 0;
            for (size_t i = 0; i < NM; i++)
                if (listed(&M[i], root, d)) {
                    sum += age_on(M[i].birth, d);
                    nn++;
                }
            expect_mean(r, "II.2.mean", col, sum, nn);
        }
        expect_compare_pct(r);
        every_cell(r);
        expect_checks_ok(r);
        form_result_free(r);

        r = fill("3b", root, "2021", false);
        bool who[NM];
        for (size_t i = 0; i < NM; i++)
            who[i] = listed(&M[i], root, D(2021, 12, 31));
        check_annex(r, who);
        form_result_free(r);
    }
}

/* ---- form 5 ------------------------------------------------------------------------------ */

/* The six counted columns of form 5 for the base organizations of the types in mask, in root's
   subtree on day d, from the story's organizations: base organizations (all, đảng bộ cơ sở, chi
   bộ cơ sở), their đảng bộ bộ phận and chi bộ trực thuộc, and the members of those bases. */
static void org_types(int root, tcxd_date d, uint32_t mask, int64_t v[6])
{
    memset(v, 0, 6 * sizeof(*v));
    for (int o = 0; o < NORG; o++) {
        if (!in_sub(root, o, d))
            continue;
        if (OM[o].tier == ORG_TIER_BASE && (mask & (1u << OM[o].type))) {
            v[0]++;
            v[OM[o].form == ORG_FORM_DANG_BO ? 1 : 2]++;
            for (size_t i = 0; i < NM; i++)
                if (listed(&M[i], root, d) && base_of(stay_on(&M[i], d)->org) == o)
                    v[5]++;
        } else if (OM[o].tier == ORG_TIER_BELOW_BASE && (mask & (1u << OM[base_of(o)].type))) {
            v[OM[o].form == ORG_FORM_DANG_BO ? 3 : 4]++;
        }
    }
}

#define BT(t) (1u << (t))
static void test_form5(void **state)
{
    (void)state;
    /* the rows of 5-BTCTW as on paper: key and the types tcxd keeps for it (0: not kept) */
    static const struct {
        const char *key;
        uint32_t mask;
    } rows[] = {
        {"1", BT(ORG_BASE_XA)},
        {"2", BT(ORG_BASE_PHUONG)},
        {"3", BT(ORG_BASE_THI_TRAN)},
        {"4", 0},
        {"5", 0},
        {"6", BT(ORG_BASE_DON_VI_SU_NGHIEP)},
        {"6.a", 0},
        {"6.b", 0},
        {"7", BT(ORG_BASE_QUAN_DOI)},
        {"8", BT(ORG_BASE_CONG_AN)},
        {"9", BT(ORG_BASE_DNNN) | BT(ORG_BASE_DN_NGOAI_NHA_NUOC)},
        {"9.a", BT(ORG_BASE_DNNN)},
        {"9.a.100", 0},
        {"9.a.50", 0},
        {"9.a.lt50", 0},
        {"9.b", BT(ORG_BASE_DN_NGOAI_NHA_NUOC)},
        {"9.b.jsc", 0},
        {"9.b.private", 0},
        {"9.b.llc", 0},
        {"9.b.partnership", 0},
        {"9.b.foreign", 0},
        {"9.b.foreign100", 0},
        {"9.c", 0},
        {"10", 0},
        {"11", BT(ORG_BASE_KHAC) | BT(ORG_BASE_DAC_KHU)},
        {"total", ~0u & ~1u},
    };
    static const char *const pers[] = {"2021", "2022-h1"};
    for (size_t pi = 0; pi < 2; pi++)
        for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
            struct form_period p;
            struct tcxd_error e;
            must(form_period_parse(pers[pi], &p, &e), &e);
            struct form_result *r = fill("5", roots[k], pers[pi], roots[k] == TP);
            assert_string_equal(r->def->number, "5-BTCTW");
            assert_int_equal(r->nrows, sizeof(rows) / sizeof(rows[0]));
            for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
                int64_t v[6];
                org_types(roots[k], p.to, rows[i].mask, v);
                for (int c = 0; c < 6; c++)
                    if (rows[i].mask)
                        expect(r, rows[i].key, c, v[c]);
                    else
                        expect_not_kept(r, rows[i].key, c);
            }
            /* the agencies (rows 4 and 5 together) in a note, and in the total */
            int64_t v[6];
            org_types(roots[k], p.to, BT(ORG_BASE_CO_QUAN_HANH_CHINH), v);
            char note[160];
            snprintf(note, sizeof(note), ": %lld tổ chức cơ sở đảng, %lld đảng viên; đã tính",
                     (long long)v[0], (long long)v[5]);
            bool noted = false, any = false;
            for (size_t i = 0; i < r->nnotes; i++) {
                noted |= strstr(r->notes[i], note) != NULL;
                any |= strstr(r->notes[i], "tổ chức cơ sở đảng, ") != NULL;
            }
            assert_true(v[0] ? noted : !any);
            every_cell(r);
            expect_checks_ok(r);
            form_result_free(r);
        }
    /* by hand, 31/12/2021 (the oracle's figures, written out): Q1 has P1 (phường, đảng bộ: CB1;
       m1 m3 m5 m8 m10), X1 and X2 (xã, chi bộ: m2 m12; m15), DN (DNNN, chi bộ: m4 m21) */
    struct form_result *r = fill("5", Q1, "2021", false);
    static const int64_t xa[6] = {2, 0, 2, 0, 0, 3}, phuong[6] = {1, 1, 0, 0, 1, 5},
                         total[6] = {4, 1, 3, 0, 1, 10};
    for (int c = 0; c < 6; c++) {
        expect(r, "1", c, xa[c]);
        expect(r, "2", c, phuong[c]);
        expect(r, "total", c, total[c]);
    }
    form_result_free(r);
    /* Q2 adds a đảng bộ bộ phận (col 5) under the công an's đảng bộ */
    r = fill("5", Q2, "2021", false);
    static const int64_t ca[6] = {1, 1, 0, 1, 1, 1};
    for (int c = 0; c < 6; c++)
        expect(r, "8", c, ca[c]);
    form_result_free(r);
}

/* form 5-TCTW's rows: key and types (0: not kept); the two columns of units are not kept */
static const struct {
    const char *key;
    uint32_t mask;
} rows5_2012[] = {
    {"1", BT(ORG_BASE_XA)},
    {"2", BT(ORG_BASE_PHUONG)},
    {"3", BT(ORG_BASE_THI_TRAN)},
    {"4", BT(ORG_BASE_DNNN)},
    {"4.a", 0},
    {"4.b", 0},
    {"4.c", 0},
    {"4.d", 0},
    {"4.e", 0},
    {"5", 0},
    {"6", 0},
    {"7", 0},
    {"8", 0},
    {"9", 0},
    {"10", 0},
    {"10.foreign100", 0},
    {"11", BT(ORG_BASE_DON_VI_SU_NGHIEP)},
    {"11.research", 0},
    {"11.university", 0},
    {"11.vocational", 0},
    {"11.school", 0},
    {"11.hospital", 0},
    {"12", BT(ORG_BASE_CO_QUAN_HANH_CHINH)},
    {"13", BT(ORG_BASE_QUAN_DOI)},
    {"14", BT(ORG_BASE_CONG_AN)},
    {"15", 0},
    {"16", BT(ORG_BASE_KHAC) | BT(ORG_BASE_DAC_KHU)},
    {"total", ~0u & ~1u},
};
#undef BT

/* ---- the 2012 set (periods ending before 13/12/2021) --------------------------------------- */

/* form 5-TCTW's counted columns (after the two of units, which tcxd does not keep) */
static void expect_row5_2012(const struct form_result *r, const char *key, const int64_t v[6])
{
    expect_not_kept(r, key, 0);
    expect_not_kept(r, key, 1);
    for (int c = 0; c < 6; c++)
        expect(r, key, c + 2, v[c]);
}

static const char *const prof12[] = {NULL,     "elementary", "secondary", "college",   "bachelor",
                                     "master", "doctor",     "unknown",   "doctor_sci"};

static bool p_prof_exact(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    return m->profl == a;
}

/* 2012's eras of admission: before 8/1945, 8/1945 - 20/7/1954, 21/7/1954 - 30/4/1975, from
   1/5/1975 */
static bool p_era12(const struct mm *m, tcxd_date d, int a)
{
    (void)d;
    tcxd_date b[] = {D(1800, 1, 1), D(1945, 8, 1), D(1954, 7, 21), D(1975, 5, 1), D(9999, 12, 31)};
    return m->dec >= b[a] && m->dec < b[a + 1];
}

/* The 2012 annexes (4-TCTW, 2-TCTW tiếp) of those in who[]: total and share, no women */
static void check_annex2(const struct form_result *r, const bool *who)
{
    static const char *const eths[] = {"Kinh", "Tày", "Mường", "Khmer", "Nùng"};
    static const char *const rels[] = {"Công giáo", "Phật giáo"};
    int64_t all = 0, rel = 0;
    for (size_t i = 0; i < NM; i++)
        if (who[i]) {
            all++;
            rel += strcmp(M[i].rel, "Không") != 0;
        }
    assert_int_equal(r->def->ncols, 2);
    expect(r, "I", 0, all);
    expect_pct(r, "I", 1, all, all);
    expect(r, "II", 0, rel);
    expect_pct(r, "II", 1, rel, all);
    for (int x = 0; x < 7; x++) {
        const char *v = x < 5 ? eths[x] : rels[x - 5];
        int64_t tot = 0;
        for (size_t i = 0; i < NM; i++)
            tot += who[i] && !strcmp(x < 5 ? M[i].eth : M[i].rel, v);
        char key[64];
        snprintf(key, sizeof(key), "%s.%s", x < 5 ? "eth" : "rel", v);
        if (!tot) {
            assert_null(form_result_row(r, key));
            continue;
        }
        expect(r, key, 0, tot);
        expect_pct(r, key, 1, tot, all);
    }
    every_cell(r);
    expect_checks_ok(r);
}

static void test_tctw2012(void **state)
{
    (void)state;
    static struct oflow fl[256];
    static const char *const pers[] = {"2020", "2021-h1", "2021-q3"};
    for (size_t pi = 0; pi < sizeof(pers) / sizeof(pers[0]); pi++)
        for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
            int root = roots[k];
            struct form_period per[2];
            struct tcxd_error e;
            tcxd_error_clear(&e);
            must(form_period_parse(pers[pi], &per[0], &e), &e);
            form_period_prev_year(&per[0], &per[1]);
            /* form 1-TCTW: A .. D as the oracle, E = chuyển đi - chuyển đến, G not kept */
            struct form_result *r = fill("1", root, pers[pi], false);
            assert_string_equal(r->def->number, "1-TCTW");
            for (int col = 0; col < 2; col++) {
                const struct form_period *p = &per[col];
                size_t n = oracle_flows(root, p->from, p->to, fl);
                uint32_t in_p = FLOWBIT(FLOW_IN_PROVINCE), in_o = FLOWBIT(FLOW_IN_OTHER);
                uint32_t out_p = FLOWBIT(FLOW_OUT_PROVINCE), out_o = FLOWBIT(FLOW_OUT_OTHER);
                uint32_t adm = FLOWBIT(FLOW_ADMIT) | FLOWBIT(FLOW_READMIT);
                uint32_t rest = FLOWBIT(FLOW_RESTORE);
                uint32_t exits = FLOWBIT(FLOW_DEATH) | FLOWBIT(FLOW_EXPEL) | FLOWBIT(FLOW_STRIKE) |
                                 FLOWBIT(FLOW_RESIGN);
                expect(r, "A", col, count_listed(root, p->from - 1, NULL, 0));
                expect(r, "B", col, count_flows(fl, n, adm | in_p | in_o | rest, 0));
                expect(r, "B.1", col, count_flows(fl, n, adm, 0));
                expect(r, "B.2", col, count_flows(fl, n, in_p | in_o, 0));
                expect(r, "B.2.a", col, count_flows(fl, n, in_o, 0));
                expect(r, "B.2.b", col, count_flows(fl, n, in_p, 0));
                expect(r, "B.3", col, count_flows(fl, n, rest, 0));
                expect(r, "C", col, count_flows(fl, n, exits | out_p | out_o, 0));
                expect(r, "C.1", col, count_flows(fl, n, FLOWBIT(FLOW_DEATH), 0));
                expect(r, "C.2", col, count_flows(fl, n, FLOWBIT(FLOW_EXPEL), 0));
                expect(r, "C.3", col, count_flows(fl, n, FLOWBIT(FLOW_STRIKE), 0));
                expect(r, "C.4", col, count_flows(fl, n, FLOWBIT(FLOW_RESIGN), 0));
                expect(r, "C.5", col, count_flows(fl, n, out_p | out_o, 0));
                expect(r, "C.5.a", col, count_flows(fl, n, out_o, 0));
                expect(r, "C.5.b", col, count_flows(fl, n, out_p, 0));
                expect(r, "D", col, count_listed(root, p->to, NULL, 0));
                expect(r, "E", col,
                       count_flows(fl, n, out_p | out_o, 0) - count_flows(fl, n, in_p | in_o, 0));
                expect_not_kept(r, "G", col);
            }
            expect_compare_pct(r);
            every_cell(r);
            expect_checks_ok(r);
            form_result_free(r);

            /* form 2-TCTW: its own age bands and occupation groups */
            r = fill("2", root, pers[pi], false);
            assert_string_equal(r->def->number, "2-TCTW");
            for (int col = 0; col < 2; col++) {
                const struct form_period *p = &per[col];
                size_t n = oracle_flows(root, p->from, p->to, fl);
                int64_t total = 0, female = 0, readmit = 0, minority = 0, religious = 0,
                        youth[3] = {0}, band[4] = {0}, occ[15] = {0}, sch[5] = {0}, pro[9] = {0},
                        agesum = 0, base_admit = 0;
                for (size_t i = 0; i < n; i++) {
                    if (fl[i].kind != FLOW_ADMIT && fl[i].kind != FLOW_READMIT)
                        continue;
                    const struct mm *m = &M[fl[i].m];
                    total++;
                    female += m->female;
                    readmit += fl[i].kind == FLOW_READMIT;
                    minority += strcmp(m->eth, "Kinh") != 0;
                    religious += strcmp(m->rel, "Không") != 0;
                    youth[m->youth]++;
                    int age = age_on(m->birth, fl[i].d);
                    agesum += age;
                    band[age <= 30 ? 0 : age <= 40 ? 1 : age <= 50 ? 2 : 3]++;
                    occ[m->occ_before ? m->occ_before : m->occ]++;
                    sch[m->school]++;
                    pro[m->profl]++;
                }
                expect(r, "I", col, total);
                expect(r, "I.readmit", col, readmit);
                expect(r, "I.female", col, female);
                expect(r, "I.minority", col, minority);
                expect(r, "I.religious", col, religious);
                expect(r, "I.youth", col, youth[2]);
                expect(r, "I.youth.unknown", col, youth[0]);
                /* the 2012 groups of the occupation codes (docs/forms.md, UNCONFIRMED) */
                expect(r, "I.state", col, occ[1] + occ[2] + occ[3]);
                expect(r, "I.public_unit", col, occ[5] + occ[6]);
                expect(r, "I.business", col, occ[7]);
                expect(r, "I.worker", col, occ[8] + occ[9]);
                expect(r, "I.farmer", col, occ[10]);
                expect(r, "I.armed", col, occ[11]);
                expect(r, "I.student", col, occ[12] + occ[13]);
                expect(r, "I.occ_unknown", col, occ[0]);
                static const char *const bk[] = {"II.1.18_30", "II.1.31_40", "II.1.41_50",
                                                 "II.1.over_50"};
                for (int b = 0; b < 4; b++)
                    expect(r, bk[b], col, band[b]);
                expect_mean(r, "II.1.mean", col, agesum, total);
                char key[64];
                for (int x = 0; x < 5; x++) {
                    snprintf(key, sizeof(key), "II.2.%s", school[x]);
                    expect(r, key, col, sch[x]);
                }
                for (int x = 1; x < 9; x++) {
                    snprintf(key, sizeof(key), "II.3.%s", prof12[x]);
                    expect(r, key, col, pro[x]);
                }
                int64_t bases = 0;
                bool adm[NORG];
                admitted_bases(p->from, p->to, adm);
                for (int o = 0; o < NORG; o++)
                    if (OM[o].tier == ORG_TIER_BASE && in_sub(root, o, p->to)) {
                        bases++;
                        base_admit += adm[o];
                    }
                expect(r, "III.2", col, bases);
                expect(r, "III.2.admit", col, base_admit);
                expect_not_kept(r, "III", col);
                expect_not_kept(r, "III.1", col);
                expect_not_kept(r, "III.2.masses", col);
            }
            expect_compare_pct(r);
            every_cell(r);
            expect_checks_ok(r);
            form_result_free(r);

            /* form 3-TCTW: five age bands, eras from 8/1945, party age */
            r = fill("3", root, pers[pi], false);
            assert_string_equal(r->def->number, "3-TCTW");
            for (int col = 0; col < 2; col++) {
                tcxd_date d = per[col].to;
                static const char *const bk[] = {"II.1.18_30", "II.1.31_40", "II.1.41_50",
                                                 "II.1.51_60", "II.1.over_60"};
                static const int lo[] = {0, 31, 41, 51, 61}, hi[] = {30, 40, 50, 60, 999};
                int64_t agesum = 0, nn = 0;
                for (int b = 0; b < 5; b++) {
                    int64_t c = 0;
                    for (size_t i = 0; i < NM; i++)
                        if (listed(&M[i], root, d)) {
                            int age = age_on(M[i].birth, d);
                            c += age >= lo[b] && age <= hi[b];
                            if (b == 0) {
                                agesum += age;
                                nn++;
                            }
                        }
                    expect(r, bk[b], col, c);
                }
                expect_mean(r, "II.1.mean", col, agesum, nn);
                expect(r, "I", col, count_listed(root, d, NULL, 0));
                expect(r, "I.probationary", col, count_listed(root, d, p_prob, 0));
                expect(r, "I.female", col, count_listed(root, d, p_female, 0));
                expect(r, "I.minority", col, count_listed(root, d, p_minority, 0));
                expect(r, "I.religious", col, count_listed(root, d, p_religious, 0));
                expect(r, "I.youth", col, count_listed(root, d, p_youth, 2));
                expect(r, "I.youth.unknown", col, count_listed(root, d, p_youth, 0));
                expect_not_kept(r, "I.veteran", col);
                expect(r, "I.exempt", col, count_listed(root, d, p_exempt, 0));
                /* 2012's eras: before 8/1945, 8/1945 - 20/7/1954 ... */
                static const char *const eras12[] = {"II.2.before_1945", "II.2.1945_1954",
                                                     "II.2.1954_1975", "II.2.after_1975"};
                for (int b = 0; b < 4; b++)
                    expect(r, eras12[b], col, count_listed(root, d, p_era12, b));
                expect_not_kept(r, "II.4.illiterate", col);
                char key[64];
                for (int x = 0; x < 5; x++) {
                    snprintf(key, sizeof(key), "II.4.%s", school[x]);
                    expect(r, key, col, count_listed(root, d, p_school, x));
                }
                for (int x = 1; x < 9; x++) {
                    snprintf(key, sizeof(key), "II.5.%s", prof12[x]);
                    expect(r, key, col, count_listed(root, d, p_prof_exact, x));
                }
                expect(r, "II.6.assoc", col, count_listed(root, d, p_title, 2));
                expect(r, "II.6.prof", col, count_listed(root, d, p_title, 3));
                expect(r, "II.6.unknown", col, count_listed(root, d, p_title, 0));
                static const char *const theory12[] = {NULL, "so_cap", "trung_cap", "cao_cap"};
                for (int x = 1; x < 4; x++) {
                    snprintf(key, sizeof(key), "II.7.%s", theory12[x]);
                    expect(r, key, col, count_listed(root, d, p_theory, x));
                }
                /* "có đủ N năm tuổi Đảng": from the first decision, less m5's time out of the
                   party (struck off 01/06/2019, re-admitted by the decision of 10/06/2021; m10's
                   restoration leaves no gap) */
                static const int lo3[] = {30, 40, 50, 55, 60, 65, 70, 75, 80, 85, 90};
                for (int b = 0; b < 11; b++) {
                    int64_t c = 0;
                    for (size_t i = 0; i < NM; i++) {
                        if (!listed(&M[i], root, d))
                            continue;
                        int64_t days = d - M[i].dec;
                        if (M[i].rdec != DATE_NONE && M[i].exit < d)
                            days -= (M[i].rdec < d ? M[i].rdec : d) - M[i].exit;
                        int y = age_on(M[i].dec, M[i].dec + (tcxd_date)days);
                        c += y >= lo3[b] && (b == 10 || y < lo3[b + 1]);
                    }
                    snprintf(key, sizeof(key), "II.3.%d", lo3[b]);
                    expect(r, key, col, c);
                }
            }
            expect_compare_pct(r);
            every_cell(r);
            expect_checks_ok(r);
            form_result_free(r);

            /* 4-TCTW (id 3b) and the annex of 2-TCTW: total and share, no column of women */
            r = fill("3b", root, pers[pi], false);
            assert_string_equal(r->def->number, "4-TCTW");
            bool who[NM];
            for (size_t i = 0; i < NM; i++)
                who[i] = listed(&M[i], root, per[0].to);
            check_annex2(r, who);
            form_result_free(r);
            r = fill("2b", root, pers[pi], false);
            assert_string_equal(r->def->number, "2-TCTW (tiếp)");
            size_t n = oracle_flows(root, per[0].from, per[0].to, fl);
            memset(who, 0, sizeof(who));
            for (size_t i = 0; i < n; i++)
                if (fl[i].kind == FLOW_ADMIT || fl[i].kind == FLOW_READMIT)
                    who[fl[i].m] = true;
            check_annex2(r, who);
            form_result_free(r);
        }
    /* form 5-TCTW, by hand. 31/12/2020: Q1 has P1 (phường, đảng bộ: CB1 and CB2; m1 m6 m8 m10
       m11) and X1 (xã, chi bộ: m7 m9 m12; m2 is admitted in 2021); DN is still in Q2 (DNNN, chi
       bộ: m4), with CQ (cơ quan hành chính, đảng bộ: CB3 and CB4; m3). */
    struct form_result *r = fill("5", Q1, "2020", false);
    assert_string_equal(r->def->number, "5-TCTW");
    expect_row5_2012(r, "1", (const int64_t[]){1, 0, 1, 0, 0, 3});
    expect_row5_2012(r, "2", (const int64_t[]){1, 1, 0, 0, 2, 5});
    expect_row5_2012(r, "4", (const int64_t[]){0, 0, 0, 0, 0, 0});
    expect_row5_2012(r, "total", (const int64_t[]){2, 1, 1, 0, 2, 8});
    expect_not_kept(r, "7", 4);
    expect_checks_ok(r);
    form_result_free(r);
    r = fill("5", Q2, "2020", false);
    expect_row5_2012(r, "4", (const int64_t[]){1, 0, 1, 0, 0, 1});
    expect_row5_2012(r, "12", (const int64_t[]){1, 1, 0, 0, 2, 1});
    /* DN, CQ, and TT CA QD SN NN KH (CA: a đảng bộ bộ phận over a chi bộ; NN, a non-state
       company, is in the total only; KH has no member) */
    expect_row5_2012(r, "total", (const int64_t[]){8, 2, 6, 1, 3, 7});
    expect_checks_ok(r);
    form_result_free(r);
    r = fill("5", TP, "2020", true);
    expect_row5_2012(r, "total", (const int64_t[]){10, 3, 7, 1, 5, 15});
    expect_checks_ok(r);
    form_result_free(r);
    /* every cell, every root, against the story's organizations */
    static const char *const pers5[] = {"2020", "2021-h1"};
    for (size_t pi = 0; pi < 2; pi++)
        for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
            struct form_period p;
            struct tcxd_error e;
            must(form_period_parse(pers5[pi], &p, &e), &e);
            r = fill("5", roots[k], pers5[pi], false);
            assert_string_equal(r->def->number, "5-TCTW");
            assert_int_equal(r->nrows, sizeof(rows5_2012) / sizeof(rows5_2012[0]));
            for (size_t i = 0; i < r->nrows; i++) {
                int64_t v[6];
                org_types(roots[k], p.to, rows5_2012[i].mask, v);
                expect_not_kept(r, rows5_2012[i].key, 0);
                expect_not_kept(r, rows5_2012[i].key, 1);
                for (int c = 0; c < 6; c++)
                    if (rows5_2012[i].mask)
                        expect(r, rows5_2012[i].key, c + 2, v[c]);
                    else
                        expect_not_kept(r, rows5_2012[i].key, c + 2);
            }
            every_cell(r);
            expect_checks_ok(r);
            form_result_free(r);
        }
}

/* ---- forms 6 and 7 ------------------------------------------------------------------------ */

static void test_form6(void **state)
{
    (void)state;
    const tcxd_date end = D(2021, 12, 31), six = D(2021, 6, 30);
    for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
        int root = roots[k];
        /* collectives: every organization of the subtree but its root (a city's districts too);
           members: the list at the end */
        int64_t due[2] = {0}, done[2] = {0}, new_org = 0, new_member = 0, exempt = 0, susp = 0;
        for (int o = 0; o < NORG; o++) {
            bool in = o != root && (in_sub(root, o, end) || (root == TP && (o == Q1 || o == Q2)));
            if (!in)
                continue;
            due[0]++;
            bool rev = false;
            for (size_t i = 0; i < NREV_O; i++)
                rev |= REV_O[i] == o;
            done[0] += rev;
            new_org += !rev && o == X2; /* the only one created in 2021 */
        }
        for (size_t i = 0; i < NM; i++) {
            const struct mm *m = &M[i];
            if (!listed(m, root, end))
                continue;
            due[1]++;
            bool rev = false;
            for (size_t j = 0; j < NREV_M; j++)
                rev |= REV_M[j] == i;
            if (rev) {
                done[1]++;
                continue;
            }
            tcxd_date cer = m->rcer != DATE_NONE && m->rcer <= end ? m->rcer : m->cer;
            if (cer > six)
                new_member++;
            else if (p_exempt(m, end, 0))
                exempt++;
            else if (m->suspend && m->suspend != DATE_NONE && m->suspend <= end)
                susp++;
        }
        struct form_result *r = fill("6", root, "2021", false);
        assert_string_equal(r->def->number, "6F-BTCTW");
        for (int c = 0; c < 2; c++) {
            expect(r, "1", c, due[c]);
            expect(r, "2", c, done[c]);
            expect(r, "3", c, due[c] - done[c]);
        }
        expect(r, "3.1", 0, new_org);
        expect_empty(r, "3.1", 1);
        expect_empty(r, "3.2", 0);
        expect(r, "3.2", 1, new_member);
        expect_empty(r, "3.2.exempt", 0);
        expect(r, "3.2.exempt", 1, exempt);
        expect_empty(r, "3.2.suspended", 0);
        expect(r, "3.2.suspended", 1, susp);
        static const char *const nk[] = {"4", "4.1", "4.2", "4.3"};
        for (size_t i = 0; i < 4; i++)
            for (int c = 0; c < 2; c++)
                expect_not_kept(r, nk[i], c);
        every_cell(r);
        expect_checks_ok(r);
        form_result_free(r);
    }
    /* by hand: Q1 on 31/12/2021, collectives P1 CB1 X1 X2 DN (CB1 and X1 reviewed, X2 new);
       members: D of form 1 (10), m2 m4 m8 reviewed, m15 admitted under 6 months, m1 exempt, m12
       suspended */
    struct form_result *r = fill("6", Q1, "2021", false);
    expect(r, "1", 0, 5);
    expect(r, "1", 1, 10);
    expect(r, "2", 0, 2);
    expect(r, "2", 1, 3);
    expect(r, "3", 0, 3);
    expect(r, "3", 1, 7);
    expect(r, "3.1", 0, 1);
    expect(r, "3.2", 1, 1);
    expect(r, "3.2.exempt", 1, 1);
    expect(r, "3.2.suspended", 1, 1);
    form_result_free(r);
}

/* Commendations of organizations for form 7's section I.1: (org, date, form). TP's own (its
   children are above base: none of a-d) and Q2's giấy khen (a counts cờ and bằng khen only) are
   not counted; DN was Q2's until DN_MOVED, Q1's since. */
static const struct {
    int org, y, m, d;
    enum commend_form form;
} OCOM[] = {
    {Q1, 2021, 3, 1, COMMEND_BANG_KHEN},  {P1, 2021, 2, 3, COMMEND_CO},
    {P1, 2021, 6, 1, COMMEND_BANG_KHEN},  {CB1, 2021, 9, 2, COMMEND_GIAY_KHEN},
    {DN, 2021, 3, 15, COMMEND_GIAY_KHEN}, {DN, 2021, 7, 1, COMMEND_BANG_KHEN},
    {CB3, 2020, 6, 1, COMMEND_BANG_KHEN}, {TP, 2021, 1, 10, COMMEND_CO},
    {Q2, 2021, 4, 1, COMMEND_GIAY_KHEN},
};

static void test_form7_orgs(void **state)
{
    (void)state;
    struct tcxd_error e;
    for (size_t i = 0; i < sizeof(OCOM) / sizeof(OCOM[0]); i++)
        must(store_org_commend(st, &actor, org[OCOM[i].org], D(OCOM[i].y, OCOM[i].m, OCOM[i].d),
                               OCOM[i].form, "QĐ", "", NULL, &e),
             &e);
    /* by hand, for each root: rows a, a.flag, a.merit, b, b.flag, b.merit, b.cert, c, d,
       d.merit, d.cert in 2021 (col 0) and 2020 (col 1) */
    static const char *const keys[] = {"I.1.a",      "I.1.a.flag",  "I.1.a.merit", "I.1.b",
                                       "I.1.b.flag", "I.1.b.merit", "I.1.b.cert",  "I.1.c",
                                       "I.1.d",      "I.1.d.merit", "I.1.d.cert"};
    static const struct {
        int root;
        int64_t want[2][11];
    } cases[] = {
        {TP, {{1, 0, 1, 2, 1, 2, 1, 0, 1, 0, 1}, {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0}}},
        {Q1, {{1, 0, 1, 2, 1, 2, 0, 0, 1, 0, 1}, {0}}},
        {Q2, {{0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0}}},
        {P1, {{0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1}, {0}}},
        {CQ, {{0}, {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0}}},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        struct form_result *r = fill("7", cases[k].root, "2021", false);
        for (int col = 0; col < 2; col++)
            for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
                expect(r, keys[i], col, cases[k].want[col][i]);
        form_result_free(r);
    }
}

static void test_form7(void **state)
{
    (void)state;
    static struct oflow fl[256];
    for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
        struct form_result *r = fill("7", roots[k], "2021", false);
        for (int col = 0; col < 2; col++) {
            struct form_period p;
            struct tcxd_error e;
            must(form_period_parse(periods[col], &p, &e), &e);
            size_t n = oracle_flows(roots[k], p.from, p.to, fl);
            int64_t own_in = 0, own_out = 0, tin = 0, tout = 0;
            for (size_t i = 0; i < n; i++) {
                bool in = fl[i].kind == FLOW_IN_PROVINCE || fl[i].kind == FLOW_IN_OTHER;
                bool out = fl[i].kind == FLOW_OUT_PROVINCE || fl[i].kind == FLOW_OUT_OTHER;
                own_in += in && fl[i].own;
                own_out += out && fl[i].own;
            }
            for (size_t i = 0; i < NM; i++) {
                if (M[i].temp == DATE_NONE || M[i].temp < p.from || M[i].temp > p.to)
                    continue;
                const struct stay *home = stay_on(&M[i], M[i].temp);
                bool hin = in_sub(roots[k], home->org, M[i].temp);
                bool din = in_sub(roots[k], M[i].temp_to, M[i].temp);
                tin += din && !hin;
                tout += hin && !din;
            }
            expect(r, "IV.1", col, tin + tout);
            expect(r, "IV.1.out", col, tout);
            expect(r, "IV.1.in", col, tin);
            expect(r, "IV.2", col, own_in + own_out);
            expect(r, "IV.2.out", col, own_out);
            expect(r, "IV.2.in", col, own_in);
            /* badges, cards, commendations of members in the subtree on the day */
            int64_t badge45 = 0, card[CARD__MAX] = {0}, commend[COMMEND__MAX] = {0};
            for (size_t i = 0; i < NOEV; i++) {
                if (OEV[i].d < p.from || OEV[i].d > p.to ||
                    !listed(&M[OEV[i].m], roots[k], OEV[i].d))
                    continue;
                if (OEV[i].kind == FLOW_BADGE)
                    badge45 += OEV[i].form == 45;
                else if (OEV[i].kind == FLOW_CARD)
                    card[OEV[i].form]++;
                else
                    commend[OEV[i].form]++;
            }
            static const int years[] = {30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90};
            for (size_t y = 0; y < sizeof(years) / sizeof(years[0]); y++) {
                char key[16];
                snprintf(key, sizeof(key), "II.%d", years[y]);
                int64_t b = 0;
                for (size_t i = 0; i < NOEV; i++)
                    b += OEV[i].kind == FLOW_BADGE && OEV[i].form == years[y] &&
                         OEV[i].d >= p.from && OEV[i].d <= p.to &&
                         listed(&M[OEV[i].m], roots[k], OEV[i].d);
                expect(r, key, col, b);
            }
            assert_true(badge45 <= 1);
            expect(r, "III.1", col, card[CARD_ISSUED]);
            expect(r, "III.2", col, card[CARD_REISSUED_LOST]);
            expect(r, "III.3", col, card[CARD_EXCHANGED]);
            expect(r, "I.2", col, commend[COMMEND_BANG_KHEN] + commend[COMMEND_GIAY_KHEN]);
            expect(r, "I.2.merit", col, commend[COMMEND_BANG_KHEN]);
            expect(r, "I.2.cert", col, commend[COMMEND_GIAY_KHEN]);
            /* the organizations' commendations: none yet (test_form7_orgs records them) */
            static const char *const orgc[] = {
                "I.1.a",       "I.1.a.flag",  "I.1.a.merit", "I.1.b",       "I.1.b.flag",
                "I.1.b.merit", "I.1.b.cert",  "I.1.c",       "I.1.c.merit", "I.1.c.cert",
                "I.1.d",       "I.1.d.merit", "I.1.d.cert"};
            for (size_t i = 0; i < sizeof(orgc) / sizeof(orgc[0]); i++)
                expect(r, orgc[i], col, 0);
            /* what tcxd does not keep: irregular transfers */
            static const char *const nk[] = {"IV.3.in", "IV.3.out", "IV.3.fake"};
            for (size_t i = 0; i < sizeof(nk) / sizeof(nk[0]); i++)
                expect_not_kept(r, nk[i], col);
        }
        expect_compare_pct(r);
        every_cell(r);
        expect_checks_ok(r);
        form_result_free(r);
    }
    /* by hand: Q1 sent m12 temporarily and m8 (own) and m9 (out of the database) officially;
       m1's 45-year badge, m8's bằng khen; Q2: m4's card exchanged (DN in Q2 until May), m3's
       first card, m14's giấy khen; 2020: m9's card re-issued in Q1 */
    struct form_result *r = fill("7", Q1, "2021", false);
    expect(r, "II.45", 0, 1);
    expect(r, "I.2.merit", 0, 1);
    expect(r, "III.2", 1, 1);
    expect(r, "III.3", 0, 0);
    expect(r, "IV.1.out", 0, 1);
    expect(r, "IV.2.out", 0, 2);
    expect(r, "IV.2.in", 0, 0);
    form_result_free(r);
    r = fill("7", Q2, "2021", false);
    expect(r, "III.1", 0, 1);
    expect(r, "III.3", 0, 1);
    expect(r, "I.2.cert", 0, 1);
    expect(r, "IV.1.in", 0, 1);
    expect(r, "IV.2.in", 0, 1);
    form_result_free(r);
}

/* ---- the engine's facts give the same cells ------------------------------------------------- */

static struct form_result *fill_with(const char *form, int root, const char *period,
                                     const char *engine)
{
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct form_period p;
    must(form_period_parse(period, &p, &e), &e);
    const struct form_def *def;
    must(form_def_find(form, p.to, &def, &e), &e);
    struct form_opts o = {.engine = engine};
    struct form_result *r = NULL;
    must(form_fill(st, def, org[root], &p, &o, &r, &e), &e);
    return r;
}

static void test_engine_same(void **state)
{
    (void)state;
    static const char *const forms[] = {"1", "2", "2b", "3", "3b", "5", "6", "7"};
    static const char *const pers[] = {"2021", "2020", "2021-h2", "2021-q3"};
    int compared = 0;
    for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
        for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++)
            for (size_t p = 0; p < sizeof(pers) / sizeof(pers[0]); p++) {
                struct form_result *a = fill_with(forms[f], roots[k], pers[p], "store");
                struct form_result *b = fill_with(forms[f], roots[k], pers[p], "engine");
                if (a->nrows != b->nrows)
                    fail_msg("form %s %s %s: %zu rows (store) vs %zu (engine)", forms[f],
                             org_code[roots[k]], pers[p], a->nrows, b->nrows);
                for (size_t i = 0; i < a->nrows; i++) {
                    assert_string_equal(a->rows[i].key, b->rows[i].key);
                    for (size_t c = 0; c < a->def->ncols; c++) {
                        const struct form_value *x = &a->rows[i].v[c], *y = &b->rows[i].v[c];
                        if (x->kind != y->kind || x->n != y->n ||
                            (int64_t)(x->x * 1000) != (int64_t)(y->x * 1000))
                            fail_msg("form %s %s %s row %s col %zu: store %d/%lld/%.3f, engine "
                                     "%d/%lld/%.3f",
                                     forms[f], org_code[roots[k]], pers[p], a->rows[i].key, c,
                                     x->kind, (long long)x->n, x->x, y->kind, (long long)y->n,
                                     y->x);
                        compared++;
                    }
                }
                form_result_free(a);
                form_result_free(b);
            }
    assert_true(compared > 1000);
}

/* ---- the cache file of the facts ------------------------------------------------------------ */

static void same_cells(const struct form_result *a, const struct form_result *b)
{
    assert_int_equal(a->nrows, b->nrows);
    for (size_t i = 0; i < a->nrows; i++)
        for (size_t c = 0; c < a->def->ncols; c++) {
            const struct form_value *x = &a->rows[i].v[c], *y = &b->rows[i].v[c];
            if (x->kind != y->kind || x->n != y->n ||
                (int64_t)(x->x * 1000) != (int64_t)(y->x * 1000))
                fail_msg("form %s row %s col %zu: %lld without the cache, %lld with it",
                         a->def->number, a->rows[i].key, c, (long long)x->n, (long long)y->n);
        }
}

static void test_cache(void **state)
{
    (void)state;
    struct buf path = BUF_INIT;
    facts_store_cache_path(st, &path);
    static const char *const forms[] = {"1", "2", "3", "5", "7"};
    /* without the cache (the store's replay) and with it: the same cells */
    for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
        for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
            setenv("TCXD_FORMS_CACHE", "0", 1);
            struct form_result *a = fill(forms[f], roots[k], "2021", false);
            unsetenv("TCXD_FORMS_CACHE");
            struct form_result *b = fill(forms[f], roots[k], "2021", false);
            same_cells(a, b);
            form_result_free(a);
            form_result_free(b);
        }
    assert_int_equal(access(path.ptr, R_OK), 0);
    /* a damaged file is not trusted: the facts are read again (and the file rewritten) */
    struct form_result *a = fill("3", TP, "2021", false);
    FILE *fp = fopen(path.ptr, "r+b");
    assert_non_null(fp);
    fseek(fp, 40, SEEK_SET);
    fputs("garbage garbage garbage", fp);
    fclose(fp);
    struct form_result *b = fill("3", TP, "2021", false);
    same_cells(a, b);
    form_result_free(b);
    assert_int_equal(truncate(path.ptr, 100), 0);
    b = fill("3", TP, "2021", false);
    same_cells(a, b);
    form_result_free(b);
    /* a change of the database makes the file stale: a member admitted now is counted */
    struct tcxd_error e;
    tcxd_error_clear(&e);
    admitting = NULL;
    int64_t id = admit("Người Mới Vào", true, D(1999, 9, 9), "Kinh", "Không", "12/12", "Đại học",
                       "", org[X1], D(2021, 12, 1), D(2021, 12, 3));
    b = fill("3", TP, "2021", false);
    assert_int_equal(form_result_row(b, "I")->v[0].n, form_result_row(a, "I")->v[0].n + 1);
    assert_int_equal(form_result_row(b, "I.female")->v[0].n,
                     form_result_row(a, "I.female")->v[0].n + 1);
    form_result_free(b);
    /* and that member leaving again: the file of the state with the member is stale too */
    struct member_event x = {.kind = MEV_EXIT,
                             .date = D(2021, 12, 20),
                             .decision_date = D(2021, 12, 20),
                             .form = EXIT_XIN_RA,
                             .until = DATE_NONE};
    must(store_member_event(st, &actor, id, &x, "QĐ", "", &e), &e);
    b = fill("3", TP, "2021", false);
    same_cells(a, b);
    form_result_free(b);
    form_result_free(a);

    /* members changed after the file was written: the file is kept (same inode and time) and
       only they are read again - the cells still equal the replay's, for every form and root */
    struct stat s0, s1;
    assert_int_equal(stat(path.ptr, &s0), 0);
    ev(M[3].id, MEV_CARD, D(2021, 12, 5), 0, CARD_ISSUED, DATE_NONE, D(2021, 12, 5));
    must(store_member_event_cancel(st, &actor, M[3].id, last_event_id(M[3].id, MEV_CARD),
                                   "nhập nhầm", &e),
         &e);
    ev(M[7].id, MEV_COMMEND, D(2021, 12, 6), 0, COMMEND_GIAY_KHEN, DATE_NONE, D(2021, 12, 6));
    ev(M[13].id, MEV_EXIT, D(2021, 12, 7), 0, EXIT_XIN_RA, DATE_NONE, D(2021, 12, 7));
    int64_t late = admit("Người Vào Sau", false, D(1997, 7, 7), "Thái", "Không", "12/12",
                         "Cao đẳng", "", org[TT], D(2021, 12, 8), D(2021, 12, 10));
    (void)late;
    static const char *const all_forms[] = {"1", "2", "2b", "3", "3b", "5", "6", "7"};
    for (int round = 0; round < 2; round++) {
        for (size_t f = 0; f < sizeof(all_forms) / sizeof(all_forms[0]); f++)
            for (size_t k = 0; k < sizeof(roots) / sizeof(roots[0]); k++) {
                setenv("TCXD_FORMS_CACHE", "0", 1);
                a = fill(all_forms[f], roots[k], "2021", false);
                unsetenv("TCXD_FORMS_CACHE");
                b = fill(all_forms[f], roots[k], "2021", false);
                same_cells(a, b);
                form_result_free(a);
                form_result_free(b);
            }
        assert_int_equal(stat(path.ptr, &s1), 0);
        if (round == 0) {
            /* patched, not rewritten */
            assert_true(s1.st_ino == s0.st_ino && s1.st_mtim.tv_sec == s0.st_mtim.tv_sec &&
                        s1.st_mtim.tv_nsec == s0.st_mtim.tv_nsec);
            /* an organization's change is not a member's: the file is rebuilt */
            must(store_org_move(st, &actor, org[KH], org[Q1], D(2021, 12, 20), "6-QĐ", &e), &e);
            s0 = s1;
        } else {
            assert_true(s1.st_ino != s0.st_ino || s1.st_mtim.tv_sec != s0.st_mtim.tv_sec ||
                        s1.st_mtim.tv_nsec != s0.st_mtim.tv_nsec);
        }
    }
    buf_release(&path);
}

/* ---- organization changes ---------------------------------------------------------------- */

static void test_org_changes(void **state)
{
    (void)state;
    /* by hand, 2021: X2 created in Q1; DN (a base organization) moved Q2 -> Q1; CB2 merged into
       CB1 (inside Q1), CB3 (Q2) merged into CB1 (Q1) */
    struct tcxd_error e;
    tcxd_error_clear(&e);
    struct form_period p;
    must(form_period_parse("2021", &p, &e), &e);
    struct form_flow_counts c;
    struct buf b = BUF_INIT;
    must(form_flows(st, org[Q1], &p, &c, &b, &e), &e);
    assert_int_equal(c.orgs[ORGCH_CREATED], 1);
    assert_int_equal(c.base_orgs[ORGCH_CREATED], 1);
    assert_int_equal(c.orgs[ORGCH_MERGED], 1);
    assert_int_equal(c.base_orgs[ORGCH_RECEIVED], 1);
    assert_int_equal(c.base_orgs[ORGCH_HANDED_OVER], 0);
    assert_int_equal(c.base_orgs[ORGCH_MOVED_INSIDE], 0);
    assert_non_null(strstr(b.ptr, "tiếp nhận 1 tổ chức cơ sở đảng từ ngoài về trực thuộc"));
    /* the flows of the same story: 3 admissions in Q1 in 2021 against 1 in 2020 */
    assert_non_null(
        strstr(b.ptr, "kết nạp được 3 đảng viên (bằng 300,0% so với cùng kỳ năm 2020)"));
    buf_reset(&b);
    must(form_flows(st, org[Q2], &p, &c, &b, &e), &e);
    assert_int_equal(c.base_orgs[ORGCH_HANDED_OVER], 1);
    assert_int_equal(c.orgs[ORGCH_MERGED], 1);
    assert_int_equal(c.orgs[ORGCH_CREATED], 0);
    buf_reset(&b);
    must(form_flows(st, org[TP], &p, &c, &b, &e), &e);
    assert_int_equal(c.base_orgs[ORGCH_MOVED_INSIDE], 1);
    assert_int_equal(c.base_orgs[ORGCH_RECEIVED], 0);
    assert_int_equal(c.orgs[ORGCH_MERGED], 2);
    assert_non_null(strstr(b.ptr, "chuyển giao, tiếp nhận 1 tổ chức cơ sở đảng trong nội bộ"));
    buf_release(&b);
}

/* ---- periods, errors ------------------------------------------------------------------------ */

static void test_periods(void **state)
{
    (void)state;
    struct tcxd_error e;
    struct form_period p, q;
    must(form_period_parse("2022-h1", &p, &e), &e);
    assert_int_equal(p.from, D(2022, 1, 1));
    assert_int_equal(p.to, D(2022, 6, 30));
    assert_string_equal(p.label, "6 tháng đầu năm 2022");
    form_period_prev_year(&p, &q);
    assert_int_equal(q.from, D(2021, 1, 1));
    assert_int_equal(q.to, D(2021, 6, 30));
    must(form_period_parse("2021-Q2", &p, &e), &e);
    assert_int_equal(p.to, D(2021, 6, 30));
    assert_string_equal(p.label, "Quý II năm 2021");
    must(form_period_parse("2024-q1", &p, &e), &e);
    assert_int_equal(p.to, D(2024, 3, 31));
    must(form_period_parse("01/03/2021..15/06/2021", &p, &e), &e);
    assert_int_equal(p.from, D(2021, 3, 1));
    assert_int_equal(p.to, D(2021, 6, 15));
    form_period_prev_year(&p, &q);
    assert_int_equal(q.from, D(2020, 3, 1));
    assert_int_equal(q.to, D(2020, 6, 15));
    assert_int_equal(form_period_parse("2021-h3", &p, &e), TCXD_EINVAL);
    assert_string_equal(e.field, "period");
    assert_int_equal(form_period_parse("15/06/2021..01/03/2021", &p, &e), TCXD_EINVAL);
    assert_int_equal(form_period_parse("", &p, &e), TCXD_EINVAL);
    const struct form_def *d;
    assert_int_equal(form_def_find("4", D(2021, 1, 1), &d, &e), TCXD_ENOTFOUND);
    assert_int_equal(form_def_find("1", D(2010, 1, 1), &d, &e), TCXD_ENOTFOUND);
    must(form_def_find("1-BTCTW", D(2022, 1, 1), &d, &e), &e);
    assert_string_equal(d->id, "1");
    /* the definition is chosen by the period's end: the 2012 set up to 12/12/2021, the current
       set from 13/12/2021 (11-HD/BTCTW); forms 6F and 7 have no 2012 counterpart defined */
    assert_int_equal(form_def_find("1-BTCTW", D(2021, 1, 1), &d, &e), TCXD_ENOTFOUND);
    const struct {
        const char *id;
        tcxd_date to;
        const char *number;
    } pick[] = {{"1", D(2021, 12, 12), "1-TCTW"},        {"1", D(2021, 12, 13), "1-BTCTW"},
                {"1", D(2012, 5, 17), "1-TCTW"},         {"2", D(2020, 6, 30), "2-TCTW"},
                {"2b", D(2020, 6, 30), "2-TCTW (tiếp)"}, {"3", D(2019, 12, 31), "3-TCTW"},
                {"3b", D(2019, 12, 31), "4-TCTW"},       {"5", D(2020, 12, 31), "5-TCTW"},
                {"5", D(2022, 6, 30), "5-BTCTW"},        {"6", D(2020, 12, 31), "6F-BTCTW"},
                {"7", D(2020, 12, 31), "7-BTCTW"},       {"1-TCTW", D(2015, 12, 31), "1-TCTW"}};
    for (size_t i = 0; i < sizeof(pick) / sizeof(pick[0]); i++) {
        must(form_def_find(pick[i].id, pick[i].to, &d, &e), &e);
        assert_string_equal(d->number, pick[i].number);
    }
    assert_int_equal(form_def_find("1", D(2012, 5, 16), &d, &e), TCXD_ENOTFOUND);
    assert_int_equal(form_def_find("1-TCTW", D(2022, 1, 1), &d, &e), TCXD_ENOTFOUND);
    assert_int_equal(form_school_level("12/12"), SCHOOL_UPPER);
    assert_int_equal(form_school_level("9/12"), SCHOOL_LOWER);
    assert_int_equal(form_school_level("7/10"), SCHOOL_LOWER);
    assert_int_equal(form_school_level("4/10"), SCHOOL_PRIMARY);
    assert_int_equal(form_school_level("Trung học phổ thông"), SCHOOL_UPPER);
    assert_int_equal(form_prof_level("Thạc sĩ"), PROF_MASTER);
    assert_int_equal(form_prof_level("Cử nhân"), PROF_BACHELOR);
    assert_int_equal(form_prof_level("Tiến sĩ khoa học"), PROF_DOCTOR_SCI);
    assert_int_equal(form_prof_level(""), PROF_UNKNOWN);
    assert_int_equal(form_prof_level("Không"), PROF_NONE);
    /* a coded level wins over the text's */
    assert_int_equal(form_school_of(2, SCHOOL_UPPER), SCHOOL_PRIMARY);
    assert_int_equal(form_school_of(0, SCHOOL_UPPER), SCHOOL_UPPER);
    assert_int_equal(form_prof_of(8, PROF_NONE), PROF_DOCTOR_SCI);
    assert_int_equal(form_prof_of(1, PROF_MASTER), PROF_NONE);
    assert_int_equal(form_prof_of(6, PROF_UNKNOWN), PROF_MASTER);
    assert_int_equal(form_prof_of(0, PROF_COLLEGE), PROF_COLLEGE);
}

/* ---- the sentence ------------------------------------------------------------------------ */

static void test_sentence(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof(path), "%s/s.db", dir);
    struct store *s2;
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(store_open(path, STORE_CREATE, &s2, &e), &e);
    struct store *keep = st;
    st = s2;
    int saved[2] = {org[TP], org[X1]};
    mk(TP, "Đảng bộ thành phố Một", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, -1, D(1990, 1, 1));
    mk(Q1, "Đảng bộ quận Một", ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO, 0, TP, D(1990, 1, 1));
    mk(X1, "Chi bộ xã Một", ORG_TIER_BASE, ORG_FORM_CHI_BO, ORG_BASE_XA, Q1, D(1990, 1, 1));
    admitting = NULL;
    must(store_begin(st, &e), &e);
    const int want[2] = {4688, 5030};
    for (int y = 0; y < 2; y++)
        for (int i = 0; i < want[y]; i++) {
            char name[64];
            snprintf(name, sizeof(name), "Người Thứ %d %d", y, i);
            tcxd_date dec = D(2021 + y, 1, 2) + (tcxd_date)(i % 170);
            admit(name, i % 2, D(1990, 1, 1) + (tcxd_date)(i % 3000), "Kinh", "Không", "12/12",
                  "Đại học", "", org[X1], dec, dec + 3);
        }
    must(store_commit(st, &e), &e);
    struct form_period p;
    must(form_period_parse("2022-h1", &p, &e), &e);
    struct form_flow_counts c;
    struct buf b = BUF_INIT;
    must(form_flows(st, org[TP], &p, &c, &b, &e), &e);
    int tenths = (int)(((int64_t)want[1] * 2000 / want[0] + 1) / 2);
    char expected[160];
    snprintf(expected, sizeof(expected),
             "kết nạp được %d.%03d đảng viên (bằng %d,%d%% so với cùng kỳ năm 2021)",
             want[1] / 1000, want[1] % 1000, tenths / 10, tenths % 10);
    if (!strstr(b.ptr, expected))
        fail_msg("sentence '%s' lacks '%s'", b.ptr, expected);
    assert_non_null(strstr(expected, "107,3%")); /* the seed's figure */
    assert_non_null(strstr(b.ptr, "Trong 6 tháng đầu năm 2022, Đảng bộ thành phố Một"));
    assert_int_equal(c.n[FLOW_ADMIT], want[1]);
    assert_int_equal(c.prev[FLOW_ADMIT], want[0]);
    buf_release(&b);
    store_close(s2);
    st = keep;
    org[TP] = saved[0];
    org[X1] = saved[1];
    /* the Q1 of the city has its own id again for the other tests */
    struct org_info oi;
    must(store_org_by_code(st, org_code[Q1], D(2021, 12, 31), &oi, &e), &e);
    org[Q1] = oi.id;
}

/* ---- renderings ---------------------------------------------------------------------------- */

struct cells {
    char **v;
    long *row;
    size_t n, cap;
};

static int on_row(void *ctx, const struct io_table_info *info, const struct io_row *row)
{
    (void)info;
    struct cells *c = ctx;
    for (size_t i = 0; i < row->n; i++) {
        if (!row->cells[i].len)
            continue;
        ALLOC_GROW(c->v, c->n + 1, c->cap);
        c->row = xreallocarray(c->row, c->cap, sizeof(*c->row));
        c->v[c->n] = xstrndup(row->cells[i].ptr, row->cells[i].len);
        c->row[c->n++] = row->line;
    }
    return 0;
}

static bool has_cell(const struct cells *c, const char *s)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i], s))
            return true;
    return false;
}

static bool has_cell_with(const struct cells *c, const char *s)
{
    for (size_t i = 0; i < c->n; i++)
        if (strstr(c->v[i], s))
            return true;
    return false;
}

static void test_xlsx(void **state)
{
    (void)state;
    struct form_result *r = fill("1", Q1, "2021", false);
    char path[400];
    snprintf(path, sizeof(path), "%s/f1.xlsx", dir);
    struct tcxd_error e;
    tcxd_error_clear(&e);
    must(form_write_xlsx(r, path, &e), &e);
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    struct buf data = BUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
        buf_add(&data, chunk, n);
    fclose(fp);
    struct cells c = {0};
    must(io_xlsx_read(data.ptr, data.len, on_row, &c, NULL, NULL, &e), &e);
    assert_true(has_cell(&c, "BAN TỔ CHỨC"));
    assert_true(has_cell(&c, "QUẬN ỦY MỘT"));
    assert_true(has_cell(&c, "Biểu số 1-BTCTW"));
    assert_true(has_cell(&c, "THỐNG KÊ"));
    assert_true(has_cell(&c, "TĂNG, GIẢM ĐẢNG VIÊN"));
    assert_true(has_cell(&c, "NĂM 2021"));
    assert_true(has_cell(&c, "Kỳ này"));
    assert_true(has_cell(&c, "Cùng kỳ năm trước"));
    assert_true(has_cell(&c, "NGƯỜI LẬP BIỂU"));
    assert_true(has_cell(&c, "TRƯỞNG BAN"));
    assert_true(has_cell_with(&c, "Ký, đóng dấu, ghi rõ họ và tên"));
    for (size_t i = 0; i < r->def->nrows; i++)
        if (!has_cell_with(&c, r->def->rows[i].label))
            fail_msg("row label '%s' missing from the XLSX", r->def->rows[i].label);
    /* the numbering row: 1 | 2 | 3 | 4(=2*100/3) on one line, in that order */
    bool numbering = false;
    for (size_t i = 0; i + 3 < c.n; i++)
        if (!strcmp(c.v[i], "1") && !strcmp(c.v[i + 1], "2") && !strcmp(c.v[i + 2], "3") &&
            !strcmp(c.v[i + 3], "4(=2*100/3)") && c.row[i] == c.row[i + 3])
            numbering = true;
    assert_true(numbering);
    /* merged cells as on paper */
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
    assert_non_null(z);
    zip_file_t *zf = zip_fopen(z, "xl/worksheets/sheet1.xml", 0);
    assert_non_null(zf);
    struct buf xml = BUF_INIT;
    zip_int64_t k;
    while ((k = zip_fread(zf, chunk, sizeof(chunk))) > 0)
        buf_add(&xml, chunk, (size_t)k);
    zip_fclose(zf);
    zip_close(z);
    static const char *const merges[] = {"C1:D1", "A4:D4", "A5:D5", "A6:D6",
                                         "A8:A9", "B8:C8", "D8:D9"};
    for (size_t i = 0; i < sizeof(merges) / sizeof(merges[0]); i++) {
        char want[64];
        snprintf(want, sizeof(want), "<mergeCell ref=\"%s\"/>", merges[i]);
        if (!strstr(xml.ptr, want))
            fail_msg("merged cell %s missing", merges[i]);
    }
    buf_release(&xml);
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i]);
    free(c.v);
    free(c.row);

    /* CSV and JSON carry the same cells */
    struct buf csv = BUF_INIT;
    form_render_csv(r, &csv);
    char line[160];
    snprintf(line, sizeof(line), "1-BTCTW,D,D - Đảng viên trong danh sách cuối kỳ báo cáo,%lld,",
             (long long)form_result_row(r, "D")->v[0].n);
    assert_non_null(strstr(csv.ptr, line));
    buf_release(&csv);
    json_t *j = form_json(r);
    json_t *rows = json_object_get(j, "rows");
    size_t i;
    json_t *row;
    bool found = false;
    json_array_foreach(rows, i, row)
    {
        if (!strcmp(json_string_value(json_object_get(row, "key")), "B.3")) {
            assert_int_equal(json_integer_value(json_array_get(json_object_get(row, "values"), 0)),
                             1);
            found = true;
        }
        if (!strcmp(json_string_value(json_object_get(row, "key")), "A"))
            assert_int_equal(json_integer_value(json_array_get(json_object_get(row, "values"), 0)),
                             8);
    }
    assert_true(found);
    json_decref(j);
    form_result_free(r);

    /* every definition: the XLSX reads back with its number, title, footer and every row label */
    size_t ndefs;
    const struct form_def *const *defs = form_defs(&ndefs);
    for (size_t q = 0; q < ndefs; q++) {
        r = fill(defs[q]->id, Q1, strcmp(defs[q]->valid_to, "2021-12-31") < 0 ? "2020" : "2021",
                 false);
        snprintf(path, sizeof(path), "%s/f%zu.xlsx", dir, q);
        must(form_write_xlsx(r, path, &e), &e);
        fp = fopen(path, "rb");
        assert_non_null(fp);
        buf_reset(&data);
        while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
            buf_add(&data, chunk, n);
        fclose(fp);
        struct cells c2 = {0};
        must(io_xlsx_read(data.ptr, data.len, on_row, &c2, NULL, NULL, &e), &e);
        char want[160];
        snprintf(want, sizeof(want), "Biểu số %s", defs[q]->number);
        if (!has_cell(&c2, want))
            fail_msg("XLSX of %s: no '%s'", defs[q]->number, want);
        assert_true(has_cell(&c2, defs[q]->title));
        assert_true(has_cell(&c2, "NGƯỜI LẬP BIỂU"));
        for (size_t x = 0; x < r->nrows; x++)
            if (!has_cell_with(&c2, r->rows[x].label))
                fail_msg("XLSX of %s: row label '%s' missing", defs[q]->number, r->rows[x].label);
        for (size_t x = 0; x < c2.n; x++)
            free(c2.v[x]);
        free(c2.v);
        free(c2.row);
        form_result_free(r);
    }
    buf_release(&data);
}

/* whitespace runs become one space (pdftotext breaks long labels over lines) */
static void squeeze(char *s)
{
    char *w = s;
    bool sp = false;
    for (char *r = s; *r; r++) {
        bool ws = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\f' || *r == '\r';
        if (ws) {
            if (!sp && w != s)
                *w++ = ' ';
            sp = true;
        } else {
            *w++ = *r;
            sp = false;
        }
    }
    *w = 0;
}

/* A period the definition applies to: 2021 for the current set, 2020 for the 2012 set. */
static const char *period_of(const struct form_def *d)
{
    return strcmp(d->valid_to, "2021-12-31") < 0 ? "2020" : "2021";
}

static void test_pdf(void **state)
{
    (void)state;
    size_t ndefs;
    const struct form_def *const *defs = form_defs(&ndefs);
    assert_true(ndefs >= 14);
    for (size_t k = 0; k < ndefs; k++) {
        struct form_result *r = fill(defs[k]->id, Q1, period_of(defs[k]), false);
        assert_string_equal(r->def->number, defs[k]->number);
        const char *forms[] = {defs[k]->number};
        size_t fk = 0;
        char pdf[400], cmd[1000];
        snprintf(pdf, sizeof(pdf), "%s/f%zu.pdf", dir, k);
        struct tcxd_error e;
        tcxd_error_clear(&e);
        must(form_write_pdf(r, pdf, &e), &e);
        /* it renders */
        snprintf(cmd, sizeof(cmd), "pdftoppm -r 30 -png '%s' '%s/page' >/dev/null 2>&1", pdf, dir);
        assert_int_equal(system(cmd), 0);
        snprintf(cmd, sizeof(cmd), "pdftotext '%s' - 2>/dev/null", pdf);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        struct buf t = BUF_INIT;
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
            buf_add(&t, chunk, n);
        assert_int_equal(pclose(p), 0);
        squeeze(t.ptr);
        char want[1200];
        for (size_t i = 0; i < r->nrows; i++) {
            snprintf(want, sizeof(want), "%s", r->rows[i].label);
            squeeze(want);
            if (!strstr(t.ptr, want))
                fail_msg("form %s: row label '%s' not in the PDF text", forms[fk], want);
        }
        const char *const fixed[] = {"BAN TỔ CHỨC", "THỐNG KÊ", "NGƯỜI LẬP BIỂU", "TRƯỞNG BAN",
                                     strcmp(period_of(defs[k]), "2020") ? "NĂM 2021" : "NĂM 2020"};
        for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
            if (!strstr(t.ptr, fixed[i]))
                fail_msg("form %s: '%s' not in the PDF text", forms[fk], fixed[i]);
        snprintf(want, sizeof(want), "Biểu số %s", r->def->number);
        assert_non_null(strstr(t.ptr, want));
        buf_release(&t);
        form_result_free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_periods),     cmocka_unit_test(test_form1),
        cmocka_unit_test(test_form2),       cmocka_unit_test(test_form3),
        cmocka_unit_test(test_form5),       cmocka_unit_test(test_tctw2012),
        cmocka_unit_test(test_form6),       cmocka_unit_test(test_form7),
        cmocka_unit_test(test_form7_orgs),  cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_pdf),         cmocka_unit_test(test_org_changes),
        cmocka_unit_test(test_engine_same), cmocka_unit_test(test_cache),
        cmocka_unit_test(test_sentence),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
