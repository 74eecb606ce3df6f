package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Whether two objects live in one namespace. Protection, scraping and dependsOn never reach across
 * namespaces; objects read from files for an offline render may have no namespace, and then only
 * match others without one.
 */
final class SameNamespace {

  private SameNamespace() {}

  static boolean as(HasMetadata one, HasMetadata other) {
    return Objects.equals(one.getMetadata().getNamespace(), other.getMetadata().getNamespace());
  }
}
