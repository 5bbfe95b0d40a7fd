package vn.digicell.document.library;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.gridfs.GridFsResource;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/** Publishes documents and their versions, retracts them, and serves them to those who may see. */
@Service
public class DocumentService {

  private final MongoTemplate mongo;
  private final GridFsTemplate files;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final Clock clock;
  private final long maxSize;

  DocumentService(
      MongoTemplate mongo,
      GridFsTemplate files,
      Outbox outbox,
      AccessGuard guard,
      Clock clock,
      @Value("${digicell.documents.max-size:50MB}") DataSize maxSize) {
    this.mongo = mongo;
    this.files = files;
    this.outbox = outbox;
    this.guard = guard;
    this.clock = clock;
    this.maxSize = maxSize.toBytes();
  }

  /** An uploaded file: its name as given, its size and a way to read it (more than once). */
  public record Upload(String filename, long size, Supplier<InputStream> content) {}

  /** A version's content, ready to stream. */
  public record Content(LibraryDocument.ContentVersion version, GridFsResource resource) {}

  public LibraryDocument publish(LibraryDocument.Metadata metadata, Upload upload) {
    requireManage(metadata.orgPath());
    LibraryDocument.ContentVersion first = store(upload, 1);
    try {
      return outbox.saveAndPublish(LibraryDocument.publish(metadata, first, clock));
    } catch (RuntimeException e) {
      files.delete(Query.query(Criteria.where("_id").is(new ObjectId(first.fileId()))));
      throw e;
    }
  }

  public LibraryDocument addVersion(String id, Upload upload) {
    LibraryDocument doc = find(id);
    requireManage(doc.path());
    LibraryDocument.ContentVersion next = store(upload, doc.nextVersionNumber());
    try {
      doc.addVersion(next, clock);
      return outbox.saveAndPublish(doc);
    } catch (RuntimeException e) {
      files.delete(Query.query(Criteria.where("_id").is(new ObjectId(next.fileId()))));
      throw e;
    }
  }

  public LibraryDocument changeMetadata(String id, LibraryDocument.Metadata metadata) {
    LibraryDocument doc = find(id);
    requireManage(doc.path());
    doc.changeMetadata(metadata, clock);
    return outbox.saveAndPublish(doc);
  }

  public LibraryDocument retract(String id, String reason) {
    LibraryDocument doc = find(id);
    requireManage(doc.path());
    doc.retract(reason, clock);
    return outbox.saveAndPublish(doc);
  }

  /** A document the caller may see; otherwise 404, so hidden documents do not reveal themselves. */
  public LibraryDocument read(String id) {
    LibraryDocument doc = find(id);
    if (!Readers.maySee(guard.currentUser(), doc)) {
      throw notFound(id);
    }
    return doc;
  }

  /**
   * The published documents among {@code ids} that {@code user} may see, in the order asked; a
   * {@code null} user (no token) sees only public ones. Unknown or hidden ids are left out.
   */
  public List<LibraryDocument> visibleAmong(List<String> ids, CurrentUser user) {
    if (ids.isEmpty()) {
      return List.of();
    }
    java.util.Map<String, LibraryDocument> found = new java.util.HashMap<>();
    for (LibraryDocument d :
        mongo.find(Query.query(Criteria.where("_id").in(ids)), LibraryDocument.class)) {
      boolean visible =
          d.status() == LibraryDocument.Status.PUBLISHED
              && (user == null ? d.visibility() == Visibility.PUBLIC : Readers.maySee(user, d));
      if (visible) {
        found.put(d.id(), d);
      }
    }
    return ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
  }

  public Content content(String id, int versionNumber) {
    LibraryDocument doc = read(id);
    LibraryDocument.ContentVersion version =
        doc.versions().stream()
            .filter(v -> v.number() == versionNumber)
            .findFirst()
            .orElseThrow(
                () ->
                    ProblemException.notFound(
                        "version-not-found",
                        "Document " + id + " has no version " + versionNumber + "."));
    GridFSFile file =
        files.findOne(Query.query(Criteria.where("_id").is(new ObjectId(version.fileId()))));
    if (file == null) {
      throw new IllegalStateException("content of " + id + " v" + versionNumber + " is missing");
    }
    guard.currentUser().ownMemberId().ifPresent(member -> receipt(doc, member, versionNumber));
    return new Content(version, files.getResource(file));
  }

