/*
 * auth.c - password hashing (argon2id through libsodium's crypto_pwhash_str) and session
 * tokens (random bytes; the store sees only their generic hash).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
