package vn.digicell.notification.delivery;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A member's contact details from the restricted {@code member.contacts} topic. Only delivery reads
 * them; they never leave this service except to the member's own mailbox or phone.
 */
@Document("contacts")
record Contact(@Id String memberId, String email, String phone, String zaloId, Instant updatedAt) {

  /** The address for a channel, or null when the member has none. */
  String addressFor(vn.digicell.notification.preference.Channel channel) {
    return switch (channel) {
      case EMAIL -> blankToNull(email);
      case SMS -> blankToNull(phone);
      case ZALO -> blankToNull(zaloId);
      case INBOX -> memberId;
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
