package vn.digicell.document.board;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.security.OrgPaths;
import vn.digicell.platform.web.ProblemException;

/**
 * A QR board of an org: ordered sections, each a curated list of library documents and links behind
 * a short code that never changes, so printed boards stay valid.
 */
@Document("boards")
public class Board extends AggregateRoot {

  static final String CREATED = "vn.digicell.document.board-created.v1";
  static final String SECTION_ADDED = "vn.digicell.document.board-section-added.v1";
  static final String SECTION_CHANGED = "vn.digicell.document.board-section-changed.v1";
  static final String SECTIONS_REORDERED = "vn.digicell.document.board-sections-reordered.v1";
  static final String SECTION_REMOVED = "vn.digicell.document.board-section-removed.v1";
  static final int MAX_SECTIONS = 40;

  /** Who may open a board or a section. */
  public enum Audience {
    /** Anyone, without signing in. */
    PUBLIC,
    /** Members acting in the audience path's subtree (or above it), after signing in. */
    MEMBERS
  }

  /** One entry of a section: a library document, or an external link with its title. */
  public record Item(String documentId, String title, String url) {}

  /** What a section shows; its code is not part of it. */
  public record SectionContent(
      String title, String caption, Audience audience, String audiencePath, List<Item> items) {}

  /** A section: its stable code and its current content. */
  public record Section(String code, SectionContent content, Instant changedAt) {}

  /** A section taken off the board: its code stays reserved and answers "removed". */
  public record RemovedSection(String code, String title, Instant removedAt) {}

  @Id private final String id;
  private final String title;
  @Indexed private final String orgPath;
  private final Audience audience;
  private final List<Section> sections;
  private final List<RemovedSection> removedSections;
  private final Instant createdAt;
  @Version private Long version;

  @PersistenceCreator
  Board(
      String id,
      String title,
      String orgPath,
      Audience audience,
      List<Section> sections,
      List<RemovedSection> removedSections,
      Instant createdAt) {
    this.id = id;
    this.title = title;
    this.orgPath = orgPath;
    this.audience = audience;
    this.sections = new ArrayList<>(sections == null ? List.of() : sections);
    this.removedSections = new ArrayList<>(removedSections == null ? List.of() : removedSections);
    this.createdAt = createdAt;
  }

