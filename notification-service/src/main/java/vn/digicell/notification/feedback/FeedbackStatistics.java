package vn.digicell.notification.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import vn.digicell.platform.security.AccessGuard;

/** Open, overdue and resolved feedback and the average time to resolve, per committee. */
@Service
public class FeedbackStatistics {

  static final String[] READER_ROLES = {"committee", "org-admin", "analyst"};

  private final MongoTemplate mongo;
  private final AccessGuard guard;
  private final Clock clock;

  FeedbackStatistics(MongoTemplate mongo, AccessGuard guard, Clock clock) {
    this.mongo = mongo;
    this.guard = guard;
    this.clock = clock;
  }

  /** One committee's figures; the average is over resolved items, null when there are none. */
  public record CommitteeFigures(
      String routedTo,
      long open,
      long overdue,
      long resolved,
      long declined,
      Long averageSecondsToResolve) {}

  /** The figures of every committee under {@code under} with any feedback, in path order. */
  public List<CommitteeFigures> under(String under) {
    guard.requireActOn(under, READER_ROLES);
    Criteria scope = Criteria.where("routedTo").regex(FeedbackService.under(under));
    Map<String, long[]> figures = new TreeMap<>();
    // one group per committee and status: bounded by committees × 5, whatever the item count
    for (Document row :
        mongo
            .aggregate(
                Aggregation.newAggregation(
                    Aggregation.match(scope),
                    Aggregation.group("routedTo", "status")
                        .count()
                        .as("n")
                        .sum("resolveMillis")
                        .as("millis")),
                Feedback.class,
                Document.class)
            .getMappedResults()) {
      Document id = row.get("_id", Document.class);
      long[] f = figures.computeIfAbsent(id.getString("routedTo"), k -> new long[5]);
      long n = ((Number) row.get("n")).longValue();
      switch (Feedback.Status.valueOf(id.getString("status"))) {
        case RESOLVED -> {
          f[2] += n;
          f[4] += row.get("millis") == null ? 0 : ((Number) row.get("millis")).longValue();
        }
        case DECLINED -> f[3] += n;
        default -> f[0] += n;
      }
    }
    Instant now = Instant.now(clock);
    for (Document row :
        mongo
            .aggregate(
                Aggregation.newAggregation(
                    Aggregation.match(
                        new Criteria()
                            .andOperator(
                                scope,
                                Criteria.where("status")
                                    .in(
                                        Feedback.Status.RECEIVED.name(),
                                        Feedback.Status.ASSIGNED.name(),
                                        Feedback.Status.IN_PROGRESS.name()),
                                Criteria.where("resolveBy").lt(now))),
                    Aggregation.group("routedTo").count().as("n")),
                Feedback.class,
                Document.class)
            .getMappedResults()) {
      figures.computeIfAbsent(row.getString("_id"), k -> new long[5])[1] =
          ((Number) row.get("n")).longValue();
    }
    return figures.entrySet().stream()
        .map(
            e ->
                new CommitteeFigures(
                    e.getKey(),
                    e.getValue()[0],
                    e.getValue()[1],
                    e.getValue()[2],
                    e.getValue()[3],
                    e.getValue()[2] == 0 ? null : e.getValue()[4] / e.getValue()[2] / 1000))
        .toList();
  }
}
