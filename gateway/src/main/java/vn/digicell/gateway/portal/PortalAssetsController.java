package vn.digicell.gateway.portal;

import java.time.Duration;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Serves the portal for weak networks: fingerprinted scripts and styles are cached for a year
 * ({@code immutable}: not even revalidated), the page and the service worker are revalidated on
 * each use (a 304 when unchanged), and everything goes gzipped to browsers that accept it.
 */
@RestController
class PortalAssetsController {

  static final CacheControl FOR_GOOD =
      CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
  static final CacheControl REVALIDATE = CacheControl.noCache();

  /** An outdated fingerprint gets today's file, kept only briefly. */
  static final CacheControl BRIEFLY = CacheControl.maxAge(Duration.ofMinutes(5));

  private final PortalAssets assets;

  PortalAssetsController(PortalAssets assets) {
    this.assets = assets;
  }

  @GetMapping({"/", "/index.html"})
  ResponseEntity<byte[]> page(ServerWebExchange exchange) {
    return assets
        .page()
        .map(page -> serve(page, REVALIDATE, exchange))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  @GetMapping("/{file:[A-Za-z0-9_-]+(?:\\.[0-9a-f]{10})?\\.(?:js|css)}")
  ResponseEntity<byte[]> asset(@PathVariable String file, ServerWebExchange exchange) {
    return assets
        .find(file)
        .map(
            found -> {
              PortalAssets.Asset asset = found.asset();
              CacheControl cache;
              if (!asset.immutable()) {
                cache = REVALIDATE;
              } else if (found.fingerprinted()) {
                cache = FOR_GOOD;
              } else if (file.equals(asset.name())) {
                cache = REVALIDATE;
              } else {
                cache = BRIEFLY;
              }
              return serve(asset, cache, exchange);
            })
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  static ResponseEntity<byte[]> serve(
      PortalAssets.Asset asset, CacheControl cache, ServerWebExchange exchange) {
    HttpHeaders headers = new HttpHeaders();
    headers.setCacheControl(cache);
    headers.setVary(List.of(HttpHeaders.ACCEPT_ENCODING));
    headers.setETag(asset.etag());
    if (cache != FOR_GOOD && exchange.checkNotModified(asset.etag())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
    }
    headers.setContentType(asset.type());
    if ("sw.js".equals(asset.name())) {
      headers.set("Service-Worker-Allowed", "/");
    }
    byte[] body = asset.bytes();
    if (acceptsGzip(exchange)) {
      headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
      body = asset.gzipped();
    }
    headers.setContentLength(body.length);
    return ResponseEntity.ok().headers(headers).body(body);
  }

  private static boolean acceptsGzip(ServerWebExchange exchange) {
    return exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.ACCEPT_ENCODING).stream()
        .anyMatch(value -> value.toLowerCase(java.util.Locale.ROOT).contains("gzip"));
  }
}
