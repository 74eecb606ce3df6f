package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVarSource;

/**
 * The CRD schema of an environment variable: core/v1 EnvVar with its name required and bounded. The
 * API server estimates the cost of a CEL rule from the longest value the schema allows, and rejects
 * a CRD whose env rules (unique names, valid names) could exceed its budget; an unbounded name
 * makes them too expensive. Only the schema comes from here: the Java field stays an EnvVar.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvVarSchema {

  @JsonPropertyDescription("Variable name.")
  @Required
  @Size(max = 128)
  private String name;

  @JsonPropertyDescription("Literal value. Never a secret: use valueFrom.secretKeyRef for those.")
  private String value;

  @JsonPropertyDescription(
      "Where the value comes from: a Secret or ConfigMap key, a field or a resource.")
  private EnvVarSource valueFrom;

  // The schema generator finds properties through their getters.

  public String getName() {
    return name;
  }

  public String getValue() {
    return value;
  }

  public EnvVarSource getValueFrom() {
    return valueFrom;
  }
}
