package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/** Pre-aggregated counters: kept from the event stream, read per subtree, rebuilt on demand. */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsCountersTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @Autowired
  @Qualifier("eventKafkaTemplate")
  KafkaTemplate<String, byte[]> kafka;

  TestHttp http;
  String admin;
  String province;
  final LocalDate today = LocalDate.now();
  int serial = 900;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin").orgScope("/ST", "/SX", "/SY").sign();
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
  void changesAreCountedPerDayAndReportedDayByDayOverAPeriod() {
    // a province of its own, so the other tests' members do not count here
    String sf = create("SF", "COMMUNE", create("SX", "PROVINCE", null));
    String c1 = create("C1", "CELL", sf);
    String c2 = create("C2", "CELL", sf);
    String dies = admit(c1, "MALE");
    String removed = admit(c1, "FEMALE");
    String expelled = admit(c2, "MALE");
    String stays = admit(c2, "FEMALE");
    decide(dies, "record-death", LocalDate.of(2024, 3, 10));
    decide(removed, "remove", LocalDate.of(2024, 3, 10));
    decide(expelled, "expel", LocalDate.of(2024, 4, 2));

    String march = "/api/members/statistics/changes?under=/SX/SF&granularity=day";
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        http.get(march + "&from=2024-04-01&to=2024-04-30", admin)
                            .json()
                            .get("total")
                            .get("changes")
                            .get("expelled")
                            .asLong())
                    .isEqualTo(1));
    TestHttp.Response month = http.get(march + "&from=2024-03&to=2024-03", admin);
    assertThat(month.status()).as(month.body()).isEqualTo(200);
    JsonNode days = month.json();
    assertThat(days.get("granularity").asString()).isEqualTo("day");
    assertThat(days.get("from").asString()).isEqualTo("2024-03-01");
    assertThat(days.get("to").asString()).isEqualTo("2024-03-31");
    assertThat(days.get("buckets").size()).isEqualTo(31);
    Map<String, JsonNode> byDay = new HashMap<>();
    days.get("buckets").forEach(b -> byDay.put(b.get("period").asString(), b.get("changes")));
    assertThat(byDay.get("2024-03-10").get("deceased").asLong()).isEqualTo(1);
    assertThat(byDay.get("2024-03-10").get("removed").asLong()).isEqualTo(1);
    assertThat(byDay.get("2024-03-09").get("deceased").asLong()).isZero();
    assertThat(byDay.get("2024-03-11").get("removed").asLong()).isZero();
    assertThat(days.get("total").get("changes").get("deceased").asLong()).isEqualTo(1);
    assertThat(days.get("total").get("changes").get("expelled").asLong()).isZero();

    // a period cut inside months: the children are counted by day at both ends
    JsonNode cut = http.get(march + "&from=2024-03-11&to=2024-04-02", admin).json();
    assertThat(cut.get("buckets").size()).isEqualTo(23);
    assertThat(cut.get("total").get("changes").get("deceased").asLong()).isZero();
    assertThat(cut.get("total").get("changes").get("expelled").asLong()).isEqualTo(1);
    Map<String, JsonNode> byCell = new HashMap<>();
    cut.get("children").forEach(c -> byCell.put(c.get("path").asString(), c.get("changes")));
    assertThat(byCell.get("/SX/SF/C1").get("deceased").asLong()).isZero();
    assertThat(byCell.get("/SX/SF/C1").get("removed").asLong()).isZero();
    assertThat(byCell.get("/SX/SF/C2").get("expelled").asLong()).isEqualTo(1);
    JsonNode tenth = http.get(march + "&from=2024-03-10&to=2024-03-10", admin).json();
    byCell.clear();
    tenth.get("children").forEach(c -> byCell.put(c.get("path").asString(), c.get("changes")));
    assertThat(byCell.get("/SX/SF/C1").get("deceased").asLong()).isEqualTo(1);
    assertThat(byCell.get("/SX/SF/C1").get("removed").asLong()).isEqualTo(1);
    assertThat(byCell.get("/SX/SF/C2").get("expelled").asLong()).isZero();
    // admissions count on their day too, at every ancestor
    JsonNode admissions =
        http.get(
                "/api/members/statistics/changes?under=/SX&granularity=day"
                    + "&from=2015-05-05&to=2015-05-05",
                admin)
            .json();
    assertThat(admissions.get("total").get("changes").get("admitted").asLong()).isEqualTo(4);
    assertThat(admissions.get("children").get(0).get("path").asString()).isEqualTo("/SX/SF");
    assertThat(admissions.get("children").get(0).get("changes").get("admitted").asLong())
        .isEqualTo(4);

    // an admission delivered again counts once: then a later decision of the same member (same
    // key, same partition, so read after the duplicate) shows the duplicate was seen
    ConsumerRecord<String, byte[]> admitted =
        TestTopics.read("member.events", stays).stream()
            .filter(
                r -> "vn.digicell.member.admitted.v1".equals(TestTopics.headers(r).get("ce_type")))
            .findFirst()
            .orElseThrow();
    kafka
        .send(
            new ProducerRecord<>(
                "member.events", null, admitted.key(), admitted.value(), admitted.headers()))
        .join();
    decide(stays, "remove", LocalDate.of(2024, 5, 6));
    String may =
        "/api/members/statistics/changes?under=/SX&granularity=day&from=2024-05-06&to=2024-05-06";
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        http.get(may, admin)
                            .json()
                            .get("total")
                            .get("changes")
                            .get("removed")
                            .asLong())
                    .isEqualTo(1));
    JsonNode again =
        http.get(
                "/api/members/statistics/changes?under=/SX&granularity=day"
                    + "&from=2015-05-05&to=2015-05-05",
                admin)
            .json();
    assertThat(again.get("total").get("changes").get("admitted").asLong()).isEqualTo(4);
    assertThat(
            http.get("/api/members/statistics/changes?under=/SX&from=2015-05&to=2015-05", admin)
                .json()
                .get("total")
                .get("changes")
                .get("admitted")
                .asLong())
        .isEqualTo(4);

    // the monthly report (the default) has a bucket per month
    JsonNode monthly =
        http.get("/api/members/statistics/changes?under=/SX/SF&from=2024-03&to=2024-04", admin)
            .json();
    assertThat(monthly.get("granularity").asString()).isEqualTo("month");
    assertThat(monthly.get("buckets").size()).isEqualTo(2);
    assertThat(monthly.get("buckets").get(0).get("period").asString()).isEqualTo("2024-03");
    assertThat(monthly.get("buckets").get(0).get("changes").get("removed").asLong()).isEqualTo(1);
    assertThat(monthly.get("buckets").get(1).get("changes").get("expelled").asLong()).isEqualTo(1);
  }

  @Test
  void aBadGranularityOrATooLongDayByDayPeriodIsRefused() {
    String base = "/api/members/statistics/changes?under=/ST";
    TestHttp.Response weekly = http.get(base + "&granularity=week&from=2024-01&to=2024-02", admin);
    assertThat(weekly.status()).isEqualTo(400);
    assertThat(weekly.body()).contains("granularity");
    TestHttp.Response tooLong =
        http.get(base + "&granularity=day&from=2024-01-01&to=2025-01-01", admin);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("type").asString()).endsWith("period-too-long");
    // 2024 is a leap year: its 366 days are one period
    assertThat(http.get(base + "&granularity=day&from=2024-01-01&to=2024-12-31", admin).status())
        .isEqualTo(200);
    TestHttp.Response noSuchDay =
        http.get(base + "&granularity=day&from=2023-02-29&to=2023-03-01", admin);
    assertThat(noSuchDay.status()).isEqualTo(400);
    assertThat(noSuchDay.json().get("type").asString()).endsWith("bad-period");
    TestHttp.Response reversed =
        http.get(base + "&granularity=day&from=2024-03-02&to=2024-03-01", admin);
    assertThat(reversed.json().get("type").asString()).endsWith("period-reversed");
    TestHttp.Response dayForMonth = http.get(base + "&from=2024-03-02&to=2024-03-05", admin);
    assertThat(dayForMonth.status()).isEqualTo(400);
    assertThat(dayForMonth.json().get("type").asString()).endsWith("bad-period");
    String other = TestTokens.forUser("sd").roles("committee").orgScope("/ST/SD").sign();
    assertThat(http.get(base + "&granularity=day&from=2024-03-01&to=2024-03-02", other).status())
        .isEqualTo(403);
  }

  @Test
  void anIdentityCorrectionMovesTheMemberBetweenBucketsAndALaterDecisionLeavesNoDrift()
      throws Exception {
    // a province of its own: the other tests count every member of /ST
    String sf = create("SF", "COMMUNE", create("SY", "PROVINCE", null));
    String cell = create("C8", "CELL", sf);
    String id = admit(cell, "MALE");
    String other = admit(cell, "MALE");
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(figures("/SY/SF", admin).get("byGender").path("MALE").asLong())
                    .isEqualTo(2));
    // the other completes the senior political theory course: the theory level follows
    java.net.http.HttpResponse<String> course =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:" + port + "/api/members/" + other + "/background"))
                    .header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json")
                    .PUT(
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"education\":\"12/12\",\"politicalTheoryLevel\":\"CAO_CAP\"}"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(course.statusCode()).as(course.body()).isEqualTo(201);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode f = figures("/SY/SF", admin);
              assertThat(f.get("byTheoryLevel").path("CAO_CAP").asLong()).isEqualTo(1);
              assertThat(f.get("byTheoryLevel").path("TRUNG_CAP").asLong()).isEqualTo(1);
            });
    // recorded as a man of Tày ethnicity; she is a Kinh woman (the citizen id follows the gender)
    TestHttp.Response corrected =
        http.postJson(
            "/api/members/" + id + "/corrections",
            admin,
            Map.of(
                "gender", "FEMALE",
                "citizenId", "089180%06d".formatted(serial++),
                "ethnicity", "Kinh",
                "reason", "Ghi nhầm khi lập hồ sơ",
                "decisionRef", "21-QĐ/ĐU"));
    assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode f = figures("/SY/SF", admin);
              assertThat(f.get("byGender").path("FEMALE").asLong()).isEqualTo(1);
              assertThat(f.get("byGender").path("MALE").asLong()).isEqualTo(1);
              assertThat(f.get("byEthnicity").path("Kinh").asLong()).isEqualTo(1);
              assertThat(f.get("byEthnicity").path("Tày").asLong()).isEqualTo(1);
            });
    assertThat(figures("/SY/SF", admin).get("active").asLong()).isEqualTo(2);

    // she dies: she leaves the buckets the correction put her in, nothing goes negative
    decide(id, "record-death", today);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode f = figures("/SY/SF", admin);
              assertThat(f.get("active").asLong()).isEqualTo(1);
              assertThat(f.get("byGender").path("FEMALE").asLong(0)).isZero();
              assertThat(f.get("byGender").path("MALE").asLong()).isEqualTo(1);
              assertThat(f.get("byEthnicity").path("Kinh").asLong(0)).isZero();
              assertThat(f.get("byEthnicity").path("Tày").asLong()).isEqualTo(1);
            });
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
