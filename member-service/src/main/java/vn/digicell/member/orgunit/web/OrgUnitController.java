package vn.digicell.member.orgunit.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
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
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitKind;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.platform.web.Cursor;

@RestController
@RequestMapping("/api/org-units")
@Validated
class OrgUnitController {

  private final OrgUnitService service;

  OrgUnitController(OrgUnitService service) {
    this.service = service;
  }

  record CreateRequest(
      @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{0,31}") String code,
      @NotBlank @Size(max = 200) String name,
      @NotNull OrgUnitKind kind,
      @Size(max = 64) String parentId) {}

  record OrgUnitView(
      String id,
      String code,
      String name,
      OrgUnitKind kind,
      String parentId,
      String path,
      String status) {
    static OrgUnitView of(OrgUnit u) {
      return new OrgUnitView(
          u.id(), u.code(), u.name(), u.kind(), u.parentId(), u.path(), u.status().name());
    }
  }

  @PostMapping
  ResponseEntity<OrgUnitView> create(@Valid @RequestBody CreateRequest request) {
    OrgUnit unit =
        service.create(
            new OrgUnitService.CreateOrgUnit(
                request.code(), request.name(), request.kind(), request.parentId()));
    return ResponseEntity.created(URI.create("/api/org-units/" + unit.id()))
        .body(OrgUnitView.of(unit));
  }

  /** One unit with its history; with {@code asOf}, the name and status it had on that date. */
  record OrgUnitDetail(
      OrgUnitView unit,
      java.time.LocalDate asOf,
      OrgUnit.Change asOfState,
      List<OrgUnit.Change> changes) {}

  @GetMapping("/{id}")
  OrgUnitDetail read(
      @PathVariable String id, @RequestParam(required = false) java.time.LocalDate asOf) {
    OrgUnit unit = service.read(id);
    OrgUnit.Change state =
        asOf == null
            ? null
            : unit.asOf(asOf)
                .orElseThrow(
                    () ->
                        vn.digicell.platform.web.ProblemException.notFound(
                            "org-unit-not-yet-existing",
                            "Unit " + unit.path() + " did not exist on " + asOf + "."));
    return new OrgUnitDetail(OrgUnitView.of(unit), asOf, state, unit.changes());
  }

  record RenameRequest(
      @NotBlank @Size(max = 200) String name,
      @NotNull @jakarta.validation.constraints.PastOrPresent java.time.LocalDate effectiveOn,
      @Size(max = 60) String decisionNumber) {}

  record DissolveRequest(
      @NotNull @jakarta.validation.constraints.PastOrPresent java.time.LocalDate effectiveOn,
      @Size(max = 60) String decisionNumber) {}

  @PostMapping("/{id}/rename")
  OrgUnitView rename(@PathVariable String id, @Valid @RequestBody RenameRequest r) {
    return OrgUnitView.of(service.rename(id, r.name(), r.effectiveOn(), r.decisionNumber()));
  }

  @PostMapping("/{id}/dissolve")
  OrgUnitView dissolve(@PathVariable String id, @Valid @RequestBody DissolveRequest r) {
    return OrgUnitView.of(service.dissolve(id, r.effectiveOn(), r.decisionNumber()));
  }

  /** A unit as it stood on a date: its view of today and its state of that day. */
  record UnitOn(OrgUnitView unit, OrgUnit.Change state) {}

  /** The tree under a path as it stood on a date ({@code asOf} required). */
  @GetMapping(params = "asOf")
  Cursor.Page<UnitOn> treeAsOf(
      @RequestParam @NotBlank @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam java.time.LocalDate asOf,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Cursor.Page<OrgUnitService.StateOn> page = service.treeAsOf(under, asOf, cursor, size);
    return new Cursor.Page<>(
        page.items().stream().map(s -> new UnitOn(OrgUnitView.of(s.unit()), s.state())).toList(),
        page.nextCursor());
  }

  @GetMapping
  Cursor.Page<OrgUnitView> list(
      @RequestParam(required = false) @Pattern(regexp = "(/[A-Z0-9][A-Z0-9-]*)+") String under,
      @RequestParam(required = false) @Size(max = 512) String cursor,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
    Cursor.Page<OrgUnit> page = service.list(under, cursor, size);
    return new Cursor.Page<>(
        page.items().stream().map(OrgUnitView::of).toList(), page.nextCursor());
  }
}
