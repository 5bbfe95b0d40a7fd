package vn.digicell.notification.delivery;

/** What a provider said: accepted (with its message id), try later, or never. */
record SendResult(Outcome outcome, String providerMessageId, String reason) {

  enum Outcome {
    SENT,
    TRANSIENT,
    PERMANENT
  }

  static SendResult sent(String providerMessageId) {
    return new SendResult(Outcome.SENT, providerMessageId, null);
  }

  static SendResult retryLater(String reason) {
    return new SendResult(Outcome.TRANSIENT, null, truncate(reason));
  }

  static SendResult failed(String reason) {
    return new SendResult(Outcome.PERMANENT, null, truncate(reason));
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 300);
  }
}
