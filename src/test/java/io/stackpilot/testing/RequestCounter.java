package io.stackpilot.testing;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Counts the HTTP requests a client really sends to the API server, by verb, so a test can prove
 * what the operator wrote rather than what it meant to write.
 */
public final class RequestCounter implements Interceptor {

  private static final List<String> WRITES = List.of("POST", "PUT", "PATCH", "DELETE");

  private final Map<String, AtomicLong> byVerb = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> writesByPath = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastAnswered = new AtomicReference<>();

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    String verb = request.method();
    if ("GET".equals(verb)
        && request.uri().getQuery() != null
        && request.uri().getQuery().contains("watch=true")) {
      verb = "WATCH";
    }
    // Access reviews are POSTed but store nothing: they are questions, not writes.
    if ("POST".equals(verb) && request.uri().getPath().endsWith("reviews")) {
      verb = "REVIEW";
    }
    if (response.code() < 500) {
      lastAnswered.set(Instant.now());
    }
    byVerb.computeIfAbsent(verb, v -> new AtomicLong()).incrementAndGet();
    if (WRITES.contains(verb)) {
      writesByPath
          .computeIfAbsent(verb + " " + request.uri().getPath(), v -> new AtomicLong())
          .incrementAndGet();
    }
  }

  /** When the API server last answered a request of this client (anything but a server error). */
  public Optional<Instant> lastAnswered() {
    return Optional.ofNullable(lastAnswered.get());
  }

  public long writes() {
    return WRITES.stream().mapToLong(this::count).sum();
  }

  /**
   * Write requests except those whose path contains the fragment, e.g. "/leases/" for leader
   * election.
   */
  public long writesExcept(String pathFragment) {
    return writesByPath.entrySet().stream()
        .filter(e -> !e.getKey().contains(pathFragment))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  /**
   * Write requests whose verb and path contain the fragment, e.g. "/deployments/sonarr" or "PATCH".
   */
  public long writesTo(String fragment) {
    return writesByPath.entrySet().stream()
        .filter(e -> e.getKey().contains(fragment))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }

  public long count(String verb) {
    AtomicLong n = byVerb.get(verb);
    return n == null ? 0 : n.get();
  }

  /**
   * The write requests seen, by verb and path, for a failure message that says what was written.
   */
  public String writesSeen() {
    return writesByPath.entrySet().stream()
        .map(e -> e.getKey() + " x" + e.getValue())
        .sorted()
        .collect(Collectors.joining("\n"));
  }

  public void reset() {
    byVerb.clear();
    writesByPath.clear();
  }
}
