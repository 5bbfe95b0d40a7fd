package vn.digicell.document.library.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.digicell.document.library.DocumentKind;
import vn.digicell.document.library.DocumentService;
import vn.digicell.document.library.LibraryDocument;
import vn.digicell.document.library.Visibility;
import vn.digicell.platform.web.Cursor;

@RestController
@RequestMapping("/api/documents")
@Validated
class DocumentController {

  private final DocumentService service;

  DocumentController(DocumentService service) {
    this.service = service;
  }

  record MetadataRequest(
      @NotBlank @Size(max = 300) String title,
      @NotNull DocumentKind kind,
      @Size(max = 40) @Pattern(regexp = "[0-9A-Za-zĐđ/.\\-]*") String number,
      @Size(max = 200) String issuingBody,
      LocalDate issuedOn,
      LocalDate effectiveOn,
      @Size(max = 2000) String summary,
      @Size(max = 20) List<@NotBlank @Size(max = 60) String> tags,
      @NotNull Visibility visibility,
      @NotBlank @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String orgPath) {
    LibraryDocument.Metadata toMetadata() {
      return new LibraryDocument.Metadata(
          title.strip(),
          kind,
          number,
          issuingBody,
          issuedOn,
          effectiveOn,
          summary,
          tags == null ? List.of() : List.copyOf(tags),
          visibility,
          orgPath);
    }
  }

  record RetractRequest(@NotBlank @Size(max = 500) String reason) {}

  record DocumentView(
      String id,
      String status,
      LibraryDocument.Metadata metadata,
      List<LibraryDocument.ContentVersion> versions,
      Instant publishedAt,
      Instant retractedAt) {
    static DocumentView of(LibraryDocument d) {
      return new DocumentView(
          d.id(),
          d.status().name(),
          d.metadata(),
          d.versions().stream()
              .map(
                  v ->
                      new LibraryDocument.ContentVersion(
                          v.number(),
                          null,
                          v.filename(),
                          v.mediaType(),
                          v.size(),
                          v.sha256(),
                          v.addedAt(),
                          v.addedBy()))
              .toList(),
          d.publishedAt(),
          d.retractedAt());
    }
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<DocumentView> publish(
      @Valid @RequestPart("metadata") MetadataRequest metadata,
      @RequestPart("file") MultipartFile file) {
    LibraryDocument doc = service.publish(metadata.toMetadata(), upload(file));
    return ResponseEntity.created(URI.create("/api/documents/" + doc.id()))
        .body(DocumentView.of(doc));
  }

  @PostMapping(path = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  DocumentView addVersion(
      @PathVariable @Size(max = 64) String id, @RequestPart("file") MultipartFile file) {
    return DocumentView.of(service.addVersion(id, upload(file)));
  }

  @PutMapping("/{id}/metadata")
  DocumentView changeMetadata(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody MetadataRequest request) {
    return DocumentView.of(service.changeMetadata(id, request.toMetadata()));
  }

  @PostMapping("/{id}/retraction")
  DocumentView retract(
      @PathVariable @Size(max = 64) String id, @Valid @RequestBody RetractRequest request) {
    return DocumentView.of(service.retract(id, request.reason()));
  }

  @GetMapping("/{id}")
  DocumentView read(@PathVariable @Size(max = 64) String id) {
    return DocumentView.of(service.read(id));
  }

  @GetMapping("/{id}/versions/{number}/content")
  ResponseEntity<InputStreamResource> content(
      @PathVariable @Size(max = 64) String id, @PathVariable @Min(1) int number)
      throws IOException {
    DocumentService.Content content = service.content(id, number);
    LibraryDocument.ContentVersion v = content.version();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(v.mediaType()))
        .contentLength(v.size())
        .eTag("\"" + v.sha256() + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(v.filename(), java.nio.charset.StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(new InputStreamResource(content.resource().getInputStream()));
  }

  record ReceiptView(String memberId, Instant firstReadAt, Instant lastReadAt, long reads) {}

  @GetMapping("/{id}/read-receipts")
  Cursor.Page<ReceiptView> receipts(
      @PathVariable @Size(max = 64) String id,
      @RequestParam(required = false) @Size(max = 1024) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Cursor.Page<vn.digicell.document.library.ReadReceipt> page = service.receipts(id, cursor, size);
    return new Cursor.Page<>(
        page.items().stream()
            .map(r -> new ReceiptView(r.memberId(), r.firstReadAt(), r.lastReadAt(), r.reads()))
            .toList(),
        page.nextCursor());
  }

  @GetMapping
  Cursor.Page<DocumentView> search(
      @RequestParam(required = false) @Size(max = 200) String q,
      @RequestParam(required = false) DocumentKind kind,
      @RequestParam(required = false) @Size(max = 200) String issuer,
      @RequestParam(required = false) LocalDate issuedFrom,
      @RequestParam(required = false) LocalDate issuedTo,
      @RequestParam(required = false) @Size(max = 1024) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    Cursor.Page<LibraryDocument> page =
        service.search(
            new DocumentService.Filter(q, kind, issuer, issuedFrom, issuedTo), cursor, size);
    return new Cursor.Page<>(
        page.items().stream().map(DocumentView::of).toList(), page.nextCursor());
  }

  private static DocumentService.Upload upload(MultipartFile file) {
    return new DocumentService.Upload(
        file.getOriginalFilename(),
        file.getSize(),
        () -> {
          try {
            InputStream in = file.getInputStream();
            return in;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
