package vn.digicell.document.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.document.ledger.LogHashes;

/**
 * The archive's projection of meeting-service's signing-key events, and the key a signature is
 * checked against: the signer's key valid at the signing time ({@code validFrom <= signedAt <} the
 * next key's {@code validFrom}), named by the signature's key id when it has one. The public key
 * carried inside a record is never used.
 */
@Service
public class SigningKeys {

  private final MongoTemplate mongo;
  private final Counter missing;

  SigningKeys(MongoTemplate mongo, ObjectProvider<MeterRegistry> meters) {
    this.mongo = mongo;
    this.missing =
        Counter.builder("digicell.archive.signing_key_missing")
            .description("Records retried because the signer's key event had not arrived yet")
            .register(meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  /** Adds a registered key to the projection; the same event again changes nothing. */
  public void registered(SigningKeyRegistered key, String sourceEventId) {
    byte[] raw;
    try {
      raw = key.publicKey() == null ? new byte[0] : Base64.getDecoder().decode(key.publicKey());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (key.memberId() == null
        || key.memberId().isBlank()
        || key.validFrom() == null
        || raw.length != 32
        || !keyIdOf(raw).equals(key.keyId())) {
      throw new ArchiveRecord.InvalidMinutesException(
          "signing key "
              + key.keyId()
              + " of member "
              + key.memberId()
              + ": needs a member, a validFrom and a 32-byte public key whose id is the key id");
    }
    Instant validFrom = key.validFrom().truncatedTo(ChronoUnit.MILLIS);
    mongo.save(
        new SigningKey(
            SigningKey.idOf(key.memberId(), key.keyId(), validFrom),
            key.memberId(),
            key.keyId(),
            key.publicKey(),
            validFrom,
            key.supersedesKeyId(),
            sourceEventId));
  }

  /** A key id: the first 16 hex characters of the SHA-256 of the raw public key. */
  static String keyIdOf(byte[] rawPublicKey) {
    return HexFormat.of().formatHex(LogHashes.sha256(rawPublicKey)).substring(0, 16);
  }

  /**
   * The signatures with the public key each signer's projection says was valid at the signing time
   * ({@code signedAt}, or {@code finalizedAt} for signatures without one), and its key id.
   *
   * @throws SigningKeyNotYetKnownException when a signer's key (or any key of theirs valid then)
   *     has not arrived yet: retry
   * @throws ArchiveRecord.InvalidMinutesException when the named key was not the signer's key at
   *     the signing time: never archived
   */
  List<FinalizedMinutes.MinutesSignature> resolve(
      String what, List<FinalizedMinutes.MinutesSignature> signatures, Instant finalizedAt) {
    List<FinalizedMinutes.MinutesSignature> resolved = new ArrayList<>();
    for (FinalizedMinutes.MinutesSignature s : signatures) {
      resolved.add(resolve(what, s, finalizedAt));
    }
    return List.copyOf(resolved);
  }

  private FinalizedMinutes.MinutesSignature resolve(
      String what, FinalizedMinutes.MinutesSignature s, Instant finalizedAt) {
    Instant at = s.signedAt() != null ? s.signedAt() : finalizedAt;
    if (s.signerMemberId() == null || at == null) {
      throw new ArchiveRecord.InvalidMinutesException(
          what + ": the " + s.role() + "'s signature names no signer or signing time");
    }
    at = at.truncatedTo(ChronoUnit.MILLIS);
    List<SigningKey> keys =
        mongo
            .find(Query.query(Criteria.where("memberId").is(s.signerMemberId())), SigningKey.class)
            .stream()
            .sorted(Comparator.comparing(SigningKey::validFrom))
            .toList();
    if (s.keyId() != null && keys.stream().noneMatch(k -> k.keyId().equals(s.keyId()))) {
      missing.increment();
      throw new SigningKeyNotYetKnownException(
          what + ": key " + s.keyId() + " of member " + s.signerMemberId() + " not known yet");
    }
    SigningKey valid = null;
    for (SigningKey k : keys) {
      if (!k.validFrom().isAfter(at)) {
        valid = k;
      }
    }
    if (valid == null) {
      if (s.keyId() != null) {
        throw new ArchiveRecord.InvalidMinutesException(
            what
                + ": the "
                + s.role()
                + " signed at "
                + at
                + ", before key "
                + s.keyId()
                + " was valid");
      }
      missing.increment();
      throw new SigningKeyNotYetKnownException(
          what + ": no key of member " + s.signerMemberId() + " valid at " + at + " known yet");
    }
    if (s.keyId() != null && !valid.keyId().equals(s.keyId())) {
      throw new ArchiveRecord.InvalidMinutesException(
          what
              + ": the "
              + s.role()
              + "'s key "
              + s.keyId()
              + " was not valid at "
              + at
              + " (key "
              + valid.keyId()
              + " was)");
    }
    return new FinalizedMinutes.MinutesSignature(
        s.role(),
        s.signerMemberId(),
        valid.publicKey(),
        s.signature(),
        valid.keyId(),
        s.scheme(),
        s.signedAt());
  }
}
