package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LegacyImportTest {

  @LocalServerPort int port;
  TestHttp http;
  String admin;
  String c01;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/AG").sign();
    String province = create("AG", "PROVINCE", null);
    String vb = create("VB", "COMMUNE", province);
    c01 = create("C01", "CELL", vb);
    create("C02", "CELL", vb);
  }

  private String create(String code, String kind, String parent) {
    return vn.digicell.member.TestOrgUnits.create(http, admin, code, kind, parent);
  }

  /** A register of {@code valid} good rows, then three bad ones. */
  private static String register(int valid) {
    StringBuilder csv =
        new StringBuilder(
            "\uFEFFfullName;gender;dateOfBirth;citizenId;cell;admittedOn;officialOn;partyNumber;phone\n");
    for (int i = 0; i < valid; i++) {
      boolean woman = i % 2 == 0;
      csv.append(woman ? "Nguyễn Thị Mẫu " : "Trần Văn Mẫu ")
          .append(i)
          .append(';')
          .append(woman ? "Nữ" : "Nam")
          .append(";15/03/1975;089")
          .append(woman ? "1" : "0")
          .append("75")
          .append(String.format("%06d", 1000 + i))
          .append(';')
          .append(i % 3 == 0 ? "C02" : "/AG/VB/C01")
          .append(";19/05/2000;")
          .append(i % 4 == 0 ? "19/05/2001" : "")
          .append(";")
          .append(String.format("9%07d", i))
          .append(";09")
          .append(String.format("%08d", i))
          .append('\n');
    }
    csv.append("Lê Văn Sai Số;Nam;15/03/1975;089175999999;C01;19/05/2000;;;\n"); // 4th digit
    csv.append("Lê Văn Lạc;Nam;15/03/1975;089075999998;C99;19/05/2000;;;\n"); // no such cell
    csv.append(";Nam;15/03/1975;089075999997;C01;19/05/2000;;;\n"); // no name
    return csv.toString();
  }

  private TestHttp.Response upload(String token, String under, String fileName, String csv)
      throws IOException, InterruptedException {
    return upload(token, under, fileName, csv, "vi");
  }

  private TestHttp.Response upload(
      String token, String under, String fileName, String csv, String language)
      throws IOException, InterruptedException {
    String boundary = "----digicell" + System.nanoTime();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: text/csv\r\n\r\n"
            + csv
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/imports?under=" + under))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .header("Accept-Language", language)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new TestHttp.Response(r.statusCode(), r.headers().map(), r.body());
  }

  private JsonNode awaitDone(String id) {
    JsonNode[] job = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              job[0] = http.get("/api/imports/" + id, admin).json();
              return !"RUNNING".equals(job[0].get("status").asString());
            });
    return job[0];
  }

  @Test
  void aRegisterImportsItsValidRowsListsTheRestAndNeverImportsTwice() throws Exception {
    String csv = register(60);
    TestHttp.Response started = upload(admin, "/AG/VB", "so-dang-vien.csv", csv);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode job = awaitDone(started.json().get("id").asString());
    assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(job.get("percent").asInt()).isEqualTo(100);
    assertThat(job.get("importedRows").asInt()).isEqualTo(60);
    assertThat(job.get("rejectedRows").asInt()).isEqualTo(3);
    Map<Integer, String> errors = new java.util.TreeMap<>();
    job.get("errors").forEach(e -> errors.put(e.get("line").asInt(), e.get("reason").asString()));
    assertThat(errors).containsOnlyKeys(62, 63, 64);
    assertThat(errors.get(62)).contains("Số định danh cá nhân").contains("chữ số thứ 4");
    assertThat(errors.get(63)).contains("C99");
    assertThat(errors.get(64)).isEqualTo("Họ và tên: chưa điền");

    // the members are on record under the admission rules, official where the register says so
    JsonNode found =
        http.get("/api/members/search?q=" + String.format("9%07d", 0), admin).json().get("items");
    assertThat(found.size()).isEqualTo(1);
    assertThat(found.get(0).get("status").asString()).isEqualTo("OFFICIAL");
    assertThat(found.get(0).get("orgPath").asString()).isEqualTo("/AG/VB/C02");

    JsonNode again =
        awaitDone(upload(admin, "/AG/VB", "so-dang-vien.csv", csv).json().get("id").asString());
    assertThat(again.get("importedRows").asInt()).isZero();
    assertThat(again.get("alreadyOnRecord").asInt()).isEqualTo(60);
    assertThat(
            http.get("/api/members?orgUnit=" + c01 + "&size=200", admin).json().get("items").size())
        .isEqualTo(40);
  }

  @Test
  void theBackgroundColumnsAreImportedAndABadValueRejectsItsRowWithTheReason() throws Exception {
    String csv =
        "fullName;gender;dateOfBirth;citizenId;cell;admittedOn;partyNumber;religion;residence;"
            + "education;professionalQualification;politicalTheoryLevel;occupation\n"
            + "Phan Văn Nền;Nam;02/02/1980;089080777001;C01;19/05/2010;77000001;Công giáo;"
            + "\"Số 5, ấp Cái Nứa\";12/12;Đại học;Cử nhân;Kỹ sư nông nghiệp\n"
            + "Phan Thị Nền;Nữ;03/03/1980;089180777002;C01;19/05/2010;77000002;;;9/12;;SO_CAP;\n"
            + "Phan Văn Sai;Nam;04/04/1980;089080777003;C01;19/05/2010;77000003;;;12/12;;"
            + "Tiến sĩ;\n"
            + "Phan Văn Lớp;Nam;05/05/1980;089080777004;C01;19/05/2010;77000004;;;13/12;;;\n";
    TestHttp.Response started = upload(admin, "/AG/VB", "nen.csv", csv);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode job = awaitDone(started.json().get("id").asString());
    assertThat(job.get("importedRows").asInt()).isEqualTo(2);
    assertThat(job.get("rejectedRows").asInt()).isEqualTo(2);
    Map<Integer, String> errors = new java.util.TreeMap<>();
    job.get("errors").forEach(e -> errors.put(e.get("line").asInt(), e.get("reason").asString()));
    assertThat(errors).containsOnlyKeys(4, 5);
    assertThat(errors.get(4)).contains("Lý luận chính trị").contains("Tiến sĩ");
    assertThat(errors.get(5)).contains("Giáo dục phổ thông").contains("13/12");
    assertThat(http.get("/api/members/search?q=77000003", admin).json().get("items").size())
        .isZero();

    String id =
        http.get("/api/members/search?q=77000001", admin)
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asString();
    JsonNode profile = http.get("/api/members/" + id, admin).json();
    assertThat(profile.get("religion").asString()).isEqualTo("Công giáo");
    assertThat(profile.get("residence").asString()).isEqualTo("Số 5, ấp Cái Nứa");
    assertThat(profile.get("education").asString()).isEqualTo("12/12");
    assertThat(profile.get("professionalQualification").asString()).isEqualTo("Đại học");
    assertThat(profile.get("politicalTheoryLevel").asString()).isEqualTo("CU_NHAN");
    assertThat(profile.get("occupation").asString()).isEqualTo("Kỹ sư nông nghiệp");
    String second =
        http.get("/api/members/search?q=77000002", admin)
            .json()
            .get("items")
            .get(0)
            .get("id")
            .asString();
    JsonNode secondProfile = http.get("/api/members/" + second, admin).json();
    assertThat(secondProfile.get("politicalTheoryLevel").asString()).isEqualTo("SO_CAP");
    assertThat(secondProfile.hasNonNull("religion")).isFalse();
  }

  @Test
  void rejectedRowsAreReportedAtTheLineTheFileShowsBlankLinesAndMultiLineFieldsCounted()
      throws Exception {
    String csv =
        "fullName;gender;dateOfBirth;citizenId;cell;admittedOn;partyNumber;residence\r\n" // 1
            + "\r\n" // 2: blank
            + "Võ Văn Dòng;Nam;02/02/1981;089081888001;C01;19/05/2010;78000001;" // 3
            + "\"Số 7,\r\nấp Cái Nứa\"\r\n" // 4: the residence goes on
            + ";;;;;;;\r\n" // 5: only separators
            + "Võ Văn Sai;Nam;02/02/1981;089081888002;C99;19/05/2010;78000002;\r\n" // 6
            + "\r\n\r\n" // 7, 8
            + "Võ Thị Địa Chỉ;Nữ;03/03/1981;089181888003;C01;19/05/2010;78000003;" // 9
            + "\"ấp 1\r\nấp 2\r\nấp 3\"\r\n" // 10, 11
            + "Võ Văn Ngày;Nam;32/01/1981;089081888004;C01;19/05/2010;78000004;\r\n"; // 12
    TestHttp.Response started = upload(admin, "/AG/VB", "dong.csv", csv);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode job = awaitDone(started.json().get("id").asString());
    assertThat(job.get("importedRows").asInt()).isEqualTo(2);
    Map<Integer, String> errors = new java.util.TreeMap<>();
    job.get("errors").forEach(e -> errors.put(e.get("line").asInt(), e.get("reason").asString()));
    assertThat(errors).containsOnlyKeys(6, 12);
    assertThat(errors.get(6)).contains("C99");
    assertThat(errors.get(12)).contains("Ngày sinh").contains("32/01/1981");
  }

  @Test
  void theWrongFileOrTheWrongPersonChangesNothing() throws Exception {
    assertThat(upload(admin, "/AG/VB", "so.csv", "ten;ngay\nA;B\n").status()).isEqualTo(400);
    assertThat(upload(admin, "/AG/VB", "so.exe", register(1)).status()).isEqualTo(415);
    String secretary =
        TestTokens.forUser("sec").roles("cell-secretary").orgScope("/AG/VB/C01").sign();
    assertThat(upload(secretary, "/AG/VB", "so.csv", register(1)).status()).isEqualTo(403);
    String otherAdmin = TestTokens.forUser("x").roles("org-admin").orgScope("/AG/XX").sign();
    assertThat(upload(otherAdmin, "/AG/VB", "so.csv", register(1)).status()).isEqualTo(403);
    // the template's header row in the reader's language, example values as people write them
    HttpResponse<String> vietnamese =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/imports/template.csv"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Accept-Language", "vi")
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(vietnamese.body())
        .startsWith("\uFEFFSố thẻ đảng viên,Họ và tên,Giới tính,Ngày sinh")
        .contains("Trung cấp")
        .doesNotContain("TRUNG_CAP");
    assertThat(http.get("/api/imports/template.csv", admin).body())
        .startsWith("\uFEFFParty card number,Full name,Gender,Date of birth");
  }

  @Test
  void aFileWithTheVietnameseHeaderRowListsEveryProblemOfABadRowInVietnamese() throws Exception {
    String csv =
        "Số thẻ đảng viên;Họ và tên;Giới tính;Ngày sinh;Số định danh cá nhân;Chi bộ;"
            + "Ngày vào Đảng;Điện thoại;Lý luận chính trị\n"
            + "79000001;Đặng Văn Tiêu Đề;Nam;02/02/1982;089082999001;C01;19/05/2010;0912345678;"
            + "Trung cấp\n"
            + "79000002;Đặng Văn Sai;Không rõ;31/02/1982;089082999002;C01;19/05/2010;12ab;\n";
    TestHttp.Response started = upload(admin, "/AG/VB", "tieu-de.csv", csv);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode job = awaitDone(started.json().get("id").asString());
    assertThat(job.get("importedRows").asInt()).isEqualTo(1);
    assertThat(job.get("errors")).hasSize(1);
    assertThat(job.get("errors").get(0).get("line").asInt()).isEqualTo(3);
    String reason = job.get("errors").get(0).get("reason").asString();
    // every problem of the row, each named by the column the header row shows
    assertThat(reason)
        .contains("Giới tính: “Không rõ” không phải Nam hoặc Nữ")
        .contains("Ngày sinh: ngày 31/02/1982 không có thật (tháng 2 năm 1982 chỉ có 28 ngày)")
        .contains("Điện thoại: “12ab” không phải số điện thoại");
    JsonNode imported =
        http.get("/api/members/search?q=79000001", admin).json().get("items").get(0);
    JsonNode profile = http.get("/api/members/" + imported.get("id").asString(), admin).json();
    assertThat(profile.get("politicalTheoryLevel").asString()).isEqualTo("TRUNG_CAP");
  }

  @Test
  void englishHeadersAreStillAcceptedAndEnglishIsBehindTheSwitch() throws Exception {
    String csv =
        "Full name;Gender;Date of birth;Citizen ID number;Party cell;Admitted on;partyNumber\n"
            + "Đoàn Văn Anh;Nam;03/03/1983;089083999003;C01;19/05/2010;79000003\n"
            + "Đoàn Văn Ngày;Nam;29/02/1983;089083999004;C01;19/05/2010;79000004\n";
    TestHttp.Response started = upload(admin, "/AG/VB", "english.csv", csv, "en");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    JsonNode job = awaitDone(started.json().get("id").asString());
    assertThat(job.get("importedRows").asInt()).isEqualTo(1);
    assertThat(job.get("errors").get(0).get("reason").asString())
        .isEqualTo("Date of birth: 29/02/1983 is an impossible date (month 2 of 1983 has 28 days)");
    TestHttp.Response notTemplate = upload(admin, "/AG/VB", "so.csv", "ten;ngay\nA;B\n");
    assertThat(notTemplate.status()).isEqualTo(400);
    assertThat(notTemplate.json().get("detail").asString())
        .startsWith("Dòng tiêu đề thiếu cột Họ và tên, Giới tính");
  }
}
