package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberApiTest {

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  org.springframework.data.mongodb.core.MongoTemplate mongo;

  TestHttp http;
  String admin;
  String cellA;
  String cellB;
  String commune;
  String hoa; // in cell A
  String binh; // in cell A
  String cuong; // in cell B

  @BeforeAll
  void orgTreeAndMembers() {
    http = new TestHttp("http://localhost:" + port);
    admin =
        TestTokens.forUser("admin")
            .roles("org-admin", "committee", "it-admin")
            .orgScope("/AG")
            .sign();
    String province = create(orgUnit("AG", "Đảng bộ tỉnh An Giang", "PROVINCE", null));
    commune = create(orgUnit("VB", "Đảng bộ xã Vĩnh Bình", "COMMUNE", province));
    cellA = create(orgUnit("C01", "Chi bộ ấp Cái Nứa", "CELL", commune));
    cellB = create(orgUnit("C02", "Chi bộ ấp Hiệp Hòa", "CELL", commune));
    hoa = admit("Nguyễn Thị Hoa", "FEMALE", "1990-04-12", "089190004321", cellA, "0912345678");
    binh = admit("Trần Văn Bình", "MALE", "1985-09-02", "089085001234", cellA, null);
    cuong = admit("Lê Văn Cường", "MALE", "1979-01-30", "089079005678", cellB, null);
  }

  private Map<String, Object> orgUnit(String code, String name, String kind, String parentId) {
    var body = new java.util.HashMap<String, Object>();
    body.put("code", code);
    body.put("name", name);
    body.put("kind", kind);
    body.put("parentId", parentId);
    return body;
  }

  private String create(Map<String, Object> body) {
    TestHttp.Response r = http.postJson("/api/org-units", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private String admit(
      String name, String gender, String born, String citizenId, String cell, String phone) {
    TestHttp.Response r =
        http.postJson("/api/members", admin, admission(name, gender, born, citizenId, cell, phone));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private static Map<String, Object> admission(
      String name, String gender, String born, String citizenId, String cell, String phone) {
    var body = new java.util.HashMap<String, Object>();
    body.put("fullName", name);
    body.put("gender", gender);
    body.put("dateOfBirth", born);
    body.put("citizenId", citizenId);
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2024-05-19");
    body.put("ethnicity", "Kinh");
    body.put("phone", phone);
    return body;
  }

  private static String secretaryOf(String path) {
    return TestTokens.forUser("secretary").roles("cell-secretary", "member").orgScope(path).sign();
  }

  @Test
  void withoutATokenEverythingIsA401Problem() {
    TestHttp.Response r = http.get("/api/members/" + hoa, null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().get("type").asString()).endsWith("/unauthorized");
    assertThat(http.get("/api/org-units", null).status()).isEqualTo(401);
  }

  @Test
  void expiredForeignAndWrongAudienceTokensAreRefused() {
    for (String token :
        List.of(
            TestTokens.forUser("x")
                .roles("org-admin")
                .orgScope("/AG")
                .lifetime(Duration.ofMinutes(-5))
                .sign(),
            TestTokens.forUser("x").roles("org-admin").orgScope("/AG").signedByStranger().sign(),
            TestTokens.forUser("x").roles("org-admin").orgScope("/AG").audience("other").sign(),
            TestTokens.forUser("x")
                .roles("org-admin")
                .orgScope("/AG")
                .issuer("http://evil/realms/digicell")
                .sign())) {
      assertThat(http.get("/api/members/" + hoa, token).status()).isEqualTo(401);
    }
  }

  @Test
  void aSecretaryOfCellAReadsCellAButGets403OnCellB() {
    String secretary = secretaryOf("/AG/VB/C01");
    TestHttp.Response own = http.get("/api/members/" + hoa, secretary);
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().get("citizenId").asString()).isEqualTo("089190004321");
    assertThat(own.json().get("phone").asString()).isEqualTo("0912345678");

    TestHttp.Response other = http.get("/api/members/" + cuong, secretary);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().get("type").asString()).endsWith("/forbidden");
    assertThat(other.body()).doesNotContain("Cường");
    assertThat(http.get("/api/members?orgUnit=" + cellB, secretary).status()).isEqualTo(403);
  }

  @Test
  void theContactUpdateAnswerAndCitizenIdSearchesAreAuditedLikeProfileReads() {
    String secretary = TestTokens.forUser("keeper").grant("cell-secretary", "/AG/VB/C01").sign();
    TestHttp.Response updated =
        http.put("/api/members/" + binh + "/contact", secretary, "{\"phone\":\"0913000111\"}");
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    // the answer carries the record's personal fields in clear
    assertThat(updated.json().get("citizenId").asString()).isEqualTo("089085001234");
    TestHttp.Response found =
        http.get("/api/members/search?q=089085001234&under=/AG/VB", secretary);
    assertThat(found.status()).isEqualTo(403);
    String committee = TestTokens.forUser("searcher").grant("committee", "/AG/VB").sign();
    found = http.get("/api/members/search?q=089085001234&under=/AG/VB", committee);
    assertThat(found.status()).as(found.body()).isEqualTo(200);
    assertThat(found.json().get("items").get(0).get("id").asString()).isEqualTo(binh);

    String auditor = TestTokens.forUser("auditor").grant("auditor", "/AG/VB").sign();
    JsonNode byKeeper =
        http.get("/api/members/audit/profile-reads?under=/AG/VB&reader=keeper", auditor)
            .json()
            .get("items");
    assertThat(byKeeper).hasSize(1);
    assertThat(byKeeper.get(0).get("what").asString()).isEqualTo("CONTACT_UPDATE");
    assertThat(byKeeper.get(0).get("memberId").asString()).isEqualTo(binh);
    assertThat(byKeeper.get(0).get("at")).isNotNull();
    JsonNode bySearcher =
        http.get("/api/members/audit/profile-reads?under=/AG/VB&reader=searcher", auditor)
            .json()
            .get("items");
    assertThat(bySearcher).hasSize(1);
    assertThat(bySearcher.get(0).get("what").asString()).isEqualTo("CITIZEN_ID_SEARCH");
    assertThat(bySearcher.get(0).get("memberId").asString()).isEqualTo(binh);
    assertThat(bySearcher.get(0).get("orgPath").asString()).isEqualTo("/AG/VB");
    // never the id itself
    assertThat(bySearcher.get(0).toString()).doesNotContain("089085001234");
  }

  @Test
  void everyProfileReadIsAuditedAndOnlyAuditorsReadTheLog() {
    String secretary = secretaryOf("/AG/VB/C01");
    assertThat(http.get("/api/members/" + binh, secretary).status()).isEqualTo(200);
    String auditor = TestTokens.forUser("auditor").roles("auditor").orgScope("/AG/VB").sign();
    TestHttp.Response log =
        http.get("/api/members/audit/profile-reads?member=" + binh + "&reader=secretary", auditor);
    assertThat(log.status()).as(log.body()).isEqualTo(200);
    JsonNode entry = log.json().get("items").get(0);
    assertThat(entry.get("reader").asString()).isEqualTo("secretary");
    assertThat(entry.get("memberId").asString()).isEqualTo(binh);
    assertThat(entry.get("orgPath").asString()).isEqualTo("/AG/VB/C01");
    assertThat(http.get("/api/members/audit/profile-reads", secretary).status()).isEqualTo(403);
    String otherAuditor = TestTokens.forUser("a2").roles("auditor").orgScope("/AG/XX").sign();
    assertThat(http.get("/api/members/audit/profile-reads?under=/AG/VB", otherAuditor).status())
        .isEqualTo(403);
  }

  @Test
  void aMemberSeesOnlyTheirOwnRecord() {
    String member =
        TestTokens.forUser("hoa").roles("member").orgScope("/AG/VB/C01").memberId(hoa).sign();
    assertThat(http.get("/api/members/" + hoa, member).status()).isEqualTo(200);
    assertThat(http.get("/api/members/" + binh, member).status()).isEqualTo(403);
    assertThat(http.get("/api/members?orgUnit=" + cellA, member).status()).isEqualTo(403);
  }

  @Test
  void aCommuneUserPagesThroughACellInVietnameseNameOrder() {
    String communeUser = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      TestHttp.Response page =
          http.get(
              "/api/members?orgUnit="
                  + cellA
                  + "&size=1"
                  + (cursor == null ? "" : "&cursor=" + cursor),
              communeUser);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      JsonNode json = page.json();
      json.get("items").forEach(i -> names.add(i.get("fullName").asString()));
      assertThat(json.get("items").get(0).has("citizenId")).isFalse();
      cursor = json.hasNonNull("nextCursor") ? json.get("nextCursor").asString() : null;
    } while (cursor != null);
    // Vietnamese lists order by given name: Bình before Hoa
    assertThat(names).containsExactly("Trần Văn Bình", "Nguyễn Thị Hoa");
  }

  @Test
  void badInputGetsAProblemWithFieldErrorsAndChangesNothing() {
    int before = rosterSize(cellA);
    TestHttp.Response malformed = http.post("/api/members", admin, "{\"fullName\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

    TestHttp.Response missing = http.post("/api/members", admin, "{\"fullName\":\"\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(fields(missing))
        .contains("fullName", "gender", "dateOfBirth", "citizenId", "orgUnitId", "admittedOn");

    // a woman born in 1990 has 1 as the 4th digit, not 0
    TestHttp.Response wrongId =
        http.postJson(
            "/api/members",
            admin,
            admission("Phạm Thị Lan", "FEMALE", "1990-02-01", "089090001111", cellA, null));
    assertThat(wrongId.status()).isEqualTo(400);
    assertThat(fields(wrongId)).containsExactly("citizenId");

    TestHttp.Response unknownProvince =
        http.postJson(
            "/api/members",
            admin,
            admission("Phạm Thị Lan", "FEMALE", "1990-02-01", "003190001111", cellA, null));
    assertThat(unknownProvince.status()).isEqualTo(400);

    String huge = "{\"fullName\":\"" + "x".repeat(300_000) + "\"}";
    assertThat(http.post("/api/members", admin, huge).status()).isEqualTo(413);

    TestHttp.Response duplicate =
        http.postJson(
            "/api/members",
            admin,
            admission("Nguyễn Thị Hoa", "FEMALE", "1990-04-12", "089190004321", cellA, null));
    assertThat(duplicate.status()).isEqualTo(409);

    TestHttp.Response intoCommune =
        http.postJson(
            "/api/members",
            admin,
            admission("Võ Văn Kiệt", "MALE", "1980-02-01", "089080002222", commune, null));
    assertThat(intoCommune.status()).isEqualTo(422);

    TestHttp.Response bySecretary =
        http.postJson(
            "/api/members",
            secretaryOf("/AG/VB/C01"),
            admission("Võ Văn Kiệt", "MALE", "1980-02-01", "089080002222", cellA, null));
    assertThat(bySecretary.status()).isEqualTo(403);

    assertThat(rosterSize(cellA)).isEqualTo(before);
  }

  @Test
  void orgUnitsOutsideTheCallersScopeCannotBeCreatedOrListed() {
    String communeAdmin =
        TestTokens.forUser("vb-admin").roles("org-admin").orgScope("/AG/VB").sign();
    TestHttp.Response outside =
        http.postJson("/api/org-units", communeAdmin, orgUnit("HN", "Hà Nội", "PROVINCE", null));
    assertThat(outside.status()).isEqualTo(403);
    assertThat(http.get("/api/org-units?under=/AG", communeAdmin).status()).isEqualTo(403);
    TestHttp.Response mine = http.get("/api/org-units?under=/AG/VB", communeAdmin);
    assertThat(mine.status()).isEqualTo(200);
    List<String> paths = new ArrayList<>();
    mine.json().get("items").forEach(i -> paths.add(i.get("path").asString()));
    assertThat(paths).containsExactly("/AG/VB", "/AG/VB/C01", "/AG/VB/C02");
  }

  @Test
  void admissionEventsMatchTheirSchemasAndKeepPersonalDataOffTheGeneralStream() {
    ConsumerRecord<String, byte[]> admitted =
        TestTopics.awaitRecords("member.events", hoa, 1).get(0);
    assertThat(TestTopics.headers(admitted))
        .containsEntry("ce_type", "vn.digicell.member.admitted.v1")
        .containsEntry("ce_orgpath", "/AG/VB/C01")
        .containsEntry("ce_sequence", "1");
    assertThat(EventSchemas.violations("vn.digicell.member.admitted.v1", admitted.value()))
        .isEmpty();
    String general = new String(admitted.value(), StandardCharsets.UTF_8);
    assertThat(general).doesNotContain("089190004321").doesNotContain("0912345678");

    ConsumerRecord<String, byte[]> contact =
        TestTopics.awaitRecords("member.contacts", hoa, 1).get(0);
    assertThat(EventSchemas.violations("vn.digicell.member.contact-changed.v1", contact.value()))
        .isEmpty();
    assertThat(new String(contact.value(), StandardCharsets.UTF_8)).contains("0912345678");

    ConsumerRecord<String, byte[]> cell =
        TestTopics.awaitRecords("orgunit.events", cellA, 1).get(0);
    assertThat(EventSchemas.violations("vn.digicell.orgunit.created.v1", cell.value())).isEmpty();
  }

  @Test
  void theProfileHoldsTheBackgroundAndTheResidenceStaysEncryptedAndOffTheGeneralStream() {
    Map<String, Object> body =
        admission("Đỗ Thị Mai", "FEMALE", "1992-03-08", "089192007777", cellB, null);
    body.put("religion", "Phật giáo Hòa Hảo");
    body.put("residence", "Số 12, ấp Hiệp Hòa, xã Vĩnh Bình");
    body.put("education", "12/12");
    body.put("professionalQualification", "Đại học");
    body.put("politicalTheoryLevel", "TRUNG_CAP");
    body.put("occupation", "Giáo viên");
    TestHttp.Response created = http.postJson("/api/members", admin, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String mai = created.json().get("id").asString();
    assertThat(created.body()).doesNotContain("ấp Hiệp Hòa, xã");

    JsonNode profile = http.get("/api/members/" + mai, admin).json();
    assertThat(profile.get("religion").asString()).isEqualTo("Phật giáo Hòa Hảo");
    assertThat(profile.get("residence").asString()).isEqualTo("Số 12, ấp Hiệp Hòa, xã Vĩnh Bình");
    assertThat(profile.get("education").asString()).isEqualTo("12/12");
    assertThat(profile.get("professionalQualification").asString()).isEqualTo("Đại học");
    assertThat(profile.get("politicalTheoryLevel").asString()).isEqualTo("TRUNG_CAP");
    assertThat(profile.get("occupation").asString()).isEqualTo("Giáo viên");

    org.bson.Document stored = mongo.findById(mai, org.bson.Document.class, "members");
    assertThat(stored.getString("residenceEncrypted")).isNotBlank();
    assertThat(stored.toJson()).doesNotContain("Hiệp Hòa, xã").doesNotContain("Hi\\u1ec7p");
    assertThat(stored.getString("politicalTheoryLevel")).isEqualTo("TRUNG_CAP");

    ConsumerRecord<String, byte[]> admitted =
        TestTopics.awaitRecords("member.events", mai, 1).get(0);
    assertThat(EventSchemas.violations("vn.digicell.member.admitted.v1", admitted.value()))
        .isEmpty();
    assertThat(new String(admitted.value(), StandardCharsets.UTF_8))
        .doesNotContain("Hiệp Hòa, xã")
        .doesNotContain("Giáo viên")
        .doesNotContain("Hòa Hảo");

    // a member without any of it (legacy records are incomplete) reads as nulls
    JsonNode old = http.get("/api/members/" + binh, admin).json();
    assertThat(old.hasNonNull("residence")).isFalse();
    assertThat(old.hasNonNull("politicalTheoryLevel")).isFalse();
    assertThat(old.get("fullName").asString()).isEqualTo("Trần Văn Bình");
  }

  @Test
  void badBackgroundValuesAreFieldErrorsAndNothingIsStored() {
    int before = rosterSize(cellB);
    Map<String, Object> body =
        admission("Võ Thị Sáu", "FEMALE", "1991-01-01", "089191008888", cellB, null);
    body.put("religion", "r".repeat(61));
    body.put("residence", "x".repeat(301));
    body.put("education", "11/10");
    body.put("professionalQualification", "q".repeat(101));
    body.put("politicalTheoryLevel", "TIEN_SI");
    body.put("occupation", "o".repeat(101));
    TestHttp.Response bad = http.postJson("/api/members", admin, body);
    assertThat(bad.status()).as(bad.body()).isEqualTo(400);
    assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
    assertThat(fields(bad))
        .containsExactlyInAnyOrder(
            "religion",
            "residence",
            "education",
            "professionalQualification",
            "politicalTheoryLevel",
            "occupation");
    body.put("religion", null);
    body.put("residence", null);
    body.put("professionalQualification", null);
    body.put("politicalTheoryLevel", "CU_NHAN");
    body.put("occupation", null);
    body.put("education", "13/12");
    TestHttp.Response grades = http.postJson("/api/members", admin, body);
    assertThat(grades.status()).isEqualTo(400);
    assertThat(fields(grades)).containsExactly("education");
    assertThat(rosterSize(cellB)).isEqualTo(before);
  }

  private int rosterSize(String cell) {
    TestHttp.Response r = http.get("/api/members?orgUnit=" + cell + "&size=200", admin);
    assertThat(r.status()).isEqualTo(200);
    return r.json().get("items").size();
  }

  private static List<String> fields(TestHttp.Response r) {
    List<String> fields = new ArrayList<>();
    r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
    return fields;
  }
}
