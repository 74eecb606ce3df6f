package io.stackpilot.realnode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.0 requests from this machine to a pod's address, with the Host header an ingress
 * controller routes by (the JDK's client will not set one of its own choosing) and any cookie. One
 * connection per request, closed by the server after its answer, so no chunked bodies.
 */
final class PlainHttp {

  private static final int TIMEOUT_MS = 5_000;

  /** One answer: its status, its headers (names in lower case; the last of a repeated one). */
  record Answer(int status, Map<String, String> headers, String body) {

    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first cookie the answer sets, as a request sends it back: name=value. */
    Optional<String> cookie() {
      return header("set-cookie").map(c -> c.split(";", 2)[0].trim());
    }

    /** Status and the start of the body, as a line for a log or a failed assertion. */
    String summary() {
      String start = body.length() > 80 ? body.substring(0, 80) + "..." : body;
      return status + " " + start.replaceAll("\\s+", " ");
    }
  }

  private PlainHttp() {}

  static Answer get(String address, int port, String host, String path, Optional<String> cookie) {
    StringBuilder request = new StringBuilder();
    request.append("GET ").append(path).append(" HTTP/1.0\r\n");
    request.append("Host: ").append(host).append("\r\n");
    request.append("Accept: text/html\r\n");
    cookie.ifPresent(c -> request.append("Cookie: ").append(c).append("\r\n"));
    request.append("\r\n");
    return exchange(address, port, request.toString());
  }

  static Answer postForm(String address, int port, String host, String path, String form) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    String request =
        "POST "
            + path
            + " HTTP/1.0\r\nHost: "
            + host
            + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
            + body.length
            + "\r\n\r\n"
            + form;
    return exchange(address, port, request);
  }

  private static Answer exchange(String address, int port, String request) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "request to "
              + address
              + ":"
              + port
              + " ("
              + request.lines().findFirst().orElse("")
              + ")",
          e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }

  private static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String head = end < 0 ? raw : raw.substring(0, end);
    String body = end < 0 ? "" : raw.substring(end + 4);
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IllegalStateException("not an HTTP answer: " + lines[0]);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Answer(Integer.parseInt(statusLine[1]), headers, body);
  }
}
