/*
 * test_bulk_schema.c - the bulk load's special machinery knows the schema it works on.
 *
 * store_bulk.c drops and remakes indexes, emulates two insert triggers and builds member_stint
 * apart; each of those is right only for the indexes and triggers it was written for. So every
 * index and trigger on the tables a load writes, in a database made by all the migrations, must
 * be in store_bulk_known_schema (and every entry there must still exist): a migration that adds
 * a trigger or an index to those tables fails here until the bulk path handles it. The schema is
 * read with plain SQL from sqlite_master.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"
#include "store/store_bulk.h"

static char path[512];

static bool known(const char *type, const char *name)
{
    for (size_t i = 0; i < store_bulk_nknown; i++)
        if (!strcmp(store_bulk_known_schema[i].type, type) &&
            !strcmp(store_bulk_known_schema[i].name, name))
            return true;
    return false;
}

static bool bulk_table(const char *t)
{
    for (size_t i = 0; i < store_bulk_ntables; i++)
        if (!strcmp(store_bulk_tables[i], t))
            return true;
    return false;
}

static void test_schema_known(void **state)
{
    struct store *st;
    struct tcxd_error e;
    if (store_open(path, STORE_CREATE, &st, &e))
        fail_msg("%s", e.msg);
    store_close(st);
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT type, name, tbl_name FROM sqlite_master WHERE "
                                        "type IN ('index', 'trigger') ORDER BY name",
                                        -1, &s, NULL),
                     SQLITE_OK);
    int unknown = 0;
    size_t seen = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(s, 0);
        const char *name = (const char *)sqlite3_column_text(s, 1);
        const char *table = (const char *)sqlite3_column_text(s, 2);
        if (!bulk_table(table))
            continue;
        seen++;
        if (!known(type, name)) {
            fprintf(stderr,
                    "%s %s on %s: the bulk load (src/store/store_bulk.c) does not know it: handle "
                    "it there and list it in store_bulk_known_schema\n",
                    type, name, table);
            unknown++;
        }
    }
    sqlite3_finalize(s);
    /* and nothing listed that the migrations no longer make */
    for (size_t i = 0; i < store_bulk_nknown; i++) {
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT tbl_name FROM sqlite_master WHERE type = ?1 "
                                            "AND name = ?2",
                                            -1, &s, NULL),
                         SQLITE_OK);
        sqlite3_bind_text(s, 1, store_bulk_known_schema[i].type, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, store_bulk_known_schema[i].name, -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW) {
            fprintf(stderr, "store_bulk_known_schema lists %s %s, which no migration makes\n",
                    store_bulk_known_schema[i].type, store_bulk_known_schema[i].name);
            unknown++;
        } else if (!bulk_table((const char *)sqlite3_column_text(s, 0))) {
            fprintf(stderr, "store_bulk_known_schema lists %s %s, not on a table a load writes\n",
                    store_bulk_known_schema[i].type, store_bulk_known_schema[i].name);
            unknown++;
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    assert_int_equal(unknown, 0);
    assert_int_equal(seen, store_bulk_nknown);
}

/* The check itself can fail: a trigger added the way a migration would is not known. */
static void test_new_trigger_found(void **state)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "CREATE TRIGGER member_event_new AFTER INSERT ON member_event "
                                  "BEGIN SELECT 1; END; CREATE INDEX member_event_new_date ON "
                                  "member_event(date)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_stmt *s;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT type, name FROM sqlite_master WHERE tbl_name = "
                                        "'member_event' AND type IN ('index', 'trigger')",
                                        -1, &s, NULL),
                     SQLITE_OK);
    int unknown = 0;
    while (sqlite3_step(s) == SQLITE_ROW)
        unknown += !known((const char *)sqlite3_column_text(s, 0),
                          (const char *)sqlite3_column_text(s, 1));
    sqlite3_finalize(s);
    sqlite3_close(db);
    assert_int_equal(unknown, 2);
}

int main(void)
{
    char dir[300];
    snprintf(dir, sizeof(dir), "%s/tcxd-test-bulk-schema-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof(path), "%s/s.db", dir);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_known),
        cmocka_unit_test(test_new_trigger_found),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[700];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    return rc;
}
