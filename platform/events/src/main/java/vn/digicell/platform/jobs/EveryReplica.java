package vn.digicell.platform.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Scheduled} method that must run on every replica, because what it works on lives
 * in this process (its own open streams, its own meters), so a cluster lock would be wrong. Every
 * other scheduled method takes its job's lock ({@code @SchedulerLock}); {@code ScheduledJobsRule}
 * fails the build for a scheduled method that does neither.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EveryReplica {

  /** Why this work belongs to each process, for the next reader. */
  String value();
}
