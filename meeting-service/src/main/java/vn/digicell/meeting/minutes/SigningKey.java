package vn.digicell.meeting.minutes;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A member's registered Ed25519 public key (raw 32 bytes, base64); the server holds no secret. */
@Document("signing_keys")
public record SigningKey(@Id String memberId, String publicKey, Instant registeredAt) {}