  static Board create(String title, String orgPath, Audience audience, Clock clock) {
    Instant now = Instant.now(clock);
    String id = "%013x%08x".formatted(now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    Board board = new Board(id, title, orgPath, audience, List.of(), List.of(), now);
    board.record(CREATED, new BoardCreated(id, title, orgPath, audience.name()), clock);
    return board;
  }

  /** Adds a section at the end under {@code code}, which it keeps for good. */
  void addSection(String code, SectionContent content, Clock clock) {
    if (sections.size() >= MAX_SECTIONS) {
      throw ProblemException.ruleViolated(
          "too-many-sections", "A board holds at most " + MAX_SECTIONS + " sections.");
    }
    SectionContent checked = check(content);
    sections.add(new Section(code, checked, Instant.now(clock)));
    record(
        SECTION_ADDED,
        new SectionAdded(
            id,
            orgPath,
            code,
            checked.title(),
            checked.audience().name(),
            checked.audiencePath(),
            checked.items().size(),
            sections.size() - 1),
        clock);
  }

  /** Replaces a section's content; the code stays. Nothing is recorded when nothing changed. */
  void changeSection(String code, SectionContent next, Clock clock) {
    int at = indexOf(code);
    SectionContent before = sections.get(at).content();
    SectionContent checked = check(next);
    List<String> changed = new ArrayList<>();
    compare(changed, "title", before.title(), checked.title());
    compare(changed, "caption", before.caption(), checked.caption());
    compare(changed, "audience", before.audience(), checked.audience());
    compare(changed, "audiencePath", before.audiencePath(), checked.audiencePath());
    compare(changed, "items", before.items(), checked.items());
    if (changed.isEmpty()) {
      return;
    }
    sections.set(at, new Section(code, checked, Instant.now(clock)));
    record(
        SECTION_CHANGED,
        new SectionChanged(
            id,
            orgPath,
            code,
            checked.title(),
            checked.audience().name(),
            checked.audiencePath(),
            checked.items().size(),
            List.copyOf(changed)),
        clock);
  }

  /** Puts the sections in the given order, which must name every section exactly once. */
  void reorder(List<String> codes, Clock clock) {
    List<String> current = sections.stream().map(Section::code).toList();
    if (codes.size() != current.size()
        || !new HashSet<>(codes).equals(new HashSet<>(current))
        || new HashSet<>(codes).size() != codes.size()) {
      throw ProblemException.ruleViolated(
          "section-order-incomplete", "The new order must name every section once: " + current);
    }
    if (codes.equals(current)) {
      return;
    }
    List<Section> reordered = codes.stream().map(c -> sections.get(indexOf(c))).toList();
    sections.clear();
    sections.addAll(reordered);
    record(SECTIONS_REORDERED, new SectionsReordered(id, orgPath, List.copyOf(codes)), clock);
  }

  /**
   * Takes a section off the board. It is retired, not deleted: its code stays reserved for this
   * board and a printed QR code then answers that the section was removed. Removing it again
   * changes nothing.
   */
  void removeSection(String code, Clock clock) {
    if (removed(code).isPresent()) {
      return;
    }
    Section section = sections.remove(indexOf(code));
    Instant now = Instant.now(clock);
    removedSections.add(new RemovedSection(code, section.content().title(), now));
    record(
        SECTION_REMOVED,
        new SectionRemoved(id, orgPath, code, section.content().title(), sections.size()),
        clock);
  }

  /** Fills in the default audience path and checks it lies within the board's org. */
  private SectionContent check(SectionContent content) {
    String path = null;
    if (content.audience() == Audience.MEMBERS) {
      path = content.audiencePath() == null ? orgPath : content.audiencePath();
      if (!OrgPaths.covers(orgPath, path)) {
        throw ProblemException.ruleViolated(
            "audience-outside-board", "A section's audience must lie within " + orgPath + ".");
      }
    }
    return new SectionContent(
        content.title(), content.caption(), content.audience(), path, List.copyOf(content.items()));
  }

  private int indexOf(String code) {
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).code().equals(code)) {
        return i;
      }
    }
    throw ProblemException.notFound("section-not-found", "No section " + code + " on " + id + ".");
  }

  private static void compare(List<String> changed, String field, Object before, Object after) {
    if (!Objects.equals(before, after)) {
      changed.add(field);
    }
  }

  Optional<Section> section(String code) {
    return sections.stream().filter(s -> s.code().equals(code)).findFirst();
  }

  Optional<RemovedSection> removed(String code) {
    return removedSections.stream().filter(s -> s.code().equals(code)).findFirst();
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

  public String title() {
    return title;
  }

  public Audience audience() {
    return audience;
  }

  public List<Section> sections() {
    return List.copyOf(sections);
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** Payload of {@code vn.digicell.document.board-created.v1}. */
  record BoardCreated(String boardId, String title, String orgPath, String audience) {}

  /** Payload of {@code vn.digicell.document.board-section-added.v1}. */
  record SectionAdded(
      String boardId,
      String orgPath,
      String code,
      String title,
      String audience,
      String audiencePath,
      int itemCount,
      int position) {}

  /** Payload of {@code vn.digicell.document.board-section-changed.v1}. */
  record SectionChanged(
      String boardId,
      String orgPath,
      String code,
      String title,
      String audience,
      String audiencePath,
      int itemCount,
      List<String> changedFields) {}

  /** Payload of {@code vn.digicell.document.board-section-removed.v1}. */
  record SectionRemoved(
      String boardId, String orgPath, String code, String title, int remainingSections) {}

  /** Payload of {@code vn.digicell.document.board-sections-reordered.v1}. */
  record SectionsReordered(String boardId, String orgPath, List<String> codes) {}
}
