/*
 * text.h - Vietnamese text: validation, NFC, search folding, collation, name sort keys.
 *
 * Every string tcxd stores passes text_clean(): valid UTF-8, no control characters,
 * NFC (utf8proc), surrounding whitespace trimmed and inner runs collapsed to one space,
 * and at most max_chars code points.
 *
 * Search keys (text_fold) are lowercase ASCII-ish: diacritics removed, đ/Đ/Ð (U+0111,
 * U+0110, U+00D0) -> d, so "Nguyễn Văn Phong", "NGUYEN VAN PHONG" and "nguyen van phong"
 * fold alike, and old/new tone placement (Hoà/Hòa, Thuỷ/Thủy) folds alike.
 *
 * Sorting uses ICU's "vi" collation. A struct text_collator is not thread-safe: use one
 * per thread (text_collator_new / text_collator_free). Sort keys are binary and compare
 * with memcmp; text_collator_sort_key appends them to a caller-owned buf.
 *
 * Names: Vietnamese rolls sort by given name (last word), then family name (first word),
 * then middle name(s). text_name_split returns slices into the caller's string.
 */
#ifndef TCXD_TEXT_TEXT_H
#define TCXD_TEXT_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/*
 * Validates and normalises in[0..len) into out (reset first; left empty on error). In order:
 * UTF-8 must be valid (no overlongs, surrogates or values past U+10FFFF); no control character
 * (C0 including tab and newline, DEL, C1, U+2028, U+2029); then NFC; runs of space separators
 * (category Zs: U+0020, U+00A0, U+3000 ...) become one U+0020 and are trimmed at both ends;
 * then at most max_chars code points (0: no limit). Byte offsets count from 0. Errors:
 *   TCXD_EINVAL  invalid UTF-8 in field full_name at byte 7
 *   TCXD_EINVAL  field full_name contains a control character (U+0009 at byte 3)
 *   TCXD_ETOOBIG field full_name is too long (300 characters, at most 200)
 *   TCXD_EINVAL  field full_name is required       (allow_empty false and nothing left)
 * A value with more than 4 * max_chars code points (spaces aside) is refused before NFC, and
 * its message gives that raw count. field may be NULL ("value" is said instead).
 */
enum tcxd_err text_clean(const char *in, size_t len, size_t max_chars, bool allow_empty,
                         const char *field, struct buf *out, struct tcxd_error *e) TCXD_WUR;

/* true when s[0..len) is valid UTF-8 */
bool text_utf8_valid(const char *s, size_t len);
/* offset of the first byte of the first invalid sequence in s[0..len), len when all valid */
size_t text_utf8_invalid_at(const char *s, size_t len);
/* number of code points in valid UTF-8 */
size_t text_utf8_len(const char *s, size_t len);

/*
 * Appends the search key of s (any UTF-8; invalid bytes are skipped) to out: compatibility
 * decomposition (NFKD: fullwidth, ligatures ...), marks dropped, case folded, đ/Đ/Ð -> d,
 * default-ignorable code points dropped, look-alike punctuation lumped ("’" -> "'"); runs of
 * white space, control characters and non-ASCII punctuation and symbols ("«", "°", "★") made
 * one ' ', trimmed; ASCII punctuation kept. Latin text folds to lowercase ASCII (ø -> o,
 * æ -> ae ... too); other scripts stay as case-folded UTF-8. Allocates only to grow out.
 */
void text_fold(const char *s, struct buf *out);

struct text_collator;
struct text_collator *text_collator_new(void); /* aborts if ICU has no "vi" data */
void text_collator_free(struct text_collator *c);
int text_collator_compare(struct text_collator *c, const char *a, const char *b);
/*
 * Appends the binary sort key of s to out (ICU's key without its terminating NUL: the bytes
 * contain no NUL, so keys compare with memcmp over the shorter length then length, or strcmp).
 */
void text_collator_sort_key(struct text_collator *c, const char *s, struct buf *out);

struct name_parts {
    struct slice family; /* first word: "Nguyễn" */
    struct slice middle; /* words between, may be empty: "Thị Minh" */
    struct slice given;  /* last word: "Khai" */
};
/* Splits at runs of ASCII white space. One word: given only; no words: all three empty. */
void text_name_split(const char *full_name, struct name_parts *out);
/*
 * Appends a sort key for a full name: collation key of given, then family, then middle,
 * separated so that "An" sorts before "Anh" whatever follows. memcmp the results (the key
 * holds NUL bytes: compare as binary, over the shorter length, then by length; SQLite BLOB).
 * Layout: key(given) 00 key(family) 00 key(middle) 00, each ICU's complete key with its
 * terminator; 00 sorts below every byte inside a key, so a part is compared in full (case,
 * tones) before the next part counts: every "Anh" sorts before any "Ánh". Before keying, each
 * word's tone mark is moved to the end of the word, so old and new placement (Hoà/Hòa,
 * Thuỷ/Thủy) key alike and the family name decides. A one-word name is a given name only.
 */
void text_name_sort_key(struct text_collator *c, const char *full_name, struct buf *out);

#endif
