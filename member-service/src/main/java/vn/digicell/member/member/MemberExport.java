package vn.digicell.member.member;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Exports the members of a subtree as CSV (UTF-8 with a byte-order mark, so Excel reads the
 * Vietnamese correctly) or XLSX (Apache POI's streaming SXSSF writer: a small window of rows in
 * memory, the rest flushed to a temporary file). Rows are read a batch at a time by keyset on the
 * {@code subtree_order} index ({@code orgPath, sortKey, _id}), so no export ever holds the whole
 * subtree. Personal columns (citizen id, phone, e-mail, Zalo id, residence) only for org-admins;
 * every export is audit-logged like a profile read, before its first row is written.
 */
@Component
public class MemberExport {

  /** The file types offered. */
  public enum Format {
    CSV("text/csv; charset=UTF-8", "csv"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    public final String contentType;
    public final String extension;

    Format(String contentType, String extension) {
      this.contentType = contentType;
      this.extension = extension;
    }
  }

  private static final List<String> HEADERS =
      List.of(
          "Số thẻ đảng viên",
          "Họ và tên",
          "Giới tính",
          "Ngày sinh",
          "Dân tộc",
          "Quê quán",
          "Đơn vị (mã đường dẫn)",
          "Trạng thái",
          "Ngày vào Đảng",
          "Ngày chính thức",
          "Tôn giáo",
          "Giáo dục phổ thông",
          "Chuyên môn nghiệp vụ",
          "Lý luận chính trị",
          "Nghề nghiệp");

  private static final List<String> PERSONAL_HEADERS =
      List.of("Số CCCD", "Điện thoại", "Thư điện tử", "Zalo", "Nơi ở hiện nay");

  private static final Map<MemberStatus, String> STATUS =
      Map.of(
          MemberStatus.PROBATIONARY, "Dự bị",
          MemberStatus.OFFICIAL, "Chính thức",
          MemberStatus.EXEMPTED, "Miễn sinh hoạt",
          MemberStatus.REMOVED, "Đã xóa tên",
          MemberStatus.EXPELLED, "Đã khai trừ",
          MemberStatus.DECEASED, "Đã từ trần");

  private final MongoTemplate mongo;
  private final SensitiveData sensitive;
  private final ProfileReads audit;
  private final AccessGuard guard;
  private final int batchSize;

  MemberExport(
      MongoTemplate mongo,
      SensitiveData sensitive,
      ProfileReads audit,
      AccessGuard guard,
      @Value("${digicell.member.export.batch-size:500}") int batchSize) {
    this.mongo = mongo;
    this.sensitive = sensitive;
    this.audit = audit;
    this.guard = guard;
    this.batchSize = batchSize;
  }

  /** An export the caller may run: write it to the response. */
  public record Prepared(String under, Format format, boolean personal, MemberExport export) {
    public void writeTo(OutputStream out) throws IOException {
      export.write(this, out);
    }
  }

  /** Checks role and scope, decides the columns and logs the export; nothing is read yet. */
  public Prepared prepare(String under, Format format) {
    guard.requireActOn(under, Roles.READ_MEMBERS);
    boolean personal = guard.mayActOn(under, Roles.EXPORT_PERSONAL);
    audit.recordExport(guard.currentUser(), under, personal, format.name());
    return new Prepared(under, format, personal, this);
  }

  private void write(Prepared p, OutputStream out) throws IOException {
    List<String> headers = new ArrayList<>(HEADERS);
    if (p.personal()) {
      headers.addAll(PERSONAL_HEADERS);
    }
    if (p.format() == Format.CSV) {
      Writer writer =
          new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
      writer.write('\uFEFF');
      csvLine(writer, headers);
      forEachBatch(p.under(), batch -> batch.forEach(m -> csvLine(writer, row(m, p.personal()))));
      writer.flush();
    } else {
      try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
        workbook.setCompressTempFiles(true);
        SXSSFSheet sheet = workbook.createSheet("Đảng viên");
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle header = workbook.createCellStyle();
        header.setFont(bold);
        Row first = sheet.createRow(0);
        for (int i = 0; i < headers.size(); i++) {
          first.createCell(i).setCellValue(headers.get(i));
          first.getCell(i).setCellStyle(header);
        }
        sheet.createFreezePane(0, 1);
        int[] next = {1};
        forEachBatch(
            p.under(),
            batch ->
                batch.forEach(
                    m -> {
                      Row row = sheet.createRow(next[0]++);
                      List<String> values = row(m, p.personal());
                      for (int i = 0; i < values.size(); i++) {
                        if (values.get(i) != null) {
                          row.createCell(i).setCellValue(values.get(i));
                        }
                      }
                    }));
        workbook.write(out);
      }
    }
    out.flush();
  }

