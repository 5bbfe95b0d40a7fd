package vn.digicell.member.member.web;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.member.member.Reencryption;

/** Key rotation for it-admins: start the re-encryption of member records, follow its progress. */
@RestController
@RequestMapping("/api/admin/reencryption")
class ReencryptionController {

  private final Reencryption reencryption;

  ReencryptionController(Reencryption reencryption) {
    this.reencryption = reencryption;
  }

  @GetMapping
  Reencryption.Progress progress() {
    return reencryption.progress();
  }

  /** 202: the job runs in the background; GET follows it. */
  @PostMapping
  ResponseEntity<Reencryption.Progress> start() {
    return ResponseEntity.accepted()
        .header("Location", "/api/admin/reencryption")
        .body(reencryption.start());
  }
}
