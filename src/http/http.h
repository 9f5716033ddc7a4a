/*
 * http.h - tcxd's HTTP layer: requests and responses as plain values, the route table type,
 * input declarations with their validators, the per-request context handlers see, and the
 * dispatcher that takes a request through routing, the session, the role and CSRF checks and
 * the input validation to a handler. server.c feeds it from libmicrohttpd; the fuzz target feeds
 * it from bytes. Neither the router nor the handlers know about libmicrohttpd.
 *
 * Ownership: a struct http_request only borrows (its strings belong to whoever built it, for
 * the duration of http_dispatch). A struct http_response owns its body buffer: http_response_init
 * before dispatch, http_response_release after sending. Handlers borrow everything in the
 * context; values of validated inputs (struct http_value) point into the parsed JSON body or the
 * request and are valid until the handler returns.
 *
 * Threads: http_dispatch may run on many threads at once, each with its own struct store (a
 * store is never shared). Per-thread caches are kept in thread-local storage and released by
 * http_thread_cleanup(): today's organization tree (with the organizations' dates), valid while
 * store_org_generation() stays the same, and its member counts, valid while data_version stays
 * the same and this thread made no change.
 */
#ifndef TCXD_HTTP_HTTP_H
#define TCXD_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/org_search.h"
#include "core/tree.h"
#include "report/count.h"
#include "store/store.h"
#include "store/store_auth.h"
#include "util/buf.h"
#include "util/err.h"

enum http_method {
    HTTP_GET,
    HTTP_POST,
    HTTP_PUT,
    HTTP_DELETE,
    HTTP_HEAD,
    HTTP_PATCH,
    HTTP_OTHER,
    HTTP_METHOD__MAX
};
const char *http_method_name(enum http_method m);
enum http_method http_method_parse(const char *s);

struct http_param {
    const char *name;
    const char *value;
};

#define HTTP_MAX_QUERY 32

struct http_request {
    enum http_method method;
    const char *path; /* percent-decoded path without the query string */
    struct http_param query[HTTP_MAX_QUERY];
    size_t nquery;
    bool query_overflow; /* more than HTTP_MAX_QUERY parameters were sent */
    const char *cookie;  /* the whole Cookie header or NULL */
    const char *csrf;    /* X-CSRF-Token or NULL */
    const char *content_type;
    const char *accept_language;
    const char *body;
    size_t body_len;
    const char *address;       /* the peer's IP address as text */
    const char *forwarded_for; /* X-Forwarded-For or NULL (trusted from cfg->trusted_proxy only) */
    bool tls;
};

struct http_response {
    int status;
    const char *content_type; /* static string */
    struct buf body;
    char set_cookie[256];
    char disposition[256];
    char allow[64];
    int retry_after;   /* seconds for a Retry-After header (429, 503); 0: none */
    char username[65]; /* for the access log: the session's user, "" if none */
};
void http_response_init(struct http_response *r);
void http_response_release(struct http_response *r);

/* ---- inputs ---- */

enum http_field_type {
    HF_STRING, /* JSON string (or query text); max = characters */
    HF_INT,    /* JSON integer (or query digits) in [min, max] */
    HF_ID,     /* positive integer id */
    HF_DATE,   /* ISO "YYYY-MM-DD" */
    HF_BOOL,   /* true/false (query: 1/0/true/false) */
    HF__MAX
};

enum { HF_REQUIRED = 1 };

struct http_field {
    const char *name; /* NULL ends a list */
    enum http_field_type type;
    unsigned flags;
    int64_t min, max;
    const char *doc; /* one line for docs/openapi.yaml */
};

struct http_value {
    bool present; /* false when absent, null or "" */
    const char *s;
    int64_t i;
    tcxd_date d;
    bool b;
};

#define HTTP_MAX_FIELDS 48

/* ---- routes ---- */

enum http_route_flags {
    ROUTE_PUBLIC = 1,   /* no session needed (login) */
    ROUTE_MUTATES = 2,  /* needs X-CSRF-Token; writes exactly one audit record */
    ROUTE_RAW_BODY = 4, /* the body is a file (import), not JSON */
    ROUTE_NO_CSRF = 8,  /* a mutating route that cannot carry the token yet (login) */
};

