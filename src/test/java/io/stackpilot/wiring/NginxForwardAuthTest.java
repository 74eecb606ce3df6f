package io.stackpilot.wiring;

import static io.stackpilot.wiring.Services.authelia;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.api.SecurityService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NginxForwardAuthTest {

  private final Ingress ingress = Ingresses.sonarr("nginx");

  @Test
  void autheliaChecksEveryRequestAndSignsInOnItsOwnHost() {
    Ingress guarded = decorate(authelia(SecurityProvider.AUTHELIA));

    assertThat(guarded.getMetadata().getAnnotations())
        .containsOnly(
            entry(
                "nginx.ingress.kubernetes.io/auth-url",
                "http://authelia.apps.svc.cluster.local:9091/api/verify"),
            entry(
                "nginx.ingress.kubernetes.io/auth-signin",
                "https://auth.home.example/?rd=$scheme://$host$request_uri"),
            entry(
                "nginx.ingress.kubernetes.io/auth-response-headers",
                "Remote-User,Remote-Groups,Remote-Name,Remote-Email"));
  }

  @Test
  void oauth2ProxySignsInThroughItsStartEndpointAndPassesItsUserHeaders() {
    Ingress guarded = decorate(authelia(SecurityProvider.OAUTH2_PROXY));

    assertThat(guarded.getMetadata().getAnnotations())
        .containsEntry(
            "nginx.ingress.kubernetes.io/auth-signin",
            "https://auth.home.example/oauth2/start?rd=$scheme://$host$request_uri")
        .containsEntry(
            "nginx.ingress.kubernetes.io/auth-response-headers",
            "X-Auth-Request-User,X-Auth-Request-Email");
  }

  @Test
  void aGenericProxyOnlyChecks() {
    Ingress guarded = decorate(authelia(SecurityProvider.GENERIC));

    assertThat(guarded.getMetadata().getAnnotations())
        .containsOnly(
            entry(
                "nginx.ingress.kubernetes.io/auth-url",
                "http://authelia.apps.svc.cluster.local:9091/api/verify"));
  }

  @Test
  void aProxyWithoutAPublicHostHasNoSignInPage() {
    SecurityService internal = authelia(SecurityProvider.AUTHELIA);
    internal.getSpec().setExpose(null);

    assertThat(decorate(internal).getMetadata().getAnnotations())
        .doesNotContainKey("nginx.ingress.kubernetes.io/auth-signin")
        .containsKeys(
            "nginx.ingress.kubernetes.io/auth-url",
            "nginx.ingress.kubernetes.io/auth-response-headers");
  }

  @Test
  void theVerificationAddressFollowsTheProtectorsPortPathAndTheNamespace() {
    SecurityService proxy = authelia(SecurityProvider.OAUTH2_PROXY);
    proxy.getSpec().setPorts(List.of(Services.port("http", 4180), Services.port("auth", 4181)));
    proxy.getSpec().getSecurity().setForwardAuth(Services.forwardAuth("/oauth2/auth", "auth"));

    Ingress guarded =
        ForwardAuthIngress.decorate(ingress, proxy, "edge", IngressFlavor.NGINX).ingress();

    assertThat(guarded.getMetadata().getAnnotations())
        .containsEntry(
            "nginx.ingress.kubernetes.io/auth-url",
            "http://authelia.edge.svc.cluster.local:4181/oauth2/auth");
  }

  @Test
  void nginxNeedsNoMiddleware() {
    ProtectedIngress guarded =
        ForwardAuthIngress.decorate(
            ingress, authelia(SecurityProvider.AUTHELIA), "apps", IngressFlavor.NGINX);

    assertThat(guarded.middleware()).isEmpty();
    assertThat(guarded.objects()).containsExactly(guarded.ingress());
  }

  @Test
  void everythingElseOfTheIngressIsKept() {
    Ingress annotated =
        new IngressBuilder(ingress)
            .editMetadata()
            .withAnnotations(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"))
            .endMetadata()
            .build();

    Ingress guarded =
        ForwardAuthIngress.decorate(
                annotated, authelia(SecurityProvider.AUTHELIA), "apps", IngressFlavor.NGINX)
            .ingress();

    assertThat(guarded.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    assertThat(guarded.getSpec()).isEqualTo(ingress.getSpec());
    assertThat(guarded.getMetadata().getName()).isEqualTo("sonarr");
    assertThat(guarded.getMetadata().getLabels()).isEqualTo(ingress.getMetadata().getLabels());
    assertThat(guarded.getMetadata().getOwnerReferences())
        .isEqualTo(ingress.getMetadata().getOwnerReferences());
  }

  @Test
  void theGivenIngressIsNotChanged() {
    Ingress before = new IngressBuilder(ingress).build();

    decorate(authelia(SecurityProvider.AUTHELIA));

    assertThat(ingress).isEqualTo(before);
    assertThat(ingress.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void aProtectorWithoutForwardAuthCannotGuardAnIngress() {
    SecurityService crowdsec = authelia(SecurityProvider.GENERIC);
    crowdsec.getSpec().getSecurity().setForwardAuth(null);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> decorate(crowdsec))
        .withMessageContaining("authelia")
        .withMessageContaining("forwardAuth");
  }

  @Test
  void aForwardAuthPortThatIsNotAPortIsRefused() {
    SecurityService misconfigured = authelia(SecurityProvider.AUTHELIA);
    misconfigured
        .getSpec()
        .getSecurity()
        .setForwardAuth(Services.forwardAuth("/api/verify", "web"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> decorate(misconfigured))
        .withMessageContaining("no port named web");
  }

  private Ingress decorate(SecurityService protector) {
    return ForwardAuthIngress.decorate(ingress, protector, "apps", IngressFlavor.NGINX).ingress();
  }
}
