package io.stackpilot.schema;

import io.fabric8.kubernetes.client.CustomResource;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.ServiceStack;
import java.util.List;
import java.util.stream.Stream;

/**
 * Stackpilot's four CRDs, read from the jar (the same YAML as crds/), and a validator over them.
 */
public final class StackpilotCrds {

  private StackpilotCrds() {}

  public static List<String> names() {
    return Stream.of(
            ServiceStack.class, MediaService.class, SecurityService.class, MonitoringService.class)
        .map(CustomResource::getCRDName)
        .toList();
  }

  public static List<CrdDefinition> definitions() {
    return CrdDefinitions.fromClasspath(names());
  }

  /** Built once: compiling the CEL rules is the expensive part, and the validator is immutable. */
  public static CrdValidator validator() {
    return Holder.VALIDATOR;
  }

  private static final class Holder {
    private static final CrdValidator VALIDATOR = new CrdValidator(definitions());
  }
}
