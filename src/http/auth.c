/*
 * auth.c - password hashing (argon2id through libsodium's crypto_pwhash_str) and session
 * tokens (random bytes; the store sees only their generic hash).
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http.h"

static void sodium_ready(void)
{
    if (sodium_init() < 0)
        BUG("libsodium cannot initialise");
}

enum tcxd_err http_password_hash(const char *password, const char *field, char out[USER_PWHASH_MAX],
                                 struct tcxd_error *e)
{
    sodium_ready();
    size_t n = strlen(password);
    if (n < 8)
        return tcxd_fail(e, TCXD_EINVAL, field,
                         "the password is too short (at least 8 characters)");
    if (n > 256)
        return tcxd_fail(e, TCXD_EINVAL, field, "the password is too long (at most 256 bytes)");
    const char *fast = getenv("TCXD_PWHASH_FAST");
    bool quick = fast && !strcmp(fast, "1");
    unsigned long long ops =
        quick ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = quick ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char h[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(h, password, n, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return tcxd_fail(e, TCXD_EINTERNAL, field, "out of memory while hashing the password");
    if (strlen(h) >= USER_PWHASH_MAX)
        BUG("password hash too long");
    snprintf(out, USER_PWHASH_MAX, "%s", h);
    return TCXD_OK;
}

bool http_password_verify(const char *hash, const char *password)
{
    sodium_ready();
    if (!hash || !*hash)
        return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
    sodium_bin2hex(out, n * 2 + 1, b, n);
}

void http_random_token(char out[HTTP_TOKEN_HEX])
{
    sodium_ready();
    unsigned char b[32];
    randombytes_buf(b, sizeof(b));
    to_hex(b, sizeof(b), out);
    sodium_memzero(b, sizeof(b));
}

void http_token_hash(const char *token, char out[HTTP_TOKEN_HEX])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    to_hex(h, sizeof(h), out);
}

/* ---- password checks -------------------------------------------------------------------- */

static char dummy_hash[USER_PWHASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
    /* a hash of the same cost as the accounts' (random password: nothing verifies against it) */
    char pw[HTTP_TOKEN_HEX];
    http_random_token(pw);
    if (http_password_hash(pw, "password", dummy_hash, NULL))
        BUG("cannot make the dummy password hash");
}

/* The account's wait in seconds after f failures (growing, capped; 0 for the first ones). */
static int64_t account_delay(const struct http_config *cfg, int64_t f)
{
    if (f < cfg->login_free_failures)
        return 0;
    int64_t k = f - cfg->login_free_failures, d = 1;
    while (k-- > 0 && d < cfg->login_max_delay)
        d *= 2;
    return d < cfg->login_max_delay ? d : cfg->login_max_delay;
}

enum tcxd_err http_throttle_check(struct http_ctx *c, const char *username, struct tcxd_error *e)
{
    const char *addr = c->actor.address;
    int64_t by_user = 0, by_addr = 0, since = c->now - c->cfg->login_window;
    enum tcxd_err rc;
    if ((rc = store_login_failures(c->st, username, addr, since, &by_user, &by_addr, e)))
        return rc;
    if (by_addr >= c->cfg->login_max_failures) {
        c->res->retry_after = c->cfg->login_window;
        return tcxd_fail(e, TCXD_ETOOMANY, "", "%s",
                         http_msg(c,
                                  "đăng nhập sai quá nhiều lần từ địa chỉ này, vui lòng thử lại "
                                  "sau",
                                  "too many failed password checks from this address, try "
                                  "again later"));
    }
    int64_t wait = account_delay(c->cfg, by_user);
    if (wait > 0) {
        int64_t last = store_login_failure_last(c->st, username, since);
        int64_t left = last + wait + 1 - c->now; /* whole seconds: at least wait passed */
        if (left > 0) {
            c->res->retry_after = (int)left;
            char m[160];
            if (c->en)
                snprintf(m, sizeof(m),
                         "too many failed password checks for this account, try again in "
                         "%lld seconds",
                         (long long)left);
            else
                snprintf(m, sizeof(m),
                         "tài khoản này nhập sai mật khẩu nhiều lần, vui lòng thử lại sau %lld "
                         "giây",
                         (long long)left);
            return tcxd_fail(e, TCXD_ETOOMANY, "", "%s", m);
        }
    }
    return TCXD_OK;
}

bool http_password_check(struct http_ctx *c, const char *username, const char *hash,
                         const char *password)
{
    pthread_once(&dummy_once, dummy_make);
    bool ok = http_password_verify(hash ? hash : dummy_hash, password) && hash;
    if (!ok) {
        if (store_login_failure_add(c->st, username, c->actor.address, c->now, NULL)) {
            /* counted or not, the answer is the same */
        }
        int ms = c->cfg->login_delay_ms;
        struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    } else if (store_login_failures_clear(c->st, username, NULL)) {
        /* the failures expire with the window anyway */
    }
    return ok;
}
