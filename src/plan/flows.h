/*
 * flows.h - organization transfers over a period and a subtree (seed 000: "tiếp nhận, chuyển
 * giao 10 tổ chức cơ sở Đảng ngoài Đảng bộ thành phố về trực thuộc các quận, huyện ủy; hướng
 * dẫn chuyển giao tiếp nhận 38 tổ chức cơ sở Đảng trong Đảng bộ thành phố").
 *
 * From the organization events dated in [from, to] (both days included), for ROOT's subtree
 * as it stood around each event (the day before and the day of it):
 *   received     moved into the subtree from outside it (tiếp nhận từ ngoài)
 *   inside       moved from one place to another within it (chuyển giao, tiếp nhận trong)
 *   sent_out     moved out of it
 *   created      created in it (thành lập mới)
 *   merged       merged into another organization (hợp nhất, sáp nhập)
 *   dissolved    dissolved (giải thể)
 *   retiered     changed tier (2025: chi bộ trực thuộc → chi bộ cơ sở)
 * Each is counted for every organization (all) and for base organizations (base: tổ chức cơ sở
 * đảng, by the tier on the day after a move or creation, the day before an end).
 */
#ifndef TCXD_PLAN_FLOWS_H
#define TCXD_PLAN_FLOWS_H

#include <jansson.h>

#include "store/store.h"
#include "util/buf.h"

enum org_flow {
    FLOW_RECEIVED,
    FLOW_INSIDE,
    FLOW_SENT_OUT,
    FLOW_CREATED,
    FLOW_MERGED,
    FLOW_DISSOLVED,
    FLOW_RETIERED,
    FLOW__MAX
};

struct org_flows {
    int64_t root;
    tcxd_date from, to;
    int64_t all[FLOW__MAX], base[FLOW__MAX];
};

const char *org_flow_name(enum org_flow f); /* "received", "inside", ... */

enum tcxd_err org_flows_count(struct store *st, int64_t root, tcxd_date from, tcxd_date to,
                              struct org_flows *out, struct tcxd_error *e) TCXD_WUR;
/* {"org_id","from","to","received":{"all","base"},...} */
json_t *org_flows_json(const struct org_flows *f);
/* The board's sentence, in the thread's language. */
void org_flows_text(const struct org_flows *f, const struct org_info *root, tcxd_date from,
                    tcxd_date to, struct buf *out);

#endif
