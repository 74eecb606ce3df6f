package io.stackpilot.validation;

import io.stackpilot.api.Dependency;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.StackService;
import java.util.Objects;

/**
 * A service in the namespace, written {@code Kind/name} as in dependsOn messages and stack status.
 */
public record ServiceRef(ServiceKind kind, String name) {

  public ServiceRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static ServiceRef of(StackService service) {
    return new ServiceRef(service.serviceKind(), service.getMetadata().getName());
  }

  public static ServiceRef of(Dependency dependency) {
    return new ServiceRef(dependency.getKind(), dependency.getName());
  }

  @Override
  public String toString() {
    return kind.value() + "/" + name;
  }
}
