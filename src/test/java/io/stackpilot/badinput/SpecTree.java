package io.stackpilot.badinput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Paths into a JSON-like tree of maps and lists (a path is a list of map keys and list indexes), to
 * find, read, replace and remove the node a mutation aims at.
 */
final class SpecTree {

  private static final int MAX_DEPTH = 40;

  private SpecTree() {}

  /**
   * Every path below {@code root} (not the root itself) whose node passes the filter, in document
   * order.
   */
  static List<List<Object>> paths(Object root, Predicate<Object> filter) {
    List<List<Object>> found = new ArrayList<>();
    collect(root, new ArrayList<>(), filter, found);
    return found;
  }

  private static void collect(
      Object node, List<Object> path, Predicate<Object> filter, List<List<Object>> found) {
    // Deeper than any real field: only a deliberately nested node goes there, and it is aimed at as
    // a whole.
    if (path.size() > MAX_DEPTH) {
      return;
    }
    if (!path.isEmpty() && filter.test(node)) {
      found.add(List.copyOf(path));
    }
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        path.add(entry.getKey());
        collect(entry.getValue(), path, filter, found);
        path.remove(path.size() - 1);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        path.add(i);
        collect(list.get(i), path, filter, found);
        path.remove(path.size() - 1);
      }
    }
  }

  static Object get(Object root, List<Object> path) {
    Object node = root;
    for (Object step : path) {
      if (node instanceof Map<?, ?> map) {
        node = map.get(step);
      } else if (node instanceof List<?> list && step instanceof Integer i && i < list.size()) {
        node = list.get(i);
      } else {
        return null;
      }
    }
    return node;
  }

  /** Replaces the node at the path; maps on the way that are missing are created. */
  @SuppressWarnings("unchecked")
  static void set(Object root, List<Object> path, Object value) {
    Object parent = root;
    for (Object step : path.subList(0, path.size() - 1)) {
      Object child =
          parent instanceof Map<?, ?> map
              ? map.get(step)
              : parent instanceof List<?> list ? list.get((Integer) step) : null;
      if (child == null && parent instanceof Map<?, ?> map) {
        child = new LinkedHashMap<String, Object>();
        ((Map<Object, Object>) map).put(step, child);
      }
      parent = child;
    }
    Object last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      ((Map<Object, Object>) map).put(last, value);
    } else if (parent instanceof List<?> list) {
      ((List<Object>) list).set((Integer) last, value);
    }
  }

  static void remove(Object root, List<Object> path) {
    Object parent = get(root, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      map.remove(last);
    } else if (parent instanceof List<?> list) {
      list.remove((int) (Integer) last);
    }
  }

  /** A deep copy, so that mutating a case never changes the base it started from. */
  static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(copy(item)));
      return copy;
    }
    return value;
  }

  /** The path as the API server writes a field, e.g. spec.ports[0].port. */
  static String field(List<Object> path) {
    StringBuilder out = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(step);
      }
    }
    return out.toString();
  }
}
