/*
 * degradation.c - the rules of degradation.h.
 */
#include "core/degradation.h"

#include <stdio.h>
#include <string.h>

#include "util/vnfmt.h"

/* Short paraphrases of NQ 04-NQ/TW's 27 manifestations (order inside a group UNCONFIRMED). */
static const struct degradation_item items[DEGR_ITEMS] = {
    {"1.1", DEGR_TU_TUONG, "Phai nhạt lý tưởng cách mạng, dao động niềm tin"},
    {"1.2", DEGR_TU_TUONG, "Xa rời mục tiêu, lý tưởng; nhận thức lệch lạc"},
    {"1.3", DEGR_TU_TUONG, "Nhận thức sai về lý luận, lười học tập chính trị"},
    {"1.4", DEGR_TU_TUONG, "Không chấp hành nghiêm nguyên tắc tổ chức của Đảng"},
    {"1.5", DEGR_TU_TUONG, "Nể nang, né tránh trong phê bình; thấy sai không đấu tranh"},
    {"1.6", DEGR_TU_TUONG, "Nói không đi đôi với làm; nói một đằng, làm một nẻo"},
    {"1.7", DEGR_TU_TUONG, "Thiếu trách nhiệm, vô cảm trước khó khăn của nhân dân"},
    {"1.8", DEGR_TU_TUONG, "Cơ hội, thực dụng, hám danh lợi, kèn cựa địa vị"},
    {"1.9", DEGR_TU_TUONG, "Không giữ nghiêm kỷ luật phát ngôn, bí mật của Đảng"},
    {"2.1", DEGR_DAO_DUC, "Chủ nghĩa cá nhân, sống ích kỷ, thực dụng"},
    {"2.2", DEGR_DAO_DUC, "Tham vọng quyền lực, không chịu rời vị trí"},
    {"2.3", DEGR_DAO_DUC, "Quan liêu, xa dân, hách dịch, cửa quyền"},
    {"2.4", DEGR_DAO_DUC, "Tham ô, tham nhũng, lợi dụng chức vụ, quyền hạn"},
    {"2.5", DEGR_DAO_DUC, "Kéo bè kéo cánh, gây mất đoàn kết nội bộ"},
    {"2.6", DEGR_DAO_DUC, "Cục bộ, gia trưởng, độc đoán, chuyên quyền"},
    {"2.7", DEGR_DAO_DUC, "Chạy chức, chạy quyền, chạy tội, chạy thành tích"},
    {"2.8", DEGR_DAO_DUC, "Sống xa hoa, lãng phí, phô trương, hình thức"},
    {"2.9", DEGR_DAO_DUC, "Lợi ích nhóm, vun vén cho bản thân và gia đình"},
    {"3.1", DEGR_TU_DIEN_BIEN, "Phủ nhận chủ nghĩa Mác - Lênin, đòi đa nguyên, đa đảng"},
    {"3.2", DEGR_TU_DIEN_BIEN, "Phủ nhận nền dân chủ, nhà nước pháp quyền xã hội chủ nghĩa"},
    {"3.3", DEGR_TU_DIEN_BIEN, "Nói, viết, làm trái quan điểm, đường lối của Đảng"},
    {"3.4", DEGR_TU_DIEN_BIEN, "Kích động bất mãn, chống đối; lợi dụng mạng xã hội nói xấu"},
    {"3.5", DEGR_TU_DIEN_BIEN, "Phủ nhận sự lãnh đạo của Đảng đối với lực lượng vũ trang"},
    {"3.6", DEGR_TU_DIEN_BIEN, "Móc nối, cấu kết với các thế lực thù địch, phản động"},
    {"3.7", DEGR_TU_DIEN_BIEN, "Tán phát, sưu tầm tài liệu, thông tin xấu độc"},
    {"3.8", DEGR_TU_DIEN_BIEN, "Lợi dụng dân chủ, nhân quyền, dân tộc, tôn giáo gây chia rẽ"},
    {"3.9", DEGR_TU_DIEN_BIEN, "Thông tin sai lệch, bị lôi kéo trước âm mưu diễn biến hòa bình"},
};

static const char *const groups[DEGR_GROUP__MAX] = {
    "Suy thoái về tư tưởng chính trị",
    "Suy thoái về đạo đức, lối sống",
    "Biểu hiện \"tự diễn biến\", \"tự chuyển hóa\"",
};

static const char *const level_names[DEGR_LEVEL__MAX] = {"none", "slight", "mild", "moderate",
                                                         "severe"};
static const char *const level_labels[DEGR_LEVEL__MAX] = {
    "Không có biểu hiện",
    "Có biểu hiện không đáng kể, đã tự khắc phục",
    "Có biểu hiện ở mức nhẹ",
    "Có biểu hiện ở mức trung bình",
    "Có biểu hiện ở mức nghiêm trọng",
};

const struct degradation_item *degradation_item(unsigned i)
{
    return i < DEGR_ITEMS ? &items[i] : NULL;
}

