package vn.digicell.notification.inbox;

/**
 * A notice was issued, possibly by another instance (seen on {@code notification.events}): open
 * live streams of its recipient on this instance should show it.
 */
public record NoticeArrived(String noticeId, String recipientMemberId) {}
