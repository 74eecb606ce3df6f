package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** All problems found in the last validation, not just the first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationStatus {

  @JsonPropertyDescription("Problems that stop the spec from being applied.")
  private List<ValidationMessage> errors;

  @JsonPropertyDescription("Problems worth a look that do not stop it.")
  private List<ValidationMessage> warnings;

  public List<ValidationMessage> getErrors() {
    return errors;
  }

  public void setErrors(List<ValidationMessage> errors) {
    this.errors = errors;
  }

  public List<ValidationMessage> getWarnings() {
    return warnings;
  }

  public void setWarnings(List<ValidationMessage> warnings) {
    this.warnings = warnings;
  }
}
