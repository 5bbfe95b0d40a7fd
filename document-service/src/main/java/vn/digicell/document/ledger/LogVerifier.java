package vn.digicell.document.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks proofs of the verifiable log without trusting the server: the verification algorithms of
 * RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). Plain JDK code with no Spring, so a
 * copy runs anywhere — an auditor's laptop, another organisation's server.
 */
public final class LogVerifier {

  private LogVerifier() {}

  /**
   * The offline verify command. With a checkpoint's signed note in a file and the log's verifier
   * key (both from {@code GET /api/archive/log/checkpoint}, or from a copy kept elsewhere):
   *
   * <pre>
   * inclusion   NOTE_FILE VERIFIER_KEY LEAF_HASH_B64 INDEX [PROOF_HASH_B64 ...]
   * consistency NOTE_FILE VERIFIER_KEY OLD_SIZE OLD_ROOT_B64 [PROOF_HASH_B64 ...]
   * checkpoint  NOTE_FILE VERIFIER_KEY
   * </pre>
   *
   * Exits 0 when the proof holds against the signed checkpoint, 1 when it does not, 2 on bad usage.
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** The command's work, printing to {@code out}: returns the exit status of {@link #main}. */
  public static int run(String[] args, java.io.PrintStream out) {
    if (args.length < 3) {
      out.println("usage: inclusion|consistency|checkpoint NOTE_FILE VERIFIER_KEY ...");
      return 2;
    }
    try {
      String note = java.nio.file.Files.readString(java.nio.file.Path.of(args[1]));
      java.util.Optional<Checkpoint> checkpoint = verifyCheckpoint(note, args[2]);
      if (checkpoint.isEmpty()) {
        out.println("FAIL: the checkpoint's signature does not verify with this key");
        return 1;
      }
      Checkpoint cp = checkpoint.get();
      java.util.Base64.Decoder b64 = java.util.Base64.getDecoder();
      boolean ok =
          switch (args[0]) {
            case "checkpoint" -> true;
            case "inclusion" ->
                verifyInclusion(
                    b64.decode(args[3]),
                    Long.parseLong(args[4]),
                    cp.size(),
                    hashes(args, 5),
                    cp.rootHash());
            case "consistency" ->
                verifyConsistency(
                    Long.parseLong(args[3]),
                    cp.size(),
                    hashes(args, 5),
                    b64.decode(args[4]),
                    cp.rootHash());
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
          };
      out.println(
          (ok ? "OK: " : "FAIL: ") + args[0] + " against " + cp.origin() + " size " + cp.size());
      return ok ? 0 : 1;
    } catch (java.io.IOException | RuntimeException e) {
      out.println("usage error: " + e.getMessage());
      return 2;
    }
  }

  private static List<byte[]> hashes(String[] args, int from) {
    List<byte[]> out = new ArrayList<>();
    for (int i = from; i < args.length; i++) {
      out.add(java.util.Base64.getDecoder().decode(args[i]));
    }
    return out;
  }

  /** Whether {@code proof} shows the leaf with hash {@code leafHash} at {@code index} in a tree. */
  public static boolean verifyInclusion(
      byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] rootHash) {
    if (index < 0 || index >= treeSize || leafHash == null || rootHash == null) {
      return false;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = LogHashes.nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = LogHashes.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, rootHash);
  }

  /**
   * Whether {@code proof} shows that the tree of size {@code firstSize} with root {@code firstRoot}
   * is a prefix of the tree of size {@code secondSize} with root {@code secondRoot}. Equal sizes
   * need an empty proof and equal roots; the empty tree is a prefix of every tree.
   */
  public static boolean verifyConsistency(
      long firstSize, long secondSize, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot) {
    if (firstSize < 0 || firstSize > secondSize || firstRoot == null || secondRoot == null) {
      return false;
    }
    if (firstSize == secondSize) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, secondRoot);
    }
    if (firstSize == 0) {
      return proof.isEmpty() && MessageDigest.isEqual(firstRoot, LogHashes.emptyRoot());
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = new ArrayList<>(proof);
    if (Long.bitCount(firstSize) == 1) {
      path.addFirst(firstRoot);
    }
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = path.getFirst();
    byte[] sr = path.getFirst();
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = LogHashes.nodeHash(c, fr);
        sr = LogHashes.nodeHash(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = LogHashes.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot) && sn == 0;
  }

  /**
   * Whether {@code signedNote} is a checkpoint of the log named in {@code verifierKey} (the signed
   * note verifier key {@code <name>+<hex key id>+<base64(0x01 || public key)>}) and, if so, what it
   * says; otherwise empty.
   */
  public static java.util.Optional<Checkpoint> verifyCheckpoint(
      String signedNote, String verifierKey) {
    return SignedNotes.open(signedNote, NoteVerifier.parse(verifierKey)).flatMap(Checkpoint::parse);
  }
}
