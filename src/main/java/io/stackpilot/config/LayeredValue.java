package io.stackpilot.config;

import java.util.Map;

/** One effective value: the built-in default, overridden by every higher layer that sets it. */
final class LayeredValue<T> {

  private final String path;
  private final Map<String, Layer> provenance;
  private T value;

  /** Starts from the built-in default; {@code path} is the value's key in the provenance. */
  LayeredValue(String path, T builtIn, Map<String, Layer> provenance) {
    this.path = path;
    this.provenance = provenance;
    set(Layer.BUILT_IN, builtIn);
  }

  /** Takes the layer's value; a layer that leaves the value unset (null) changes nothing. */
  void set(Layer layer, T layerValue) {
    if (layerValue != null) {
      value = layerValue;
      provenance.put(path, layer);
    }
  }

  T value() {
    return value;
  }
}
