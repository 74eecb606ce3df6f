package io.stackpilot.config;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An effective map: entries merge by key, each from the highest layer that sets it. Sorted by key,
 * so the result does not depend on the order of the maps it came from.
 */
final class LayeredMap<V> {

  private final String path;
  private final UnaryOperator<V> copy;
  private final Map<String, Layer> provenance;
  private final SortedMap<String, V> entries = new TreeMap<>();

  private LayeredMap(String path, UnaryOperator<V> copy, Map<String, Layer> provenance) {
    this.path = path;
    this.copy = copy;
    this.provenance = provenance;
  }

  /** A map of strings, which need no copy. {@code path} prefixes each key in the provenance. */
  static LayeredMap<String> ofStrings(String path, Map<String, Layer> provenance) {
    return new LayeredMap<>(path, UnaryOperator.identity(), provenance);
  }

  /** A map of mutable values, copied so the result shares none with the input. */
  static <V> LayeredMap<V> ofCopies(String path, Map<String, Layer> provenance) {
    return new LayeredMap<>(path, Copies::deep, provenance);
  }

  void put(Layer layer, Map<String, V> layerEntries) {
    if (layerEntries == null) {
      return;
    }
    layerEntries.forEach(
        (key, value) -> {
          entries.put(key, copy.apply(value));
          provenance.put(path + "." + key, layer);
        });
  }

  SortedMap<String, V> entries() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }
}
