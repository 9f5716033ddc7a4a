/*
 * forms_flows.c - period flows in the board's words: "kết nạp được 5.030 đảng viên (bằng
 * 107,3% so với cùng kỳ năm 2021)", with recognitions, transfers, exits and deaths, each against
 * the same period of the year before over the tree as it stood then.
 */
#include <string.h>

#include "report/forms.h"
#include "util/vnfmt.h"

static void count_org_change(void *ctx, const struct facts_org_change *ch)
{
    struct form_flow_counts *c = ctx;
    c->orgs[ch->kind]++;
    if (ch->tier == ORG_TIER_BASE)
        c->base_orgs[ch->kind]++;
}

static void count_flow(void *ctx, const struct facts_flow *f)
{
    int64_t *n = ctx;
    n[f->kind]++;
}

/* " (bằng 107,3% so với cùng kỳ năm 2021)" or " (cùng kỳ năm 2021 không có)" */
static void versus(struct buf *out, int64_t now, int64_t prev, int prev_year)
{
    if (prev == 0) {
        buf_addf(out, " (cùng kỳ năm %d không có)", prev_year);
        return;
    }
    buf_adds(out, " (bằng ");
    vnfmt_double(out, (double)now * 100.0 / (double)prev, 1);
    buf_addf(out, "%% so với cùng kỳ năm %d)", prev_year);
}

void form_flows_sentence(const struct form_flow_counts *c, const struct form_period *p,
                         const struct form_period *prev, struct buf *out)
{
    int py = date_to_ymd(prev->to).y;
    int64_t adm = c->n[FLOW_ADMIT] + c->n[FLOW_READMIT];
    int64_t adm0 = c->prev[FLOW_ADMIT] + c->prev[FLOW_READMIT];
    buf_adds(out, "kết nạp được ");
    vnfmt_int(out, adm);
    buf_adds(out, " đảng viên");
    versus(out, adm, adm0, py);
    buf_adds(out, "; công nhận đảng viên chính thức cho ");
    vnfmt_int(out, c->n[FLOW_OFFICIAL]);
    buf_adds(out, " đồng chí");
    versus(out, c->n[FLOW_OFFICIAL], c->prev[FLOW_OFFICIAL], py);
    int64_t in = c->n[FLOW_IN_PROVINCE] + c->n[FLOW_IN_OTHER];
    int64_t in0 = c->prev[FLOW_IN_PROVINCE] + c->prev[FLOW_IN_OTHER];
    int64_t outn = c->n[FLOW_OUT_PROVINCE] + c->n[FLOW_OUT_OTHER];
    int64_t out0 = c->prev[FLOW_OUT_PROVINCE] + c->prev[FLOW_OUT_OTHER];
    buf_adds(out, "; tiếp nhận ");
    vnfmt_int(out, in);
    buf_adds(out, " đảng viên chuyển đến (tỉnh khác ");
    vnfmt_int(out, c->n[FLOW_IN_OTHER]);
    buf_adds(out, ", huyện khác trong tỉnh ");
    vnfmt_int(out, c->n[FLOW_IN_PROVINCE]);
    buf_adds(out, ")");
    versus(out, in, in0, py);
    buf_adds(out, ", chuyển đi ");
    vnfmt_int(out, outn);
    buf_adds(out, " đảng viên (tỉnh khác ");
    vnfmt_int(out, c->n[FLOW_OUT_OTHER]);
    buf_adds(out, ", huyện khác trong tỉnh ");
    vnfmt_int(out, c->n[FLOW_OUT_PROVINCE]);
    buf_adds(out, ")");
    versus(out, outn, out0, py);
    int64_t exits = c->n[FLOW_EXPEL] + c->n[FLOW_STRIKE] + c->n[FLOW_RESIGN];
    int64_t exits0 = c->prev[FLOW_EXPEL] + c->prev[FLOW_STRIKE] + c->prev[FLOW_RESIGN];
    buf_adds(out, "; ra khỏi Đảng ");
    vnfmt_int(out, exits);
    buf_adds(out, " đảng viên (khai trừ ");
    vnfmt_int(out, c->n[FLOW_EXPEL]);
    buf_adds(out, ", xóa tên ");
    vnfmt_int(out, c->n[FLOW_STRIKE]);
    buf_adds(out, ", xin ra ");
    vnfmt_int(out, c->n[FLOW_RESIGN]);
    buf_adds(out, ")");
    versus(out, exits, exits0, py);
    buf_adds(out, "; từ trần ");
    vnfmt_int(out, c->n[FLOW_DEATH]);
    buf_adds(out, " đảng viên");
    versus(out, c->n[FLOW_DEATH], c->prev[FLOW_DEATH], py);
    int64_t any = 0;
    for (int k = 0; k < ORGCH__MAX; k++)
        any += c->orgs[k];
    if (any) {
        buf_adds(out, ". Về tổ chức: thành lập mới ");
        vnfmt_int(out, c->orgs[ORGCH_CREATED]);
        buf_adds(out, " tổ chức đảng (");
        vnfmt_int(out, c->base_orgs[ORGCH_CREATED]);
        buf_adds(out, " tổ chức cơ sở đảng), hợp nhất, sáp nhập ");
        vnfmt_int(out, c->orgs[ORGCH_MERGED]);
        buf_adds(out, ", giải thể ");
        vnfmt_int(out, c->orgs[ORGCH_DISSOLVED]);
        buf_adds(out, "; tiếp nhận ");
        vnfmt_int(out, c->base_orgs[ORGCH_RECEIVED]);
        buf_adds(out, " tổ chức cơ sở đảng từ ngoài về trực thuộc, chuyển giao ");
        vnfmt_int(out, c->base_orgs[ORGCH_HANDED_OVER]);
        buf_adds(out, " tổ chức cơ sở đảng ra ngoài; chuyển giao, tiếp nhận ");
        vnfmt_int(out, c->base_orgs[ORGCH_MOVED_INSIDE]);
        buf_adds(out, " tổ chức cơ sở đảng trong nội bộ");
    }
    buf_addch(out, '.');
    (void)p;
}

