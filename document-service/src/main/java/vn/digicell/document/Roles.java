package vn.digicell.document;

/**
 * The realm roles document-service decides with, and the role sets of its read rules. Every
 * decision on a resource under an org path asks whether ONE grant carries one of these roles and
 * covers the path ({@code CurrentUser.holds}, {@code AccessGuard.requireActOn}).
 */
public final class Roles {

  public static final String MEMBER = "member";
  public static final String SECRETARY = "cell-secretary";
  public static final String COMMITTEE = "committee";
  public static final String ORG_ADMIN = "org-admin";
  public static final String IT_ADMIN = "it-admin";
  public static final String ANALYST = "analyst";
  public static final String AUDITOR = "auditor";

  /**
   * Who reads a meeting (meeting-service's rule): a member of the meeting's cell (a {@code member}
   * grant on it: official membership or a temporary attachment) or a staff role on a covering path.
   */
  public static final String[] MEETING_READERS = {MEMBER, SECRETARY, COMMITTEE};

  /**
   * Who reads archive records and their proofs: the meeting readers plus {@code auditor} on a
   * covering path. Analysts and IT admins do not read minutes.
   */
  public static final String[] ARCHIVE_READERS = {MEMBER, SECRETARY, COMMITTEE, AUDITOR};

  /** Who runs a verification of the archive (over the records under the paths they hold it). */
  public static final String[] ARCHIVE_AUDITORS = {AUDITOR, IT_ADMIN};

  private Roles() {}
}
