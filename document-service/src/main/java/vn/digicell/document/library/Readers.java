package vn.digicell.document.library;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.query.Criteria;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.security.OrgPaths;

/** Who may see which document: one rule, applied to single reads and to list queries alike. */
final class Readers {

  /** Roles that publish and manage documents for the orgs they act for. */
  static final String[] MANAGERS = {"cell-secretary", "committee", "org-admin"};

  static final String[] COMMITTEE = {"committee", "org-admin"};

  private Readers() {}

  /** One grant carries a managing role and covers the path. */
  static boolean mayManage(CurrentUser user, String orgPath) {
    return user.holds(orgPath, MANAGERS);
  }

  /** Whether {@code user} may see {@code doc} (retracted ones only by its managers). */
  static boolean maySee(CurrentUser user, LibraryDocument doc) {
    if (doc.status() == LibraryDocument.Status.RETRACTED) {
      return mayManage(user, doc.path());
    }
    return switch (doc.visibility()) {
      case PUBLIC -> true;
      // one grant, whatever its role, lying in the document's subtree or above it
      case SUBTREE ->
          user.pathsWith().stream()
              .anyMatch(s -> OrgPaths.covers(doc.path(), s) || OrgPaths.covers(s, doc.path()));
      case COMMITTEE_ONLY -> user.holds(doc.path(), COMMITTEE);
    };
  }

  /** The same rule as a query over published documents. */
  static Criteria visibleTo(CurrentUser user) {
    List<Criteria> any = new ArrayList<>();
    any.add(Criteria.where("visibility").is(Visibility.PUBLIC));
    List<String> ancestors = new ArrayList<>();
    List<Criteria> below = new ArrayList<>();
    for (String scope : normalised(user.pathsWith())) {
      ancestors.addAll(ancestorsOrSelf(scope));
      below.add(subtree(scope));
    }
    if (!below.isEmpty()) {
      any.add(
          new Criteria()
              .andOperator(
                  Criteria.where("visibility").is(Visibility.SUBTREE),
                  new Criteria()
                      .orOperator(
                          concat(List.of(Criteria.where("orgPath").in(ancestors)), below))));
    }
    // committee-only documents: the paths of the committee grants alone, never another grant's
    List<String> committee = normalised(user.pathsWith(COMMITTEE));
    if (!committee.isEmpty()) {
      any.add(
          new Criteria()
              .andOperator(
                  Criteria.where("visibility").is(Visibility.COMMITTEE_ONLY),
                  new Criteria()
                      .orOperator(
                          concat(
                              List.of(Criteria.where("orgPath").in(committee)),
                              committee.stream().map(Readers::subtree).toList()))));
    }
    return new Criteria()
        .andOperator(
            Criteria.where("status").is(LibraryDocument.Status.PUBLISHED),
            new Criteria().orOperator(any));
  }

  private static List<String> normalised(List<String> paths) {
    return paths.stream()
        .filter(s -> s != null && s.startsWith("/"))
        .map(s -> s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
        .toList();
  }

  private static Criteria subtree(String path) {
    return Criteria.where("orgPath").regex("^" + Pattern.quote(path.equals("/") ? "" : path) + "/");
  }

  private static List<String> ancestorsOrSelf(String path) {
    List<String> out = new ArrayList<>();
    if (path.equals("/")) {
      return out;
    }
    int i = 0;
    while ((i = path.indexOf('/', i + 1)) > 0) {
      out.add(path.substring(0, i));
    }
    out.add(path);
    return out;
  }

  private static List<Criteria> concat(List<Criteria> a, List<Criteria> b) {
    List<Criteria> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
