package vn.digicell.local;

/**
 * Every port the local platform listens on. The e2e suite runs a second platform beside a
 * developer's one by shifting all ports by the same offset (+10000), so nothing here is fixed.
 */
public record Ports(
    int gateway,
    int member,
    int meeting,
    int document,
    int notification,
    int keycloak,
    int keycloakManagement,
    int kafka,
    int kafkaController,
    int mongo) {

  /** The fixed local ports of ARCHITECTURE.md, shifted by {@code offset}. */
  public static Ports withOffset(int offset) {
    return new Ports(
        8080 + offset,
        8081 + offset,
        8082 + offset,
        8083 + offset,
        8084 + offset,
        8180 + offset,
        9180 + offset,
        9092 + offset,
        9093 + offset,
        27017 + offset);
  }

  /**
   * The ports of replica {@code n} (1-based) of the gateway and the services: the first set is this
   * one, the second is shifted by 10 (gateway 8090, member-service 8091…); the broker, the store,
   * Keycloak and Redis are shared.
   */
  public Ports replica(int n) {
    int shift = 10 * (n - 1);
    return new Ports(
        gateway + shift,
        member + shift,
        meeting + shift,
        document + shift,
        notification + shift,
        keycloak,
        keycloakManagement,
        kafka,
        kafkaController,
        mongo);
  }

  /** The local SMTP server (GreenMail) notification-service sends e-mail to. */
  public int smtp() {
    return 3025 + offset();
  }

  /** Lists the e-mails the local SMTP server received ({@code GET /mails}). */
  public int mailViewer() {
    return 8186 + offset();
  }

  /** The stand-in SMS and Zalo provider ({@code GET /messages} lists what it was sent). */
  public int providers() {
    return 8185 + offset();
  }

  /**
   * Redis, the gateway's session store: 6380, beside the 6379 a system Redis installed from
   * Debian's package (it starts its own service) already holds.
   */
  public int redis() {
    return 6380 + offset();
  }

  private int offset() {
    // Keycloak is shared by every replica: its port carries the platform's offset
    return keycloak - 8180;
  }

  public int of(Service service) {
    return switch (service) {
      case MEMBER -> member;
      case MEETING -> meeting;
      case DOCUMENT -> document;
      case NOTIFICATION -> notification;
      case GATEWAY -> gateway;
    };
  }
}
