package vn.digicell.document.ledger;

import java.util.ArrayList;
import java.util.List;

/** Complete-subtree hashes of leaves kept in memory, filled the way the stored log fills them. */
final class InMemoryHashes implements HashSource {

  private final List<List<byte[]>> levels = new ArrayList<>();

  static InMemoryHashes of(List<byte[]> leaves) {
    InMemoryHashes hashes = new InMemoryHashes();
    leaves.forEach(hashes::append);
    return hashes;
  }

  void append(byte[] data) {
    byte[] hash = LogHashes.leafHash(data);
    int level = 0;
    while (true) {
      if (levels.size() == level) {
        levels.add(new ArrayList<>());
      }
      List<byte[]> row = levels.get(level);
      row.add(hash);
      if (row.size() % 2 == 1) {
        return;
      }
      hash = LogHashes.nodeHash(row.get(row.size() - 2), row.get(row.size() - 1));
      level++;
    }
  }

  @Override
  public byte[] node(int level, long index) {
    return levels.get(level).get((int) index);
  }

  void replace(int level, long index, byte[] hash) {
    levels.get(level).set((int) index, hash);
  }
}
