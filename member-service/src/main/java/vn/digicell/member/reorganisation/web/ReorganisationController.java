package vn.digicell.member.reorganisation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.reorganisation.ReorganisationService;

@RestController
@RequestMapping("/api/org-units")
@Validated
class ReorganisationController {

  private final ReorganisationService reorganisations;

  ReorganisationController(ReorganisationService reorganisations) {
    this.reorganisations = reorganisations;
  }

  record MoveRequest(
      @NotBlank @Size(max = 64) String newParentId,
      @NotNull @PastOrPresent LocalDate effectiveOn,
      @Size(max = 60) String decisionNumber) {}

  record MergeRequest(
      @NotBlank @Size(max = 64) String survivorId,
      @NotNull @PastOrPresent LocalDate effectiveOn,
      @Size(max = 60) String decisionNumber) {}

  record PartRequest(
      @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,31}") String code,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 20_000) List<@NotBlank @Size(max = 64) String> memberIds,
      @Size(max = 2_000) List<@NotBlank @Size(max = 64) String> childUnitIds) {}

  record SplitRequest(
      @NotNull @Size(min = 2, max = 50) List<@Valid @NotNull PartRequest> parts,
      @NotNull @PastOrPresent LocalDate effectiveOn,
      @Size(max = 60) String decisionNumber) {}

  /** A reorganisation running in the background, and where to follow it. */
  record Accepted(String reorganisationId, String state, String location, UnitView unit) {}

  /** 200 with the unit when done within the request; 202 with the plan when it runs on. */
  private static ResponseEntity<?> respond(ReorganisationService.Outcome outcome) {
    if (outcome.done()) {
      return ResponseEntity.ok(UnitView.of(outcome.unit()));
    }
    String location = "/api/org-units/reorganisations/" + outcome.reorganisationId();
    return ResponseEntity.accepted()
        .location(java.net.URI.create(location))
        .body(
            new Accepted(
                outcome.reorganisationId(), "RUNNING", location, UnitView.of(outcome.unit())));
  }

  /** A reorganisation's plan and state (RUNNING, DONE; lastError when a run stopped). */
  record PlanView(
      String id,
      String kind,
      String unitId,
      String targetId,
      java.time.LocalDate effectiveOn,
      String decisionNumber,
      String requestedBy,
      String state,
      java.time.Instant startedAt,
      java.time.Instant finishedAt,
      String lastError) {}

  @org.springframework.web.bind.annotation.GetMapping("/reorganisations/{reorganisationId}")
  PlanView plan(@PathVariable String reorganisationId) {
    var p = reorganisations.read(reorganisationId);
    return new PlanView(
        p.id(),
        p.kind().name(),
        p.unitId(),
        p.targetId(),
        p.effectiveOn(),
        p.decisionNumber(),
        p.requestedBy(),
        p.state().name(),
        p.startedAt(),
        p.finishedAt(),
        p.lastError());
  }

  /** What a reorganised unit looks like afterwards. */
  record UnitView(
      String id,
      String code,
      String name,
      String kind,
      String parentId,
      String path,
      String status) {
    static UnitView of(OrgUnit u) {
      return new UnitView(
          u.id(), u.code(), u.name(), u.kind().name(), u.parentId(), u.path(), u.status().name());
    }
  }

  @PostMapping("/{id}/move")
  ResponseEntity<?> move(@PathVariable String id, @Valid @RequestBody MoveRequest r) {
    return respond(reorganisations.move(id, r.newParentId(), r.effectiveOn(), r.decisionNumber()));
  }

  @PostMapping("/{id}/merge")
  ResponseEntity<?> merge(@PathVariable String id, @Valid @RequestBody MergeRequest r) {
    return respond(reorganisations.merge(id, r.survivorId(), r.effectiveOn(), r.decisionNumber()));
  }

  @PostMapping("/{id}/split")
  ResponseEntity<?> split(@PathVariable String id, @Valid @RequestBody SplitRequest r) {
    return respond(
        reorganisations.split(
            id,
            r.parts().stream()
                .map(
                    p ->
                        new ReorganisationService.PartRequest(
                            p.code(), p.name(), p.memberIds(), p.childUnitIds()))
                .toList(),
            r.effectiveOn(),
            r.decisionNumber()));
  }
}
