package io.stackpilot.badinput;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The four kinds the generator writes, with what it takes to address them through the API. */
enum FuzzKind {
  STACK("ServiceStack", "servicestacks", "s"),
  MEDIA("MediaService", "mediaservices", "m"),
  SECURITY("SecurityService", "securityservices", "x"),
  MONITORING("MonitoringService", "monitoringservices", "o");

  static final String GROUP = "stackpilot.io";
  static final String VERSION = "v1alpha1";

  final String kind;
  final String plural;

  /** One letter in generated names, so a name says which kind it is. */
  final String letter;

  FuzzKind(String kind, String plural, String letter) {
    this.kind = kind;
    this.plural = plural;
    this.letter = letter;
  }

  boolean isService() {
    return this != STACK;
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder()
        .withGroup(GROUP)
        .withVersion(VERSION)
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  String apiVersion() {
    return GROUP + "/" + VERSION;
  }
}
