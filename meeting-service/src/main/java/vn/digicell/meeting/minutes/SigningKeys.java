package vn.digicell.meeting.minutes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;

/**
 * A member's Ed25519 public keys with their history (id = the member id; its own event stream,
 * {@code signing-key-registered.v1}): a new key is valid from its registration on and never deletes
 * the previous one, so every signature is checked against the key valid when it was given ({@code
 * validFrom <= signedAt <} the next key's {@code validFrom}).
 */
@Document("member_signing_keys")
public class SigningKeys extends AggregateRoot {

  static final String REGISTERED = "vn.digicell.meeting.signing-key-registered.v1";

  /** One key: raw 32 bytes in base64, its id and from when it signs. */
  public record Key(String keyId, String publicKey, Instant validFrom, String supersedesKeyId) {}

  @Id private final String memberId;
  private final List<Key> keys;
  @Version private Long version;

  @PersistenceCreator
  SigningKeys(String memberId, List<Key> keys) {
    this.memberId = memberId;
    this.keys = keys == null ? new ArrayList<>() : new ArrayList<>(keys);
  }

  /** A member's first key. */
  static SigningKeys first(String memberId, String publicKey, Instant validFrom, Clock clock) {
    SigningKeys keys = new SigningKeys(memberId, List.of());
    keys.add(publicKey, validFrom, clock);
    return keys;
  }

  /**
   * Registers {@code publicKey} from now on; the key already current is kept as it is (nothing to
   * announce). Returns whether a new key was added.
   */
  boolean register(String publicKey, Clock clock) {
    if (current().map(k -> k.publicKey().equals(publicKey)).orElse(false)) {
      return false;
    }
    Instant now = Instant.now(clock);
    Instant last = current().map(Key::validFrom).orElse(Instant.MIN);
    // validity intervals never overlap, even when two registrations share a clock tick
    add(publicKey, now.isAfter(last) ? now : last.plusMillis(1), clock);
    return true;
  }

  private void add(String publicKey, Instant validFrom, Clock clock) {
    String supersedes = current().map(Key::keyId).orElse(null);
    Key key = new Key(keyIdOf(publicKey), publicKey, validFrom, supersedes);
    keys.add(key);
    record(
        REGISTERED,
        new SigningKeyRegistered(memberId, key.keyId(), publicKey, validFrom, supersedes),
        clock);
  }

  /** The key in force now: the latest registered. */
  public Optional<Key> current() {
    return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
  }

  /** The key valid at {@code at}: the last whose {@code validFrom} is not after it. */
  public Optional<Key> validAt(Instant at) {
    Key found = null;
    for (Key k : keys) {
      if (!k.validFrom().isAfter(at)) {
        found = k;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The id of a raw public key: the first 16 hex chars of its SHA-256. */
  public static String keyIdOf(String publicKeyBase64) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(Base64.getDecoder().decode(publicKeyBase64)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String id() {
    return memberId;
  }

  /** A member's keys belong to the person, not to an org unit: the event carries no org path. */
  @Override
  protected String orgPath() {
    return null;
  }

  public String memberId() {
    return memberId;
  }

  /** Every key, oldest first. */
  public List<Key> keys() {
    return List.copyOf(keys);
  }

  record SigningKeyRegistered(
      String memberId, String keyId, String publicKey, Instant validFrom, String supersedesKeyId) {}
}
