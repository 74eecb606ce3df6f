package io.stackpilot.devcluster.node;

import io.stackpilot.devcluster.FreePorts;
import io.stackpilot.devcluster.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * kube-router's NetworkPolicy firewall on the real node, as a host process started and stopped by
 * PID: it turns every NetworkPolicy of the cluster into iptables rules (nf_tables backend, table
 * {@code ip filter}) and ipsets for the node's pods. Only for the tests that ask for it: closing it
 * removes its rules and sets, which kube-router itself leaves behind (its own cleanup does nothing
 * in this version), so later tests run without enforcement as before.
 *
 * <p>Traffic from the node's own addresses (kubelet's probes, requests a test sends from this
 * machine) always reaches the pods; a denial shows only from another pod.
 */
public final class NetworkPolicyAgent implements AutoCloseable {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final Path netfilter;
  private final boolean filterTableBefore;
  private final ManagedProcess process;

  private NetworkPolicyAgent(Path netfilter, boolean filterTableBefore, ManagedProcess process) {
    this.netfilter = netfilter;
    this.filterTableBefore = filterTableBefore;
    this.process = process;
  }

  static NetworkPolicyAgent start(NodePaths paths, Path kubeconfig, String serviceRange) {
    Path netfilter = paths.binaries().resolve("netfilter");
    Path binary = paths.binary("kube-router");
    if (!Files.isExecutable(binary) || !Files.isExecutable(netfilter.resolve("bin/iptables"))) {
      throw new IllegalStateException(
          "This machine cannot enforce NetworkPolicies on the real node; missing: "
              + binary
              + " or "
              + netfilter.resolve("bin/iptables")
              + " (make node-binaries)");
    }
    boolean filterTableBefore =
        HostCommand.attempt("nft", "list", "table", "ip", "filter").exitCode() == 0;
    int health = FreePorts.next();
    ManagedProcess process;
    try {
      process =
          new ManagedProcess(
                  "kube-router",
                  List.of(
                      binary.toString(),
                      "--kubeconfig=" + kubeconfig,
                      "--hostname-override=" + RealNode.NAME,
                      "--run-firewall=true",
                      "--run-router=false",
                      "--run-service-proxy=false",
                      "--run-loadbalancer=false",
                      "--enable-ipv4=true",
                      "--enable-ipv6=false",
                      "--service-cluster-ip-range=" + serviceRange,
                      "--iptables-sync-period=1m",
                      "--health-port=" + health,
                      "--metrics-port=0",
                      "--v=1"),
                  environment(netfilter),
                  paths.run())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NetworkPolicyAgent agent = new NetworkPolicyAgent(netfilter, filterTableBefore, process);
    try {
      StartupWait.until(
          "kube-router's firewall",
          STARTUP_TIMEOUT,
          () -> RealNode.healthy(health) && agent.chainExists("KUBE-ROUTER-FORWARD"),
          process);
      return agent;
    } catch (RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  /**
   * The tools' folder first on the PATH, under the names kube-router runs them by; their libraries
   * and iptables' extensions from the unpacked packages; the node's name.
   */
  private static Map<String, String> environment(Path netfilter) {
    return Map.of(
        "PATH",
        netfilter.resolve("bin") + ":/usr/sbin:/usr/bin:/sbin:/bin",
        "LD_LIBRARY_PATH",
        libraries(netfilter).toString(),
        "XTABLES_LIBDIR",
        libraries(netfilter).resolve("xtables").toString(),
        "NODE_NAME",
        RealNode.NAME);
  }

  private static Path libraries(Path netfilter) {
    return netfilter.resolve("root/usr/lib/x86_64-linux-gnu");
  }

  private boolean chainExists(String chain) {
    return tool(netfilter, "iptables", "-t", "filter", "-S", chain).exitCode() == 0;
  }

  /** The iptables rules kube-router keeps now, for a failed assertion. */
  public String rules() {
    return tool(netfilter, "iptables-save", "-t", "filter").output();
  }

  /** Stops kube-router, then removes its rules and ipsets. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
    List<String> left = removeRules(netfilter, !filterTableBefore);
    if (!left.isEmpty()) {
      throw new IllegalStateException("kube-router's rules or sets stayed behind: " + left);
    }
  }

  /** After a run killed before its teardown: whatever kube-router left; returns what it removed. */
  static List<String> removeLeftovers(Path binaries) {
    Path netfilter = binaries.resolve("netfilter");
    if (!Files.isExecutable(netfilter.resolve("bin/ipset"))) {
      return List.of();
    }
    HostCommand.Result table = HostCommand.attempt("nft", "list", "table", "ip", "filter");
    boolean ours = table.exitCode() == 0 && table.output().contains("KUBE-ROUTER");
    List<String> removed = new ArrayList<>();
    if (ours && HostCommand.attempt("nft", "delete", "table", "ip", "filter").exitCode() == 0) {
      removed.add("nftables table ip filter (kube-router's)");
    }
    removed.addAll(destroySets(netfilter));
    return removed;
  }

  /**
   * Its rules, then its sets (a set in use cannot be destroyed). The whole table goes when it was
   * not there before kube-router; otherwise only kube-router's chains and the jumps to them.
   * Returns what is still there.
   */
  private static List<String> removeRules(Path netfilter, boolean wholeTable) {
    if (wholeTable) {
      HostCommand.attempt("nft", "delete", "table", "ip", "filter");
    } else {
      String kept =
          tool(netfilter, "iptables-save", "-t", "filter")
              .output()
              .lines()
              .filter(l -> !l.contains("KUBE-ROUTER-"))
              .filter(l -> !l.contains("KUBE-NWPLCY-"))
              .filter(l -> !l.contains("KUBE-POD-FW-"))
              .reduce("", (a, b) -> a + b + "\n");
      restore(netfilter, kept);
    }
    destroySets(netfilter);
    List<String> left = new ArrayList<>();
    if (tool(netfilter, "iptables", "-t", "filter", "-S", "KUBE-ROUTER-FORWARD").exitCode() == 0) {
      left.add("chain KUBE-ROUTER-FORWARD");
    }
    left.addAll(ourSets(netfilter));
    return left;
  }

  private static List<String> destroySets(Path netfilter) {
    List<String> destroyed = new ArrayList<>();
    for (String set : ourSets(netfilter)) {
      if (tool(netfilter, "ipset", "destroy", set).exitCode() == 0) {
        destroyed.add("ipset " + set);
      }
    }
    return destroyed;
  }

  /** kube-router's sets, by their prefixes; never every set of the machine. */
  private static List<String> ourSets(Path netfilter) {
    HostCommand.Result sets = tool(netfilter, "ipset", "list", "-n");
    if (sets.exitCode() != 0) {
      return List.of();
    }
    return sets.output()
        .lines()
        .map(String::trim)
        .filter(s -> s.startsWith("KUBE-SRC-") || s.startsWith("KUBE-DST-") || s.startsWith("TMP-"))
        .toList();
  }

  private static HostCommand.Result tool(Path netfilter, String name, String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("env");
    command.add("LD_LIBRARY_PATH=" + libraries(netfilter));
    command.add("XTABLES_LIBDIR=" + libraries(netfilter).resolve("xtables"));
    command.add(netfilter.resolve("bin").resolve(name).toString());
    command.addAll(List.of(arguments));
    return HostCommand.attempt(command.toArray(String[]::new));
  }

  /** iptables-restore of {@code rules}, from a file it is given by name. */
  private static void restore(Path netfilter, String rules) {
    try {
      Path file = Files.createTempFile("kube-router-rules", ".txt");
      try {
        Files.writeString(file, rules);
        HostCommand.Result restored =
            tool(netfilter, "iptables-restore", "-T", "filter", file.toString());
        if (restored.exitCode() != 0) {
          throw new IllegalStateException("iptables-restore: " + restored.output());
        }
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
