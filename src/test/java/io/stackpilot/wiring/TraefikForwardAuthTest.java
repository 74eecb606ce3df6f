package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.authelia;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.stackpilot.api.SecurityProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TraefikForwardAuthTest {

  private final Ingress ingress = Ingresses.sonarr("traefik");

  @Test
  void theMiddlewareIsATraefikForwardAuthNamedAfterTheIngress() {
    GenericKubernetesResource middleware =
        decorate(SecurityProvider.AUTHELIA).middleware().orElseThrow();

    assertThat(middleware.getApiVersion()).isEqualTo("traefik.io/v1alpha1");
    assertThat(middleware.getKind()).isEqualTo("Middleware");
    assertThat(middleware.getMetadata().getName()).isEqualTo("sonarr-forward-auth");
    assertThat(middleware.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(middleware.<String>get("spec", "forwardAuth", "address"))
        .isEqualTo("http://authelia.apps.svc.cluster.local:9091/api/verify");
  }

  @Test
  void theMiddlewareComesAndGoesWithTheIngress() {
    GenericKubernetesResource middleware =
        decorate(SecurityProvider.AUTHELIA).middleware().orElseThrow();

    assertThat(middleware.getMetadata().getOwnerReferences())
        .isNotEmpty()
        .isEqualTo(ingress.getMetadata().getOwnerReferences());
    assertThat(middleware.getMetadata().getLabels())
        .isNotEmpty()
        .isEqualTo(ingress.getMetadata().getLabels());
  }

  @Test
  void theMiddlewarePassesTheProvidersUserHeaders() {
    assertThat(
            decorate(SecurityProvider.AUTHELIA)
                .middleware()
                .orElseThrow()
                .<List<String>>get("spec", "forwardAuth", "authResponseHeaders"))
        .containsExactly("Remote-User", "Remote-Groups", "Remote-Name", "Remote-Email");
    assertThat(
            decorate(SecurityProvider.OAUTH2_PROXY)
                .middleware()
                .orElseThrow()
                .<List<String>>get("spec", "forwardAuth", "authResponseHeaders"))
        .containsExactly("X-Auth-Request-User", "X-Auth-Request-Email");
  }

  @Test
  void aGenericProxyPassesNoHeaders() {
    GenericKubernetesResource middleware =
        decorate(SecurityProvider.GENERIC).middleware().orElseThrow();

    assertThat(middleware.<Map<String, Object>>get("spec", "forwardAuth"))
        .containsOnlyKeys("address");
  }

  @Test
  void theIngressRoutesThroughTheMiddlewareAndCarriesNoNginxAnnotations() {
    Ingress guarded = decorate(SecurityProvider.AUTHELIA).ingress();

    assertThat(guarded.getMetadata().getAnnotations())
        .containsOnly(
            Map.entry(
                "traefik.ingress.kubernetes.io/router.middlewares",
                "apps-sonarr-forward-auth@kubernetescrd"));
  }

  @Test
  void theUsersOwnMiddlewaresRunAfterForwardAuth() {
    Ingress withOwn =
        new IngressBuilder(ingress)
            .editMetadata()
            .addToAnnotations(
                "traefik.ingress.kubernetes.io/router.middlewares", "apps-compress@kubernetescrd")
            .addToAnnotations("cert-manager.io/cluster-issuer", "letsencrypt")
            .endMetadata()
            .build();

    Ingress guarded =
        ForwardAuthIngress.decorate(
                withOwn, authelia(SecurityProvider.AUTHELIA), "apps", IngressFlavor.TRAEFIK)
            .ingress();

    assertThat(guarded.getMetadata().getAnnotations())
        .containsOnly(
            Map.entry(
                "traefik.ingress.kubernetes.io/router.middlewares",
                "apps-sonarr-forward-auth@kubernetescrd,apps-compress@kubernetescrd"),
            Map.entry("cert-manager.io/cluster-issuer", "letsencrypt"));
  }

  @Test
  void theMiddlewareIsAppliedBeforeTheIngressThatNamesIt() {
    ProtectedIngress guarded = decorate(SecurityProvider.AUTHELIA);

    assertThat(guarded.objects())
        .containsExactly(guarded.middleware().orElseThrow(), guarded.ingress());
  }

  @Test
  void theGivenIngressIsNotChanged() {
    Ingress before = new IngressBuilder(ingress).build();

    decorate(SecurityProvider.AUTHELIA);

    assertThat(ingress).isEqualTo(before);
  }

  @Test
  void theSameInputsGiveTheSameObjects() {
    assertThat(decorate(SecurityProvider.AUTHELIA)).isEqualTo(decorate(SecurityProvider.AUTHELIA));
  }

  private ProtectedIngress decorate(SecurityProvider provider) {
    return ForwardAuthIngress.decorate(ingress, authelia(provider), "apps", IngressFlavor.TRAEFIK);
  }
}
