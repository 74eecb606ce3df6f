package io.stackpilot.devcluster.node;

import java.nio.file.Path;

/**
 * The configuration files of the node's parts, every path inside the run folder. Each setting that
 * is not a default says why; the machine's constraints (cgroup v1, no CAP_SYS_RESOURCE, a capped
 * open-files limit, no registry) explain most of them.
 */
final class NodeConfigs {

  static final String SANDBOX_IMAGE = "stackpilot.test/pause:1";
  static final String CLUSTER_DOMAIN = "cluster.local";

  private NodeConfigs() {}

  /** containerd 2.x, configuration version 3. */
  static String containerd(NodePaths paths) {
    String runtime = "plugins.'io.containerd.cri.v1.runtime'";
    return """
        version = 3
        root = "%1$s/root"
        state = "%1$s/state"

        [grpc]
          address = "%2$s"

        [ttrpc]
          address = "%2$s.ttrpc"

        [plugins]
          # Without CAP_SYS_RESOURCE runc cannot give sandboxes oom_score_adj -998.
          [%3$s]
            restrict_oom_score_adj = true
            netns_mounts_under_state_dir = true
            cdi_spec_dirs = ["%1$s/cdi"]
            [%3$s.containerd]
              default_runtime_name = "runc"
              [%3$s.containerd.runtimes.runc]
                runtime_type = "io.containerd.runc.v2"
                [%3$s.containerd.runtimes.runc.options]
                  BinaryName = "%4$s"
                  Root = "%1$s/runc"
                  SystemdCgroup = false
            [%3$s.cni]
              bin_dirs = ["%5$s"]
              conf_dir = "%6$s"
          # No registry is reachable: the sandbox image is built here and imported.
          [plugins.'io.containerd.cri.v1.images'.pinned_images]
            sandbox = "%7$s"
          [plugins.'io.containerd.nri.v1.nri']
            disable = true
          [plugins.'io.containerd.internal.v1.opt']
            path = "%1$s/opt"
        """
        .formatted(
            paths.containerdDir(),
            paths.containerdSocket(),
            runtime,
            paths.runc(),
            paths.cniBin(),
            paths.cniConf(),
            SANDBOX_IMAGE);
  }

  /**
   * Bridge networking with a private range: the host is the pods' gateway, but only for the Service
   * range and the node's address; no masquerade and no default route, so pods cannot reach beyond
   * this machine.
   */
  static String cni(NodePaths paths) {
    return """
        {
          "cniVersion": "1.0.0",
          "name": "stackpilot",
          "plugins": [
            {
              "type": "bridge",
              "bridge": "%s",
              "isGateway": true,
              "isDefaultGateway": false,
              "ipMasq": false,
              "hairpinMode": true,
              "ipam": {
                "type": "host-local",
                "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                "routes": [{"dst": "%s"}, {"dst": "%s/32"}],
                "dataDir": "%s"
              }
            }
          ]
        }
        """
        .formatted(
            NodeNetwork.POD_BRIDGE,
            NodeNetwork.POD_RANGE,
            NodeNetwork.POD_GATEWAY,
            NodeNetwork.SERVICE_RANGE,
            NodeNetwork.NODE_IP,
            paths.run().resolve("cni/ipam"));
  }

  static String kubelet(NodePaths paths, int port, int healthzPort) {
    return """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        # This machine runs cgroup v1 (hybrid), which kubelet 1.35+ refuses unless told.
        failCgroupV1: false
        cgroupDriver: cgroupfs
        failSwapOn: false
        # The hard limit of open files here; kubelet's default is above it.
        maxOpenFiles: 20000
        address: %1$s
        port: %2$d
        readOnlyPort: 0
        healthzBindAddress: 127.0.0.1
        healthzPort: %3$d
        # Only the local API server talks to it.
        authentication:
          anonymous:
            enabled: true
          webhook:
            enabled: false
        authorization:
          mode: AlwaysAllow
        clusterDomain: %4$s
        clusterDNS: [%1$s]
        resolvConf: %5$s
        containerRuntimeEndpoint: unix://%6$s
        podLogsDir: %7$s
        # The images were imported, and can never be pulled again: keep them.
        imageGCHighThresholdPercent: 100
        imageGCLowThresholdPercent: 99
        evictionHard:
          memory.available: 100Mi
          nodefs.available: 1%%
          imagefs.available: 1%%
          nodefs.inodesFree: 1%%
        serializeImagePulls: false
        protectKernelDefaults: false
        registerWithTaints:
          - key: %8$s
            value: "true"
            effect: NoSchedule
        """
        .formatted(
            NodeNetwork.NODE_IP,
            port,
            healthzPort,
            CLUSTER_DOMAIN,
            paths.resolvConf(),
            paths.containerdSocket(),
            paths.run().resolve("pod-logs"),
            RealNode.TAINT);
  }

  /**
   * nftables mode; conntrack left as the host has it (0 means: do not touch), NodePorts only on the
   * node's address.
   */
  static String kubeProxy(Path kubeconfig, int healthzPort, int metricsPort) {
    return """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        mode: nftables
        clientConnection:
          kubeconfig: %s
        hostnameOverride: %s
        bindAddress: %s
        healthzBindAddress: 127.0.0.1:%d
        metricsBindAddress: 127.0.0.1:%d
        clusterCIDR: %s
        nodePortAddresses: ["%s/32"]
        conntrack:
          maxPerCore: 0
          min: 0
          tcpEstablishedTimeout: 0s
          tcpCloseWaitTimeout: 0s
        """
        .formatted(
            kubeconfig,
            RealNode.NAME,
            NodeNetwork.NODE_IP,
            healthzPort,
            metricsPort,
            NodeNetwork.POD_RANGE,
            NodeNetwork.NODE_IP);
  }

  /** Cluster DNS from the API server; every other name is refused here, never forwarded out. */
  static String corefile(Path kubeconfig) {
    return """
        %1$s:53 {
            bind %2$s
            errors
            kubernetes %1$s in-addr.arpa {
                kubeconfig %3$s
            }
        }
        .:53 {
            bind %2$s
            template ANY ANY {
                rcode NXDOMAIN
            }
        }
        """
        .formatted(CLUSTER_DOMAIN, NodeNetwork.NODE_IP, kubeconfig);
  }

  /** The node's own resolv.conf, so pods never inherit the host's resolvers. */
  static String resolvConf() {
    return "nameserver " + NodeNetwork.NODE_IP + "\n";
  }
}
