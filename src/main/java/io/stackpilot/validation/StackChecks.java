package io.stackpilot.validation;

import io.stackpilot.api.AlertWebhook;
import io.stackpilot.api.AlertsSpec;
import io.stackpilot.api.RecoverySpec;
import io.stackpilot.api.SecretKeyReference;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks of a ServiceStack: its defaults blocks carry no literal secrets and sensible recovery
 * timing (single-object), and what they and the alert webhooks refer to exists (cross-object).
 */
final class StackChecks {

  private StackChecks() {}

  static void singleObject(ServiceStack stack, Findings findings) {
    EgressChecks.check(stack, findings);
    Map<String, ServiceDefaults> blocks = defaultsBlocks(stack.getSpec());
    blocks.forEach(
        (path, defaults) -> {
          LiteralSecretChecks.env(path + ".env", defaults.getEnv(), findings);
          LiteralSecretChecks.config(path + ".config", defaults.getConfig(), findings);
          QuantityChecks.resources(path + ".resources", defaults.getResources(), findings);
          QuantityChecks.env(path + ".env", defaults.getEnv(), findings);
          DurationChecks.recovery(path + ".recovery", defaults.getRecovery(), findings);
          DurationChecks.health(path + ".health", defaults.getHealth(), findings);
        });
    Optional<RecoverySpec> base =
        Optional.ofNullable(blocks.get("spec.base")).map(ServiceDefaults::getRecovery);
    blocks.forEach(
        (path, defaults) -> {
          Optional<RecoverySpec> own = Optional.ofNullable(defaults.getRecovery());
          RecoveryTimingCheck.check(
              layered(
                  path,
                  own,
                  base,
                  RecoverySpec::getFailureWindow,
                  "failureWindow",
                  RecoveryTimingCheck.DEFAULT_FAILURE_WINDOW),
              layered(
                  path,
                  own,
                  base,
                  RecoverySpec::getProgressDeadline,
                  "progressDeadline",
                  RecoveryTimingCheck.DEFAULT_PROGRESS_DEADLINE),
              findings);
        });
  }

  static void crossObject(ServiceStack stack, ClusterFacts facts, Findings findings) {
    defaultsBlocks(stack.getSpec())
        .forEach(
            (path, defaults) -> {
              ObjectReferenceChecks.env(path + ".env", defaults.getEnv(), facts, findings);
              String pullSecrets = path + ".imagePullSecrets";
              for (var missing :
                  ObjectReferenceChecks.missingPullSecrets(
                      pullSecrets, defaults.getImagePullSecrets(), facts)) {
                findings.warning(
                    missing.field(),
                    missing.field()
                        + " names Secret "
                        + missing.secretName()
                        + ", which does not exist in this namespace, so members' images from a private registry will fail"
                        + " to pull: create the Secret, or remove it from "
                        + pullSecrets);
              }
            });
    webhookSecretsExist(stack.getSpec(), facts, findings);
  }

  /** A webhook without its URL cannot alert, and alerts matter most when nobody is watching. */
  private static void webhookSecretsExist(
      ServiceStackSpec spec, ClusterFacts facts, Findings findings) {
    List<AlertWebhook> webhooks =
        Optional.ofNullable(spec)
            .map(ServiceStackSpec::getAlerts)
            .map(AlertsSpec::getWebhooks)
            .orElse(List.of());
    for (int i = 0; i < webhooks.size(); i++) {
      AlertWebhook webhook = webhooks.get(i);
      SecretKeyReference url = webhook.getUrlSecretRef();
      if (url == null) {
        continue;
      }
      String at = "spec.alerts.webhooks[" + i + "].urlSecretRef";
      Set<String> keys = facts.secretKeys().get(url.getName());
      if (keys == null) {
        findings.error(
            at + ".name",
            at
                + ".name names Secret "
                + url.getName()
                + ", which does not exist in this"
                + " namespace, so webhook "
                + webhook.getName()
                + " cannot send alerts: create the Secret with the"
                + " URL under key "
                + url.getKey()
                + ", or fix the name");
      } else if (!keys.contains(url.getKey())) {
        findings.error(
            at + ".key",
            at
                + ".key names key "
                + url.getKey()
                + ", which Secret "
                + url.getName()
                + " does not have (it has "
                + new TreeSet<>(keys)
                + "), so webhook "
                + webhook.getName()
                + " cannot send alerts: fix the key, or add it to the Secret");
      }
    }
  }

  /**
   * A recovery setting of one defaults block: its own, else base's (for a category), else built in.
   */
  private static Setting<String> layered(
      String path,
      Optional<RecoverySpec> own,
      Optional<RecoverySpec> base,
      Function<RecoverySpec, String> read,
      String field,
      String builtIn) {
    Optional<String> ownValue = own.map(read);
    if (ownValue.isPresent()) {
      return Setting.own(ownValue.get(), path + ".recovery." + field);
    }
    return base.map(read)
        .map(value -> Setting.inherited(value, "spec.base.recovery." + field))
        .orElse(Setting.builtIn(builtIn));
  }

  /** The defaults blocks that are set, by the field that holds them. */
  private static Map<String, ServiceDefaults> defaultsBlocks(ServiceStackSpec spec) {
    Map<String, ServiceDefaults> blocks = new LinkedHashMap<>();
    if (spec != null) {
      putIfSet(blocks, "spec.base", spec.getBase());
      putIfSet(blocks, "spec.media", spec.getMedia());
      putIfSet(blocks, "spec.security", spec.getSecurity());
      putIfSet(blocks, "spec.monitoring", spec.getMonitoring());
    }
    return blocks;
  }

  private static void putIfSet(
      Map<String, ServiceDefaults> blocks, String path, ServiceDefaults defaults) {
    if (defaults != null) {
      blocks.put(path, defaults);
    }
  }
}
