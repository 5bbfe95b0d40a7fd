package vn.digicell.member.importing.web;

import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.net.URI;
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
    if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      throw new ProblemException(
          org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "csv-only",
          "Upload the register as CSV in the template (UTF-8); save XLSX as CSV first.");
    }
    ImportJob job = imports.start(under, name, file.getBytes());
    return ResponseEntity.accepted()
        .location(URI.create("/api/imports/" + job.id()))
        .body(Progress.of(job));
  }

  @GetMapping("/{id}")
  Progress progress(@PathVariable String id) {
    return Progress.of(imports.progress(id));
  }

  @GetMapping(value = "/template.csv", produces = "text/csv;charset=UTF-8")
  String template() {
    return String.join(",", LegacyImport.COLUMNS)
        + "\n"
        + "00123456,Nguyễn Thị Hoa,Nữ,12/04/1990,089190004321,C07,19/05/2015,19/05/2016,Kinh,"
        + "\"ấp Vĩnh Hiệp, xã Vĩnh Bình\",0912345678,\n";
  }
}
