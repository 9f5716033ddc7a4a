// Dictionary entries of the office-work pages (organization search and paths, lists, dashboard,
// administration; merged into i18n.ts's vi and en; same keys).

export const uiVi = {
  'orgpick.hint': 'Gõ tên, mã, tên đơn vị cấp trên hoặc phường, xã, theo thứ tự bất kỳ (ví dụ: tdp 1 kim lien)',
  'orgpick.total': '{n} tổ chức khớp',
  'orgpick.more': 'Xem thêm kết quả',
  'orgpick.browse': 'Chọn theo cây tổ chức',
  'orgpick.browseClose': 'Đóng cây tổ chức',
  'orgpick.up': 'Lên cấp trên',
  'orgpick.choose': 'Chọn',
  'orgpick.open': 'Xem trực thuộc',
  'orgpick.noChildren': 'Không có tổ chức trực thuộc.',
  'orgpath.ended.mergeInto': 'đã hợp nhất vào',
  'orgpath.ended.since': 'từ ngày {date}',
  'orgpath.ended.mergeNoInto': 'đã hợp nhất từ ngày {date}',
  'orgpath.ended.dissolve': 'đã giải thể từ ngày {date}',
  'orgpath.lastDay': 'Xem tổ chức vào ngày {date} (ngày cuối hoạt động)',
};

export const uiEn: Record<keyof typeof uiVi, string> = {
  'orgpick.hint': 'Type words of the name, code, parent or ward in any order (e.g. tdp 1 kim lien)',
  'orgpick.total': '{n} organizations match',
  'orgpick.more': 'Show more results',
  'orgpick.browse': 'Choose in the organization tree',
  'orgpick.browseClose': 'Close the tree',
  'orgpick.up': 'Up one level',
  'orgpick.choose': 'Choose',
  'orgpick.open': 'Show subordinates',
  'orgpick.noChildren': 'No subordinate organizations.',
  'orgpath.ended.mergeInto': 'merged into',
  'orgpath.ended.since': 'on {date}',
  'orgpath.ended.mergeNoInto': 'merged on {date}',
  'orgpath.ended.dissolve': 'dissolved on {date}',
  'orgpath.lastDay': 'See the organization on {date} (its last day)',
};
