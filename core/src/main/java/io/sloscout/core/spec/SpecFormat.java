package io.sloscout.core.spec;

/** The SLO spec formats SLO-Scout reads. */
public enum SpecFormat {
  OPENSLO_V1("openslo/v1"),
  OPENSLO_V1ALPHA("openslo/v1alpha"),
  SLOTH_V1("prometheus/v1"),
  SLOTH_K8S_V1("sloth.slok.dev/v1"),
  NATIVE_V1("slo-scout.io/v1");

  private final String apiVersion;

  SpecFormat(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  /** The {@code apiVersion} (or Sloth's {@code version}) that identifies this format. */
  public String apiVersion() {
    return apiVersion;
  }
}
