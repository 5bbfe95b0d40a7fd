package vn.digicell.meeting.minutes;

import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.web.ProblemException;

/**
 * The members' signing keys with their history. Keys registered before history was kept (one per
 * member in {@code signing_keys}) are carried over once, as each member's first key valid from its
 * registration, and announced like any new key: at start-up for all of them, and on first use for
 * any a start-up has not reached yet. Any number of replicas may do this at once: the carried-over
 * document is inserted, and a replica that finds it already there uses that one.
 */
@Component
class SigningKeyRegistry {

  private static final Logger log = LoggerFactory.getLogger(SigningKeyRegistry.class);
  private static final int ATTEMPTS = 8;
  private static final int PAGE = 500;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final Clock clock;

  SigningKeyRegistry(MongoTemplate mongo, Outbox outbox, Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A member's keys, carrying a first-release key over when that is all there is. */
  Optional<SigningKeys> of(String memberId) {
    SigningKeys keys = mongo.findById(memberId, SigningKeys.class);
    if (keys != null) {
      return Optional.of(keys);
    }
    SigningKey legacy = mongo.findById(memberId, SigningKey.class);
    return legacy == null ? Optional.empty() : Optional.of(carryOver(legacy));
  }

  /** Registers {@code publicKey} (raw, base64) for the member from now on; older keys stay. */
  SigningKeys register(String memberId, String publicKey) {
    for (int attempt = 1; ; attempt++) {
      Optional<SigningKeys> existing = of(memberId);
      try {
        if (existing.isEmpty()) {
          return outbox.saveAndPublish(
              SigningKeys.first(memberId, publicKey, java.time.Instant.now(clock), clock));
        }
        SigningKeys keys = existing.get();
        return keys.register(publicKey, clock) ? outbox.saveAndPublish(keys) : keys;
      } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
        if (attempt == ATTEMPTS) {
          throw ProblemException.conflict(
              "signing-key-busy", "Your signing key changed meanwhile; please try again.");
        }
      }
    }
  }

  private SigningKeys carryOver(SigningKey legacy) {
    try {
      return outbox.saveAndPublish(
          SigningKeys.first(legacy.memberId(), legacy.publicKey(), legacy.registeredAt(), clock));
    } catch (DuplicateKeyException | OptimisticLockingFailureException e) {
      // another replica carried it over first
      return mongo.findById(legacy.memberId(), SigningKeys.class);
    }
  }

  /** Carries every first-release key over (and announces it) once the service is up. */
  @EventListener(ApplicationReadyEvent.class)
  void carryOverFirstReleaseKeys() {
    int carried = 0;
    String after = "";
    while (true) {
      var page =
          mongo.find(
              Query.query(Criteria.where("_id").gt(after))
                  .with(org.springframework.data.domain.Sort.by("_id"))
                  .limit(PAGE),
              SigningKey.class);
      for (SigningKey legacy : page) {
        if (!mongo.exists(
            Query.query(Criteria.where("_id").is(legacy.memberId())), SigningKeys.class)) {
          carryOver(legacy);
          carried++;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).memberId();
    }
    if (carried > 0) {
      log.info("carried {} signing keys of the first release into the key history", carried);
    }
  }
}
