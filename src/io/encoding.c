/*
 * encoding.c - the legacy encodings of Vietnamese sheets, converted to UTF-8 with iconv, and
 * the one error for a CSV file that is not UTF-8.
 */
#include "io/encoding.h"

#include <errno.h>
#include <stdint.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "io/columns.h"
#include "text/text.h"

static const struct {
    const char *name, *iconv, *label;
} encodings[IO_ENC__MAX] = {
    [IO_ENC_UTF8] = {"utf-8", "UTF-8", "UTF-8"},
    [IO_ENC_TCVN3] = {"tcvn3", "TCVN5712-1", "TCVN3 (.VnTime)"},
    [IO_ENC_CP1258] = {"cp1258", "CP1258", "Windows-1258"},
    [IO_ENC_CP1252] = {"cp1252", "CP1252", "Windows-1252"},
};

const char *io_encoding_name(enum io_encoding x)
{
    return (unsigned)x < IO_ENC__MAX ? encodings[x].name : "?";
}

enum tcxd_err io_encoding_parse(const char *s, enum io_encoding *out, struct tcxd_error *e)
{
    static const struct {
        const char *alias;
        enum io_encoding x;
    } aliases[] = {
        {"utf-8", IO_ENC_UTF8},    {"utf8", IO_ENC_UTF8},           {"tcvn3", IO_ENC_TCVN3},
        {"tcvn", IO_ENC_TCVN3},    {"tcvn5712-1", IO_ENC_TCVN3},    {"vntime", IO_ENC_TCVN3},
        {"abc", IO_ENC_TCVN3},     {"cp1258", IO_ENC_CP1258},       {"windows-1258", IO_ENC_CP1258},
        {"cp1252", IO_ENC_CP1252}, {"windows-1252", IO_ENC_CP1252},
    };
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (!strcasecmp(s, aliases[i].alias)) {
            *out = aliases[i].x;
            return TCXD_OK;
        }
    return tcxd_fail(e, TCXD_EINVAL, "encoding",
                     "invalid encoding '%s' (expected utf-8, tcvn3, cp1258 or cp1252)", s);
}

/* iconv from `from` to UTF-8; false at the first byte it cannot convert (*bad: its offset). */
static bool iconv_to_utf8(const char *from, const char *s, size_t n, struct buf *out, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        BUG("iconv cannot convert from %s", from);
    buf_reset(out);
    buf_grow(out, n + n / 2 + 16);
    char *in = (char *)s;
    size_t left = n;
    bool ok = true;
    while (left) {
        buf_grow(out, left * 3 + 16);
        char *o = out->ptr + out->len;
        size_t room = out->cap - out->len - 1;
        size_t before = room;
        size_t r = iconv(cd, &in, &left, &o, &room);
        buf_setlen(out, out->len + (before - room));
        if (r == (size_t)-1 && errno != E2BIG) {
            *bad = (size_t)(in - s);
            ok = false;
            break;
        }
    }
    /* CP1258 and TCVN5712-1 hold back the last letter for a tone mark that may follow */
    buf_grow(out, 16);
    char *o = out->ptr + out->len;
    size_t room = out->cap - out->len - 1, before = room;
    iconv(cd, NULL, NULL, &o, &room);
    buf_setlen(out, out->len + (before - room));
    iconv_close(cd);
    return ok;
}

enum tcxd_err io_convert_to_utf8(enum io_encoding enc, const char *s, size_t n, struct buf *out,
                                 struct tcxd_error *e)
{
    size_t bad = 0;
    if (iconv_to_utf8(encodings[enc].iconv, s, n, out, &bad))
        return TCXD_OK;
    long line = 1, chr = 1;
    for (size_t i = 0; i < bad; i++) {
        if (s[i] == '\n')
            line++, chr = 1;
        else
            chr++;
    }
    return tcxd_fail_at(e, TCXD_EINVAL, "file", line,
                        "line %ld, character %ld: byte 0x%02X is not %s text", line, chr,
                        (unsigned)(unsigned char)s[bad], encodings[enc].label);
}

