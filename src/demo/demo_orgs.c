/*
 * demo_orgs.c - plans the organization tree of one province: the provincial committee, its
 * district committees (real districts) and bloc/sector committees, the base organizations
 * (real communes and wards, then agencies, public service units, enterprises, schools, armed
 * forces), đảng bộ bộ phận and chi bộ, with exact totals, and each chi bộ's member target.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo/demo_internal.h"
#include "text/text.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* ---- word lists ------------------------------------------------------------------------------ */

static const char *const sectors[] = {"Đầu tư và Xây dựng",
                                      "Thương mại và Dịch vụ",
                                      "Công nghệ thông tin",
                                      "May mặc",
                                      "Dược phẩm",
                                      "Vận tải",
                                      "Cơ khí",
                                      "Xây lắp điện",
                                      "Bất động sản",
                                      "Thực phẩm",
                                      "Điện tử",
                                      "In và Bao bì",
                                      "Du lịch",
                                      "Tư vấn Thiết kế",
                                      "Vật liệu xây dựng",
                                      "Môi trường",
                                      "Kiến trúc",
                                      "Xuất nhập khẩu",
                                      "Truyền thông",
                                      "Giáo dục"};

static const char *const brands[] = {
    "Thăng Long", "Hồng Hà",    "Sông Hồng",  "Đông Đô",   "Tràng An",   "Hà Thành",   "Hoàng Long",
    "Việt Hưng",  "Phú Thịnh",  "An Phát",    "Minh Phát", "Hòa Bình",   "Hưng Thịnh", "Đại Việt",
    "Bình Minh",  "Phương Nam", "Kinh Bắc",   "Sao Mai",   "Ánh Dương",  "Thành Công", "Đức Long",
    "Việt Á",     "Tiến Phát",  "Nam Hải",    "Thái Sơn",  "Đông Á",     "Vạn Xuân",   "Hưng Long",
    "Trường Sơn", "Quang Minh", "Nhật Minh",  "Hoàng Gia", "Đất Việt",   "Tân Á",      "Phúc Lộc",
    "Hồng Phát",  "Bắc Hà",     "Sơn Hà",     "Tân Phát",  "Việt Tiến",  "Hải Đăng",   "Thành Đạt",
    "Gia Phát",   "Toàn Cầu",   "Thiên Long", "Việt Nhật", "Ngọc Khánh", "Bảo Minh",   "Phú Gia",
    "Long Giang"};

static const char *const disciplines[] = {"Toán - Tin",
                                          "Vật lý",
                                          "Hóa học",
                                          "Sinh học",
                                          "Địa lý",
                                          "Ngữ văn",
                                          "Lịch sử",
                                          "Ngoại ngữ",
                                          "Công nghệ thông tin",
                                          "Điện",
                                          "Điện tử - Viễn thông",
                                          "Cơ khí",
                                          "Xây dựng",
                                          "Kinh tế",
                                          "Quản trị kinh doanh",
                                          "Kế toán",
                                          "Tài chính - Ngân hàng",
                                          "Luật",
                                          "Môi trường",
                                          "Nông học",
                                          "Chăn nuôi",
                                          "Thú y",
                                          "Kỹ thuật tài nguyên nước",
                                          "Công trình",
                                          "Kiến trúc",
                                          "Lý luận chính trị",
                                          "Tâm lý - Giáo dục",
                                          "Giáo dục thể chất",
                                          "Địa chất",
                                          "Trắc địa - Bản đồ",
                                          "Dầu khí",
                                          "Vận tải - Kinh tế",
                                          "Cầu đường",
                                          "Khoa học máy tính",
                                          "Quốc tế",
                                          "Đào tạo sau đại học"};

static const char *const offices[] = {"Tổ chức cán bộ",
                                      "Tài chính - Kế hoạch",
                                      "Tư pháp",
                                      "Nội vụ",
                                      "Văn hóa và Thông tin",
                                      "Quản lý đô thị",
                                      "Tài nguyên và Môi trường",
                                      "Kinh tế",
                                      "Y tế",
                                      "Giáo dục và Đào tạo",
                                      "Lao động - Thương binh và Xã hội",
                                      "Thanh tra",
                                      "Hành chính - Tổng hợp",
                                      "Pháp chế",
                                      "Kế toán",
                                      "Kỹ thuật",
                                      "Kế hoạch - Kinh doanh",
                                      "Vật tư",
                                      "Đào tạo",
                                      "Công tác sinh viên",
                                      "Khoa học công nghệ"};

static const char *const wards_hospital[] = {"Nội",
                                             "Ngoại",
                                             "Sản",
                                             "Nhi",
                                             "Cấp cứu",
                                             "Xét nghiệm",
                                             "Dược",
                                             "Chẩn đoán hình ảnh",
                                             "Hồi sức tích cực",
                                             "Truyền nhiễm",
                                             "Y học cổ truyền",
                                             "Răng Hàm Mặt",
                                             "Tai Mũi Họng",
                                             "Mắt",
                                             "Kiểm soát nhiễm khuẩn",
                                             "Dinh dưỡng",
                                             "Phục hồi chức năng",
                                             "Gây mê hồi sức",
                                             "Thận nhân tạo",
                                             "Ung bướu"};

static const char *const police_units[] = {
    "Cảnh sát giao thông",
    "Cảnh sát hình sự",
    "Cảnh sát kinh tế",
    "Cảnh sát điều tra tội phạm về ma túy",
    "Tham mưu",
    "An ninh",
    "Quản lý hành chính về trật tự xã hội",
    "Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Cảnh sát thi hành án hình sự và hỗ trợ tư pháp",
    "Cảnh sát trật tự",
    "Cảnh sát cơ động",
    "Hậu cần",
    "An ninh chính trị nội bộ",
    "An ninh kinh tế",
    "An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao",
    "An ninh điều tra",
    "Cảnh sát điều tra tội phạm về tham nhũng, kinh tế, buôn lậu",
    "Cảnh sát môi trường",
    "Cảnh sát đường thủy",
    "Cảnh sát bảo vệ",
    "Tổ chức cán bộ",
    "Công tác Đảng và công tác chính trị",
    "Hồ sơ nghiệp vụ",
    "Kỹ thuật hình sự",
    "Quản lý xuất nhập cảnh",
    "Thanh tra",
    "Pháp chế",
    "Tài chính",
    "Cảnh sát quản lý trại tạm giam",
    "Cảnh sát truy nã tội phạm"};

static const char *const village_a[] = {"Đông", "Đoài", "Thượng", "Hạ",   "Trung", "Nam", "Bắc",
                                        "Tiền", "Hậu",  "Yên",    "Phú",  "An",    "Tân", "Vân",
                                        "Lạc",  "Đại",  "Cổ",     "Phúc", "Thanh", "Hòa"};
static const char *const village_b[] = {"Xá",   "Thôn", "Hòa",  "Lộc",  "Lâm", "Trì",
                                        "Đình", "Sơn",  "Phú",  "Vĩnh", "Khê", "Mỹ",
                                        "Lạc",  "Bình", "Hưng", "Thịnh"};

