#include "util/msg.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

static _Thread_local enum msg_lang current = MSG_EN;

static const char *const lang_names[MSG_LANG__MAX] = {[MSG_EN] = "en", [MSG_VI] = "vi"};

const char *msg_lang_name(enum msg_lang l)
{
    return (unsigned)l < MSG_LANG__MAX ? lang_names[l] : "en";
}

void msg_set_lang(enum msg_lang l)
{
    current = (unsigned)l < MSG_LANG__MAX ? l : MSG_EN;
}

enum msg_lang msg_lang(void)
{
    return current;
}

static int starts(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

enum msg_lang msg_lang_choose(const char *tcxd_lang, const char *lc_all, const char *lc_messages,
                              const char *lang)
{
    if (tcxd_lang && starts(tcxd_lang, "vi"))
        return MSG_VI;
    if (tcxd_lang && starts(tcxd_lang, "en"))
        return MSG_EN;
    const char *locale = lc_all && *lc_all             ? lc_all
                         : lc_messages && *lc_messages ? lc_messages
                                                       : lang;
    return locale && starts(locale, "vi") ? MSG_VI : MSG_EN;
}

enum msg_lang msg_lang_accept(const char *accept_language)
{
    return accept_language && starts(accept_language, "en") ? MSG_EN : MSG_VI;
}

/* ---- the lookup table: open addressing on FNV-1a, built once ---------------------------- */

static uint32_t *slots; /* catalog index + 1, 0 = empty */
static uint32_t mask;
static pthread_once_t built = PTHREAD_ONCE_INIT;

static uint32_t hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void build(void)
{
    uint32_t size = 16;
    while (size < 2 * msg_vi_catalog_len)
        size *= 2;
    slots = xcalloc(size, sizeof(*slots));
    mask = size - 1;
    for (size_t i = 0; i < msg_vi_catalog_len; i++) {
        uint32_t h = hash(msg_vi_catalog[i].en) & mask;
        while (slots[h]) {
            if (!strcmp(msg_vi_catalog[slots[h] - 1].en, msg_vi_catalog[i].en))
                break; /* a duplicate: the first entry wins (a test rejects duplicates) */
            h = (h + 1) & mask;
        }
        if (!slots[h])
            slots[h] = (uint32_t)i + 1;
    }
}

const char *msg_tr_lang(enum msg_lang l, const char *en)
{
    if (l != MSG_VI || !en)
        return en;
    pthread_once(&built, build);
    for (uint32_t h = hash(en) & mask; slots[h]; h = (h + 1) & mask)
        if (!strcmp(msg_vi_catalog[slots[h] - 1].en, en))
            return msg_vi_catalog[slots[h] - 1].vi;
    return en;
}

const char *msg_tr(const char *en)
{
    return msg_tr_lang(current, en);
}
