package vn.digicell.document.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree, its proofs and the offline verifier against a literal transcription of RFC 9162's
 * recursive definitions, for every (i, n) and (m, n) with n up to {@value #MAX}.
 */
class MerkleTreeTest {

  static final int MAX = 70;
  static final HexFormat HEX = HexFormat.of();

  static List<byte[]> leaves(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(("entry-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return leaves;
  }

  // ---- RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1, transcribed literally over the leaf data ----

  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return LogHashes.emptyRoot();
    }
    if (n == 1) {
      return LogHashes.leafHash(d.getFirst());
    }
    int k = Integer.highestOneBit(n - 1);
    return LogHashes.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(HEX::formatHex).toList();
  }

  @Test
  void rootsMatchTheCertificateTransparencyTestVectors() {
    // the leaves and roots of the RFC 6962 reference tests (certificate-transparency-go)
    List<byte[]> data =
        List.of(
            HEX.parseHex(""),
            HEX.parseHex("00"),
            HEX.parseHex("10"),
            HEX.parseHex("2021"),
            HEX.parseHex("3031"),
            HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));
    List<String> roots =
        List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    InMemoryHashes hashes = InMemoryHashes.of(data);
    for (int n = 1; n <= 8; n++) {
      assertThat(HEX.formatHex(new MerkleTree(hashes, n).root()))
          .as("size %d", n)
          .isEqualTo(roots.get(n - 1));
    }
    assertThat(HEX.formatHex(new MerkleTree(hashes, 0).root()))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void rootOfEverySizeIsTheRfcMth() {
    List<byte[]> all = leaves(MAX);
    InMemoryHashes hashes = InMemoryHashes.of(all);
    for (int n = 0; n <= MAX; n++) {
      assertThat(new MerkleTree(hashes, n).root())
          .as("size %d", n)
          .isEqualTo(mth(all.subList(0, n)));
    }
  }

  @Test
  void everyInclusionProofIsTheRfcPathAndVerifies() {
    List<byte[]> all = leaves(MAX);
    InMemoryHashes hashes = InMemoryHashes.of(all);
    for (int n = 1; n <= MAX; n++) {
      MerkleTree tree = new MerkleTree(hashes, n);
      byte[] root = tree.root();
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = tree.inclusionProof(i);
        assertThat(hex(proof))
            .as("PATH(%d, D[%d])", i, n)
            .isEqualTo(hex(path(i, all.subList(0, n))));
        byte[] leaf = LogHashes.leafHash(all.get(i));
        assertThat(LogVerifier.verifyInclusion(leaf, i, n, proof, root))
            .as("(%d, %d)", i, n)
            .isTrue();
      }
    }
  }

  @Test
  void everyConsistencyProofIsTheRfcProofAndVerifies() {
    List<byte[]> all = leaves(MAX);
    InMemoryHashes hashes = InMemoryHashes.of(all);
    for (int n = 1; n <= MAX; n++) {
      MerkleTree tree = new MerkleTree(hashes, n);
      byte[] root = tree.root();
      for (int m = 0; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m);
        List<byte[]> expected = m == 0 || m == n ? List.of() : subproof(m, all.subList(0, n), true);
        assertThat(hex(proof)).as("PROOF(%d, D[%d])", m, n).isEqualTo(hex(expected));
        byte[] oldRoot = new MerkleTree(hashes, m).root();
        assertThat(LogVerifier.verifyConsistency(m, n, proof, oldRoot, root))
            .as("(%d, %d)", m, n)
            .isTrue();
      }
    }
  }

  @Test
  void everyTamperedInclusionProofIsRejected() {
    List<byte[]> all = leaves(MAX);
    InMemoryHashes hashes = InMemoryHashes.of(all);
    for (int n = 1; n <= MAX; n++) {
      MerkleTree tree = new MerkleTree(hashes, n);
      byte[] root = tree.root();
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = tree.inclusionProof(i);
        byte[] leaf = LogHashes.leafHash(all.get(i));
        for (int p = 0; p < proof.size(); p++) {
          assertThat(LogVerifier.verifyInclusion(leaf, i, n, flipped(proof, p), root))
              .as("element %d of (%d, %d)", p, i, n)
              .isFalse();
        }
        assertThat(LogVerifier.verifyInclusion(flip(leaf), i, n, proof, root)).isFalse();
        assertThat(LogVerifier.verifyInclusion(leaf, i, n, proof, flip(root))).isFalse();
        assertThat(LogVerifier.verifyInclusion(leaf, i, n, appended(proof, root), root)).isFalse();
        if (!proof.isEmpty()) {
          assertThat(LogVerifier.verifyInclusion(leaf, i, n, proof.subList(1, proof.size()), root))
              .isFalse();
        }
        if (n > 1) {
          assertThat(LogVerifier.verifyInclusion(leaf, (i + 1) % n, n, proof, root))
              .as("leaf %d claimed at %d of %d", i, (i + 1) % n, n)
              .isFalse();
        }
        assertThat(LogVerifier.verifyInclusion(leaf, n, n, proof, root)).isFalse();
        assertThat(LogVerifier.verifyInclusion(leaf, -1, n, proof, root)).isFalse();
      }
    }
  }

  @Test
  void everyTamperedConsistencyProofIsRejected() {
    List<byte[]> all = leaves(MAX);
    InMemoryHashes hashes = InMemoryHashes.of(all);
    for (int n = 1; n <= MAX; n++) {
      MerkleTree tree = new MerkleTree(hashes, n);
      byte[] root = tree.root();
      for (int m = 1; m < n; m++) {
        List<byte[]> proof = tree.consistencyProof(m);
        byte[] oldRoot = new MerkleTree(hashes, m).root();
        for (int p = 0; p < proof.size(); p++) {
          assertThat(LogVerifier.verifyConsistency(m, n, flipped(proof, p), oldRoot, root))
              .as("element %d of (%d, %d)", p, m, n)
              .isFalse();
        }
        assertThat(LogVerifier.verifyConsistency(m, n, proof, flip(oldRoot), root)).isFalse();
        assertThat(LogVerifier.verifyConsistency(m, n, proof, oldRoot, flip(root))).isFalse();
        assertThat(LogVerifier.verifyConsistency(m, n, List.of(), oldRoot, root)).isFalse();
        assertThat(LogVerifier.verifyConsistency(m, n, appended(proof, root), oldRoot, root))
            .isFalse();
        assertThat(
                LogVerifier.verifyConsistency(
                    m, n, proof.subList(0, proof.size() - 1), oldRoot, root))
            .isFalse();
      }
    }
  }

  @Test
  void aForkedHistoryFailsConsistency() {
    List<byte[]> honest = leaves(20);
    List<byte[]> forked = new ArrayList<>(honest);
    forked.set(3, "rewritten".getBytes(StandardCharsets.UTF_8));
    byte[] oldRoot = new MerkleTree(InMemoryHashes.of(honest), 10).root();
    MerkleTree forkedTree = new MerkleTree(InMemoryHashes.of(forked), 20);
    assertThat(
            LogVerifier.verifyConsistency(
                10, 20, forkedTree.consistencyProof(10), oldRoot, forkedTree.root()))
        .isFalse();
  }

  @Test
  void edgeCases() {
    InMemoryHashes hashes = InMemoryHashes.of(leaves(1));
    MerkleTree one = new MerkleTree(hashes, 1);
    byte[] leaf = LogHashes.leafHash(leaves(1).getFirst());
    assertThat(one.root()).isEqualTo(leaf);
    assertThat(one.inclusionProof(0)).isEmpty();
    assertThat(LogVerifier.verifyInclusion(leaf, 0, 1, List.of(), leaf)).isTrue();
    assertThat(LogVerifier.verifyInclusion(leaf, 0, 0, List.of(), leaf)).isFalse();
    byte[] empty = LogHashes.emptyRoot();
    assertThat(new MerkleTree(hashes, 0).root()).isEqualTo(empty);
    assertThat(LogVerifier.verifyConsistency(0, 0, List.of(), empty, empty)).isTrue();
    assertThat(LogVerifier.verifyConsistency(0, 1, List.of(), empty, leaf)).isTrue();
    assertThat(LogVerifier.verifyConsistency(0, 1, List.of(), flip(empty), leaf)).isFalse();
    assertThat(LogVerifier.verifyConsistency(1, 1, List.of(), leaf, leaf)).isTrue();
    assertThat(LogVerifier.verifyConsistency(1, 1, List.of(), leaf, flip(leaf))).isFalse();
    assertThat(LogVerifier.verifyConsistency(1, 1, List.of(leaf), leaf, leaf)).isFalse();
    assertThat(LogVerifier.verifyConsistency(2, 1, List.of(), leaf, leaf)).isFalse();
    assertThatThrownBy(() -> one.inclusionProof(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> one.consistencyProof(2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MerkleTree(hashes, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] flip(byte[] hash) {
    byte[] copy = hash.clone();
    copy[copy.length - 1] ^= 1;
    return copy;
  }

  static List<byte[]> flipped(List<byte[]> proof, int index) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.set(index, flip(proof.get(index)));
    return copy;
  }

  static List<byte[]> appended(List<byte[]> proof, byte[] extra) {
    List<byte[]> copy = new ArrayList<>(proof);
    copy.add(Arrays.copyOf(extra, extra.length));
    return copy;
  }
}
