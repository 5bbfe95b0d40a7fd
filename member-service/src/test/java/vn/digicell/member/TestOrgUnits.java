package vn.digicell.member;

import java.util.HashMap;
import java.util.Map;
import vn.digicell.platform.test.TestHttp;

/** Org units a test makes through the API, named after their code. */
public final class TestOrgUnits {

  private TestOrgUnits() {}

  /** Creates the unit (parent null for a province) and returns its id. */
  public static String create(
      TestHttp http, String token, String code, String kind, String parent) {
    Map<String, Object> body = new HashMap<>();
    body.put("code", code);
    body.put("name", "Đơn vị " + code);
    body.put("kind", kind);
    body.put("parentId", parent);
    return http.postJson("/api/org-units", token, body).json().get("id").asString();
  }
}
