/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.agent.telemetry;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads the machine's and the process's resource use, once, for both the Prometheus gauges and the
 * SAMPLE documents. Each reading returns {@code NaN} when it is unavailable (OSHI cannot load its
 * native bridge, the queue directory vanished): a missing number must never throw into the
 * application or into a metrics callback. The first failure of each kind is reported in one line.
 *
 * <p>CPU utilisation is a difference between two readings, so each probe keeps its own previous
 * ticks: give every consumer (metrics, sampler) its own probe, or their intervals interleave.
 */
public final class SystemProbe {
  private final Path queueDir;
  private final Consumer<String> log;
  private final boolean[] reported = new boolean[8];

  private volatile boolean oshiTried;
  private OperatingSystem os;
  private CentralProcessor cpu;
  private GlobalMemory memory;
  private int pid;
  private long[] prevSystemTicks;
  private OSProcess prevProcess;

  public SystemProbe(Path queueDir, Consumer<String> log) {
    this.queueDir = queueDir;
    this.log = log;
  }

  private synchronized boolean oshi() {
    if (!oshiTried) {
      oshiTried = true;
      try {
        SystemInfo si = new SystemInfo();
        os = si.getOperatingSystem();
        cpu = si.getHardware().getProcessor();
        memory = si.getHardware().getMemory();
        pid = os.getProcessId();
      } catch (Throwable t) {
        os = null;
        report(0, "OSHI is unavailable, CPU and system memory readings are off: " + t);
      }
    }
    return os != null;
  }

  /** CPU used by this process since the previous call, as a share of all logical CPUs (0..1). */
  public synchronized double processCpuUtilization() {
    try {
      if (!oshi()) {
        return Double.NaN;
      }
      OSProcess now = os.getProcess(pid);
      if (now == null) {
        return Double.NaN;
      }
      OSProcess prior = prevProcess;
      prevProcess = now;
      double load =
          prior == null
              ? now.getProcessCpuLoadCumulative()
              : now.getProcessCpuLoadBetweenTicks(prior);
      return share(load / cpu.getLogicalProcessorCount());
    } catch (Throwable t) {
      report(1, "cannot read process CPU: " + t);
      return Double.NaN;
    }
  }

  /** CPU used by the whole machine since the previous call (0..1). */
  public synchronized double systemCpuUtilization() {
    try {
      if (!oshi()) {
        return Double.NaN;
      }
      long[] ticks = cpu.getSystemCpuLoadTicks();
      long[] prior = prevSystemTicks;
      prevSystemTicks = ticks;
      return prior == null ? Double.NaN : share(cpu.getSystemCpuLoadBetweenTicks(prior, ticks));
    } catch (Throwable t) {
      report(2, "cannot read system CPU: " + t);
      return Double.NaN;
    }
  }

  /**
   * CPU times are counted in clock ticks: over a short interval the rounding can claim more than
   * all CPUs (or less than nothing); a share is kept within [0, 1].
   */
  private static double share(double v) {
    return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
  }

  /** Resident set size of this process in bytes. */
  public double processRss() {
    try {
      if (!oshi()) {
        return Double.NaN;
      }
      OSProcess p = os.getProcess(pid);
      return p == null ? Double.NaN : p.getResidentMemory();
    } catch (Throwable t) {
      report(3, "cannot read process memory: " + t);
      return Double.NaN;
    }
  }

  public double heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The heap's limit, or its committed size when the JVM reports no limit. */
  public double heapMax() {
    MemoryUsage u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return u.getMax() >= 0 ? u.getMax() : u.getCommitted();
  }

  public double systemMemoryTotal() {
    try {
      return oshi() ? memory.getTotal() : Double.NaN;
    } catch (Throwable t) {
      report(4, "cannot read system memory: " + t);
      return Double.NaN;
    }
  }

  public double systemMemoryUsed() {
    try {
      return oshi() ? memory.getTotal() - memory.getAvailable() : Double.NaN;
    } catch (Throwable t) {
      report(4, "cannot read system memory: " + t);
      return Double.NaN;
    }
  }

  /** Usable bytes on the queue's file system (what a new queue file can still take). */
  public double diskFree() {
    FileStore store = store();
    try {
      return store == null ? Double.NaN : store.getUsableSpace();
    } catch (IOException | RuntimeException e) {
      report(5, "cannot read free disk space of " + queueDir + ": " + e);
      return Double.NaN;
    }
  }

  public double diskTotal() {
    FileStore store = store();
    try {
      return store == null ? Double.NaN : store.getTotalSpace();
    } catch (IOException | RuntimeException e) {
      report(5, "cannot read disk size of " + queueDir + ": " + e);
      return Double.NaN;
    }
  }

  private FileStore store() {
    try {
      Path p = queueDir.toAbsolutePath();
      while (p != null && !Files.exists(p)) {
        p = p.getParent();
      }
      return p == null ? null : Files.getFileStore(p);
    } catch (IOException | RuntimeException e) {
      report(5, "cannot find the file system of " + queueDir + ": " + e);
      return null;
    }
  }

  /** The queue's size on disk: the sum of its {@code *.cq4} data files (0 before the first). */
  public double queueSize() {
    if (!Files.isDirectory(queueDir)) {
      return 0;
    }
    long sum = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(queueDir, "*.cq4")) {
      for (Path p : ds) {
        try {
          sum += Files.size(p);
        } catch (IOException e) {
          // Rolled away or deleted between listing and reading: not part of the queue any more.
        }
      }
    } catch (IOException | RuntimeException e) {
      report(6, "cannot list queue files in " + queueDir + ": " + e);
      return Double.NaN;
    }
    return sum;
  }

  public Path queueDir() {
    return queueDir;
  }

  private void report(int kind, String line) {
    synchronized (reported) {
      if (reported[kind]) {
        return;
      }
      reported[kind] = true;
    }
    try {
      log.accept(line);
    } catch (RuntimeException ignored) {
      // A broken log sink must not turn a missing number into a failure.
    }
  }
}
