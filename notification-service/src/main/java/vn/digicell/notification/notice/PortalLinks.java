package vn.digicell.notification.notice;

/**
 * Where a notice leads: a route of the portal (its hash address), so the link works as it is in the
 * inbox and, after the portal's base URL, in e-mails and Zalo messages. Each names a page the
 * recipient's roles can open.
 */
public final class PortalLinks {

  private PortalLinks() {}

  /** The meeting with its agenda and documents (members of the cell). */
  public static String meeting(String meetingId) {
    return "/#/meeting/" + meetingId;
  }

  /** The meeting's minutes (members of the cell). */
  public static String minutes(String meetingId) {
    return "/#/minutes/" + meetingId;
  }

  /** The member's own record, with their history and contact details. */
  public static String profile() {
    return "/#/profile";
  }

  /** The inbox: broadcasts to read and acknowledge, and what has no page of its own. */
  public static String notices() {
    return "/#/notices";
  }

  /** One broadcast as its recipient reads it: a task is acknowledged there. */
  public static String broadcast(String broadcastId) {
    return "/#/broadcast/" + broadcastId;
  }

  /** The member's own feedback item, with its status and the committee's answers. */
  public static String myFeedback(String feedbackId) {
    return "/#/my-feedback/" + feedbackId;
  }

  /** The committee's view of one feedback item. */
  public static String committeeFeedback(String feedbackId) {
    return "/#/committee-feedback-item/" + feedbackId;
  }

  /** The committee's overview, where attendance alerts show. */
  public static String committee() {
    return "/#/committee";
  }
}
