package vn.digicell.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import vn.digicell.platform.test.TestHttp;

/** Data the end-to-end tests make for themselves through the gateway. */
final class E2eData {

  private E2eData() {}

  /**
   * The org unit of this code under {@code parent}: created, or found when another test class of
   * the run made it (409) or when its creation was answered too late (5xx).
   */
  static String orgUnit(
      TestHttp gateway, String token, String code, String name, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", name);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response r = gateway.postJson("/api/org-units", token, body);
    if (r.status() == 201) {
      return r.json().get("id").asString();
    }
    // 409: made by another test class of this run; 504: made, maybe, but answered too late
    assertThat(r.status()).as(r.body()).isIn(409, 502, 503, 504);
    String[] found = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              TestHttp.Response again = gateway.postJson("/api/org-units", token, body);
              if (again.status() == 201) {
                found[0] = again.json().get("id").asString();
                return true;
              }
              TestHttp.Response list = gateway.get("/api/org-units?size=200", token);
              if (list.status() != 200) {
                return false;
              }
              for (JsonNode unit : list.json().get("items")) {
                if (unit.get("code").asString().equals(code)) {
                  found[0] = unit.get("id").asString();
                  return true;
                }
              }
              return false;
            });
    return found[0];
  }

  /** Every member of a cell as member-service lists them, page by page (200 a page). */
  static List<JsonNode> membersOfCell(TestHttp gateway, String token, String cellId) {
    List<JsonNode> members = new ArrayList<>();
    String cursor = null;
    do {
      TestHttp.Response page =
          gateway.get(
              "/api/members?orgUnit="
                  + cellId
                  + "&size=200"
                  + (cursor == null
                      ? ""
                      : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)),
              token);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().get("items").forEach(members::add);
      JsonNode next = page.json().get("nextCursor");
      cursor = next == null || next.isNull() ? null : next.asString();
    } while (cursor != null);
    return members;
  }

  /** The distinct values of one field over a list of JSON objects (ids, names). */
  static java.util.Set<String> distinct(List<JsonNode> items, String field) {
    java.util.Set<String> values = new java.util.HashSet<>();
    items.forEach(item -> values.add(item.get(field).asString()));
    return values;
  }
}
