package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Spec of a media service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MediaServiceSpec extends ServiceSpec {

  @JsonPropertyDescription("Media libraries and transcoding.")
  private MediaSpec media;

  public MediaSpec getMedia() {
    return media;
  }

  public void setMedia(MediaSpec media) {
    this.media = media;
  }
}
