package io.stackpilot.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.validation.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanionApiTest {

  private static final HasMetadata MIDDLEWARE =
      new GenericKubernetesResourceBuilder()
          .withApiVersion("traefik.io/v1alpha1")
          .withKind("Middleware")
          .withNewMetadata()
          .withName("a")
          .endMetadata()
          .build();
  private static final HasMetadata CONFIG =
      new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build();

  @Test
  void aMissingApiBehindARenderedObjectNamesTheFieldAndWhatToInstall() {
    List<Finding> findings =
        CompanionApi.missing(List.of(CONFIG, MIDDLEWARE, MIDDLEWARE), api -> false);

    assertThat(findings)
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.field()).isEqualTo("spec.expose.ingressClassName");
              assertThat(finding.message())
                  .contains(
                      "traefik.io/v1alpha1", "install Traefik's CRDs", "another ingress class");
            });
  }

  @Test
  void anApiThatIsServedIsNoFinding() {
    assertThat(
            CompanionApi.missing(
                List.of(CONFIG, MIDDLEWARE), api -> api == CompanionApi.TRAEFIK_MIDDLEWARE))
        .isEmpty();
  }

  @Test
  void aRouteWithoutTheGatewayApiPointsAtExposeGateway() {
    var route =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
            .withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("HTTPRoute")
            .withNewMetadata()
            .withName("sonarr")
            .endMetadata()
            .build();

    assertThat(CompanionApi.missing(List.of(route), api -> false))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.field()).isEqualTo("spec.expose.gateway");
              assertThat(f.message()).contains("Gateway API's CRDs", "remove expose.gateway");
            });
    assertThat(CompanionApi.GATEWAY_HTTP_ROUTE.crdName())
        .isEqualTo("httproutes.gateway.networking.k8s.io");
  }

  @Test
  void crdNamesMapBackToTheirApis() {
    assertThat(CompanionApi.TRAEFIK_MIDDLEWARE.crdName()).isEqualTo("middlewares.traefik.io");
    assertThat(CompanionApi.ofCrd("volumesnapshotclasses.snapshot.storage.k8s.io"))
        .contains(CompanionApi.VOLUME_SNAPSHOT_CLASS);
    assertThat(CompanionApi.ofCrd("widgets.example.com")).isEmpty();
  }
}
