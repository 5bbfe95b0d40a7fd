package vn.digicell.platform.test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The secrets every service's tests boot with: no jar carries a default (ADR 0009) and the local
 * platform's public demo values make a service refuse to start, so tests supply their own. They
 * have the lowest precedence: a test that sets one itself wins.
 */
public final class TestSecrets {

  private TestSecrets() {}

  /** Property → a value used only by tests (base64 keys of the lengths the services expect). */
  public static Map<String, String> properties() {
    Map<String, String> secrets = new LinkedHashMap<>();
    // 32-byte AES key and 32-byte HMAC key, base64
    secrets.put(
        "digicell.member.crypto.encryption-key", "dGVzdHMtb25seS1hZXMtMjU2LWtleS0wMDAwMDAwMDA=");
    secrets.put("digicell.member.crypto.hmac-key", "dGVzdHMtb25seS1obWFjLXNoYTI1Ni1rZXktMDAwMDA=");
    secrets.put("digicell.member.keycloak.client-secret", "tests-only-member-service-secret");
    secrets.put("digicell.meeting.check-in.secret", "dGVzdHMtb25seS1jaGVjay1pbi1zZWNyZXQtMDAwMDA=");
    // a 32-byte Ed25519 seed, base64
    secrets.put("digicell.ledger.signing-key", "dGVzdHMtb25seS1lZDI1NTE5LXNlZWQtMDAwMDAwMDA=");
    secrets.put("digicell.gateway.client-secret", "tests-only-gateway-secret");
    secrets.put("digicell.notification.receipt-secret", "tests-only-receipt-secret");
    secrets.put("digicell.notification.sms.api-key", "tests-only-sms-key");
    secrets.put("digicell.notification.zalo.access-token", "tests-only-zalo-token");
    return secrets;
  }
}
