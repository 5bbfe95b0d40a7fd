package vn.digicell.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;

/**
 * E-mail over SMTP (Spring Mail): one notice, or a day's digest, per message. Every e-mail is
 * {@code multipart/alternative}: a plain-text part and a simple HTML part (every notice text
 * escaped), both with the portal link and a footer, in the recipient's language, saying why they
 * get it and where to change how notices reach them.
 */
@Component
class EmailSender implements ChannelSender {

  /** The portal page where members choose their channels, quiet hours and digest (the profile). */
  static final String PREFERENCES_PATH = "/#/profile";

  private final JavaMailSender mail;
  private final NotificationProperties properties;
  private final MessageSource messages;

  EmailSender(JavaMailSender mail, NotificationProperties properties, MessageSource messages) {
    this.mail = mail;
    this.properties = properties;
    this.messages = messages;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public SendResult send(Notice notice, String address, String deliveryId) {
    Locale locale = Locale.forLanguageTag(notice.language());
    StringBuilder text = new StringBuilder(notice.body());
    appendLink(text, notice);
    StringBuilder html = new StringBuilder();
    html.append("<h2>").append(escape(notice.title())).append("</h2>\n");
    appendHtml(html, notice, locale);
    return send(address, notice.title(), text.toString(), html.toString(), locale, deliveryId);
  }

  /** One e-mail listing several notices (the daily digest), in the member's language. */
  SendResult sendDigest(
      String address, String subject, List<Notice> notices, String language, String claimId) {
    Locale locale = Locale.forLanguageTag(language == null ? "vi" : language);
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    html.append("<h2>").append(escape(subject)).append("</h2>\n");
    for (Notice n : notices) {
      text.append("• ").append(n.title()).append('\n').append(n.body());
      appendLink(text, n);
      text.append("\n\n");
      html.append("<h3>").append(escape(n.title())).append("</h3>\n");
      appendHtml(html, n, locale);
    }
    return send(address, subject, text.toString().strip(), html.toString(), locale, claimId);
  }

  private void appendLink(StringBuilder text, Notice notice) {
    if (notice.link() != null) {
      text.append('\n').append(properties.portalUrl()).append(notice.link());
    }
  }

  private void appendHtml(StringBuilder html, Notice notice, Locale locale) {
    html.append("<p>").append(escape(notice.body()).replace("\n", "<br>")).append("</p>\n");
    if (notice.link() != null) {
      html.append("<p><a href=\"")
          .append(escape(properties.portalUrl() + notice.link()))
          .append("\">")
          .append(escape(message("email.open", locale, "DigiCell")))
          .append("</a></p>\n");
    }
  }

  private String footerText(Locale locale) {
    return message("email.footer", locale, "DigiCell")
        + " "
        + properties.portalUrl()
        + PREFERENCES_PATH;
  }

  private String footerHtml(Locale locale) {
    String url = properties.portalUrl() + PREFERENCES_PATH;
    return "<hr>\n<p style=\"color:#666;font-size:small\">"
        + escape(message("email.footer", locale, "DigiCell"))
        + " <a href=\""
        + escape(url)
        + "\">"
        + escape(url)
        + "</a></p>\n";
  }

  private String message(String code, Locale locale, String fallback) {
    return messages.getMessage(code, null, fallback, locale);
  }

  private static String escape(String s) {
    return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
  }

  private SendResult send(
      String address,
      String subject,
      String text,
      String htmlBody,
      Locale locale,
      String reference) {
    String messageId = "<" + reference + "@notification.digicell.vn>";
    try {
      MimeMessage message = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
      helper.setFrom(properties.mailFrom());
      helper.setTo(address);
      helper.setSubject(subject);
      MimeBodyPart plain = new MimeBodyPart();
      plain.setText(text + "\n\n-- \n" + footerText(locale), "UTF-8");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(
          "<!DOCTYPE html>\n<html lang=\""
              + escape(locale.getLanguage())
              + "\"><head><meta charset=\"UTF-8\"></head><body>\n"
              + htmlBody
              + footerHtml(locale)
              + "</body></html>\n",
          "UTF-8",
          "html");
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(plain);
      alternative.addBodyPart(html);
      message.setContent(alternative);
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
