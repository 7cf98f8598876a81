import type { Dictionary } from "./en";
import { getFormatters } from "./format";

const int = getFormatters("vi").integer;

/**
 * Vietnamese UI text. Typed as `Dictionary`: a missing or extra key is a compile error. Vocabulary
 * follows the workplace privacy policy ("phòng hội nghị", "lợi ích hợp pháp", "xử lý dữ liệu") and
 * Vietnam's personal-data terms ("bên kiểm soát dữ liệu", "quyền phản đối xử lý dữ liệu");
 * "giả danh hóa" is pseudonymisation, "bí danh" the pseudonym itself. New-style tone marks (hóa,
 * xóa, khóa), as in the policy.
 */
export const vi: Dictionary = {
  header: {
    skipLink: "Chuyển đến nội dung chính",
    navLabel: "Điều hướng chính",
    dashboard: "Bảng điều khiển",
    myData: "Dữ liệu của tôi",
    admin: "Quản trị",
    privacy: "Quyền riêng tư",
    languageLabel: "Ngôn ngữ",
    accountLabel: "Tài khoản",
    signIn: "Đăng nhập",
    signOut: "Đăng xuất",
  },
  common: {
    roles: { member: "Thành viên", planner: "Người quy hoạch", admin: "Quản trị viên" },
    suppressed: "đã ẩn",
    suppressedNote: (k) => `đã ẩn (< ${int(k)} người)`,
  },
  privacy: {
    metaTitle: "Quyền riêng tư",
    metaDescription: "Roomlens lưu gì về các lượt đặt phòng họp, vì sao, trong bao lâu, ai được xem và cách từ chối.",
    title: "Roomlens biết gì về các lượt đặt phòng họp của bạn",
    intro: (k) =>
      `Roomlens đọc các lượt đặt phòng họp từ lịch mà nơi làm việc của bạn đang dùng, để những người phụ trách quy hoạch không gian thấy được các phòng đang được sử dụng ra sao. Roomlens không biết bạn là ai: địa chỉ email của bạn được thay bằng một bí danh trước khi bất cứ thứ gì được lưu lại, tiêu đề cuộc họp không bao giờ được đọc, và người quy hoạch chỉ thấy số liệu tổng hợp của ít nhất ${k} người. Trang này được tạo ra từ chính danh sách trường dữ liệu mà phần mềm sử dụng, kèm theo các thiết lập đang có hiệu lực.`,
    exclusion: {
      heading: "Bạn không muốn các lượt đặt phòng của mình được tính?",
      body: "Khi bạn tự loại trừ, Roomlens xóa ngay các lượt đặt phòng đang lưu dưới bí danh của bạn, tính lại mọi số liệu có dùng đến chúng và bỏ qua bạn trong mọi lần nhập dữ liệu sau này. Quản trị viên không bao giờ biết ai đã chọn loại trừ.",
      action: "Loại trừ tôi",
      note: "Bạn sẽ đăng nhập ở trang tiếp theo để Roomlens tìm được các lượt đặt phòng của bạn. Bạn có thể tham gia lại bất cứ lúc nào; những lượt đặt phòng đã bị xóa trước đó sẽ không được khôi phục.",
    },
    live: {
      heading: "Đang áp dụng",
      kLabel: "Nhóm nhỏ nhất được hiển thị",
      kValue: (k) => `${k} người`,
      kHint: (k) => `Không số liệu nào bao gồm ít hơn ${k} người tổ chức khác nhau; số liệu của nhóm nhỏ hơn được hiển thị là đã ẩn.`,
      retentionLabel: "Thời gian lưu lượt đặt phòng",
      retentionValue: (days) => `${days} ngày`,
      retentionHint: "Các lượt đặt phòng cũ hơn sẽ bị xóa trong lần dọn dữ liệu định kỳ.",
      keyLabel: "Khóa tạo bí danh",
      keyValue: (version) => `phiên bản ${version}`,
      keyHint: (older) =>
        older === 0
          ? "Khóa bí mật được giữ bên ngoài cơ sở dữ liệu."
          : `Khóa bí mật được giữ bên ngoài cơ sở dữ liệu; ${older} khóa cũ hơn vẫn được dùng để tìm các lượt đặt phòng trước đây khi loại trừ và khi dọn dữ liệu.`,
      keyMissing: "chưa cấu hình",
      keyMissingHint: "Quản trị viên chưa thiết lập khóa giả danh hóa, nên chưa thể nhập dữ liệu.",
      purgeLabel: "Lần dọn dữ liệu gần nhất",
      purgeNever: "chưa từng",
      purgeHint: "Mỗi lần dọn dữ liệu sẽ xóa các lượt đặt phòng cũ hơn thời hạn lưu trữ.",
    },
    purposes: {
      heading: "Mục đích: ba việc, không hơn",
      intro:
        "Chính sách quyền riêng tư của nơi làm việc nêu rằng dữ liệu về các phòng hội nghị mà bạn đặt được phân tích để cải thiện nơi làm việc, chẳng hạn:",
      moreRooms: "Cung cấp thêm phòng hội nghị",
      moreRoomsDetail: "ở những nơi nhu cầu thường xuyên vượt quá số phòng hiện có, theo quy mô phòng và theo tòa nhà.",
      deskSpace: "Phân bổ không gian hội nghị thành không gian bàn làm việc",
      deskSpaceDetail: "khi phòng thường bỏ trống hoặc rộng hơn nhiều so với các cuộc họp diễn ra trong đó.",
      preferredRooms: "Xác định những phòng hội nghị được ưu tiên",
      preferredRoomsDetail: "và điều gì khiến chúng khác với những phòng ít người chọn.",
      outro:
        "Roomlens không đo lường con người: không có màn hình nào cho biết ai đã đặt phòng nào, không xếp hạng ai và không có số liệu nào về riêng một người.",
    },
    journey: {
      heading: "Từ lịch đến biểu đồ",
      calendar: "Lịch của phòng",
      calendarDetail: "Một lượt đặt trong lịch của phòng (nguồn ICS, tệp CSV, Google hoặc Microsoft), kèm tiêu đề, người tổ chức, người tham dự và nhiều thông tin khác.",
      memory: "Nhập dữ liệu, chỉ trong bộ nhớ",
      memoryDetail: "Roomlens đọc phòng, thời gian, trạng thái, email người tổ chức và danh sách người tham dự. Tiêu đề và phần mô tả không bao giờ được đọc. Lúc này chưa có gì được ghi lại.",
      gate: "Cổng bảo vệ quyền riêng tư",
      gateDetail: "Người đã loại trừ bị bỏ ra. Email người tổ chức được thay bằng mã băm có khóa, người tham dự chỉ còn là một con số, còn sự kiện riêng tư chỉ giữ lại phòng và thời gian. Sau đó các địa chỉ email bị loại bỏ.",
      database: "Cơ sở dữ liệu",
      databaseDetail: (days) => `Các lượt đặt phòng đã được giả danh hóa, lưu trong ${days} ngày.`,
      analysis: "Phân tích",
      analysisDetail: (k) =>
        `Số liệu tổng hợp theo phòng, theo giờ và theo ngày. Số liệu nào bao gồm ít hơn ${k} người tổ chức sẽ bị ẩn, cùng với mọi số liệu có thể giúp suy ra nó.`,
      charts: "Biểu đồ",
      chartsDetail: "Người quy hoạch chỉ thấy số liệu tổng hợp: mức lấp đầy phòng, giờ cao điểm, những phòng được ưa chuộng.",
      transientNote: "Các bước viền nét đứt là nơi duy nhất có địa chỉ email: chỉ trong bộ nhớ, trong thời gian của một lần nhập dữ liệu.",
    },
    neverCollected: {
      heading: "Không bao giờ thu thập",
      intro: "Không thông tin nào dưới đây được lưu trong bảng dữ liệu, nhật ký hay tệp xuất:",
    },
    inventory: {
      heading: "Mọi trường dữ liệu được lưu",
      intro:
        "Danh sách này được tạo ra từ bảng kê dữ liệu trong mã nguồn của Roomlens. Một bài kiểm thử đối chiếu nó với cơ sở dữ liệu: cột nào được lưu mà thiếu ở đây, hoặc có ở đây mà không được lưu, đều khiến bộ kiểm thử thất bại.",
      personal: "Dữ liệu về lượt đặt phòng và con người",
      operational: "Danh bạ phòng và vận hành (không có dữ liệu cá nhân)",
      field: "Trường",
      example: "Ví dụ",
      purpose: "Mục đích",
      source: "Nguồn",
      retention: "Thời gian lưu",
      audience: "Ai được xem",
      pseudonymised: "Giả danh hóa",
      columnCount: (n) => `${n} trường`,
      signIn:
        "Dữ liệu đăng nhập được giữ riêng. Khi bạn đăng nhập, tên và địa chỉ email của bạn (do nhà cung cấp danh tính của tổ chức gửi đến), vai trò của bạn và thời điểm đăng nhập gần nhất chỉ được lưu để cho bạn vào và xác định bạn được xem những gì — không bao giờ được lưu cùng các lượt đặt phòng.",
    },
    legal: {
      heading: "Cơ sở pháp lý",
      body: (k, days) =>
        `Công ty bạn xử lý dữ liệu này dựa trên lợi ích hợp pháp trong việc quản lý tốt không gian văn phòng: có đủ phòng họp với quy mô phù hợp và không phải trả tiền cho không gian không ai dùng. Roomlens giữ việc xử lý tương xứng với lợi ích đó: các lượt đặt phòng được giả danh hóa, chỉ số liệu tổng hợp của ít nhất ${k} người mới được hiển thị, dữ liệu bị xóa sau ${days} ngày, và bạn có thể phản đối bất cứ lúc nào.`,
    },
    rights: {
      heading: "Quyền của bạn và cách thực hiện",
      object: "Quyền phản đối xử lý dữ liệu",
      objectBody: "Tự loại trừ trên trang Dữ liệu của tôi. Việc này có hiệu lực ngay, cho cả các lượt đặt phòng đã qua và sắp tới.",
      access: "Quyền truy cập",
      accessBody: "Trang Dữ liệu của tôi cho biết bạn đang được tính hay đã loại trừ, và có bao nhiêu lượt đặt phòng đang được lưu dưới bí danh của bạn. Mọi thông tin được lưu về một lượt đặt phòng đều được liệt kê trên trang này.",
      erasure: "Quyền xóa dữ liệu",
      erasureBody: (days) => `Khi bạn tự loại trừ, các lượt đặt phòng đã lưu của bạn sẽ bị xóa. Nếu không, chúng sẽ tự động bị xóa sau ${days} ngày.`,
      rectification: "Quyền chỉnh sửa dữ liệu",
      rectificationBody: "Các lượt đặt phòng được sao chép từ lịch của phòng: hãy sửa lượt đặt trong lịch của bạn, lần nhập dữ liệu tiếp theo sẽ tự cập nhật.",
      complaint: "Quyền khiếu nại",
      complaintBody: "Hãy liên hệ địa chỉ bên dưới. Bạn cũng có thể khiếu nại với cơ quan có thẩm quyền về bảo vệ dữ liệu cá nhân.",
      myData: "Đến trang Dữ liệu của tôi",
    },
    controller: {
      heading: "Ai chịu trách nhiệm",
      body: "Bên kiểm soát dữ liệu là công ty bạn, đơn vị vận hành Roomlens. Mọi câu hỏi và yêu cầu về dữ liệu của bạn, xin liên hệ:",
      unset: "Chưa được thiết lập. Quản trị viên cần đặt biến ROOMLENS_CONTROLLER_CONTACT thành tên và địa chỉ liên hệ của người phụ trách bảo vệ dữ liệu.",
    },
  },
  dashboard: {
    metaTitle: "Bảng điều khiển",
    title: "Tỷ lệ sử dụng phòng họp",
    days: (days) => `${int(days)} ngày`,
    adjusted: "khoảng ngày được yêu cầu đã được điều chỉnh (khoảng ngày phải hợp lệ và không quá 2 năm)",
    suppressedBanner: (k) =>
      `Khoảng thời gian này có ít hơn ${int(k)} người, nên mọi số liệu đều bị ẩn để bảo vệ quyền riêng tư của họ. Hãy chọn khoảng thời gian dài hơn để xem kết quả.`,
    footer: (k) => `Chỉ hiển thị số liệu tổng hợp · ô nào có ít hơn ${int(k)} người sẽ bị ẩn`,
    filter: {
      from: "Từ ngày",
      to: "Đến ngày",
      apply: "Áp dụng",
      presetsLabel: "Chọn nhanh khoảng thời gian",
      presets: { "30d": "30 ngày qua", "90d": "90 ngày qua", "6m": "6 tháng qua", ytd: "Năm nay" },
    },
    empty: {
      noRooms: "Chưa có phòng nào",
      noBookings: (range) => `Không có lượt đặt phòng nào trong khoảng ${range}`,
      noRoomsBody: "Roomlens chưa có dữ liệu phòng để phân tích. Hãy nhập một tệp lịch đã xuất để bắt đầu:",
      noBookingsBody: "Hãy thử khoảng thời gian dài hơn bằng các lựa chọn nhanh ở trên, hoặc nhập thêm lượt đặt phòng:",
      formats:
        "Tệp có thể là nguồn ICS hoặc tệp CSV đã xuất (thêm {flag} nếu tên tệp không cho biết định dạng). Để dùng thử trước, hãy nạp tổ chức mẫu bằng lệnh {demo}.",
      discarded:
        "Khi nhập, Roomlens chỉ giữ lại phòng, thời gian và số người tham dự của mỗi lượt đặt; tên, email và tiêu đề cuộc họp bị loại bỏ trước khi bất cứ thứ gì được lưu lại.",
      fileArgument: "tệp",
    },
    kpi: {
      heading: "Số liệu chính",
      utilisation: "Tỷ lệ sử dụng",
      utilisationHint: "số giờ làm việc đã được đặt",
      bookings: "Lượt đặt phòng",
      bookingsHint: "đã xác nhận, bắt đầu trong khoảng thời gian này",
      bookedHours: "Số giờ đã đặt",
      bookedHoursHint: "trong giờ làm việc, phần trùng nhau chỉ tính một lần",
      rooms: "Phòng",
      roomsHint: "đang hoạt động trong danh bạ phòng",
      suppressed: "Đã ẩn",
      suppressedHint: (k) => `ít hơn ${int(k)} người`,
    },
    rooms: {
      heading: "Tỷ lệ sử dụng theo phòng",
      sub: "Phần giờ làm việc của mỗi phòng đã được đặt, từ cao xuống thấp.",
      chartLabel: "Biểu đồ tỷ lệ sử dụng phòng (cùng số liệu với bảng bên dưới)",
      chartTitle: "Tỷ lệ sử dụng theo phòng",
      chartDescription: "Các thanh ngang, phòng có tỷ lệ sử dụng cao nhất ở trên cùng. Bảng bên dưới liệt kê đúng các số liệu này.",
      utilised: (percent) => `tỷ lệ sử dụng ${percent}`,
      floor: (floor) => `tầng ${floor}`,
      tableCaption: "Tỷ lệ sử dụng theo phòng, từ cao xuống thấp",
      room: "Phòng",
      building: "Tòa nhà",
      floorColumn: "Tầng",
      seats: "Số chỗ ngồi",
      bookings: "Lượt đặt",
      bookedHours: "Số giờ đã đặt",
      utilisation: "Tỷ lệ sử dụng",
      unknown: "chưa rõ",
    },
    heatmap: {
      heading: "Phòng họp bận vào lúc nào",
      sub: "Tỷ lệ sử dụng của tất cả các phòng theo ngày trong tuần và theo giờ, tính theo giờ địa phương của từng phòng.",
      caption: "Tỷ lệ sử dụng theo ngày trong tuần và theo giờ",
      allSuppressed: (k) =>
        `Mọi khung giờ đều bị ẩn: mỗi khung giờ có ít hơn ${int(k)} người. Hãy thử khoảng thời gian dài hơn.`,
      noFigures: "Không có số liệu theo giờ cho khoảng thời gian này.",
      busiest: (slot, percent) => `Bận nhất: ${slot}, ${percent}.`,
      quietest: (slot, percent) => `Vắng nhất: ${slot}, ${percent}.`,
      suppressedCount: (suppressed, total) => `${int(suppressed)} trên ${int(total)} khung giờ bị ẩn.`,
      noData: "không có dữ liệu",
      legendLabel: "Chú giải màu",
    },
  },
  me: {
    metaTitle: "Dữ liệu của tôi",
    title: "Dữ liệu của tôi",
    lead: (name) =>
      `Bạn đang đăng nhập với tư cách ${name}. Roomlens không bao giờ lưu email của bạn cùng các lượt đặt phòng: Roomlens tìm chúng bằng cách tính bí danh của bạn ngay lúc này, từ địa chỉ bạn dùng để đăng nhập.`,
    statusHeading: "Trạng thái của bạn",
    excluded: "Đã loại trừ",
    excludedSince: (date) =>
      `từ ${date}. Mọi lần nhập dữ liệu đều bỏ qua các lượt đặt phòng do bạn tổ chức, và bạn không được tính là người tham dự.`,
    excludedSinceUnknown:
      "Mọi lần nhập dữ liệu đều bỏ qua các lượt đặt phòng do bạn tổ chức, và bạn không được tính là người tham dự.",
    included: "Đang được tính",
    includedBody: "Các lượt đặt phòng của bạn được cộng vào số liệu tổng hợp mà người quy hoạch nhìn thấy — không bao giờ được hiển thị riêng.",
    held: "Số lượt đặt phòng đang được lưu dưới bí danh của bạn:",
    includeHeading: "Tham gia lại",
    includeBody:
      "Từ lần nhập dữ liệu tiếp theo, các lượt đặt phòng của bạn sẽ được tính trở lại. Những lượt đặt phòng đã bị xóa trong thời gian bạn loại trừ sẽ {not} được khôi phục.",
    includeNot: "không",
    includeAction: "Tham gia lại",
    excludeHeading: "Loại trừ tôi",
    excludeDeletes: (bookings) =>
      `${int(bookings)} lượt đặt phòng đang được lưu dưới bí danh của bạn sẽ bị xóa ngay, và mọi số liệu có dùng đến chúng sẽ được tính lại.`,
    excludeSkips: "Mọi lần nhập dữ liệu sau này sẽ bỏ qua các lượt đặt phòng do bạn tổ chức và không tính bạn là người tham dự.",
    excludeAdmins: (k) =>
      `Quản trị viên chỉ thấy có bao nhiêu người đã chọn loại trừ, không bao giờ biết là ai — và chỉ khi đã có ít nhất ${int(k)} người.`,
    excludeAction: "Loại trừ tôi",
    privacyLink: "Roomlens lưu gì, vì sao và trong bao lâu",
  },
  signIn: {
    metaTitle: "Đăng nhập",
    title: "Đăng nhập vào Roomlens",
    lead: "Khi bạn đăng nhập, Roomlens biết lượt đặt phòng nào là của bạn để bạn có thể xem và kiểm soát chúng. Người quy hoạch còn xem được bảng điều khiển; quản trị viên vận hành hệ thống.",
    withProvider: (provider) => `Đăng nhập bằng ${provider}`,
    yourOrganisation: "tài khoản tổ chức của bạn",
    demoHeading: "Đăng nhập chế độ demo",
    demoNote:
      "Chỉ có ở chế độ demo: chọn một người trong tổ chức mẫu và một vai trò. Không cần mật khẩu — biểu mẫu này không tồn tại ngoài chế độ demo.",
    person: "Người dùng",
    role: "Vai trò",
    submit: "Đăng nhập",
    notConfigured:
      "Chưa cấu hình phương thức đăng nhập nào. Quản trị viên cần đặt AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID và AUTH_OIDC_CLIENT_SECRET.",
  },
  unauthorized: {
    title: "Vui lòng đăng nhập",
    lead: "Trang này chỉ hiển thị dữ liệu cho người đã đăng nhập.",
    signIn: "Đăng nhập",
    privacyLink: "Roomlens lưu gì và vì sao",
  },
  forbidden: {
    title: "Trang này không dành cho vai trò của bạn",
    lead: "Người quy hoạch xem bảng điều khiển, quản trị viên xem phần thiết lập. Ai cũng có thể xem và kiểm soát dữ liệu của chính mình.",
    myData: "Dữ liệu của tôi",
    privacy: "Quyền riêng tư",
  },
  admin: {
    nav: {
      label: "Các mục quản trị",
      overview: "Tổng quan",
      users: "Người dùng và vai trò",
      settings: "Quyền riêng tư và giờ làm việc",
      audit: "Nhật ký kiểm toán",
    },
    overview: {
      metaTitle: "Quản trị",
      title: "Quản trị",
      accounts: "Tài khoản đã đăng nhập",
      rooms: "Phòng",
      integrations: "Tích hợp",
      optedOut: "Số người đã chọn loại trừ",
      fewerThan: (k) => `ít hơn ${int(k)}`,
      note: (k) =>
        `Không ai được biết ai đã chọn loại trừ: danh sách loại trừ chỉ chứa mã băm có khóa, và con số này chỉ hiện ra khi đạt ngưỡng nhóm nhỏ k = ${int(k)}.`,
    },
    users: {
      metaTitle: "Người dùng và vai trò",
      title: "Người dùng và vai trò",
      intro:
        "Thành viên xem dữ liệu của chính mình; người quy hoạch xem thêm bảng điều khiển; quản trị viên vận hành hệ thống. Các quản trị viên đầu tiên được lấy từ ROOMLENS_ADMIN_EMAILS. Mọi thay đổi đều được ghi vào nhật ký kiểm toán.",
      name: "Tên",
      email: "Email",
      lastSignIn: "Lần đăng nhập gần nhất",
      role: "Vai trò",
      roleOf: (person) => `Vai trò của ${person}`,
      save: "Lưu",
      you: "bạn",
    },
    settings: {
      metaTitle: "Quyền riêng tư và giờ làm việc",
      title: "Quyền riêng tư và giờ làm việc",
      notSaved: "Chưa lưu:",
      nothingChanged: "Không có gì thay đổi.",
      saved: (changes) => `Đã lưu ${int(changes)} thay đổi; mỗi thay đổi đều được ghi vào nhật ký kiểm toán.`,
      invalid: {
        minGroupSize: "k phải là số nguyên từ 5 đến 100.",
        retentionDays: "Thời hạn lưu trữ phải là số ngày nguyên từ 30 đến 760.",
        workdayStart: "Hãy nhập giờ bắt đầu ngày làm việc theo dạng HH:MM.",
        workdayEnd: "Hãy nhập giờ kết thúc ngày làm việc theo dạng HH:MM, muộn hơn giờ bắt đầu.",
        workdays: "Hãy chọn ít nhất một ngày làm việc.",
      },
      minGroupSize: "Nhóm nhỏ nhất được hiển thị (k)",
      minGroupSizeHint:
        "Mọi số liệu được hiển thị đều bao gồm ít nhất k người tổ chức khác nhau; ô nào nhỏ hơn sẽ bị ẩn. Từ 5 đến 100.",
      retentionDays: "Thời gian lưu lượt đặt phòng đã giả danh hóa (ngày)",
      retentionDaysHint: "Các lượt đặt phòng cũ hơn sẽ bị xóa trong lần dọn dữ liệu hằng ngày. Từ 30 đến 760.",
      workdayStart: "Giờ bắt đầu ngày làm việc",
      workdayEnd: "Giờ kết thúc ngày làm việc",
      workdayEndHint: "Theo múi giờ của từng phòng.",
      workdays: "Ngày làm việc",
      save: "Lưu thiết lập",
    },
    audit: {
      metaTitle: "Nhật ký kiểm toán",
      title: "Nhật ký kiểm toán",
      intro: (shown) =>
        `Chỉ được ghi thêm: cơ sở dữ liệu từ chối mọi thao tác sửa hoặc xóa mục nhật ký. Các thay đổi thiết lập, tích hợp, lần xoay vòng khóa, lần dọn dữ liệu, lần xuất dữ liệu và việc loại trừ đều được ghi lại — riêng việc loại trừ thì không ghi là ai. Hiển thị ${int(shown)} mục gần nhất, mới nhất ở trên cùng.`,
      when: "Thời điểm",
      who: "Người thực hiện",
      what: "Hành động",
      details: "Chi tiết",
      empty: "Chưa có mục nào.",
      actions: {
        "settings.changed": "Thay đổi thiết lập",
        "user.role_changed": "Đổi vai trò",
        "exclusion.added": "Một người đã tự loại trừ",
        "exclusion.removed": "Một người đã tham gia lại",
        "integration.created": "Thêm tích hợp",
        "key.rotated": "Xoay vòng khóa tạo bí danh",
        "retention.purged": "Dọn các lượt đặt phòng cũ",
        "rooms.imported": "Nhập danh bạ phòng",
        "rooms.synced": "Đồng bộ danh bạ phòng",
      },
      actors: {
        member: "một thành viên (không nêu tên)",
        system: "Roomlens (tự động)",
        cli: "dòng lệnh",
        demo: "trình nạp dữ liệu mẫu",
      },
    },
  },
};
