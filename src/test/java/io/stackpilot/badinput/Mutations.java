package io.stackpilot.badinput;

import io.stackpilot.badinput.JsonText.RawBytes;
import io.stackpilot.badinput.JsonText.RawNumber;
import io.stackpilot.badinput.Mutation.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The catalogue of ways to spoil a spec: wrong types, huge and negative numbers, unicode and bytes
 * that are not UTF-8, 1 MiB strings, deep nesting, too many items, duplicated names, missing
 * references, dependency cycles, literal secrets, malformed durations, quantities, paths and enums,
 * and values the CRD cannot check but the API server will refuse in the rendered Deployment.
 */
final class Mutations {

  private static final Predicate<FuzzKind> ANY = kind -> true;
  private static final Predicate<FuzzKind> SERVICES = FuzzKind::isService;

  static final int MIB = 1 << 20;

  private static final List<Object> WRONG_TYPES =
      Arrays.asList(
          "x",
          7,
          7.5,
          true,
          null,
          List.of(),
          Map.of(),
          List.of("x"),
          Map.of("x", "y"),
          new RawNumber("-0"));
  private static final List<RawNumber> BIG_NUMBERS =
      numbers(
          "-1",
          "0",
          "65536",
          "2147483648",
          "-2147483649",
          "9007199254740993",
          "9223372036854775807",
          "9223372036854775808",
          "18446744073709551616",
          "1e30",
          "1e400",
          "-1e400",
          "0.5",
          "1.0",
          "1E2",
          "-0",
          "123456789012345678901234567890");
  private static final List<Object> UNICODE =
      List.of(
          "sönarr",
          "日本語",
          "🎬🍿",
          "\u202Eevil",
          "zero\u200Bwidth",
          "a\u0000b",
          "\uD800",
          "\uDC00x",
          "e\u0301",
          "İstanbul",
          "ｓｏｎａｒｒ",
          "s\u043Enarr",
          "\uFEFFbom",
          "line\nbreak",
          "tab\tchar",
          "\u2028",
          new RawBytes(new byte[] {(byte) 0xFF, (byte) 0xFE}),
          new RawBytes(new byte[] {(byte) 0xC0, (byte) 0xAF}),
          new RawBytes(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}));
  private static final List<String> DURATIONS =
      List.of(
          "0s",
          "1ms",
          "999ms",
          "-1m",
          "1d",
          "1h30",
          "1.5h",
          " 1h",
          "1H",
          "9999999999999999h",
          "99999999999999999999h",
          "9223372036854775807ms",
          "100000000000000h",
          "2562047h",
          "2562048h",
          "1h1h1h1h1h1h1h1h1h1h",
          "",
          "m");
  private static final List<String> QUANTITIES =
      List.of(
          "1Zi",
          "-1Gi",
          "1e400",
          "",
          "1.5.5Gi",
          "0",
          "1Ei",
          "99999999999999999999999Gi",
          "1m",
          "NaN",
          "+1Gi",
          "1 Gi",
          "1gi",
          "0.000000001");
  private static final List<String> PATHS =
      List.of(
          "relative/path",
          "/",
          "/config/../../etc",
          "/a\u0000b",
          "/dev/../etc/passwd",
          "",
          "/config/",
          "//",
          "/proc/self",
          "/" + "a".repeat(300));
  private static final List<String> ENUMS =
      List.of(
          "Beta",
          "canary",
          "restricted",
          "RESTRICTED",
          "",
          "auto",
          "ICMP",
          "Deny",
          "Automatic ",
          "null",
          "MediaService ");
  private static final List<Integer> LENGTHS = List.of(16, 31, 41, 64, 129, 254, 256, 513, 262_145);

  private static final Set<String> NUMERIC =
      Set.of(
          "replicas",
          "port",
          "percent",
          "initialDelaySeconds",
          "periodSeconds",
          "failureThreshold",
          "maxRestarts");
  private static final Set<String> DURATION_FIELDS =
      Set.of("failureWindow", "progressDeadline", "restartWindow", "soak", "interval");
  private static final Set<String> QUANTITY_FIELDS = Set.of("size", "scratchSize", "cpu", "memory");
  private static final Set<String> PATH_FIELDS = Set.of("mountPath", "path", "configPath");
  private static final Set<String> ENUM_FIELDS =
      Set.of(
          "channel",
          "securityProfile",
          "rollback",
          "promotion",
          "protocol",
          "provider",
          "role",
          "networkPolicy",
          "format",
          "reclaim",
          "accessMode",
          "kind");
  private static final Set<String> LIMITED_STRINGS =
      Set.of(
          "name",
          "claimName",
          "existingClaim",
          "secretName",
          "stack",
          "host",
          "ingressClassName",
          "image",
          "path",
          "mountPath",
          "content");
  private static final Set<String> STRING_MAPS =
      Set.of("config", "nodeSelector", "podAnnotations", "podLabels");

  private Mutations() {}

  static final List<Mutation> ALL =
      List.of(
          new Mutation(
              "wrong-type", Stage.SHAPE, ANY, d -> replaceAny(d, node -> true, () -> wrongType(d))),
          new Mutation("missing-field", Stage.SHAPE, ANY, Mutations::dropField),
          new Mutation(
              "explicit-null", Stage.SHAPE, ANY, d -> replaceAny(d, node -> true, () -> null)),
          new Mutation("unknown-field", Stage.SHAPE, ANY, Mutations::unknownField),
          new Mutation("empty-collection", Stage.SHAPE, ANY, Mutations::emptyCollection),
          new Mutation("spec-not-an-object", Stage.SHAPE, ANY, Mutations::specShape),
          new Mutation("metadata-garbage", Stage.SHAPE, ANY, Mutations::metadataGarbage),
          new Mutation(
              "enum-garbage",
              Stage.SHAPE,
              ANY,
              d -> replaceNamed(d, ENUM_FIELDS, "securityProfile", () -> d.pick(ENUMS))),
          new Mutation("bad-duration", Stage.SHAPE, ANY, Mutations::badDuration),
          new Mutation("bad-quantity", Stage.SHAPE, ANY, Mutations::badQuantity),
          new Mutation("bad-path", Stage.SHAPE, ANY, Mutations::badPath),
          new Mutation(
              "huge-number",
              Stage.SHAPE,
              ANY,
              d -> replaceNamed(d, NUMERIC, "replicas", () -> d.pick(BIG_NUMBERS))),
          new Mutation("beta-without-image", Stage.SHAPE, SERVICES, Mutations::betaWithoutImage),
          new Mutation(
              "unicode-value",
              Stage.SHAPE,
              ANY,
              d -> replaceAny(d, String.class::isInstance, () -> d.pick(UNICODE))),
          new Mutation("unicode-key", Stage.SHAPE, ANY, Mutations::unicodeKey),
          new Mutation("over-length-string", Stage.SIZE, ANY, Mutations::overLengthString),
          new Mutation("one-mib-string", Stage.SIZE, ANY, Mutations::hugeString),
          new Mutation("too-many-items", Stage.SIZE, ANY, Mutations::tooManyItems),
          new Mutation("deep-nesting", Stage.NESTING, ANY, Mutations::deepNesting),
          new Mutation("duplicated-name", Stage.SEMANTIC, ANY, Mutations::duplicateEntry),
          new Mutation("missing-reference", Stage.SEMANTIC, ANY, Mutations::missingReference),
          new Mutation("self-dependency", Stage.SEMANTIC, SERVICES, Mutations::selfDependency),
          new Mutation("dependency-cycle", Stage.SEMANTIC, SERVICES, Mutations::dependencyCycle),
          new Mutation(
              "same-name-other-kind", Stage.SEMANTIC, SERVICES, Mutations::sameNameOtherKind),
          new Mutation("literal-secret", Stage.SEMANTIC, ANY, Mutations::literalSecret),
          new Mutation(
              "replicas-on-single-writer-volume",
              Stage.SEMANTIC,
              SERVICES,
              Mutations::replicasOnSingleWriter),
          new Mutation(
              "bad-label-selector",
              Stage.SEMANTIC,
              kind -> kind == FuzzKind.SECURITY || kind == FuzzKind.MONITORING,
              Mutations::badSelector),
          new Mutation(
              "requests-above-limits", Stage.SEMANTIC, ANY, Mutations::requestsAboveLimits),
          new Mutation("bad-toleration", Stage.SEMANTIC, ANY, Mutations::badToleration),
          new Mutation("bad-env-source", Stage.SEMANTIC, ANY, Mutations::badEnvSource),
          new Mutation("bad-pod-metadata", Stage.SEMANTIC, ANY, Mutations::badPodMetadata));

  // --- shape

  private static boolean replaceAny(Draft d, Predicate<Object> filter, Supplier<Object> value) {
    Optional<List<Object>> path = d.randomPath(filter);
    path.ifPresent(p -> SpecTree.set(d.object, p, value.get()));
    return path.isPresent();
  }

  /**
   * Replaces a field with one of the names, or, when the spec has none, sets {@code fallback} at
   * the top.
   */
  private static boolean replaceNamed(
      Draft d, Set<String> names, String fallback, Supplier<Object> value) {
    Optional<List<Object>> path = d.randomPathTo(names);
    if (path.isPresent()) {
      SpecTree.set(d.object, path.get(), value.get());
      return true;
    }
    if (d.spec().isEmpty()) {
      return false;
    }
    d.spec().get().put(fallback, value.get());
    return true;
  }

  private static boolean dropField(Draft d) {
    Optional<List<Object>> path = d.randomPath(node -> true);
    path.ifPresent(p -> SpecTree.remove(d.object, p));
    return path.isPresent();
  }

  private static boolean unknownField(Draft d) {
    Optional<List<Object>> path = d.randomPath(Map.class::isInstance);
    Object target = path.map(p -> SpecTree.get(d.object, p)).orElse(d.object.get("spec"));
    if (target instanceof Map<?, ?> map) {
      putInto(map, d.pick(List.of("unknownField", "replica", "Image", "x-extra")), wrongType(d));
      return true;
    }
    return false;
  }

  private static boolean emptyCollection(Draft d) {
    Optional<List<Object>> path =
        d.randomPath(node -> node instanceof Map<?, ?> || node instanceof List<?>);
    path.ifPresent(
        p ->
            SpecTree.set(
                d.object,
                p,
                SpecTree.get(d.object, p) instanceof List<?>
                    ? new ArrayList<>()
                    : new LinkedHashMap<>()));
    return path.isPresent();
  }

  private static boolean specShape(Draft d) {
    Object shape =
        SpecTree.copy(d.pick(Arrays.asList("x", List.of(), 7, null, Map.of(), "REMOVE")));
    if ("REMOVE".equals(shape)) {
      d.object.remove("spec");
    } else {
      d.object.put("spec", shape);
    }
    return true;
  }

  private static boolean metadataGarbage(Draft d) {
    Map<String, Object> metadata = d.metadata();
    switch (d.random.nextInt(7)) {
      case 0 -> metadata.put("labels", new LinkedHashMap<>(Map.of("bad key!", "v")));
      case 1 -> metadata.put("labels", new LinkedHashMap<>(Map.of("k", "v".repeat(64))));
      case 2 ->
          metadata.put("annotations", new LinkedHashMap<>(Map.of("big", letters(d, 300 * 1024))));
      case 3 -> metadata.put("name", d.name().toUpperCase(Locale.ROOT));
      case 4 -> metadata.put("name", d.name() + "-" + "n".repeat(40 - d.name().length()));
      case 5 -> metadata.put("namespace", "somewhere-else");
      default -> metadata.put("labels", wrongType(d));
    }
    return true;
  }

  private static boolean badDuration(Draft d) {
    Optional<List<Object>> path = d.randomPathTo(DURATION_FIELDS);
    if (path.isPresent()) {
      SpecTree.set(d.object, path.get(), d.pick(DURATIONS));
      return true;
    }
    if (d.spec().isEmpty()) {
      return false;
    }
    String field = d.kind.isService() ? "recovery" : "base";
    Map<String, Object> recovery = new LinkedHashMap<>(Map.of("failureWindow", d.pick(DURATIONS)));
    if (d.kind.isService()) {
      d.spec().get().put(field, recovery);
    } else {
      d.spec().get().put(field, new LinkedHashMap<>(Map.of("recovery", recovery)));
    }
    return true;
  }

  private static boolean badQuantity(Draft d) {
    Optional<List<Object>> path = d.randomPathTo(QUANTITY_FIELDS);
    if (path.isPresent()) {
      SpecTree.set(d.object, path.get(), d.pick(QUANTITIES));
      return true;
    }
    if (!d.kind.isService() || d.spec().isEmpty()) {
      return false;
    }
    d.spec()
        .get()
        .put(
            "storage",
            new ArrayList<>(
                List.of(
                    new LinkedHashMap<>(
                        Map.of(
                            "name", "data", "mountPath", "/data", "size", d.pick(QUANTITIES))))));
    return true;
  }

  private static boolean badPath(Draft d) {
    Optional<List<Object>> path = d.randomPathTo(PATH_FIELDS);
    if (path.isPresent()) {
      SpecTree.set(d.object, path.get(), d.pick(PATHS));
      return true;
    }
    if (!d.kind.isService() || d.spec().isEmpty()) {
      return false;
    }
    d.spec()
        .get()
        .put(
            "configFiles",
            new ArrayList<>(
                List.of(new LinkedHashMap<>(Map.of("path", d.pick(PATHS), "content", "x: 1\n")))));
    return true;
  }

  private static boolean betaWithoutImage(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    d.spec().get().put("channel", "beta");
    if (d.spec().get().get("channels") instanceof Map<?, ?> channels) {
      channels.remove("beta");
    }
    return true;
  }

  private static boolean unicodeKey(Draft d) {
    Optional<List<Object>> path = d.randomPathTo(STRING_MAPS);
    Object target = path.map(p -> SpecTree.get(d.object, p)).orElse(null);
    if (target == null && d.spec().isPresent() && d.kind.isService()) {
      target = new LinkedHashMap<String, Object>();
      d.spec().get().put("config", target);
    }
    if (target instanceof Map<?, ?> map) {
      putInto(
          map, d.pick(List.of("ключ", "日本", "🎬", "e\u0301", "zero\u200Bwidth", "a\u0000b")), "v");
      return true;
    }
    return false;
  }

  // --- size

  private static boolean overLengthString(Draft d) {
    Optional<List<Object>> path = d.randomPathTo(LIMITED_STRINGS);
    int length = d.pick(LENGTHS);
    path.ifPresent(p -> SpecTree.set(d.object, p, "a" + "b".repeat(length - 2) + "c"));
    return path.isPresent();
  }

  /**
   * A string of 1 MiB in place of a random string, or (one time in five) of 3.5 MiB, over the API
   * server's request limit.
   */
  private static boolean hugeString(Draft d) {
    int size = d.random.nextInt(5) == 0 ? 7 * MIB / 2 : MIB;
    Optional<List<Object>> path = d.randomPath(String.class::isInstance);
    if (path.isPresent()) {
      SpecTree.set(d.object, path.get(), letters(d, size));
      return true;
    }
    return d.spec().map(spec -> spec.put("stack", letters(d, size))).isPresent()
        || d.spec().isPresent();
  }

  private static boolean tooManyItems(Draft d) {
    int count = d.pick(List.of(17, 65, 129, 1000, 5000));
    Optional<List<Object>> path =
        d.randomPath(node -> node instanceof List<?> || node instanceof Map<?, ?>);
    if (path.isEmpty()) {
      return false;
    }
    Object node = SpecTree.get(d.object, path.get());
    if (node instanceof List<?> list) {
      Object first = list.isEmpty() ? "item" : list.get(0);
      List<Object> many = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        many.add(variant(first, i));
      }
      SpecTree.set(d.object, path.get(), many);
    } else {
      Map<String, Object> many = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        many.put("KEY_" + i, "v" + i);
      }
      SpecTree.set(d.object, path.get(), many);
    }
    return true;
  }

  /** A copy of a list item whose name (or port) is made unique, so that only the count is wrong. */
  @SuppressWarnings("unchecked")
  private static Object variant(Object item, int i) {
    Object copy = SpecTree.copy(item);
    if (copy instanceof Map<?, ?> map) {
      Map<String, Object> entry = (Map<String, Object>) map;
      entry.computeIfPresent("name", (k, v) -> v instanceof String s ? s + i : v);
      entry.computeIfPresent("path", (k, v) -> v instanceof String s ? s + i : v);
      entry.computeIfPresent("mountPath", (k, v) -> v instanceof String s ? s + i : v);
      entry.computeIfPresent("port", (k, v) -> 1000 + i);
    } else if (copy instanceof String s) {
      return s + i;
    }
    return copy;
  }

  private static boolean deepNesting(Draft d) {
    int depth = d.pick(List.of(64, 512, 4096, 20_000));
    boolean arrays = d.random.nextBoolean();
    Object nested = "bottom";
    for (int i = 0; i < depth; i++) {
      nested = arrays ? new ArrayList<>(List.of(nested)) : new LinkedHashMap<>(Map.of("a", nested));
    }
    Optional<List<Object>> path = d.randomPath(node -> true);
    if (path.isPresent() && d.random.nextBoolean()) {
      SpecTree.set(d.object, path.get(), nested);
      return true;
    }
    if (d.spec().isEmpty()) {
      return false;
    }
    d.spec().get().put(d.pick(List.of("config", "podAnnotations", "nested")), nested);
    return true;
  }

  // --- semantic

  private static boolean duplicateEntry(Draft d) {
    Optional<List<Object>> path =
        d.randomPath(node -> node instanceof List<?> list && !list.isEmpty());
    if (path.isEmpty()) {
      return false;
    }
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) SpecTree.get(d.object, path.get());
    Object copy = SpecTree.copy(list.get(d.random.nextInt(list.size())));
    // Half the time the same name with other content, which no "exact duplicate" shortcut catches.
    if (copy instanceof Map<?, ?> map && d.random.nextBoolean()) {
      putInto(map, "value", "different");
    }
    list.add(copy);
    return true;
  }

  private static boolean missingReference(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    Map<String, Object> spec = d.spec().get();
    if (!d.kind.isService()) {
      Map<String, Object> webhook =
          new LinkedHashMap<>(
              Map.of(
                  "name",
                  "ops",
                  "urlSecretRef",
                  new LinkedHashMap<>(Map.of("name", "missing-secret", "key", "url"))));
      spec.put(
          "alerts", new LinkedHashMap<>(Map.of("webhooks", new ArrayList<>(List.of(webhook)))));
      d.expectInvalid = true;
      return true;
    }
    switch (d.random.nextInt(5)) {
      case 0 -> spec.put("stack", "missing-stack");
      case 1 ->
          addEnv(
              spec,
              Map.of(
                  "name",
                  "FROM_MISSING_SECRET",
                  "valueFrom",
                  Map.of("secretKeyRef", Map.of("name", "missing-secret", "key", "k"))));
      case 2 ->
          addEnv(
              spec,
              Map.of(
                  "name",
                  "FROM_MISSING_KEY",
                  "valueFrom",
                  Map.of("secretKeyRef", Map.of("name", "sonarr", "key", "missing-key"))));
      case 3 ->
          addEnv(
              spec,
              Map.of(
                  "name",
                  "FROM_MISSING_CONFIGMAP",
                  "valueFrom",
                  Map.of("configMapKeyRef", Map.of("name", "missing-configmap", "key", "k"))));
      default ->
          spec.put(
              "storage",
              new ArrayList<>(
                  List.of(
                      new LinkedHashMap<>(
                          Map.of(
                              "name",
                              "library",
                              "mountPath",
                              "/library",
                              "existingClaim",
                              "missing-claim")))));
    }
    d.expectInvalid = true;
    return true;
  }

  private static boolean selfDependency(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    dependOn(d.spec().get(), d.kind.kind, d.name());
    d.expectInvalid = true;
    return true;
  }

  /** Two to four services that depend on each other in a ring, the case's object among them. */
  private static boolean dependencyCycle(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    List<FuzzKind> services = List.of(FuzzKind.MEDIA, FuzzKind.SECURITY, FuzzKind.MONITORING);
    int others = 1 + d.random.nextInt(3);
    List<Map<String, Object>> ring = new ArrayList<>();
    ring.add(d.object);
    for (int i = 1; i <= others; i++) {
      FuzzKind kind = d.pick(services);
      ring.add(Draft.manifest(kind, d.name() + "-c" + i, d.bases.minimal(kind)));
    }
    for (int i = 0; i < ring.size(); i++) {
      Map<String, Object> next = ring.get((i + 1) % ring.size());
      @SuppressWarnings("unchecked")
      Map<String, Object> spec = (Map<String, Object>) ring.get(i).get("spec");
      dependOn(
          spec, (String) next.get("kind"), (String) ((Map<?, ?>) next.get("metadata")).get("name"));
    }
    d.companions.addAll(ring.subList(1, ring.size()));
    d.expectInvalid = true;
    return true;
  }

  /** Another kind of service with the very same name: both would render objects of that name. */
  private static boolean sameNameOtherKind(Draft d) {
    List<FuzzKind> others =
        new ArrayList<>(List.of(FuzzKind.MEDIA, FuzzKind.SECURITY, FuzzKind.MONITORING));
    others.remove(d.kind);
    FuzzKind kind = d.pick(others);
    d.companions.add(Draft.manifest(kind, d.name(), d.bases.minimal(kind)));
    return true;
  }

  private static boolean literalSecret(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    String value =
        switch (d.random.nextInt(3)) {
          case 0 -> randomKey(d, 40);
          case 1 -> "eyJhbGciOiJIUzI1NiJ9." + randomKey(d, 24) + "." + randomKey(d, 20);
          default -> "hunter2-" + d.random.nextInt(1000);
        };
    String name =
        value.startsWith("hunter2") ? "DB_PASSWORD" : d.pick(List.of("API_TOKEN", "SETTING", "X"));
    Map<String, Object> target = d.kind.isService() ? d.spec().get() : defaults(d.spec().get());
    if (d.random.nextBoolean()) {
      addEnv(target, Map.of("name", name, "value", value));
    } else {
      Object config = target.computeIfAbsent("config", k -> new LinkedHashMap<String, Object>());
      if (!(config instanceof Map<?, ?> map)) {
        return false;
      }
      putInto(map, name, value);
    }
    // The operator checks a stack's defaults only through its members, so only services must turn
    // Invalid.
    d.expectInvalid |= d.kind.isService();
    return true;
  }

  private static boolean replicasOnSingleWriter(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    d.spec().get().put("replicas", 2 + d.random.nextInt(4));
    d.spec()
        .get()
        .put(
            "storage",
            new ArrayList<>(
                List.of(
                    new LinkedHashMap<>(
                        Map.of("name", "state", "mountPath", "/state", "size", "1Gi")))));
    d.expectInvalid = true;
    return true;
  }

  private static boolean badSelector(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    Map<String, Object> selector = new LinkedHashMap<>();
    if (d.random.nextBoolean()) {
      selector.put(
          "matchLabels",
          new LinkedHashMap<>(Map.of(d.pick(List.of("bad key!", "a/b/c", "")), "v")));
    } else {
      Map<String, Object> expression = new LinkedHashMap<>();
      expression.put("key", d.pick(List.of("app", "bad key!", "")));
      expression.put(
          "operator", d.pick(List.of("Near", "In", "NotIn", "Exists", "DoesNotExist", "")));
      expression.put("values", SpecTree.copy(d.pick(Arrays.asList(List.of(), List.of("x"), null))));
      selector.put("matchExpressions", new ArrayList<>(List.of(expression)));
    }
    if (d.kind == FuzzKind.SECURITY) {
      d.spec()
          .get()
          .put(
              "security", new LinkedHashMap<>(Map.of("provider", "Generic", "protects", selector)));
    } else {
      d.spec()
          .get()
          .put(
              "monitoring",
              new LinkedHashMap<>(
                  Map.of(
                      "role",
                      "Metrics",
                      "scrape",
                      new LinkedHashMap<>(
                          Map.of(
                              "selector", selector, "configPath", "/etc/prometheus/scrape.yml")))));
    }
    return true;
  }

  private static boolean requestsAboveLimits(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    Map<String, Object> target = d.kind.isService() ? d.spec().get() : defaults(d.spec().get());
    target.put(
        "resources",
        new LinkedHashMap<>(
            Map.of(
                "requests", new LinkedHashMap<>(Map.of("cpu", "2", "memory", "2Gi")),
                "limits", new LinkedHashMap<>(Map.of("cpu", "1", "memory", "1Gi")))));
    return true;
  }

  private static boolean badToleration(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    Map<String, Object> toleration = new LinkedHashMap<>();
    toleration.put("key", d.pick(List.of("media", "bad key!", "")));
    toleration.put("operator", d.pick(List.of("Maybe", "Exists", "Equal")));
    toleration.put("value", d.pick(List.of("v", "bad value!")));
    toleration.put("effect", d.pick(List.of("Sometimes", "NoSchedule", "")));
    Map<String, Object> target = d.kind.isService() ? d.spec().get() : defaults(d.spec().get());
    target.put("tolerations", new ArrayList<>(List.of(toleration)));
    return true;
  }

  private static boolean badEnvSource(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    Map<String, Object> source =
        switch (d.random.nextInt(4)) {
          case 0 -> Map.of("fieldRef", Map.of("fieldPath", "spec.bogus"));
          case 1 -> Map.of("resourceFieldRef", Map.of("resource", "bogus"));
          case 2 ->
              Map.of(
                  "secretKeyRef",
                  Map.of("name", "sonarr", "key", "api-key"),
                  "configMapKeyRef",
                  Map.of("name", "settings", "key", "k"));
          default -> Map.of("secretKeyRef", Map.of("name", "Not_A_Name", "key", "bad key!"));
        };
    Map<String, Object> env =
        new LinkedHashMap<>(Map.of("name", "BAD_SOURCE", "valueFrom", source));
    if (d.random.nextBoolean()) {
      env.put("value", "both a value and a source");
    }
    Map<String, Object> target = d.kind.isService() ? d.spec().get() : defaults(d.spec().get());
    addEnv(target, env);
    return true;
  }

  private static boolean badPodMetadata(Draft d) {
    if (d.spec().isEmpty()) {
      return false;
    }
    String field =
        d.pick(
            List.of(
                "nodeSelector",
                "podAnnotations",
                d.kind.isService() ? "nodeSelector" : "podLabels"));
    Map<String, Object> target = d.kind.isService() ? d.spec().get() : defaults(d.spec().get());
    target.put(
        field,
        new LinkedHashMap<>(
            Map.of(
                d.pick(List.of("bad key!", "a/b/c", "-leading")),
                d.pick(List.of("v", "bad value!", "x".repeat(64))))));
    return true;
  }

  // --- helpers

  /** A value of some JSON type, as a fresh copy: a later mutation may add to it. */
  private static Object wrongType(Draft d) {
    return SpecTree.copy(d.pick(WRONG_TYPES));
  }

  /**
   * A stack's base defaults, created when missing: where a stack carries what a service carries
   * itself.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> defaults(Map<String, Object> stackSpec) {
    Object base = stackSpec.get("base");
    if (!(base instanceof Map<?, ?>)) {
      base = new LinkedHashMap<String, Object>();
      stackSpec.put("base", base);
    }
    return (Map<String, Object>) base;
  }

  /**
   * Adds a dependency to those the spec has, so that a self-dependency and a cycle can both hold.
   */
  @SuppressWarnings("unchecked")
  private static void dependOn(Map<String, Object> spec, String kind, String name) {
    Object dependsOn = spec.get("dependsOn");
    if (!(dependsOn instanceof List<?>)) {
      dependsOn = new ArrayList<>();
      spec.put("dependsOn", dependsOn);
    }
    ((List<Object>) dependsOn).add(new LinkedHashMap<>(Map.of("kind", kind, "name", name)));
  }

  @SuppressWarnings("unchecked")
  private static void addEnv(Map<String, Object> spec, Map<String, Object> variable) {
    Object env = spec.get("env");
    if (!(env instanceof List<?>)) {
      env = new ArrayList<>();
      spec.put("env", env);
    }
    ((List<Object>) env).add(SpecTree.copy(variable));
  }

  @SuppressWarnings("unchecked")
  private static void putInto(Map<?, ?> map, String key, Object value) {
    ((Map<String, Object>) map).put(key, value);
  }

  private static String letters(Draft d, int length) {
    char[] block = new char[64];
    for (int i = 0; i < block.length; i++) {
      block[i] = (char) ('a' + d.random.nextInt(26));
    }
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(block, 0, Math.min(block.length, length - out.length()));
    }
    return out.toString();
  }

  /** Letters and digits as a generated key has them, so the literal-secret check must see it. */
  private static String randomKey(Draft d, int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(d.random.nextInt(alphabet.length())));
    }
    if (out.chars().noneMatch(Character::isDigit)) {
      out.setCharAt(0, '7');
    }
    return out.toString();
  }

  private static List<RawNumber> numbers(String... texts) {
    return Arrays.stream(texts).map(RawNumber::new).toList();
  }
}
