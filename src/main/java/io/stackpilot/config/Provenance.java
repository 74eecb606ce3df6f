package io.stackpilot.config;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which layer set each effective value, keyed by a path into the effective configuration such as
 * {@code image}, {@code replicas}, {@code env.TZ}, {@code config.LOG_LEVEL}, {@code ports.http},
 * {@code storage.config}, {@code resources}, {@code recovery.maxRestarts}.
 */
public record Provenance(SortedMap<String, Layer> layers) {

  public Provenance {
    layers = Collections.unmodifiableSortedMap(new TreeMap<>(layers));
  }

  public static Provenance of(Map<String, Layer> layers) {
    return new Provenance(new TreeMap<>(layers));
  }

  public Optional<Layer> of(String path) {
    return Optional.ofNullable(layers.get(path));
  }
}
