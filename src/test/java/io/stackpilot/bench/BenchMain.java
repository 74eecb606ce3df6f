package io.stackpilot.bench;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.devcluster.LocalControlPlane;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Entry point of `make bench`: starts a local control plane, installs the CRDs, runs the scenarios
 * at each N and writes bench/results/&lt;date&gt;.csv and .md. Not a test: nothing here runs under
 * `make test`.
 */
public final class BenchMain {

  private static final List<String> CRDS =
      List.of("servicestacks", "mediaservices", "securityservices", "monitoringservices");

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    quietLogs();
    Results results = new Results();
    results.fact("Load at start (/proc/loadavg)", Machine.loadAverage());
    long begin = System.nanoTime();
    LocalControlPlane.Builder builder = LocalControlPlane.builder().nodes(3);
    if (options.controllerQps() > 0) {
      builder
          .controllerManagerFlag("--kube-api-qps=" + options.controllerQps())
          .controllerManagerFlag("--kube-api-burst=" + options.controllerQps() * 3 / 2);
    }
    if (options.controllerSyncs() > 0) {
      builder
          .controllerManagerFlag("--concurrent-deployment-syncs=" + options.controllerSyncs())
          .controllerManagerFlag("--concurrent-replicaset-syncs=" + options.controllerSyncs());
    }
    if (options.schedulerQps() > 0) {
      builder
          .schedulerFlag("--kube-api-qps=" + options.schedulerQps())
          .schedulerFlag("--kube-api-burst=" + options.schedulerQps() * 2);
    }
    try (LocalControlPlane plane = builder.start();
        KubernetesClient client = plane.client()) {
      results.fact("CPU", Machine.cores() + " cores, " + Machine.cpuModel());
      results.fact("Memory", Machine.memoryMiB() + " MiB");
      results.fact("Java", Machine.java() + ", max heap " + Machine.heapMaxMiB() + " MiB");
      results.fact("OS", Machine.os());
      results.fact(
          "Kubernetes",
          plane.versions().kubernetes()
              + " (local control plane, "
              + 3
              + " KWOK nodes), etcd "
              + plane.versions().etcd()
              + ", KWOK "
              + plane.versions().kwok());
      results.fact(
          "Options",
          "n="
              + options.sizes()
              + " pairs="
              + options.pairs()
              + " namespaces="
              + options.namespaces()
              + " concurrency="
              + options.concurrency()
              + " reconcileThreads="
              + options.reconcileThreads()
              + " changes="
              + options.changes()
              + " atRestResync="
              + options.atRestResync().toSeconds()
              + "s recoveries="
              + options.recoveries()
              + " recoveryWave="
              + options.recoveryWave()
              + " failureWindow="
              + options.failureWindow().toSeconds()
              + "s");
      results.fact(
          "Control plane",
          "controller manager --kube-api-qps "
              + (options.controllerQps() > 0 ? options.controllerQps() : "default (20)")
              + ", concurrent syncs "
              + (options.controllerSyncs() > 0 ? options.controllerSyncs() : "default (5)")
              + "; scheduler --kube-api-qps "
              + (options.schedulerQps() > 0 ? options.schedulerQps() : "default (50)"));
      if (options.process()) {
        results.fact("Operator process JVM", options.operatorJvm().toString());
        results.fact(
            "Operator process watches",
            options.processWatchesAll()
                ? "all namespaces (the chart's default)"
                : "the round's namespaces only");
        options
            .jvmVariants()
            .forEach(v -> results.fact("JVM variant at N=" + options.jvmVariantsN(), v.toString()));
      }
      installCrds(client);
      try (Watchers watchers = new Watchers(client)) {
        ConvergenceBench convergence =
            new ConvergenceBench(plane, client, watchers, options, results);
        if (options.process()) {
          ProcessBench process =
              new ProcessBench(plane, client, watchers, options, results, convergence);
          process.idle(options.operatorJvm());
          for (JvmVariant variant : options.jvmVariants()) {
            process.idle(variant);
          }
        }
        for (int n : options.sizes()) {
          convergence.run(n);
        }
      }
    }
    results.fact("Load at end (/proc/loadavg)", Machine.loadAverage());
    results.fact(
        "Duration of the run",
        Math.round(ConvergenceBench.millisSince(begin) / 60000.0 * 10) / 10.0 + " min");
    Path dir = Path.of(options.outDir());
    String date = LocalDate.now().toString();
    results.writeCsv(dir.resolve(date + ".csv"));
    Files.writeString(dir.resolve(date + ".md"), results.markdown());
    System.out.println();
    System.out.println(results.markdown());
    System.out.println(
        "[bench] wrote " + dir.resolve(date + ".csv") + " and " + dir.resolve(date + ".md"));
    // Informer and client threads of the framework may linger; the figures are written.
    System.exit(0);
  }

  private static void installCrds(KubernetesClient client) throws Exception {
    for (String plural : CRDS) {
      try (InputStream crd =
          BenchMain.class.getResourceAsStream(
              "/META-INF/fabric8/" + plural + ".stackpilot.io-v1.yml")) {
        if (crd == null) {
          throw new IllegalStateException(
              "the CRD of " + plural + " is not on the classpath; build with Maven");
        }
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
            .serverSideApply();
      }
    }
    for (String plural : CRDS) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(plural + ".stackpilot.io")
          .waitUntilCondition(
              c ->
                  c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              TimeUnit.SECONDS);
    }
  }

  /**
   * The operator logs each reconcile's news at INFO; thousands of lines would drown the figures.
   */
  private static void quietLogs() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.getLogger("io.stackpilot").setLevel(ch.qos.logback.classic.Level.WARN);
      logback.getLogger("io.stackpilot.devcluster").setLevel(ch.qos.logback.classic.Level.INFO);
    }
  }
}
