package vn.digicell.gateway.portal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The portal's page, scripts and styles, fingerprinted when served: each script or style gets a
 * second address with a hash of its content ({@code /portal.3f2a9c1b0d.js}) that browsers may keep
 * for a year, and the page and the scripts name each other by those addresses. The hash covers the
 * addresses a file names, so a change in {@code charts.js} gives {@code committee.js} a new address
 * too. The source files keep their names; nothing is renamed on disk.
 *
 * <p>Read once from the classpath; when the files come from a folder ({@code DIGICELL_PORTAL_DIR}
 * while editing the portal), a changed file is seen on the next request.
 */
@Component
class PortalAssets {

  /** The page itself and the service worker keep one address and are revalidated on each use. */
  static final String PAGE = "index.html";

  static final String SERVICE_WORKER = "sw.js";

  private static final Pattern FINGERPRINTED =
      Pattern.compile("([A-Za-z0-9_-]+)\\.([0-9a-f]{10})\\.(js|css)");

  /** An address of another asset inside a page, script or style: '/x.js', "/x.css". */
  private static final Pattern REFERENCE =
      Pattern.compile("([\"'])/([A-Za-z0-9_-]+\\.(?:js|css))\\1");

  private final ResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
  private final List<String> locations;
  private final boolean fromFolder;
  private volatile Snapshot snapshot;

  PortalAssets(
      @Value("${spring.web.resources.static-locations:classpath:/static/}") String[] locations) {
    this.locations = List.of(locations).stream().map(l -> l.endsWith("/") ? l : l + "/").toList();
    this.fromFolder = this.locations.stream().anyMatch(l -> l.startsWith("file:"));
  }

  /** One file as served: its bytes (and gzip), type, hash and fingerprinted address. */
  record Asset(
      String name, byte[] bytes, byte[] gzipped, MediaType type, String hash, boolean immutable) {

    /** The address browsers may cache for good (the page and the worker keep their own). */
    String url() {
      if (!immutable) {
        return "/" + name;
      }
      int dot = name.lastIndexOf('.');
      return "/" + name.substring(0, dot) + "." + hash + name.substring(dot);
    }

    String etag() {
      return "\"" + hash + "\"";
    }
  }

  /** What an address asks for, and whether it named the current content's hash. */
  record Lookup(Asset asset, boolean fingerprinted) {}

  /**
   * The asset an address names: {@code portal.js} or {@code portal.<hash>.js}. An address with an
   * old hash (a page cached before a release) gets the current file, but not for long.
   */
  Optional<Lookup> find(String file) {
    Snapshot current = current();
    Matcher versioned = FINGERPRINTED.matcher(file);
    if (versioned.matches()) {
      Asset asset = current.assets().get(versioned.group(1) + "." + versioned.group(3));
      if (asset == null || !asset.immutable()) {
        return Optional.empty();
      }
      return Optional.of(new Lookup(asset, asset.hash().equals(versioned.group(2))));
    }
    return Optional.ofNullable(current.assets().get(file)).map(a -> new Lookup(a, false));
  }

  /** The portal page with fingerprinted addresses. */
  Optional<Asset> page() {
    return Optional.ofNullable(current().assets().get(PAGE));
  }

  /** Every asset's fingerprinted address by its plain one (for the service worker and tests). */
  Map<String, String> urls() {
    Map<String, String> urls = new LinkedHashMap<>();
    current().assets().values().forEach(a -> urls.put("/" + a.name(), a.url()));
    return urls;
  }

  private Snapshot current() {
    Snapshot known = snapshot;
    if (known == null || (fromFolder && known.changed(read()))) {
      synchronized (this) {
        Map<String, Source> sources = read();
        if (snapshot == null || snapshot.changed(sources)) {
          snapshot = Snapshot.of(sources);
        }
        known = snapshot;
      }
    }
    return known;
  }

  private Map<String, Source> read() {
    Map<String, Source> sources = new HashMap<>();
    for (String location : locations) {
      for (String pattern : List.of("*.js", "*.css", PAGE)) {
        try {
          for (Resource resource : resolver.getResources(location + pattern)) {
            String name = resource.getFilename();
            if (name != null && resource.isReadable() && !sources.containsKey(name)) {
              sources.put(name, new Source(name, resource.getContentAsByteArray()));
            }
          }
        } catch (IOException unreadable) {
          throw new UncheckedIOException(
              "cannot read the portal's files at " + location, unreadable);
        }
      }
    }
    return sources;
  }

  private record Source(String name, byte[] bytes) {
    boolean sameAs(Source other) {
      return other != null && java.util.Arrays.equals(bytes, other.bytes);
    }
  }

  private record Snapshot(Map<String, Source> sources, Map<String, Asset> assets) {

    boolean changed(Map<String, Source> now) {
      if (!now.keySet().equals(sources.keySet())) {
        return true;
      }
      return now.values().stream().anyMatch(s -> !s.sameAs(sources.get(s.name())));
    }

    static Snapshot of(Map<String, Source> sources) {
      Map<String, Asset> assets = new HashMap<>();
      for (String name : sources.keySet()) {
        build(name, sources, assets, new HashSet<>());
      }
      return new Snapshot(Map.copyOf(sources), Map.copyOf(assets));
    }

    /** Builds an asset after the assets it names, so their addresses are known. */
    private static Asset build(
        String name, Map<String, Source> sources, Map<String, Asset> assets, Set<String> path) {
      Asset done = assets.get(name);
      if (done != null) {
        return done;
      }
      path.add(name);
      String text = new String(sources.get(name).bytes(), StandardCharsets.UTF_8);
      Matcher reference = REFERENCE.matcher(text);
      StringBuilder rewritten = new StringBuilder();
      List<String> named = new ArrayList<>();
      while (reference.find()) {
        String target = reference.group(2);
        String replacement = reference.group();
        boolean rewritable =
            sources.containsKey(target) && !SERVICE_WORKER.equals(target) && !path.contains(target);
        if (rewritable) {
          Asset dependency = build(target, sources, assets, path);
          replacement = reference.group(1) + dependency.url() + reference.group(1);
          named.add(target);
        }
        reference.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
      }
      reference.appendTail(rewritten);
      path.remove(name);
      byte[] bytes = rewritten.toString().getBytes(StandardCharsets.UTF_8);
      boolean immutable = !PAGE.equals(name) && !SERVICE_WORKER.equals(name);
      Asset asset = new Asset(name, bytes, gzip(bytes), type(name), hash(bytes), immutable);
      assets.put(name, asset);
      return asset;
    }
  }

  static MediaType type(String name) {
    if (name.endsWith(".css")) {
      return new MediaType("text", "css", StandardCharsets.UTF_8);
    }
    if (name.endsWith(".js")) {
      return new MediaType("text", "javascript", StandardCharsets.UTF_8);
    }
    return new MediaType("text", "html", StandardCharsets.UTF_8);
  }

  private static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest).substring(0, 10);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out) {
          {
            def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
          }
        }) {
      gz.write(bytes);
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return out.toByteArray();
  }
}
