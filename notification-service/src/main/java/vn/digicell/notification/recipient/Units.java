package vn.digicell.notification.recipient;

import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Org unit names by path (from orgunit.events), to word notices with names, not paths. */
@Service
public class Units {

  static final String COLLECTION = "units";

  private final MongoTemplate mongo;

  Units(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("path", org.springframework.data.domain.Sort.Direction.ASC));
  }

  public void named(String orgUnitId, String path, String name) {
    Update update = new Update().set("path", path);
    if (name != null) {
      update.set("name", name);
    }
    mongo.upsert(Query.query(Criteria.where("_id").is(orgUnitId)), update, COLLECTION);
  }

  /** A unit moved: its path and its subtree's paths get the new prefix (bounded batches). */
  public void moved(String oldPath, String newPath) {
    if (oldPath == null || newPath == null || oldPath.equals(newPath)) {
      return;
    }
    Query under =
        Query.query(
                Criteria.where("path")
                    .regex("^" + java.util.regex.Pattern.quote(oldPath) + "(/|$)"))
            .limit(500);
    while (true) {
      java.util.List<Document> page = mongo.find(under, Document.class, COLLECTION);
      if (page.isEmpty()) {
        return;
      }
      for (Document d : page) {
        String path = d.getString("path");
        mongo.updateFirst(
            Query.query(Criteria.where("_id").is(d.get("_id"))),
            new Update().set("path", newPath + path.substring(oldPath.length())),
            COLLECTION);
      }
    }
  }

  /** The unit's name, or its path when unknown. */
  public String nameOf(String path) {
    if (path == null) {
      return "";
    }
    return Optional.ofNullable(
            mongo.findOne(Query.query(Criteria.where("path").is(path)), Document.class, COLLECTION))
        .map(d -> d.getString("name"))
        .orElse(path);
  }
}
