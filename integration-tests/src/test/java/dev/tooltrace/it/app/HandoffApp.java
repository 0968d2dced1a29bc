/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.it.app;

import dev.tooltrace.Tracked;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two processes handing data over through a file, as pipeline stages on different hosts do. Run
 * with {@code produce FILE}: {@code extract} → {@code render} (the file's content) → {@code
 * writeFile}. Run with {@code consume FILE}: the file is read with plain I/O and its content handed
 * to {@code parse} → {@code summarize}. The consumer's run has no call that produced the content,
 * so {@code parse}'s input links to the producer's {@code render} by content hash: a link crossing
 * runs.
 */
public final class HandoffApp {
  private HandoffApp() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[1]);
    if (args[0].equals("produce")) {
      String table = extract("orders-2026-11");
      String csv = render(table);
      writeFile(file.toString(), csv);
      System.out.println("wrote " + csv.length() + " chars");
    } else {
      String csv = Files.readString(file, StandardCharsets.UTF_8);
      String parsed = parse(csv);
      System.out.println(summarize(parsed));
    }
  }

  @Tracked
  static String extract(String source) {
    return "rows of " + source + ": 3";
  }

  @Tracked
  static String render(String table) {
    return "id,amount\n1,10\n2,20\n3,30\n# " + table + "\n";
  }

  @Tracked
  static int writeFile(String path, String content) throws Exception {
    Files.writeString(Path.of(path), content, StandardCharsets.UTF_8);
    return content.length();
  }

  @Tracked
  static String parse(String csv) {
    return "parsed " + csv.lines().filter(l -> !l.startsWith("#")).count() + " lines";
  }

  @Tracked
  static String summarize(String parsed) {
    return "summary: " + parsed;
  }
}
