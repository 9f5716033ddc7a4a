/*
 * columns.c - column tables and header matching for import and export.
 */
#include "io/columns.h"

#include <string.h>

#include "text/text.h"

const struct io_column io_member_columns[MC__MAX] = {
    [MC_FULL_NAME] = {"full_name", "Họ và tên", "họ tên|name|tên đảng viên", IO_COL_REQUIRED},
    [MC_GENDER] = {"gender", "Giới tính", "nam nữ|sex", IO_COL_REQUIRED},
    [MC_BIRTH_DATE] = {"birth_date", "Ngày sinh",
                       "ngày tháng năm sinh|sinh ngày|date of birth|birth",
                       IO_COL_REQUIRED | IO_COL_DATE},
    [MC_ETHNICITY] = {"ethnicity", "Dân tộc", "", 0},
    [MC_RELIGION] = {"religion", "Tôn giáo", "", 0},
    [MC_HOMETOWN] = {"hometown", "Quê quán", "nguyên quán", 0},
    [MC_NATIONAL_ID] = {"national_id", "Số CCCD",
                        "cccd|số căn cước|số căn cước công dân|số định danh|số định danh cá "
                        "nhân|số cccd cmnd|cccd cmnd|national id no",
                        0},
    [MC_EDUCATION] = {"education", "Trình độ học vấn",
                      "học vấn|giáo dục phổ thông|trình độ giáo dục phổ thông|văn hóa|trình độ "
                      "văn hóa",
                      0},
    [MC_PROFESSIONAL] = {"professional_level", "Chuyên môn",
                         "trình độ chuyên môn|chuyên môn nghiệp vụ|trình độ chuyên môn nghiệp vụ",
                         0},
    [MC_THEORY] = {"theory_level", "Lý luận chính trị",
                   "trình độ lý luận chính trị|lý luận|llct|theory", 0},
    [MC_DECISION_DATE] = {"admission_decision_date", "Ngày quyết định kết nạp",
                          "ngày qđ kết nạp|ngày quyết định|decision date|admission date",
                          IO_COL_DATE}, /* or the ceremony's date alone */
    [MC_CEREMONY_DATE] = {"ceremony_date", "Ngày kết nạp",
                          "ngày vào đảng|ngày kết nạp đảng|ngày lễ kết nạp", IO_COL_DATE},
    [MC_OFFICIAL_DATE] = {"official_decision_date", "Ngày chính thức",
                          "official date|ngày công nhận chính thức|ngày quyết định chính "
                          "thức|ngày qđ chính thức|ngày chuyển chính thức",
                          IO_COL_DATE},
    [MC_PARTY_CARD] = {"party_card_no", "Số thẻ đảng viên", "số thẻ đảng|số thẻ|thẻ đảng viên", 0},
    [MC_ORG] = {"org", "Chi bộ", "mã chi bộ|chi bộ sinh hoạt|org code|chi bo code",
                IO_COL_REQUIRED},
    [MC_DECISION_NO] = {"decision_no", "Số quyết định",
                        "số quyết định kết nạp|số qđ|số qđ kết nạp|decision number", 0},
    [MC_OFFICIAL_NO] = {"official_decision_no", "Số quyết định chính thức",
                        "số qđ chính thức|số quyết định công nhận chính thức", 0},
    [MC_ADMISSION_ORG] = {"admission_org", "Chi bộ khi kết nạp",
                          "chi bộ kết nạp|mã chi bộ khi kết nạp|mã chi bộ kết nạp|admission org",
                          0},
    [MC_ARRIVAL_DATE] = {"arrival_date", "Ngày chuyển đến",
                         "ngày chuyển sinh hoạt đến|ngày chuyển sinh hoạt|ngày đến|arrived on",
                         IO_COL_DATE},
    [MC_ADMISSION_PLACE] = {"admission_place", "Nơi kết nạp",
                            "nơi vào đảng|chi bộ kết nạp ngoài|admitted at", 0},
    [MC_ARRIVAL_SCOPE] = {"arrival_scope", "Chuyển đến từ",
                          "phạm vi chuyển đến|chuyển đến từ đâu|arrived from scope", 0},
    [MC_ARRIVAL_FROM] = {"arrival_from", "Nơi chuyển đến từ",
                         "nơi sinh hoạt trước|chuyển từ đảng bộ|arrived from", 0},
    [MC_ARRIVAL_DECISION_DATE] = {"arrival_decision_date", "Ngày quyết định chuyển đến",
                                  "ngày qđ chuyển sinh hoạt|ngày quyết định chuyển sinh hoạt",
                                  IO_COL_DATE},
    [MC_ARRIVAL_DECISION_NO] = {"arrival_decision_no", "Số quyết định chuyển đến",
                                "số qđ chuyển sinh hoạt|số quyết định chuyển sinh hoạt", 0},
/* clang-format off */
#define MC_PROFILE_COL(ID, cname, key, label, ...) [MC_##ID] = {key, label, "", 0},
    MEMBER_PROFILE_FIELDS(MC_PROFILE_COL)
#undef MC_PROFILE_COL
    [MC_HISTORY] = {"history", "Diễn biến khác", "quá trình|các sự kiện khác|sự kiện|events", 0},
    /* clang-format on */
};
_Static_assert(MC_HISTORY - MC_FIRST_PROFILE == MF__MAX - MF_OTHER_NAME,
               "a column for each profile field");

