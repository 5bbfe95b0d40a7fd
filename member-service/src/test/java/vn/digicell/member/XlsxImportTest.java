package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.member.importing.LegacyImport;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/** Registers kept in Excel import as they are: dates as date cells, ids typed as numbers. */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XlsxImportTest {

  @LocalServerPort int port;
  TestHttp http;
  String admin;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("xl-admin").roles("org-admin").orgScope("/XL").sign();
    String province = create("XL", "PROVINCE", null);
    String commune = create("VB", "COMMUNE", province);
    create("C01", "CELL", commune);
  }

  private String create(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response r = http.postJson("/api/org-units", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  /** Header, one good row as Excel keeps it, one row with a short citizen id. */
  private static byte[] register() throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("Sổ đảng viên");
      CellStyle date = workbook.createCellStyle();
      date.setDataFormat(workbook.createDataFormat().getFormat("dd/mm/yyyy"));
      Row header = sheet.createRow(0);
      String[] columns = {
        "fullName", "gender", "dateOfBirth", "citizenId", "cell", "admittedOn", "partyNumber"
      };
      for (int c = 0; c < columns.length; c++) {
        header.createCell(c).setCellValue(columns[c]);
      }
      Row good = sheet.createRow(1);
      good.createCell(0).setCellValue("Phạm Thị Bảng Tính");
      good.createCell(1).setCellValue("Nữ");
      good.createCell(2).setCellValue(LocalDate.of(1975, 3, 15));
      good.getCell(2).setCellStyle(date);
      // typed as a number: Excel drops the leading zero of 089175002001
      good.createCell(3).setCellValue(89175002001d);
      good.createCell(4).setCellValue("C01");
      good.createCell(5).setCellValue(LocalDate.of(2000, 5, 19));
      good.getCell(5).setCellStyle(date);
      good.createCell(6).setCellValue("70000001");
      // a blank row in the middle is skipped, not rejected
      Row bad = sheet.createRow(3);
      bad.createCell(0).setCellValue("Lê Văn Thiếu Số");
      bad.createCell(1).setCellValue("Nam");
      bad.createCell(2).setCellValue("15/03/1975");
      bad.createCell(3).setCellValue("0890750");
      bad.createCell(4).setCellValue("C01");
      bad.createCell(5).setCellValue("19/05/2000");
      // a row holding only empty text, then a gap, then a row without a name: Excel row 7
      sheet.createRow(4).createCell(0).setCellValue("");
      Row nameless = sheet.createRow(6);
      nameless.createCell(1).setCellValue("Nam");
      nameless.createCell(2).setCellValue("15/03/1975");
      nameless.createCell(3).setCellValue("089075002009");
      nameless.createCell(4).setCellValue("C01");
      nameless.createCell(5).setCellValue("19/05/2000");
      workbook.write(out);
      return out.toByteArray();
    }
  }

  private TestHttp.Response upload(String fileName, byte[] content)
      throws IOException, InterruptedException {
    String boundary = "----digicell" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/imports?under=/XL/VB"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
  }

  @Test
  void anExcelRegisterImportsItsGoodRowsAndExplainsTheRest() throws Exception {
    TestHttp.Response started = upload("so-dang-vien.xlsx", register());
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("id").asString();
    JsonNode[] job = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              job[0] = http.get("/api/imports/" + id, admin).json();
              return !"RUNNING".equals(job[0].get("status").asString());
            });
    assertThat(job[0].get("status").asString()).isEqualTo("COMPLETED");
    assertThat(job[0].get("importedRows").asInt()).isEqualTo(1);
    assertThat(job[0].get("rejectedRows").asInt()).isEqualTo(2);
    // reported at the row numbers Excel shows, the empty rows before them counted
    Map<Integer, String> errors = new TreeMap<>();
    job[0]
        .get("errors")
        .forEach(e -> errors.put(e.get("line").asInt(), e.get("reason").asString()));
    assertThat(errors).containsOnlyKeys(4, 7);
    assertThat(errors.get(4)).contains("phải có đúng 12 chữ số");
    assertThat(errors.get(7)).contains("Họ và tên: chưa điền");

    JsonNode found = http.get("/api/members/search?q=70000001", admin).json().get("items");
    assertThat(found.size()).isEqualTo(1);
    JsonNode member = http.get("/api/members/" + found.get(0).get("id").asString(), admin).json();
    assertThat(member.toString()).contains("1975-03-15").contains("2000-05-19");
  }

  @Test
  void aFileWhoseContentIsNotWhatItsNameSaysIsRefusedAndNothingStarts() throws Exception {
    assertThat(
            upload("so.xlsx", "fullName;gender\nA;Nam\n".getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(415);
    assertThat(upload("so.csv", register()).status()).isEqualTo(415);
    // a ZIP that is no spreadsheet
    byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0};
    TestHttp.Response broken = upload("so.xlsx", zip);
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body()).contains("unreadable-spreadsheet");
  }

  @Test
  void theSpreadsheetTemplateHasTheTemplatesColumnsAsText() throws Exception {
    HttpResponse<byte[]> template =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/imports/template.xlsx"))
                    .header("Authorization", "Bearer " + admin)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(template.statusCode()).isEqualTo(200);
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
      Row header = workbook.getSheetAt(0).getRow(0);
      List<String> names = new ArrayList<>();
      header.forEach(cell -> names.add(cell.getStringCellValue()));
      assertThat(names).isEqualTo(LegacyImport.headerRow(java.util.Locale.forLanguageTag("vi")));
      assertThat(names).startsWith("Số thẻ đảng viên", "Họ và tên", "Giới tính");
      Row sample = workbook.getSheetAt(0).getRow(1);
      int citizenId = LegacyImport.COLUMNS.indexOf("citizenId");
      assertThat(sample.getCell(citizenId).getStringCellValue()).isEqualTo("089190004321");
    }
  }
}
