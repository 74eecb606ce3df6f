package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.stackpilot.api.SecurityService;

/** Reconciles SecurityServices; all the work is in {@link ServiceReconciler}. */
@ControllerConfiguration(
    name = "securityservice",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrSteeringChanged.class))
public class SecurityServiceReconciler extends ServiceReconciler<SecurityService> {

  public SecurityServiceReconciler(OperatorContext operator) {
    super(operator);
  }
}
