package vn.digicell.document.archive;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the archive's projection of officers' signing keys: a member's key and the time it
 * became valid. Keys are never removed; a key is valid until the member's next key's {@code
 * validFrom}. The id is member + key id + validFrom, so a redelivered event writes the same entry.
 */
@Document("signing_keys")
record SigningKey(
    @Id String id,
    @Indexed String memberId,
    String keyId,
    String publicKey,
    Instant validFrom,
    String supersedesKeyId,
    String sourceEventId) {

  static String idOf(String memberId, String keyId, Instant validFrom) {
    return memberId + "|" + keyId + "|" + validFrom.toEpochMilli();
  }
}
