package vn.digicell.member.importing.web;

import jakarta.validation.constraints.Pattern;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.digicell.member.importing.ImportJob;
import vn.digicell.member.importing.LegacyImport;
import vn.digicell.member.importing.XlsxReader;
import vn.digicell.platform.web.ProblemException;

@RestController
@RequestMapping("/api/imports")
@Validated
class ImportController {

  private final LegacyImport imports;

  ImportController(LegacyImport imports) {
    this.imports = imports;
  }

  /** The job as the portal's progress bar reads it. */
  record Progress(
      String id,
      String status,
      int percent,
      int totalRows,
      int processedRows,
      int importedRows,
      int alreadyOnRecord,
      int rejectedRows,
      java.util.List<ImportJob.RowError> errors) {
    static Progress of(ImportJob j) {
      return new Progress(
          j.id(),
          j.status().name(),
          j.percent(),
          j.totalRows(),
          j.processedRows(),
          j.importedRows(),
          j.alreadyOnRecord(),
          j.rejectedRows(),
          j.errors());
    }
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Progress> start(
      @RequestParam @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam("file") MultipartFile file)
      throws IOException {
    String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    // streamed from the container's storage of the part, never read whole into memory
    java.io.InputStream content = new java.io.BufferedInputStream(file.getInputStream());
    content.mark(4);
    byte[] magic = content.readNBytes(4);
    content.reset();
    // the name says what the person meant; the bytes must agree (an .xlsx is a ZIP package)
    boolean spreadsheet = XlsxReader.isSpreadsheet(magic);
    if (!(lower.endsWith(".csv") && !spreadsheet) && !(lower.endsWith(".xlsx") && spreadsheet)) {
      throw new ProblemException(
          org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "csv-or-xlsx-only",
          LegacyImport.text("import.file.csv-or-xlsx"));
    }
    ImportJob job;
    try (content) {
      job = imports.start(under, name, content, spreadsheet);
    }
    return ResponseEntity.accepted()
        .location(URI.create("/api/imports/" + job.id()))
        .body(Progress.of(job));
  }

  @GetMapping("/{id}")
  Progress progress(@PathVariable String id) {
    return Progress.of(imports.progress(id));
  }

  @GetMapping(value = "/template.csv", produces = "text/csv;charset=UTF-8")
  String template(java.util.Locale locale) {
    return "\uFEFF"
        + String.join(",", LegacyImport.headerRow(locale))
        + "\n"
        + String.join(",", sample().stream().map(ImportController::csvField).toList())
        + "\n";
  }

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  /** The same template as a spreadsheet; every cell is text, so ids keep their leading zeros. */
  @GetMapping(value = "/template.xlsx", produces = XLSX)
  ResponseEntity<byte[]> templateXlsx(java.util.Locale locale) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Đảng viên");
      CellStyle text = workbook.createCellStyle();
      text.setDataFormat(workbook.createDataFormat().getFormat("@"));
      List<List<String>> lines = List.of(LegacyImport.headerRow(locale), sample());
      for (int r = 0; r < lines.size(); r++) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < lines.get(r).size(); c++) {
          Cell cell = row.createCell(c);
          cell.setCellStyle(text);
          cell.setCellValue(lines.get(r).get(c));
        }
      }
      for (int c = 0; c < LegacyImport.COLUMNS.size(); c++) {
        sheet.setDefaultColumnStyle(c, text);
        sheet.setColumnWidth(c, 18 * 256);
      }
      workbook.write(out);
      return ResponseEntity.ok()
          .header("Content-Disposition", "attachment; filename=\"mau-nhap-dang-vien.xlsx\"")
          .contentType(MediaType.parseMediaType(XLSX))
          .body(out.toByteArray());
    }
  }

  /** One sample row, a value for each template column (blank where the column is optional). */
  static List<String> sample() {
    java.util.Map<String, String> values =
        java.util.Map.ofEntries(
            java.util.Map.entry("partyNumber", "00123456"),
            java.util.Map.entry("fullName", "Nguyễn Thị Hoa"),
            java.util.Map.entry("gender", "Nữ"),
            java.util.Map.entry("dateOfBirth", "12/04/1990"),
            java.util.Map.entry("citizenId", "089190004321"),
            java.util.Map.entry("cell", "C07"),
            java.util.Map.entry("admittedOn", "19/05/2015"),
            java.util.Map.entry("officialOn", "19/05/2016"),
            java.util.Map.entry("ethnicity", "Kinh"),
            java.util.Map.entry("hometown", "ấp Vĩnh Hiệp, xã Vĩnh Bình"),
            java.util.Map.entry("phone", "0912345678"),
            java.util.Map.entry("religion", "Không"),
            java.util.Map.entry("residence", "Số 12, ấp Vĩnh Hiệp, xã Vĩnh Bình"),
            java.util.Map.entry("education", "12/12"),
            java.util.Map.entry("professionalQualification", "Đại học"),
            java.util.Map.entry("politicalTheoryLevel", "Trung cấp"),
            java.util.Map.entry("email", "hoa.nguyen@example.vn"),
            java.util.Map.entry("occupation", "Giáo viên"));
    return LegacyImport.COLUMNS.stream().map(c -> values.getOrDefault(c, "")).toList();
  }

  private static String csvField(String value) {
    return value.contains(",") || value.contains("\"")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }
}
