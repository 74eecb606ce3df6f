package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.stackpilot.api.MonitoringService;

/** Reconciles MonitoringServices; all the work is in {@link ServiceReconciler}. */
@ControllerConfiguration(name = "monitoringservice")
public class MonitoringServiceReconciler extends ServiceReconciler<MonitoringService> {

  public MonitoringServiceReconciler(OperatorContext operator) {
    super(operator);
  }
}
