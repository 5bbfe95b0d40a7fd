package vn.digicell.local;

import java.util.List;

/**
 * The local platform's demo secrets, public in this repository. No service jar carries a default
 * any more, so the launcher passes each one explicitly, together with {@code
 * digicell.allow-demo-secrets=true}: anywhere else these values make a service refuse to start
 * (platform/web's {@code DemoSecrets}, whose list holds the same values).
 */
final class DemoSecrets {

  /** Says the services run as a local demo, so public demo values are accepted. */
  static final String ALLOW = "--digicell.allow-demo-secrets=true";

  static final String MEMBER_ENCRYPTION_KEY = "ZGlnaWNlbGwtbG9jYWwtZGVtby1lbmNyeXB0aW9uISE=";
  static final String MEMBER_HMAC_KEY = "ZGlnaWNlbGwtbG9jYWwtZGVtby1obWFjLWtleS0wMDA=";
  static final String MEETING_CHECK_IN_SECRET = "ZGlnaWNlbGwtbG9jYWwtZGVtby1jaGVjay1pbi1rZXkhIQ==";
  static final String LEDGER_SIGNING_KEY = "Vb6PYXL7bgB0vMuRxBxG7hcndofiV+4AVIIPSeyh4Vo=";
  static final String SMS_API_KEY = "local-sms-key";
  static final String ZALO_ACCESS_TOKEN = "local-zalo-token";

  private DemoSecrets() {}

  /** The demo secrets of one service, as command-line arguments. */
  static List<String> of(Service service) {
    return switch (service) {
      case MEMBER ->
          List.of(
              "--digicell.member.crypto.encryption-key=" + MEMBER_ENCRYPTION_KEY,
              "--digicell.member.crypto.hmac-key=" + MEMBER_HMAC_KEY);
      case MEETING -> List.of("--digicell.meeting.check-in.secret=" + MEETING_CHECK_IN_SECRET);
      case DOCUMENT -> List.of("--digicell.ledger.signing-key=" + LEDGER_SIGNING_KEY);
      case NOTIFICATION ->
          List.of(
              "--digicell.notification.receipt-secret=" + LocalChannels.RECEIPT_SECRET,
              "--digicell.notification.sms.api-key=" + SMS_API_KEY,
              "--digicell.notification.zalo.access-token=" + ZALO_ACCESS_TOKEN);
      default -> List.of();
    };
  }
}
