package vn.digicell.member.shared;

/** Realm roles as member-service uses them. */
public final class Roles {

  public static final String MEMBER = "member";
  public static final String CELL_SECRETARY = "cell-secretary";
  public static final String COMMITTEE = "committee";
  public static final String ORG_ADMIN = "org-admin";
  public static final String IT_ADMIN = "it-admin";
  public static final String AUDITOR = "auditor";

  /** Who may read member records of the org units they act for. */
  public static final String[] READ_MEMBERS = {
    CELL_SECRETARY, COMMITTEE, ORG_ADMIN, IT_ADMIN, AUDITOR
  };

  /** Who may admit members into the org units they act for. */
  public static final String[] ADMIT_MEMBERS = {COMMITTEE, ORG_ADMIN};

  /** Who keeps the everyday record (work, training, annual evaluation) of a cell's members. */
  public static final String[] KEEP_RECORDS = {CELL_SECRETARY, COMMITTEE, ORG_ADMIN};

  /** Who records status decisions (official recognition, exemption, removal, expulsion, death). */
  public static final String[] DECIDE_STATUS = {COMMITTEE, ORG_ADMIN};

  /** Who may shape the org tree under the paths they act for. */
  public static final String[] MANAGE_ORG_TREE = {ORG_ADMIN};

  /** Who may move, merge and split units, acting for both sides (the old and new parent). */
  public static final String[] REORGANISE = {ORG_ADMIN, COMMITTEE};

  /** Who may end a temporary attachment early, acting for either cell. */
  public static final String[] END_ATTACHMENT = {CELL_SECRETARY, COMMITTEE, ORG_ADMIN};

  /** Who sees personal fields (citizen id, phone, e-mail) in an export. */
  public static final String[] EXPORT_PERSONAL = {ORG_ADMIN};

  private Roles() {}
}