/* City-level units of Hà Nội's bloc committees (real kinds of units, names as used locally). */
static const char *const hn_agencies[] = {
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Công Thương",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa và Thể thao",
    "Sở Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Sở Quy hoạch - Kiến trúc",
    "Sở Ngoại vụ",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra Thành phố",
    "Văn phòng Ủy ban nhân dân Thành phố",
    "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân Thành phố",
    "Cơ quan Thành ủy",
    "Cục Thuế Thành phố",
    "Cục Hải quan Thành phố",
    "Kho bạc Nhà nước Thành phố",
    "Bảo hiểm xã hội Thành phố",
    "Tòa án nhân dân Thành phố",
    "Viện Kiểm sát nhân dân Thành phố",
    "Cục Thi hành án dân sự Thành phố",
    "Cục Thống kê Thành phố",
    "Liên đoàn Lao động Thành phố",
    "Thành đoàn",
    "Hội Liên hiệp Phụ nữ Thành phố",
    "Hội Nông dân Thành phố",
    "Hội Cựu chiến binh Thành phố",
    "Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố",
    "Bệnh viện Đa khoa Xanh Pôn",
    "Bệnh viện Thanh Nhàn",
    "Bệnh viện Đa khoa Đức Giang",
    "Bệnh viện Đa khoa Đống Đa",
    "Bệnh viện Tim Hà Nội",
    "Bệnh viện Ung bướu Hà Nội",
    "Bệnh viện Phụ sản Hà Nội",
    "Bệnh viện Nhi Hà Nội",
    "Bệnh viện Mắt Hà Nội",
    "Bệnh viện Thận Hà Nội",
    "Bệnh viện Đa khoa Hà Đông",
    "Bệnh viện Đa khoa Sơn Tây",
    "Bệnh viện Bắc Thăng Long",
    "Bệnh viện Tâm thần Hà Nội",
    "Bệnh viện Phổi Hà Nội",
    "Bệnh viện Y học cổ truyền Hà Nội",
    "Bệnh viện Da liễu Hà Nội",
    "Bệnh viện Đa khoa Vân Đình",
    "Bệnh viện Đa khoa Ba Vì",
    "Bệnh viện Đa khoa Mê Linh",
    "Trung tâm Cấp cứu 115 Hà Nội",
    "Báo Hànộimới",
    "Báo Kinh tế và Đô thị",
    "Đài Phát thanh và Truyền hình Hà Nội",
    "Trường Đào tạo cán bộ Lê Hồng Phong",
    "Viện Nghiên cứu phát triển kinh tế - xã hội Hà Nội",
    "Ban Quản lý dự án đầu tư xây dựng công trình giao thông Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình văn hóa - xã hội Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình cấp nước, thoát nước và môi trường Thành phố",
    "Ban Quản lý dự án đầu tư xây dựng công trình hạ tầng kỹ thuật và nông nghiệp Thành phố",
    "Ban Quản lý đường sắt đô thị Hà Nội",
    "Quỹ Đầu tư phát triển Thành phố",
    "Trường Trung học phổ thông Chu Văn An",
    "Trường Trung học phổ thông chuyên Hà Nội - Amsterdam",
    "Trường Trung học phổ thông chuyên Nguyễn Huệ",
    "Trường Trung học phổ thông Sơn Tây",
    "Chi cục Kiểm lâm",
    "Chi cục Thủy lợi",
    "Chi cục Chăn nuôi và Thú y",
    "Chi cục Trồng trọt và Bảo vệ thực vật",
    "Cục Quản lý thị trường Thành phố",
    "Chi cục Dân số - Kế hoạch hóa gia đình",
    "Chi cục An toàn vệ sinh thực phẩm",
    "Chi cục Phát triển nông thôn",
    "Chi cục Văn thư - Lưu trữ",
    "Chi cục Tiêu chuẩn Đo lường Chất lượng",
    "Chi cục Bảo vệ môi trường",
    "Chi cục Thủy sản",
    "Trung tâm Kiểm soát bệnh tật Thành phố",
    "Trung tâm Xúc tiến Đầu tư, Thương mại, Du lịch",
    "Thư viện Hà Nội",
    "Bảo tàng Hà Nội",
    "Nhà hát Chèo Hà Nội",
    "Nhà hát Múa rối Thăng Long",
    "Trung tâm Bảo trợ xã hội số 1",
    "Trung tâm Bảo trợ xã hội số 2",
    "Làng trẻ em SOS Hà Nội"};

static const char *const hn_colleges[] = {"Trường Đại học Thủ đô Hà Nội",
                                          "Trường Cao đẳng Sư phạm Hà Tây",
                                          "Trường Cao đẳng Y tế Hà Nội",
                                          "Trường Cao đẳng Nghệ thuật Hà Nội",
                                          "Trường Cao đẳng Thương mại và Du lịch Hà Nội",
                                          "Trường Cao đẳng Cộng đồng Hà Tây",
                                          "Trường Cao đẳng Điện tử - Điện lạnh Hà Nội",
                                          "Trường Cao đẳng Công nghệ và Môi trường Hà Nội",
                                          "Trường Cao đẳng nghề Công nghiệp Hà Nội",
                                          "Trường Cao đẳng Y tế Hà Đông",
                                          "Trường Đại học Thăng Long",
                                          "Trường Đại học Đại Nam",
                                          "Trường Đại học Phương Đông",
                                          "Trường Đại học Hòa Bình",
                                          "Trường Đại học Kinh doanh và Công nghệ Hà Nội",
                                          "Trường Đại học Thành Đô",
                                          "Trường Đại học Nguyễn Trãi",
                                          "Trường Cao đẳng Xây dựng số 1",
                                          "Trường Cao đẳng Cơ điện Hà Nội",
                                          "Trường Cao đẳng Kinh tế - Kỹ thuật Hà Nội",
                                          "Trường Cao đẳng nghề Việt Nam - Hàn Quốc",
                                          "Trường Cao đẳng nghề Kỹ thuật - Mỹ nghệ Việt Nam",
                                          "Trường Cao đẳng Sư phạm Trung ương",
                                          "Trường Cao đẳng Du lịch Hà Nội",
                                          "Trường Cao đẳng Truyền hình",
                                          "Trường Cao đẳng Văn hóa Nghệ thuật Du lịch Hà Nội"};

static const char *const vnu_schools[] = {"Trường Đại học Khoa học Tự nhiên",
                                          "Trường Đại học Khoa học Xã hội và Nhân văn",
                                          "Trường Đại học Ngoại ngữ",
                                          "Trường Đại học Công nghệ",
                                          "Trường Đại học Kinh tế",
                                          "Trường Đại học Giáo dục",
                                          "Trường Đại học Việt Nhật",
                                          "Trường Đại học Y Dược",
                                          "Trường Đại học Luật",
                                          "Trường Quốc tế",
                                          "Trường Quản trị và Kinh doanh",
                                          "Khoa Các khoa học liên ngành",
                                          "Viện Trần Nhân Tông",
                                          "Viện Vi sinh vật và Công nghệ sinh học",
                                          "Viện Việt Nam học và Khoa học phát triển",
                                          "Trung tâm Giáo dục Quốc phòng và An ninh",
                                          "Trung tâm Thư viện và Tri thức số",
                                          "Nhà xuất bản Đại học Quốc gia Hà Nội",
                                          "Cơ quan Đại học Quốc gia Hà Nội"};

/* ---- bloc committees ------------------------------------------------------------------------- */

enum bloc_kind {
    BLOC_AGENCIES,
    BLOC_ENTERPRISES,
    BLOC_POLICE,
    BLOC_MILITARY,
    BLOC_COLLEGES,
    BLOC_VNU,
    BLOC_UNIVERSITY,
    BLOC_POWER,
    BLOC_CORP,
};

struct bloc_def {
    const char *code, *name;
    enum bloc_kind kind;
    int nbase;       /* base organizations under it (Hà Nội) */
    const char *sub; /* corporation: kind of subsidiary ("Xí nghiệp Xe buýt"); university: its
                        fields of study, separated by ';' */
};

