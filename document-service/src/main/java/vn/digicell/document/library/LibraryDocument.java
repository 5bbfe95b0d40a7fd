package vn.digicell.document.library;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A document of the library: its register metadata, who may see it, and its versions (content in
 * GridFS, never overwritten). Retraction hides it without losing anything.
 */
@Document("documents")
@CompoundIndex(name = "visible_newest", def = "{'status': 1, 'orgPath': 1, '_id': -1}")
@CompoundIndex(name = "kind_newest", def = "{'status': 1, 'kind': 1, '_id': -1}")
public class LibraryDocument extends AggregateRoot {

  static final String PUBLISHED = "vn.digicell.document.published.v1";
  static final String VERSION_ADDED = "vn.digicell.document.version-added.v1";
  static final String RETRACTED = "vn.digicell.document.retracted.v1";
  static final String METADATA_CHANGED = "vn.digicell.document.metadata-changed.v1";
  static final int MAX_VERSIONS = 200;

  /** Whether the document is in force in the library. */
  public enum Status {
    PUBLISHED,
    RETRACTED
  }

  /** What describes a document. */
  public record Metadata(
      String title,
      DocumentKind kind,
      String number,
      String issuingBody,
      LocalDate issuedOn,
      LocalDate effectiveOn,
      String summary,
      List<String> tags,
      Visibility visibility,
      String orgPath) {}

  /** One stored version of the content. */
  public record ContentVersion(
      int number,
      String fileId,
      String filename,
      String mediaType,
      long size,
      String sha256,
      Instant addedAt,
      String addedBy) {}

  @Id private final String id;
  private Metadata metadata;
  private String searchText;
  private String issuerKey;
  private LocalDate issuedOn;
  private final String orgPath;
  private DocumentKind kind;
  private Visibility visibility;
  private Status status;
  private final List<ContentVersion> versions;
  private final Instant publishedAt;
  private Instant retractedAt;
  private String retractionReason;
  @Version private Long version;

  @PersistenceCreator
  LibraryDocument(
      String id,
      Metadata metadata,
      String searchText,
      String issuerKey,
      LocalDate issuedOn,
      String orgPath,
      DocumentKind kind,
      Visibility visibility,
      Status status,
      List<ContentVersion> versions,
      Instant publishedAt,
      Instant retractedAt,
      String retractionReason) {
    this.id = id;
    this.metadata = metadata;
    this.searchText = searchText;
    this.issuerKey = issuerKey;
    this.issuedOn = issuedOn;
    this.orgPath = orgPath;
    this.kind = kind;
    this.visibility = visibility;
    this.status = status;
    this.versions = new ArrayList<>(versions == null ? List.of() : versions);
    this.publishedAt = publishedAt;
    this.retractedAt = retractedAt;
    this.retractionReason = retractionReason;
  }

