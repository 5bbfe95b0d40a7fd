package vn.digicell.platform.web;

import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Texts people read in problems: the service's own {@code messages*.properties} first, then the
 * platform's {@code platform-messages*.properties}; Vietnamese unless the caller asks otherwise.
 */
public class PlatformMessages {

  private final ResourceBundleMessageSource source = new ResourceBundleMessageSource();

  public PlatformMessages() {
    // a service without its own messages.properties uses the platform's texts alone
    if (PlatformMessages.class.getClassLoader().getResource("messages.properties") != null) {
      source.setBasenames("messages", "platform-messages");
    } else {
      source.setBasenames("platform-messages");
    }
    source.setDefaultEncoding("UTF-8");
    source.setFallbackToSystemLocale(false);
  }

  /** The text in the current request's language. */
  public String text(String code, String fallback) {
    return text(code, fallback, LocaleContextHolder.getLocale());
  }

  public String text(String code, String fallback, Locale locale) {
    return source.getMessage(code, null, fallback, locale);
  }

  /** The text with its arguments ({0}, {1}…) in the current request's language. */
  public String format(String code, String fallback, Object... args) {
    return source.getMessage(code, args, fallback, LocaleContextHolder.getLocale());
  }
}
