package io.stackpilot.schema;

import java.util.List;
import java.util.Optional;

/** What validation and the API reference need of one CustomResourceDefinition. */
public record CrdDefinition(
    String name,
    String group,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    List<String> categories,
    String scope,
    List<CrdVersion> versions) {

  public CrdDefinition {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    versions = List.copyOf(versions);
  }

  public Optional<CrdVersion> servedVersion(String version) {
    return versions.stream().filter(v -> v.served() && v.name().equals(version)).findFirst();
  }
}
