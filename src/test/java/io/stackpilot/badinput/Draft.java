package io.stackpilot.badinput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A case while the generator builds it: the object under test (and any companions a mutation adds,
 * such as the other members of a dependency cycle), the random source every choice comes from, and
 * the names of the mutations applied, for the report.
 */
final class Draft {

  final FuzzKind kind;
  final Random random;
  final BaseSpecs bases;
  final Map<String, Object> object;
  final List<Map<String, Object>> companions = new ArrayList<>();
  final List<String> mutations = new ArrayList<>();

  /**
   * Set by mutations whose objects the operator must end up reporting Invalid, every one of them.
   */
  boolean expectInvalid;

  Draft(FuzzKind kind, String name, BaseSpecs bases, Random random) {
    this.kind = kind;
    this.random = random;
    this.bases = bases;
    this.object = manifest(kind, name, bases.pick(kind, random));
  }

  static Map<String, Object> manifest(FuzzKind kind, String name, Object spec) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", kind.apiVersion());
    object.put("kind", kind.kind);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    object.put("metadata", metadata);
    object.put("spec", spec);
    return object;
  }

  String name() {
    return (String) metadata().get("name");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> metadata() {
    return (Map<String, Object>) object.get("metadata");
  }

  /** The spec as a map, when an earlier mutation has not made it something else. */
  @SuppressWarnings("unchecked")
  Optional<Map<String, Object>> spec() {
    return object.get("spec") instanceof Map<?, ?> spec
        ? Optional.of((Map<String, Object>) spec)
        : Optional.empty();
  }

  /**
   * A random path under spec (as a path from the object, starting with "spec") whose node passes
   * the filter.
   */
  Optional<List<Object>> randomPath(Predicate<Object> filter) {
    List<List<Object>> paths = SpecTree.paths(object.get("spec"), filter);
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    List<Object> path = new ArrayList<>();
    path.add("spec");
    path.addAll(paths.get(random.nextInt(paths.size())));
    return Optional.of(path);
  }

  /** A random path under spec whose last step is one of the keys. */
  Optional<List<Object>> randomPathTo(Set<String> keys) {
    List<List<Object>> paths = new ArrayList<>();
    for (List<Object> path : SpecTree.paths(object.get("spec"), node -> true)) {
      if (keys.contains(String.valueOf(path.get(path.size() - 1)))) {
        paths.add(path);
      }
    }
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    List<Object> path = new ArrayList<>();
    path.add("spec");
    path.addAll(paths.get(random.nextInt(paths.size())));
    return Optional.of(path);
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  List<Map<String, Object>> objects() {
    List<Map<String, Object>> all = new ArrayList<>();
    all.add(object);
    all.addAll(companions);
    return all;
  }
}
