package vn.digicell.document.board.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.document.board.Board;
import vn.digicell.document.board.BoardService;
import vn.digicell.document.library.LibraryDocument;
import vn.digicell.platform.web.ProblemException;

@RestController
@Validated
class BoardController {

  static final String CODE = "[a-z2-7]{8}";

  private final BoardService service;

  BoardController(BoardService service) {
    this.service = service;
  }

  record BoardRequest(
      @NotBlank @Size(max = 200) String title,
      @NotBlank @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String orgPath,
      @NotNull Board.Audience audience) {}

  record ItemRequest(
      @Size(max = 64) String documentId,
      @Size(max = 200) String title,
      @Size(max = 2000) String url) {
    Board.Item toItem() {
      boolean document = documentId != null && !documentId.isBlank();
      boolean link = url != null && !url.isBlank();
      if (document == link) {
        throw ProblemException.badRequest(
            "item-invalid", "An item is either a documentId or a url with a title.");
      }
      if (document) {
        return new Board.Item(documentId.strip(), null, null);
      }
      if (title == null || title.isBlank()) {
        throw ProblemException.badRequest("item-invalid", "A link needs a title.");
      }
      try {
        URI uri = new URI(url.strip());
        if (!uri.isAbsolute()
            || uri.getHost() == null
            || !("https".equalsIgnoreCase(uri.getScheme())
                || "http".equalsIgnoreCase(uri.getScheme()))) {
          throw new URISyntaxException(url, "not an absolute http(s) URL");
        }
        return new Board.Item(null, title.strip(), uri.toString());
      } catch (URISyntaxException e) {
        throw ProblemException.badRequest(
            "item-invalid", "A link must be an absolute http or https URL: " + url);
      }
    }
  }

  record SectionRequest(
      @NotBlank @Size(max = 200) String title,
      @Size(max = 500) String caption,
      @NotNull Board.Audience audience,
      @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String audiencePath,
      @NotNull @Size(max = 100) List<@NotNull @Valid ItemRequest> items) {
    Board.SectionContent toContent() {
      if (audience == Board.Audience.PUBLIC && audiencePath != null) {
        throw ProblemException.badRequest(
            "audience-path-unexpected", "A public section has no audience path.");
      }
      return new Board.SectionContent(
          title.strip(),
          caption == null || caption.isBlank() ? null : caption.strip(),
          audience,
          audiencePath,
          items.stream().map(ItemRequest::toItem).toList());
    }
  }

  record OrderRequest(
      @NotNull @Size(max = 100) List<@NotNull @Pattern(regexp = CODE) String> codes) {}

  record SectionView(
      String code,
      String url,
      String title,
      String caption,
      Board.Audience audience,
      String audiencePath,
      List<Board.Item> items,
      Instant changedAt,
      Long scans) {}

  record BoardView(
      String id,
      String title,
      String orgPath,
      Board.Audience audience,
      Instant createdAt,
      List<SectionView> sections) {}

  record OpenedItem(String kind, String documentId, String title, String number, String url) {}

  record OpenedSectionView(
      String code,
      String boardTitle,
      String title,
      String caption,
      Board.Audience audience,
      List<OpenedItem> items,
      long scans) {}

  private BoardView view(Board board, List<Board.Section> sections, Map<String, Long> scans) {
    return new BoardView(
        board.id(),
        board.title(),
        board.path(),
        board.audience(),
        board.createdAt(),
        sections.stream()
            .map(
                s ->
                    new SectionView(
                        s.code(),
                        service.sectionUrl(s.code()),
                        s.content().title(),
                        s.content().caption(),
                        s.content().audience(),
                        s.content().audiencePath(),
                        s.content().items(),
                        s.changedAt(),
                        scans.get(s.code())))
            .toList());
  }

  private BoardView view(Board board) {
    return view(board, board.sections(), Map.of());
  }

