package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.lifecycle.RevisionHistory;
import java.util.List;
import java.util.Map;

/**
 * What a step decided to write for a service: carried out by {@link PlanExecutor}.
 *
 * @param objects the objects to apply, in order (ConfigMaps before the Deployment that mounts them)
 * @param history the revision history to keep in the history ConfigMap
 * @param historyLabels the labels of the history ConfigMap
 * @param rendered what was rendered before wiring held anything back: the ConfigMaps it names are
 *     kept
 * @param exposureWithheld an Ingress is held back until its protector is Ready, so the one live
 *     stays
 * @param deleteCanary no beta canary is wanted any more
 */
record ApplyPlan(
    List<HasMetadata> objects,
    RevisionHistory history,
    Map<String, String> historyLabels,
    List<HasMetadata> rendered,
    boolean exposureWithheld,
    boolean deleteCanary) {}