struct http_ctx;

struct http_route {
    enum http_method method;
    const char *pattern; /* "/api/orgs/{id}/children": {id} matches a positive integer */
    enum tcxd_err (*handler)(struct http_ctx *c, struct tcxd_error *e);
    enum user_role min_role;
    unsigned flags;
    const struct http_field *body;  /* NULL: no body fields accepted */
    const struct http_field *query; /* NULL: no query parameters accepted */
    const char *summary;
};

/* Server settings every request can see. */
struct http_config {
    int session_timeout;     /* seconds of inactivity before a session ends */
    int login_max_failures;  /* failures from one client address within login_window before 429 */
    int login_window;        /* seconds */
    int login_delay_ms;      /* pause after a failed password check (the same for every failure) */
    int login_free_failures; /* an account's failures before its growing delays start */
    int login_max_delay;     /* seconds: an account's longest delay between two checks */
    const char *trusted_proxy; /* the reverse proxy's address: only its X-Forwarded-For counts */
    bool secure_cookies;       /* mark the session cookie Secure (TLS terminated by a proxy) */
    size_t max_json_body;      /* bytes */
    size_t max_file_body;      /* bytes (ROUTE_RAW_BODY) */
    int read_cost_ms;          /* a read request's statements stop after this (0: no limit) */
    const struct http_route *routes; /* ends with a NULL pattern */
};
void http_config_defaults(struct http_config *cfg);

/* What a handler sees. */
struct http_ctx {
    struct store *st;
    const struct http_config *cfg;
    const struct http_request *req;
    struct http_response *res;
    const struct http_route *route;
    int64_t ids[2];                        /* the {id} parts of the path, in order */
    struct http_value in[HTTP_MAX_FIELDS]; /* body fields, indexed like route->body */
    struct http_value q[HTTP_MAX_FIELDS];  /* query parameters, indexed like route->query */
    json_t *json;                          /* the parsed body (owned by the dispatcher) */
    bool en;                               /* Accept-Language: en */
    int64_t now;                           /* Unix seconds */
    /* the session (all zero for public routes without one) */
    bool logged_in;
    struct session_info sess;
    char token_hash[65];
    enum { SESSION_KEEP, SESSION_TOUCH, SESSION_DROP } session_write; /* after the request */
    struct store_actor actor;
    char client_addr[64]; /* the client's address when it came through the trusted proxy */
    /* scope: today's tree (cached per thread) and the index of the scope root in it */
    const struct org_tree *tree;
    uint32_t scope;
};

/*
 * Routes, checks and runs one request: finds the route (404, or 405 with Allow), checks the
 * session cookie (401), the role (403), the CSRF token on mutating routes (403), validates the
 * query and the JSON body against the route's declarations (400 naming the field, 413 too
 * big), then runs the handler; any error becomes {"error":{"code","message","field"}} with the
 * status of tcxd_err_http_status. Never fails: res always holds an answer.
 */
void http_dispatch(struct store *st, const struct http_config *cfg, const struct http_request *req,
                   struct http_response *res);

/* Frees this thread's caches (the server calls it as a worker thread ends). */
void http_thread_cleanup(void);
/* Forget this thread's cached member counts (after a change made on this thread; the cached tree
   follows the organization generation by itself). */
void http_cache_invalidate(void);

/* ---- helpers for handlers ---- */

/* Sets a JSON answer (takes the reference). */
void http_json(struct http_ctx *c, int status, json_t *j);
/* Sets a file answer (copies data). */
void http_file(struct http_ctx *c, const char *content_type, const char *filename, const void *data,
               size_t len);
/* Writes the standard error body for e. */
void http_error(struct http_response *res, const struct tcxd_error *e, bool en);

/* Scope: is this organization (alive today, or ended: judged by where it was when it ended)
   inside the caller's scope? */
bool http_org_in_scope(struct http_ctx *c, int64_t org_id);
/* Loads an organization as of a date, answering ENOTFOUND (field given) when it does not exist
   then or is outside the scope. */
enum tcxd_err http_org_get(struct http_ctx *c, int64_t id, tcxd_date as_of, const char *field,
                           struct org_info *out, struct tcxd_error *e) TCXD_WUR;
