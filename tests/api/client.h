/*
 * client.h - what the API tests need: run the real tcxd binary (seed commands, `tcxd serve` on
 * a free loopback port) and talk HTTP/1.1 to it over a plain socket.
 *
 * The binary is $TCXD_BIN (set by tests/api/meson.build). Responses own their memory: release
 * with resp_release().
 */
#ifndef TCXD_TESTS_API_CLIENT_H
#define TCXD_TESTS_API_CLIENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct server {
    pid_t pid;
    int port;
    char dir[256];
    char db[300];
    char log[300];
};

/* Runs `tcxd --db DB args...` (NULL-terminated), with TCXD_PASSWORD=password when not NULL;
   returns the exit status; stdout goes to out (when not NULL, at most n bytes). */
int tcxd_run(const char *db, const char *password, char *out, size_t n, const char *arg, ...);

/* ---- seeding a test database through the real CLI (one copy for every API test) ---- */
/* The "id" of a JSON object text, 0 when there is none. */
int64_t seed_id(const char *json_text);
/* `tcxd org add CODE NAME --tier --form [--parent] [--type] --date 2000-01-01`; name NULL: the
   code; parent and type may be NULL. Returns the new id, 0 (with a line on stderr) on failure. */
int64_t seed_org(const char *db, const char *code, const char *name, const char *tier,
                 const char *form, const char *parent, const char *type);
/* A new empty database for one test file: makes $TMPDIR/NAME-XXXXXX into dir (256 bytes),
   dir/t.db into db (300 bytes), sets TCXD_PWHASH_FAST (logins in milliseconds) and runs
   `tcxd init`. Returns false (with a line on stderr) on failure. */
bool seed_new_db(const char *name, char dir[256], char db[300]);
/* How many audit records DB holds (read-only connection). */
int64_t seed_audit_count(const char *db);

/* Starts `tcxd serve` on DB with extra args (NULL-terminated); waits until it listens. */
bool server_start(struct server *s, const char *db, const char *arg, ...);
/* SIGTERM and wait; returns the exit status. */
int server_stop(struct server *s);
/* SIGKILL for any server still running (test teardown). */
void server_kill_all(void);

struct resp {
    int status;
    char *headers; /* raw header block */
    char *body;
    size_t body_len;
    json_t *json;     /* parsed body or NULL */
    char cookie[128]; /* "tcxd_session=..." from Set-Cookie, or "" */
};
void resp_release(struct resp *r);
/* Value of a response header (case-insensitive name) into out; false if absent. */
bool resp_header(const struct resp *r, const char *name, char *out, size_t n);

struct session {
    int port;
    char cookie[128];
    char csrf[80];
};

/* One request. body may be NULL; raw_len 0 means strlen(body). content_type NULL: JSON when
   there is a body. Extra headers: the session's cookie and CSRF token when set. */
bool http_request(const struct session *s, const char *method, const char *path,
                  const char *content_type, const char *body, size_t body_len, struct resp *r);
/* Sends bytes as they are (for malformed requests) and reads the answer. */
bool http_raw(int port, const char *bytes, size_t len, struct resp *r);

/* POST /api/login; fills s->cookie and s->csrf; returns the status. */
int login(struct session *s, int port, const char *user, const char *password);

/* Shorthands: status of a request, the parsed JSON kept in *j when j != NULL (caller
   json_decref's it). */
int get(const struct session *s, const char *path, json_t **j);
int post(const struct session *s, const char *path, const char *json_body, json_t **j);
/* A write that must be refused: POST body to path answers status, its error names field (when
   field is not NULL), and db holds no new audit record. false, after a line on stderr saying
   what differed, otherwise (assert_true it where it is called). */
bool post_refused(const struct session *s, const char *db, const char *path, const char *body,
                  int status, const char *field);

#endif
