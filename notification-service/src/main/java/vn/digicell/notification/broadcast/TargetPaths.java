package vn.digicell.notification.broadcast;

import java.util.ArrayList;
import java.util.List;
import vn.digicell.platform.security.OrgPaths;

/** Org subtrees a broadcast goes to, reduced to the fewest that cover the same units. */
final class TargetPaths {

  private TargetPaths() {}

  /** Drops duplicates and any target that another target already covers; keeps the order. */
  static List<String> minimal(List<String> targets) {
    List<String> distinct = targets.stream().distinct().toList();
    List<String> kept = new ArrayList<>();
    for (String candidate : distinct) {
      boolean covered =
          distinct.stream()
              .anyMatch(other -> !other.equals(candidate) && OrgPaths.covers(other, candidate));
      if (!covered) {
        kept.add(candidate);
      }
    }
    return List.copyOf(kept);
  }

  /** The deepest path covering every target: {@code /AG/VB} for {@code /AG/VB/C01, /AG/VB/C02}. */
  static String commonAncestor(List<String> paths) {
    String[] common = paths.get(0).substring(1).split("/");
    int length = common.length;
    for (String path : paths.subList(1, paths.size())) {
      String[] segments = path.substring(1).split("/");
      int i = 0;
      while (i < Math.min(length, segments.length) && common[i].equals(segments[i])) {
        i++;
      }
      length = i;
    }
    return length == 0 ? "/" : "/" + String.join("/", java.util.Arrays.copyOf(common, length));
  }
}
