/*
 * print.c - the dossier's printed forms as PDF (report/print.h), within the caller's scope:
 * GET /api/members/{id}/phieu (the Phiếu đảng viên, 2-HSĐV) and GET /api/orgs/{id}/so-danh-sach
 * (a chi bộ's Sổ danh sách đảng viên, 7-HSĐV, ?as_of=).
 */
#include <stdio.h>

#include "api/api.h"
#include "report/print.h"

enum { P_AS_OF };

enum tcxd_err api_print_phieu(struct http_ctx *c, struct tcxd_error *e)
{
    struct member_info m;
    int64_t id = c->ids[0];
    if (store_member_get(c->st, id, &m, NULL) || !http_org_in_scope(c, m.org_id))
        return api_member_not_found(c, id, e);
    struct buf pdf = BUF_INIT;
    enum tcxd_err rc = print_phieu(c->st, id, c->tree->as_of, &pdf, e);
    if (!rc) {
        char name[64];
        snprintf(name, sizeof(name), "phieu-dang-vien-%lld.pdf", (long long)id);
        http_file(c, "application/pdf", name, pdf.ptr, pdf.len);
    }
    buf_release(&pdf);
    return rc;
}

enum tcxd_err api_print_so_danh_sach(struct http_ctx *c, struct tcxd_error *e)
{
    tcxd_date as_of = c->q[P_AS_OF].present ? c->q[P_AS_OF].d : c->tree->as_of;
    struct org_info org;
    enum tcxd_err rc;
    if ((rc = http_org_get(c, c->ids[0], as_of, "id", &org, e)))
        return rc;
    struct buf pdf = BUF_INIT;
    if (!(rc = print_so_danh_sach(c->st, org.id, as_of, &pdf, e))) {
        char name[96], d[DATE_ISO_LEN];
        date_format_iso(as_of, d);
        snprintf(name, sizeof(name), "so-danh-sach-%s-%s.pdf", org.code, d);
        http_file(c, "application/pdf", name, pdf.ptr, pdf.len);
    }
    buf_release(&pdf);
    return rc;
}
