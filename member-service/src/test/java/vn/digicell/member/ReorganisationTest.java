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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;
import vn.digicell.platform.test.TestTopics;

/** Moving, merging and splitting units: paths, members, events, scope and refusals. */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReorganisationTest {

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  TestHttp http;
  String admin;
  String province;
  final String today = LocalDate.now().toString();
  int serial = 700;

  @BeforeAll
  void tree() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin").orgScope("/RG").sign();
    province = create("RG", "PROVINCE", null);
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

  private String admit(String name, String cell) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1980-05-05");
    body.put("citizenId", "089080" + String.format("%06d", serial++));
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2015-05-05");
    TestHttp.Response r = http.postJson("/api/members", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private JsonNode unit(String id) {
    return http.get("/api/org-units/" + id, admin).json().get("unit");
  }

  private String pathOf(String memberId) {
    return http.get("/api/members/" + memberId, admin).json().get("orgPath").asString();
  }

  private static String committee(String path) {
    return TestTokens.forUser("committee" + path.hashCode())
        .roles("committee")
        .orgScope(path)
        .sign();
  }

  private static JsonNode payload(ConsumerRecord<String, byte[]> r) {
    return JsonMapper.shared().readTree(r.value());
  }

  /** The records of a type for a key, each checked against its schema. */
  private static List<JsonNode> events(String topic, String key, String type, int atLeast) {
    List<JsonNode> found = new ArrayList<>();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () -> {
              found.clear();
              for (ConsumerRecord<String, byte[]> r : TestTopics.read(topic, key)) {
                if (type.equals(TestTopics.headers(r).get("ce_type"))) {
                  assertThat(EventSchemas.violations(type, r.value())).as(type).isEmpty();
                  found.add(payload(r));
                }
              }
              return found.size() >= atLeast;
            });
    return found;
  }

  @Test
  void movingACellRewritesItsPathAndItsMembersPathsWithAnEventEach() {
    String a = create("MA", "COMMUNE", province);
    String b = create("MB", "COMMUNE", province);
    String cell = create("C01", "CELL", a);
    String m1 = admit("Trịnh Văn Một", cell);
    String m2 = admit("Trịnh Văn Hai", cell);

    // a committee of only one side may not move it
    String body =
        "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\",\"decisionNumber\":\"01-QĐ/TU\"}"
            .formatted(b, today);
    assertThat(http.post("/api/org-units/" + cell + "/move", committee("/RG/MA"), body).status())
        .isEqualTo(403);
    assertThat(pathOf(m1)).isEqualTo("/RG/MA/C01");

    TestHttp.Response moved = http.post("/api/org-units/" + cell + "/move", admin, body);
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(moved.json().get("path").asString()).isEqualTo("/RG/MB/C01");
    assertThat(moved.json().get("parentId").asString()).isEqualTo(b);
    assertThat(pathOf(m1)).isEqualTo("/RG/MB/C01");
    assertThat(pathOf(m2)).isEqualTo("/RG/MB/C01");

    JsonNode event = events("orgunit.events", cell, "vn.digicell.orgunit.moved.v1", 1).get(0);
    assertThat(event.get("oldPath").asString()).isEqualTo("/RG/MA/C01");
    assertThat(event.get("newPath").asString()).isEqualTo("/RG/MB/C01");
    assertThat(event.get("newParentId").asString()).isEqualTo(b);
    for (String m : List.of(m1, m2)) {
      JsonNode r = events("member.events", m, "vn.digicell.member.reassigned.v1", 1).get(0);
      assertThat(r.get("reason").asString()).isEqualTo("MOVE");
      assertThat(r.get("fromOrgUnitId").asString()).isEqualTo(cell);
      assertThat(r.get("toOrgUnitId").asString()).isEqualTo(cell);
      assertThat(r.get("fromOrgPath").asString()).isEqualTo("/RG/MA/C01");
      assertThat(r.get("toOrgPath").asString()).isEqualTo("/RG/MB/C01");
    }
    // the event is the member's next in sequence, so consumers' exactly-once applies it
    List<ConsumerRecord<String, byte[]>> stream = TestTopics.awaitRecords("member.events", m1, 2);
    assertThat(TestTopics.headers(stream.get(1))).containsEntry("ce_sequence", "2");

    // the member's own history notes the reorganisation
    JsonNode history = http.get("/api/members/" + m1, admin).json().get("statusHistory");
    assertThat(history.get(history.size() - 1).get("reason").asString())
        .contains("MOVE")
        .contains("/RG/MA/C01");

    // the tree as of yesterday still shows the old place
    assertThat( // created today: did not exist yesterday
            http.get("/api/org-units/" + cell + "?asOf=" + LocalDate.now().minusDays(1), admin)
                .status())
        .isEqualTo(404);
    JsonNode asOfToday = http.get("/api/org-units/" + cell + "?asOf=" + today, admin).json();
    assertThat(asOfToday.get("asOfState").get("path").asString()).isEqualTo("/RG/MB/C01");
  }

  @Test
  void movingACommuneRewritesItsWholeSubtree() {
    String parent = create("MC", "COMMUNE", province);
    String grassroots = create("GR", "GRASSROOTS_COMMITTEE", parent);
    String cell = create("C05", "CELL", grassroots);
    String member = admit("Lò Văn Sâu", cell);
    String other = create("MD", "COMMUNE", province);

    TestHttp.Response moved =
        http.post(
            "/api/org-units/" + grassroots + "/move",
            admin,
            "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(other, today));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(unit(cell).get("path").asString()).isEqualTo("/RG/MD/GR/C05");
    assertThat(unit(cell).get("parentId").asString()).isEqualTo(grassroots);
    assertThat(pathOf(member)).isEqualTo("/RG/MD/GR/C05");
    // the cell's history records the path change, so the as-of read of before is right
    JsonNode changes = http.get("/api/org-units/" + cell, admin).json().get("changes");
    assertThat(changes.get(changes.size() - 1).get("previousPath").asString())
        .isEqualTo("/RG/MC/GR/C05");
    JsonNode r = events("member.events", member, "vn.digicell.member.reassigned.v1", 1).get(0);
    assertThat(r.get("toOrgPath").asString()).isEqualTo("/RG/MD/GR/C05");
    // nothing is left at the old prefix
    assertThat(mongo.count(Query.query(Criteria.where("orgPath").regex("^/RG/MC/")), "members"))
        .isZero();
  }

  @Test
  void badMovesAreRefusedAndChangeNothing() {
    String commune = create("ME", "COMMUNE", province);
    String cell = create("C07", "CELL", commune);
    String sub = create("GS", "GRASSROOTS_COMMITTEE", commune);
    String other = create("MF", "COMMUNE", province);
    create("C07", "CELL", other); // the code is taken there
    String member = admit("Mạc Văn Yên", cell);
    // a cell cannot stand under a province; a commune not under its own subtree
    assertThat(move(cell, province).status()).isEqualTo(422);
    assertThat(move(commune, sub).status()).isEqualTo(422);
    // a path already taken is a conflict
    TestHttp.Response taken = move(cell, other);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("type").asString()).endsWith("org-unit-exists");
    // validation
    assertThat(
            http.post(
                    "/api/org-units/" + cell + "/move",
                    admin,
                    "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\"}"
                        .formatted(other, LocalDate.now().plusDays(3)))
                .status())
        .isEqualTo(400);
    assertThat(move(cell, "no-such-unit").status()).isEqualTo(404);
    assertThat(unit(cell).get("path").asString()).isEqualTo("/RG/ME/C07");
    assertThat(pathOf(member)).isEqualTo("/RG/ME/C07");
    assertThat(mongo.count(new Query(), "reorganisations"))
        .isEqualTo(mongo.count(Query.query(Criteria.where("state").is("DONE")), "reorganisations"));
  }

  private TestHttp.Response move(String unit, String parent) {
    return http.post(
        "/api/org-units/" + unit + "/move",
        admin,
        "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(parent, today));
  }

  @Test
  void mergingCommunesMovesEveryMemberAndChildUnitToTheSurvivor() {
    String absorbed = create("NA", "COMMUNE", province);
    String survivor = create("NB", "COMMUNE", province);
    String cellOfAbsorbed = create("C11", "CELL", absorbed);
    String m1 = admit("Hà Văn Nhập", cellOfAbsorbed);

    // a commune committee of one of them cannot merge (scope covers only its own)
    String body =
        "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\",\"decisionNumber\":\"1656/NQ-UBTVQH15\"}"
            .formatted(survivor, today);
    assertThat(
            http.post("/api/org-units/" + absorbed + "/merge", committee("/RG/NA"), body).status())
        .isEqualTo(403);

    TestHttp.Response merged = http.post("/api/org-units/" + absorbed + "/merge", admin, body);
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    assertThat(merged.json().get("status").asString()).isEqualTo("MERGED");
    assertThat(merged.json().get("path").asString()).isEqualTo("/RG/NA"); // kept, for history
    assertThat(unit(cellOfAbsorbed).get("path").asString()).isEqualTo("/RG/NB/C11");
    assertThat(pathOf(m1)).isEqualTo("/RG/NB/C11");

    JsonNode event = events("orgunit.events", absorbed, "vn.digicell.orgunit.merged.v1", 1).get(0);
    assertThat(event.get("survivorId").asString()).isEqualTo(survivor);
    assertThat(event.get("survivorPath").asString()).isEqualTo("/RG/NB");
    JsonNode childMoved =
        events("orgunit.events", cellOfAbsorbed, "vn.digicell.orgunit.moved.v1", 1).get(0);
    assertThat(childMoved.get("reason").asString()).isEqualTo("MERGE");
    JsonNode reassigned = events("member.events", m1, "vn.digicell.member.reassigned.v1", 1).get(0);
    assertThat(reassigned.get("reason").asString()).isEqualTo("MERGE");
    assertThat(reassigned.get("toOrgPath").asString()).isEqualTo("/RG/NB/C11");

    // the merged unit accepts nothing more
    assertThat(
            http.post(
                    "/api/org-units/" + absorbed + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, today))
                .status())
        .isEqualTo(422);
    JsonNode asOf = http.get("/api/org-units/" + absorbed + "?asOf=" + today, admin).json();
    assertThat(asOf.get("asOfState").get("status").asString()).isEqualTo("MERGED");
  }

  @Test
  void mergingCellsMovesEveryActiveMemberInBatchesWithAnEventEach() {
    String commune = create("NC", "COMMUNE", province);
    String absorbed = create("C21", "CELL", commune);
    String survivor = create("C22", "CELL", commune);
    String stays = admit("Vũ Văn Còn", survivor);
    List<String> moving = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      moving.add(admit("Vũ Văn Chuyển " + i, absorbed));
    }
    // a member who left stays on the merged cell's record
    String left = admit("Vũ Văn Đi", absorbed);
    assertThat(
            http.post(
                    "/api/members/" + left + "/remove",
                    admin,
                    "{\"effectiveOn\":\"" + today + "\",\"reason\":\"chuyển sinh hoạt\"}")
                .status())
        .isEqualTo(200);
    // a cell cannot be merged into a commune
    assertThat(
            http.post(
                    "/api/org-units/" + absorbed + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(commune, today))
                .status())
        .isEqualTo(422);
    // the commune's committee covers both cells' parent
    TestHttp.Response merged =
        http.post(
            "/api/org-units/" + absorbed + "/merge",
            committee("/RG/NC"),
            "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, today));
    assertThat(merged.status()).as(merged.body()).isEqualTo(200);
    for (String m : moving) {
      assertThat(pathOf(m)).isEqualTo("/RG/NC/C22");
      JsonNode r = events("member.events", m, "vn.digicell.member.reassigned.v1", 1).get(0);
      assertThat(r.get("fromOrgUnitId").asString()).isEqualTo(absorbed);
      assertThat(r.get("toOrgUnitId").asString()).isEqualTo(survivor);
    }
    assertThat(pathOf(stays)).isEqualTo("/RG/NC/C22");
    assertThat(pathOf(left)).isEqualTo("/RG/NC/C21");
    JsonNode event = events("orgunit.events", absorbed, "vn.digicell.orgunit.merged.v1", 1).get(0);
    assertThat(event.get("membersMoved").asLong()).isEqualTo(12);
    // the roster of the survivor now has all of them
    JsonNode roster =
        http.get("/api/members?orgUnit=" + survivor + "&size=200", admin).json().get("items");
    assertThat(roster.size()).isEqualTo(13);
    // the outbox of every moved member was emptied once the broker had the events
    assertThat(
            mongo.count(
                Query.query(Criteria.where("orgUnitId").is(survivor).and("outbox.0").exists(true)),
                "members"))
        .isZero();
  }

  @Test
  void aMergeInterruptedMidwayCompletesWhenSentAgain() {
    String commune = create("ND", "COMMUNE", province);
    String absorbed = create("C31", "CELL", commune);
    String survivor = create("C32", "CELL", commune);
    String first = admit("Đỗ Văn Trước", absorbed);
    String second = admit("Đỗ Văn Sau", absorbed);
    // a crash after the plan was written and one member moved, before the rest; its replica last
    // renewed the lease three minutes ago (the lease is two)
    java.util.Date crashed = java.util.Date.from(java.time.Instant.now().minusSeconds(180));
    mongo.insert(
        new org.bson.Document("_id", "crashed-plan")
            .append("kind", "MERGE")
            .append("unitId", absorbed)
            .append("targetId", survivor)
            .append("parts", List.of())
            .append("effectiveOn", java.util.Date.from(java.time.Instant.now()))
            .append("requestedBy", "admin")
            .append("state", "RUNNING")
            .append("startedAt", crashed)
            .append("heartbeatAt", crashed),
        "reorganisations");
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(first)),
        new org.springframework.data.mongodb.core.query.Update()
            .set("orgUnitId", survivor)
            .set("orgPath", "/RG/ND/C32"),
        "members");
    // another reorganisation of the unit is refused while it is unfinished
    assertThat(
            http.post(
                    "/api/org-units/" + absorbed + "/move",
                    admin,
                    "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(province, today))
                .status())
        .isEqualTo(409);
    TestHttp.Response retried =
        http.post(
            "/api/org-units/" + absorbed + "/merge",
            admin,
            "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, today));
    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().get("status").asString()).isEqualTo("MERGED");
    assertThat(pathOf(second)).isEqualTo("/RG/ND/C32");
    assertThat(events("member.events", second, "vn.digicell.member.reassigned.v1", 1)).hasSize(1);
    assertThat(
            mongo
                .findById("crashed-plan", org.bson.Document.class, "reorganisations")
                .getString("state"))
        .isEqualTo("DONE");
  }

  @Test
  void attachmentsAndOpenTransfersToAMergedCellFollowItToTheSurvivor() {
    String commune = create("NE", "COMMUNE", province);
    String absorbed = create("C61", "CELL", commune);
    String survivor = create("C62", "CELL", commune);
    String home = create("C63", "CELL", commune);
    String visitor = admit("Bế Văn Khách", home);
    String mover = admit("Bế Văn Chuyển", home);
    String attachment =
        http.post(
                "/api/transfers",
                admin,
                "{\"memberId\":\"%s\",\"kind\":\"TEMPORARY\",\"toOrgUnitId\":\"%s\",\"temporaryUntil\":\"%s\"}"
                    .formatted(visitor, absorbed, LocalDate.now().plusMonths(2)))
            .json()
            .get("id")
            .asString();
    http.post("/api/transfers/" + attachment + "/approve", admin, "{\"letterNumber\":\"7\"}");
    http.post("/api/transfers/" + attachment + "/receive", admin, "");
    assertThat(http.post("/api/transfers/" + attachment + "/complete", admin, "").status())
        .isEqualTo(200);
    String transfer =
        http.post(
                "/api/transfers",
                admin,
                "{\"memberId\":\"%s\",\"kind\":\"OFFICIAL\",\"toOrgUnitId\":\"%s\"}"
                    .formatted(mover, absorbed))
            .json()
            .get("id")
            .asString();

    assertThat(
            http.post(
                    "/api/org-units/" + absorbed + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, today))
                .status())
        .isEqualTo(200);

    org.bson.Document attached =
        mongo
            .findById(visitor, org.bson.Document.class, "members")
            .get("attachedTo", org.bson.Document.class);
    assertThat(attached.getString("orgUnitId")).isEqualTo(survivor);
    assertThat(attached.getString("orgPath")).isEqualTo("/RG/NE/C62");
    assertThat(http.get("/api/transfers/" + transfer, admin).json().get("toPath").asString())
        .isEqualTo("/RG/NE/C62");
    http.post("/api/transfers/" + transfer + "/approve", admin, "{\"letterNumber\":\"8\"}");
    http.post("/api/transfers/" + transfer + "/receive", admin, "");
    assertThat(http.post("/api/transfers/" + transfer + "/complete", admin, "").status())
        .isEqualTo(200);
    assertThat(pathOf(mover)).isEqualTo("/RG/NE/C62");
  }

  /** Makes a unit look as if it had been created on {@code on} (units older than this test). */
  private void createdOn(String unitId, LocalDate on) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(unitId)),
        new org.springframework.data.mongodb.core.query.Update()
            .set(
                "changes.0.effectiveOn",
                java.util.Date.from(on.atStartOfDay(java.time.ZoneOffset.UTC).toInstant())),
        "org_units");
  }

  @Test
  void theTreeAsOfAPastDateShowsUnitsWhereTheyStoodThen() {
    String before = "2025-06-30";
    LocalDate reform = LocalDate.of(2025, 7, 1);
    String oldCommune = create("TA", "COMMUNE", province);
    String newCommune = create("TB", "COMMUNE", province);
    String moving = create("C51", "CELL", oldCommune);
    String absorbed = create("C52", "CELL", oldCommune);
    String survivor = create("C53", "CELL", newCommune);
    for (String u : List.of(oldCommune, newCommune, moving, absorbed, survivor)) {
      createdOn(u, LocalDate.of(2020, 1, 1));
    }
    assertThat(
            http.post(
                    "/api/org-units/" + moving + "/move",
                    admin,
                    "{\"newParentId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(newCommune, reform))
                .status())
        .isEqualTo(200);
    assertThat(
            http.post(
                    "/api/org-units/" + absorbed + "/merge",
                    admin,
                    "{\"survivorId\":\"%s\",\"effectiveOn\":\"%s\"}".formatted(survivor, reform))
                .status())
        .isEqualTo(200);

    JsonNode then = http.get("/api/org-units/" + moving + "?asOf=" + before, admin).json();
    assertThat(then.get("asOfState").get("path").asString()).isEqualTo("/RG/TA/C51");
    assertThat(then.get("asOfState").get("parentId").asString()).isEqualTo(oldCommune);
    JsonNode merged = http.get("/api/org-units/" + absorbed + "?asOf=" + before, admin).json();
    assertThat(merged.get("asOfState").get("status").asString()).isEqualTo("ACTIVE");

    // the tree of the old commune, as it was and as it is
    JsonNode oldTree =
        http.get("/api/org-units?under=/RG/TA&asOf=" + before, admin).json().get("items");
    List<String> oldPaths = new ArrayList<>();
    oldTree.forEach(u -> oldPaths.add(u.get("state").get("path").asString()));
    assertThat(oldPaths).containsExactly("/RG/TA", "/RG/TA/C51", "/RG/TA/C52");
    JsonNode nowTree =
        http.get("/api/org-units?under=/RG/TB&asOf=" + today, admin).json().get("items");
    List<String> nowPaths = new ArrayList<>();
    nowTree.forEach(
        u ->
            nowPaths.add(
                u.get("state").get("path").asString()
                    + ":"
                    + u.get("state").get("status").asString()));
    assertThat(nowPaths).containsExactly("/RG/TB:ACTIVE", "/RG/TB/C51:ACTIVE", "/RG/TB/C53:ACTIVE");
    JsonNode oldToday =
        http.get("/api/org-units?under=/RG/TA&asOf=" + today, admin).json().get("items");
    List<String> oldNow = new ArrayList<>();
    oldToday.forEach(
        u ->
            oldNow.add(
                u.get("state").get("path").asString()
                    + ":"
                    + u.get("state").get("status").asString()));
    assertThat(oldNow).containsExactly("/RG/TA:ACTIVE", "/RG/TA/C52:MERGED");
    // scope applies to the past too
    assertThat(http.get("/api/org-units?under=/RG/TA&asOf=" + before, committee("/RG/TB")).status())
        .isEqualTo(403);
  }

  @Test
  void splittingACellAssignsEveryMemberExactlyOnce() {
    String commune = create("SP", "COMMUNE", province);
    String source = create("C41", "CELL", commune);
    String x = admit("Phan Văn Xuân", source);
    String y = admit("Phan Văn Yên", source);
    String z = admit("Phan Văn Zũng", source);

    // one member unassigned: 422, nothing created
    TestHttp.Response incomplete = split(source, List.of(x), List.of(y), committee("/RG/SP"));
    assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(422);
    assertThat(incomplete.json().get("type").asString()).endsWith("split-assignment-incomplete");
    // one assigned twice: 422
    assertThat(split(source, List.of(x, y, z), List.of(z), admin).status()).isEqualTo(422);
    // a stranger: 422
    assertThat(split(source, List.of(x, y), List.of(z, "not-a-member"), admin).status())
        .isEqualTo(422);
    assertThat(http.get("/api/org-units?under=/RG/SP", admin).body()).doesNotContain("C41A");
    // a secretary of the cell cannot split it
    String secretary =
        TestTokens.forUser("sec41").roles("cell-secretary").orgScope("/RG/SP/C41").sign();
    assertThat(split(source, List.of(x, y), List.of(z), secretary).status()).isEqualTo(403);

    TestHttp.Response done = split(source, List.of(x, y), List.of(z), committee("/RG/SP"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("status").asString()).isEqualTo("SPLIT");
    assertThat(pathOf(x)).isEqualTo("/RG/SP/C41A");
    assertThat(pathOf(y)).isEqualTo("/RG/SP/C41A");
    assertThat(pathOf(z)).isEqualTo("/RG/SP/C41B");
    JsonNode event = events("orgunit.events", source, "vn.digicell.orgunit.split.v1", 1).get(0);
    assertThat(event.get("parts")).hasSize(2);
    String partA = event.get("parts").get(0).get("orgUnitId").asString();
    assertThat(event.get("parts").get(0).get("path").asString()).isEqualTo("/RG/SP/C41A");
    assertThat(events("orgunit.events", partA, "vn.digicell.orgunit.created.v1", 1)).hasSize(1);
    JsonNode r = events("member.events", z, "vn.digicell.member.reassigned.v1", 1).get(0);
    assertThat(r.get("reason").asString()).isEqualTo("SPLIT");
    assertThat(r.get("toOrgPath").asString()).isEqualTo("/RG/SP/C41B");
  }

  @Test
  void splittingAProvinceMakesNewProvincesAndTakesItsCommunesAndMembersAlong() {
    String national = TestTokens.forUser("tw").roles("org-admin").orgScope("/").sign();
    String pv = createWith(national, "PV", "PROVINCE", null);
    String xa = createWith(national, "XA", "COMMUNE", pv);
    String xb = createWith(national, "XB", "COMMUNE", pv);
    String cellA = createWith(national, "C1", "CELL", xa);
    String cellB = createWith(national, "C1", "CELL", xb);
    String a = admitWith(national, "Lò Văn Tách", cellA);
    String b = admitWith(national, "Lò Thị Tách", cellB);

    // the province's own admin cannot create provinces beside it
    String provincial =
        TestTokens.forUser("pv").roles("org-admin", "committee").orgScope("/PV").sign();
    assertThat(splitProvince(pv, "PVA", List.of(xa), "PVB", List.of(xb), provincial).status())
        .isEqualTo(403);
    // every commune goes to exactly one part; a part's code must be free among provinces
    TestHttp.Response incomplete =
        splitProvince(pv, "PVA", List.of(xa), "PVB", List.of(), national);
    assertThat(incomplete.status()).as(incomplete.body()).isEqualTo(422);
    assertThat(incomplete.json().get("type").asString()).endsWith("split-assignment-incomplete");
    TestHttp.Response taken = splitProvince(pv, "PVA", List.of(xa), "RG", List.of(xb), national);
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("type").asString()).endsWith("org-unit-exists");
    assertThat(http.get("/api/org-units?under=/PVA", national).status()).isEqualTo(200);
    assertThat(http.get("/api/org-units?under=/PVA", national).json().get("items")).isEmpty();

    TestHttp.Response done = splitProvince(pv, "PVA", List.of(xa), "PVB", List.of(xb), national);
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().get("status").asString()).isEqualTo("SPLIT");
    JsonNode event = events("orgunit.events", pv, "vn.digicell.orgunit.split.v1", 1).get(0);
    assertThat(event.get("parts")).hasSize(2);
    String partA = event.get("parts").get(0).get("orgUnitId").asString();
    assertThat(event.get("parts").get(0).get("path").asString()).isEqualTo("/PVA");
    JsonNode newProvince = http.get("/api/org-units/" + partA, national).json().get("unit");
    assertThat(newProvince.get("kind").asString()).isEqualTo("PROVINCE");
    assertThat(newProvince.get("path").asString()).isEqualTo("/PVA");
    assertThat(newProvince.hasNonNull("parentId")).isFalse();
    JsonNode created = events("orgunit.events", partA, "vn.digicell.orgunit.created.v1", 1).get(0);
    assertThat(created.hasNonNull("parentId")).isFalse();
    assertThat(
            http.get("/api/org-units/" + cellA, national).json().get("unit").get("path").asString())
        .isEqualTo("/PVA/XA/C1");
    assertThat(http.get("/api/members/" + a, national).json().get("orgPath").asString())
        .isEqualTo("/PVA/XA/C1");
    assertThat(http.get("/api/members/" + b, national).json().get("orgPath").asString())
        .isEqualTo("/PVB/XB/C1");
    JsonNode moved = events("member.events", b, "vn.digicell.member.reassigned.v1", 1).get(0);
    assertThat(moved.get("reason").asString()).isEqualTo("SPLIT");
    assertThat(moved.get("toOrgPath").asString()).isEqualTo("/PVB/XB/C1");
    JsonNode communeMoved = events("orgunit.events", xa, "vn.digicell.orgunit.moved.v1", 1).get(0);
    assertThat(communeMoved.get("newPath").asString()).isEqualTo("/PVA/XA");
    // the new province's own admin now acts for it
    String pva = TestTokens.forUser("pva").roles("org-admin").orgScope("/PVA").sign();
    assertThat(http.get("/api/members/" + a, pva).status()).isEqualTo(200);
    assertThat(http.get("/api/members/" + b, pva).status()).isEqualTo(403);
  }

  private TestHttp.Response splitProvince(
      String province,
      String firstCode,
      List<String> firstUnits,
      String secondCode,
      List<String> secondUnits,
      String token) {
    Map<String, Object> body = new HashMap<>();
    body.put("effectiveOn", today);
    body.put("decisionNumber", "15/2003/QH11");
    body.put(
        "parts",
        List.of(
            Map.of("code", firstCode, "name", "Tỉnh " + firstCode, "childUnitIds", firstUnits),
            Map.of("code", secondCode, "name", "Tỉnh " + secondCode, "childUnitIds", secondUnits)));
    return http.postJson("/api/org-units/" + province + "/split", token, body);
  }

  private String createWith(String token, String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response r = http.postJson("/api/org-units", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private String admitWith(String token, String name, String cell) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1980-05-05");
    body.put("citizenId", "089080" + String.format("%06d", serial++));
    body.put("orgUnitId", cell);
    body.put("admittedOn", "2015-05-05");
    TestHttp.Response r = http.postJson("/api/members", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }

  private TestHttp.Response split(
      String source, List<String> first, List<String> second, String token) {
    Map<String, Object> body = new HashMap<>();
    body.put("effectiveOn", today);
    body.put("decisionNumber", "05-QĐ/ĐU");
    body.put(
        "parts",
        List.of(
            Map.of("code", "C41A", "name", "Chi bộ 41A", "memberIds", first),
            Map.of("code", "C41B", "name", "Chi bộ 41B", "memberIds", second)));
    return http.postJson("/api/org-units/" + source + "/split", token, body);
  }
}
