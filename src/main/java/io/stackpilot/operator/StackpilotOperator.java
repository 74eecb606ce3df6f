package io.stackpilot.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stackpilot.reconcile.FieldManager;
import io.stackpilot.reconcile.MediaServiceReconciler;
import io.stackpilot.reconcile.MonitoringServiceReconciler;
import io.stackpilot.reconcile.OperatorContext;
import io.stackpilot.reconcile.SecurityServiceReconciler;
import io.stackpilot.reconcile.ServiceStackReconciler;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the reconcilers of the four kinds into a JOSDK operator. Used by the `run` command, the
 * demo and the integration tests alike, so they all run the same operator.
 */
public final class StackpilotOperator implements AutoCloseable {

  /** The Lease that elects the one active replica when several run. */
  public static final String LEASE_NAME = "stackpilot-leader";

  /** As long as the framework waits for its own caches by default. */
  private static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(2);

  private static final Logger log = LoggerFactory.getLogger(StackpilotOperator.class);

  private final Operator operator;
  private final OperatorContext context;
  private final Settings settings;
  private volatile boolean closing;

  private StackpilotOperator(Settings settings) {
    this.settings = settings;
    this.context =
        new OperatorContext(settings.client, settings.clock, settings.meters, settings.namespaces);
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(settings.client)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads)
                  .withUseSSAToPatchPrimaryResource(true)
                  // Per controller, not per resource: the framework's timers per service grew
                  // the heap and /metrics with N (about 4 MiB at N=300), and their cleaner is a
                  // thread of its own. Stackpilot's own meters are per service where it matters.
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(settings.meters));
              if (settings.leaseNamespace != null) {
                Duration lease = settings.leaseDuration;
                // JOSDK's own exit on a lost lease calls System.exit from inside its stop, which
                // deadlocks when the stop runs in a shutdown hook (SIGTERM): the pod hung until
                // SIGKILL and the lease was never released. Leaving the process on a lost lease is
                // done here instead, see stoppedLeading().
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        LEASE_NAME,
                        settings.leaseNamespace,
                        lease,
                        renewDeadline(lease),
                        lease.dividedBy(7),
                        settings.identity,
                        new LeaderCallbacks(() -> {}, this::stoppedLeading, leader -> {}),
                        false));
              }
            });
    register(new MediaServiceReconciler(context), settings);
    register(new SecurityServiceReconciler(context), settings);
    register(new MonitoringServiceReconciler(context), settings);
    register(new ServiceStackReconciler(context), settings);
  }

  private <P extends HasMetadata> void register(Reconciler<P> reconciler, Settings settings) {
    Consumer<ControllerConfigurationOverrider<P>> override =
        o -> {
          if (settings.namespaces.isEmpty()) {
            o.watchingAllNamespaces();
          } else {
            o.settingNamespaces(settings.namespaces);
          }
          o.withReconciliationMaxInterval(settings.resyncPeriod);
          o.withFieldManager(FieldManager.NAME);
          // Which updates wake a reconciler is declared on each (SpecOrSteeringChanged).
        };
    operator.register(reconciler, override);
  }

  /**
   * How long a leader keeps trying to renew its lease before it gives up: two thirds of the lease,
   * so that it stops before a standby may take over. Writes are gated on the same deadline ({@link
   * LeaseWriteGate}).
   */
  public static Duration renewDeadline(Duration lease) {
    return lease.multipliedBy(2).dividedBy(3);
  }

  public static Settings settings(KubernetesClient client) {
    return new Settings(client);
  }

  public StackpilotOperator start() {
    // The services around each service are read from caches that must be full before the first
    // reconcile.
    context.start(CACHE_SYNC_TIMEOUT);
    operator.start();
    return this;
  }

  /** Started, and every controller's caches synced. */
  public boolean isReady() {
    return operator.getRuntimeInfo().isStarted()
        && operator.getRuntimeInfo().allEventSourcesAreHealthy()
        && context.isSynced();
  }

  public OperatorContext context() {
    return context;
  }

  /**
   * The lease is gone. On our own stop that is expected; otherwise another replica may already
   * lead, and the process ends at once (halt: no shutdown hook, so no reconcile of ours can write
   * after this).
   */
  private void stoppedLeading() {
    if (closing) {
      return;
    }
    if (settings.exitOnLeadershipLoss) {
      log.error(
          "Lost the leader lease {}/{} as {}; exiting at once so that two replicas never act together",
          settings.leaseNamespace,
          LEASE_NAME,
          settings.identity);
      Runtime.getRuntime().halt(1);
    }
    log.warn(
        "Lost the leader lease {}/{} as {}",
        settings.leaseNamespace,
        LEASE_NAME,
        settings.identity);
  }

  /**
   * Stops reconciling, then hands the lease over at once if this replica still holds it, so a
   * standby takes over within its retry period rather than after the lease runs out.
   */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    operator.stop();
    context.close();
    if (settings.leaseNamespace != null) {
      releaseLease();
    }
  }

  private void releaseLease() {
    try {
      var leases =
          settings.client.leases().inNamespace(settings.leaseNamespace).withName(LEASE_NAME);
      Lease lease = leases.get();
      if (lease == null
          || lease.getSpec() == null
          || !settings.identity.equals(lease.getSpec().getHolderIdentity())) {
        return;
      }
      // As client-go releases: no holder, a one-second duration; the resourceVersion makes it a
      // no-op if another replica has taken the lease meanwhile.
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      lease.getSpec().setHolderIdentity(null);
      lease.getSpec().setLeaseDurationSeconds(1);
      lease.getSpec().setAcquireTime(now);
      lease.getSpec().setRenewTime(now);
      settings.client.leases().inNamespace(settings.leaseNamespace).resource(lease).update();
      log.info("Released the leader lease {}/{}", settings.leaseNamespace, LEASE_NAME);
    } catch (RuntimeException e) {
      // The lease then runs out by itself; a stop must not fail for it.
      log.warn(
          "Could not release the leader lease {}/{}: {}",
          settings.leaseNamespace,
          LEASE_NAME,
          e.getMessage());
    }
  }

  /** How to run: which client, which namespaces (none = all), how often to resync, the clock. */
  public static final class Settings {
    private final KubernetesClient client;
    private Set<String> namespaces = Set.of();
    private Duration resyncPeriod = Duration.ofMinutes(10);
    private Clock clock = Clock.systemUTC();
    private MeterRegistry meters = new SimpleMeterRegistry();
    private int reconcileThreads = 10;
    private String leaseNamespace;
    private String identity;
    private Duration leaseDuration = LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
    private boolean exitOnLeadershipLoss = true;

    private Settings(KubernetesClient client) {
      this.client = client;
    }

    public Settings namespaces(Set<String> namespaces) {
      this.namespaces = Set.copyOf(namespaces);
      return this;
    }

    public Settings resyncPeriod(Duration period) {
      this.resyncPeriod = period;
      return this;
    }

    public Settings clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Settings meters(MeterRegistry meters) {
      this.meters = meters;
      return this;
    }

    public Settings reconcileThreads(int threads) {
      this.reconcileThreads = threads;
      return this;
    }

    /**
     * Run as one of several replicas: only the holder of the Lease in this namespace reconciles. A
     * replica that loses the Lease exits, so the kubelet restarts it into a clean follower; tests,
     * which share their JVM, turn that off.
     */
    public Settings leaderElection(
        String namespace, String identity, Duration leaseDuration, boolean exitOnLeadershipLoss) {
      this.leaseNamespace = namespace;
      this.identity = identity;
      this.leaseDuration = leaseDuration;
      this.exitOnLeadershipLoss = exitOnLeadershipLoss;
      return this;
    }

    public StackpilotOperator build() {
      return new StackpilotOperator(this);
    }
  }
}
