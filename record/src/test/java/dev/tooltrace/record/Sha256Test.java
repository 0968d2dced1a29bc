/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  @TempDir Path dir;

  @Test
  void matchesTheStandardTestVectorsAcrossBufferBoundaries() throws Exception {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(empty));
    Path abc = Files.writeString(dir.resolve("abc"), "abc");
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(abc));
    // One million 'a' (FIPS 180-2): several reads of the 64 KiB buffer.
    Path million = Files.write(dir.resolve("a"), "a".repeat(1_000_000).getBytes());
    assertEquals(
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Sha256.of(million));
  }

  @Test
  void aReusedSmallBufferGivesTheSameHashes() throws Exception {
    byte[] buf = new byte[7]; // smaller than a SHA-256 block: many reads, and reused across files
    Path abc = Files.writeString(dir.resolve("abc"), "abc");
    Path million = Files.write(dir.resolve("a"), "a".repeat(1_000_000).getBytes());
    assertEquals(
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        Sha256.of(million, buf));
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(abc, buf));
  }
}