/* An organization alive today, from today's cached tree (and its cached creation and end dates)
   without a query; false when it is not in today's tree. */
bool http_org_today(struct http_ctx *c, int64_t id, struct org_info *out);
/* The tree of a date: today's cached one, or a fresh one loaded into *own (released by the
   caller with org_tree_release when *own was used: check *tree == own). */
enum tcxd_err http_tree(struct http_ctx *c, tcxd_date as_of, struct org_tree *own,
                        const struct org_tree **tree, struct tcxd_error *e) TCXD_WUR;
/* The search index of today's tree (built on first use, cached with the tree). */
const struct org_search_index *http_today_search(struct http_ctx *c);
/* Each organization's own member counts in today's tree (not rolled up; cached per thread with
   the tree); NULL on error. */
const struct node_counts *http_today_counts(struct http_ctx *c, struct tcxd_error *e);

json_t *http_json_date(tcxd_date d); /* "YYYY-MM-DD" or null */
/* Vietnamese-order comparison (this thread's ICU collator, freed by http_thread_cleanup). */
int http_collate(const char *a, const char *b);
/* Localised message for the router's own errors: vi unless en. */
const char *http_msg(const struct http_ctx *c, const char *vi, const char *en);

/* Percent-decodes s[0..n) into out (NUL-terminated); '+' becomes ' ' when plus_space. false
   on a malformed escape or an encoded NUL. */
bool http_url_decode(const char *s, size_t n, bool plus_space, struct buf *out);

/* ---- password checks: throttling and timing (auth.c) ---- */

/*
 * Every password check (login, changing one's password) goes through these. Per client address
 * (c->actor.address: the peer, or the last X-Forwarded-For entry when the peer is the trusted
 * proxy) at most login_max_failures failures per login_window, then 429 until the window moves
 * on. Per account growing delays, not a lockout: after login_free_failures failures each
 * further check must wait 1, 2, 4 ... seconds (at most login_max_delay) after the last failure,
 * else 429 with Retry-After; a success forgets the account's failures.
 */
enum tcxd_err http_throttle_check(struct http_ctx *c, const char *username,
                                  struct tcxd_error *e) TCXD_WUR;
/* Verifies password against hash - or, when hash is NULL (unknown or disabled account),
   against a dummy hash of the same cost, so both take the same time - and records a failure
   (and pauses login_delay_ms) or clears the account's failures. */
bool http_password_check(struct http_ctx *c, const char *username, const char *hash,
                         const char *password);

/* ---- passwords and tokens (libsodium) ---- */

#define HTTP_TOKEN_HEX 65 /* 32 bytes as hex + NUL */

/* argon2id hash (crypto_pwhash_str), interactive limits, or the minimum ones when the
   environment has TCXD_PWHASH_FAST=1 (tests). Passwords: 8 to 256 bytes (field given). */
enum tcxd_err http_password_hash(const char *password, const char *field, char out[USER_PWHASH_MAX],
                                 struct tcxd_error *e) TCXD_WUR;
bool http_password_verify(const char *hash, const char *password);
/* 32 random bytes as hex. */
void http_random_token(char out[HTTP_TOKEN_HEX]);
/* Hex of crypto_generichash(token): what the store keeps. */
void http_token_hash(const char *token, char out[HTTP_TOKEN_HEX]);

/* ---- the server (server.c) ---- */

struct http_server_opts {
    const char *db_path;
    const char *listen; /* "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one */
    const char *web_root;
    const char *port_file; /* written with the bound port once listening (tests) */
    const char *tls_cert;  /* PEM certificate (chain) and key: HTTPS through libmicrohttpd's */
    const char *tls_key;   /* GnuTLS; both NULL: plain HTTP (TLS at a proxy) */
    const char *run_as;    /* account to switch to once the socket, database and key are open */
    int threads;           /* 0: one per core */
    int max_connections;
    int connection_timeout; /* seconds */
    bool quiet;             /* no access log */
    struct http_config cfg;
};
/* Runs until SIGTERM/SIGINT, then stops accepting, lets requests in flight finish, and returns
   0 (or 1 when it could not start, with e filled). */
int http_serve(const struct http_server_opts *o, struct tcxd_error *e);

#endif
