#!/bin/sh
# Writes a synthetic city for the import benchmark when no demo database is at hand:
#   $1/orgs.csv    1 city, 50 committees, 2,316 base organizations (1,600 đảng bộ cơ sở, 716 chi
#                  bộ cơ sở), 176 đảng bộ bộ phận, 17,225 chi bộ trực thuộc
#   $1/members.csv 457,397 members spread over the 17,941 chi bộ, every column filled
# Deterministic (a fixed linear congruential generator in awk); Vietnamese names with diacritics.
set -eu
out=${1:?usage: gen_synthetic.sh DIR}
mkdir -p "$out"
awk -v out="$out" 'BEGIN {
    seed = 20201231
    orgs = out "/orgs.csv"; mem = out "/members.csv"
    print "code,name,kind,parent,base_type,date,decision_no" > orgs
    print "HN,Đảng bộ thành phố Hà Nội,cap_tren_co_so,,,1930-02-03,QĐ 1" > orgs
    nb = 0; ncb = 0
    for (d = 1; d <= 50; d++) {
        dc = sprintf("D%02d", d)
        printf "%s,Đảng bộ cấp trên cơ sở số %d,cap_tren_co_so,HN,,1950-01-01,\n", dc, d > orgs
    }
    # 1,600 đảng bộ cơ sở, 716 chi bộ cơ sở; 176 đảng bộ bộ phận under the first 176 đảng bộ;
    # 17,225 chi bộ trực thuộc spread over the 1,600 đảng bộ and the 176 bộ phận
    for (b = 1; b <= 2316; b++) {
        dc = sprintf("D%02d", (b - 1) % 50 + 1)
        if (b <= 1600) {
            bc = sprintf("B%04d", b)
            printf "%s,Đảng bộ cơ sở %d,dang_bo_co_so,%s,phuong,1960-01-01,\n", bc, b, dc > orgs
            host[++nh] = bc
            if (b <= 176) {
                pc = sprintf("P%04d", b)
                printf "%s,Đảng bộ bộ phận %d,dang_bo_bo_phan,%s,,1965-01-01,\n", pc, b, bc > orgs
                host[++nh] = pc
            }
        } else {
            cc = sprintf("C%04d", b)
            printf "%s,Chi bộ cơ sở %d,chi_bo_co_so,%s,don_vi_su_nghiep,1970-01-01,\n", cc, b, dc > orgs
            chibo[++ncb] = cc
        }
    }
    for (c = 1; c <= 17225; c++) {
        code = sprintf("T%05d", c)
        printf "%s,Chi bộ %d,chi_bo_truc_thuoc,%s,,1970-01-01,\n", code, c, host[(c - 1) % nh + 1] > orgs
        chibo[++ncb] = code
    }
    split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý", fam, " ")
    split("Văn Thị Hữu Đức Minh Thanh Ngọc Quang Xuân Thu", mid, " ")
    split("An Anh Bình Cường Dũng Giang Hà Hải Hạnh Hoa Hùng Hương Khánh Lan Linh Long Mai Nam Nga Phong Phương Quân Sơn Tâm Thảo Trang Tuấn Việt Yến Ánh", giv, " ")
    split("Kinh Kinh Kinh Kinh Kinh Kinh Kinh Kinh Tày Mường", eth, " ")
    split("Không|Không|Không|Không|Phật giáo|Công giáo", rel, "|")
    split("|Sơ cấp|Trung cấp|Trung cấp|Cao cấp|Cử nhân", the, "|")
    split("Hà Nội|Nam Định|Thái Bình|Hải Dương|Nghệ An|Thanh Hóa", home, "|")
    print "full_name,gender,birth_date,ethnicity,religion,hometown,national_id,education,professional_level,theory_level,admission_decision_date,ceremony_date,official_decision_date,party_card_no,org,decision_no,official_decision_no" > mem
    for (i = 1; i <= 457397; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648; r = seed
        name = fam[r % 16 + 1] " " mid[int(r / 16) % 10 + 1] " " giv[int(r / 160) % 31 + 1]
        g = (int(r / 4960) % 3 == 0) ? "Nữ" : "Nam"
        dy = 1971 + int(r / 14880) % 50                       # decision year 1971..2020
        age = 19 + int(r / 744000) % 35
        by = dy - age; bm = r % 12 + 1; bd = int(r / 12) % 28 + 1
        dm = int(r / 7) % 12 + 1; dd = int(r / 91) % 27 + 1
        off = ""; offno = ""
        if (dy <= 2019 && int(r / 3) % 4 != 0) {
            off = sprintf("%02d/%02d/%04d", dd + 1, dm, dy + 1); offno = "QĐ " i "-CT"
        }
        printf "%s,%s,%02d/%02d/%04d,%s,%s,\"%s, Việt Nam\",%03d%09d,12/12,Cử nhân,%s,%02d/%02d/%04d,%02d/%02d/%04d,%s,%08d,%s,QĐ %d-QĐ/ĐU,%s\n", \
            name, g, bd, bm, by, eth[int(r / 5) % 10 + 1], rel[int(r / 11) % 6 + 1], \
            home[int(r / 13) % 6 + 1], int(r / 17) % 96 + 1, i, the[int(r / 19) % 6 + 1], \
            dd, dm, dy, dd + 1, dm, dy, off, i, chibo[(i - 1) % ncb + 1], i, offno > mem
    }
}'
