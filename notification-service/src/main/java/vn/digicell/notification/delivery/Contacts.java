package vn.digicell.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/** Keeps the contacts projection (latest value wins: the topic is compacted, keyed by member). */
@Service
public class Contacts {

  private final MongoTemplate mongo;
  private final Clock clock;

  Contacts(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The member's contact details are now these (null: none). */
  public void changed(String memberId, String email, String phone, String zaloId) {
    mongo.save(new Contact(memberId, email, phone, zaloId, Instant.now(clock)));
  }
}
