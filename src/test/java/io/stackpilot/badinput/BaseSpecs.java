package io.stackpilot.badinput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The valid specs mutations start from: per kind, a minimal one (what a user writes first) and a
 * rich one (the invalid catalogue's baseline, which uses most of what the CRD allows and refers to
 * the objects {@link FloodFixtures} creates). Starting valid keeps each case close to the edge
 * between accepted and rejected, where the interesting answers are.
 */
final class BaseSpecs {

  private static final Path RICH = Path.of("src/test/resources/invalid-catalogue/valid");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Map<FuzzKind, Map<String, Object>> minimal = new EnumMap<>(FuzzKind.class);
  private final Map<FuzzKind, Map<String, Object>> rich = new EnumMap<>(FuzzKind.class);

  BaseSpecs() {
    minimal.put(FuzzKind.STACK, parse("{channel: stable}"));
    minimal.put(
        FuzzKind.MEDIA,
        parse(
            """
        channels: {stable: {image: "lscr.io/linuxserver/sonarr:4.0.15"}}
        ports: [{name: http, port: 8989}]
        """));
    minimal.put(
        FuzzKind.SECURITY,
        parse(
            """
        channels: {stable: {image: "ghcr.io/authelia/authelia:4.39.4"}}
        ports: [{name: http, port: 9091}]
        security: {provider: Authelia}
        """));
    minimal.put(
        FuzzKind.MONITORING,
        parse(
            """
        channels: {stable: {image: "grafana/grafana:12.1.0"}}
        ports: [{name: http, port: 3000}]
        monitoring: {role: Dashboards}
        """));
    rich.put(FuzzKind.STACK, specOf("stack.yaml"));
    rich.put(FuzzKind.MEDIA, specOf("media.yaml"));
    rich.put(FuzzKind.SECURITY, specOf("security.yaml"));
    rich.put(FuzzKind.MONITORING, specOf("monitoring.yaml"));
  }

  /** A fresh copy of the minimal or the rich spec of the kind, half and half. */
  @SuppressWarnings("unchecked")
  Map<String, Object> pick(FuzzKind kind, Random random) {
    return (Map<String, Object>) SpecTree.copy((random.nextBoolean() ? minimal : rich).get(kind));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> minimal(FuzzKind kind) {
    return (Map<String, Object>) SpecTree.copy(minimal.get(kind));
  }

  /**
   * The names the rich specs refer to, which the flood namespace must hold for them to be valid.
   */
  static List<String> referencedSecrets() {
    return List.of("sonarr", "authelia", "alerts", "regcred", "sonarr-tls", "auth-tls");
  }

  static List<String> referencedClaims() {
    return List.of("downloads", "media");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> specOf(String file) {
    try {
      Map<String, Object> object = YAML.readValue(RICH.resolve(file).toFile(), Map.class);
      return (Map<String, Object>) object.get("spec");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String yaml) {
    try {
      return YAML.readValue(yaml, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
