package vn.digicell.document.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * An officer's signing key as meeting-service publishes it on {@code meeting.events} ({@code
 * vn.digicell.meeting.signing-key-registered.v1}, key = member id): {@code keyId} is the first 16
 * hex characters of the SHA-256 of the raw public key, {@code publicKey} the base64 raw Ed25519 key
 * (32 bytes). A new key never deletes the old one; it is valid from {@code validFrom}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SigningKeyRegistered(
    String memberId, String keyId, String publicKey, Instant validFrom, String supersedesKeyId) {}
