package vn.digicell.notification.notice;

import java.util.List;

/**
 * Published in-process after {@link NoticeIssuer#issue}: {@code created} are the notices new in
 * inboxes (live updates), {@code all} every notice of the call, new or already there (delivery
 * queues them idempotently, so a retried issue never loses a channel).
 */
public record NoticesIssued(List<Notice> created, List<Notice> all) {}
