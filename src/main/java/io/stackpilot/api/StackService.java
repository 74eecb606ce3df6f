package io.stackpilot.api;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What the three service kinds have in common, so that validation, layering, rendering and
 * reconciling are written once for all of them.
 */
// HasMetadata asks Jackson to pick a class by kind; the service classes are concrete, so they must
// not inherit that through this interface.
@JsonDeserialize(using = JsonDeserializer.None.class)
public interface StackService extends HasMetadata {

  ServiceSpec serviceSpec();

  ServiceStatus getStatus();

  ServiceKind serviceKind();
}
