/*
 * msg.h - the language of user-facing messages: a catalog of {English, Vietnamese} format
 * strings and the current thread's language.
 *
 * Code writes its messages in English, as format strings given to tcxd_fail(). When the
 * thread's language is Vietnamese, tcxd_vfail() looks the format up in the catalog
 * (src/util/msg_vi.c) and formats with the Vietnamese string instead; a format that is not in
 * the catalog (or a string already in Vietnamese) is used as it is. Words or phrases given as
 * arguments to such a format are translated where they are passed, with MSG_T("..."), and
 * words kept in tables are marked with MSG_N("...") and translated with msg_tr() where used.
 *
 * Invariants, checked by tests/util/test_msg.c:
 *   - both strings of a pair have the same conversion specifications in the same order
 *     (a Vietnamese "%.0s" may stand for an English "%s" to drop an English-only word such as
 *     a plural ending);
 *   - every literal format of tcxd_fail/tcxd_vfail (and of the message helpers ev_fail, issue,
 *     io_report_add) and every MSG_T/MSG_N literal in src/ has an entry (entries no longer
 *     used are listed as warnings).
 *
 * The language is per thread (the HTTP server sets it for each request from Accept-Language;
 * the CLI once from TCXD_LANG or the locale); a new thread starts in English. The lookup
 * table is built once on first use and is then read-only: safe from any thread. Returned
 * strings are static: nothing to free.
 */
#ifndef TCXD_UTIL_MSG_H
#define TCXD_UTIL_MSG_H

#include <stddef.h>

enum msg_lang { MSG_EN, MSG_VI, MSG_LANG__MAX };

const char *msg_lang_name(enum msg_lang l); /* "en", "vi" */

/* The calling thread's language (MSG_EN until set). */
void msg_set_lang(enum msg_lang l);
enum msg_lang msg_lang(void);

/*
 * The CLI's choice: tcxd_lang (TCXD_LANG) "vi..." or "en..." decides; otherwise the first
 * non-empty of lc_all, lc_messages, lang (POSIX order) starting with "vi" means Vietnamese;
 * otherwise English. NULL and "" mean unset.
 */
enum msg_lang msg_lang_choose(const char *tcxd_lang, const char *lc_all, const char *lc_messages,
                              const char *lang);

/* An Accept-Language header: English when it starts with "en", Vietnamese otherwise. */
enum msg_lang msg_lang_accept(const char *accept_language);

/* The text of en in language l, or in the thread's language: en itself when that is English
   or en is not in the catalog. */
const char *msg_tr_lang(enum msg_lang l, const char *en) __attribute__((format_arg(2)));
const char *msg_tr(const char *en) __attribute__((format_arg(1)));

/* A literal translated now (an argument of a message) / marked for a later msg_tr (tables). */
#define MSG_T(s) msg_tr(s)
#define MSG_N(s) (s)

/* The catalog (msg_vi.c), for the tests. */
struct msg_pair {
    const char *en;
    const char *vi;
};
extern const struct msg_pair msg_vi_catalog[];
extern const size_t msg_vi_catalog_len;

#endif