static const struct bloc_def hn_blocs[] = {
    {"KCQ", "Đảng bộ Khối các cơ quan Thành phố", BLOC_AGENCIES, 95, NULL},
    {"KDN", "Đảng bộ Khối doanh nghiệp Thành phố", BLOC_ENTERPRISES, 190, NULL},
    {"CA", "Đảng bộ Công an Thành phố", BLOC_POLICE, 72, NULL},
    {"QS", "Đảng bộ Quân sự Thành phố", BLOC_MILITARY, 24, NULL},
    {"KDH", "Đảng bộ Khối các trường đại học, cao đẳng Hà Nội", BLOC_COLLEGES, 38, NULL},
    {"DHQG", "Đảng bộ Đại học Quốc gia Hà Nội", BLOC_VNU, 30, NULL},
    {"BK", "Đảng bộ Đại học Bách khoa Hà Nội", BLOC_UNIVERSITY, 22,
     "Cơ khí;Điện;Điện tử - Viễn thông;Công nghệ thông tin và Truyền thông;Kỹ thuật Hóa học;Vật lý "
     "kỹ thuật;Toán - Tin;Khoa học và Kỹ thuật Vật liệu;Cơ khí động lực;Dệt may - Da giày và Thời "
     "trang;Công nghệ sinh học và Công nghệ thực phẩm;Kinh tế và Quản lý;Ngoại ngữ;Khoa học và "
     "Công nghệ Môi trường;Sư phạm kỹ thuật;Nhiệt lạnh;Lý luận chính trị"},
    {"KTQD", "Đảng bộ Trường Đại học Kinh tế Quốc dân", BLOC_UNIVERSITY, 16,
     "Kế toán - Kiểm toán;Ngân hàng - Tài chính;Quản trị kinh doanh;Kinh tế học;Kinh tế quốc "
     "tế;Thương mại;Marketing;Bất động sản và Kinh tế tài nguyên;Thống kê;Toán kinh tế;Hệ thống "
     "thông tin quản lý;Luật;Du lịch và Khách sạn;Khoa học quản lý;Kinh tế phát triển;Lý luận "
     "chính trị"},
    {"SP", "Đảng bộ Trường Đại học Sư phạm Hà Nội", BLOC_UNIVERSITY, 16,
     "Toán - Tin;Vật lý;Hóa học;Sinh học;Ngữ văn;Lịch sử;Địa lý;Tâm lý - Giáo dục;Giáo dục Tiểu "
     "học;Giáo dục Mầm non;Tiếng Anh;Tiếng Pháp;Giáo dục thể chất;Nghệ thuật;Công nghệ thông "
     "tin;Triết học;Việt Nam học"},
    {"HVNN", "Đảng bộ Học viện Nông nghiệp Việt Nam", BLOC_UNIVERSITY, 17,
     "Nông học;Chăn nuôi;Thú y;Thủy sản;Công nghệ sinh học;Công nghệ thực phẩm;Cơ điện;Tài nguyên "
     "và Môi trường;Kinh tế và Phát triển nông thôn;Kế toán và Quản trị kinh doanh;Công nghệ thông "
     "tin;Du lịch và Ngoại ngữ;Khoa học xã hội;Giáo dục quốc phòng;Quản lý đất đai"},
    {"XD", "Đảng bộ Trường Đại học Xây dựng Hà Nội", BLOC_UNIVERSITY, 10,
     "Xây dựng dân dụng và công nghiệp;Cầu đường;Kiến trúc và Quy hoạch;Công trình thủy;Kỹ thuật "
     "môi trường;Cơ khí xây dựng;Công nghệ thông tin;Kinh tế và Quản lý xây dựng;Vật liệu xây "
     "dựng;Đào tạo sau đại học"},
    {"TL", "Đảng bộ Trường Đại học Thủy lợi", BLOC_UNIVERSITY, 10,
     "Công trình;Kỹ thuật tài nguyên nước;Thủy văn và Tài nguyên nước;Cơ khí;Điện - Điện tử;Kinh "
     "tế và Quản lý;Công nghệ thông tin;Môi trường;Hóa và Môi trường;Luật và Lý luận chính trị"},
    {"GTVT", "Đảng bộ Trường Đại học Giao thông vận tải", BLOC_UNIVERSITY, 12,
     "Công trình;Cơ khí;Điện - Điện tử;Vận tải - Kinh tế;Công nghệ thông tin;Quản lý xây dựng;Môi "
     "trường và An toàn giao thông;Khoa học cơ bản;Lý luận chính trị;Đào tạo quốc tế;Kỹ thuật xây "
     "dựng;Đường sắt"},
    {"MDC", "Đảng bộ Trường Đại học Mỏ - Địa chất", BLOC_UNIVERSITY, 9,
     "Mỏ;Địa chất;Dầu khí;Trắc địa - Bản đồ và Quản lý đất đai;Công nghệ thông tin;Cơ điện;Kinh tế "
     "- Quản trị kinh doanh;Môi trường;Khoa học cơ bản;Xây dựng"},
    {"EVN", "Đảng bộ Tổng công ty Điện lực Thành phố Hà Nội", BLOC_POWER, 32, NULL},
    {"VT", "Đảng bộ Tổng công ty Vận tải Hà Nội", BLOC_CORP, 18, "Xí nghiệp Xe buýt"},
    {"TM", "Đảng bộ Tổng công ty Thương mại Hà Nội", BLOC_CORP, 16, "Công ty Cổ phần Thương mại"},
    {"DL", "Đảng bộ Tổng công ty Du lịch Hà Nội", BLOC_CORP, 12, "Khách sạn"},
    {"PTN", "Đảng bộ Tổng công ty Đầu tư và Phát triển nhà Hà Nội", BLOC_CORP, 12,
     "Công ty Cổ phần Đầu tư và Phát triển nhà"},
    {"NS", "Đảng bộ Công ty TNHH MTV Nước sạch Hà Nội", BLOC_CORP, 11,
     "Xí nghiệp Kinh doanh nước sạch"},
};

/* ---- base-organization candidates ------------------------------------------------------------ */

struct cand {
    int32_t parent;
    char unit[240]; /* name without "Đảng bộ"/"Chi bộ" */
    char seg[16];   /* wanted code segment */
    enum org_base_type bt;
    uint8_t cat;
    double size;      /* expected members */
    bool commune;     /* always a đảng bộ cơ sở */
    const char *ward; /* commune: the bare place name, for chi bộ names */
    enum org_form form;
    int32_t nbranch, npartial;
};

struct cands {
    struct cand *v;
    size_t n, cap;
};

static struct cand *cand_add(struct cands *c, int32_t parent, const char *unit, const char *seg,
                             enum org_base_type bt, enum demo_cat cat, double size)
{
    ALLOC_GROW(c->v, c->n + 1, c->cap);
    struct cand *x = &c->v[c->n++];
    memset(x, 0, sizeof(*x));
    x->parent = parent;
    snprintf(x->unit, sizeof(x->unit), "%s", unit);
    snprintf(x->seg, sizeof(x->seg), "%s", seg);
    x->bt = bt;
    x->cat = (uint8_t)cat;
    x->size = size;
    return x;
}

/* Type words of place names: "Quận Ba Đình" -> lower "quận", bare "Ba Đình". */
struct place {
    const char *lower; /* "quận", "huyện", "thị xã", "thành phố", "phường", "xã", ... */
    const char *bare;
    char letter; /* code letter for numeric names: 'P', 'Q', 'X', 'T', 'H' */
    int kind; /* 0 urban (quận, phường, thành phố), 1 rural (huyện, xã), 2 town (thị xã, thị trấn)
               */
};

