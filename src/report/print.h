/*
 * print.h - the printed forms of a member's dossier, as PDF on A4 in the Party's document
 * format (pdf.h):
 *
 *   - the Phiếu đảng viên (mẫu 2-HSĐV) of one member: the head (the organizations above the
 *     chi bộ, SỐ LÝ LỊCH in 10 boxes, SỐ THẺ ĐẢNG VIÊN in 12, the photo's place), its 30 items
 *     with what tcxd records filled in (name in capitals, gender, birth date, hometown,
 *     ethnicity, religion, admission and official dates with their chi bộ, education,
 *     professional level, theory level, national ID, exemption) and the rest left as the
 *     form's dotted lines to fill by hand; the signatures of the member and the chi ủy;
 *   - the Sổ danh sách đảng viên (mẫu 7-HSĐV) of a chi bộ on a date: A4 landscape, the
 *     document head, the 14 columns (STT; họ tên; nam/nữ, dân tộc, tôn giáo; quê quán; văn
 *     hóa, lý luận, chuyên môn, ngoại ngữ; nghề nghiệp; ngày vào Đảng / chính thức; số thẻ /
 *     số lý lịch; bộ đội, công an, hưu trí; ngày chuyển đi; ngày chuyển đến; ngày từ trần;
 *     ngày ra khỏi Đảng; ghi chú) with a row for every member registered in the chi bộ on the
 *     date, in Vietnamese roll order, and the signature of the chi ủy.
 *
 * Layout sources: /work/shared/forms/hsdv.md (the items of 2-HSĐV and the columns of 7-HSĐV,
 * from practitioners' exporters; the Phiếu's margins 23/15/20/30 mm); Hướng dẫn 36-HD/VPTW
 * for the head and signature. Fields tcxd does not record yet print as empty lines.
 *
 * Both append the PDF to out. TCXD_ENOTFOUND for a member or chi bộ that does not exist (on
 * the date); TCXD_EINVAL (field "org") for an organization that is not a chi bộ.
 */
#ifndef TCXD_REPORT_PRINT_H
#define TCXD_REPORT_PRINT_H

#include "store/store.h"
#include "util/buf.h"

enum tcxd_err print_phieu(struct store *st, int64_t member_id, tcxd_date today, struct buf *out,
                          struct tcxd_error *e) TCXD_WUR;
enum tcxd_err print_so_danh_sach(struct store *st, int64_t org_id, tcxd_date as_of, struct buf *out,
                                 struct tcxd_error *e) TCXD_WUR;

#endif
