package vn.digicell.member.transfer.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.member.transfer.Transfer;
import vn.digicell.member.transfer.TransferService;

@RestController
@RequestMapping("/api/transfers")
@Validated
class TransferController {

  private final TransferService transfers;

  TransferController(TransferService transfers) {
    this.transfers = transfers;
  }

  record RequestTransfer(
      @NotBlank @Size(max = 64) String memberId,
      @NotNull Transfer.Kind kind,
      @NotBlank @Size(max = 64) String toOrgUnitId,
      LocalDate temporaryUntil,
      @Size(max = 500) String reason) {}

  record Approve(@NotBlank @Size(max = 60) String letterNumber) {}

  record Reject(@NotBlank @Size(max = 500) String reason) {}

  record TransferView(
      String id,
      String memberId,
      Transfer.Kind kind,
      Transfer.State state,
      String fromPath,
      String toPath,
      String letterNumber,
      LocalDate deadline,
      LocalDate temporaryUntil,
      List<Transfer.Step> steps) {
    static TransferView of(Transfer t) {
      return new TransferView(
          t.id(),
          t.memberId(),
          t.kind(),
          t.state(),
          t.fromPath(),
          t.toPath(),
          t.letterNumber(),
          t.deadline(),
          t.temporaryUntil(),
          t.steps());
    }
  }

  @PostMapping
  ResponseEntity<TransferView> request(@Valid @RequestBody RequestTransfer r) {
    Transfer t =
        transfers.request(r.memberId(), r.kind(), r.toOrgUnitId(), r.temporaryUntil(), r.reason());
    return ResponseEntity.created(URI.create("/api/transfers/" + t.id())).body(TransferView.of(t));
  }

  @PostMapping("/{id}/approve")
  TransferView approve(@PathVariable String id, @Valid @RequestBody Approve r) {
    return TransferView.of(transfers.approve(id, r.letterNumber()));
  }

  @PostMapping("/{id}/receive")
  TransferView receive(@PathVariable String id) {
    return TransferView.of(transfers.receive(id));
  }

  @PostMapping("/{id}/complete")
  TransferView complete(@PathVariable String id) {
    return TransferView.of(transfers.complete(id));
  }

  @PostMapping("/{id}/reject")
  TransferView reject(@PathVariable String id, @Valid @RequestBody Reject r) {
    return TransferView.of(transfers.reject(id, r.reason()));
  }

  @GetMapping("/{id}")
  TransferView read(@PathVariable String id) {
    return TransferView.of(transfers.read(id));
  }

  @GetMapping
  List<TransferView> list(
      @RequestParam @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(required = false) Transfer.State state) {
    return transfers.list(under, state).stream().map(TransferView::of).toList();
  }
}
