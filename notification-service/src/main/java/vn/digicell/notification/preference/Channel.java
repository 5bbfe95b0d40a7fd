package vn.digicell.notification.preference;

/** Where a notice can reach a member. The inbox is always on. */
public enum Channel {
  INBOX,
  EMAIL,
  SMS,
  ZALO;

  /** Channels that wake someone up: held back during quiet hours. */
  public boolean intrusive() {
    return this == SMS || this == ZALO;
  }
}
