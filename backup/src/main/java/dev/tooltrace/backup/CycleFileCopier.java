/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.chronicle.wire.Wires;

/**
 * Copies a Chronicle cycle file ({@code *.cq4}) consistently while a writer may still append to it,
 * and tells whether the copy is complete.
 *
 * <p>Chronicle writes every document as a 4-byte header (length and two flags), 4-byte aligned:
 * first "not complete", then the data, then the final header with an ordered write. A file ends at
 * the first zero header (nothing written yet) and is sealed when the writer rolled to the next
 * cycle and wrote the end-of-file marker. This class copies the file front to back in one pass and
 * walks the headers IN THE COPY: a header seen complete was read before its data, so that data was
 * already final when read. The copy is cut at the first zero or incomplete header, so it never
 * holds a half-written document, and the file's pre-allocated (sparse) tail is not stored: {@link
 * CycleScan#dataEnd()} bytes are kept and restore extends the file back to its original length. The
 * file's own header block (write position, index arrays) is read first, so it never points past the
 * copied data.
 */
public final class CycleFileCopier {
  private static final int CHUNK = 1 << 20;

  private CycleFileCopier() {}

  /** Copies {@code source} to {@code target} (replaced) and returns what the copy holds. */
  public static CycleScan copy(Path source, Path target) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out =
            FileChannel.open(
                target,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
      long copied = 0;
      long walk = 0;
      CycleScan result = null;
      while (result == null) {
        buf.clear();
        int n = in.read(buf, copied);
        if (n <= 0) {
          // The source ended before a zero header: everything up to the last whole document.
          result = new CycleScan(Math.min(walk, copied), false);
          break;
        }
        buf.flip();
        long chunkStart = copied;
        while (buf.hasRemaining()) {
          out.write(buf, copied + buf.position());
        }
        copied += n;
        while (walk + 4 <= copied) {
          int header = headerAt(buf, chunkStart, n, out, walk);
          if (header == 0 || Wires.isNotComplete(header) && !Wires.isEndOfFile(header)) {
            result = new CycleScan(walk, false);
            break;
          }
          if (Wires.isEndOfFile(header)) {
            result = new CycleScan(walk + 4, true);
            break;
          }
          walk = align4(walk + 4 + Wires.lengthOf(header));
        }
      }
      out.truncate(result.dataEnd());
      out.force(true);
      return result;
    }
  }

  /**
   * Reads the header at {@code pos} of the source as it is now (no copy). Used to tell whether a
   * file copied earlier as unfinished has changed since: nothing was added when the header at the
   * old end is still zero.
   */
  public static int headerNow(Path source, long pos) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      if (in.read(b, pos) < 4) {
        return 0;
      }
      return b.getInt(0);
    }
  }

  /** Scans a file (a backup's copy, or a quiescent queue file) without copying it. */
  public static CycleScan scan(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      long walk = 0;
      long size = in.size();
      while (walk + 4 <= size) {
        b.clear();
        in.read(b, walk);
        int header = b.getInt(0);
        if (header == 0 || Wires.isNotComplete(header) && !Wires.isEndOfFile(header)) {
          return new CycleScan(walk, false);
        }
        if (Wires.isEndOfFile(header)) {
          return new CycleScan(walk + 4, true);
        }
        walk = align4(walk + 4 + Wires.lengthOf(header));
      }
      return new CycleScan(Math.min(walk, size), false);
    }
  }

  private static int headerAt(ByteBuffer chunk, long chunkStart, int n, FileChannel copy, long pos)
      throws IOException {
    long off = pos - chunkStart;
    if (off >= 0 && off + 4 <= n) {
      return chunk.getInt((int) off);
    }
    // Straddles chunks (or lies in an earlier one): read it back from the copy.
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    copy.read(b, pos);
    return b.getInt(0);
  }

  private static long align4(long p) {
    return (p + 3) & ~3L;
  }
}
