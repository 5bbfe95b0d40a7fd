package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
class MemberLifecycleTest {

  @LocalServerPort int port;

  TestHttp http;
  String admin;
  String cell;
  String otherCell;
  final LocalDate today = LocalDate.now();

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/AG").sign();
    String province = create(unit("AG", "PROVINCE", null));
    String commune = create(unit("VB", "COMMUNE", province));
    cell = create(unit("C01", "CELL", commune));
    otherCell = create(unit("C02", "CELL", commune));
  }

  private static Map<String, Object> unit(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    return body;
  }

  private String create(Map<String, Object> body) {
    TestHttp.Response r = http.postJson("/api/org-units", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private int serial = 100;

  /** Admits a woman born in 1990 into {@code cellId} on {@code admittedOn}. */
  private String admit(String name, LocalDate admittedOn, String cellId) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "FEMALE");
    body.put("dateOfBirth", "1990-03-03");
    body.put("citizenId", "089190" + String.format("%06d", serial++));
    body.put("orgUnitId", cellId);
    body.put("admittedOn", admittedOn.toString());
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private TestHttp.Response decide(String token, String id, String decision, LocalDate on) {
    return http.post(
        "/api/members/" + id + "/" + decision,
        token,
        "{\"effectiveOn\":\"" + on + "\",\"decisionNumber\":\"15-QĐ/ĐU\",\"reason\":\"\"}");
  }

  @Test
  void aProbationaryMemberBecomesOfficialOnlyAfterTwelveMonths() {
    String early = admit("Lê Thị Sớm", today.minusMonths(6), cell);
    TestHttp.Response tooEarly = decide(admin, early, "recognise-official", today);
    assertThat(tooEarly.status()).isEqualTo(422);
    assertThat(tooEarly.json().get("type").asString()).endsWith("/probation-not-complete");
    assertThat(http.get("/api/members/" + early, admin).json().get("status").asString())
        .isEqualTo("PROBATIONARY");

    String due = admit("Phạm Thị Đủ", today.minusMonths(13), cell);
    TestHttp.Response ok = decide(admin, due, "recognise-official", today);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("status").asString()).isEqualTo("OFFICIAL");
    assertThat(ok.json().get("officialOn").asString()).isEqualTo(today.toString());

    ConsumerRecord<String, byte[]> event = TestTopics.awaitRecords("member.events", due, 2).get(1);
    assertThat(TestTopics.headers(event))
        .containsEntry("ce_type", "vn.digicell.member.recognised-official.v1")
        .containsEntry("ce_sequence", "2");
    assertThat(EventSchemas.violations("vn.digicell.member.recognised-official.v1", event.value()))
        .isEmpty();

    JsonNode history = http.get("/api/members/" + due, admin).json().get("statusHistory");
    assertThat(history.size()).isEqualTo(2);
    assertThat(history.get(1).get("to").asString()).isEqualTo("OFFICIAL");
    assertThat(history.get(1).get("recordedBy").asString()).isEqualTo("admin");
  }

  @Test
  void theLifecycleFollowsItsRulesAndEveryChangeIsAValidEvent() {
    String id = admit("Trần Thị Vòng", today.minusYears(3), cell);
    assertThat(decide(admin, id, "exempt", today).status()).isEqualTo(422); // not official yet
    assertThat(decide(admin, id, "recognise-official", today.minusYears(2)).status())
        .isEqualTo(200);
    assertThat(decide(admin, id, "exempt", today.minusMonths(3)).status()).isEqualTo(200);
    assertThat(decide(admin, id, "return-to-activities", today.minusMonths(1)).status())
        .isEqualTo(200);
    assertThat(decide(admin, id, "remove", today).status()).isEqualTo(200);
    TestHttp.Response afterRemoval = decide(admin, id, "expel", today);
    assertThat(afterRemoval.status()).isEqualTo(422);
    assertThat(afterRemoval.json().get("type").asString()).endsWith("/status-does-not-allow");

    List<String> types = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : TestTopics.awaitRecords("member.events", id, 5)) {
      String type = TestTopics.headers(r).get("ce_type");
      types.add(type);
      assertThat(EventSchemas.violations(type, r.value())).as(type).isEmpty();
    }
    assertThat(types)
        .containsExactly(
            "vn.digicell.member.admitted.v1",
            "vn.digicell.member.recognised-official.v1",
            "vn.digicell.member.exempted-from-activities.v1",
            "vn.digicell.member.returned-to-activities.v1",
            "vn.digicell.member.removed.v1");
  }

  @Test
  void badDecisionsChangeNothing() {
    String id = admit("Võ Thị Yên", today.minusYears(2), cell);
    assertThat(decide(admin, id, "recognise-official", today.plusDays(1)).status()).isEqualTo(400);
    assertThat(decide(admin, id, "promote-to-general", today).status()).isEqualTo(404);
    assertThat(decide(admin, id, "recognise-official", today.minusYears(3)).status())
        .isEqualTo(422); // before the admission
    String secretary =
        TestTokens.forUser("sec").roles("cell-secretary").orgScope("/AG/VB/C01").sign();
    assertThat(decide(secretary, id, "recognise-official", today).status()).isEqualTo(403);
    String otherCommittee =
        TestTokens.forUser("other").roles("committee").orgScope("/AG/XX").sign();
    assertThat(decide(otherCommittee, id, "recognise-official", today).status()).isEqualTo(403);
    assertThat(http.get("/api/members/" + id, admin).json().get("status").asString())
        .isEqualTo("PROBATIONARY");
  }

  @Test
  void theDueListShowsWhoIsDueAndWhoIsOverdue() {
    String overdue = admit("Đặng Thị Quá", today.minusYears(2), otherCell);
    String dueSoon = admit("Đặng Thị Sắp", today.minusMonths(12).plusDays(10), otherCell);
    String notYet = admit("Đặng Thị Chưa", today.minusMonths(3), otherCell);
    String commune = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();

    Map<String, Boolean> listed = new HashMap<>();
    String cursor = null;
    do {
      TestHttp.Response page =
          http.get(
              "/api/members/due/official-recognition?under=/AG/VB/C02&size=1"
                  + (cursor == null ? "" : "&cursor=" + cursor),
              commune);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json()
          .get("items")
          .forEach(
              i -> listed.put(i.get("member").get("id").asString(), i.get("overdue").asBoolean()));
      cursor =
          page.json().hasNonNull("nextCursor") ? page.json().get("nextCursor").asString() : null;
    } while (cursor != null);
    assertThat(listed).containsEntry(overdue, true).containsEntry(dueSoon, false);
    assertThat(listed).doesNotContainKey(notYet);

    decide(admin, overdue, "recognise-official", today);
    TestHttp.Response after =
        http.get("/api/members/due/official-recognition?under=/AG/VB/C02", commune);
    assertThat(after.body()).doesNotContain(overdue).contains(dueSoon);
  }

  @Test
  void searchIgnoresDiacriticsFindsExactKeysAndStaysInScope() {
    String dao = admit("Nguyễn Thị Đào", today.minusYears(1), cell);
    String hoa = admit("Nguyễn Thị Hòa", today.minusYears(1), cell);
    String commune = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();

    assertThat(names(http.get("/api/members/search?q=nguyen%20thi%20dao", commune)))
        .containsExactly("Nguyễn Thị Đào");
    assertThat(names(http.get("/api/members/search?q=HOA&under=/AG/VB/C01", commune)))
        .contains("Nguyễn Thị Hòa");
    String partyNumber =
        http.get("/api/members/" + hoa, admin).json().get("partyNumber").asString();
    assertThat(names(http.get("/api/members/search?q=" + partyNumber, commune)))
        .containsExactly("Nguyễn Thị Hòa");
    String citizenId = http.get("/api/members/" + dao, admin).json().get("citizenId").asString();
    assertThat(names(http.get("/api/members/search?q=" + citizenId, commune)))
        .containsExactly("Nguyễn Thị Đào");
    assertThat(names(http.get("/api/members/search?q=dao&status=OFFICIAL", commune))).isEmpty();

    String secretary =
        TestTokens.forUser("sec").roles("cell-secretary").orgScope("/AG/VB/C02").sign();
    assertThat(http.get("/api/members/search?q=dao&under=/AG/VB", secretary).status())
        .isEqualTo(403);
    assertThat(names(http.get("/api/members/search?q=dao", secretary))).isEmpty();
  }

  @Test
  void statisticsCountASubtreeByStatusGenderAgeAndYear() {
    String commune = s("VB");
    String statsCell = create(unit("C03", "CELL", commune));
    String a = admit("Lý Thị Một", today.minusYears(3), statsCell);
    admit("Lý Thị Hai", today.minusYears(1), statsCell);
    String c = admit("Lý Thị Ba", today.minusYears(2), statsCell);
    decide(admin, a, "recognise-official", today.minusYears(2));
    decide(admin, c, "record-death", today);
    String committee = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();

    // the figures come from counters kept from the event stream: they follow within moments
    TestHttp.Response[] last = new TestHttp.Response[1];
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              last[0] = http.get("/api/members/statistics?under=/AG/VB/C03", committee);
              assertThat(last[0].status()).as(last[0].body()).isEqualTo(200);
              assertThat(last[0].json().get("total").asLong()).isEqualTo(3);
              assertThat(last[0].json().get("byStatus").path("DECEASED").asLong()).isEqualTo(1);
              assertThat(last[0].json().get("byStatus").path("OFFICIAL").asLong()).isEqualTo(1);
            });
    JsonNode f = last[0].json();
    assertThat(f.get("total").asLong()).isEqualTo(3);
    assertThat(f.get("active").asLong()).isEqualTo(2);
    assertThat(f.get("byStatus").get("OFFICIAL").asLong()).isEqualTo(1);
    assertThat(f.get("byStatus").get("PROBATIONARY").asLong()).isEqualTo(1);
    assertThat(f.get("byStatus").get("DECEASED").asLong()).isEqualTo(1);
    assertThat(f.get("byGender").get("FEMALE").asLong()).isEqualTo(2);
    int age = today.getYear() - 1990;
    String band = age <= 40 ? "31-40" : "41-50";
    assertThat(f.get("byAgeBand").get(band).asLong()).isEqualTo(2);
    assertThat(
            f.get("byYearAdmitted").get(Integer.toString(today.minusYears(3).getYear())).asLong())
        .isEqualTo(1);

    String outsider = TestTokens.forUser("x").roles("committee").orgScope("/AG/XX").sign();
    assertThat(http.get("/api/members/statistics?under=/AG/VB/C03", outsider).status())
        .isEqualTo(403);
    assertThat(http.get("/api/members/statistics?under=AG", committee).status()).isEqualTo(400);
  }

  private TestHttp.Response history(String token, String id, String json) {
    return http.post("/api/members/" + id + "/history", token, json);
  }

  @Test
  void historyEntriesAreCheckedAppendOnlyAndCorrectedBySuperseding() {
    String id = admit("Hồ Thị Sử", today.minusYears(4), cell);
    String secretary =
        TestTokens.forUser("sec").roles("cell-secretary").orgScope("/AG/VB/C01").sign();
    TestHttp.Response work =
        history(
            secretary,
            id,
            """
            {"kind":"WORK","from":"2015-06-01","title":"Giáo viên","organisation":"Trường THCS Vĩnh Bình"}""");
    assertThat(work.status()).as(work.body()).isEqualTo(201);
    assertThat(
            history(
                    secretary,
                    id,
                    """
                    {"kind":"DISCIPLINE","from":"2024-01-10","classification":"REPRIMAND","decisionNumber":"3-QĐ/ĐU"}""")
                .status())
        .isEqualTo(403);
    assertThat(
            history(
                    admin,
                    id,
                    "{\"kind\":\"DISCIPLINE\",\"from\":\"2024-01-10\",\"classification\":\"REPRIMAND\"}")
                .json()
                .get("type")
                .asString())
        .endsWith("/decision-number-required");
    assertThat(
            history(
                    admin,
                    id,
                    "{\"kind\":\"EVALUATION\",\"year\":2025,\"classification\":\"SUPERB\"}")
                .status())
        .isEqualTo(422);

    TestHttp.Response good =
        history(
            secretary, id, "{\"kind\":\"EVALUATION\",\"year\":2025,\"classification\":\"GOOD\"}");
    assertThat(good.status()).isEqualTo(201);
    assertThat(
            history(
                    secretary,
                    id,
                    "{\"kind\":\"EVALUATION\",\"year\":2025,\"classification\":\"EXCELLENT\"}")
                .status())
        .isEqualTo(409);
    String goodId = good.json().get("entryId").asString();
    TestHttp.Response correction =
        history(
            secretary,
            id,
            "{\"kind\":\"EVALUATION\",\"year\":2025,\"classification\":\"EXCELLENT\",\"supersedes\":\""
                + goodId
                + "\"}");
    assertThat(correction.status()).isEqualTo(201);

    JsonNode record = http.get("/api/members/" + id, admin).json().get("history");
    assertThat(record.size()).isEqualTo(3);
    assertThat(record.get(1).get("superseded").asBoolean()).isTrue();
    assertThat(record.get(2).get("superseded").asBoolean()).isFalse();
    assertThat(record.get(2).get("recordedBy").asString()).isEqualTo("sec");

    for (ConsumerRecord<String, byte[]> r : TestTopics.awaitRecords("member.events", id, 4)) {
      String type = TestTopics.headers(r).get("ce_type");
      assertThat(EventSchemas.violations(type, r.value())).as(type).isEmpty();
    }
  }

  @Test
  void partyBadgesFallDueAtMilestonesUntilAwarded() {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", "Dương Văn Lão");
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1950-02-02");
    body.put("citizenId", "089050001777");
    body.put("orgUnitId", cell);
    body.put("admittedOn", today.minusYears(30).plusDays(20).toString());
    TestHttp.Response admitted = http.postJson("/api/members", admin, body);
    assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    String id = admitted.json().get("id").asString();
    String commune = TestTokens.forUser("commune").roles("committee").orgScope("/AG/VB").sign();

    TestHttp.Response due = http.get("/api/members/due/party-badges?under=/AG/VB/C01", commune);
    assertThat(due.status()).as(due.body()).isEqualTo(200);
    assertThat(due.body()).contains(id).contains("BADGE_30");
    assertThat(
            http.get("/api/members/due/party-badges?under=/AG/VB/C01&withinDays=5", commune).body())
        .doesNotContain(id);

    TestHttp.Response award =
        history(
            admin,
            id,
            "{\"kind\":\"REWARD\",\"from\":\""
                + today
                + "\",\"title\":\"Huy hiệu 30 năm tuổi Đảng\",\"classification\":\"BADGE_30\",\"decisionNumber\":\"88-QĐ/TU\"}");
    assertThat(award.status()).as(award.body()).isEqualTo(201);
    assertThat(http.get("/api/members/due/party-badges?under=/AG/VB/C01", commune).body())
        .doesNotContain(id);
  }

  @Test
  void unitsAreRenamedWithHistoryAndDissolvedOnlyWhenEmpty() {
    String commune = s("VB");
    String emptyCell = create(unit("C09", "CELL", commune));
    String busyCell = create(unit("C08", "CELL", commune));
    String member = admit("Tô Thị Ở", today.minusYears(2), busyCell);

    TestHttp.Response renamed =
        http.post(
            "/api/org-units/" + emptyCell + "/rename",
            admin,
            "{\"name\":\"Chi bộ ấp Mới\",\"effectiveOn\":\""
                + today
                + "\",\"decisionNumber\":\"7-QĐ/ĐU\"}");
    assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    JsonNode now = http.get("/api/org-units/" + emptyCell, admin).json();
    assertThat(now.get("unit").get("name").asString()).isEqualTo("Chi bộ ấp Mới");
    assertThat(now.get("changes").size()).isEqualTo(2);
    // the old name stays in the unit's history; the state as of today is the new name
    assertThat(now.get("changes").get(0).get("name").asString()).isEqualTo("Đơn vị C09");
    JsonNode asOfToday = http.get("/api/org-units/" + emptyCell + "?asOf=" + today, admin).json();
    assertThat(asOfToday.get("asOfState").get("name").asString()).isEqualTo("Chi bộ ấp Mới");
    assertThat(
            http.get("/api/org-units/" + emptyCell + "?asOf=" + today.minusYears(5), admin)
                .status())
        .isEqualTo(404);

    TestHttp.Response busy =
        http.post(
            "/api/org-units/" + busyCell + "/dissolve",
            admin,
            "{\"effectiveOn\":\"" + today + "\"}");
    assertThat(busy.status()).isEqualTo(422);
    assertThat(busy.json().get("type").asString()).endsWith("/org-unit-not-empty");

    decide(admin, member, "record-death", today);
    assertThat(
            http.post(
                    "/api/org-units/" + busyCell + "/dissolve",
                    admin,
                    "{\"effectiveOn\":\"" + today + "\"}")
                .status())
        .isEqualTo(200);
    assertThat(
            http.get("/api/org-units/" + busyCell, admin)
                .json()
                .get("unit")
                .get("status")
                .asString())
        .isEqualTo("DISSOLVED");
    assertThat(
            http.post(
                    "/api/org-units/" + busyCell + "/rename",
                    admin,
                    "{\"name\":\"X\",\"effectiveOn\":\"" + today + "\"}")
                .status())
        .isEqualTo(422);
    String secretary =
        TestTokens.forUser("sec").roles("cell-secretary").orgScope("/AG/VB/C09").sign();
    assertThat(
            http.post(
                    "/api/org-units/" + emptyCell + "/rename",
                    secretary,
                    "{\"name\":\"Y\",\"effectiveOn\":\"" + today + "\"}")
                .status())
        .isEqualTo(403);

    for (ConsumerRecord<String, byte[]> r :
        TestTopics.awaitRecords("orgunit.events", busyCell, 2)) {
      String type = TestTopics.headers(r).get("ce_type");
      assertThat(EventSchemas.violations(type, r.value())).as(type).isEmpty();
    }
    assertThat(TestTopics.headers(TestTopics.awaitRecords("orgunit.events", emptyCell, 2).get(1)))
        .containsEntry("ce_type", "vn.digicell.orgunit.renamed.v1");
  }

  /** The id of an org unit found by code among the admin's units. */
  private String s(String code) {
    for (JsonNode unit : http.get("/api/org-units?size=200", admin).json().get("items")) {
      if (unit.get("code").asString().equals(code)) {
        return unit.get("id").asString();
      }
    }
    throw new AssertionError("no unit " + code);
  }

  private static List<String> names(TestHttp.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    r.json().get("items").forEach(i -> names.add(i.get("fullName").asString()));
    return names;
  }
}
