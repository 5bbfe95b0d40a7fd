package vn.digicell.member.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.test.ParityContainers;
import vn.digicell.platform.test.ParityTest;
import vn.digicell.platform.test.TestHttp;
import vn.digicell.platform.test.TestTopics;

/** member-service on a MongoDB replica set, a real Kafka broker and tokens from real Keycloak. */
@ParityTest
class MemberParityTest {

  @DynamicPropertySource
  static void containers(DynamicPropertyRegistry registry) {
    ParityContainers.register(registry, "digicell-member-parity");
  }

  @LocalServerPort int port;

  private static Map<String, Object> unit(String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    return body;
  }

  private static String created(TestHttp.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  @Test
  void anAdmissionByAKeycloakUserIsStoredPublishedAndHiddenFromAnotherProvince() {
    TestHttp http = new TestHttp("http://localhost:" + port);
    String admin =
        ParityContainers.user("parity-member-admin")
            .roles("org-admin", "committee")
            .orgScope("/AG")
            .token();
    String province = created(http.postJson("/api/org-units", admin, unit("AG", "PROVINCE", null)));
    String commune =
        created(http.postJson("/api/org-units", admin, unit("VB", "COMMUNE", province)));
    String cell = created(http.postJson("/api/org-units", admin, unit("C07", "CELL", commune)));

    Map<String, Object> member = new HashMap<>();
    member.put("fullName", "Nguyễn Thị Parity");
    member.put("gender", "FEMALE");
    member.put("dateOfBirth", "1990-03-03");
    member.put("citizenId", "089190000777");
    member.put("orgUnitId", cell);
    member.put("admittedOn", "2024-05-19");
    String id = created(http.postJson("/api/members", admin, member));

    ConsumerRecord<String, byte[]> admitted =
        ParityContainers.awaitRecords("member.events", id, 1).get(0);
    assertThat(TestTopics.headers(admitted))
        .containsEntry("ce_type", "vn.digicell.member.admitted.v1")
        .containsEntry("ce_orgpath", "/AG/VB/C07");
    assertThat(EventSchemas.violations("vn.digicell.member.admitted.v1", admitted.value()))
        .isEmpty();
    assertThat(ParityContainers.awaitRecords("orgunit.events", cell, 1)).isNotEmpty();

    TestHttp.Response read = http.get("/api/members/" + id, admin);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.json().get("fullName").asString()).isEqualTo("Nguyễn Thị Parity");

    String otherProvince =
        ParityContainers.user("parity-member-hn").roles("org-admin").orgScope("/HN").token();
    assertThat(http.get("/api/members/" + id, otherProvince).status()).isIn(403, 404);
    assertThat(http.get("/api/members/" + id, null).status()).isEqualTo(401);
  }
}
