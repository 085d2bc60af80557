package io.sloscout.collectors.otlp;

import io.sloscout.collectors.ingest.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's own
 * {@code keytool} and written as PEM files (certificate, PKCS#8 key).
 */
final class SelfSignedCertificate {

  private SelfSignedCertificate() {}

  /** Generates the certificate and key into {@code dir}. */
  static TlsFiles generate(Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    char[] password = "changeit".toCharArray();
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "otlp",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-validity",
                    "2",
                    "-dname",
                    "CN=localhost",
                    "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keystore.toString(),
                    "-storepass",
                    "changeit",
                    "-keypass",
                    "changeit"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password);
    }
    PrivateKey key = (PrivateKey) store.getKey("otlp", password);
    Certificate certificate = store.getCertificate("otlp");
    Path cert = dir.resolve("server.crt");
    Path keyFile = dir.resolve("server.key");
    Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
    // getEncoded() of a private key is PKCS#8, what "BEGIN PRIVATE KEY" holds
    Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
    return new TlsFiles(cert, keyFile);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
