package vn.digicell.platform.events;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * MongoDB health by {@code ping}, which both MongoDB and the embedded store answer (Boot's own
 * indicator sends {@code hello}, which the embedded store does not know).
 */
class MongoPingHealthIndicator extends AbstractHealthIndicator {

  private final MongoTemplate mongo;

  MongoPingHealthIndicator(MongoTemplate mongo) {
    super("MongoDB ping failed");
    this.mongo = mongo;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Document result = mongo.executeCommand(new Document("ping", 1));
    builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", result.get("ok"));
  }
}
