/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the agent's implementation (and its copies of Byte Buddy, Chronicle, OpenTelemetry, OSHI,
 * ...) from the {@code inst/} entries of the agent jar, where classes are stored as {@code
 * .classdata} so that no other class loader can see them.
 *
 * <p>Parent is the platform class loader: the application's classes (and its own versions of the
 * same libraries) are never visible here. The bootstrap API ({@code dev.tooltrace.*}) resolves
 * through the bootstrap loader when the agent jar was appended to it (agent mode); in CLI mode it
 * is read from the jar's top level by this loader.
 */
final class AgentClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final String PREFIX = "inst/";

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain domain;

  AgentClassLoader(File agentJar) throws IOException {
    super("tooltrace", ClassLoader.getPlatformClassLoader());
    this.jar = new JarFile(agentJar, false);
    this.jarUrl = "jar:" + agentJar.toURI() + "!/";
    this.domain =
        new ProtectionDomain(
            new CodeSource(agentJar.toURI().toURL(), (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try {
          c = getParent().loadClass(name);
        } catch (ClassNotFoundException e) {
          c = findClass(name);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/');
    JarEntry entry = jar.getJarEntry(PREFIX + path + ".classdata");
    if (entry == null && isBootstrapApi(name)) {
      entry = jar.getJarEntry(path + ".class");
    }
    if (entry == null) {
      // JDK modules defined to the application class loader (jdk.httpserver, jdk.compiler, ...).
      if (name.startsWith("com.sun.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
        return ClassLoader.getSystemClassLoader().loadClass(name);
      }
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = read(in, entry.getSize());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException raced) {
          // defined concurrently
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  /**
   * An entry's bytes, read straight into one array of the size the jar states (it always does).
   * Thousands of classes load at start-up: {@code readNBytes(int)} would read a class larger than 8
   * KB into 8 KB pieces and copy them (about 30% more garbage per class loaded, measured), and
   * {@code readAllBytes} grows its buffers; in a short job all of it is start-up garbage in eden.
   */
  static byte[] read(InputStream in, long size) throws IOException {
    if (size < 0 || size >= Integer.MAX_VALUE - 8) {
      return in.readAllBytes();
    }
    byte[] bytes = new byte[(int) size];
    int n = 0;
    while (n < bytes.length) {
      int r = in.read(bytes, n, bytes.length - n);
      if (r < 0) {
        throw new IOException("entry shorter than the jar states: " + n + " of " + size + " bytes");
      }
      n += r;
    }
    return bytes;
  }

  private static boolean isBootstrapApi(String name) {
    return name.startsWith("dev.tooltrace.")
            && !name.startsWith("dev.tooltrace.agent.")
            && name.indexOf('.', "dev.tooltrace.".length()) < 0
        || name.startsWith("dev.tooltrace.bootstrap.");
  }

  @Override
  protected URL findResource(String name) {
    String entry = entryName(name);
    if (entry == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entry);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL u = findResource(name);
    return u == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(java.util.List.of(u));
  }

  private String entryName(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    String mapped =
        n.endsWith(".class")
            ? PREFIX + n.substring(0, n.length() - ".class".length()) + ".classdata"
            : PREFIX + n;
    if (jar.getJarEntry(mapped) != null) {
      return mapped;
    }
    return null;
  }
}
