package vn.digicell.notification.delivery;

import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;

/** Sends one notice to one address on one channel; never throws for provider trouble. */
interface ChannelSender {

  Channel channel();

  SendResult send(Notice notice, String address, String deliveryId);
}
