package vn.digicell.document.ledger;

/**
 * The stored hashes of a log: the hash of every complete subtree, {@code node(level, index)} being
 * the root of leaves {@code [index * 2^level, (index + 1) * 2^level)}. Level 0 holds leaf hashes.
 * Complete subtrees never change once written, so they serve every tree size that contains them.
 */
interface HashSource {

  byte[] node(int level, long index);
}
