import type { Dictionary } from "./en";

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
    privacy: "Quyền riêng tư",
    languageLabel: "Ngôn ngữ",
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
};