  /** Publishes a document with its first version. */
  static LibraryDocument publish(Metadata metadata, ContentVersion first, Clock clock) {
    Instant now = Instant.now(clock);
    String id = "%013x%08x".formatted(now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    LibraryDocument doc =
        new LibraryDocument(
            id,
            metadata,
            searchText(metadata),
            SearchText.fold(metadata.issuingBody()),
            metadata.issuedOn(),
            metadata.orgPath(),
            metadata.kind(),
            metadata.visibility(),
            Status.PUBLISHED,
            List.of(first),
            now,
            null,
            null);
    doc.record(
        PUBLISHED,
        new DocumentPublished(
            id,
            metadata.title(),
            metadata.kind().name(),
            metadata.number(),
            metadata.issuingBody(),
            metadata.orgPath(),
            metadata.visibility().name(),
            VersionInfo.of(first)),
        clock);
    return doc;
  }

  /** Adds a version; earlier versions stay. */
  void addVersion(ContentVersion next, Clock clock) {
    requirePublished();
    if (versions.size() >= MAX_VERSIONS) {
      throw ProblemException.ruleViolated(
          "too-many-versions", "A document keeps at most " + MAX_VERSIONS + " versions.");
    }
    versions.add(next);
    record(VERSION_ADDED, new VersionAdded(id, orgPath, VersionInfo.of(next)), clock);
  }

  /**
   * Corrects or completes the register metadata. The owning org is fixed (a document of another org
   * is a new document); anything else may change, visibility included.
   */
  void changeMetadata(Metadata next, Clock clock) {
    requirePublished();
    if (!next.orgPath().equals(orgPath)) {
      throw ProblemException.ruleViolated(
          "document-org-fixed", "A document stays with the org that published it.");
    }
    List<String> changed = new ArrayList<>();
    compare(changed, "title", metadata.title(), next.title());
    compare(changed, "kind", metadata.kind(), next.kind());
    compare(changed, "number", metadata.number(), next.number());
    compare(changed, "issuingBody", metadata.issuingBody(), next.issuingBody());
    compare(changed, "issuedOn", metadata.issuedOn(), next.issuedOn());
    compare(changed, "effectiveOn", metadata.effectiveOn(), next.effectiveOn());
    compare(changed, "summary", metadata.summary(), next.summary());
    compare(changed, "tags", metadata.tags(), next.tags());
    compare(changed, "visibility", metadata.visibility(), next.visibility());
    if (changed.isEmpty()) {
      return;
    }
    metadata = next;
    searchText = searchText(next);
    issuerKey = SearchText.fold(next.issuingBody());
    issuedOn = next.issuedOn();
    kind = next.kind();
    visibility = next.visibility();
    record(
        METADATA_CHANGED,
        new MetadataChanged(
            id,
            orgPath,
            next.title(),
            next.kind().name(),
            next.number(),
            next.issuingBody(),
            next.visibility().name(),
            List.copyOf(changed)),
        clock);
  }

  private static void compare(List<String> changed, String field, Object before, Object after) {
    if (!java.util.Objects.equals(before, after)) {
      changed.add(field);
    }
  }

  /** Hides the document from the library; its record and content are kept. */
  void retract(String reason, Clock clock) {
    requirePublished();
    status = Status.RETRACTED;
    retractedAt = Instant.now(clock);
    retractionReason = reason;
    record(RETRACTED, new DocumentRetracted(id, orgPath, reason, retractedAt), clock);
  }

  private void requirePublished() {
    if (status == Status.RETRACTED) {
      throw ProblemException.ruleViolated(
          "document-retracted", "The document has been retracted and cannot change.");
    }
  }

  int nextVersionNumber() {
    return versions.size() + 1;
  }

  static String searchText(Metadata m) {
    return SearchText.fold(
        String.join(
            " ",
            m.title(),
            m.number() == null ? "" : m.number(),
            m.summary() == null ? "" : m.summary(),
            m.tags() == null ? "" : String.join(" ", m.tags())));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String path() {
    return orgPath;
  }

  public Metadata metadata() {
    return metadata;
  }

  public Visibility visibility() {
    return visibility;
  }

  public Status status() {
    return status;
  }

  public List<ContentVersion> versions() {
    return List.copyOf(versions);
  }

  public Instant publishedAt() {
    return publishedAt;
  }

  public Instant retractedAt() {
    return retractedAt;
  }

  /** The event's view of a version: no file id, the content is fetched through the API. */
  record VersionInfo(int number, String mediaType, long size, String sha256) {
    static VersionInfo of(ContentVersion v) {
      return new VersionInfo(v.number(), v.mediaType(), v.size(), v.sha256());
    }
  }

  /** Payload of {@code vn.digicell.document.published.v1}. */
  record DocumentPublished(
      String documentId,
      String title,
      String kind,
      String number,
      String issuingBody,
      String orgPath,
      String visibility,
      VersionInfo version) {}

  /** Payload of {@code vn.digicell.document.version-added.v1}. */
  record VersionAdded(String documentId, String orgPath, VersionInfo version) {}

  /** Payload of {@code vn.digicell.document.metadata-changed.v1}. */
  record MetadataChanged(
      String documentId,
      String orgPath,
      String title,
      String kind,
      String number,
      String issuingBody,
      String visibility,
      List<String> changedFields) {}

  /** Payload of {@code vn.digicell.document.retracted.v1}. */
  record DocumentRetracted(String documentId, String orgPath, String reason, Instant retractedAt) {}

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
