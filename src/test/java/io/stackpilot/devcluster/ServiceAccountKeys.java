package io.stackpilot.devcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The key pair with which the API server signs and checks service account tokens. PEM written by
 * hand so the launcher needs no crypto library: PKCS#8 for the private key, X.509
 * SubjectPublicKeyInfo for the public one, both of which the API server reads.
 */
record ServiceAccountKeys(Path privateKey, Path publicKey) {

  static ServiceAccountKeys generate(Path dir) throws IOException {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA is not available in this JVM", e);
    }
    Path priv = dir.resolve("sa.key");
    Path pub = dir.resolve("sa.pub");
    Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    return new ServiceAccountKeys(priv, pub);
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
