package vn.digicell.member.member;

import java.time.Clock;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import vn.digicell.platform.security.CurrentUser;

/** The audit log of full-profile reads: who read whose record, when. */
@Component
class ProfileReads {

  static final String COLLECTION = "profile_reads";

  private final MongoTemplate mongo;
  private final Clock clock;

  ProfileReads(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  void record(CurrentUser reader, Member member) {
    mongo.insert(
        new Document("reader", reader.username())
            .append("readerSubject", reader.subject())
            .append("memberId", member.id())
            .append("orgPath", member.path())
            .append("at", Date.from(clock.instant())),
        COLLECTION);
  }
}
