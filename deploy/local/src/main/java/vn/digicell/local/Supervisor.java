package vn.digicell.local;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a child that dies after the platform started, as Kubernetes would restart a pod: with a
 * back-off that doubles from 1 s up to 30 s (reset once the child has stayed up for a minute), each
 * restart logged and counted. Stopping the platform stops the supervisor first, so a child stopped
 * on purpose is never brought back.
 */
final class Supervisor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration STABLE = Duration.ofMinutes(1);
  private static final Duration POLL = Duration.ofMillis(500);

  /** How a dead child is started again. */
  @FunctionalInterface
  interface Restart {
    ChildProcess start() throws IOException;
  }

  private static final class Watched {
    final Restart restart;
    volatile ChildProcess current;
    volatile int restarts;
    Instant startedAt = Instant.now();
    Duration backoff = FIRST_BACKOFF;
    Instant diedAt;

    Watched(ChildProcess current, Restart restart) {
      this.current = current;
      this.restart = restart;
    }
  }

  private final Map<String, Watched> watched = new LinkedHashMap<>();
  private final Thread thread;
  private volatile boolean stopping;

  private Supervisor(Map<ChildProcess, Restart> children) {
    children.forEach((child, restart) -> watched.put(child.name(), new Watched(child, restart)));
    thread = Thread.ofPlatform().daemon().name("digicell-supervisor").unstarted(this::run);
  }

  /** Starts watching these children. */
  static Supervisor watch(Map<ChildProcess, Restart> children) {
    Supervisor supervisor = new Supervisor(children);
    supervisor.thread.start();
    return supervisor;
  }

  /** How often the child of this name was restarted. */
  int restarts(String name) {
    Watched w = watched.get(name);
    return w == null ? 0 : w.restarts;
  }

  /** The process now running under this name, if any. */
  Optional<ChildProcess> current(String name) {
    return Optional.ofNullable(watched.get(name)).map(w -> w.current);
  }

  List<String> names() {
    return List.copyOf(watched.keySet());
  }

  private void run() {
    while (!stopping) {
      for (Watched w : watched.values()) {
        if (stopping) {
          return;
        }
        check(w);
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void check(Watched w) {
    ChildProcess child = w.current;
    Instant now = Instant.now();
    if (child.isAlive()) {
      if (w.diedAt == null && Duration.between(w.startedAt, now).compareTo(STABLE) > 0) {
        w.backoff = FIRST_BACKOFF;
      }
      return;
    }
    if (w.diedAt == null) {
      w.diedAt = now;
      log.warn(
          "{} exited with code {}; restarting it in {} s. Last lines of {}:{}{}",
          child.name(),
          child.exitValue(),
          w.backoff.toSeconds(),
          child.logFile(),
          System.lineSeparator(),
          child.logTail(10));
    }
    if (now.isBefore(w.diedAt.plus(w.backoff))) {
      return;
    }
    synchronized (this) {
      if (stopping) {
        return;
      }
      try {
        w.current = w.restart.start();
        w.restarts++;
        w.startedAt = now;
        w.diedAt = null;
        log.warn("{} restarted (restart #{})", child.name(), w.restarts);
      } catch (IOException | RuntimeException e) {
        w.diedAt = now;
        log.error("{} could not be restarted: {}", child.name(), e.toString());
      }
      w.backoff =
          w.backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : w.backoff.multipliedBy(2);
    }
  }

  /** Stops watching; waits for a restart in progress to finish, so close() sees every child. */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    synchronized (this) {
      // a restart in progress has finished: the caller's list of children is complete
    }
  }
}