  private List<String> row(Member m, boolean personal) {
    List<String> values = new ArrayList<>();
    values.add(m.partyNumber());
    values.add(m.fullName());
    values.add(
        m.gender() == null
            ? null
            : switch (m.gender()) {
              case MALE -> "Nam";
              case FEMALE -> "Nữ";
              default -> m.gender().name();
            });
    values.add(date(m.dateOfBirth()));
    values.add(m.ethnicity());
    values.add(m.hometown());
    values.add(m.path());
    values.add(STATUS.getOrDefault(m.status(), m.status().name()));
    values.add(date(m.admittedOn()));
    values.add(date(m.officialOn()));
    values.add(m.religion());
    values.add(m.education());
    values.add(m.professionalQualification());
    values.add(m.politicalTheoryLevel() == null ? null : m.politicalTheoryLevel().label);
    values.add(m.occupation());
    if (personal) {
      values.add(sensitive.decrypt(m.citizenIdEncrypted()));
      values.add(sensitive.decrypt(m.phoneEncrypted()));
      values.add(sensitive.decrypt(m.emailEncrypted()));
      values.add(sensitive.decrypt(m.zaloIdEncrypted()));
      values.add(sensitive.decrypt(m.residenceEncrypted()));
    }
    return values;
  }

  private static String date(LocalDate d) {
    return d == null ? null : d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
  }

  /** Members at or under {@code root} a batch at a time, by keyset on (orgPath, sortKey, id). */
  private void forEachBatch(String root, java.util.function.Consumer<List<Member>> each) {
    Criteria subtree =
        new Criteria()
            .orOperator(
                Criteria.where("orgPath").is(root),
                Criteria.where("orgPath").regex("^" + Pattern.quote(root + "/")));
    Member last = null;
    while (true) {
      Criteria criteria = subtree;
      if (last != null) {
        criteria =
            new Criteria()
                .andOperator(
                    subtree,
                    new Criteria()
                        .orOperator(
                            Criteria.where("orgPath").gt(last.path()),
                            Criteria.where("orgPath")
                                .is(last.path())
                                .and("sortKey")
                                .gt(last.sortKey()),
                            Criteria.where("orgPath")
                                .is(last.path())
                                .and("sortKey")
                                .is(last.sortKey())
                                .and("_id")
                                .gt(last.id())));
      }
      Query query =
          Query.query(criteria).with(Sort.by("orgPath", "sortKey", "_id")).limit(batchSize);
      query.fields().exclude("history", "statusHistory", "searchTokens", "outbox");
      List<Member> batch = mongo.find(query, Member.class);
      if (batch.isEmpty()) {
        return;
      }
      each.accept(batch);
      if (batch.size() < batchSize) {
        return;
      }
      last = batch.get(batch.size() - 1);
    }
  }

  private static void csvLine(Writer writer, List<String> values) {
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          writer.write(',');
        }
        writer.write(csvCell(values.get(i)));
      }
      writer.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * RFC 4180 quoting; a leading =, +, -, @, TAB or CR is neutralised (OWASP's CSV injection list)
   * so no cell runs as a formula.
   */
  static String csvCell(String value) {
    if (value == null) {
      return "";
    }
    String v = value;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      v = "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  /** A format named in a request ({@code csv}, {@code xlsx}). */
  public static Format format(String name) {
    for (Format f : Format.values()) {
      if (f.extension.equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw ProblemException.badRequest(
        "unknown-export-format", "Export formats are csv and xlsx, not '" + name + "'.");
  }
}
