/*
 * Copyright 2026 The tooltrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.tooltrace.cli;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a point in time into epoch nanoseconds: ISO-8601 ({@code 2026-11-28T10:15:30Z}, with an
 * offset, or without one meaning UTC; a bare date means its start in UTC) or an epoch number whose
 * unit follows from its size: below 1e11 seconds (fractions allowed), below 1e14 milliseconds,
 * below 1e17 microseconds, else nanoseconds.
 */
public final class EpochNanosConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.trim();
    if (v.matches("\\d+(\\.\\d+)?")) {
      BigDecimal n = new BigDecimal(v);
      BigDecimal scale;
      if (n.compareTo(BigDecimal.valueOf(100_000_000_000L)) < 0) {
        scale = BigDecimal.valueOf(1_000_000_000L);
      } else if (n.compareTo(BigDecimal.valueOf(100_000_000_000_000L)) < 0) {
        scale = BigDecimal.valueOf(1_000_000L);
      } else if (n.compareTo(BigDecimal.valueOf(100_000_000_000_000_000L)) < 0) {
        scale = BigDecimal.valueOf(1_000L);
      } else {
        scale = BigDecimal.ONE;
      }
      return n.multiply(scale).longValue();
    }
    try {
      return nanos(Instant.parse(v));
    } catch (DateTimeParseException e) {
      // Try the other forms.
    }
    try {
      return nanos(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException e) {
      // Try the other forms.
    }
    try {
      return nanos(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      // Try the other forms.
    }
    try {
      return nanos(LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a time: use ISO-8601 (2026-11-28T10:15:30Z) or epoch seconds/millis");
    }
  }

  private static long nanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }
}