static struct place split_place(const char *full)
{
    static const struct {
        const char *prefix, *lower;
        char letter;
        int kind;
    } types[] = {{"Thành phố ", "thành phố", 'T', 0},
                 {"Tỉnh ", "tỉnh", 'T', 1},
                 {"Quận ", "quận", 'Q', 0},
                 {"Huyện ", "huyện", 'H', 1},
                 {"Thị xã ", "thị xã", 'T', 2},
                 {"Phường ", "phường", 'P', 0},
                 {"Xã ", "xã", 'X', 1},
                 {"Thị trấn ", "thị trấn", 'T', 2},
                 {"Đặc khu ", "đặc khu", 'D', 1}};
    struct place pl = {"", full, 'X', 1};
    for (size_t i = 0; i < ARRAY_SIZE(types); i++) {
        size_t n = strlen(types[i].prefix);
        if (!strncmp(full, types[i].prefix, n)) {
            pl.lower = types[i].lower;
            pl.bare = full + n;
            pl.letter = types[i].letter;
            pl.kind = types[i].kind;
            break;
        }
    }
    return pl;
}

static void place_code(const struct place *pl, char *out, size_t n)
{
    char ini[16];
    demo_initials(pl->bare, ini, sizeof(ini));
    if (ini[0] >= '0' && ini[0] <= '9')
        snprintf(out, n, "%c%s", pl->letter, ini);
    else
        snprintf(out, n, "%s", ini[0] ? ini : "X");
}

/* Place-name code unique among siblings: initials, then more letters of the last word. */
static void sibling_code(struct demo_plan *p, const char *parent_code, const struct place *pl,
                         char out[33])
{
    char want[24];
    place_code(pl, want, sizeof(want));
    char full[40];
    snprintf(full, sizeof(full), "%s.%s", parent_code, want);
    char tmp[33];
    demo_plan_unique_code(p, parent_code, want, tmp);
    if (!strcmp(tmp, full) || want[0] == 0) {
        memcpy(out, tmp, 33);
        return;
    }
    /* extend with letters of the last word: Hoài Đức -> HDU */
    struct buf f = BUF_INIT;
    text_fold(pl->bare, &f);
    const char *last = strrchr(f.ptr, ' ');
    last = last ? last + 1 : f.ptr;
    size_t wl = strlen(want);
    for (size_t k = 1; last[k] && wl + 1 < sizeof(want); k++) {
        char c = last[k];
        if (c < 'a' || c > 'z')
            continue;
        want[wl++] = (char)(c - 'a' + 'A');
        want[wl] = '\0';
        snprintf(full, sizeof(full), "%s.%s", parent_code, want);
        demo_plan_unique_code(p, parent_code, want, tmp);
        if (!strcmp(tmp, full))
            break;
    }
    buf_release(&f);
    memcpy(out, tmp, 33);
}

/* A brand-and-sector company name not yet used under this parent. */
static void company_name(struct rng *r, const char *form, char *out, size_t n, int serial)
{
    const char *s = sectors[rng_below(r, ARRAY_SIZE(sectors))];
    const char *b = brands[(serial * 7 + rng_below(r, 5)) % ARRAY_SIZE(brands)];
    snprintf(out, n, "Công ty %s %s %s", form, s, b);
}

