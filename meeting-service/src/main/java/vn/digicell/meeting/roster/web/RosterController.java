package vn.digicell.meeting.roster.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.digicell.meeting.roster.Roster;

/** Cells and their rosters as meeting-service knows them. */
@RestController
@RequestMapping("/api/cells")
@Validated
class RosterController {

  private final Roster roster;

  RosterController(Roster roster) {
    this.roster = roster;
  }

  /** {@code status}: null while active, {@code MERGED} or {@code DISSOLVED} once ended. */
  record CellView(String id, String code, String name, String path, String status) {}

  record RosterEntry(String memberId, String fullName, String status, boolean temporary) {}

  @GetMapping
  List<CellView> cells(
      @RequestParam @Pattern(regexp = "^(/[A-Z0-9][A-Z0-9-]*)+$") @Size(max = 200) String under) {
    return roster.cellsUnder(under).stream()
        .map(c -> new CellView(c.id(), c.code(), c.name(), c.path(), c.status()))
        .toList();
  }

  @GetMapping("/{cellId}/roster")
  List<RosterEntry> roster(@PathVariable @Size(max = 64) String cellId) {
    Roster.CellRoster cell = roster.rosterOf(cellId);
    String path = cell.cell().path();
    return cell.members().stream()
        .map(m -> new RosterEntry(m.id(), m.fullName(), m.status(), m.isTemporaryIn(path)))
        .toList();
  }
}
