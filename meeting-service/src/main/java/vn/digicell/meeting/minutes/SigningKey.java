package vn.digicell.meeting.minutes;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A key as the first release stored it, one per member, replaced on re-registration (collection
 * {@code signing_keys}). Read only to carry those keys into {@link SigningKeys}, which keeps the
 * history; never written any more.
 */
@Document("signing_keys")
record SigningKey(@Id String memberId, String publicKey, Instant registeredAt) {}
