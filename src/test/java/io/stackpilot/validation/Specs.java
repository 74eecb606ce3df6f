package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;

/**
 * The objects under test, their specs written in YAML as users write them, so that a test reads
 * like the spec it is about. Every object lives in the namespace "home".
 */
final class Specs {

  /** The least a service needs to pass the CRD. */
  static final String MINIMAL =
      """
      channels:
        stable: {image: lscr.io/linuxserver/sonarr:4.0.9}
      """;

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Specs() {}

  static MediaService media(String name, String spec) {
    return named(new MediaService(), name, SERIALIZATION.unmarshal(spec, MediaServiceSpec.class));
  }

  static SecurityService security(String name, String spec) {
    return named(
        new SecurityService(), name, SERIALIZATION.unmarshal(spec, SecurityServiceSpec.class));
  }

  static MonitoringService monitoring(String name, String spec) {
    return named(
        new MonitoringService(), name, SERIALIZATION.unmarshal(spec, MonitoringServiceSpec.class));
  }

  static ServiceStack stack(String name, String spec) {
    return named(new ServiceStack(), name, SERIALIZATION.unmarshal(spec, ServiceStackSpec.class));
  }

  private static <S, R extends CustomResource<S, ?>> R named(R resource, String name, S spec) {
    resource.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("home").build());
    resource.setSpec(spec);
    return resource;
  }
}
