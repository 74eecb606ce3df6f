package io.stackpilot.api;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What the three service kinds have in common, so that validation, layering, rendering and
 * reconciling are written once for all of them.
 */
public interface StackService extends HasMetadata {

  ServiceSpec serviceSpec();

  ServiceStatus getStatus();

  void setStatus(ServiceStatus status);

  ServiceKind serviceKind();
}
