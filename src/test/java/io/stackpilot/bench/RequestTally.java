package io.stackpilot.bench;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sits in the operator's HTTP client and tallies what it really sends, by verb: a watch is told
 * apart from a plain GET, and an access review from a write, because neither stores anything.
 */
final class RequestTally implements Interceptor {

  static final Set<String> WRITE_VERBS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final Map<String, LongAdder> perVerb = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writesPerPath = new ConcurrentHashMap<>();

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    String query = request.uri().getQuery();
    String verb = request.method();
    if (verb.equals("GET") && query != null && query.contains("watch=true")) {
      verb = "WATCH";
    } else if (verb.equals("POST") && request.uri().getPath().endsWith("reviews")) {
      verb = "REVIEW";
    }
    perVerb.computeIfAbsent(verb, v -> new LongAdder()).increment();
    if (WRITE_VERBS.contains(verb)) {
      writesPerPath
          .computeIfAbsent(verb + " " + request.uri().getPath(), p -> new LongAdder())
          .increment();
    }
  }

  long of(String verb) {
    LongAdder n = perVerb.get(verb);
    return n == null ? 0 : n.sum();
  }

  long writes() {
    return WRITE_VERBS.stream().mapToLong(this::of).sum();
  }

  /**
   * GETs (single objects and lists) and newly opened watches: what the API server answers without
   * storing.
   */
  long reads() {
    return of("GET") + of("WATCH");
  }

  Map<String, Long> snapshot() {
    Map<String, Long> all = new TreeMap<>();
    perVerb.forEach((verb, n) -> all.put(verb, n.sum()));
    return all;
  }

  String writesSeen() {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(writesPerPath)
        .forEach((path, n) -> out.append(path).append(" x").append(n.sum()).append('\n'));
    return out.toString();
  }

  /**
   * Writes by verb and resource, one object's name left out ("PATCH deployments", "PATCH
   * mediaservices/status"): what each service costs, by kind of object.
   */
  Map<String, Long> writesByResource() {
    Map<String, Long> all = new TreeMap<>();
    writesPerPath.forEach((path, n) -> all.merge(resourceOf(path), n.sum(), Long::sum));
    return all;
  }

  /** "PATCH /apis/apps/v1/namespaces/ns/deployments/web" → "PATCH deployments". */
  static String resourceOf(String verbAndPath) {
    String[] words = verbAndPath.split(" ", 2);
    String[] segments = words[1].split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (segments[i].equals("namespaces") && i + 2 < segments.length) {
        String resource = segments[i + 2];
        return words[0]
            + " "
            + (i + 4 < segments.length ? resource + "/" + segments[i + 4] : resource);
      }
    }
    return verbAndPath;
  }

  void reset() {
    perVerb.clear();
    writesPerPath.clear();
  }
}