bool io_tcvn3_cell(const char *s, size_t n, struct buf *out)
{
    bool high = false;
    for (size_t i = 0; i < n && !high; i++)
        high = (unsigned char)s[i] >= 0x80;
    if (!high)
        return false;
    /* the characters a .VnTime font showed are the TCVN3 bytes read as Windows-1252 */
    iconv_t cd = iconv_open("CP1252", "UTF-8");
    if (cd == (iconv_t)-1)
        BUG("iconv cannot convert to CP1252");
    struct buf bytes = BUF_INIT;
    buf_grow(&bytes, n + 1);
    char *in = (char *)s, *o = bytes.ptr;
    size_t left = n, room = bytes.cap - 1;
    size_t r = iconv(cd, &in, &left, &o, &room);
    iconv_close(cd);
    bool ok = r != (size_t)-1 && !left;
    size_t bad;
    if (ok) {
        buf_setlen(&bytes, (size_t)(o - bytes.ptr));
        ok = iconv_to_utf8("TCVN5712-1", bytes.ptr, bytes.len, out, &bad);
    }
    buf_release(&bytes);
    return ok; /* false: a character no .VnTime font types (the text is Unicode already) */
}

/* How many of the columns' headers appear in the text (folded): a decoding that gives the real
   headers is the file's. */
static int header_score(const char *text, size_t len)
{
    struct buf f = BUF_INIT, k = BUF_INIT;
    size_t cut = len < 65536 ? len : 65536;
    struct buf t = BUF_INIT;
    buf_add(&t, text, cut);
    text_fold(t.ptr, &f);
    int score = 0;
    const struct io_column *tabs[2] = {io_member_columns, io_org_columns};
    size_t ns[2] = {MC__MAX, OC__MAX};
    for (int w = 0; w < 2; w++)
        for (size_t c = 0; c < ns[w]; c++) {
            io_header_key(tabs[w][c].label, strlen(tabs[w][c].label), &k);
            if (k.len >= 4 && strstr(f.ptr, k.ptr))
                score++;
        }
    buf_release(&t);
    buf_release(&f);
    buf_release(&k);
    return score;
}

enum io_encoding io_encoding_guess(const char *s, size_t n)
{
    static const enum io_encoding cand[] = {IO_ENC_TCVN3, IO_ENC_CP1258};
    enum io_encoding best = IO_ENC_UTF8;
    int best_score = 0;
    struct buf out = BUF_INIT;
    size_t cut = n < 65536 ? n : 65536, bad;
    for (size_t i = 0; i < sizeof(cand) / sizeof(cand[0]); i++) {
        if (!iconv_to_utf8(encodings[cand[i]].iconv, s, cut, &out, &bad) && bad + 8 < cut)
            continue;
        int sc = header_score(out.ptr, out.len);
        if (sc > best_score) {
            best_score = sc;
            best = cand[i];
        }
    }
    buf_release(&out);
    return best;
}

/* The first byte of s[0..n) that is not UTF-8, or n: ASCII 8 bytes at a time (a roll is mostly
   ASCII), each other sequence checked by itself. */
static size_t first_bad(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint64_t w;
        while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ULL)))
            i += 8;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (need > n - i || text_utf8_invalid_at(s + i, need) != need)
            return i;
        i += need;
    }
    return n;
}

enum tcxd_err io_check_utf8(const char *s, size_t n, struct tcxd_error *e)
{
    size_t at = first_bad(s, n);
    if (at == n)
        return TCXD_OK;
    long line = 1, chr = 1;
    for (size_t i = 0; i < at; i++) {
        if (s[i] == '\n')
            line++, chr = 1;
        else if (((unsigned char)s[i] & 0xC0) != 0x80)
            chr++;
    }
    enum io_encoding g = io_encoding_guess(s, n);
    if (g != IO_ENC_UTF8)
        return tcxd_fail_at(e, TCXD_EINVAL, "file", line,
                            "the file is not UTF-8: line %ld, character %ld is the byte 0x%02X; "
                            "it looks like %s text: import it with --encoding %s, or save it "
                            "as 'CSV UTF-8' in Excel",
                            line, chr, (unsigned)(unsigned char)s[at], encodings[g].label,
                            encodings[g].name);
    return tcxd_fail_at(e, TCXD_EINVAL, "file", line,
                        "the file is not UTF-8: line %ld, character %ld is the byte 0x%02X (a "
                        "Windows code page such as Windows-1258 or TCVN3): save it as 'CSV "
                        "UTF-8' in Excel, or import it with --encoding cp1258, tcvn3 or cp1252",
                        line, chr, (unsigned)(unsigned char)s[at]);
}
