package io.stackpilot.devcluster.node;

import java.nio.file.Path;

/**
 * Where the node's parts live: the binaries scripts/node-binaries built, and a run folder of its
 * own for their state, sockets and configuration (outside the control plane's, which is deleted as
 * a tree: the node's holds mounts until it is torn down).
 */
record NodePaths(Path binaries, Path run) {

  Path binary(String name) {
    return binaries.resolve(name);
  }

  Path cniBin() {
    return binaries.resolve("cni");
  }

  Path cniConf() {
    return run.resolve("cni/net.d");
  }

  Path containerdDir() {
    return run.resolve("containerd");
  }

  Path containerdSocket() {
    return run.resolve("containerd/containerd.sock");
  }

  Path kubeletRoot() {
    return run.resolve("kubelet");
  }

  Path resolvConf() {
    return run.resolve("resolv.conf");
  }

  /** Debian's runc: crun fails on this machine's hybrid cgroup layout. */
  Path runc() {
    return Path.of("/usr/sbin/runc");
  }

  /** A folder whose only command is nft: kube-proxy needs it, and finds no iptables beside it. */
  Path nftOnly() {
    return run.resolve("nft-only");
  }
}
