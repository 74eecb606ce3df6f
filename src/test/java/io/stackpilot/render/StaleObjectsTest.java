package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaleObjectsTest {

  private static final Ingress INGRESS =
      new IngressBuilder().withNewMetadata().withName("sonarr").endMetadata().build();
  private static final NetworkPolicy POLICY =
      new NetworkPolicyBuilder().withNewMetadata().withName("sonarr-isolate").endMetadata().build();

  @Test
  void anIngressNoLongerRenderedIsStale() {
    assertThat(StaleObjects.of(List.of(INGRESS, POLICY), List.of(POLICY), false))
        .containsExactly(INGRESS);
  }

  @Test
  void aPolicyNoLongerRenderedIsStale() {
    assertThat(StaleObjects.of(List.of(INGRESS, POLICY), List.of(INGRESS), false))
        .containsExactly(POLICY);
  }

  @Test
  void whatIsStillRenderedStays() {
    Ingress sameName =
        new IngressBuilder()
            .withNewMetadata()
            .withName("sonarr")
            .endMetadata()
            .withNewSpec()
            .withIngressClassName("nginx")
            .endSpec()
            .build();

    assertThat(StaleObjects.of(List.of(INGRESS, POLICY), List.of(sameName, POLICY), false))
        .isEmpty();
  }

  @Test
  void anIngressWithheldForItsProtectorStays() {
    assertThat(StaleObjects.of(List.of(INGRESS, POLICY), List.of(POLICY), true)).isEmpty();
  }

  @Test
  void aWithheldExposureStillLetsAStalePolicyGo() {
    assertThat(StaleObjects.of(List.of(INGRESS, POLICY), List.of(), true)).containsExactly(POLICY);
  }

  @Test
  void kindsPrunedElsewhereAreNeverStaleHere() {
    List<HasMetadata> owned =
        List.of(
            new DeploymentBuilder().withNewMetadata().withName("sonarr-beta").endMetadata().build(),
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("sonarr-config-1a2b")
                .endMetadata()
                .build(),
            new ServiceBuilder().withNewMetadata().withName("sonarr").endMetadata().build());

    assertThat(StaleObjects.of(owned, List.of(), false)).isEmpty();
  }

  @Test
  void anObjectOfAnotherKindWithTheSameNameDoesNotKeepIt() {
    NetworkPolicy namedLikeTheIngress =
        new NetworkPolicyBuilder().withNewMetadata().withName("sonarr").endMetadata().build();

    assertThat(StaleObjects.of(List.of(INGRESS), List.of(namedLikeTheIngress), false))
        .containsExactly(INGRESS);
  }

  @Test
  void aRouteIsStaleOnceTheServiceIsExposedThroughAnIngressInstead() {
    GenericKubernetesResource route = route("sonarr");

    assertThat(StaleObjects.of(List.of(route, POLICY), List.of(INGRESS, POLICY), false))
        .containsExactly(route);
    assertThat(StaleObjects.of(List.of(INGRESS), List.of(route("sonarr")), false))
        .containsExactly(INGRESS);
    assertThat(StaleObjects.of(List.of(route), List.of(route("sonarr")), false)).isEmpty();
  }

  @Test
  void aRouteWithheldForItsProtectorStays() {
    assertThat(StaleObjects.of(List.of(route("sonarr")), List.of(), true)).isEmpty();
  }

  @Test
  void aServicesOwnMonitorIsStaleOnceNotRenderedEvenWhileItsExposureIsWithheld() {
    GenericKubernetesResource monitor = monitor("sonarr");

    assertThat(StaleObjects.of(List.of(monitor, POLICY), List.of(POLICY), true))
        .containsExactly(monitor);
    assertThat(StaleObjects.of(List.of(monitor), List.of(monitor("sonarr")), false)).isEmpty();
  }

  private static GenericKubernetesResource monitor(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("monitoring.coreos.com/v1")
        .withKind("ServiceMonitor")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }

  private static GenericKubernetesResource route(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("gateway.networking.k8s.io/v1")
        .withKind("HTTPRoute")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .build();
  }
}
