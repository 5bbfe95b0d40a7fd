package vn.digicell.member.importing;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of a legacy register file: its progress, its counts and the rows it rejected (the first
 * {@link LegacyImport#KEPT_ERRORS}, with the total), as the portal's progress bar shows.
 *
 * <p>The job is durable: the uploaded file is kept in GridFS ({@code uploadId}, bucket {@code
 * import_uploads}) until the job ends, progress is saved after each batch, and the replica running
 * it ({@code owner}) renews its lease ({@code heartbeatAt}) with every save. A job whose lease has
 * run out is resumed by any replica from {@code processedRows}.
 */
@Document("import_jobs")
public record ImportJob(
    @Id String id,
    String under,
    String fileName,
    String startedBy,
    Status status,
    int totalRows,
    int processedRows,
    int importedRows,
    int alreadyOnRecord,
    int rejectedRows,
    List<RowError> errors,
    Instant startedAt,
    Instant finishedAt,
    String uploadId,
    boolean spreadsheet,
    String language,
    String owner,
    Instant heartbeatAt) {

  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED
  }

  /** A rejected row: its line in the file (the header is line 1), and why. */
  public record RowError(int line, String reason) {}

  public int percent() {
    return totalRows == 0 ? 100 : (int) Math.floor(processedRows * 100.0 / totalRows);
  }
}
