package vn.digicell.document.ledger;

import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The log's name (its checkpoint origin and signed-note key name) and its Ed25519 signing key, from
 * {@code digicell.ledger.*}. Without a configured key a fresh one is generated, which suits a test
 * but means checkpoints signed before a restart verify only with the old verifier key. After a
 * rotation, {@code digicell.ledger.previous-verifier-keys} lists the old verifier keys, so the last
 * checkpoint signed under an old key can still be checked before the new key extends it.
 */
@Component
class LedgerKeys {

  private static final Logger log = LoggerFactory.getLogger(LedgerKeys.class);

  private final String origin;
  private final NoteSigner signer;
  private final List<NoteVerifier> previousVerifiers;

  LedgerKeys(
      @Value("${digicell.ledger.origin:digicell.vn/archive}") String origin,
      @Value("${digicell.ledger.signing-key:}") String signingKey,
      @Value("${digicell.ledger.previous-verifier-keys:}") List<String> previousVerifierKeys) {
    this.origin = origin;
    this.previousVerifiers =
        previousVerifierKeys == null
            ? List.of()
            : previousVerifierKeys.stream()
                .filter(k -> k != null && !k.isBlank())
                .map(k -> NoteVerifier.parse(k.strip()))
                .toList();
    byte[] seed;
    if (signingKey == null || signingKey.isBlank()) {
      seed = NoteSigner.generateSeed();
      log.warn("digicell.ledger.signing-key is not set: signing checkpoints with a generated key");
    } else {
      seed = Base64.getDecoder().decode(signingKey.strip());
    }
    this.signer = new NoteSigner(origin, seed);
    log.info("archive log {} verifier key {}", origin, signer.verifier().encoded());
  }

  String origin() {
    return origin;
  }

  NoteSigner signer() {
    return signer;
  }

  /**
   * The verifiers of checkpoints this log may have signed: the current key's, then the keys it
   * rotated away from ({@code digicell.ledger.previous-verifier-keys}, as published at the change).
   */
  List<NoteVerifier> verifiers() {
    List<NoteVerifier> all = new java.util.ArrayList<>();
    all.add(signer.verifier());
    all.addAll(previousVerifiers);
    return List.copyOf(all);
  }
}
