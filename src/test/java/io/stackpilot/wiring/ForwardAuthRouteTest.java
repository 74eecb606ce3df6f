package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.authelia;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.GatewayRef;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.render.ServiceRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forward auth in front of an HTTPRoute: a Traefik Middleware named in each rule's filters. */
class ForwardAuthRouteTest {

  private final GenericKubernetesResource route = route();

  @Test
  void eachRuleRunsTheForwardAuthMiddlewareFirst() {
    List<HasMetadata> guarded = decorate();

    GenericKubernetesResource guardedRoute = (GenericKubernetesResource) guarded.get(1);
    List<Map<String, Object>> rules = guardedRoute.get("spec", "rules");
    assertThat(rules)
        .singleElement()
        .satisfies(
            rule ->
                assertThat(rule.get("filters"))
                    .isEqualTo(
                        List.of(
                            Map.of(
                                "type",
                                "ExtensionRef",
                                "extensionRef",
                                Map.of(
                                    "group",
                                    "traefik.io",
                                    "kind",
                                    "Middleware",
                                    "name",
                                    "sonarr-forward-auth")))));
    assertThat(guardedRoute.<List<String>>get("spec", "hostnames"))
        .containsExactly("sonarr.home.example");
  }

  @Test
  void theMiddlewareVerifiesWithTheProtectorAndIsAppliedFirst() {
    List<HasMetadata> guarded = decorate();

    assertThat(guarded).extracting(HasMetadata::getKind).containsExactly("Middleware", "HTTPRoute");
    GenericKubernetesResource middleware = (GenericKubernetesResource) guarded.get(0);
    assertThat(middleware.getApiVersion()).isEqualTo("traefik.io/v1alpha1");
    assertThat(middleware.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(middleware.<String>get("spec", "forwardAuth", "address"))
        .isEqualTo("http://authelia.apps.svc.cluster.local:9091/api/verify");
    assertThat(middleware.getMetadata().getOwnerReferences())
        .isNotEmpty()
        .isEqualTo(route.getMetadata().getOwnerReferences());
  }

  @Test
  void theGivenRouteIsNotChangedAndTheSameInputsGiveTheSameObjects() {
    KubernetesSerialization json = new KubernetesSerialization();
    String before = json.asJson(route);

    assertThat(decorate()).isEqualTo(decorate());
    assertThat(json.asJson(route)).isEqualTo(before);
  }

  private List<HasMetadata> decorate() {
    return ForwardAuthRoute.decorate(route, authelia(SecurityProvider.AUTHELIA), "apps");
  }

  private static GenericKubernetesResource route() {
    MediaService sonarr =
        Services.media(
            "sonarr",
            spec -> {
              spec.setPorts(List.of(Services.port("http", 8989)));
              ExposeSpec expose = new ExposeSpec();
              expose.setHost("sonarr.home.example");
              GatewayRef gateway = new GatewayRef();
              gateway.setName("home");
              expose.setGateway(gateway);
              spec.setExpose(expose);
            });
    return (GenericKubernetesResource)
        ServiceRenderer.render(Services.effective(sonarr), Services.owner("sonarr"))
            .exposure()
            .orElseThrow();
  }
}
