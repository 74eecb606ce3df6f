package io.stackpilot.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An effective list of named items: an item replaces the item of the same name from a lower layer,
 * whole and in its place, and new names go to the end. So names keep the order in which they first
 * appear, lowest layer first, and the result is the same however often it is computed.
 */
final class LayeredList<T> {

  private final String path;
  private final Function<T, String> nameOf;
  private final Map<String, Layer> provenance;
  // Re-inserting a key into a LinkedHashMap keeps its position, which is exactly the merge order.
  private final Map<String, T> itemsByName = new LinkedHashMap<>();

  /** {@code path} prefixes each item's name in the provenance, e.g. env.TZ. */
  LayeredList(String path, Function<T, String> nameOf, Map<String, Layer> provenance) {
    this.path = path;
    this.nameOf = nameOf;
    this.provenance = provenance;
  }

  void put(Layer layer, List<T> layerItems) {
    if (layerItems == null) {
      return;
    }
    for (T item : layerItems) {
      String name = nameOf.apply(item);
      itemsByName.put(name, Copies.deep(item));
      provenance.put(path + "." + name, layer);
    }
  }

  List<T> items() {
    return List.copyOf(itemsByName.values());
  }
}
