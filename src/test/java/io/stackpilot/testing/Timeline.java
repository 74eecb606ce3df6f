package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Records, as watches see them, the moments objects appear, change in a way that matters, and go:
 * the sequence of what happened in a run, to print and to check the order of.
 */
public final class Timeline implements AutoCloseable {

  /** One moment: when, what happened, and to which object. */
  public record Entry(Instant at, String what, String object, String detail) {}

  private final Instant start = Instant.now();
  private final List<Entry> entries = new ArrayList<>();
  private final Map<String, String> lastDetail = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  /**
   * Follows objects of one kind; {@code detail} says what matters about one (a change in it is
   * recorded).
   */
  public <T extends HasMetadata> Timeline follow(
      String kind, Informable<T> objects, Function<T, String> detail) {
    informers.add(
        objects.inform(
            new ResourceEventHandler<T>() {
              @Override
              public void onAdd(T object) {
                record("created", kind, object, detail.apply(object));
              }

              @Override
              public void onUpdate(T old, T object) {
                record("changed", kind, object, detail.apply(object));
              }

              @Override
              public void onDelete(T object, boolean unknown) {
                record("deleted", kind, object, "");
              }
            }));
    return this;
  }

  private synchronized void record(String what, String kind, HasMetadata object, String detail) {
    String key = kind + "/" + object.getMetadata().getName();
    if (what.equals("changed") && Objects.equals(lastDetail.get(key), detail)) {
      return;
    }
    lastDetail.put(key, detail);
    entries.add(new Entry(Instant.now(), what, key, detail));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The first entry about {@code object} whose detail contains {@code text}. */
  public synchronized Optional<Entry> first(String object, String what, String text) {
    return entries.stream()
        .filter(
            e -> e.object().equals(object) && e.what().equals(what) && e.detail().contains(text))
        .findFirst();
  }

  /** The entries as lines, each with its time since the timeline started. */
  public synchronized List<String> lines() {
    return entries.stream()
        .map(
            e ->
                String.format(
                    "+%6.2f s  %-8s %-45s %s",
                    Duration.between(start, e.at()).toMillis() / 1000.0,
                    e.what(),
                    e.object(),
                    e.detail()))
        .toList();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
