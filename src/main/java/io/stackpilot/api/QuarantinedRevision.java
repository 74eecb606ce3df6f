package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A revision that failed and is not applied again until the spec changes or a retry is asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QuarantinedRevision {

  @JsonPropertyDescription("Revision hash.")
  private String revision;

  @JsonPropertyDescription("Its image.")
  private String image;

  @JsonPropertyDescription("Why it failed, e.g. CrashLoopBackOff.")
  private String reason;

  @JsonPropertyDescription("When it was quarantined (RFC 3339).")
  private String since;

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getSince() {
    return since;
  }

  public void setSince(String since) {
    this.since = since;
  }
}