  @PostMapping("/api/boards")
  ResponseEntity<BoardView> create(@Valid @RequestBody BoardRequest request) {
    Board board = service.create(request.title().strip(), request.orgPath(), request.audience());
    return ResponseEntity.created(URI.create("/api/boards/" + board.id())).body(view(board));
  }

  /** One board in the list of an org's boards. */
  record BoardSummary(
      String id,
      String title,
      String orgPath,
      Board.Audience audience,
      Instant createdAt,
      int sections) {}

  record BoardList(List<BoardSummary> items) {}

  @GetMapping("/api/boards")
  BoardList list(@RequestParam @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under) {
    return new BoardList(
        service.under(under).stream()
            .map(
                b ->
                    new BoardSummary(
                        b.id(),
                        b.title(),
                        b.path(),
                        b.audience(),
                        b.createdAt(),
                        b.sections().size()))
            .toList());
  }

  @GetMapping("/api/boards/{id}")
  BoardView read(@PathVariable @Size(max = 64) String id) {
    BoardService.BoardOverview overview = service.overview(id);
    return view(overview.board(), overview.sections(), overview.scans());
  }

  @PostMapping("/api/boards/{id}/sections")
  ResponseEntity<BoardView> addSection(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody SectionRequest request) {
    Board board = service.addSection(id, request.toContent());
    String code = board.sections().getLast().code();
    return ResponseEntity.created(URI.create("/api/sections/" + code)).body(view(board));
  }

  @PutMapping("/api/boards/{id}/sections/{code}")
  BoardView changeSection(
      @PathVariable @Size(max = 64) String id,
      @PathVariable @Pattern(regexp = CODE) String code,
      @Valid @RequestBody SectionRequest request) {
    return view(service.changeSection(id, code, request.toContent()));
  }

  @DeleteMapping("/api/boards/{id}/sections/{code}")
  BoardView removeSection(
      @PathVariable @Size(max = 64) String id, @PathVariable @Pattern(regexp = CODE) String code) {
    return view(service.removeSection(id, code));
  }

  @PutMapping("/api/boards/{id}/section-order")
  BoardView reorder(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody OrderRequest request) {
    return view(service.reorder(id, request.codes()));
  }

  @GetMapping(path = "/api/boards/{id}/poster.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  ResponseEntity<byte[]> poster(
      @PathVariable @Size(max = 64) String id,
      @RequestParam(defaultValue = "A4") @Size(max = 4) String size) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename("board-" + id + "-" + size + ".pdf")
                .build()
                .toString())
        .body(service.poster(id, size));
  }

  @GetMapping("/api/sections/{code}")
  OpenedSectionView open(@PathVariable @Pattern(regexp = CODE) String code) {
    BoardService.OpenedSection opened = service.open(code);
    Map<String, LibraryDocument> docs =
        opened.documents().stream()
            .collect(java.util.stream.Collectors.toMap(LibraryDocument::id, d -> d));
    List<OpenedItem> items =
        opened.section().content().items().stream()
            .map(
                i -> {
                  if (i.documentId() == null) {
                    return new OpenedItem("LINK", null, i.title(), null, i.url());
                  }
                  LibraryDocument d = docs.get(i.documentId());
                  return d == null
                      ? null
                      : new OpenedItem(
                          "DOCUMENT",
                          d.id(),
                          d.metadata().title(),
                          d.metadata().number(),
                          "/api/documents/" + d.id());
                })
            .filter(java.util.Objects::nonNull)
            .toList();
    Board.SectionContent c = opened.section().content();
    return new OpenedSectionView(
        code, opened.board().title(), c.title(), c.caption(), c.audience(), items, opened.scans());
  }

  @GetMapping(path = "/api/sections/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> qrPng(@PathVariable @Pattern(regexp = CODE) String code) {
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(service.qrPng(code));
  }

  @GetMapping(path = "/api/sections/{code}/qr.svg", produces = "image/svg+xml")
  ResponseEntity<String> qrSvg(@PathVariable @Pattern(regexp = CODE) String code) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
        .body(service.qrSvg(code));
  }
}