  /** Who has opened a document, for its managers, a keyset page at a time. */
  public Cursor.Page<ReadReceipt> receipts(String id, String cursor, int size) {
    LibraryDocument doc = find(id);
    requireManage(doc.path());
    Criteria criteria = Criteria.where("documentId").is(id);
    String after = Cursor.decode(cursor);
    if (after != null) {
      criteria = criteria.and("_id").gt(after);
    }
    return Cursor.Page.of(
        mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(size + 1), ReadReceipt.class),
        size,
        r -> r,
        ReadReceipt::id);
  }

  private void receipt(LibraryDocument doc, String memberId, int version) {
    String receiptId = ReadReceipt.idOf(doc.id(), memberId);
    Query query = Query.query(Criteria.where("_id").is(receiptId));
    Update again = new Update().inc("reads", 1).set("lastReadAt", Instant.now(clock));
    if (mongo.updateFirst(query, again, ReadReceipt.class).getMatchedCount() > 0) {
      return;
    }
    try {
      outbox.saveAndPublish(ReadReceipt.first(doc, memberId, version, clock));
    } catch (DuplicateKeyException | OptimisticLockingFailureException e) {
      // read at the same moment on another device: that one announced it; count this read
      mongo.updateFirst(query, again, ReadReceipt.class);
    }
  }

  /**
   * Published documents the caller may see, newest first, a keyset page at a time; {@code text}
   * matches title, number, summary and tags ignoring diacritics and case.
   */
  public Cursor.Page<LibraryDocument> search(
      String text, DocumentKind kind, String cursor, int size) {
    return search(new Filter(text, kind, null, null, null), cursor, size);
  }

  /** What a library search may filter on; null parts do not filter. */
  public record Filter(
      String text,
      DocumentKind kind,
      String issuingBody,
      java.time.LocalDate issuedFrom,
      java.time.LocalDate issuedTo) {}

  /** {@link #search(String, DocumentKind, String, int)} with issuer and issue-date filters. */
  public Cursor.Page<LibraryDocument> search(Filter filter, String cursor, int size) {
    String text = filter.text();
    DocumentKind kind = filter.kind();
    CurrentUser user = guard.currentUser();
    Criteria criteria = Readers.visibleTo(user);
    List<Criteria> filters = new java.util.ArrayList<>(List.of(criteria));
    String folded = SearchText.fold(text);
    if (!folded.isEmpty()) {
      for (String word : folded.split(" ")) {
        filters.add(Criteria.where("searchText").regex(Pattern.quote(word)));
      }
    }
    if (kind != null) {
      filters.add(Criteria.where("kind").is(kind));
    }
    if (filter.issuingBody() != null && !filter.issuingBody().isBlank()) {
      filters.add(Criteria.where("issuerKey").is(SearchText.fold(filter.issuingBody())));
    }
    if (filter.issuedFrom() != null) {
      filters.add(Criteria.where("issuedOn").gte(filter.issuedFrom()));
    }
    if (filter.issuedTo() != null) {
      filters.add(Criteria.where("issuedOn").lte(filter.issuedTo()));
    }
    String after = Cursor.decode(cursor);
    if (after != null) {
      filters.add(Criteria.where("_id").lt(after));
    }
    Query query =
        Query.query(new Criteria().andOperator(filters))
            .with(Sort.by(Sort.Direction.DESC, "_id"))
            .limit(size + 1);
    return Cursor.Page.of(
        mongo.find(query, LibraryDocument.class), size, d -> d, LibraryDocument::id);
  }

  /** Checks type and size from the content itself, then stores it with its SHA-256. */
  private LibraryDocument.ContentVersion store(Upload upload, int number) {
    if (upload.size() <= 0) {
      throw ProblemException.badRequest("empty-content", "The uploaded file is empty.");
    }
    if (upload.size() > maxSize) {
      throw new ProblemException(
          HttpStatus.CONTENT_TOO_LARGE,
          "content-too-large",
          "Documents may be at most " + DataSize.ofBytes(maxSize).toMegabytes() + " MB.");
    }
    String mediaType;
    try (InputStream in = new BufferedInputStream(upload.content().get())) {
      mediaType = ContentPolicy.detect(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!ContentPolicy.accepts(mediaType)) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-content",
          "Only documents, images, audio and video are accepted; this content is "
              + mediaType
              + ".");
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String filename = sanitise(upload.filename());
    mediaType = ContentPolicy.refine(mediaType, filename);
    ObjectId fileId;
    try (InputStream in = new DigestInputStream(upload.content().get(), sha)) {
      fileId = files.store(in, filename, mediaType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LibraryDocument.ContentVersion(
        number,
        fileId.toHexString(),
        filename,
        mediaType,
        upload.size(),
        LibraryDocument.hex(sha.digest()),
        Instant.now(clock),
        guard.currentUser().username());
  }

  private static String sanitise(String filename) {
    String name = filename == null ? "" : filename.replaceAll("[\\\\/\\p{Cntrl}\"]", "_").strip();
    return name.isEmpty() ? "document" : name.length() > 200 ? name.substring(0, 200) : name;
  }

  private void requireManage(String orgPath) {
    guard.requireActOn(orgPath, Readers.MANAGERS);
  }

  private LibraryDocument find(String id) {
    LibraryDocument doc = mongo.findById(id, LibraryDocument.class);
    if (doc == null) {
      throw notFound(id);
    }
    return doc;
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound("document-not-found", "No document " + id + ".");
  }
}
