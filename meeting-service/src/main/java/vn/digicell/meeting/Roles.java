package vn.digicell.meeting;

/** The realm roles meeting-service asks about. */
public final class Roles {

  public static final String SECRETARY = "cell-secretary";
  public static final String COMMITTEE = "committee";
  public static final String MEMBER = "member";
  public static final String ORG_ADMIN = "org-admin";
  public static final String ANALYST = "analyst";
  public static final String IT_ADMIN = "it-admin";

  private Roles() {}
}
