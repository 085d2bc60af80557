package io.sloscout.collectors.ingest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A server certificate chain and its private key, both PEM files (the key PKCS#8, {@code BEGIN
 * PRIVATE KEY}).
 */
public record TlsFiles(Path certChain, Path privateKey) {
  public TlsFiles {
    Objects.requireNonNull(certChain, "certChain");
    Objects.requireNonNull(privateKey, "privateKey");
  }
}
