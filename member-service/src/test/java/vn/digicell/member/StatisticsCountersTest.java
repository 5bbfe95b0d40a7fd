package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/** Pre-aggregated counters: kept from the event stream, read per subtree, rebuilt on demand. */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsCountersTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  TestHttp http;
  String admin;
  String province;
  final LocalDate today = LocalDate.now();
  int serial = 900;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin").orgScope("/ST").sign();
    province = create("ST", "PROVINCE", null);
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

  private String admit(String cell, String gender) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", "Hoàng Văn Đếm " + serial);
    body.put("gender", gender);
    body.put("dateOfBirth", gender.equals("MALE") ? "1980-05-05" : "1985-05-05");
    body.put(
        "citizenId", (gender.equals("MALE") ? "089080" : "089185") + "%06d".formatted(serial++));
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2015-05-05");
    body.put("ethnicity", "Tày");
    // men here finished 12/12 and hold intermediate political theory; women 9/12 and none given
    body.put("education", gender.equals("MALE") ? "12/12" : "9/12");
    if (gender.equals("MALE")) {
      body.put("politicalTheoryLevel", "TRUNG_CAP");
    }
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private void decide(String id, String decision, LocalDate on) {
    TestHttp.Response r =
        http.post(
            "/api/members/" + id + "/" + decision,
            admin,
            "{\"effectiveOn\":\"" + on + "\",\"decisionNumber\":\"9-QĐ\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private JsonNode figures(String under, String token) {
    TestHttp.Response r = http.get("/api/members/statistics?under=" + under, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void countersFollowAdmissionsDecisionsAndReorganisationsAtEveryLevel() {
    String sa = create("SA", "COMMUNE", province);
    String sb = create("SB", "COMMUNE", province);
    String c1 = create("C1", "CELL", sa);
    String c2 = create("C2", "CELL", sa);
    String b1 = create("C1", "CELL", sb);
    String first = admit(c1, "MALE");
    admit(c1, "FEMALE");
    String dies = admit(c1, "MALE");
    admit(b1, "FEMALE");
    decide(first, "recognise-official", LocalDate.of(2016, 6, 1));
    decide(dies, "record-death", today);
    TestHttp.Response merged =
        http.post(
            "/api/org-units/" + c1 + "/merge",
            admin,
            "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(c2, today));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode c2Figures = figures("/ST/SA/C2", admin);
              assertThat(c2Figures.get("active").asLong()).isEqualTo(2);
              JsonNode st = figures("/ST", admin);
              assertThat(st.get("total").asLong()).isEqualTo(4);
              assertThat(st.get("active").asLong()).isEqualTo(3);
            });
    JsonNode st = figures("/ST", admin);
    assertThat(st.get("byStatus").get("OFFICIAL").asLong()).isEqualTo(1);
    assertThat(st.get("byStatus").get("PROBATIONARY").asLong()).isEqualTo(2);
    assertThat(st.get("byStatus").get("DECEASED").asLong()).isEqualTo(1);
    assertThat(st.get("byGender").get("FEMALE").asLong()).isEqualTo(2);
    assertThat(st.get("byGender").get("MALE").asLong()).isEqualTo(1);
    assertThat(st.get("byEthnicity").get("Tày").asLong()).isEqualTo(3);
    assertThat(st.get("byYearAdmitted").get("2015").asLong()).isEqualTo(3);
    // the man who died no longer counts: one 12/12 left, two 9/12
    assertThat(st.get("byEducation").get("12/12").asLong()).isEqualTo(1);
    assertThat(st.get("byEducation").get("9/12").asLong()).isEqualTo(2);
    assertThat(st.get("byTheoryLevel").get("TRUNG_CAP").asLong()).isEqualTo(1);
    assertThat(st.get("byTheoryLevel").get("UNKNOWN").asLong()).isEqualTo(2);
    // the survivor cell took the merged cell's two active members with their dimensions
    JsonNode survivor = figures("/ST/SA/C2", admin);
    assertThat(survivor.get("byEducation").get("12/12").asLong()).isEqualTo(1);
    assertThat(survivor.get("byEducation").get("9/12").asLong()).isEqualTo(1);
    assertThat(survivor.get("byTheoryLevel").get("TRUNG_CAP").asLong()).isEqualTo(1);
    JsonNode communeB = figures("/ST/SB", admin);
    assertThat(communeB.get("byEducation").get("9/12").asLong()).isEqualTo(1);
    assertThat(communeB.get("byEducation").has("12/12")).isFalse();
    // the merged cell keeps only the member who died there; the survivor has the others
    JsonNode c1Figures = figures("/ST/SA/C1", admin);
    assertThat(c1Figures.get("total").asLong()).isEqualTo(1);
    assertThat(c1Figures.get("active").asLong()).isZero();
    // the nation, for a national reader (scope /)
    String national = TestTokens.forUser("tw").roles("auditor").orgScope("/").sign();
    assertThat(figures("/", national).get("total").asLong()).isGreaterThanOrEqualTo(4);

    // changes over a period, per direct child unit and in total
    TestHttp.Response period =
        http.get("/api/members/statistics/changes?under=/ST&from=2015-01&to=2015-12", admin);
    assertThat(period.status()).as(period.body()).isEqualTo(200);
    assertThat(period.json().get("total").get("changes").get("admitted").asLong()).isEqualTo(4);
    Map<String, Long> admittedByChild = new HashMap<>();
    period
        .json()
        .get("children")
        .forEach(
            c ->
                admittedByChild.put(
                    c.get("path").asString(), c.get("changes").get("admitted").asLong()));
    assertThat(admittedByChild).containsEntry("/ST/SA", 3L).containsEntry("/ST/SB", 1L);
    String thisMonth = YearMonth.now().toString();
    JsonNode now =
        http.get(
                "/api/members/statistics/changes?under=/ST/SA&from=%s&to=%s"
                    .formatted(thisMonth, thisMonth),
                admin)
            .json();
    Map<String, JsonNode> byCell = new HashMap<>();
    now.get("children").forEach(c -> byCell.put(c.get("path").asString(), c.get("changes")));
    assertThat(byCell.get("/ST/SA/C1").get("reassignedOut").asLong()).isEqualTo(2);
    assertThat(byCell.get("/ST/SA/C1").get("deceased").asLong()).isEqualTo(1);
    assertThat(byCell.get("/ST/SA/C2").get("reassignedIn").asLong()).isEqualTo(2);
    // moving within the commune is not a change for the commune
    assertThat(now.get("total").get("changes").get("reassignedIn").asLong()).isZero();
    JsonNode official =
        http.get("/api/members/statistics/changes?under=/ST&from=2016-06&to=2016-06", admin).json();
    assertThat(official.get("total").get("changes").get("recognisedOfficial").asLong())
        .isEqualTo(1);
  }

  @Test
  void aReaderOfOneCommuneCannotReadAnotherAndBadPeriodsAreRefused() {
    create("SC", "COMMUNE", province);
    String other = TestTokens.forUser("sd").roles("committee").orgScope("/ST/SD").sign();
    assertThat(http.get("/api/members/statistics?under=/ST/SC", other).status()).isEqualTo(403);
    assertThat(
            http.get("/api/members/statistics/changes?under=/ST&from=2025-01&to=2025-02", other)
                .status())
        .isEqualTo(403);
    String member = TestTokens.forUser("m").roles("member").orgScope("/ST/SC").sign();
    assertThat(http.get("/api/members/statistics?under=/ST/SC", member).status()).isEqualTo(403);
    TestHttp.Response reversed =
        http.get("/api/members/statistics/changes?under=/ST&from=2025-05&to=2025-01", admin);
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.json().get("type").asString()).endsWith("period-reversed");
    assertThat(
            http.get("/api/members/statistics/changes?under=/ST&from=May&to=2025-01", admin)
                .status())
        .isEqualTo(400);
  }

  @Test
  void theRebuildRepairsDriftedCountersFromTheMemberRecords() {
    String se = create("SE", "COMMUNE", province);
    String cell = create("C9", "CELL", se);
    admit(cell, "MALE");
    admit(cell, "FEMALE");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(figures("/ST/SE", admin).get("active").asLong()).isEqualTo(2));
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is("/ST/SE")),
        new Update()
            .set("status.PROBATIONARY", 40)
            .set("gender.MALE", 17)
            .set("education.12/12", 17)
            .set("theoryLevel.CAO_CAP", 5),
        "stat_counters");
    assertThat(figures("/ST/SE", admin).get("active").asLong()).isEqualTo(40);

    // org-admins may not, IT admins may
    assertThat(http.post("/api/admin/statistics/rebuild", admin, "").status()).isEqualTo(403);
    String it = TestTokens.forUser("it").roles("it-admin").orgScope("/").sign();
    TestHttp.Response rebuilt = http.post("/api/admin/statistics/rebuild", it, "");
    assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
    assertThat(rebuilt.json().get("membersRead").asLong()).isGreaterThanOrEqualTo(2);
    JsonNode repaired = figures("/ST/SE", admin);
    assertThat(repaired.get("active").asLong()).isEqualTo(2);
    assertThat(repaired.get("byGender").get("MALE").asLong()).isEqualTo(1);
    assertThat(repaired.get("byEducation").get("12/12").asLong()).isEqualTo(1);
    assertThat(repaired.get("byEducation").get("9/12").asLong()).isEqualTo(1);
    assertThat(repaired.get("byTheoryLevel").get("TRUNG_CAP").asLong()).isEqualTo(1);
    assertThat(repaired.get("byTheoryLevel").has("CAO_CAP")).isFalse();
  }
}
