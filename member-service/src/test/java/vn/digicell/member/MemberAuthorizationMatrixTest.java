package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.ATTACHED;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.FOREIGN;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.NONE;
import static vn.digicell.platform.test.AuthorizationMatrix.Where.OWN;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.digicell.member.member.Member;
import vn.digicell.member.position.PositionAccess;
import vn.digicell.member.reorganisation.Reorganisation;
import vn.digicell.platform.test.AuthorizationMatrix;
import vn.digicell.platform.test.AuthorizationMatrix.Persona;
import vn.digicell.platform.test.AuthorizationMatrix.Rule;
import vn.digicell.platform.test.DigiCellIntegrationTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTokens;

/**
 * Every endpoint of member-service, called as every role on the resource's own cell, on a foreign
 * cell, on a foreign cell while attached (a {@code member} grant) to the own cell, and with no
 * grant: the answer must be the declared one. The endpoints come from the handler mappings, so a
 * new endpoint without a rule fails here.
 *
 * <p>Fixtures, created once: province {@code /MX}, commune {@code /MX/VB}, the own cell {@code
 * /MX/VB/C07} and the foreign cell {@code /MX/VB/C08}, members in each, transfers from C07 to C08
 * in several states, an import job and a reorganisation plan on C07. Calls are made so that an
 * allowed caller gets an answer that changes little (a rule violation after the access check where
 * it can).
 */
@DigiCellIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemberAuthorizationMatrixTest {

  static final String OWN_PATH = "/MX/VB/C07";
  static final String FOREIGN_PATH = "/MX/VB/C08";
  static final String[] READ = {"cell-secretary", "committee", "org-admin", "it-admin", "auditor"};
  static final String[] KEEP = {"cell-secretary", "committee", "org-admin"};
  static final String[] STAFF = {"cell-secretary", "committee", "org-admin"};

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  @Autowired MongoTemplate mongo;

  TestHttp http;
  String admin;
  String commune;
  String ownCell;
  String foreignCell;
  String ownMember;
  String foreignMember;
  String decidedMember;
  String requested;
  String approved;
  String rejected;
  String importJob;
  String plan;
  int citizen;

  @BeforeAll
  void fixtures() {
    http = new TestHttp("http://localhost:" + port);
    admin = TestTokens.forUser("admin").roles("org-admin", "committee").orgScope("/MX").sign();
    String province = create("MX", "PROVINCE", null);
    commune = create("VB", "COMMUNE", province);
    ownCell = create("C07", "CELL", commune);
    foreignCell = create("C08", "CELL", commune);
    ownMember = admit("Nguyễn Văn Mình", ownCell);
    foreignMember = admit("Trần Thị Khách", foreignCell);
    decidedMember = admit("Lê Văn Quyết", ownCell);
    String second = admit("Phạm Văn Hai", ownCell);
    String third = admit("Võ Văn Ba", ownCell);
    requested = transfer(ownMember);
    approved = transfer(second);
    assertThat(
            http.post(
                    "/api/transfers/" + approved + "/approve",
                    admin,
                    "{\"letterNumber\":\"15-GGT\"}")
                .status())
        .isEqualTo(200);
    rejected = transfer(third);
    assertThat(
            http.post("/api/transfers/" + rejected + "/reject", admin, "{\"reason\":\"thôi\"}")
                .status())
        .isEqualTo(200);
    TestHttp.Response job = importCsv(admin);
    assertThat(job.status()).as(job.body()).isEqualTo(202);
    importJob = job.json().get("id").asString();
    plan =
        mongo
            .insert(
                new Reorganisation(
                    "plan-c07",
                    Reorganisation.Kind.MOVE,
                    ownCell,
                    commune,
                    List.of(),
                    LocalDate.now(),
                    null,
                    "admin",
                    Reorganisation.State.DONE,
                    java.time.Instant.now(),
                    java.time.Instant.now(),
                    null,
                    null,
                    null))
            .id();
  }

  @Test
  void everyEndpointAnswersEveryPersonaAsDeclared() {
    List<Persona> personas =
        AuthorizationMatrix.personas(
            OWN_PATH,
            FOREIGN_PATH,
            Map.of(OWN, ownMember, FOREIGN, foreignMember, ATTACHED, foreignMember));
    String today = LocalDate.now().toString();
    List<Rule> rules = new ArrayList<>();

    // members
    rules.add(
        Rule.of(
            "POST /api/members",
            t ->
                http.postJson(
                    "/api/members", t, admitBody("Trùng Căn Cước", ownCell, "089080000001")),
            own("committee", "org-admin")));
    rules.add(
        Rule.of(
            "GET /api/members/{id}",
            t -> http.get("/api/members/" + ownMember, t),
            own(plus(READ, "member"))));
    rules.add(
        Rule.of(
            "PUT /api/members/{id}/contact",
            t ->
                http.put(
                    "/api/members/" + ownMember + "/contact",
                    t,
                    "{\"phone\":\"0912345678\",\"residence\":\"ấp Vĩnh Hiệp\"}"),
            own(plus(KEEP, "member"))));
    rules.add(
        Rule.of(
            "POST /api/members/{id}/corrections",
            t ->
                http.post(
                    "/api/members/" + ownMember + "/corrections",
                    t,
                    "{\"ethnicity\":\"Kinh\",\"reason\":\"sai chính tả\",\"decisionRef\":\"12-QĐ\"}"),
            own("org-admin")));
    rules.add(
        Rule.of(
            "PUT /api/members/{id}/background",
            t ->
                http.put(
                    "/api/members/" + ownMember + "/background",
                    t,
                    "{\"education\":\"12/12\",\"basis\":\"bằng tốt nghiệp\"}"),
            own(KEEP)));
    rules.add(
        Rule.of(
            "PUT /api/members/{id}/photo",
            t ->
                http.send(
                    "PUT",
                    "/api/members/" + ownMember + "/photo",
                    t,
                    "multipart/form-data; boundary=XYZ",
                    "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\nnot an image\r\n--XYZ--\r\n"),
            own(plus(KEEP, "member"))));
    rules.add(
        Rule.of(
            "GET /api/members/{id}/photo",
            t -> http.get("/api/members/" + ownMember + "/photo", t),
            own(plus(READ, "member"))));
    rules.add(
        Rule.of(
            "DELETE /api/members/{id}/photo",
            t -> http.delete("/api/members/" + ownMember + "/photo", t),
            own(plus(KEEP, "member"))));
    rules.add(
        Rule.of(
            "GET /api/members", t -> http.get("/api/members?orgUnit=" + ownCell, t), own(READ)));
    rules.add(
        Rule.of(
            "POST /api/members/{id}/{decision}",
            t ->
                http.post(
                    "/api/members/" + decidedMember + "/recognise-official",
                    t,
                    "{\"effectiveOn\":\"" + today + "\"}"),
            own("committee", "org-admin")));
    rules.add(
        Rule.of(
            "GET /api/members/export",
            t -> http.get("/api/members/export?under=" + OWN_PATH + "&format=csv", t),
            own(READ)));
    rules.add(
        Rule.of(
            "POST /api/members/{id}/attachment/end",
            t -> http.post("/api/members/" + ownMember + "/attachment/end", t, "{}"),
            own(KEEP)));
    rules.add(
        Rule.of(
            "GET /api/members/due/official-recognition",
            t -> http.get("/api/members/due/official-recognition?under=" + OWN_PATH, t),
            own(READ)));
    rules.add(
        Rule.of(
            "GET /api/members/search",
            t -> http.get("/api/members/search?q=Minh&under=" + OWN_PATH, t),
            own(READ)));
    rules.add(
        Rule.of(
            "POST /api/members/{id}/history",
            t ->
                http.post(
                    "/api/members/" + ownMember + "/history",
                    t,
                    "{\"kind\":\"WORK\",\"from\":\"2020-01-01\",\"title\":\"Giáo viên\","
                        + "\"organisation\":\"Trường THCS\"}"),
            own(KEEP)));
    rules.add(
        Rule.of(
            "GET /api/members/due/party-badges",
            t -> http.get("/api/members/due/party-badges?under=" + OWN_PATH, t),
            own(READ)));
    rules.add(
        Rule.of(
            "GET /api/members/audit/profile-reads",
            t -> http.get("/api/members/audit/profile-reads?under=" + OWN_PATH, t),
            own("auditor", "it-admin")));
    // key rotation concerns every record: it-admin acting for the whole tree (no cell persona)
    rules.add(
        Rule.of(
            "GET /api/admin/reencryption", t -> http.get("/api/admin/reencryption", t), nobody()));
    rules.add(
        Rule.of(
            "POST /api/admin/reencryption",
            t -> http.post("/api/admin/reencryption", t, ""),
            nobody()));

    // the org tree
    rules.add(
        Rule.of(
            "POST /api/org-units",
            t ->
                http.post(
                    "/api/org-units",
                    t,
                    "{\"code\":\"X1\",\"name\":\"Tổ 1\",\"kind\":\"CELL\",\"parentId\":\""
                        + ownCell
                        + "\"}"),
            own("org-admin")));
    rules.add(
        Rule.of(
            "GET /api/org-units/{id}",
            t -> http.get("/api/org-units/" + ownCell + "?asOf=" + today, t),
            anyRoleCovering()));
    rules.add(
        Rule.of(
            "POST /api/org-units/{id}/rename",
            t ->
                http.post(
                    "/api/org-units/" + ownCell + "/rename",
                    t,
                    "{\"name\":\"Chi bộ ấp 7\",\"effectiveOn\":\"" + today + "\"}"),
            own("org-admin")));
    rules.add(
        Rule.of(
            "POST /api/org-units/{id}/dissolve",
            t ->
                http.post(
                    "/api/org-units/" + ownCell + "/dissolve",
                    t,
                    "{\"effectiveOn\":\"" + today + "\"}"),
            own("org-admin")));
    // one pattern, two handlers (with and without asOf): both must agree
    rules.add(
        Rule.of(
            "GET /api/org-units",
            t ->
                both(
                    http.get("/api/org-units?under=" + OWN_PATH, t),
                    http.get("/api/org-units?under=" + OWN_PATH + "&asOf=" + today, t)),
            anyRoleCovering()));
    rules.add(
        Rule.of(
            "GET /api/org-units/reorganisations/{reorganisationId}",
            t -> http.get("/api/org-units/reorganisations/" + plan, t),
            anyRoleCovering()));
    // moves, merges and splits act for the unit above the cell: no cell persona may
    rules.add(
        Rule.of(
            "POST /api/org-units/{id}/move",
            t ->
                http.post(
                    "/api/org-units/" + ownCell + "/move",
                    t,
                    "{\"newParentId\":\"" + commune + "\",\"effectiveOn\":\"" + today + "\"}"),
            nobody()));
    rules.add(
        Rule.of(
            "POST /api/org-units/{id}/merge",
            t ->
                http.post(
                    "/api/org-units/" + ownCell + "/merge",
                    t,
                    "{\"survivorId\":\"" + foreignCell + "\",\"effectiveOn\":\"" + today + "\"}"),
            nobody()));
    rules.add(
        Rule.of(
            "POST /api/org-units/{id}/split",
            t ->
                http.post(
                    "/api/org-units/" + ownCell + "/split",
                    t,
                    "{\"parts\":[{\"code\":\"C07A\",\"name\":\"A\"},{\"code\":\"C07B\",\"name\":\"B\"}],"
                        + "\"effectiveOn\":\""
                        + today
                        + "\"}"),
            nobody()));

    // statistics
    rules.add(
        Rule.of(
            "GET /api/members/statistics",
            t -> http.get("/api/members/statistics?under=" + OWN_PATH, t),
            own(READ)));
    rules.add(
        Rule.of(
            "GET /api/members/statistics/changes",
            t ->
                http.get(
                    "/api/members/statistics/changes?under="
                        + OWN_PATH
                        + "&from=2026-01&to=2026-02",
                    t),
            own(READ)));
    rules.add(
        Rule.of(
            "GET /api/statistics/changes",
            t ->
                http.get(
                    "/api/statistics/changes?under=" + OWN_PATH + "&from=2026-01&to=2026-02", t),
            own(READ)));
    rules.add(
        Rule.of(
            "POST /api/admin/statistics/rebuild",
            t -> http.post("/api/admin/statistics/rebuild", t, ""),
            nobody()));

    // transfers (from C07 to C08)
    rules.add(
        Rule.of(
            "POST /api/transfers",
            t ->
                http.post(
                    "/api/transfers",
                    t,
                    "{\"memberId\":\""
                        + ownMember
                        + "\",\"kind\":\"OFFICIAL\",\"toOrgUnitId\":\""
                        + foreignCell
                        + "\",\"reason\":\"chuyển nơi ở\"}"),
            own(STAFF)));
    rules.add(
        Rule.of(
            "POST /api/transfers/{id}/approve",
            t ->
                http.post(
                    "/api/transfers/" + approved + "/approve", t, "{\"letterNumber\":\"16-GGT\"}"),
            own("committee", "org-admin")));
    rules.add(
        Rule.of(
            "POST /api/transfers/{id}/receive",
            t -> http.post("/api/transfers/" + requested + "/receive", t, ""),
            destination("committee", "org-admin")));
    rules.add(
        Rule.of(
            "POST /api/transfers/{id}/complete",
            t -> http.post("/api/transfers/" + requested + "/complete", t, ""),
            destination(STAFF)));
    rules.add(
        Rule.of(
            "POST /api/transfers/{id}/reject",
            t -> http.post("/api/transfers/" + rejected + "/reject", t, "{\"reason\":\"x\"}"),
            own("committee", "org-admin").or(destination("committee", "org-admin"))));
    // staff of either side, or the member concerned (ownMember, on OWN)
    rules.add(
        Rule.of(
            "GET /api/transfers/{id}",
            t -> http.get("/api/transfers/" + requested, t),
            own(plus(STAFF, "member")).or(destination(STAFF))));
    rules.add(
        Rule.of(
            "GET /api/transfers",
            t -> http.get("/api/transfers?under=" + OWN_PATH, t),
            own(STAFF)));

    // imports
    rules.add(Rule.of("POST /api/imports", this::importCsv, own("org-admin", "it-admin")));
    rules.add(
        Rule.of(
            "GET /api/imports/{id}",
            t -> http.get("/api/imports/" + importJob, t),
            own("org-admin", "it-admin")));
    rules.add(
        Rule.of(
            "GET /api/imports/template.csv",
            t -> http.get("/api/imports/template.csv", t),
            p -> true));
    rules.add(
        Rule.of(
            "GET /api/imports/template.xlsx",
            t -> http.get("/api/imports/template.xlsx", t),
            p -> true));

    // the platform's dead letters: it-admin, on whatever path (the platform decides)
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters",
            t -> http.get("/api/admin/dead-letters", t),
            p -> p.role().equals("it-admin") && p.where() != NONE));
    rules.add(
        Rule.of(
            "GET /api/admin/dead-letters/{topic}",
            t -> http.get("/api/admin/dead-letters/member.events.matrix.dlt?limit=1", t),
            p -> p.role().equals("it-admin") && p.where() != NONE));
    rules.add(
        Rule.of(
            "POST /api/admin/dead-letters/{topic}/{partition}/{offset}/replay",
            t -> http.post("/api/admin/dead-letters/member.events.matrix.dlt/0/0/replay", t, ""),
            p -> p.role().equals("it-admin") && p.where() != NONE));

    long started = System.nanoTime();
    int calls = AuthorizationMatrix.verify(context, rules, personas);
    System.out.printf(
        "member-service authorisation matrix: %d endpoints × %d personas = %d calls in %d ms%n",
        rules.size(), personas.size(), calls, (System.nanoTime() - started) / 1_000_000);
    assertThat(calls).isEqualTo(rules.size() * personas.size());
  }

  /**
   * The acceptance walk: a secretary of C07 temporarily attached to C08 holds, as position sync
   * computes it, {@code member} on C08 only — C08's member profiles and roster stay closed to them,
   * their own cell's stay open.
   */
  @Test
  void aSecretaryOfC07AttachedToC08ReadsNoProfileOfC08() {
    String secretary = admit("Đỗ Văn Thư", ownCell);
    assertThat(
            http.post(
                    "/api/members/" + secretary + "/history",
                    admin,
                    "{\"kind\":\"POSITION\",\"from\":\"2024-01-01\",\"classification\":\"CELL_SECRETARY\"}")
                .status())
        .isEqualTo(201);
    String attachment =
        http.post(
                "/api/transfers",
                admin,
                "{\"memberId\":\"%s\",\"kind\":\"TEMPORARY\",\"toOrgUnitId\":\"%s\",\"temporaryUntil\":\"%s\",\"reason\":\"công tác\"}"
                    .formatted(secretary, foreignCell, LocalDate.now().plusMonths(3)))
            .json()
            .get("id")
            .asString();
    http.post("/api/transfers/" + attachment + "/approve", admin, "{\"letterNumber\":\"17-GGT\"}");
    http.post("/api/transfers/" + attachment + "/receive", admin, "");
    assertThat(http.post("/api/transfers/" + attachment + "/complete", admin, "").status())
        .isEqualTo(200);

    // the token their next login carries: the grants position sync writes for them
    Member record = mongo.findById(secretary, Member.class);
    List<String> grants = PositionAccess.of(record, LocalDate.now()).grants();
    assertThat(grants)
        .containsExactlyInAnyOrder(
            "member:" + OWN_PATH, "cell-secretary:" + OWN_PATH, "member:" + FOREIGN_PATH);
    TestTokens.Builder builder = TestTokens.forUser("thu-c07").memberId(secretary);
    grants.forEach(
        g -> builder.grant(g.substring(0, g.indexOf(':')), g.substring(g.indexOf(':') + 1)));
    String token = builder.sign();

    assertThat(http.get("/api/members/" + foreignMember, token).status()).isEqualTo(403);
    assertThat(http.get("/api/members?orgUnit=" + foreignCell, token).status()).isEqualTo(403);
    assertThat(http.get("/api/members/export?under=" + FOREIGN_PATH, token).status())
        .isEqualTo(403);
    assertThat(
            http.put(
                    "/api/members/" + foreignMember + "/contact",
                    token,
                    "{\"phone\":\"0912000000\"}")
                .status())
        .isEqualTo(403);
    // their own cell: as secretary
    TestHttp.Response own = http.get("/api/members/" + ownMember, token);
    assertThat(own.status()).as(own.body()).isEqualTo(200);
    assertThat(http.get("/api/members?orgUnit=" + ownCell, token).status()).isEqualTo(200);
    // the cell attended: as a member (its unit, not its people)
    assertThat(http.get("/api/org-units/" + foreignCell, token).status()).isEqualTo(200);
    // a staff list without a root starts where they are staff, not at the cell they attend
    TestHttp.Response due = http.get("/api/members/due/official-recognition", token);
    assertThat(due.status()).as(due.body()).isEqualTo(200);
  }

  /**
   * {@code asOf} shows the tree of a day only within the caller's grants then AND today: a cell
   * moved out of the commune since is no longer the commune's to see, even as it stood then.
   */
  @Test
  void theTreeOfAnEarlierDayLeavesOutUnitsThatHaveSinceLeftTheCallersScope() {
    String province = mongo.findById(commune, vn.digicell.member.orgunit.OrgUnit.class).parentId();
    String elsewhere = create("VX", "COMMUNE", province);
    String leaving = create("C29", "CELL", commune);
    // on record since 2020 (created here today, as a register entered from paper would be)
    mongo.updateFirst(
        org.springframework.data.mongodb.core.query.Query.query(
            org.springframework.data.mongodb.core.query.Criteria.where("_id").is(leaving)),
        new org.springframework.data.mongodb.core.query.Update()
            .set("changes.0.effectiveOn", LocalDate.of(2020, 1, 1)),
        vn.digicell.member.orgunit.OrgUnit.class);
    String yesterday = LocalDate.now().minusDays(1).toString();
    TestHttp.Response moved =
        http.post(
            "/api/org-units/" + leaving + "/move",
            admin,
            "{\"newParentId\":\"" + elsewhere + "\",\"effectiveOn\":\"" + yesterday + "\"}");
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    String dayBefore = LocalDate.now().minusDays(2).toString();

    String communeCommittee = TestTokens.forUser("vb").grant("committee", "/MX/VB").sign();
    TestHttp.Response tree =
        http.get("/api/org-units?under=/MX/VB&asOf=" + dayBefore + "&size=200", communeCommittee);
    assertThat(tree.status()).as(tree.body()).isEqualTo(200);
    List<String> paths = new ArrayList<>();
    tree.json().get("items").forEach(u -> paths.add(u.get("state").get("path").asString()));
    assertThat(paths).doesNotContain("/MX/VB/C29");

    // the province, whose grant covers both places, still sees where it stood that day
    TestHttp.Response whole =
        http.get("/api/org-units?under=/MX/VB&asOf=" + dayBefore + "&size=200", admin);
    List<String> all = new ArrayList<>();
    whole.json().get("items").forEach(u -> all.add(u.get("state").get("path").asString()));
    assertThat(all).contains("/MX/VB/C29");
  }

  // --- predicates

  private static Predicate<Persona> own(String... roles) {
    Set<String> allowed = Set.of(roles);
    return p -> p.where() == OWN && allowed.contains(p.role());
  }

  /** The role on the destination cell: the foreign persona, and the attached one (role there). */
  private static Predicate<Persona> destination(String... roles) {
    Set<String> allowed = Set.of(roles);
    return p -> (p.where() == FOREIGN || p.where() == ATTACHED) && allowed.contains(p.role());
  }

  /** Any grant covering the own cell: the role there, or member there (attached). */
  private static Predicate<Persona> anyRoleCovering() {
    return p -> p.where() == OWN || p.where() == ATTACHED;
  }

  private static Predicate<Persona> nobody() {
    return p -> false;
  }

  private static String[] plus(String[] roles, String role) {
    String[] all = java.util.Arrays.copyOf(roles, roles.length + 1);
    all[roles.length] = role;
    return all;
  }

  /** The first answer, unless the two disagree on allowed/denied (then a 599 reports both). */
  private static TestHttp.Response both(TestHttp.Response a, TestHttp.Response b) {
    Function<Integer, Boolean> denied = s -> s == 401 || s == 403;
    if (denied.apply(a.status()) != denied.apply(b.status()) || b.status() >= 500) {
      return new TestHttp.Response(
          599,
          Map.of(),
          "without asOf " + a.status() + ", with asOf " + b.status() + ": " + b.body());
    }
    return a;
  }

  // --- fixtures

  private String create(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response created = http.postJson("/api/org-units", admin, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private Map<String, Object> admitBody(String name, String cell, String citizenId) {
    Map<String, Object> body = new HashMap<>();
    body.put("fullName", name);
    body.put("gender", "MALE");
    body.put("dateOfBirth", "1980-05-05");
    body.put("citizenId", citizenId);
    body.put("orgUnitId", cell);
    body.put("admittedOn", LocalDate.now().minusMonths(2).toString());
    body.put("phone", "0912345678");
    return body;
  }

  private String admit(String name, String cell) {
    String citizenId = "089080%06d".formatted(++citizen);
    TestHttp.Response admitted =
        http.postJson("/api/members", admin, admitBody(name, cell, citizenId));
    assertThat(admitted.status()).as(admitted.body()).isEqualTo(201);
    return admitted.json().get("id").asString();
  }

  private String transfer(String member) {
    TestHttp.Response requested =
        http.post(
            "/api/transfers",
            admin,
            "{\"memberId\":\""
                + member
                + "\",\"kind\":\"OFFICIAL\",\"toOrgUnitId\":\""
                + foreignCell
                + "\",\"reason\":\"chuyển nơi ở\"}");
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    return requested.json().get("id").asString();
  }

  private TestHttp.Response importCsv(String token) {
    return http.send(
        "POST",
        "/api/imports?under=" + OWN_PATH,
        token,
        "multipart/form-data; boundary=XYZ",
        "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"so-dang-vien.csv\"\r\n"
            + "Content-Type: text/csv\r\n\r\n"
            + "fullName,gender,dateOfBirth,citizenId,cell,admittedOn\r\n"
            + "\r\n--XYZ--\r\n");
  }
}
