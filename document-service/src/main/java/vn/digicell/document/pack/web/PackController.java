package vn.digicell.document.pack.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.document.board.ShortCodes;
import vn.digicell.document.library.DocumentService;
import vn.digicell.document.library.LibraryDocument;
import vn.digicell.document.pack.MeetingPack;
import vn.digicell.document.pack.PackService;

@RestController
@Validated
class PackController {

  private final PackService service;

  PackController(PackService service) {
    this.service = service;
  }

  record PackDocument(
      String documentId,
      String title,
      String kind,
      String number,
      String issuingBody,
      LocalDate issuedOn,
      String summary,
      int version,
      String filename,
      String mediaType,
      long size,
      String sha256,
      Instant versionAddedAt,
      String contentUrl) {}

  record PackItem(String itemId, String title, List<PackDocument> documents) {}

  record PackView(
      String code,
      String url,
      String meetingId,
      String cellId,
      String orgPath,
      String kind,
      String mode,
      String title,
      Instant startsAt,
      String location,
      String onlineLink,
      MeetingPack.Status status,
      String cancelReason,
      Instant updatedAt,
      List<PackItem> agenda) {}

  private PackView view(PackService.OpenedPack opened) {
    MeetingPack p = opened.pack();
    List<PackItem> items =
        p.agenda().stream()
            .map(
                i ->
                    new PackItem(
                        i.itemId(),
                        i.title(),
                        i.documentIds().stream()
                            .map(opened.documents()::get)
                            .filter(Objects::nonNull)
                            .map(d -> document(p.code(), d))
                            .toList()))
            .toList();
    return new PackView(
        p.code(),
        service.packUrl(p.code()),
        p.meetingId(),
        p.cellId(),
        p.orgPath(),
        p.kind(),
        p.mode(),
        p.title(),
        p.startsAt(),
        p.location(),
        p.onlineLink(),
        p.status(),
        p.cancelReason(),
        p.updatedAt(),
        items);
  }

  private static PackDocument document(String code, LibraryDocument d) {
    LibraryDocument.ContentVersion v = d.versions().getLast();
    LibraryDocument.Metadata m = d.metadata();
    return new PackDocument(
        d.id(),
        m.title(),
        m.kind().name(),
        m.number(),
        m.issuingBody(),
        m.issuedOn(),
        m.summary(),
        v.number(),
        v.filename(),
        v.mediaType(),
        v.size(),
        v.sha256(),
        v.addedAt(),
        "/api/packs/" + code + "/documents/" + d.id() + "/content");
  }

  @GetMapping("/api/packs/{code}")
  PackView open(@PathVariable @Pattern(regexp = ShortCodes.PATTERN) String code) {
    return view(service.open(code));
  }

  @GetMapping("/api/packs")
  PackView ofMeeting(@RequestParam @NotBlank @Size(max = 64) String meetingId) {
    return view(service.ofMeeting(meetingId));
  }

  @GetMapping("/api/packs/{code}/documents/{documentId}/content")
  ResponseEntity<InputStreamResource> content(
      @PathVariable @Pattern(regexp = ShortCodes.PATTERN) String code,
      @PathVariable @Size(max = 64) String documentId)
      throws IOException {
    DocumentService.Content content = service.content(code, documentId);
    LibraryDocument.ContentVersion v = content.version();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(v.mediaType()))
        .contentLength(v.size())
        .eTag("\"" + v.sha256() + "\"")
        .header("X-Content-Type-Options", "nosniff")
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(v.filename(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(new InputStreamResource(content.resource().getInputStream()));
  }

  @GetMapping(path = "/api/packs/{code}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> qrPng(@PathVariable @Pattern(regexp = ShortCodes.PATTERN) String code) {
    return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(service.qrPng(code));
  }

  @GetMapping(path = "/api/packs/{code}/qr.svg", produces = "image/svg+xml")
  ResponseEntity<String> qrSvg(@PathVariable @Pattern(regexp = ShortCodes.PATTERN) String code) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("image/svg+xml;charset=UTF-8"))
        .body(service.qrSvg(code));
  }
}
