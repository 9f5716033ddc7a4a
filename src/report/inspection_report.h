/*
 * inspection_report.h - the period report of inspection, supervision, discipline and letters
 * over a subtree (issue 16), as XLSX (libxlsxwriter, the forms' and structure reports' way) and
 * as a Party document in PDF (report/pdf.h): the seed's sentence ("kiểm tra đối với … tổ chức
 * đảng, … đảng viên; giám sát …; thi hành kỷ luật …"), the teams, the decisions by form of
 * discipline, the inspections by content area, and the letters received, resolved and overdue.
 * The figures are store_inspection_counts' and store_complaint_counts'.
 */
#ifndef TCXD_REPORT_INSPECTION_REPORT_H
#define TCXD_REPORT_INSPECTION_REPORT_H

#include "core/complaint.h"
#include "core/inspection.h"
#include "store/store.h"
#include "util/buf.h"

struct inspection_report {
    int64_t org_id;
    char org_code[64], org_name[1024];
    tcxd_date from, to;
    struct inspection_counts k;
    struct complaint_counts c;
};

/* The figures of org's subtree (the tree of `to`) over [from, to] (field "to" when to < from). */
enum tcxd_err inspection_report_build(struct store *st, int64_t org_id, tcxd_date from,
                                      tcxd_date to, struct inspection_report *out,
                                      struct tcxd_error *e) TCXD_WUR;
/* The workbook's or the document's bytes, appended to out. */
enum tcxd_err inspection_report_xlsx(const struct inspection_report *r, struct buf *out,
                                     struct tcxd_error *e) TCXD_WUR;
enum tcxd_err inspection_report_pdf(const struct inspection_report *r, struct buf *out,
                                    struct tcxd_error *e) TCXD_WUR;

#endif
