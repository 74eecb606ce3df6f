package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One problem found in a spec, with the field and the fix. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValidationMessage {

  @JsonPropertyDescription("The field, e.g. spec.env[2].value.")
  private String field;

  @JsonPropertyDescription("What is wrong and how to fix it.")
  private String message;

  public String getField() {
    return field;
  }

  public void setField(String field) {
    this.field = field;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
