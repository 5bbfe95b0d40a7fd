package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/** Exports: streamed in small batches here (2 rows) so paging across batches is exercised. */
@DigiCellIntegrationTest
@TestPropertySource(properties = "digicell.member.export.batch-size=2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportTest {

  @LocalServerPort int port;

  TestHttp http;
  String admin;
  String committee;
  final HttpClient client = HttpClient.newHttpClient();
  int serial = 300;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin").orgScope("/EX").sign();
    committee = TestTokens.forUser("committee").roles("committee").orgScope("/EX/VA").sign();
    String province = create("EX", "PROVINCE", null);
    String va = create("VA", "COMMUNE", province);
    String vb = create("VB", "COMMUNE", province);
    String c1 = create("C01", "CELL", va);
    String c2 = create("C02", "CELL", va);
    String other = create("C01", "CELL", vb);
    admit("Nguyễn Thị Ánh", c1, "0912345678");
    admit("Trần Văn Bình, con", c1, null);
    admit("Lê Thị Cúc", c1, null);
    admit("Phạm Văn Dũng", c2, null);
    admit("Đặng Văn Ở Xa", other, null);
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

  private void admit(String name, String cell, String phone) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "FEMALE");
    body.put("dateOfBirth", "1990-03-03");
    body.put("citizenId", "089190" + String.format("%06d", serial++));
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2016-04-04");
    body.put("ethnicity", "Kinh");
    if (phone != null) {
      body.put("phone", phone);
      body.put("zaloId", "5551234567890");
      body.put("residence", "Tổ 3, ấp Cái Nứa");
      body.put("politicalTheoryLevel", "SO_CAP");
      body.put("education", "12/12");
    }
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private HttpResponse<byte[]> export(String query, String token) throws Exception {
    return client.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/members/export?" + query))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void csvHasABomVietnameseHeadersEveryMemberOnceAndPersonalColumnsForOrgAdmins() throws Exception {
    HttpResponse<byte[]> r = export("under=/EX/VA&format=csv", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
        .contains("dang-vien-EX-VA.csv");
    byte[] body = r.body();
    assertThat(Arrays.copyOf(body, 3))
        .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF); // UTF-8 BOM
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertThat(lines.get(0))
        .startsWith("Số thẻ đảng viên,Họ và tên,Giới tính")
        .contains("Ngày chính thức,Tôn giáo,Giáo dục phổ thông,Chuyên môn nghiệp vụ")
        .endsWith(
            "Lý luận chính trị,Nghề nghiệp,Số CCCD,Điện thoại,Thư điện tử,Zalo,Nơi ở hiện nay");
    assertThat(lines).hasSize(5); // header + 4 members of VA, across two-row batches
    assertThat(text)
        .contains("Nguyễn Thị Ánh")
        .contains("\"Trần Văn Bình, con\"")
        .contains("Lê Thị Cúc")
        .contains("Phạm Văn Dũng")
        .contains("0912345678")
        .contains(",5551234567890,")
        .contains("Tổ 3, ấp Cái Nứa")
        .contains(",12/12,")
        .contains(",Sơ cấp,")
        .contains("089190")
        .contains(",Nữ,")
        .contains("Dự bị")
        .doesNotContain("Ở Xa");
    // each member once, cell by cell
    assertThat(text.indexOf("Ánh")).isLessThan(text.indexOf("Dũng"));
    assertThat(text.split("Lê Thị Cúc", -1)).hasSize(2);
  }

  @Test
  void othersGetNoPersonalColumnsAndNoOtherCommune() throws Exception {
    HttpResponse<byte[]> r = export("under=/EX/VA&format=csv", committee);
    assertThat(r.statusCode()).isEqualTo(200);
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(text)
        .contains("Nguyễn Thị Ánh")
        .doesNotContain("Số CCCD")
        .doesNotContain("0912345678")
        .doesNotContain("Cái Nứa")
        .doesNotContain("Nơi ở hiện nay")
        .doesNotContain("Zalo")
        .doesNotContain("5551234567890")
        .contains(",Sơ cấp,");
    assertThat(text).doesNotContain("089190");

    assertThat(export("under=/EX/VB&format=csv", committee).statusCode()).isEqualTo(403);
    assertThat(export("under=/EX&format=csv", committee).statusCode()).isEqualTo(403);
    String secretary =
        TestTokens.forUser("sec").roles("cell-secretary").orgScope("/EX/VA/C02").sign();
    assertThat(export("under=/EX/VA&format=csv", secretary).statusCode()).isEqualTo(403);
    String own = new String(export("under=/EX/VA/C02", secretary).body(), StandardCharsets.UTF_8);
    assertThat(own).contains("Phạm Văn Dũng").doesNotContain("Ánh");
    String member = TestTokens.forUser("m").roles("member").orgScope("/EX/VA/C01").sign();
    assertThat(export("under=/EX/VA/C01", member).statusCode()).isEqualTo(403);
    HttpResponse<byte[]> bad = export("under=/EX/VA&format=pdf", admin);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("unknown-export-format");
    assertThat(export("under=EX&format=csv", admin).statusCode()).isEqualTo(400);
  }

  @Test
  void xlsxIsAWorkbookWithTheSameRows() throws Exception {
    HttpResponse<byte[]> r = export("under=/EX&format=xlsx", admin);
    assertThat(r.statusCode()).isEqualTo(200);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("Đảng viên");
      Row header = sheet.getRow(0);
      assertThat(header.getCell(1).getStringCellValue()).isEqualTo("Họ và tên");
      assertThat(header.getCell(15).getStringCellValue()).isEqualTo("Số CCCD");
      assertThat(header.getCell(18).getStringCellValue()).isEqualTo("Zalo");
      assertThat(header.getCell(19).getStringCellValue()).isEqualTo("Nơi ở hiện nay");
      assertThat(sheet.getLastRowNum()).isEqualTo(5);
      List<String> names =
          java.util.stream.IntStream.rangeClosed(1, 5)
              .mapToObj(i -> sheet.getRow(i).getCell(1).getStringCellValue())
              .toList();
      assertThat(names).contains("Đặng Văn Ở Xa", "Trần Văn Bình, con").doesNotHaveDuplicates();
    }
  }

  @Test
  void everyExportIsAuditLogged() throws Exception {
    export("under=/EX/VA/C02&format=xlsx", committee);
    String auditor = TestTokens.forUser("aud").roles("auditor").orgScope("/EX").sign();
    JsonNode items =
        http.get("/api/members/audit/profile-reads?under=/EX&reader=committee", auditor)
            .json()
            .get("items");
    assertThat(items.size()).isGreaterThanOrEqualTo(1);
    JsonNode logged = items.get(0);
    assertThat(logged.get("what").asString()).isEqualTo("EXPORT");
    assertThat(logged.get("orgPath").asString()).isEqualTo("/EX/VA/C02");
    assertThat(logged.get("personal").asBoolean()).isFalse();
    assertThat(logged.get("format").asString()).isEqualTo("XLSX");
  }
}
