package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.defaults;
import static io.stackpilot.config.Fixtures.layer;
import static io.stackpilot.config.Fixtures.mediaService;
import static io.stackpilot.config.Fixtures.port;
import static io.stackpilot.config.Fixtures.stack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.stackpilot.api.ExposeDefaults;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.GatewayRef;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.TlsSpec;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A stack chooses how its members are exposed, an ingress class or a Gateway, where a member's own
 * expose chooses neither.
 */
class ExposureLayeringTest {

  private static final ServiceStack GATEWAY_BASE_CLASS_FOR_MEDIA =
      stack(
          s -> {
            s.setBase(defaults(d -> d.setExpose(exposeDefaults(e -> e.setGateway(gateway())))));
            s.setMedia(
                defaults(d -> d.setExpose(exposeDefaults(e -> e.setIngressClassName("nginx")))));
          });

  private static final ServiceStack GATEWAY_BASE =
      stack(
          s -> s.setBase(defaults(d -> d.setExpose(exposeDefaults(e -> e.setGateway(gateway()))))));

  @Test
  void aMemberThatChoosesNothingGetsTheStacksGateway() {
    EffectiveService effective = layer(exposed(e -> {}), GATEWAY_BASE);

    assertThat(effective.expose().orElseThrow().getGateway()).isEqualTo(gateway());
    assertThat(effective.expose().orElseThrow().getHost()).isEqualTo("sonarr.home.example");
    assertThat(effective.provenance().layers()).contains(entry("expose.gateway", Layer.STACK_BASE));
  }

  @Test
  void theCategorysChoiceWinsOverTheBases() {
    EffectiveService effective = layer(exposed(e -> {}), GATEWAY_BASE_CLASS_FOR_MEDIA);

    assertThat(effective.expose().orElseThrow().getGateway()).isNull();
    assertThat(effective.expose().orElseThrow().getIngressClassName()).isEqualTo("nginx");
    assertThat(effective.provenance().layers())
        .contains(entry("expose.ingressClassName", Layer.STACK_CATEGORY));
  }

  @Test
  void aMemberThatChoosesAnIngressKeepsIt() {
    TlsSpec tls = new TlsSpec();
    tls.setSecretName("home-tls");

    assertThat(
            layer(exposed(e -> e.setIngressClassName("traefik")), GATEWAY_BASE)
                .expose()
                .orElseThrow()
                .getGateway())
        .isNull();
    assertThat(layer(exposed(e -> e.setTls(tls)), GATEWAY_BASE).expose().orElseThrow().getGateway())
        .as("TLS of its own means an Ingress")
        .isNull();
  }

  @Test
  void aMemberWithoutExposeIsNotExposedByTheStack() {
    assertThat(layer(mediaService(spec -> {}), GATEWAY_BASE).expose()).isEmpty();
  }

  @Test
  void theUsersExposeIsNotChanged() {
    var service = exposed(e -> {});

    layer(service, GATEWAY_BASE);

    assertThat(service.getSpec().getExpose().getGateway()).isNull();
  }

  private static io.stackpilot.api.MediaService exposed(Consumer<ExposeSpec> customize) {
    return mediaService(
        spec -> {
          spec.setPorts(List.of(port("http", 8989)));
          ExposeSpec expose = new ExposeSpec();
          expose.setHost("sonarr.home.example");
          customize.accept(expose);
          spec.setExpose(expose);
        });
  }

  private static ExposeDefaults exposeDefaults(Consumer<ExposeDefaults> customize) {
    ExposeDefaults defaults = new ExposeDefaults();
    customize.accept(defaults);
    return defaults;
  }

  private static GatewayRef gateway() {
    GatewayRef gateway = new GatewayRef();
    gateway.setName("home");
    gateway.setNamespace("gateways");
    return gateway;
  }
}
