package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Watches objects and remembers the moment one first matched a condition, as seen by a watch: how
 * tests time "the failure became visible" or "the rollback was written" without polling.
 */
public final class FirstSeen<T extends HasMetadata> implements AutoCloseable {

  private final AtomicReference<Instant> at = new AtomicReference<>();
  private final SharedIndexInformer<T> informer;

  public FirstSeen(Informable<T> objects, Predicate<T> condition) {
    this.informer =
        OnEveryChange.inform(
            objects,
            object -> {
              if (condition.test(object)) {
                at.compareAndSet(null, Instant.now());
              }
            });
  }

  public Optional<Instant> at() {
    return Optional.ofNullable(at.get());
  }

  @Override
  public void close() {
    informer.close();
  }
}
