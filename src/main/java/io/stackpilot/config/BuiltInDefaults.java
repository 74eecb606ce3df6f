package io.stackpilot.config;

import io.stackpilot.api.Channel;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.RollbackPolicy;
import io.stackpilot.api.SchemaDefaults;
import java.time.Duration;
import java.util.List;

/**
 * The lowest layer: what a service gets when neither its stack nor its spec says otherwise. Where
 * the CRDs declare a default too, both come from {@link SchemaDefaults}.
 */
final class BuiltInDefaults {

  static final Channel CHANNEL = SchemaDefaults.of(Channel.class, SchemaDefaults.CHANNEL);
  static final int REPLICAS = 1;

  static final RollbackPolicy ROLLBACK = RollbackPolicy.AUTOMATIC;
  static final Duration FAILURE_WINDOW = Durations.parse(SchemaDefaults.FAILURE_WINDOW);
  static final Duration PROGRESS_DEADLINE = Durations.parse(SchemaDefaults.PROGRESS_DEADLINE);
  static final int MAX_RESTARTS = 3;
  static final Duration RESTART_WINDOW = Duration.ofMinutes(30);

  static final int INITIAL_DELAY_SECONDS = 10;
  static final int PERIOD_SECONDS = 10;
  static final int FAILURE_THRESHOLD = 3;

  /**
   * Generous on purpose: an upgrade that migrates a large library's database can take an hour or
   * more, and a startup probe that gives up restarts the migration. A crash is a failure at once
   * whatever this says; only an app that runs without ever answering waits this long.
   */
  static final Duration STARTUP_TIMEOUT = Duration.ofHours(1);

  static final int STARTUP_PERIOD_SECONDS = 10;

  static final List<RolloutStageSettings> BETA_STAGES =
      List.of(
          new RolloutStageSettings("limited", 10, Duration.ofMinutes(10)),
          new RolloutStageSettings("extended", 50, Duration.ofMinutes(30)),
          new RolloutStageSettings("open", 100, Duration.ofHours(1)));
  static final PromotionPolicy PROMOTION =
      SchemaDefaults.of(PromotionPolicy.class, SchemaDefaults.PROMOTION);

  private BuiltInDefaults() {}
}
