package vn.digicell.platform.events;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka health: the broker answers a cluster description within a few seconds. Part of the
 * readiness group, so a service that lost its broker stops receiving traffic until it is back (the
 * outbox keeps what it could not publish; the relay sends it then).
 */
class KafkaBrokerHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

  private static final int TIMEOUT_MS = 3000;

  private final KafkaAdmin admin;
  private volatile AdminClient client;

  KafkaBrokerHealthIndicator(KafkaAdmin admin) {
    super("Kafka broker unreachable");
    this.admin = admin;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    int nodes =
        client()
            .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
            .nodes()
            .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS)
            .size();
    if (nodes == 0) {
      builder.down().withDetail("nodes", 0);
    } else {
      builder.up().withDetail("nodes", nodes);
    }
  }

  private AdminClient client() {
    AdminClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = AdminClient.create(admin.getConfigurationProperties());
          client = c;
        }
      }
    }
    return c;
  }

  @Override
  public void close() {
    AdminClient c = client;
    if (c != null) {
      c.close(java.time.Duration.ofSeconds(1));
    }
  }
}
