package vn.digicell.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import vn.digicell.platform.test.TestHttp;

/** Org units a test makes through the API, named after their code. */
public final class TestOrgUnits {

  private TestOrgUnits() {}

  /** Creates the unit (parent null for a province), asserting 201, and returns its id. */
  public static String create(
      TestHttp http, String token, String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    TestHttp.Response r = http.postJson("/api/org-units", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asString();
  }
}
