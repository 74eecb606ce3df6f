package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.stackpilot.api.EgressCidrSpec;
import io.stackpilot.api.EgressMode;
import io.stackpilot.api.EgressSpec;
import io.stackpilot.api.IsolationSpec;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.NetworkPeerSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.SchemaDefaults;
import io.stackpilot.api.StackService;
import io.stackpilot.config.Overlays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a member of an isolated stack may connect to when the stack restricts egress: what the stack
 * derives (the services it depends on, what its monitoring role reads), DNS, and what the stack
 * names. Lists are sorted and free of repeats, so the same neighbours always render the same
 * policy.
 *
 * @param mode Open renders no egress rule at all
 * @param dns the cluster's DNS pods, reached on port 53 over UDP and TCP
 * @param targets services of the namespace the member connects to, each on the ports listed (every
 *     port when none is)
 * @param toCidrs addresses outside the pods that the stack allows
 * @param toPeers more pods the stack allows, on every port
 * @param ingressController the ingress controller, which an Uptime service reaches, since it checks
 *     each app at its public URL
 */
public record EgressInputs(
    EgressMode mode,
    NetworkPeerSpec dns,
    List<Target> targets,
    List<EgressCidrSpec> toCidrs,
    List<NetworkPeerSpec> toPeers,
    Optional<NetworkPeerSpec> ingressController) {

  /** A service a member connects to, on these ports (every port when empty). */
  public record Target(String service, List<PortSpec> ports) {
    public Target {
      ports = List.copyOf(ports);
    }
  }

  /** Where kubeadm's and k3s' CoreDNS run, and the label both give its pods. */
  public static final String DEFAULT_DNS_NAMESPACE = "kube-system";

  public static final Map<String, String> DEFAULT_DNS_POD_LABELS = Map.of("k8s-app", "kube-dns");

  public EgressInputs {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(dns, "dns");
    targets = targets.stream().distinct().sorted(Comparator.comparing(Target::service)).toList();
    toCidrs = toCidrs == null ? List.of() : List.copyOf(toCidrs);
    toPeers = toPeers == null ? List.of() : List.copyOf(toPeers);
    Objects.requireNonNull(ingressController, "ingressController");
  }

  /** Egress of a stack that does not restrict it. */
  public static EgressInputs open() {
    return new EgressInputs(
        EgressMode.OPEN, defaultDns(), List.of(), List.of(), List.of(), Optional.empty());
  }

  public boolean restricted() {
    return mode == EgressMode.RESTRICT;
  }

  /**
   * @param dependencies names of the services of the namespace that the member dependsOn
   * @param neighbours services of every kind in the namespace
   * @param ingressController the stack's ingress controller
   */
  static EgressInputs derive(
      StackService service,
      Optional<IsolationSpec> isolation,
      List<String> dependencies,
      List<? extends StackService> neighbours,
      NetworkPeerSpec ingressController) {
    Optional<EgressSpec> egress = isolation.map(IsolationSpec::getEgress);
    EgressMode mode =
        egress
            .map(EgressSpec::getMode)
            .orElseGet(() -> SchemaDefaults.of(EgressMode.class, SchemaDefaults.EGRESS_MODE));
    List<Target> targets = new ArrayList<>();
    dependencies.forEach(name -> targets.add(new Target(name, List.of())));
    Optional<MonitoringRole> role = roleOf(service);
    if (role.isPresent()) {
      switch (role.get()) {
        case METRICS ->
            neighbours.stream()
                .filter(
                    candidate -> ScrapeSelection.selects((MonitoringService) service, candidate))
                .forEach(
                    candidate ->
                        NamedPorts.find(
                                candidate.serviceSpec().getPorts(), Overlays.METRICS_PORT_NAME)
                            .ifPresent(
                                port ->
                                    targets.add(
                                        new Target(
                                            candidate.getMetadata().getName(), List.of(port)))));
        case DASHBOARDS ->
            neighbours.stream()
                .filter(candidate -> SameStack.as(service, candidate))
                .filter(candidate -> roleOf(candidate).orElse(null) == MonitoringRole.METRICS)
                .forEach(
                    candidate ->
                        targets.add(new Target(candidate.getMetadata().getName(), List.of())));
        case UPTIME -> {
          // Uptime checks each app at its public URL, through the ingress controller.
        }
      }
    }
    return new EgressInputs(
        mode,
        egress.map(EgressSpec::getDns).orElseGet(EgressInputs::defaultDns),
        targets,
        egress.map(EgressSpec::getToCIDRs).orElse(List.of()),
        egress.map(EgressSpec::getToPeers).orElse(List.of()),
        role.filter(r -> r == MonitoringRole.UPTIME).map(r -> ingressController));
  }

  static NetworkPeerSpec defaultDns() {
    NetworkPeerSpec dns = new NetworkPeerSpec();
    dns.setNamespace(DEFAULT_DNS_NAMESPACE);
    dns.setPodSelector(new LabelSelectorBuilder().withMatchLabels(DEFAULT_DNS_POD_LABELS).build());
    return dns;
  }

  private static Optional<MonitoringRole> roleOf(StackService service) {
    return service instanceof MonitoringService monitoring
        ? Optional.ofNullable(monitoring.getSpec())
            .map(MonitoringServiceSpec::getMonitoring)
            .map(MonitoringSpec::getRole)
        : Optional.empty();
  }
}