const struct io_column io_org_columns[OC__MAX] = {
    [OC_CODE] = {"code", "Mã", "mã tổ chức|mã tổ chức đảng|mã đơn vị", IO_COL_REQUIRED},
    [OC_NAME] = {"name", "Tên", "tên tổ chức|tên tổ chức đảng|tên đơn vị", IO_COL_REQUIRED},
    [OC_KIND] = {"kind", "Loại tổ chức", "loại tổ chức đảng", 0},
    [OC_PARENT] = {"parent", "Cấp trên", "mã cấp trên|trực thuộc|cấp ủy cấp trên|parent code", 0},
    [OC_BASE_TYPE] = {"base_type", "Loại hình", "loại hình cơ sở|loại hình tổ chức cơ sở đảng", 0},
    [OC_DATE] = {"date", "Ngày thành lập", "ngày|created on|founded",
                 IO_COL_REQUIRED | IO_COL_DATE},
    [OC_DECISION_NO] = {"decision_no", "Số quyết định",
                        "số qđ|số qđ thành lập|số quyết định thành lập", 0},
    [OC_TIER] = {"tier", "Cấp", "cấp tổ chức", IO_COL_NOEXPORT},
    [OC_FORM] = {"form", "Hình thức", "đảng bộ chi bộ", IO_COL_NOEXPORT},
    [OC_COMMENDATIONS] = {"commendations", "Khen thưởng",
                          "khen thưởng tổ chức|khen thưởng tổ chức đảng", 0},
};

void io_header_key(const char *s, size_t len, struct buf *out)
{
    struct buf raw = BUF_INIT, f = BUF_INIT;
    /* drop "(...)" notes, '*' and ':' */
    int depth = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '(' || c == '[')
            depth++;
        else if ((c == ')' || c == ']') && depth > 0)
            depth--;
        else if (!depth && c != '*' && c != ':')
            buf_addch(&raw, c);
    }
    text_fold(raw.ptr, &f);
    buf_reset(out);
    bool space = true; /* drops leading spaces */
    for (size_t i = 0; i < f.len; i++) {
        char c = f.ptr[i];
        if (c == '_' || c == '-' || c == '.' || c == '/' || c == ' ' || c == '\t')
            c = ' ';
        if (c == ' ') {
            if (!space)
                buf_addch(out, ' ');
            space = true;
            continue;
        }
        buf_addch(out, c);
        space = false;
    }
    if (out->len && out->ptr[out->len - 1] == ' ')
        buf_setlen(out, out->len - 1);
    buf_release(&raw);
    buf_release(&f);
}

static bool key_is(const struct buf *key, const char *s, size_t len, struct buf *tmp)
{
    io_header_key(s, len, tmp);
    return tmp->len == key->len && !memcmp(tmp->ptr, key->ptr, key->len);
}

int io_column_match(const struct io_column *cols, size_t n, const char *header, size_t len)
{
    struct buf key = BUF_INIT, tmp = BUF_INIT;
    io_header_key(header, len, &key);
    int found = IO_COLUMN_UNKNOWN;
    static const char *const ignored[] = {"stt", "tt", "so tt", "so thu tu", "no", "#"};
    for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
        if (!strcmp(key.ptr, ignored[i]))
            found = IO_COLUMN_IGNORED;
    for (size_t i = 0; found == IO_COLUMN_UNKNOWN && i < n; i++) {
        const struct io_column *c = &cols[i];
        if (key_is(&key, c->name, strlen(c->name), &tmp) ||
            key_is(&key, c->label, strlen(c->label), &tmp)) {
            found = (int)i;
            break;
        }
        for (const char *a = c->aliases; *a;) {
            const char *bar = strchr(a, '|');
            size_t l = bar ? (size_t)(bar - a) : strlen(a);
            if (l && key_is(&key, a, l, &tmp)) {
                found = (int)i;
                break;
            }
            a += l + (bar ? 1 : 0);
        }
    }
    buf_release(&key);
    buf_release(&tmp);
    return found;
}
