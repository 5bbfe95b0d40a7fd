package vn.digicell.platform.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 over a plain socket, sending exactly the bytes given: junk such as {@code %zz}, {@code
 * [} in a query or a raw {@code ..} is not a valid {@link URI}, so {@code java.net.http} cannot
 * send it. One connection per request ({@code Connection: close}); an event stream is closed once
 * its headers have come.
 */
public final class RawHttp {

  private RawHttp() {}

  /** The answer: status ({@code -1} when none came), headers and body. */
  public record Response(int status, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name);
    }

    public String contentType() {
      return headers.get("Content-Type");
    }

    /** An RFC 9457 problem document: its media type, and a JSON body with type, title, status. */
    public boolean isProblem() {
      String type = contentType();
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
        return false;
      }
      try {
        JsonNode problem = JsonMapper.shared().readTree(body);
        return problem.hasNonNull("type")
            && problem.hasNonNull("title")
            && problem.path("status").asInt() == status;
      } catch (RuntimeException e) {
        return false;
      }
    }
  }

  /** A request with no body. */
  public static Response send(URI base, String method, String pathAndQuery) {
    return send(base, method, pathAndQuery, Map.of(), null, false);
  }

  /**
   * Sends {@code method pathAndQuery} with these headers and body ({@code null}: none); {@code
   * chunked} sends the body with {@code Transfer-Encoding: chunked} instead of a length.
   */
  public static Response send(
      URI base,
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte[] body,
      boolean chunked) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
      // longer than the gateway's 30 s response timeout
      socket.setSoTimeout(40_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(base.getHost()).append(':').append(base.getPort());
      head.append("\r\nConnection: close\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (body != null && chunked) {
        head.append("Transfer-Encoding: chunked\r\n");
      } else if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      try {
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
          writeBody(out, body, chunked);
        }
        out.flush();
      } catch (IOException e) {
        // the server may answer early (413) and stop reading: its answer is still there to read
      }
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      return new Response(-1, Map.of(), e.toString());
    }
  }

  private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
    if (!chunked) {
      out.write(body);
      return;
    }
    int chunk = 64 * 1024;
    for (int at = 0; at < body.length; at += chunk) {
      int n = Math.min(chunk, body.length - at);
      out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, at, n);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null || !statusLine.startsWith("HTTP/")) {
      return new Response(-1, Map.of(), "no status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon > 0) {
        headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
      }
    }
    String type = headers.get("Content-Type");
    if (type != null && type.startsWith("text/event-stream")) {
      return new Response(status, headers, "(an event stream)");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
      for (String size = line(in); size != null; size = line(in)) {
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          break;
        }
        body.write(in.readNBytes(n));
        line(in);
      }
    } else if (headers.containsKey("Content-Length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("Content-Length"))));
    } else {
      // Connection: close and no length: the body ends with the stream
      body.write(in.readNBytes(1024 * 1024));
    }
    return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
  }

  /** One CRLF-terminated line, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
