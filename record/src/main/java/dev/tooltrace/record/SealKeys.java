/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys seals are signed and checked with, from the JDK alone: Ed25519 (a third party holding
 * the public key can attest a run without trusting the host) or HMAC-SHA256 (a shared secret: who
 * checks must hold the key that signs).
 *
 * <p>Key files: an Ed25519 private key is PEM {@code PRIVATE KEY} (PKCS#8, as {@code openssl
 * genpkey -algorithm ed25519} writes it, or {@link #generateEd25519}); the file may also hold the
 * {@code PUBLIC KEY} block, which names the key in each seal (its key id). A public key is PEM
 * {@code PUBLIC KEY} (X.509). Any other file is an HMAC-SHA256 secret: its bytes, at least 32.
 */
public final class SealKeys {
  private SealKeys() {}

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  /** Signs seals. */
  public interface Signer {
    int algorithm();

    /** Names the key (a fingerprint of the public key or of the secret), or "" when unknown. */
    String keyId();

    byte[] sign(byte[] data, int len) throws GeneralSecurityException;
  }

  /** Checks seal signatures. */
  public interface Verifier {
    int algorithm();

    String keyId();

    boolean verify(byte[] data, byte[] signature) throws GeneralSecurityException;
  }

  /** Loads a signing key ({@code audit.key}). */
  public static Signer signer(Path file) throws IOException, GeneralSecurityException {
    byte[] raw = Files.readAllBytes(file);
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    byte[] priv = pem(text, "PRIVATE KEY");
    if (priv != null) {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(priv));
      byte[] pub = pem(text, "PUBLIC KEY");
      String id = pub == null ? "" : fingerprint(pub);
      return new Signer() {
        @Override
        public int algorithm() {
          return Seal.ALG_ED25519;
        }

        @Override
        public String keyId() {
          return id;
        }

        @Override
        public byte[] sign(byte[] data, int len) throws GeneralSecurityException {
          Signature s = Signature.getInstance("Ed25519");
          s.initSign(key);
          s.update(data, 0, len);
          return s.sign();
        }
      };
    }
    byte[] secret = secret(raw, file);
    String id = hmacId(secret);
    return new Signer() {
      @Override
      public int algorithm() {
        return Seal.ALG_HMAC_SHA256;
      }

      @Override
      public String keyId() {
        return id;
      }

      @Override
      public byte[] sign(byte[] data, int len) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(data, 0, len);
        return mac.doFinal();
      }
    };
  }

  /**
   * Loads a checking key: an Ed25519 public key (or a private key file holding its public block),
   * or an HMAC-SHA256 secret.
   */
  public static Verifier verifier(Path file) throws IOException, GeneralSecurityException {
    byte[] raw = Files.readAllBytes(file);
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    byte[] pub = pem(text, "PUBLIC KEY");
    if (pub == null && pem(text, "PRIVATE KEY") != null) {
      throw new GeneralSecurityException(
          file + " holds an Ed25519 private key without its PUBLIC KEY block: give the public key");
    }
    if (pub != null) {
      PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pub));
      String id = fingerprint(pub);
      return new Verifier() {
        @Override
        public int algorithm() {
          return Seal.ALG_ED25519;
        }

        @Override
        public String keyId() {
          return id;
        }

        @Override
        public boolean verify(byte[] data, byte[] signature) throws GeneralSecurityException {
          Signature s = Signature.getInstance("Ed25519");
          s.initVerify(key);
          s.update(data);
          return s.verify(signature);
        }
      };
    }
    byte[] secret = secret(raw, file);
    String id = hmacId(secret);
    return new Verifier() {
      @Override
      public int algorithm() {
        return Seal.ALG_HMAC_SHA256;
      }

      @Override
      public String keyId() {
        return id;
      }

      @Override
      public boolean verify(byte[] data, byte[] signature) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return MessageDigest.isEqual(mac.doFinal(data), signature);
      }
    };
  }

  /**
   * Writes a new Ed25519 key pair: {@code privateFile} (PKCS#8 private key and its public key, PEM,
   * owner-only where the file system allows) and {@code publicFile} (the public key, PEM).
   */
  public static String generateEd25519(Path privateFile, Path publicFile)
      throws IOException, GeneralSecurityException {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pub = pemText("PUBLIC KEY", kp.getPublic().getEncoded());
    writePrivate(privateFile, pemText("PRIVATE KEY", kp.getPrivate().getEncoded()) + pub);
    Files.writeString(publicFile, pub, StandardCharsets.US_ASCII);
    return fingerprint(kp.getPublic().getEncoded());
  }

  /** Writes a new random 32-byte HMAC-SHA256 secret (as 64 hex characters) into {@code file}. */
  public static String generateHmac(Path file) throws IOException {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    String hex = Hex.of(secret);
    writePrivate(file, hex + "\n");
    return hmacId(hex.getBytes(StandardCharsets.US_ASCII));
  }

  private static void writePrivate(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file);
    try {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the parent's ACLs apply.
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  private static String pemText(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] pem(String text, String type) {
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        return Base64.getMimeDecoder().decode(m.group(2));
      }
    }
    return null;
  }

  private static byte[] secret(byte[] raw, Path file) throws GeneralSecurityException {
    int n = raw.length;
    while (n > 0 && (raw[n - 1] == '\n' || raw[n - 1] == '\r')) {
      n--;
    }
    if (n < 32) {
      throw new GeneralSecurityException(
          file
              + " is neither a PEM key nor an HMAC secret of at least 32 bytes (it holds "
              + n
              + ")");
    }
    return Arrays.copyOf(raw, n);
  }

  /** The first 8 bytes of the SHA-256 of an X.509-encoded public key, in hex. */
  private static String fingerprint(byte[] publicKeyDer) {
    return Hex.of(Sha256.digest().digest(publicKeyDer)).substring(0, 16);
  }

  private static String hmacId(byte[] secret) {
    MessageDigest md = Sha256.digest();
    md.update("tooltrace-hmac-key-id".getBytes(StandardCharsets.US_ASCII));
    return "hmac-" + Hex.of(md.digest(secret)).substring(0, 16);
  }
}
