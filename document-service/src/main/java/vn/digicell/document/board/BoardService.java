package vn.digicell.document.board;

import java.io.File;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.stereotype.Service;
import vn.digicell.document.library.DocumentService;
import vn.digicell.document.library.LibraryDocument;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.security.OrgPaths;
import vn.digicell.platform.web.ProblemException;

/**
 * Creates and curates QR boards, opens sections by their code, draws their QR codes and posters.
 */
@Service
public class BoardService {

  /** Roles that curate the boards of the orgs they act for. */
  static final String[] CURATORS = {"committee", "org-admin"};

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final DocumentService documents;
  private final Clock clock;
  private final String publicBaseUrl;
  private final File posterFont;

  BoardService(
      MongoTemplate mongo,
      Outbox outbox,
      AccessGuard guard,
      DocumentService documents,
      Clock clock,
      @Value("${digicell.documents.public-base-url:http://localhost:8080}") String publicBaseUrl,
      @Value("${digicell.documents.poster-font:/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}")
          String posterFont) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.guard = guard;
    this.documents = documents;
    this.clock = clock;
    this.publicBaseUrl =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
    this.posterFont = new File(posterFont);
  }

  /** A section as a scanner sees it: visible documents resolved, hidden ones left out. */
  public record OpenedSection(
      Board board, Board.Section section, List<LibraryDocument> documents, long scans) {}

  /** A board with the sections the caller may see and their scan counts. */
  public record BoardOverview(Board board, List<Board.Section> sections, Map<String, Long> scans) {}

  public Board create(String title, String orgPath, Board.Audience audience) {
    guard.requireActOn(orgPath, CURATORS);
    return outbox.saveAndPublish(Board.create(title, orgPath, audience, clock));
  }

  public Board addSection(String boardId, Board.SectionContent content) {
    Board board = find(boardId);
    guard.requireActOn(board.path(), CURATORS);
    requireKnownDocuments(content);
    String code = reserveCode(boardId);
    try {
      board.addSection(code, content, clock);
      return outbox.saveAndPublish(board);
    } catch (RuntimeException e) {
      mongo.remove(Query.query(Criteria.where("_id").is(code)), SectionCode.class);
      throw e;
    }
  }

  public Board changeSection(String boardId, String code, Board.SectionContent content) {
    Board board = find(boardId);
    guard.requireActOn(board.path(), CURATORS);
    requireKnownDocuments(content);
    board.changeSection(code, content, clock);
    return outbox.saveAndPublish(board);
  }

  /** Retires a section: it leaves the board, its code answers 410 from now on. */
  public Board removeSection(String boardId, String code) {
    Board board = find(boardId);
    guard.requireActOn(board.path(), CURATORS);
    board.removeSection(code, clock);
    return outbox.saveAndPublish(board);
  }

  public Board reorder(String boardId, List<String> codes) {
    Board board = find(boardId);
    guard.requireActOn(board.path(), CURATORS);
    board.reorder(codes, clock);
    return outbox.saveAndPublish(board);
  }

  /** The boards of the orgs at or below {@code under}, for a curator acting there. */
  public List<Board> under(String under) {
    guard.requireActOn(under, CURATORS);
    Query query =
        Query.query(
                new Criteria()
                    .orOperator(
                        Criteria.where("orgPath").is(under),
                        Criteria.where("orgPath")
                            .regex("^" + java.util.regex.Pattern.quote(under) + "/")))
            .with(org.springframework.data.domain.Sort.by("createdAt").descending())
            .limit(500);
    return mongo.find(query, Board.class);
  }

  public BoardOverview overview(String boardId) {
    Board board = readable(boardId);
    CurrentUser user = guard.currentUser();
    Map<String, Long> scans = new HashMap<>();
    mongo
        .find(Query.query(Criteria.where("boardId").is(boardId)), SectionCode.class)
        .forEach(c -> scans.put(c.code(), c.scans()));
    List<Board.Section> visible =
        board.sections().stream().filter(s -> mayOpen(user, board, s)).toList();
    return new BoardOverview(board, visible, scans);
  }

  /**
   * Opens a section by its code and counts the scan. Public sections of public boards need no
   * token; others need one whose scope lies in (or above) the section's audience path: without a
   * token 401, with a token that does not qualify 404.
   */
  public OpenedSection open(String code) {
    Board board = boardOf(code);
    Board.Section section = board.section(code).orElseThrow(() -> sectionNotFound(code));
    Optional<CurrentUser> user = optionalUser();
    boolean publicSection =
        board.audience() == Board.Audience.PUBLIC
            && section.content().audience() == Board.Audience.PUBLIC;
    if (!publicSection) {
      CurrentUser signedIn =
          user.orElseThrow(
              () ->
                  new AuthenticationCredentialsNotFoundException(
                      "section " + code + " is for members"));
      if (!mayOpen(signedIn, board, section)) {
        throw sectionNotFound(code);
      }
    }
    SectionCode counted =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(code)),
            new Update().inc("scans", 1),
            FindAndModifyOptions.options().returnNew(true),
            SectionCode.class);
    List<String> ids =
        section.content().items().stream()
            .map(Board.Item::documentId)
            .filter(id -> id != null)
            .toList();
    return new OpenedSection(
        board,
        section,
        documents.visibleAmong(ids, user.orElse(null)),
        counted == null ? 0 : counted.scans());
  }

  /** The URL a section's QR code encodes. */
  public String sectionUrl(String code) {
    return publicBaseUrl + "/s/" + code;
  }

  public byte[] qrPng(String code) {
    boardOf(code);
    return QrCodes.png(sectionUrl(code), 8);
  }

  public String qrSvg(String code) {
    boardOf(code);
    return QrCodes.svg(sectionUrl(code));
  }

  /**
   * The board's printable poster: the sections the caller may open. A members' section is printed
   * only by someone who may open it (its audience), never by whoever merely reads the board.
   */
  public byte[] poster(String boardId, String size) {
    Board board = readable(boardId);
    CurrentUser user = guard.currentUser();
    Poster.Size paper;
    try {
      paper = Poster.Size.valueOf(size);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("poster-size-unknown", "Poster size is A4 or A3.");
    }
    List<Board.Section> printable =
        board.sections().stream().filter(s -> mayOpen(user, board, s)).toList();
    if (printable.isEmpty()) {
      throw ProblemException.ruleViolated("board-empty", "The board has no sections to print.");
    }
    List<Poster.Cell> cells =
        printable.stream()
            .map(
                s ->
                    new Poster.Cell(
                        sectionUrl(s.code()), s.content().title(), s.content().caption()))
            .toList();
    return Poster.render(board.title(), cells, paper, posterFont);
  }

  private Board readable(String boardId) {
    Board board = find(boardId);
    CurrentUser user = guard.currentUser();
    if (board.audience() == Board.Audience.MEMBERS && !near(user, board.path())) {
      throw boardNotFound(boardId);
    }
    return board;
  }

  private static boolean mayOpen(CurrentUser user, Board board, Board.Section section) {
    return (board.audience() == Board.Audience.PUBLIC || near(user, board.path()))
        && (section.content().audience() == Board.Audience.PUBLIC
            || near(user, section.content().audiencePath()));
  }

  /** One grant, whatever its role, lying within the path's subtree or above it. */
  private static boolean near(CurrentUser user, String path) {
    return user.pathsWith().stream()
        .anyMatch(s -> OrgPaths.covers(path, s) || OrgPaths.covers(s, path));
  }

  private void requireKnownDocuments(Board.SectionContent content) {
    List<String> ids =
        content.items().stream()
            .map(Board.Item::documentId)
            .filter(id -> id != null)
            .distinct()
            .toList();
    List<String> known =
        documents.visibleAmong(ids, guard.currentUser()).stream().map(LibraryDocument::id).toList();
    if (known.size() != ids.size()) {
      List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
      throw ProblemException.ruleViolated(
          "unknown-document", "No published document visible to you with id " + unknown + ".");
    }
  }

  private String reserveCode(String boardId) {
    for (int attempt = 0; attempt < 5; attempt++) {
      String code = SectionCode.next();
      try {
        mongo.insert(new SectionCode(code, boardId, 0));
        return code;
      } catch (DuplicateKeyException e) {
        // another section holds it: draw again
      }
    }
    throw new IllegalStateException("no free section code after 5 draws");
  }

  private Board boardOf(String code) {
    SectionCode reserved = mongo.findById(code, SectionCode.class);
    if (reserved == null) {
      throw sectionNotFound(code);
    }
    Board board = mongo.findById(reserved.boardId(), Board.class);
    if (board == null) {
      throw sectionNotFound(code);
    }
    if (board.removed(code).isPresent()) {
      throw new ProblemException(
          HttpStatus.GONE,
          "section-removed",
          "This section was removed from the board \"" + board.title() + "\".");
    }
    if (board.section(code).isEmpty()) {
      throw sectionNotFound(code);
    }
    return board;
  }

  private Optional<CurrentUser> optionalUser() {
    try {
      return Optional.of(guard.currentUser());
    } catch (AuthenticationCredentialsNotFoundException e) {
      return Optional.empty();
    }
  }

  private Board find(String id) {
    Board board = mongo.findById(id, Board.class);
    if (board == null) {
      throw boardNotFound(id);
    }
    return board;
  }

  private static ProblemException boardNotFound(String id) {
    return ProblemException.notFound("board-not-found", "No board " + id + ".");
  }

  private static ProblemException sectionNotFound(String code) {
    return ProblemException.notFound("section-not-found", "No section " + code + ".");
  }
}
