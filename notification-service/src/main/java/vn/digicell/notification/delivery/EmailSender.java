package vn.digicell.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;

/** E-mail over SMTP (Spring Mail): one notice, or a day's digest, per message. */
@Component
class EmailSender implements ChannelSender {

  private final JavaMailSender mail;
  private final NotificationProperties properties;

  EmailSender(JavaMailSender mail, NotificationProperties properties) {
    this.mail = mail;
    this.properties = properties;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public SendResult send(Notice notice, String address, String deliveryId) {
    StringBuilder text = new StringBuilder(notice.body());
    appendLink(text, notice);
    return send(address, notice.title(), text.toString(), deliveryId);
  }

  /** One e-mail listing several notices (the daily digest). */
  SendResult sendDigest(String address, String subject, List<Notice> notices, String claimId) {
    StringBuilder text = new StringBuilder();
    for (Notice n : notices) {
      text.append("• ").append(n.title()).append('\n').append(n.body());
      appendLink(text, n);
      text.append("\n\n");
    }
    return send(address, subject, text.toString().strip(), claimId);
  }

  private void appendLink(StringBuilder text, Notice notice) {
    if (notice.link() != null) {
      text.append('\n').append(properties.portalUrl()).append(notice.link());
    }
  }

  private SendResult send(String address, String subject, String text, String reference) {
    String messageId = "<" + reference + "@notification.digicell.vn>";
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(properties.mailFrom());
      helper.setTo(address);
      helper.setSubject(subject);
      helper.setText(text, false);
      message.saveChanges();
      message.setHeader("Message-ID", messageId);
      mail.send(message);
      return SendResult.sent(messageId);
    } catch (AddressException | MailParseException | MailPreparationException e) {
      return SendResult.failed("invalid e-mail: " + e.getMessage());
    } catch (MailAuthenticationException e) {
      return SendResult.retryLater("smtp authentication: " + e.getMessage());
    } catch (MailException | MessagingException e) {
      return SendResult.retryLater("smtp: " + e.getMessage());
    }
  }
}
