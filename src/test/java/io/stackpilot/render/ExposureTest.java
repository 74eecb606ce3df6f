package io.stackpilot.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.GatewayRef;
import io.stackpilot.api.KubeServiceSpec;
import io.stackpilot.api.KubeServiceType;
import io.stackpilot.api.PortProtocol;
import io.stackpilot.api.PortSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a service is reached: its Kubernetes Service's type, node ports and annotations (a DNS server
 * on a LoadBalancer address), and its Ingress's path and annotations.
 */
class ExposureTest {

  @Test
  void byDefaultTheServiceIsClusterIpWithoutAnnotations() {
    Service service = ServiceRendererTest.render(spec -> {}).service().orElseThrow();

    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(service.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getNodePort()).isNull());
  }

  @Test
  void aDnsServerGetsALoadBalancerAddressWithItsAnnotationsAndFixedNodePorts() {
    Service service =
        ServiceRendererTest.render(
                spec -> {
                  PortSpec dns = port("dns", 53, PortProtocol.UDP);
                  dns.setNodePort(30053);
                  spec.setPorts(List.of(dns, port("http", 8080, null)));
                  KubeServiceSpec kube = new KubeServiceSpec();
                  kube.setType(KubeServiceType.LOAD_BALANCER);
                  kube.setAnnotations(
                      Map.of("metallb.universe.tf/loadBalancerIPs", "192.168.1.53"));
                  spec.setService(kube);
                })
            .service()
            .orElseThrow();

    assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(service.getMetadata().getAnnotations())
        .containsOnly(Map.entry("metallb.universe.tf/loadBalancerIPs", "192.168.1.53"));
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getName, ServicePort::getProtocol, ServicePort::getNodePort)
        .containsExactly(tuple("dns", "UDP", 30053), tuple("http", "TCP", null));
  }

  @Test
  void theIngressCarriesThePathAndTheUsersAnnotations() {
    Ingress ingress =
        ServiceRendererTest.render(
                spec -> {
                  ExposeSpec expose = new ExposeSpec();
                  expose.setHost("home.example");
                  expose.setPath("/sonarr");
                  expose.setAnnotations(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"));
                  spec.setExpose(expose);
                })
            .ingress()
            .orElseThrow();

    assertThat(ingress.getMetadata().getAnnotations())
        .containsOnly(Map.entry("cert-manager.io/cluster-issuer", "letsencrypt"));
    var path = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0);
    assertThat(path.getPath()).isEqualTo("/sonarr");
    assertThat(path.getPathType()).isEqualTo("Prefix");
  }

  @Test
  void withoutAPathTheIngressRoutesEverything() {
    Ingress ingress =
        ServiceRendererTest.render(
                spec -> {
                  ExposeSpec expose = new ExposeSpec();
                  expose.setHost("sonarr.home.example");
                  spec.setExpose(expose);
                })
            .ingress()
            .orElseThrow();

    assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath())
        .isEqualTo("/");
    assertThat(ingress.getMetadata().getAnnotations()).isNullOrEmpty();
  }

  @Test
  void throughAGatewayTheServiceGetsAnHttpRouteInsteadOfAnIngress() {
    RenderedService rendered =
        ServiceRendererTest.render(
            spec -> {
              spec.setPorts(List.of(port("http", 8989, null)));
              ExposeSpec expose = new ExposeSpec();
              expose.setHost("sonarr.home.example");
              expose.setPath("/sonarr");
              expose.setAnnotations(Map.of("external-dns.alpha.kubernetes.io/target", "home"));
              GatewayRef gateway = new GatewayRef();
              gateway.setName("home");
              gateway.setNamespace("gateways");
              gateway.setSectionName("websecure");
              expose.setGateway(gateway);
              spec.setExpose(expose);
            });

    assertThat(rendered.ingress()).isEmpty();
    GenericKubernetesResource route = (GenericKubernetesResource) rendered.exposure().orElseThrow();
    assertThat(route.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(route.getKind()).isEqualTo("HTTPRoute");
    assertThat(route.getMetadata().getName())
        .isEqualTo(rendered.deployment().getMetadata().getName());
    assertThat(route.getMetadata().getOwnerReferences()).isNotEmpty();
    assertThat(route.getMetadata().getLabels()).containsKey(Labels.MANAGED_BY);
    assertThat(route.getMetadata().getAnnotations())
        .containsOnly(Map.entry("external-dns.alpha.kubernetes.io/target", "home"));
    assertThat(route.<List<Map<String, Object>>>get("spec", "parentRefs"))
        .containsExactly(
            Map.of(
                "group", "gateway.networking.k8s.io",
                "kind", "Gateway",
                "name", "home",
                "namespace", "gateways",
                "sectionName", "websecure"));
    assertThat(route.<List<String>>get("spec", "hostnames")).containsExactly("sonarr.home.example");
    Map<String, Object> rule = route.<List<Map<String, Object>>>get("spec", "rules").get(0);
    assertThat(rule.get("matches"))
        .isEqualTo(List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/sonarr"))));
    assertThat(rule.get("backendRefs"))
        .as("by the Service's port number: routes have no port names")
        .isEqualTo(List.of(Map.of("name", "app", "port", 8989)));
    assertThat(rendered.objects()).last().isSameAs(route);
  }

  @Test
  void aGatewayOfTheServicesOwnNamespaceIsNamedWithoutOne() {
    GenericKubernetesResource route =
        (GenericKubernetesResource)
            ServiceRendererTest.render(
                    spec -> {
                      ExposeSpec expose = new ExposeSpec();
                      expose.setHost("sonarr.home.example");
                      GatewayRef gateway = new GatewayRef();
                      gateway.setName("home");
                      expose.setGateway(gateway);
                      spec.setExpose(expose);
                    })
                .exposure()
                .orElseThrow();

    assertThat(route.<List<Map<String, Object>>>get("spec", "parentRefs"))
        .singleElement()
        .satisfies(parent -> assertThat(parent).containsOnlyKeys("group", "kind", "name"));
    assertThat(route.<List<Map<String, Object>>>get("spec", "rules").get(0).get("matches"))
        .isEqualTo(List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/"))));
  }

  private static PortSpec port(String name, int number, PortProtocol protocol) {
    PortSpec port = new PortSpec();
    port.setName(name);
    port.setPort(number);
    port.setProtocol(protocol);
    return port;
  }
}
