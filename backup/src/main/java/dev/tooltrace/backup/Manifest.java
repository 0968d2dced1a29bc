/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list of files in a backup with their SHA-256 sums. Stored twice in the backup directory:
 * {@value #JSON} (the authority: sizes, lengths, completeness) and {@value #SHA256SUMS} in the
 * format of {@code sha256sum}, so that {@code sha256sum -c MANIFEST.sha256} works without
 * tooltrace. Both are replaced atomically (written aside, then moved).
 */
public final class Manifest {
  public static final String JSON = "manifest.json";
  public static final String SHA256SUMS = "MANIFEST.sha256";
  static final int FORMAT = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Map<String, ManifestEntry> entries = new LinkedHashMap<>();
  private String source = "";
  private long updatedEpochMillis;

  /** The manifest of {@code dest}, or an empty one when there is none yet. */
  public static Manifest readOrEmpty(Path dest) throws IOException {
    return Files.exists(dest.resolve(JSON)) ? read(dest) : new Manifest();
  }

  /** Reads the manifest of {@code dest}; throws {@link NotABackupException} if it has none. */
  public static Manifest read(Path dest) throws IOException {
    Path f = dest.resolve(JSON);
    if (!Files.isRegularFile(f)) {
      throw new NotABackupException(dest + " is not a tooltrace backup: it has no " + JSON);
    }
    Stored s;
    try {
      s = MAPPER.readValue(f.toFile(), Stored.class);
    } catch (IOException e) {
      throw new NotABackupException(f + " cannot be read: " + e.getMessage());
    }
    if (s.format() != FORMAT || s.files() == null) {
      throw new NotABackupException(f + " has an unknown format " + s.format());
    }
    Manifest m = new Manifest();
    m.source = s.source() == null ? "" : s.source();
    m.updatedEpochMillis = s.updatedEpochMillis();
    for (ManifestEntry e : s.files()) {
      m.entries.put(e.name(), e);
    }
    return m;
  }

  public ManifestEntry get(String name) {
    return entries.get(name);
  }

  public void put(ManifestEntry e) {
    entries.put(e.name(), e);
  }

  public List<ManifestEntry> entries() {
    List<ManifestEntry> l = new ArrayList<>(entries.values());
    l.sort(Comparator.comparing(ManifestEntry::name));
    return l;
  }

  public String source() {
    return source;
  }

  public long updatedEpochMillis() {
    return updatedEpochMillis;
  }

  /** Writes both manifest files into {@code dest}, each atomically. */
  public void write(Path dest, Path sourceDir, long nowMillis) throws IOException {
    source = sourceDir.toString();
    updatedEpochMillis = nowMillis;
    Stored s = new Stored(FORMAT, source, updatedEpochMillis, entries());
    replace(dest.resolve(JSON), MAPPER.writeValueAsBytes(s));
    StringBuilder sums = new StringBuilder();
    for (ManifestEntry e : entries()) {
      sums.append(e.sha256()).append("  ").append(e.name()).append('\n');
    }
    replace(dest.resolve(SHA256SUMS), sums.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void replace(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** What {@value #JSON} holds. */
  record Stored(int format, String source, long updatedEpochMillis, List<ManifestEntry> files) {}

  /** The directory given as a backup has no readable manifest. */
  public static final class NotABackupException extends RuntimeException {
    public NotABackupException(String message) {
      super(message);
    }
  }
}
