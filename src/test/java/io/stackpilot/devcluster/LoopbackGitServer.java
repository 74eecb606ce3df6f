package io.stackpilot.devcluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A git repository served over smart HTTP on loopback, as a Git forge serves one to Flux: {@code
 * git http-backend} (Debian's git) behind the JDK's HTTP server, one CGI process per request, each
 * waited for. Tests commit to a working copy and push, as a user does; {@link #url()} is what a
 * GitRepository names.
 */
public final class LoopbackGitServer implements AutoCloseable {

  private static final Path HTTP_BACKEND = Path.of("/usr/lib/git-core/git-http-backend");
  private static final String REPOSITORY = "homelab.git";

  private final Path root;
  private final Path work;
  private final HttpServer server;
  private final ExecutorService requests = Executors.newFixedThreadPool(4);

  private LoopbackGitServer(Path root, Path work, HttpServer server) {
    this.root = root;
    this.work = work;
    this.server = server;
  }

  /** An empty repository with branch main, served at once. */
  public static LoopbackGitServer start(Path folder) throws IOException {
    if (!Files.isExecutable(HTTP_BACKEND)) {
      throw new IllegalStateException(HTTP_BACKEND + " is missing (Debian's git package)");
    }
    Path root = Files.createDirectories(folder.resolve("served"));
    Path work = Files.createDirectories(folder.resolve("work"));
    git(root, "init", "--quiet", "--bare", "--initial-branch=main", REPOSITORY);
    git(work, "init", "--quiet", "--initial-branch=main");
    git(work, "remote", "add", "origin", root.resolve(REPOSITORY).toString());
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LoopbackGitServer git = new LoopbackGitServer(root, work, server);
    server.createContext("/", git::serve);
    server.setExecutor(git.requests);
    server.start();
    return git;
  }

  /** The repository's URL for a GitRepository. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + REPOSITORY;
  }

  /** The working copy: write files here, then {@link #commit}. */
  public Path work() {
    return work;
  }

  /** Commits everything in the working copy and pushes it; returns the commit's id. */
  public String commit(String message) {
    git(work, "add", "--all");
    git(
        work,
        "-c",
        "user.name=Homelab Admin",
        "-c",
        "user.email=admin@home.example",
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        message);
    git(work, "push", "--quiet", "origin", "main");
    return head();
  }

  /** The id of the last commit pushed. */
  public String head() {
    return git(work, "rev-parse", "HEAD").strip();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      ProcessBuilder cgi = new ProcessBuilder(HTTP_BACKEND.toString());
      Map<String, String> env = cgi.environment();
      env.clear();
      env.put("GIT_PROJECT_ROOT", root.toString());
      env.put("GIT_HTTP_EXPORT_ALL", "1");
      env.put("PATH_INFO", exchange.getRequestURI().getPath());
      env.put("QUERY_STRING", nullToEmpty(exchange.getRequestURI().getRawQuery()));
      env.put("REQUEST_METHOD", exchange.getRequestMethod());
      env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
      env.put("PATH", "/usr/bin:/bin");
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null) {
        env.put("CONTENT_TYPE", type);
      }
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null) {
        env.put("HTTP_CONTENT_ENCODING", encoding);
      }
      String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
      if (protocol != null) {
        env.put("GIT_PROTOCOL", protocol);
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      env.put("CONTENT_LENGTH", Integer.toString(body.length));
      Process process = cgi.redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Thread feeder =
          new Thread(
              () -> {
                try (OutputStream in = process.getOutputStream()) {
                  in.write(body);
                } catch (IOException ignored) {
                  // The backend stopped reading: its answer says why.
                }
              },
              "git-http-backend-input");
      feeder.start();
      respond(exchange, process.getInputStream());
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Copies the CGI answer: its header lines (Status: among them), a blank line, the body. */
  private static void respond(HttpExchange exchange, InputStream answer) throws IOException {
    int status = 200;
    for (String header = readLine(answer); !header.isEmpty(); header = readLine(answer)) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Status")) {
        status = Integer.parseInt(value.split(" ")[0]);
      } else {
        exchange.getResponseHeaders().add(name, value);
      }
    }
    exchange.sendResponseHeaders(status, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      answer.transferTo(out);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String git(Path directory, String... args) {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    requests.shutdownNow();
  }
}
