package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.ForwardAuthSpec;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.NetworkPolicyMode;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.ScrapeSpec;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small builders for the services wiring reads. Each starts from a minimal valid service in
 * namespace {@value #NAMESPACE} and takes a lambda that sets only what a test is about.
 */
final class Services {

  static final String NAMESPACE = "apps";
  static final String STACK = "home";

  private Services() {}

  static MediaService media(String name, Consumer<MediaServiceSpec> customize) {
    MediaService service = new MediaService();
    service.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    service.setSpec(withImage(new MediaServiceSpec(), customize));
    return service;
  }

  static SecurityService security(
      String name, SecurityProvider provider, Consumer<SecurityServiceSpec> customize) {
    SecurityService service = new SecurityService();
    service.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    SecuritySpec security = new SecuritySpec();
    security.setProvider(provider);
    service.setSpec(
        withImage(
            new SecurityServiceSpec(),
            spec -> {
              spec.setSecurity(security);
              customize.accept(spec);
            }));
    return service;
  }

  /** A security service that protects what {@code protects} selects. */
  static SecurityService protector(String name, LabelSelector protects) {
    return security(
        name, SecurityProvider.AUTHELIA, spec -> spec.getSecurity().setProtects(protects));
  }

  /**
   * Authelia answering forward auth at /api/verify on its port http (9091), signing in on
   * auth.home.example.
   */
  static SecurityService authelia(SecurityProvider provider) {
    return security(
        "authelia",
        provider,
        spec -> {
          spec.setPorts(List.of(port("metrics", 9959), port("http", 9091)));
          spec.getSecurity().setForwardAuth(forwardAuth("/api/verify", "http"));
          spec.setExpose(expose("auth.home.example", null));
        });
  }

  static MonitoringService monitoring(
      String name, MonitoringRole role, Consumer<MonitoringServiceSpec> customize) {
    MonitoringService service = new MonitoringService();
    service.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    MonitoringSpec monitoring = new MonitoringSpec();
    monitoring.setRole(role);
    service.setSpec(
        withImage(
            new MonitoringServiceSpec(),
            spec -> {
              spec.setMonitoring(monitoring);
              customize.accept(spec);
            }));
    return service;
  }

  /** A Metrics service scraping what {@code selector} selects. */
  static MonitoringService scraper(String name, LabelSelector selector) {
    return monitoring(
        name,
        MonitoringRole.METRICS,
        spec -> {
          ScrapeSpec scrape = new ScrapeSpec();
          scrape.setSelector(selector);
          spec.getMonitoring().setScrape(scrape);
        });
  }

  static ServiceStack stack(NetworkPolicyMode networkPolicy) {
    ServiceStack stack = new ServiceStack();
    stack.setMetadata(new ObjectMetaBuilder().withName(STACK).withNamespace(NAMESPACE).build());
    ServiceStackSpec spec = new ServiceStackSpec();
    spec.setNetworkPolicy(networkPolicy);
    stack.setSpec(spec);
    return stack;
  }

  static <T extends StackService> T labelled(T service, Map<String, String> labels) {
    service.getMetadata().setLabels(labels);
    return service;
  }

  static <T extends StackService> T inNamespace(T service, String namespace) {
    service.getMetadata().setNamespace(namespace);
    return service;
  }

  /** The effective configuration of a service outside any stack, as rendering receives it. */
  static EffectiveService effective(StackService service) {
    return Layering.layer(service, Optional.empty(), Channel.STABLE, Overlays.none());
  }

  static OwnerReference owner(String name) {
    return new OwnerReferenceBuilder()
        .withApiVersion("stackpilot.io/v1alpha1")
        .withKind("MediaService")
        .withName(name)
        .withUid("uid-" + name)
        .withController(true)
        .build();
  }

  static PortSpec port(String name, int number) {
    PortSpec port = new PortSpec();
    port.setName(name);
    port.setPort(number);
    return port;
  }

  static Dependency dependency(ServiceKind kind, String name) {
    Dependency dependency = new Dependency();
    dependency.setKind(kind);
    dependency.setName(name);
    return dependency;
  }

  static ExposeSpec expose(String host, String ingressClassName) {
    ExposeSpec expose = new ExposeSpec();
    expose.setHost(host);
    expose.setIngressClassName(ingressClassName);
    return expose;
  }

  static ForwardAuthSpec forwardAuth(String path, String port) {
    ForwardAuthSpec forwardAuth = new ForwardAuthSpec();
    forwardAuth.setPath(path);
    forwardAuth.setPort(port);
    return forwardAuth;
  }

  static LabelSelector matchLabels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }

  static LabelSelector matchExpression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addToMatchExpressions(
            new LabelSelectorRequirementBuilder()
                .withKey(key)
                .withOperator(operator)
                .withValues(values)
                .build())
        .build();
  }

  private static <S extends ServiceSpec> S withImage(S spec, Consumer<? super S> customize) {
    ChannelSpec stable = new ChannelSpec();
    stable.setImage("example.org/app:1");
    Channels channels = new Channels();
    channels.setStable(stable);
    spec.setChannels(channels);
    customize.accept(spec);
    return spec;
  }
}
