package vn.digicell.document.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verify command an auditor runs with nothing but a checkpoint, a key and a proof. */
class OfflineVerifyCommandTest {

  @TempDir Path dir;

  final List<byte[]> leaves = MerkleTreeTest.leaves(13);
  final InMemoryHashes hashes = InMemoryHashes.of(leaves);
  final NoteSigner signer = new NoteSigner("digicell.vn/archive", NoteSigner.generateSeed());
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  Path checkpointOf(long size) throws Exception {
    String note =
        signer.sign(
            new Checkpoint("digicell.vn/archive", size, new MerkleTree(hashes, size).root())
                .body());
    return Files.writeString(dir.resolve("checkpoint-" + size), note);
  }

  int run(String... args) {
    return LogVerifier.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void anInclusionProofIsCheckedAgainstASignedCheckpoint() throws Exception {
    Path note = checkpointOf(13);
    String key = signer.verifier().encoded();
    List<String> args =
        new ArrayList<>(
            List.of(
                "inclusion", note.toString(), key, b64(LogHashes.leafHash(leaves.get(6))), "6"));
    new MerkleTree(hashes, 13).inclusionProof(6).forEach(h -> args.add(b64(h)));
    assertThat(run(args.toArray(String[]::new))).as(printed.toString()).isZero();
    args.set(4, "7");
    assertThat(run(args.toArray(String[]::new))).isEqualTo(1);
  }

  @Test
  void aConsistencyProofIsCheckedAndAForeignKeyFails() throws Exception {
    Path note = checkpointOf(13);
    List<String> args =
        new ArrayList<>(
            List.of(
                "consistency",
                note.toString(),
                signer.verifier().encoded(),
                "5",
                b64(new MerkleTree(hashes, 5).root())));
    new MerkleTree(hashes, 13).consistencyProof(5).forEach(h -> args.add(b64(h)));
    assertThat(run(args.toArray(String[]::new))).as(printed.toString()).isZero();
    args.set(
        2, new NoteSigner("digicell.vn/archive", NoteSigner.generateSeed()).verifier().encoded());
    assertThat(run(args.toArray(String[]::new))).isEqualTo(1);
    assertThat(run("consistency")).isEqualTo(2);
  }
}
