package vn.digicell.document.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignedNoteTest {

  static final byte[] SEED =
      HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

  @Test
  void theSignerDerivesTheRfc8032PublicKeyOfItsSeed() {
    // RFC 8032 §7.1, test 1
    NoteSigner signer = new NoteSigner("digicell.vn/archive", SEED);
    assertThat(HexFormat.of().formatHex(signer.verifier().publicKey()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  }

  @Test
  void theKeyIdFollowsTheSignedNoteSpec() {
    NoteVerifier verifier = new NoteSigner("example.com/log", SEED).verifier();
    byte[] hash =
        LogHashes.sha256(
            NoteVerifier.concat(
                "example.com/log\n\u0001".getBytes(StandardCharsets.UTF_8), verifier.publicKey()));
    assertThat(verifier.keyId()).isEqualTo(java.util.Arrays.copyOf(hash, 4));
    assertThat(NoteVerifier.parse(verifier.encoded()).encoded()).isEqualTo(verifier.encoded());
    assertThat(verifier.encoded())
        .startsWith("example.com/log+" + HexFormat.of().formatHex(verifier.keyId()) + "+Adda");
  }

  @Test
  void aSignedCheckpointVerifiesAndReadsBack() {
    NoteSigner signer = new NoteSigner("digicell.vn/archive", SEED);
    Checkpoint checkpoint =
        new Checkpoint("digicell.vn/archive", 42, LogHashes.sha256(new byte[] {1}));
    String note = signer.sign(checkpoint.body());
    assertThat(note)
        .startsWith("digicell.vn/archive\n42\n")
        .contains("\n\n\u2014 digicell.vn/archive ");
    var read = LogVerifier.verifyCheckpoint(note, signer.verifier().encoded());
    assertThat(read).isPresent();
    assertThat(read.get().size()).isEqualTo(42);
    assertThat(read.get().rootHash()).isEqualTo(checkpoint.rootHash());
  }

  @Test
  void aTamperedOrForeignCheckpointIsRejected() {
    NoteSigner signer = new NoteSigner("digicell.vn/archive", SEED);
    String note =
        signer.sign(
            new Checkpoint("digicell.vn/archive", 42, LogHashes.sha256(new byte[] {1})).body());
    String key = signer.verifier().encoded();
    assertThat(LogVerifier.verifyCheckpoint(note.replace("\n42\n", "\n43\n"), key)).isEmpty();
    NoteSigner stranger = new NoteSigner("digicell.vn/archive", NoteSigner.generateSeed());
    assertThat(LogVerifier.verifyCheckpoint(note, stranger.verifier().encoded())).isEmpty();
    assertThat(
            LogVerifier.verifyCheckpoint(
                stranger.sign("digicell.vn/archive\n42\n" + note.split("\n")[2] + "\n"), key))
        .isEmpty();
    assertThat(LogVerifier.verifyCheckpoint("no signature\n", key)).isEmpty();
    assertThatThrownBy(() -> NoteVerifier.parse("bad"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
