package io.stackpilot.api;

/** Names shared by the four kinds. */
public final class ApiGroup {

  public static final String GROUP = "stackpilot.io";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "stackpilot";

  /**
   * Service names leave room for the suffixes of the objects rendered from them (a -beta canary, a
   * -cfg-<hash> ConfigMap, a -<volume> claim) within the 63 characters of a DNS label, and start
   * with a letter because they name a Kubernetes Service.
   */
  public static final String NAME_LENGTH_RULE =
      "self.metadata.name.size() <= 40 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')";

  /**
   * Names the field itself because the API server reports the rule at the object's root: a CEL
   * fieldPath may only point into the schema, and the schema does not declare metadata.
   */
  public static final String NAME_LENGTH_MESSAGE =
      "metadata.name must be at most 40 characters, start with a letter and hold only a-z, 0-9 and '-',"
          + " so that the objects rendered from it fit Kubernetes name limits: choose a shorter name";

  /**
   * A service without a spec has nothing to run, and every piece of the operator that looks at the
   * services of a namespace would have to step around it; the API server turns it away instead.
   */
  public static final String SPEC_REQUIRED_RULE = "has(self.spec)";

  public static final String SPEC_REQUIRED_MESSAGE =
      "spec.channels.stable.image is required, so a service must have a spec: add one with at least that";

  private ApiGroup() {}
}
