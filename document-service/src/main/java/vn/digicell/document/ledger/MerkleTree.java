package vn.digicell.document.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree of the first {@code size} leaves of a log, per RFC 9162 §2.1: its root (MTH),
 * inclusion proofs (§2.1.3.1) and consistency proofs (§2.1.4.1). Only complete subtrees are read
 * from the {@link HashSource}; the right-edge nodes of a tree whose size is not a power of two are
 * computed, so any past size can be served from the same stored nodes with O(log n) reads.
 */
final class MerkleTree {

  private final HashSource hashes;
  private final long size;

  MerkleTree(HashSource hashes, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must not be negative");
    }
    this.hashes = hashes;
    this.size = size;
  }

  long size() {
    return size;
  }

  /** MTH(D[0:size]). */
  byte[] root() {
    return size == 0 ? LogHashes.emptyRoot() : subtree(0, size);
  }

  /** PATH(index, D[0:size]), deepest sibling first. */
  List<byte[]> inclusionProof(long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    path(index, 0, size, proof);
    return proof;
  }

  /**
   * PROOF(m, D[0:size]): that the tree of size {@code m} is a prefix of this one. Empty when {@code
   * m} is 0 or equals the size (nothing to prove).
   */
  List<byte[]> consistencyProof(long m) {
    if (m < 0 || m > size) {
      throw new IllegalArgumentException(
          "a tree of size " + m + " cannot be a prefix of one of size " + size);
    }
    List<byte[]> proof = new ArrayList<>();
    if (m > 0 && m < size) {
      subproof(m, 0, size, true, proof);
    }
    return proof;
  }

  /** MTH(D[start:end]); RFC 9162 only ever splits at a power of two, so left halves are stored. */
  private byte[] subtree(long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      return hashes.node(Long.numberOfTrailingZeros(n), start / n);
    }
    long k = largestPowerOfTwoBelow(n);
    return LogHashes.nodeHash(subtree(start, start + k), subtree(start + k, end));
  }

  private void path(long m, long start, long end, List<byte[]> proof) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, start + k, proof);
      proof.add(subtree(start + k, end));
    } else {
      path(m - k, start + k, end, proof);
      proof.add(subtree(start, start + k));
    }
  }

  private void subproof(long m, long start, long end, boolean complete, List<byte[]> proof) {
    long n = end - start;
    if (m == n) {
      if (!complete) {
        proof.add(subtree(start, end));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, complete, proof);
      proof.add(subtree(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, proof);
      proof.add(subtree(start, start + k));
    }
  }

  /** The largest power of two strictly smaller than {@code n} (n ≥ 2). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
