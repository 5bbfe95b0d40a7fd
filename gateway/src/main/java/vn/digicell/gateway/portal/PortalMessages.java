package vn.digicell.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The portal's texts: every key of {@code messages_<lang>.properties} that belongs to the portal
 * ({@code portal.}, {@code committee.}, {@code admin.} prefixes), Vietnamese first, English falling
 * back to Vietnamese key by key. Read once from the classpath; when {@code
 * digicell.portal.messages-location} points at a directory ({@code file:…/}, the local launcher's
 * portal development mode) the files are read again on every request so edits show at once.
 */
@Component
class PortalMessages {

  static final List<String> LANGUAGES = List.of("vi", "en");
  private static final List<String> PREFIXES = List.of("portal.", "committee.", "admin.");

  private final ResourceLoader resources;
  private final String location;
  private final boolean live;
  private final Map<String, Bundle> cache = new ConcurrentHashMap<>();

  PortalMessages(
      ResourceLoader resources,
      @Value("${digicell.portal.messages-location:classpath:}") String location) {
    this.resources = resources;
    this.location = location;
    this.live = location.startsWith("file:");
  }

  /** The portal texts of one language, with a version tag for HTTP caching. */
  record Bundle(Map<String, String> texts, String etag) {}

  Bundle of(String lang) {
    String language = LANGUAGES.contains(lang) ? lang : "vi";
    if (live) {
      return load(language);
    }
    return cache.computeIfAbsent(language, this::load);
  }

  private Bundle load(String language) {
    Map<String, String> texts = new TreeMap<>(read("vi"));
    if (!language.equals("vi")) {
      texts.putAll(read(language));
    }
    return new Bundle(texts, '"' + hash(texts.toString()) + '"');
  }

  private Map<String, String> read(String language) {
    Resource file = resources.getResource(location + "messages_" + language + ".properties");
    Properties properties = new Properties();
    try (InputStream in = file.getInputStream()) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the portal texts " + file, e);
    }
    Map<String, String> texts = new TreeMap<>();
    properties.forEach(
        (key, value) -> {
          String name = key.toString();
          if (PREFIXES.stream().anyMatch(name::startsWith)) {
            texts.put(name, value.toString());
          }
        });
    return texts;
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
