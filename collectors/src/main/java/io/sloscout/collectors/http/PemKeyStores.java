package io.sloscout.collectors.http;

import io.sloscout.collectors.ingest.TlsFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A server {@link SSLContext} from the PEM files the gRPC receiver takes too (a certificate chain
 * and an unencrypted PKCS#8 {@code BEGIN PRIVATE KEY}, RSA, EC or EdDSA), so one pair of files
 * configures both: the JDK reads only key stores, so the pair becomes an in-memory one.
 */
final class PemKeyStores {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]*)-----END \\1PRIVATE KEY-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  private PemKeyStores() {}

  /** A TLS server context serving {@code files}' certificate chain with its key. */
  static SSLContext serverContext(TlsFiles files) throws IOException {
    List<Certificate> chain = certificates(files);
    PrivateKey key = privateKey(files);
    checkKeyMatches(key, chain.get(0).getPublicKey(), files);
    try {
      char[] password = randomPassword();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS from " + files + ": " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(TlsFiles files) throws IOException {
    byte[] pem = Files.readAllBytes(files.certChain());
    try {
      List<Certificate> chain =
          List.copyOf(
              CertificateFactory.getInstance("X.509")
                  .generateCertificates(new ByteArrayInputStream(pem)));
      if (chain.isEmpty()) {
        throw new IOException("no certificate in " + files.certChain());
      }
      return chain;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "cannot read the certificate chain " + files.certChain() + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(TlsFiles files) throws IOException {
    String pem = Files.readString(files.privateKey(), StandardCharsets.US_ASCII);
    Matcher m = PRIVATE_KEY.matcher(pem);
    if (!m.find()) {
      throw new IOException("no PEM private key in " + files.privateKey());
    }
    if (!m.group(1).isEmpty()) {
      // BEGIN RSA/EC/ENCRYPTED PRIVATE KEY: the gRPC side (Netty) takes PKCS#8 only; same here
      throw new IOException(
          files.privateKey()
              + " holds a '"
              + m.group(1).trim()
              + " PRIVATE KEY'; an unencrypted PKCS#8 key (BEGIN PRIVATE KEY) is needed:"
              + " openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IOException("the private key in " + files.privateKey() + " is not valid base64", e);
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // not this algorithm: try the next
      }
    }
    throw new IOException(
        "cannot read the private key in " + files.privateKey() + " as RSA, EC or EdDSA PKCS#8");
  }

  /** Fails at start-up, not at the first handshake, when the key is not the certificate's. */
  private static void checkKeyMatches(PrivateKey key, PublicKey certificateKey, TlsFiles files)
      throws IOException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
          default -> null;
        };
    if (algorithm == null) {
      return;
    }
    try {
      byte[] probe = "slo-scout".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificateKey);
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // different key types: fall through to the mismatch message
    }
    throw new IOException(
        "the private key "
            + files.privateKey()
            + " does not belong to the first certificate of "
            + files.certChain());
  }

  private static char[] randomPassword() {
    // the store lives in memory only, but PKCS12 wants a password to protect the key entry
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).toCharArray();
  }
}
