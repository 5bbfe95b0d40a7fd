package vn.digicell.document.archive;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Signs a checkpoint of the log every {@code digicell.ledger.checkpoint-interval} (ISO-8601,
 * default one minute) when it grew, and sends the seals of the records it covers. Appends stay
 * cheap; a record's seal waits at most one interval.
 */
@Component
class Checkpointer {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private final ArchiveService archive;

  Checkpointer(ArchiveService archive) {
    this.archive = archive;
  }

  @Scheduled(
      initialDelayString = "${digicell.ledger.checkpoint-interval:PT1M}",
      fixedDelayString = "${digicell.ledger.checkpoint-interval:PT1M}")
  @SchedulerLock(name = "document.archive-checkpoint")
  public void run() {
    int sealed = archive.checkpointAndSeal();
    if (sealed > 0) {
      LOG.info("checkpoint signed; {} archive records sealed", sealed);
    }
  }
}