const char *degradation_group_label(enum degradation_group g)
{
    return (unsigned)g < DEGR_GROUP__MAX ? groups[g] : "?";
}

const char *degradation_level_name(enum degradation_level l)
{
    return (unsigned)l < DEGR_LEVEL__MAX ? level_names[l] : "?";
}

const char *degradation_level_label(enum degradation_level l)
{
    return (unsigned)l < DEGR_LEVEL__MAX ? level_labels[l] : "?";
}

static int item_index(const char *code, size_t len)
{
    for (int i = 0; i < DEGR_ITEMS; i++)
        if (strlen(items[i].code) == len && !memcmp(items[i].code, code, len))
            return i;
    return -1;
}

enum tcxd_err degradation_parse(const char *s, uint8_t levels[DEGR_ITEMS], struct tcxd_error *e)
{
    bool seen[DEGR_ITEMS] = {false};
    memset(levels, 0, DEGR_ITEMS);
    for (const char *p = s ? s : ""; *p;) {
        while (*p == ' ' || *p == ';' || *p == ',' || *p == '\n')
            p++;
        if (!*p)
            break;
        const char *eq = strchr(p, '=');
        size_t len = strcspn(p, "=;,\n");
        if (!eq || (size_t)(eq - p) != len)
            return tcxd_fail(e, TCXD_EINVAL, "levels", "expected CODE=LEVEL at '%.20s'", p);
        size_t clen = len;
        while (clen && p[clen - 1] == ' ')
            clen--;
        int i = item_index(p, clen);
        if (i < 0)
            return tcxd_fail(e, TCXD_EINVAL, "levels", "no manifestation '%.*s' (1.1 to 3.9)",
                             (int)clen, p);
        if (seen[i])
            return tcxd_fail(e, TCXD_EINVAL, "levels", "manifestation %s given twice",
                             items[i].code);
        const char *v = eq + 1;
        while (*v == ' ')
            v++;
        if (*v < '0' || *v > '4' ||
            (v[1] && v[1] != ';' && v[1] != ',' && v[1] != ' ' && v[1] != '\n'))
            return tcxd_fail(e, TCXD_EINVAL, "levels", "the level of %s must be 0 to 4",
                             items[i].code);
        levels[i] = (uint8_t)(*v - '0');
        seen[i] = true;
        p = v + 1;
    }
    for (int i = 0; i < DEGR_ITEMS; i++)
        if (!seen[i])
            return tcxd_fail(e, TCXD_EINVAL, "levels", "manifestation %s has no level",
                             items[i].code);
    return TCXD_OK;
}

void degradation_digits(const uint8_t levels[DEGR_ITEMS], char out[DEGR_ITEMS + 1])
{
    for (int i = 0; i < DEGR_ITEMS; i++)
        out[i] = (char)('0' + (levels[i] < DEGR_LEVEL__MAX ? levels[i] : 0));
    out[DEGR_ITEMS] = '\0';
}

bool degradation_from_digits(const char *s, uint8_t levels[DEGR_ITEMS])
{
    if (!s || strlen(s) != DEGR_ITEMS)
        return false;
    for (int i = 0; i < DEGR_ITEMS; i++) {
        if (s[i] < '0' || s[i] > '4')
            return false;
        levels[i] = (uint8_t)(s[i] - '0');
    }
    return true;
}

enum degradation_level degradation_overall(const uint8_t levels[DEGR_ITEMS])
{
    uint8_t m = 0;
    for (int i = 0; i < DEGR_ITEMS; i++)
        if (levels[i] > m && levels[i] < DEGR_LEVEL__MAX)
            m = levels[i];
    return (enum degradation_level)m;
}

void degradation_tally_add(struct degradation_tally *t, const uint8_t levels[DEGR_ITEMS],
                           bool concluded)
{
    t->members++;
    t->by_overall[degradation_overall(levels)]++;
    for (int i = 0; i < DEGR_ITEMS; i++)
        if (levels[i] < DEGR_LEVEL__MAX)
            t->by_item[i][levels[i]]++;
    t->concluded += concluded;
}

void degradation_sentence(const struct degradation_tally *t, struct buf *out)
{
    static const char *const short_labels[DEGR_LEVEL__MAX] = {
        "không có biểu hiện", "có biểu hiện không đáng kể", "có biểu hiện ở mức nhẹ",
        "có biểu hiện ở mức trung bình", "có biểu hiện ở mức nghiêm trọng"};
    vnfmt_int(out, t->members);
    buf_adds(out, " đảng viên tự đánh giá: ");
    for (int l = 0; l < DEGR_LEVEL__MAX; l++) {
        if (l)
            buf_adds(out, ", ");
        vnfmt_int(out, t->by_overall[l]);
        buf_addch(out, ' ');
        buf_adds(out, short_labels[l]);
    }
    buf_adds(out, "; chi bộ kết luận ");
    vnfmt_int(out, t->concluded);
    buf_adds(out, " đảng viên có biểu hiện suy thoái");
}
