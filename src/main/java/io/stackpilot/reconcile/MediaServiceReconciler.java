package io.stackpilot.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.stackpilot.api.MediaService;

/** Reconciles MediaServices; all the work is in {@link ServiceReconciler}. */
@ControllerConfiguration(
    name = "mediaservice",
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrSteeringChanged.class))
public class MediaServiceReconciler extends ServiceReconciler<MediaService> {

  public MediaServiceReconciler(OperatorContext operator) {
    super(operator);
  }
}