enum tcxd_err form_flows(struct store *st, int64_t org_id, const struct form_period *p,
                         struct form_flow_counts *out, struct buf *sentence, struct tcxd_error *e)
{
    memset(out, 0, sizeof(*out));
    struct org_info org;
    enum tcxd_err err = store_org_get(st, org_id, p->to, &org, e);
    if (err != TCXD_OK)
        return err;
    struct form_period prev;
    form_period_prev_year(p, &prev);
    struct facts f;
    err = facts_store_open(st, org_id, prev.from - 1, p->to, &f, e);
    if (err != TCXD_OK)
        return err;
    err = f.ops->flows(f.impl, org_id, p->from, p->to, count_flow, out->n, e);
    if (err == TCXD_OK && org.created_on <= prev.from)
        err = f.ops->flows(f.impl, org_id, prev.from, prev.to, count_flow, out->prev, e);
    if (err == TCXD_OK)
        err = f.ops->org_changes(f.impl, org_id, p->from, p->to, count_org_change, out, e);
    facts_close(&f);
    if (err != TCXD_OK)
        return err;
    if (sentence) {
        if (strstr(p->key, ".."))
            buf_addf(sentence, "%s, %s ", p->label, org.name);
        else if (p->label[0] == 'N' || p->label[0] == 'Q')
            buf_addf(sentence, "Trong %c%s, %s ", p->label[0] + ('a' - 'A'), p->label + 1,
                     org.name);
        else
            buf_addf(sentence, "Trong %s, %s ", p->label, org.name);
        form_flows_sentence(out, p, &prev, sentence);
    }
    return TCXD_OK;
}
