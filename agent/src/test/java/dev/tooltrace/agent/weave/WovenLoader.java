/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.weave;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the classes of one package itself, from the test class path, so that they are loaded (and
 * pass the installed transformer) after the test has installed the weaving, whatever the
 * application class loader has loaded already; everything else comes from the parent.
 */
final class WovenLoader extends ClassLoader {
  private final String packagePrefix;

  WovenLoader(String packageName) {
    super(WovenLoader.class.getClassLoader());
    this.packagePrefix = packageName + ".";
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith(packagePrefix)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          byte[] bytes = in.readAllBytes();
          c = defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }
}