/* Units of a district committee: fixed ones first, then a mix by kind of district. */
static void district_units(struct demo_plan *p, struct rng *r, struct cands *c, int32_t d,
                           const struct place *dp, const char *committee, int count,
                           const struct demo_unit *wards, size_t nwards)
{
    char U[120], C[140], name[240];
    snprintf(U, sizeof(U), "%s %s", dp->lower, dp->bare);
    snprintf(C, sizeof(C), "%s %s", committee, dp->bare);
    struct {
        const char *fmt; /* %s = U, or C for the first */
        const char *seg;
        enum org_base_type bt;
        enum demo_cat cat;
        double size;
        bool rural_only;
    } fixed[] = {
        {"Công an %s", "CA", ORG_BASE_CONG_AN, CAT_POLICE, 240, false},
        {"Cơ quan %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 20, false},
        {"Cơ quan chính quyền %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 140, false},
        {"Trung tâm Y tế %s", "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_HEALTH, 85, false},
        {"Quân sự %s", "QS", ORG_BASE_QUAN_DOI, CAT_MILITARY, 24, false},
        {"Bệnh viện Đa khoa %s", "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_HEALTH, 90, true},
        {"Cơ quan Ủy ban Mặt trận Tổ quốc và các đoàn thể %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH,
         CAT_AGENCY, 16, false},
        {"Tòa án nhân dân %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 18, false},
        {"Viện Kiểm sát nhân dân %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 16, false},
        {"Chi cục Thi hành án dân sự %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 14, false},
        {"Chi cục Thuế %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 40, false},
        {"Kho bạc Nhà nước %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 12, false},
        {"Bảo hiểm xã hội %s", "CQ", ORG_BASE_CO_QUAN_HANH_CHINH, CAT_AGENCY, 14, false},
        {"Ban Quản lý dự án đầu tư xây dựng %s", "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_AGENCY, 14,
         false},
        {"Trung tâm Văn hóa - Thông tin và Thể thao %s", "SN", ORG_BASE_DON_VI_SU_NGHIEP,
         CAT_AGENCY, 12, false},
        {"Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên %s", "SN",
         ORG_BASE_DON_VI_SU_NGHIEP, CAT_SCHOOL, 12, false},
    };
    int made = 0;
    for (size_t i = 0; i < ARRAY_SIZE(fixed) && made < count; i++) {
        if (fixed[i].rural_only && dp->kind == 0)
            continue;
        snprintf(name, sizeof(name), fixed[i].fmt, i == 1 ? C : U);
        cand_add(c, d, name, fixed[i].seg, fixed[i].bt, fixed[i].cat, fixed[i].size);
        made++;
    }
    size_t school = 0, coop = 0;
    int bank = 0, vocational = 0;
    for (int k = 0; made < count; k++) {
        double u = rng_unit(r);
        bool rural = dp->kind != 0;
        if (u < (rural ? 0.16 : 0.10) && school < nwards) {
            struct place wp = split_place(wards[(school * 5 + 2) % nwards].ward);
            school++;
            snprintf(name, sizeof(name), "Trường Trung học phổ thông %s", wp.bare);
            cand_add(c, d, name, "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_SCHOOL, 20);
        } else if (rural && u < 0.40 && coop < nwards) {
            struct place wp = split_place(wards[(coop++ * 7 + 3) % nwards].ward);
            snprintf(name, sizeof(name), "Hợp tác xã nông nghiệp %s", wp.bare);
            cand_add(c, d, name, "K", ORG_BASE_KHAC, CAT_RES_RURAL, 8);
        } else if (u < 0.50 && bank < 8) {
            static const char *const banks[] = {
                "Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam",
                "Ngân hàng TMCP Ngoại thương Việt Nam",
                "Ngân hàng TMCP Công thương Việt Nam",
                "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam",
                "Ngân hàng Chính sách xã hội",
                "Bưu điện",
                "Viễn thông",
                "Công ty Điện lực"};
            snprintf(name, sizeof(name), "%s chi nhánh %s", banks[k % ARRAY_SIZE(banks)], dp->bare);
            cand_add(c, d, name, "DN", ORG_BASE_DNNN, CAT_SOE, 22);
        } else if (u < 0.56 && vocational < 4) {
            static const char *const trades[] = {"Kinh tế - Kỹ thuật", "Y tế", "Nghề",
                                                 "Văn hóa - Nghệ thuật"};
            snprintf(name, sizeof(name), "Trường Trung cấp %s %s", trades[vocational++], dp->bare);
            cand_add(c, d, name, "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_SCHOOL, 16);
        } else {
            bool jsc = rng_chance(r, 0.55);
            company_name(r, jsc ? "Cổ phần" : "TNHH", name, sizeof(name), made + k);
            cand_add(c, d, name, "TN", ORG_BASE_DN_NGOAI_NHA_NUOC, CAT_PRIVATE,
                     jsc ? 14 + rng_below(r, 40) : 9);
        }
        made++;
    }
}

static void bloc_units(struct rng *r, struct cands *c, int32_t b, const struct bloc_def *def,
                       const char *province_bare, int count, const struct demo_unit *units,
                       size_t nunits)
{
    char name[240];
    for (int k = 0; k < count; k++) {
        switch (def->kind) {
        case BLOC_AGENCIES:
            if ((size_t)k < ARRAY_SIZE(hn_agencies) && !strcmp(province_bare, "Hà Nội")) {
                const char *n = hn_agencies[k];
                bool hosp = strstr(n, "Bệnh viện") || strstr(n, "Trung tâm Cấp cứu");
                bool school = strstr(n, "Trường") != NULL;
                cand_add(c, b, n, "SN",
                         !strncmp(n, "Sở", 3) || strstr(n, "Cục") || strstr(n, "Văn phòng") ||
                                 strstr(n, "Thanh tra") || strstr(n, "Chi cục")
                             ? ORG_BASE_CO_QUAN_HANH_CHINH
                             : ORG_BASE_DON_VI_SU_NGHIEP,
                         hosp     ? CAT_HEALTH
                         : school ? CAT_SCHOOL
                                  : CAT_AGENCY,
                         hosp     ? 160
                         : school ? 30
                                  : 45);
                if (!strncmp(n, "Sở", 3) || strstr(n, "Cục") || strstr(n, "Thanh tra"))
                    snprintf(c->v[c->n - 1].seg, 16, "CQ");
            } else {
                static const char *const kinds[] = {"Sở %s", "Chi cục %s", "Trung tâm %s",
                                                    "Ban Quản lý dự án %s"};
                static const char *const areas[] = {"Tài chính",
                                                    "Kế hoạch và Đầu tư",
                                                    "Xây dựng",
                                                    "Giao thông vận tải",
                                                    "Tài nguyên và Môi trường",
                                                    "Công Thương",
                                                    "Nông nghiệp và Phát triển nông thôn",
                                                    "Lao động - Thương binh và Xã hội",
                                                    "Văn hóa, Thể thao và Du lịch",
                                                    "Khoa học và Công nghệ",
                                                    "Thông tin và Truyền thông",
                                                    "Tư pháp",
                                                    "Nội vụ",
                                                    "Giáo dục và Đào tạo",
                                                    "Y tế"};
                int kk = k / (int)ARRAY_SIZE(areas) % 4;
                char inner[160];
                snprintf(inner, sizeof(inner), kinds[kk], areas[k % ARRAY_SIZE(areas)]);
                snprintf(name, sizeof(name), "%s%s%s", inner, kk ? " tỉnh " : " tỉnh ",
                         province_bare);
                if (k >= (int)(4 * ARRAY_SIZE(areas)))
                    snprintf(name, sizeof(name), "Bệnh viện Đa khoa khu vực số %d tỉnh %s",
                             k - (int)(4 * ARRAY_SIZE(areas)) + 1, province_bare);
                cand_add(c, b, name, kk ? "SN" : "CQ",
                         kk ? ORG_BASE_DON_VI_SU_NGHIEP : ORG_BASE_CO_QUAN_HANH_CHINH,
                         k >= (int)(4 * ARRAY_SIZE(areas)) ? CAT_HEALTH : CAT_AGENCY, 40);
            }
            break;
        case BLOC_ENTERPRISES: {
            bool state = rng_chance(r, 0.4);
            company_name(r, state ? "TNHH MTV" : (rng_chance(r, 0.7) ? "Cổ phần" : "TNHH"), name,
                         sizeof(name), k);
            cand_add(c, b, name, state ? "DN" : "TN",
                     state ? ORG_BASE_DNNN : ORG_BASE_DN_NGOAI_NHA_NUOC,
                     state ? CAT_SOE : CAT_PRIVATE, state ? 60 : 25);
            break;
        }
        case BLOC_POLICE:
            if ((size_t)k < ARRAY_SIZE(police_units))
                snprintf(name, sizeof(name), "Phòng %s", police_units[k]);
            else if ((size_t)k < ARRAY_SIZE(police_units) + 2)
                snprintf(name, sizeof(name), "Trại tạm giam số %d",
                         k - (int)ARRAY_SIZE(police_units) + 1);
            else
                snprintf(name, sizeof(name),
                         "Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực %d",
                         k - (int)ARRAY_SIZE(police_units) - 1);
            cand_add(c, b, name, "CA", ORG_BASE_CONG_AN, CAT_POLICE, 70);
            break;
        case BLOC_MILITARY: {
            static const char *const mil[] = {"Phòng Tham mưu",      "Phòng Chính trị",
                                              "Phòng Hậu cần",       "Phòng Kỹ thuật",
                                              "Trường Quân sự",      "Tiểu đoàn Trinh sát",
                                              "Tiểu đoàn Thông tin", "Tiểu đoàn Công binh"};
            if ((size_t)k < ARRAY_SIZE(mil))
                snprintf(name, sizeof(name), "%s", mil[k]);
            else
                snprintf(name, sizeof(name), "Ban Chỉ huy Quân sự khu vực %d",
                         k - (int)ARRAY_SIZE(mil) + 1);
            cand_add(c, b, name, "QS", ORG_BASE_QUAN_DOI, CAT_MILITARY, 45);
            break;
        }
        case BLOC_COLLEGES:
            if ((size_t)k < ARRAY_SIZE(hn_colleges))
                snprintf(name, sizeof(name), "%s", hn_colleges[k]);
            else
                snprintf(name, sizeof(name), "Trường Cao đẳng nghề số %d",
                         k - (int)ARRAY_SIZE(hn_colleges) + 1);
            cand_add(c, b, name, "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_UNI, 60);
            break;
        case BLOC_VNU:
            if ((size_t)k < ARRAY_SIZE(vnu_schools))
                snprintf(name, sizeof(name), "%s", vnu_schools[k]);
            else
                snprintf(name, sizeof(name), "Khoa %s",
                         disciplines[(k - ARRAY_SIZE(vnu_schools)) % ARRAY_SIZE(disciplines)]);
            cand_add(c, b, name, "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_UNI,
                     (size_t)k < 11 ? 180 : 40);
            break;
        case BLOC_UNIVERSITY: {
            /* the university's fields in turn: Khoa first, then Viện, then Trung tâm */
            const char *fields[32];
            size_t lens[32];
            int nf = 0;
            for (const char *f = def->sub; f && *f && nf < 32; nf++) {
                const char *semi = strchr(f, ';');
                fields[nf] = f;
                lens[nf] = semi ? (size_t)(semi - f) : strlen(f);
                f = semi ? semi + 1 : f + lens[nf];
            }
            if (k == 0 || !nf) {
                snprintf(name, sizeof(name), "Các phòng, ban chức năng");
            } else {
                int round = (k - 1) / nf, idx = (k - 1) % nf;
                snprintf(name, sizeof(name), "%s %.*s",
                         round == 0   ? "Khoa"
                         : round == 1 ? "Viện"
                                      : "Trung tâm",
                         (int)lens[idx], fields[idx]);
            }
            cand_add(c, b, name, "SN", ORG_BASE_DON_VI_SU_NGHIEP, CAT_UNI, 70);
            break;
        }
        case BLOC_POWER: {
            const struct demo_unit *u = &units[(size_t)k * 17 % nunits];
            struct place dp = split_place(u->district);
            if (k < 30) {
                /* one power company per district, in CSV order */
                size_t seen = 0;
                const char *last = "";
                for (size_t i = 0; i < nunits; i++) {
                    if (strcmp(units[i].district_code, last)) {
                        last = units[i].district_code;
                        if (seen++ == (size_t)k) {
                            dp = split_place(units[i].district);
                            break;
                        }
                    }
                }
                snprintf(name, sizeof(name), "Công ty Điện lực %s", dp.bare);
            } else {
                snprintf(name, sizeof(name), "Công ty Lưới điện cao thế số %d", k - 29);
            }
            cand_add(c, b, name, "DN", ORG_BASE_DNNN, CAT_SOE, 90);
            break;
        }
        case BLOC_CORP:
            if (k == 0)
                snprintf(name, sizeof(name), "Cơ quan Tổng công ty");
            else
                snprintf(name, sizeof(name), "%s %s", def->sub,
                         brands[(k * 11 + (int)rng_below(r, 3)) % ARRAY_SIZE(brands)]);
            cand_add(c, b, name, "DN", ORG_BASE_DNNN, CAT_SOE, 55);
            break;
        }
    }
}

/* ---- chi bộ names ---------------------------------------------------------------------------- */

/* Name and category of the k-th chi bộ (0-based) of a base organization with n chi bộ. */
static void branch_name(struct rng *r, const struct cand *b, int k, int n, char *out, size_t len,
                        uint8_t *cat)
{
    *cat = b->cat;
    if (b->commune) {
        struct place wp = split_place(b->ward);
        static const struct {
            const char *fmt;
            enum demo_cat cat;
        } fixed[] = {{"Chi bộ Cơ quan", CAT_AGENCY},
                     {"Chi bộ Công an %s %s", CAT_POLICE},
                     {"Chi bộ Trường Tiểu học %s", CAT_SCHOOL},
                     {"Chi bộ Trường Trung học cơ sở %s", CAT_SCHOOL},
                     {"Chi bộ Trường Mầm non %s", CAT_SCHOOL},
                     {"Chi bộ Quân sự", CAT_MILITARY},
                     {"Chi bộ Trạm Y tế", CAT_HEALTH}};
        int nfixed = n / 3 < 7 ? n / 3 : 7;
        if (k < nfixed) {
            if (k == 1)
                snprintf(out, len, fixed[k].fmt, wp.lower, wp.bare);
            else
                snprintf(out, len, fixed[k].fmt, wp.bare);
            *cat = (uint8_t)fixed[k].cat;
            return;
        }
        int i = k - nfixed;
        if (wp.kind == 1) {
            size_t na = ARRAY_SIZE(village_a), nb = ARRAY_SIZE(village_b);
            size_t x = ((size_t)i * 7 + (size_t)(b->unit[0] & 7)) % (na * nb);
            if ((size_t)i < na * nb)
                snprintf(out, len, "Chi bộ thôn %s %s", village_a[x % na], village_b[x / na]);
            else
                snprintf(out, len, "Chi bộ thôn số %d", i + 1);
            *cat = CAT_RES_RURAL;
        } else {
            snprintf(out, len, "Chi bộ Tổ dân phố số %d", i + 1);
            *cat = CAT_RES_URBAN;
        }
        return;
    }
    switch (b->cat) {
    case CAT_HEALTH:
        if ((size_t)k < ARRAY_SIZE(wards_hospital))
            snprintf(out, len, "Chi bộ Khoa %s", wards_hospital[k]);
        else
            snprintf(out, len, "Chi bộ Phòng %s", offices[k % ARRAY_SIZE(offices)]);
        break;
    case CAT_POLICE:
        if ((size_t)k < ARRAY_SIZE(police_units))
            snprintf(out, len, "Chi bộ Đội %s", police_units[k]);
        else
            snprintf(out, len, "Chi bộ Đội số %d", k + 1);
        break;
    case CAT_MILITARY:
        snprintf(out, len, "Chi bộ Đại đội %d", k + 1);
        break;
    case CAT_UNI:
        if (k % 3 == 2) {
            snprintf(out, len, "Chi bộ Sinh viên %d", k / 3 + 1);
            *cat = CAT_STUDENT;
        } else if ((size_t)k < ARRAY_SIZE(disciplines)) {
            snprintf(out, len, "Chi bộ Bộ môn %s",
                     disciplines[(k + (int)(b->unit[2] & 15)) % ARRAY_SIZE(disciplines)]);
        } else {
            snprintf(out, len, "Chi bộ Cán bộ số %d", k + 1);
        }
        break;
    case CAT_SOE:
    case CAT_PRIVATE:
        if (k < 4)
            snprintf(out, len, "Chi bộ Phòng %s", offices[12 + k]);
        else
            snprintf(out, len, "Chi bộ %s số %d", rng_chance(r, 0.5) ? "Xí nghiệp" : "Đội", k - 3);
        break;
    case CAT_SCHOOL:
        snprintf(out, len, "Chi bộ Tổ chuyên môn số %d", k + 1);
        break;
    default:
        if ((size_t)k < ARRAY_SIZE(offices))
            snprintf(out, len, "Chi bộ Phòng %s", offices[k]);
        else
            snprintf(out, len, "Chi bộ số %d", k + 1);
        break;
    }
}

/* Typical registered members of a chi bộ of each category (before scaling to the total). */
static const double cat_branch_size[CAT__MAX] = {
    [CAT_RES_URBAN] = 34, [CAT_RES_RURAL] = 36, [CAT_AGENCY] = 13,  [CAT_SCHOOL] = 14,
    [CAT_HEALTH] = 14,    [CAT_SOE] = 16,       [CAT_PRIVATE] = 10, [CAT_UNI] = 16,
    [CAT_STUDENT] = 9,    [CAT_POLICE] = 16,    [CAT_MILITARY] = 9};

/* ---- the province ---------------------------------------------------------------------------- */

static int cmp_partial_cand(const void *a, const void *b)
{
    const struct cand *x = *(const struct cand *const *)a, *y = *(const struct cand *const *)b;
    if (x->commune != y->commune)
        return x->commune ? 1 : -1;
    if (x->nbranch != y->nbranch)
        return x->nbranch > y->nbranch ? -1 : 1;
    return strcmp(x->seg, y->seg) < 0 ? -1 : 1;
}

enum tcxd_err demo_plan_orgs(struct demo_plan *p, const struct demo_spec *spec, int32_t parent,
                             struct tcxd_error *e)
{
    const struct demo_data *d = p->data;
    struct rng r;
    rng_seed(&r, p->seed, 0x7e57 + (uint64_t)strtoul(spec->province_code, NULL, 10));
    /* the province's communes, grouped by district in CSV order */
    size_t first = d->nunits, last = 0;
    for (size_t i = 0; i < d->nunits; i++)
        if (!strcmp(d->units[i].province_code, spec->province_code)) {
            if (first == d->nunits)
                first = i;
            last = i + 1;
        }
    if (first == d->nunits)
        return tcxd_fail(e, TCXD_EINVAL, "province", "no province '%s' in the unit list",
                         spec->province_code);
    const struct demo_unit *units = &d->units[first];
    size_t nunits = last - first;

    struct place prov = split_place(units[0].province);
    char name[300];
    snprintf(name, sizeof(name), "Đảng bộ %s %s", prov.lower, prov.bare);
    char code[33];
    demo_plan_unique_code(p, parent >= 0 ? p->orgs[parent].code : NULL, spec->root_code, code);
    int32_t root = demo_plan_add_org(p, code, name, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                     ORG_BASE_NONE, parent);
    p->orgs[root].dec = "TU";

    struct cands c = {0};
    /* districts and their communes */
    struct {
        int32_t org;
        size_t u0, u1; /* communes [u0, u1) in units */
        double weight;
        struct place pl;
    } dist[64];
    size_t nd = 0;
    for (size_t i = 0; i < nunits;) {
        size_t j = i;
        while (j < nunits && !strcmp(units[j].district_code, units[i].district_code))
            j++;
        bool want = !spec->district_codes;
        for (const char *const *dc = spec->district_codes; dc && *dc; dc++)
            if (!strcmp(*dc, units[i].district_code))
                want = true;
        if (spec->max_districts && nd >= (size_t)spec->max_districts)
            want = false;
        if (want && nd < ARRAY_SIZE(dist)) {
            struct place pl = split_place(units[i].district);
            sibling_code(p, p->orgs[root].code, &pl, code);
            snprintf(name, sizeof(name), "Đảng bộ %s %s", pl.lower, pl.bare);
            int32_t o = demo_plan_add_org(p, code, name, ORG_TIER_ABOVE_BASE, ORG_FORM_DANG_BO,
                                          ORG_BASE_NONE, root);
            p->orgs[o].dec = pl.kind == 0 ? (strcmp(pl.lower, "quận") ? "TU" : "QU")
                                          : (pl.kind == 1 ? "HU" : "TU");
            dist[nd].org = o;
            dist[nd].u0 = i;
            dist[nd].u1 = spec->communes_per_district && j - i > (size_t)spec->communes_per_district
                              ? i + (size_t)spec->communes_per_district
                              : j;
            dist[nd].pl = pl;
            dist[nd].weight = (pl.kind == 0 ? 1.7 : 1.0) * sqrt((double)(j - i));
            nd++;
        }
        i = j;
    }
    /* bloc committees */
    struct bloc_def gen[4] = {
        {"KCQ", NULL, BLOC_AGENCIES, 0, NULL},
        {"KDN", NULL, BLOC_ENTERPRISES, 0, NULL},
        {"CA", NULL, BLOC_POLICE, 0, NULL},
        {"QS", NULL, BLOC_MILITARY, 0, NULL},
    };
    char gen_names[4][160];
    const struct bloc_def *blocs = spec->hanoi_blocs ? hn_blocs : gen;
    size_t nblocs = spec->hanoi_blocs ? ARRAY_SIZE(hn_blocs) : (size_t)spec->nblocs;
    if (!spec->hanoi_blocs) {
        const char *what[] = {"Khối các cơ quan", "Khối doanh nghiệp", "Công an", "Quân sự"};
        for (size_t i = 0; i < 4; i++) {
            snprintf(gen_names[i], sizeof(gen_names[i]), "Đảng bộ %s %s %s", what[i], prov.lower,
                     prov.bare);
            gen[i].name = gen_names[i];
        }
    }
    int32_t bloc_org[ARRAY_SIZE(hn_blocs)];
    for (size_t i = 0; i < nblocs; i++) {
        demo_plan_unique_code(p, p->orgs[root].code, blocs[i].code, code);
        bloc_org[i] = demo_plan_add_org(p, code, blocs[i].name, ORG_TIER_ABOVE_BASE,
                                        ORG_FORM_DANG_BO, ORG_BASE_NONE, root);
        p->orgs[bloc_org[i]].dec = "ĐU";
    }

    /* communes: every one a đảng bộ cơ sở */
    size_t ncomm = 0;
    for (size_t k = 0; k < nd; k++)
        for (size_t i = dist[k].u0; i < dist[k].u1; i++) {
            struct place wp = split_place(units[i].ward);
            char seg[24];
            place_code(&wp, seg, sizeof(seg));
            snprintf(name, sizeof(name), "%s %s", wp.lower, wp.bare);
            struct cand *x = cand_add(&c, dist[k].org, name, seg,
                                      wp.kind == 0   ? ORG_BASE_PHUONG
                                      : wp.kind == 1 ? ORG_BASE_XA
                                                     : ORG_BASE_THI_TRAN,
                                      wp.kind == 1 ? CAT_RES_RURAL : CAT_RES_URBAN,
                                      wp.kind == 0   ? 620
                                      : wp.kind == 1 ? 330
                                                     : 450);
            x->commune = true;
            x->ward = units[i].ward;
            x->size *= 0.7 + 0.6 * rng_unit(&r);
            ncomm++;
        }
    /* other base organizations: blocs get their share, districts the rest by weight */
    int64_t others = spec->base - (int64_t)ncomm;
    int64_t bloc_total = 0;
    int32_t bloc_n[ARRAY_SIZE(hn_blocs)];
    for (size_t i = 0; i < nblocs; i++) {
        bloc_n[i] =
            spec->hanoi_blocs ? blocs[i].nbase : (int32_t)fmax(2, others * (i == 1 ? 0.08 : 0.04));
        bloc_total += bloc_n[i];
    }
    if (others - bloc_total < 2 * (int64_t)nd) {
        free(c.v);
        return tcxd_fail(e, TCXD_EINTERNAL, "", "province %s: %lld base organizations are too few",
                         spec->province_code, (long long)spec->base);
    }
    double *w = xmalloc((nd + 1) * sizeof(*w));
    int32_t *lo = xmalloc((nd + 1) * sizeof(*lo)), *cnt = xmalloc((nd + 1) * sizeof(*cnt));
    for (size_t k = 0; k < nd; k++) {
        w[k] = dist[k].weight;
        lo[k] = 2;
    }
    demo_allocate(others - bloc_total, w, lo, NULL, nd, cnt);
    for (size_t k = 0; k < nd; k++) {
        const char *committee = !strcmp(dist[k].pl.lower, "quận")     ? "Quận ủy"
                                : !strcmp(dist[k].pl.lower, "huyện")  ? "Huyện ủy"
                                : !strcmp(dist[k].pl.lower, "thị xã") ? "Thị ủy"
                                                                      : "Thành ủy";
        district_units(p, &r, &c, dist[k].org, &dist[k].pl, committee, cnt[k], &units[dist[k].u0],
                       dist[k].u1 - dist[k].u0);
    }
    for (size_t i = 0; i < nblocs; i++)
        bloc_units(&r, &c, bloc_org[i], &blocs[i], prov.bare, bloc_n[i], units, nunits);
    free(w);
    free(lo);
    free(cnt);

    /* names unique among siblings: a repeated one gets a number */
    for (size_t i = 0; i < c.n; i++) {
        int same = 1;
        for (size_t j = 0; j < i; j++)
            if (c.v[j].parent == c.v[i].parent && !strcmp(c.v[j].unit, c.v[i].unit))
                same++;
        if (same > 1) {
            size_t len = strlen(c.v[i].unit);
            snprintf(c.v[i].unit + len, sizeof(c.v[i].unit) - len, " số %d", same);
        }
    }
    /* forms: communes and units of 30 or more expected members are đảng bộ cơ sở */
    for (size_t i = 0; i < c.n; i++) {
        struct cand *x = &c.v[i];
        if (!x->commune)
            x->size *= 0.6 + 0.8 * rng_unit(&r);
        x->form = (x->commune || x->size >= 30) ? ORG_FORM_DANG_BO : ORG_FORM_CHI_BO;
    }
    /* chi bộ trực thuộc: at least 3 per đảng bộ cơ sở, the rest by expected size */
    size_t ndb = 0;
    for (size_t i = 0; i < c.n; i++)
        ndb += c.v[i].form == ORG_FORM_DANG_BO;
    w = xmalloc((ndb + 1) * sizeof(*w));
    lo = xmalloc((ndb + 1) * sizeof(*lo));
    cnt = xmalloc((ndb + 1) * sizeof(*cnt));
    struct cand **db = xmalloc((ndb + 1) * sizeof(*db));
    ndb = 0;
    for (size_t i = 0; i < c.n; i++)
        if (c.v[i].form == ORG_FORM_DANG_BO) {
            db[ndb] = &c.v[i];
            w[ndb] = c.v[i].size / cat_branch_size[c.v[i].cat];
            lo[ndb] = 3;
            ndb++;
        }
    if ((int64_t)ndb * 3 > spec->branches) {
        free(c.v);
        free(w);
        free(lo);
        free(cnt);
        free(db);
        return tcxd_fail(e, TCXD_EINTERNAL, "", "province %s: too few chi bộ for %zu đảng bộ",
                         spec->province_code, ndb);
    }
    demo_allocate(spec->branches, w, lo, NULL, ndb, cnt);
    for (size_t i = 0; i < ndb; i++)
        db[i]->nbranch = cnt[i];
    /* đảng bộ bộ phận in the largest non-commune đảng bộ (then communes), 3-6 chi bộ each */
    qsort(db, ndb, sizeof(*db), cmp_partial_cand);
    int64_t placed = 0;
    for (int round = 0; placed < spec->partial && round < 64; round++) {
        bool any = false;
        for (size_t i = 0; i < ndb && placed < spec->partial; i++) {
            struct cand *x = db[i];
            /* chi bộ not yet in a partial: nbranch minus 4 per partial on average */
            int free_branches = x->nbranch - x->npartial * 4;
            if (free_branches >= 7 || (round > 4 && x->nbranch >= 3 * (x->npartial + 1) + 1)) {
                x->npartial++;
                placed++;
                any = true;
            }
        }
        if (!any && round > 8)
            break;
    }
    if (placed < spec->partial) {
        free(c.v);
        free(w);
        free(lo);
        free(cnt);
        free(db);
        return tcxd_fail(e, TCXD_EINTERNAL, "", "province %s: no room for %lld đảng bộ bộ phận",
                         spec->province_code, (long long)spec->partial);
    }
    free(w);
    free(lo);
    free(cnt);
    free(db);

    /* write the base organizations, their đảng bộ bộ phận and chi bộ */
    for (size_t i = 0; i < c.n; i++) {
        struct cand *x = &c.v[i];
        char bcode[33];
        if (x->commune) {
            struct place wp = split_place(x->ward);
            sibling_code(p, p->orgs[x->parent].code, &wp, bcode);
        } else {
            /* numbered per parent and prefix: SN01, SN02 ...; CA, QS, CQ first unnumbered */
            bool numbered =
                (strcmp(x->seg, "CA") && strcmp(x->seg, "QS") && strcmp(x->seg, "CQ")) ||
                !strcmp(p->orgs[x->parent].dec, "ĐU");
            for (int k = numbered ? 1 : 0;; k++) {
                char want[32], full[80];
                if (k == 0)
                    snprintf(want, sizeof(want), "%s", x->seg);
                else
                    snprintf(want, sizeof(want), "%s%02d", x->seg, k);
                snprintf(full, sizeof(full), "%s.%s", p->orgs[x->parent].code, want);
                demo_plan_unique_code(p, p->orgs[x->parent].code, want, bcode);
                if (!strcmp(bcode, full))
                    break;
            }
        }
        snprintf(name, sizeof(name), "%s %s", x->form == ORG_FORM_DANG_BO ? "Đảng bộ" : "Chi bộ",
                 x->unit);
        int32_t b = demo_plan_add_org(p, bcode, name, ORG_TIER_BASE, x->form, x->bt, x->parent);
        p->orgs[b].cat = x->cat;
        if (x->form == ORG_FORM_CHI_BO) {
            p->orgs[b].weight = fmin(29, fmax(3, x->size * (0.7 + 0.6 * rng_unit(&r))));
            continue;
        }
        int k = 0;
        int in_partials = 0;
        int32_t *per = xmalloc(((size_t)x->npartial + 1) * sizeof(*per));
        for (int j = 0; j < x->npartial; j++) {
            /* keep 3 for each later partial and 1 chi bộ directly under the base */
            int most = x->nbranch - in_partials - 1 - 3 * (x->npartial - j - 1);
            per[j] = rng_range(&r, 3, 6);
            if (per[j] > most)
                per[j] = most;
            in_partials += per[j];
        }
        for (int j = 0; j < x->npartial; j++) {
            char pcode[33], want[16];
            snprintf(want, sizeof(want), "BP%02d", j + 1);
            demo_plan_unique_code(p, bcode, want, pcode);
            const char *unit = x->commune               ? "Khu dân cư số %d"
                               : x->cat == CAT_UNI      ? "Khoa số %d"
                               : x->cat == CAT_POLICE   ? "Phòng số %d"
                               : x->cat == CAT_MILITARY ? "Tiểu đoàn %d"
                               : x->cat == CAT_HEALTH   ? "Khối lâm sàng số %d"
                               : x->cat == CAT_AGENCY   ? "Khối văn phòng số %d"
                                                        : "Xí nghiệp thành viên số %d";
            char u[64];
            snprintf(u, sizeof(u), unit, j + 1);
            snprintf(name, sizeof(name), "Đảng bộ bộ phận %s", u);
            int32_t bp = demo_plan_add_org(p, pcode, name, ORG_TIER_BELOW_BASE, ORG_FORM_DANG_BO,
                                           ORG_BASE_NONE, b);
            p->orgs[bp].cat = x->cat;
            for (int q = 0; q < per[j]; q++, k++) {
                uint8_t cat;
                branch_name(&r, x, k, x->nbranch, name, sizeof(name), &cat);
                snprintf(want, sizeof(want), x->nbranch >= 100 ? "%03d" : "%02d", k + 1);
                char ccode[33];
                demo_plan_unique_code(p, pcode, want, ccode);
                int32_t cb = demo_plan_add_org(p, ccode, name, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                                               ORG_BASE_NONE, bp);
                p->orgs[cb].cat = cat;
                p->orgs[cb].weight = cat_branch_size[cat] * (0.5 + rng_unit(&r));
            }
        }
        free(per);
        for (; k < x->nbranch; k++) {
            uint8_t cat;
            branch_name(&r, x, k, x->nbranch, name, sizeof(name), &cat);
            char want[16], ccode[33];
            snprintf(want, sizeof(want), x->nbranch >= 100 ? "%03d" : "%02d", k + 1);
            demo_plan_unique_code(p, bcode, want, ccode);
            int32_t cb = demo_plan_add_org(p, ccode, name, ORG_TIER_BELOW_BASE, ORG_FORM_CHI_BO,
                                           ORG_BASE_NONE, b);
            p->orgs[cb].cat = cat;
            p->orgs[cb].weight = cat_branch_size[cat] * (0.5 + rng_unit(&r));
        }
    }
    free(c.v);

    /* member targets: exact total, chi bộ cơ sở 3..29, chi bộ trực thuộc at least 3 */
    size_t nchi = 0;
    for (size_t i = (size_t)root; i < p->norgs; i++)
        nchi += org_holds_members(p->orgs[i].tier, p->orgs[i].form);
    w = xmalloc((nchi + 1) * sizeof(*w));
    lo = xmalloc((nchi + 1) * sizeof(*lo));
    int32_t *hi = xmalloc((nchi + 1) * sizeof(*hi));
    cnt = xmalloc((nchi + 1) * sizeof(*cnt));
    size_t *at = xmalloc((nchi + 1) * sizeof(*at));
    nchi = 0;
    for (size_t i = (size_t)root; i < p->norgs; i++) {
        struct demo_org *o = &p->orgs[i];
        if (!org_holds_members(o->tier, o->form))
            continue;
        at[nchi] = i;
        w[nchi] = o->weight;
        lo[nchi] = 3;
        hi[nchi] = o->tier == ORG_TIER_BASE ? 29 : 2000;
        nchi++;
    }
    demo_allocate(spec->members, w, lo, hi, nchi, cnt);
    for (size_t i = 0; i < nchi; i++)
        p->orgs[at[i]].target = cnt[i];
    free(w);
    free(lo);
    free(hi);
    free(cnt);
    free(at);
    return TCXD_OK;
}
