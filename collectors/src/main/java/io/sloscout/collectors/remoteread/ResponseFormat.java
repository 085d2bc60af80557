package io.sloscout.collectors.remoteread;

/** The remote-read response types this poller decodes. */
public enum ResponseFormat {
  /** Frames of TSDB XOR chunks ({@code application/x-streamed-protobuf}); Prometheus 2.13+. */
  STREAMED_XOR_CHUNKS,
  /** One snappy-compressed {@code ReadResponse} of raw samples; every server speaks it. */
  SAMPLES
}
