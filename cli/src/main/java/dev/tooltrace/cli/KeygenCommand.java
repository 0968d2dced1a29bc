/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import dev.tooltrace.record.SealKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keygen FILE}: a key for the agent's {@code audit.key} (signed seals). */
@Command(
    name = "keygen",
    description = {
      "Write a new key for signing seals (the agent's audit.key): an Ed25519 key pair, FILE"
          + " (private, owner-only) and FILE.pub (public, for 'audit --public-key'); with --hmac"
          + " a 32-byte HMAC-SHA256 secret in FILE (audit needs the same file).",
      "openssl's keys work too: 'openssl genpkey -algorithm ed25519 -out FILE' and 'openssl pkey"
          + " -in FILE -pubout -out FILE.pub'."
    })
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The private key (or secret) file.")
  Path file;

  @Option(names = "--hmac", description = "An HMAC-SHA256 secret instead of an Ed25519 key pair.")
  boolean hmac;

  @Option(names = "--force", description = "Replace FILE (and FILE.pub) if they exist.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path pub = file.resolveSibling(file.getFileName() + ".pub");
    if (!force && (Files.exists(file) || !hmac && Files.exists(pub))) {
      throw CliException.usage(
          (Files.exists(file) ? file : pub) + " exists; give --force to replace it");
    }
    try {
      if (hmac) {
        String id = SealKeys.generateHmac(file);
        out.println("keygen: HMAC-SHA256 secret " + id + " in " + file);
      } else {
        String id = SealKeys.generateEd25519(file, pub);
        out.println("keygen: Ed25519 key " + id + ": private " + file + ", public " + pub);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw CliException.usage("cannot write " + file + ": " + e.getMessage());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
