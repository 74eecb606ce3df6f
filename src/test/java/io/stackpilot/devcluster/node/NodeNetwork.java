package io.stackpilot.devcluster.node;

import java.util.ArrayList;
import java.util.List;

/**
 * The real node's network, confined to this machine: the node's address on an empty bridge of its
 * own (the kernel has no dummy driver), a bridge for the pods with a private range and no
 * masquerade, a route that keeps the Service range on the node's bridge so an unanswered ClusterIP
 * dies here, and an nftables table that drops anything from the pod or Service range that would
 * leave by any other interface. Pods get no default route (see the CNI configuration).
 */
final class NodeNetwork implements AutoCloseable {

  static final String NODE_BRIDGE = "spnode0";
  static final String POD_BRIDGE = "spcni0";
  static final String NODE_IP = "10.250.0.1";
  static final String POD_RANGE = "10.88.0.0/24";
  static final String POD_GATEWAY = "10.88.0.1";
  static final String SERVICE_RANGE = "10.96.0.0/16";
  static final String GUARD_TABLE = "stackpilot_node_guard";

  private boolean nodeBridge;
  private boolean guard;

  /** Creates the node's bridge, the route of the Service range and the guard. */
  NodeNetwork create() {
    if (HostCommand.attempt("ip", "link", "show", NODE_BRIDGE).exitCode() == 0) {
      throw new IllegalStateException(
          "The network device "
              + NODE_BRIDGE
              + " exists already: another real node runs, or one was not torn down"
              + " (ip link del "
              + NODE_BRIDGE
              + ")");
    }
    HostCommand.run("ip", "link", "add", NODE_BRIDGE, "type", "bridge");
    nodeBridge = true;
    HostCommand.run("ip", "addr", "add", NODE_IP + "/32", "dev", NODE_BRIDGE);
    HostCommand.run("ip", "link", "set", NODE_BRIDGE, "up");
    HostCommand.run("ip", "route", "add", SERVICE_RANGE, "dev", NODE_BRIDGE);
    String ranges = "{ " + POD_RANGE + ", " + SERVICE_RANGE + " }";
    String ours = "{ \"" + POD_BRIDGE + "\", \"" + NODE_BRIDGE + "\", \"lo\" }";
    String rule =
        "ip saddr " + ranges + " oifname != " + ours + " oifname != \"veth*\" counter drop";
    HostCommand.run("nft", "add", "table", "inet", GUARD_TABLE);
    guard = true;
    for (String hook : new String[] {"forward", "output", "postrouting"}) {
      HostCommand.run(
          "nft",
          "add chain inet "
              + GUARD_TABLE
              + " "
              + hook
              + " { type filter hook "
              + hook
              + " priority 0 ; policy accept ; }");
      HostCommand.run("nft", "add rule inet " + GUARD_TABLE + " " + hook + " " + rule);
    }
    return this;
  }

  /**
   * Removes the bridges and the guard a node left when its run was killed before its teardown;
   * returns what it removed.
   */
  static List<String> removeLeftovers() {
    List<String> removed = new ArrayList<>();
    for (String bridge : List.of(POD_BRIDGE, NODE_BRIDGE)) {
      if (HostCommand.attempt("ip", "link", "show", bridge).exitCode() == 0) {
        HostCommand.run("ip", "link", "del", bridge);
        removed.add("device " + bridge);
      }
    }
    if (HostCommand.attempt("nft", "delete", "table", "inet", GUARD_TABLE).exitCode() == 0) {
      removed.add("nftables table inet " + GUARD_TABLE);
    }
    removed.addAll(removeKubeProxyTables());
    return removed;
  }

  /** Removes the tables kube-proxy made in nftables mode; returns those it removed. */
  static List<String> removeKubeProxyTables() {
    List<String> removed = new ArrayList<>();
    for (String family : List.of("ip", "ip6")) {
      if (HostCommand.attempt("nft", "delete", "table", family, "kube-proxy").exitCode() == 0) {
        removed.add("nftables table " + family + " kube-proxy");
      }
    }
    return removed;
  }

  /** Packets the guard dropped: anything but 0 means pod traffic tried to leave the machine. */
  long guardDrops() {
    String rules = HostCommand.run("nft", "list", "table", "inet", GUARD_TABLE);
    long drops = 0;
    for (String line : rules.lines().toList()) {
      int at = line.indexOf("counter packets ");
      if (at >= 0) {
        drops += Long.parseLong(line.substring(at + 16).split(" ")[0]);
      }
    }
    return drops;
  }

  /** Removes the bridges (the pods' too, which the bridge plugin made), the route and the guard. */
  @Override
  public void close() {
    if (HostCommand.attempt("ip", "link", "show", POD_BRIDGE).exitCode() == 0) {
      HostCommand.run("ip", "link", "del", POD_BRIDGE);
    }
    if (nodeBridge) {
      // The Service range's route goes with the device.
      HostCommand.run("ip", "link", "del", NODE_BRIDGE);
      nodeBridge = false;
    }
    if (guard) {
      HostCommand.run("nft", "delete", "table", "inet", GUARD_TABLE);
      guard = false;
    }
  }
}
