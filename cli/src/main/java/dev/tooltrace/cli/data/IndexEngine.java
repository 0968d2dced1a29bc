/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli.data;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Finds the index engine. It is not inside the agent jar: its database (DuckDB, a native library of
 * about 70 MB per platform) would more than triple the jar every application loads. It ships as
 * {@code tooltrace-index.jar}, found, in this order: on the class path (tests, embedding); at
 * {@code -Dtooltrace.index.jar} or {@code $TOOLTRACE_INDEX_JAR}; next to the agent jar. It is
 * loaded in a class loader whose parent is the CLI's, so it shares the record and analysis classes.
 */
public final class IndexEngine {
  /** The engine's file name next to the agent jar. */
  public static final String JAR = "tooltrace-index.jar";

  private static volatile RecordedDataProvider cached;

  private IndexEngine() {}

  /** The engine, or null when none is installed. */
  public static RecordedDataProvider find() {
    RecordedDataProvider p = cached;
    if (p != null) {
      return p;
    }
    ClassLoader own = IndexEngine.class.getClassLoader();
    p = first(ServiceLoader.load(RecordedDataProvider.class, own));
    if (p == null) {
      Path jar = jarPath();
      if (jar != null) {
        try {
          URLClassLoader child = new URLClassLoader(new URL[] {jar.toUri().toURL()}, own);
          p = first(ServiceLoader.load(RecordedDataProvider.class, child));
        } catch (Exception | java.util.ServiceConfigurationError e) {
          throw new IllegalStateException("cannot load the index engine " + jar + ": " + e, e);
        }
      }
    }
    cached = p;
    return p;
  }

  private static RecordedDataProvider first(ServiceLoader<RecordedDataProvider> loader) {
    Iterator<RecordedDataProvider> it = loader.iterator();
    return it.hasNext() ? it.next() : null;
  }

  /** Where the engine jar is, or null. */
  static Path jarPath() {
    String explicit =
        System.getProperty("tooltrace.index.jar", System.getenv("TOOLTRACE_INDEX_JAR"));
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit);
      return Files.isRegularFile(p) ? p : null;
    }
    try {
      CodeSource cs = IndexEngine.class.getProtectionDomain().getCodeSource();
      if (cs == null || cs.getLocation() == null) {
        return null;
      }
      File self = new File(cs.getLocation().toURI());
      if (!self.isFile()) {
        return null;
      }
      Path sibling = self.toPath().resolveSibling(JAR);
      return Files.isRegularFile(sibling) ? sibling : null;
    } catch (Exception e) {
      return null;
    }
  }
}
